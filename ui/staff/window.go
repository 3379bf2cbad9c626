package staff

import (
	"context"
	"image/color"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// searchLimit bounds the result list: a desk needs the best few, not all.
const searchLimit = 50

// Window is the staff window's content: search on the left, the chosen
// customer's cabinet on the right, a status line below.
type Window struct {
	ctx     context.Context
	backend Backend
	log     *slog.Logger

	search  *deskEntry
	results *widget.List
	hint    *widget.Label
	status  *widget.Label
	detail  *fyne.Container
	card    *cabinetView

	// The print flow and the coupon desk, when SetDesk gave them.
	printing  Printing
	print     *printView
	coupons   *couponView
	couponBtn *widget.Button
	shown     fyne.CanvasObject // what the detail pane returns to from the print flow
	canvas    fyne.Canvas       // the window's, from Focus; nil before

	// The registration goal's reports, when SetReports gave them.
	reports    *Reports
	reportsBtn *widget.Button

	// The device's settings, when SetSettings gave them.
	settings    *settingsView
	settingsBtn *widget.Button

	// The sign-in before the desk, when SetSignIn gave one.
	signIn   SignIn
	signin   *signInView
	desk     fyne.CanvasObject
	lockBtn  *widget.Button
	signedIn *widget.Label
	member   Member

	// The dealer's own work, when SetWork gave it, the sync status bar and
	// the idle lock (desk_*.go).
	work       *deskWork
	tools      *fyne.Container // the buttons under the search
	bar        *statusBar
	syncSrc    SyncStatus
	polling    atomic.Bool
	deskCanvas fyne.Canvas
	lastActive time.Time
	seen       activity
	cursor     int // the highlighted result, which Enter opens
	// Now is the clock of the idle lock and the status bar; time.Now when
	// nil. Tests set it before Start.
	Now func() time.Time

	hits       []Hit
	statusText string // what the status line says when nothing is loading
	searchID   int    // increases with every query, so a slow answer never overwrites a newer one
	root       fyne.CanvasObject
	frame      fyne.CanvasObject // root with the status line and bar

	// Async runs backend calls; ui.Background unless a test sets another
	// before Start.
	Async ui.Async
}

// New builds the staff window's content. ctx bounds every backend call.
func New(ctx context.Context, b Backend, log *slog.Logger) *Window {
	w := &Window{ctx: ctx, backend: b, log: log, Async: ui.Background}
	w.search = w.newEntry(func(string) { w.openCursor() })
	w.search.SetPlaceHolder(ui.T("staff.search.placeholder"))
	w.search.OnChanged = w.onSearch
	w.search.onKey = w.searchKey
	w.hint = widget.NewLabel(ui.T("staff.search.hint"))
	w.hint.Wrapping = fyne.TextWrapWord
	w.results = widget.NewList(w.length, w.createRow, w.updateRow)
	w.results.OnSelected = func(id widget.ListItemID) {
		w.touch()
		w.cursor = id
		w.results.UnselectAll() // the highlight shows the choice; a second click opens again
		w.open(w.hits[id].Ref)
	}
	w.status = widget.NewLabel(ui.T("staff.status.loading"))
	w.card = newCabinetView()
	w.detail = container.NewStack(w.card.overview)

	w.shown = w.card.overview
	w.couponBtn = &widget.Button{Text: ui.T("coupon.open"), Icon: theme.ConfirmIcon(), OnTapped: w.ShowCoupons}
	w.couponBtn.Hide()

	w.reportsBtn = &widget.Button{Text: ui.T("reports.open"), Icon: theme.InfoIcon(), OnTapped: w.ShowReports}
	w.reportsBtn.Hide()

	w.tools = container.NewVBox(w.couponBtn, w.reportsBtn)
	left := container.NewBorder(container.NewVBox(w.search, w.hint), w.tools, nil, nil, w.results)
	split := container.NewHSplit(left, w.detail)
	split.Offset = 0.3
	w.root = container.NewBorder(nil, w.status, nil, nil, split)
	w.bar = newStatusBar(w)
	return w
}

// SetDesk gives the window its print flow and coupon desk; either may be
// nil. Call it before Start.
func (w *Window) SetDesk(p Printing, c Coupons) {
	if p != nil {
		w.printing = p
		w.print = newPrintView(w.ctx, p, func(work func() func()) { w.Async(work) }, w.log, w.closePrint)
		w.print.focus = w.focus
		w.card.printing = true
		w.card.onWelcomePack = w.printWelcomePack
		w.card.onCoupon = w.printCoupon
	}
	if c != nil {
		w.coupons = newCouponView(w.ctx, c, func(work func() func()) { w.Async(work) }, w.log)
		w.coupons.focus = w.focus
		w.applyRole()
	}
}

// ShowCoupons opens the coupon desk in the detail pane, the cursor in its
// entry, ready for a typed or scanned code.
func (w *Window) ShowCoupons() {
	if w.coupons == nil {
		return
	}
	w.setDetail(w.coupons.root)
	w.focus(w.coupons.entry)
}

func (w *Window) setDetail(o fyne.CanvasObject) {
	w.detail.Objects = []fyne.CanvasObject{o}
	w.detail.Refresh()
}

func (w *Window) printWelcomePack() {
	c := w.card.cab.Customer
	w.print.open(printJob{what: ui.T("print.welcomepack.title", c.FullName()), customer: c.ID})
	w.setDetail(w.print.root)
}

func (w *Window) printCoupon(o CarOffer) {
	w.print.open(printJob{what: ui.T("print.coupon.title", o.Offer.Title, o.Vehicle.Model, o.Vehicle.VIN),
		offerID: o.Offer.ID, vin: o.Vehicle.VIN})
	w.setDetail(w.print.root)
}

func (w *Window) closePrint() { w.setDetail(w.shown) }

// Start loads the dealer's overview in the background.
func (w *Window) Start() {
	w.Async(w.loadOverview)
	if w.signIn != nil {
		w.Async(w.loadMembers)
	}
	w.touch()
	w.pollSync()
}

// Content is the window's root object; with SetSync, the sync status bar
// stays below it, whether the desk or the sign-in shows.
func (w *Window) Content() fyne.CanvasObject {
	if w.syncSrc == nil {
		return w.root
	}
	if w.frame == nil {
		w.frame = container.NewBorder(nil, w.bar.root, nil, nil, w.root)
	}
	return w.frame
}

// Focus puts the cursor into the search box: the desk is keyboard-first.
// The window keeps c to move the cursor later (into the coupon entry).
func (w *Window) Focus(c fyne.Canvas) {
	w.canvas = c
	w.deskCanvas = c
	w.hookCanvas(c)
	if w.locked() {
		c.Focus(w.signin.pin) // the sign-in stands before the desk
		return
	}
	c.Focus(w.search)
}

// focus puts the cursor on o, once o is on the window's canvas.
func (w *Window) focus(o fyne.Focusable) {
	c := w.canvas
	if c == nil {
		c = fyne.CurrentApp().Driver().CanvasForObject(o.(fyne.CanvasObject))
	}
	if c != nil {
		c.Focus(o)
	}
}

func (w *Window) length() int { return len(w.hits) }

func (w *Window) createRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel("")
	info.Truncation = fyne.TextTruncateEllipsis
	mark := canvas.NewRectangle(color.Transparent) // the keyboard's highlight
	mark.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(mark, container.NewVBox(name, info))
}

