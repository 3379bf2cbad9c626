package staff

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// IdleLock is how long a signed-in desk waits without a key press, a click
// or typing before it locks itself: a desk left alone must not show
// customers to whoever passes by.
const IdleLock = 5 * time.Minute

// Fyne hands an event only to the widget it is for, with no hook for the
// whole window. The desk sees activity three ways: the canvas's own key
// hooks (keys with nothing focused), the desk's own widgets (its entries,
// buttons and the result list call touch), and, for the widgets of other
// screens, a look at each tick at what the person can change — the focused
// widget, the text and cursor of a focused entry, the screen in the detail
// pane — any change of which is activity too.

// activity is what the tick compares between two looks.
type activity struct {
	focused fyne.Focusable
	text    string
	row     int
	col     int
	screen  fyne.CanvasObject
	query   string
}

func (w *Window) look() activity {
	a := activity{query: w.search.Text}
	if len(w.detail.Objects) > 0 {
		a.screen = w.detail.Objects[0]
	}
	if w.deskCanvas == nil {
		return a
	}
	a.focused = w.deskCanvas.Focused()
	if e, ok := a.focused.(*widget.Entry); ok {
		a.text, a.row, a.col = e.Text, e.CursorRow, e.CursorColumn
	}
	if e, ok := a.focused.(*deskEntry); ok {
		a.text, a.row, a.col = e.Text, e.CursorRow, e.CursorColumn
	}
	return a
}

// touch records activity now.
func (w *Window) touch() { w.lastActive = w.now() }

// checkIdle runs on the UI goroutine at every tick: activity seen since
// the last look counts, and a desk idle for IdleLock locks itself.
func (w *Window) checkIdle() {
	if a := w.look(); a != w.seen {
		w.seen = a
		w.touch()
	}
	if w.locked() || w.signin == nil {
		w.touch() // the idle time starts when someone signs in
		if w.signin != nil && len(w.signin.members) == 0 {
			w.Async(w.loadMembers) // the staff may come with the next sync
		}
		return
	}
	if w.now().Sub(w.lastActive) >= IdleLock {
		w.Lock()
		w.seen = w.look()
	}
}

// now is the window's clock: Now when a test set one.
func (w *Window) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}
