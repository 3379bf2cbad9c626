package staff

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// arrivalsView lists the cars at the dealer whose customers have not been
// told, with the days left before the customer sees the arrival anyway:
// the programme gives the sales manager ArrivalDelay to be the first to
// tell. "Announced" releases the arrival to the customer at once.
type arrivalsView struct {
	w       *Window
	list    *fyne.Container
	message *widget.Label
	root    fyne.CanvasObject
	items   []Arrival
	buttons map[string]*widget.Button // by order number
	seq     int
}

func newArrivalsView(w *Window) *arrivalsView {
	v := &arrivalsView{w: w, buttons: map[string]*widget.Button{}}
	v.list = container.NewVBox()
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(ui.T("desk.arrivals.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(ui.T("desk.arrivals.hint"))
	hint.Wrapping = fyne.TextWrapWord
	v.root = container.NewBorder(container.NewVBox(title, hint, v.message), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.list)))
	return v
}

// load reads the arrivals off the UI goroutine.
func (v *arrivalsView) load() {
	v.seq++
	seq := v.seq
	v.message.SetText(ui.T("staff.status.loading"))
	var items []Arrival
	v.w.call(func(ctx context.Context) (err error) {
		items, err = v.w.work.work.Arrivals(ctx)
		return err
	}, func(err error) {
		if seq != v.seq {
			return
		}
		if err != nil {
			v.w.logFailure("arrivals failed to load", err)
			v.message.SetText(ui.T("desk.loadfailed"))
			return
		}
		v.show(items)
	})
}

func (v *arrivalsView) show(items []Arrival) {
	now := v.w.now()
	// The calls that still make news come first, the fewest days left
	// first; then those only an announcement reveals; last the customers
	// who see the arrival already, whom the portal told.
	rank := func(a Arrival) int {
		switch {
		case a.VisibleAt.IsZero():
			return 1
		case a.VisibleAt.After(now):
			return 0
		}
		return 2
	}
	slices.SortStableFunc(items, func(a, b Arrival) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 || rank(a) != 0 {
			return c
		}
		return a.VisibleAt.Compare(b.VisibleAt)
	})
	v.items = items
	v.list.RemoveAll()
	clear(v.buttons)
	hidden := 0
	for _, a := range items {
		if rank(a) < 2 {
			hidden++
		}
	}
	if len(items) == 0 {
		v.message.SetText(ui.T("desk.arrivals.none"))
	} else {
		v.message.SetText(ui.T("desk.arrivals.count", len(items), hidden))
	}
	for _, a := range items {
		head := widget.NewLabelWithStyle(joinNonEmpty(" · ", a.OrderNumber, a.Model, a.VIN), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		who := a.CustomerName
		if who == "" {
			who = ui.T("desk.arrivals.nocustomer")
		}
		customer := widget.NewLabel(joinNonEmpty(" · ", who, a.Phone))
		left := widget.NewLabel(daysLeftText(a.VisibleAt, now))
		switch {
		case rank(a) == 2:
			left.Importance = widget.LowImportance
		case rank(a) == 0 && a.VisibleAt.Sub(now) < 24*time.Hour:
			left.Importance = widget.DangerImportance
		}
		btn := &widget.Button{Text: ui.T("desk.arrivals.announce"), Importance: widget.HighImportance}
		number := a.OrderNumber
		btn.OnTapped = func() { v.announce(number) }
		v.buttons[number] = btn
		row := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), btn, layout.NewSpacer()),
			container.NewVBox(head, customer, left))
		v.list.Add(row)
		v.list.Add(widget.NewSeparator())
	}
	v.w.relayout()
}

// daysLeftText says how long the customer has not yet seen the arrival.
func daysLeftText(visible, now time.Time) string {
	if visible.IsZero() {
		return ui.T("desk.arrivals.onlyyou")
	}
	days := int(math.Ceil(visible.Sub(now).Hours() / 24))
	if days <= 0 {
		return ui.T("desk.arrivals.seen")
	}
	return ui.T("desk.arrivals.left", days, visible.In(now.Location()).Format("02.01.2006 15:04"))
}

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// announce records the announcement off the UI goroutine; the row leaves
// the list once it is saved.
func (v *arrivalsView) announce(number string) {
	v.w.touch()
	if b := v.buttons[number]; b != nil {
		b.Disable()
	}
	v.w.call(func(ctx context.Context) error {
		return v.w.work.work.Announce(ctx, number)
	}, func(err error) {
		if err != nil && showroom.ErrorCode(err) != showroom.EConflict {
			if b := v.buttons[number]; b != nil {
				b.Enable()
			}
			v.w.logFailure("announcement failed", err)
			v.message.SetText(ui.T("desk.savefailed"))
			return
		}
		rest := v.items[:0:0]
		for _, a := range v.items {
			if a.OrderNumber != number {
				rest = append(rest, a)
			}
		}
		v.show(rest)
		v.message.SetText(ui.T("desk.arrivals.done", number) + " " + v.message.Text)
		v.w.relayout()
	})
}
