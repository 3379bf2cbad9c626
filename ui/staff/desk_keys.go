package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The desk is keyboard-first: Down and Up move through the search results
// while the cursor stays in the search box, Enter opens the highlighted
// customer, Escape comes back to the search from anywhere, typing with
// nothing focused types into the search, and Ctrl+1 to Ctrl+5 open the
// desk's own screens.

// deskEntry is the desk's text entry: every key, rune and tap counts as
// activity for the idle lock, Escape returns to the search, and onKey may
// take keys before the entry does.
type deskEntry struct {
	widget.Entry
	w     *Window
	onKey func(*fyne.KeyEvent) bool // true when it handled the key
}

func (w *Window) newEntry(submit func(string)) *deskEntry {
	e := &deskEntry{w: w}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = submit
	return e
}

// TypedRune counts as activity.
func (e *deskEntry) TypedRune(r rune) {
	e.w.touch()
	e.Entry.TypedRune(r)
}

// TypedKey gives onKey the first look, then Escape goes back to the search.
func (e *deskEntry) TypedKey(k *fyne.KeyEvent) {
	e.w.touch()
	if e.onKey != nil && e.onKey(k) {
		return
	}
	if k.Name == fyne.KeyEscape && e != e.w.search {
		e.w.backToSearch()
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut counts as activity (pasting a scanned VIN, say), and
// takes the desk's own shortcuts.
func (e *deskEntry) TypedShortcut(s fyne.Shortcut) {
	e.w.touch()
	if e.w.deskShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// deskKeys are the keys that, with Ctrl, open the desk's own screens.
var deskKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5}

// deskShortcut opens a screen of the desk's own work for Ctrl+1 to Ctrl+5
// (registration, handover, arrivals, service desk, refused changes), when
// the member's role offers it.
func (w *Window) deskShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if ok && cs.Modifier == fyne.KeyModifierAlt && !w.locked() {
		// Alt+1…8 choose the card's sections from the desk's entries too,
		// where the canvas's own shortcuts do not reach: a focused entry
		// takes the shortcut first.
		return w.card.sectionKey(cs.KeyName)
	}
	if !ok || cs.Modifier != fyne.KeyModifierControl || w.work == nil || w.locked() {
		return false
	}
	d := w.work
	for i, b := range []*widget.Button{d.registerBtn, d.handoverBtn, d.arrivalsBtn, d.serviceBtn, d.attentionBtn} {
		if cs.KeyName == deskKeys[i] && b.Visible() {
			w.touch()
			b.OnTapped()
			return true
		}
	}
	return false
}

// Tapped counts as activity.
func (e *deskEntry) Tapped(ev *fyne.PointEvent) {
	e.w.touch()
	e.Entry.Tapped(ev)
}

// searchKey moves the highlight through the results; Escape empties the
// search.
func (w *Window) searchKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		w.moveCursor(1)
	case fyne.KeyUp:
		w.moveCursor(-1)
	case fyne.KeyEscape:
		w.search.SetText("")
		// SetText keeps a selection made before: without this the next
		// letter typed would replace the one before it.
		w.search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	default:
		return false
	}
	return true
}

// moveCursor moves the highlighted result by step, staying in the list.
func (w *Window) moveCursor(step int) {
	if len(w.hits) == 0 {
		return
	}
	w.cursor = min(max(w.cursor+step, 0), len(w.hits)-1)
	w.results.Refresh()
	w.results.ScrollTo(w.cursor)
}

// openCursor opens the highlighted result (Enter in the search).
func (w *Window) openCursor() {
	if w.cursor >= 0 && w.cursor < len(w.hits) {
		w.open(w.hits[w.cursor].Ref)
	}
}

// backToSearch puts the cursor in the search box, its text selected, so
// that the next query simply replaces it.
func (w *Window) backToSearch() {
	w.touch()
	w.setFocus(w.search)
	w.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// hookCanvas takes the keys that reach the window with nothing focused:
// they count as activity, Escape and the arrows work the search, and
// typing goes into the search box.
func (w *Window) hookCanvas(c fyne.Canvas) {
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		w.touch()
		if w.locked() {
			return
		}
		switch k.Name {
		case fyne.KeyEscape:
			w.backToSearch()
		case fyne.KeyDown, fyne.KeyUp:
			w.searchKey(k)
		}
	})
	for _, k := range deskKeys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}, func(s fyne.Shortcut) {
			w.deskShortcut(s)
		})
	}
	c.SetOnTypedRune(func(r rune) {
		w.touch()
		if w.locked() {
			return
		}
		w.setFocus(w.search)
		w.search.TypedRune(r)
	})
}

// locked says whether the sign-in screen stands before the desk.
func (w *Window) locked() bool { return w.signin != nil && w.member.ID == "" }

// setFocus puts the cursor on o once o is on a canvas.
func (w *Window) setFocus(o fyne.Focusable) {
	c := w.deskCanvas
	if c == nil {
		if a := fyne.CurrentApp(); a != nil {
			c = a.Driver().CanvasForObject(o.(fyne.CanvasObject))
		}
	}
	if c != nil {
		c.Focus(o)
	}
}
