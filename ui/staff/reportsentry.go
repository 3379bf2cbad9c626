package staff

import "fyne.io/fyne/v2"

// SetReports gives the window the registration goal's reports screen,
// opened from a button under the search; win is the window its file
// dialogs belong to. Call it before Start. (Which roles may open it is the
// sign-in's business: the screen is for sales managers and admins.)
func (w *Window) SetReports(b ReportsBackend, win fyne.Window) {
	if b == nil {
		return
	}
	w.reports = NewReports(w.ctx, b, win)
	w.reports.Async = func(work func() func()) { w.Async(work) }
	w.applyRole()
}

// ShowReports opens the reports in the detail pane and counts the current
// quarter.
func (w *Window) ShowReports() {
	if w.reports == nil {
		return
	}
	w.setDetail(w.reports.Content())
	w.reports.Start()
}
