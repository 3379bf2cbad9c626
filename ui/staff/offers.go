package staff

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// showWelcomePack offers the Welcome Pack when the customer has a login
// (the portal's customer ID) and a car with a VIN; otherwise it says what
// is missing.
func (v *cabinetView) showWelcomePack(cab showroom.Cabinet) {
	if !v.printing {
		v.welcomeBtn.Hide()
		v.welcomeHint.Hide()
		return
	}
	v.welcomeBtn.Show()
	hint := ""
	switch {
	case cab.Customer.ID == "":
		hint = ui.T("print.welcomepack.noid")
	case welcomeCar(cab.Garage).VIN == "":
		hint = ui.T("print.welcomepack.nocar")
	}
	if hint != "" {
		v.welcomeBtn.Disable()
	} else {
		v.welcomeBtn.Enable()
	}
	v.welcomeHint.SetText(hint)
	v.welcomeHint.Hidden = hint == ""
	v.welcomeHint.Refresh()
}

// welcomeCar is the car a Welcome Pack names: the last one added with a VIN.
func welcomeCar(garage []showroom.Vehicle) showroom.Vehicle {
	var car showroom.Vehicle
	for _, g := range garage {
		if g.VIN != "" {
			car = g
		}
	}
	return car
}

// showOffers lists the offers for the customer's verified cars, each with
// its coupon button.
func (v *cabinetView) showOffers(offers []CarOffer, err error) {
	v.offerList = offers
	objs := []fyne.CanvasObject{}
	verified := false
	for _, car := range v.cab.Garage {
		verified = verified || car.Verified && car.VIN != ""
	}
	switch {
	case err != nil:
		objs = append(objs, wrapped(ui.T("offers.failed")))
	case !verified:
		objs = append(objs, wrapped(ui.T("offers.noverified")))
	case len(offers) == 0:
		objs = append(objs, wrapped(ui.T("offers.none")))
	}
	for _, o := range offers {
		car := strings.TrimSpace("Renault " + o.Vehicle.Model + " " + o.Vehicle.Version)
		lines := []string{ui.T("offers.car", car, o.Vehicle.VIN)}
		if o.Offer.Conditions != "" {
			lines = append(lines, o.Offer.Conditions)
		}
		lines = append(lines, ui.T("coupon.valid", o.Offer.ValidFrom.Local().Format("02.01.2006"),
			o.Offer.ValidTo.Local().Format("02.01.2006")))
		value := widget.NewLabelWithStyle(o.Offer.Value, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body := wrapped(strings.Join(lines, "\n"))
		btn := &widget.Button{Text: ui.T("print.coupon"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance}
		btn.OnTapped = func() { v.onCoupon(o) }
		// The title wraps: a card's own title would widen the pane to fit.
		title := widget.NewLabelWithStyle(o.Offer.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		title.SizeName = theme.SizeNameSubHeadingText
		objs = append(objs, widget.NewCard("", "", container.NewVBox(title, value, body, container.NewHBox(btn))))
	}
	v.offers.Objects = objs
	v.offers.Refresh()
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
