package printing

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/myrenault/showroom"
)

// WelcomePack is what the Welcome Pack sheet shows.
type WelcomePack struct {
	// Customer gives the name and the login (Customer.ID, which the portal
	// assigned; it must not be empty).
	Customer showroom.Customer
	// Vehicle is the car handed over: model, version and VIN.
	Vehicle showroom.Vehicle
	// Dealer is the selling dealer: name, address and phone.
	Dealer showroom.Dealer
	// ActivationURL is the portal's activation page with the one-time code
	// (see showroom.NewActivationCode); the QR code carries it as it is.
	ActivationURL string
}

// WelcomePackPDF makes the Welcome Pack sheet (A4) in lang.
func WelcomePackPDF(w WelcomePack, lang showroom.Lang) ([]byte, error) {
	switch {
	case w.Customer.ID == "":
		return nil, showroom.Errorf(showroom.EInvalid, "customer_id", showroom.Reason(showroom.EInvalid))
	case w.ActivationURL == "":
		return nil, showroom.Errorf(showroom.EInvalid, "activation_url", showroom.Reason(showroom.EInvalid))
	}
	qrc := qrAsync(w.ActivationURL)
	l := labelsFor(lang)
	m, err := newDocument("My Renault — Welcome Pack")
	if err != nil {
		return nil, err
	}
	qr, err := qrc.wait()
	if err != nil {
		return nil, err
	}
	m.AddRows(banner("Welcome Pack · " + l.welcomeTitle)...)
	m.AddRows(space(7),
		para(fmt.Sprintf(l.hello, w.Customer.FullName()), props.Text{Size: 20, Style: fontstyle.Bold}),
		space(2),
		para(l.welcomeIntro, props.Text{Size: 10.5, VerticalPadding: 1.2}),
		space(5),
	)
	m.AddRows(carBox(l, w.Vehicle)...)
	m.AddRows(space(5))
	m.AddRows(loginBlock(l, w.Customer.ID, qr)...)
	m.AddRows(space(4), heading(l.benefitsTitle))
	for _, b := range l.benefits {
		m.AddRows(row.New().Add(
			col.New(12).Add(text.New("■  "+b, props.Text{Size: 10, Left: 3, Top: 0.8, Bottom: 0.8})),
		))
	}
	m.AddRows(space(4), heading(l.dealerTitle))
	m.AddRows(boxed(dealerRows(l, w.Dealer)...)...)
	m.AddRows(space(6))
	m.AddRows(footer(l, "")...)
	return render(m)
}

// carBox is the box with the car's model, version and VIN.
func carBox(l *labels, v showroom.Vehicle) []core.Row {
	return boxed(
		row.New(9).Add(col.New(12).Add(text.New(l.yourCar, props.Text{Size: 12, Style: fontstyle.Bold,
			Top: 3, Left: 5}))),
		pair(l.model, "Renault "+v.Model, 3),
		pair(l.version, dash(v.Version), 3),
		pair(l.vin, v.VIN, 3),
		space(3),
	)
}

// loginBlock is the login with the QR code beside it, then the steps to
// sign in, each on its own row so that a long step wraps without overlap.
func loginBlock(l *labels, customerID string, qr []byte) []core.Row {
	rows := []core.Row{
		row.New(44).Add(
			col.New(8).Add(
				text.New(l.login, props.Text{Size: 10, Color: midGrey, Top: 4}),
				text.New(customerID, props.Text{Size: 26, Style: fontstyle.Bold, Top: 10}),
				text.New(l.loginHint, props.Text{Size: 10.5, Style: fontstyle.Bold, Top: 24}),
				text.New(l.scan, props.Text{Size: 9.5, Color: midGrey, Top: 31, VerticalPadding: 0.8}),
			),
			col.New(4).Add(image.NewFromBytes(qr, extension.Png, props.Rect{Center: true, Percent: 100})),
		),
		space(2),
	}
	for i, s := range l.howTo {
		rows = append(rows, row.New().Add(
			col.New(12).Add(text.New(strconv.Itoa(i+1)+".  "+s, props.Text{Size: 10, Left: 3, Top: 0.8, Bottom: 0.8})),
		))
	}
	return rows
}

// dealerRows are the dealer's name, address and phone.
func dealerRows(l *labels, d showroom.Dealer) []core.Row {
	addr := strings.Join(nonEmpty(d.City, d.Address), ", ")
	return []core.Row{
		space(2),
		row.New(7).Add(col.New(12).Add(text.New(d.Name, props.Text{Size: 12, Style: fontstyle.Bold, Left: 5, Top: 1}))),
		row.New(6).Add(col.New(12).Add(text.New(dash(addr), props.Text{Size: 10, Left: 5}))),
		row.New(6).Add(col.New(12).Add(text.New(l.phone+" "+dash(d.Phone), props.Text{Size: 10, Left: 5}))),
		space(1),
	}
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// dash stands in for an unknown value.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
