package staff

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// SyncState is what the status bar shows of the sync with the portal.
type SyncState struct {
	// Enrolled is false on a device that has no portal: it works offline
	// for good.
	Enrolled bool
	// Known is false until the first round with the portal has ended.
	Known  bool
	Online bool
	Outbox int
	// LastSync is the end of the last successful round; zero before one.
	LastSync time.Time
	// Attention counts the changes the portal refused.
	Attention int
	// LastError says why the last failed round failed, LastErrorCode is
	// its stable code (never personal data) and LastErrorAt when it ended.
	// They stay after a later success; the bar names the failure only
	// while no round has succeeded since.
	LastError     SyncProblem
	LastErrorCode string
	LastErrorAt   time.Time
}

// SyncProblem is why a round with the portal failed, as the bar names it.
type SyncProblem int

const (
	// SyncOK: no round has failed.
	SyncOK SyncProblem = iota
	// SyncNoConnection: the connection to the portal was refused or broke.
	SyncNoConnection
	// SyncTimeout: the portal did not answer in time.
	SyncTimeout
	// SyncPortalFault: the portal answered with a fault of its own.
	SyncPortalFault
	// SyncBusy: the portal asked to come back later.
	SyncBusy
	// SyncBadAnswer: the portal's answer could not be read.
	SyncBadAnswer
	// SyncUnreachable: the portal could not be reached, for a reason not
	// named above.
	SyncUnreachable
	// SyncTokenRefused: the portal refused the device's token; the device
	// must be enrolled again.
	SyncTokenRefused
	// SyncFailed: any other failure; LastErrorCode says which.
	SyncFailed
)

// failing says whether the last round failed: a failure after the last
// successful round, or before any.
func (st SyncState) failing() bool {
	return st.LastError != SyncOK && !st.LastErrorAt.IsZero() && st.LastErrorAt.After(st.LastSync)
}

// problemText names why the last round failed, in a few words staff can
// act on; built from the problem and its code only.
func problemText(st SyncState) string {
	switch st.LastError {
	case SyncNoConnection:
		return ui.T("desk.sync.fail.noconnection")
	case SyncTimeout:
		return ui.T("desk.sync.fail.timeout")
	case SyncPortalFault:
		return ui.T("desk.sync.fail.portalfault")
	case SyncBusy:
		return ui.T("desk.sync.fail.busy")
	case SyncBadAnswer:
		return ui.T("desk.sync.fail.badanswer")
	case SyncUnreachable:
		return ui.T("desk.sync.fail.unreachable")
	case SyncTokenRefused:
		return ui.T("desk.sync.fail.token")
	}
	code := st.LastErrorCode
	if code == "" {
		code = "?"
	}
	return ui.T("desk.sync.fail.other", code)
}

// SyncStatus is what the status bar consumes; cmd/showroom implements it
// with the app's sync engine.
type SyncStatus interface {
	SyncStatus(ctx context.Context) (SyncState, error)
}

// statusBar is always at the bottom of the desk: online or not (and why
// the last round failed, when it did), the changes waiting to be sent,
// the last sync, and the refused changes.
type statusBar struct {
	online    *widget.Label
	outbox    *widget.Label
	lastSync  *widget.Label
	attention *widget.Button
	root      *fyne.Container
	state     SyncState
}

func newStatusBar(w *Window) *statusBar {
	b := &statusBar{
		online:   widget.NewLabel(ui.T("desk.sync.checking")),
		outbox:   widget.NewLabel(""),
		lastSync: widget.NewLabel(""),
	}
	b.attention = &widget.Button{Icon: theme.WarningIcon(), Importance: widget.DangerImportance, OnTapped: func() {
		w.touch()
		w.ShowAttention()
	}}
	b.attention.Hide()
	b.root = container.NewHBox(b.online, widget.NewSeparator(), b.outbox, widget.NewSeparator(), b.lastSync, b.attention)
	return b
}

// show puts st on the bar; now dates the last sync.
func (b *statusBar) show(st SyncState, err error, now time.Time) {
	b.state = st
	switch {
	case err != nil:
		b.online.SetText(ui.T("desk.sync.unknown"))
		b.online.Importance = widget.WarningImportance
	case !st.Enrolled:
		b.online.SetText(ui.T("desk.sync.notenrolled"))
		b.online.Importance = widget.WarningImportance
	case !st.Known:
		b.online.SetText(ui.T("desk.sync.checking"))
		b.online.Importance = widget.MediumImportance
	case st.failing() && st.LastError == SyncTokenRefused:
		// Nothing reaches the portal until staff act.
		b.online.SetText(problemText(st))
		b.online.Importance = widget.DangerImportance
	case st.failing():
		b.online.SetText(problemText(st))
		b.online.Importance = widget.WarningImportance
	case st.Online:
		b.online.SetText(ui.T("desk.sync.online"))
		b.online.Importance = widget.SuccessImportance
	default:
		b.online.SetText(ui.T("desk.sync.offline"))
		b.online.Importance = widget.WarningImportance
	}
	b.online.Refresh()
	b.outbox.SetText(ui.T("desk.sync.outbox", st.Outbox))
	b.lastSync.SetText(lastSyncText(st.LastSync, now))
	if st.Attention > 0 {
		b.attention.SetText(ui.T("desk.sync.attention", st.Attention))
		b.attention.Show()
	} else {
		b.attention.Hide()
	}
	relayout(b.root) // the texts' widths changed: lay the bar out again
}

// lastSyncText says when the last sync was: the time today, the date and
// time before.
func lastSyncText(at, now time.Time) string {
	if at.IsZero() {
		return ui.T("desk.sync.never")
	}
	at = at.In(now.Location())
	if y, m, d := at.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return ui.T("desk.sync.last", at.Format("15:04"))
	}
	return ui.T("desk.sync.last", at.Format("02.01.2006 15:04"))
}

// SetSync gives the status bar its source, which says too when the device
// has no portal; without one the window shows no bar. Call it before Start
// and Content.
func (w *Window) SetSync(s SyncStatus) { w.syncSrc = s }

// pollSync reads the sync state off the UI goroutine and shows it; a poll
// still under way makes the next one wait for the tick after.
func (w *Window) pollSync() {
	if w.syncSrc == nil {
		return // no bar to show it on
	}
	if !w.polling.CompareAndSwap(false, true) {
		return
	}
	w.Async(func() func() {
		defer w.polling.Store(false)
		ctx, cancel := context.WithTimeout(w.ctx, 5*time.Second)
		st, err := w.syncSrc.SyncStatus(ctx)
		cancel()
		return func() {
			if err != nil {
				w.logFailure("sync status failed", err)
			}
			w.bar.show(st, err, w.now())
			// The list on screen is out of date: the sync moved changes into
			// it or staff resolved them elsewhere.
			if a := w.work; a != nil && st.Attention != a.attention.count && !a.attention.loading {
				a.attention.count = st.Attention
				if w.detail.Objects[0] == a.attention.root {
					a.attention.load()
				}
			}
		}
	})
}

// Watch polls the sync state and checks for idleness every period until
// the window's context ends (Start polls once at once). The app calls it
// once; tests call pollSync and checkIdle themselves.
func (w *Window) Watch(every time.Duration) {
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-w.ctx.Done():
				return
			case <-t.C:
				w.pollSync()
				fyne.Do(w.checkIdle)
			}
		}
	}()
}

// logFailure logs a failure of the desk's own work without personal data:
// its code only, since a validation error's text may quote what was typed.
func (w *Window) logFailure(msg string, err error) {
	if w.log != nil {
		w.log.Error(msg, "code", showroom.ErrorCode(err))
	}
}
