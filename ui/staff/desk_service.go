package staff

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// serviceView is the service desk: a VIN typed or scanned, then the car,
// its owner, open recalls, the service calendar and the offers in one
// view. Coupons are redeemed at the coupon desk, which it links to.
type serviceView struct {
	w         *Window
	vin       *deskEntry
	showBtn   *widget.Button
	message   *widget.Label
	body      *fyne.Container
	cabinet   *widget.Button
	couponBtn *widget.Button
	root      fyne.CanvasObject
	car       ServiceCar
	seq       int
}

func newServiceView(w *Window) *serviceView {
	v := &serviceView{w: w}
	v.vin = w.newEntry(func(string) { v.lookUp() })
	v.vin.SetPlaceHolder(ui.T("desk.service.vin"))
	v.showBtn = &widget.Button{Text: ui.T("desk.service.show"), Importance: widget.HighImportance, OnTapped: v.lookUp}
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	v.body = container.NewVBox()
	v.cabinet = &widget.Button{Text: ui.T("desk.service.cabinet"), Icon: theme.AccountIcon(), OnTapped: func() {
		w.touch()
		w.open(v.car.Owner.Ref)
	}}
	v.couponBtn = &widget.Button{Text: ui.T("coupon.open"), Icon: theme.ConfirmIcon(), OnTapped: func() {
		w.touch()
		w.ShowCoupons()
	}}
	title := widget.NewLabelWithStyle(ui.T("desk.service.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(title, container.NewBorder(nil, nil, nil, v.showBtn, v.vin), v.message)
	v.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(v.body)))
	v.reset()
	return v
}

func (v *serviceView) reset() {
	v.vin.SetText("")
	v.message.SetText(ui.T("desk.service.hint"))
	v.body.RemoveAll()
	v.car = ServiceCar{}
}

// lookUp gathers the car's view off the UI goroutine.
func (v *serviceView) lookUp() {
	v.w.touch()
	vin := showroom.NormalizeVIN(v.vin.Text)
	if _, err := showroom.DecodeVIN(vin); err != nil {
		v.message.SetText(ui.ErrorText(err))
		v.w.relayout()
		return
	}
	v.vin.SetText(vin)
	v.seq++
	seq := v.seq
	v.message.SetText(ui.T("staff.status.loading"))
	var car ServiceCar
	v.w.call(func(ctx context.Context) (err error) {
		car, err = v.w.work.work.ServiceCar(ctx, vin)
		return err
	}, func(err error) {
		if seq != v.seq {
			return
		}
		if err != nil {
			v.w.logFailure("service desk look-up failed", err)
			v.message.SetText(ui.T("desk.loadfailed"))
			return
		}
		v.message.SetText("")
		v.show(car)
	})
}

func (v *serviceView) show(c ServiceCar) {
	v.car = c
	now := v.w.now()
	v.body.RemoveAll()
	head := func(s string) {
		v.body.Add(widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	line := func(s string) {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		v.body.Add(l)
	}
	car := c.Vehicle
	head(ui.T("desk.service.car"))
	line(joinNonEmpty(" · ", car.Model, car.Version, car.VIN))
	line(joinNonEmpty(" · ", labelled("desk.service.engine", car.EngineNumber), labelled("desk.service.plate", car.Plate),
		mileageText(car.Mileage), dateLabelled("desk.service.built", car.BuildDate)))
	if !c.WarrantyEnd.IsZero() {
		key := "desk.service.warranty"
		if c.WarrantyEnd.Before(now) {
			key = "desk.service.warrantyover"
		}
		line(ui.T(key, c.WarrantyEnd.Format("02.01.2006")))
	}

	head(ui.T("desk.service.owner"))
	if c.Owner.Ref == "" {
		line(ui.T("desk.service.noowner"))
	} else {
		line(joinNonEmpty(" · ", c.Owner.FullName(), c.Owner.ID, c.Owner.Contacts.MobilePhone, c.Owner.Personal.Email))
		v.body.Add(container.NewHBox(v.cabinet))
	}

	head(ui.T("desk.service.recalls"))
	if len(c.Recalls) == 0 {
		line(ui.T("desk.service.norecalls"))
	}
	for _, r := range c.Recalls {
		l := widget.NewLabel(ui.T("desk.service.recall", r.Campaign, r.Title, r.Remedy))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		v.body.Add(l)
	}

	head(ui.T("desk.service.calendar"))
	if len(c.Calendar) == 0 {
		line(ui.T("desk.service.nocalendar"))
	}
	for _, e := range c.Calendar {
		line(e.Date.Format("02.01.2006") + " — " + eventText(e))
	}
	for _, p := range c.Programs {
		line(ui.T("desk.service.program", p.Title))
	}

	head(ui.T("desk.service.offers"))
	if len(c.Offers) == 0 {
		line(ui.T("desk.service.nooffers"))
	}
	for _, o := range c.Offers {
		line(joinNonEmpty(" — ", o.Title, o.Value))
	}
	if v.w.coupons != nil && (v.w.signin == nil || mayRedeem(v.w.member.Role)) {
		v.body.Add(container.NewHBox(v.couponBtn))
	}
	v.w.relayout()
}

// eventText names a calendar entry.
func eventText(e showroom.Event) string {
	switch e.Kind {
	case showroom.EventMaintenance:
		return ui.T("desk.service.maintenance", e.Maintenance.Number, e.Maintenance.Mileage)
	case showroom.EventWarrantyEnd:
		return ui.T("desk.service.warrantyend")
	case showroom.EventRecall:
		return ui.T("desk.service.recallvisit", e.Recall.Campaign)
	}
	return string(e.Kind)
}

func labelled(key, value string) string {
	if value == "" {
		return ""
	}
	return ui.T(key, value)
}

func dateLabelled(key string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ui.T(key, t.Format("02.01.2006"))
}

func mileageText(km int) string {
	if km <= 0 {
		return ""
	}
	return ui.T("desk.service.mileage", fmt.Sprint(km))
}
