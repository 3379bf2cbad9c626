package staff

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// orderStatuses are the four statuses of a factory order, in order.
var orderStatuses = []showroom.OrderStatus{
	showroom.OrderReceived, showroom.OrderInProduction, showroom.OrderOnTheWay, showroom.OrderAtDealer,
}

// showOrders draws the tracking of each order as a timeline of the four
// statuses with their dates. Staff see the true status at once, the
// arrival included; a line says when the customer will see it, so that
// the sales manager is the first to tell the good news.
func (s *garageSection) showOrders(cab showroom.Cabinet) {
	if len(cab.Orders) == 0 {
		s.orders.Objects = nil
		s.orders.Refresh()
		return
	}
	objs := []fyne.CanvasObject{subHeading(ui.T("cab.orders"))}
	now := s.v.now()
	for _, o := range cab.Orders {
		objs = append(objs, widget.NewCard(ui.T("garage.order", o.Number), o.StaffStatus().Text(ui.Lang()),
			container.NewVBox(orderTimeline(o, now)...)))
	}
	s.orders.Objects = objs
	s.orders.Refresh()
}

// orderTimeline is one line per status: reached ones with their date,
// the current one in bold, the ones to come greyed.
func orderTimeline(o showroom.Order, now time.Time) []fyne.CanvasObject {
	cur := o.StaffStatus()
	reached := map[showroom.OrderStatus]time.Time{}
	for _, e := range o.History {
		if t, ok := reached[e.Status]; !ok || e.At.Before(t) {
			reached[e.Status] = e.At
		}
	}
	var out []fyne.CanvasObject
	for _, st := range orderStatuses {
		mark, when := "○", ui.T("cab.orders.pending")
		if st <= cur {
			mark, when = "●", ui.T("cab.orders.nodate")
			if t, ok := reached[st]; ok && !t.IsZero() {
				when = dmy(t)
			}
		}
		l := widget.NewLabel(fmt.Sprintf("%s  %s — %s", mark, when, st.Text(ui.Lang())))
		l.Wrapping = fyne.TextWrapWord
		switch {
		case st == cur:
			l.TextStyle = fyne.TextStyle{Bold: true}
		case st > cur:
			l.Importance = widget.LowImportance
		}
		out = append(out, l)
	}
	if cur == showroom.OrderAtDealer {
		// Until the customer sees it, the desk is told to call first.
		n := wrapped(ui.T("cab.orders.customer.sees"))
		if o.CustomerStatus(now) != showroom.OrderAtDealer {
			n.SetText(ui.T("cab.orders.customer.later"))
			if at, ok := o.ArrivalVisibleAt(); ok {
				n.SetText(ui.T("cab.orders.customer.on", dmy(at)))
			}
			n.Importance = widget.WarningImportance
		}
		out = append(out, n)
	}
	return out
}