func (w *Window) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	h := w.hits[id]
	row := o.(*fyne.Container)
	mark := row.Objects[0].(*canvas.Rectangle)
	if id == w.cursor {
		mark.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		mark.FillColor = color.Transparent
	}
	mark.Refresh()
	box := row.Objects[1].(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(h.Name)
	parts := []string{}
	for _, s := range []string{h.CustomerID, h.Email, h.Phone, h.VIN} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	box.Objects[1].(*widget.Label).SetText(strings.Join(parts, " · "))
}

func (w *Window) onSearch(q string) {
	w.searchID++
	id := w.searchID
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 2 {
		w.applyHits(id, q, nil, nil)
		return
	}
	w.Async(func() func() {
		hits, err := w.backend.Search(w.ctx, q, searchLimit)
		return func() { w.applyHits(id, q, hits, err) }
	})
}

func (w *Window) applyHits(id int, q string, hits []Hit, err error) {
	if id != w.searchID {
		return // a newer query is on its way
	}
	w.hits = hits
	w.cursor = 0
	w.results.UnselectAll()
	w.results.Refresh()
	switch {
	case err != nil:
		w.log.Error("search failed", "err", err)
		w.hint.SetText(ui.T("staff.search.failed"))
	case len([]rune(q)) < 2:
		w.hint.SetText(ui.T("staff.search.hint"))
	case len(hits) == 0:
		w.hint.SetText(ui.T("staff.search.none", q))
	default:
		w.hint.SetText("")
	}
	w.hint.Hidden = w.hint.Text == ""
	w.hint.Refresh()
	w.relayout()
}

// OpenCustomer opens the cabinet of the customer ref, as choosing the
// customer in the results does.
func (w *Window) OpenCustomer(ref string) { w.open(ref) }

func (w *Window) open(ref string) {
	w.status.SetText(ui.T("staff.status.loading"))
	w.Async(func() func() {
		ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
		defer cancel()
		cab, err := w.backend.Cabinet(ctx, ref)
		return func() {
			if err != nil {
				w.log.Error("cabinet failed to load", "err", err)
				w.status.SetText(ui.T("staff.loadfailed"))
				return
			}
			w.status.SetText(w.statusText)
			w.card.show(cab)
			w.shown = w.card.tabs
			w.setDetail(w.card.tabs)
			if w.printing != nil {
				w.loadOffers(cab)
			}
		}
	})
}

// loadOffers finds the offers of the cabinet's cars in the background.
func (w *Window) loadOffers(cab showroom.Cabinet) {
	ref := cab.Customer.Ref
	w.Async(func() func() {
		ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
		defer cancel()
		offers, err := w.printing.Offers(ctx, cab.Garage)
		return func() {
			if w.card.cab.Customer.Ref != ref {
				return // another customer was opened meanwhile
			}
			if err != nil {
				w.log.Error("offers failed to load", "code", showroom.ErrorCode(err))
			}
			w.card.showOffers(offers, err)
		}
	})
}

// loadOverview runs off the UI goroutine and returns what to apply on it.
func (w *Window) loadOverview() func() {
	o, err := w.backend.Overview(w.ctx)
	return func() {
		if err != nil {
			w.log.Error("overview failed to load", "err", err)
			w.status.SetText(ui.ErrorText(err))
			return
		}
		w.card.showOverview(o)
		w.statusText = ""
		if w.syncSrc == nil { // without the status bar, the outbox shows here
			w.statusText = ui.T("staff.status.outbox", o.Outbox)
		}
		w.status.SetText(w.statusText)
	}
}

// Hits returns the current search results (for tests and the e2e driver).
func (w *Window) Hits() []Hit { return append([]Hit(nil), w.hits...) }

// stateText names a customer state in the current language.
func stateText(s showroom.CustomerState) string {
	switch s {
	case showroom.StatePending, showroom.StateActive, showroom.StateWithdrawn:
		return ui.T("state." + string(s))
	}
	return string(s)
}
