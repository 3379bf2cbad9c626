package printing

import (
	"fmt"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/myrenault/showroom"
)

// CouponSheet is what an offer coupon shows.
type CouponSheet struct {
	Offer  showroom.Offer  // title, value, conditions, validity
	Coupon showroom.Coupon // the code
	// Customer gives the name printed on the coupon.
	Customer showroom.Customer
	// Vehicle gives the model; the VIN is printed with its last 6
	// characters only.
	Vehicle showroom.Vehicle
	// Dealer is the issuing dealer, named in the footer; it may be empty.
	Dealer showroom.Dealer
	// Payload is the QR code's content: SignCoupon's result for Coupon.
	Payload string
}

// CouponPDF makes the offer coupon (A4, the coupon in its upper part, to be
// cut out) in lang.
func CouponPDF(c CouponSheet, lang showroom.Lang) ([]byte, error) {
	switch {
	case c.Coupon.Code == "":
		return nil, showroom.Errorf(showroom.EInvalidCoupon, "coupon_code", showroom.ReasonCouponEmpty)
	case c.Payload == "":
		return nil, showroom.Errorf(showroom.EInvalidCoupon, "qr", showroom.ReasonCouponPayload)
	}
	qrc := qrAsync(c.Payload)
	l := labelsFor(lang)
	m, err := newDocument("My Renault — " + c.Coupon.Code)
	if err != nil {
		return nil, err
	}
	qr, err := qrc.wait()
	if err != nil {
		return nil, err
	}
	m.AddRows(banner(l.couponTitle)...)
	m.AddRows(space(8),
		para(c.Offer.Title, props.Text{Size: 19, Style: fontstyle.Bold, VerticalPadding: 1}),
		space(5),
	)
	m.AddRows(valueRow(c.Offer.Value, l.couponFor+": "+c.Customer.FullName()))
	m.AddRows(space(6))
	m.AddRows(detailRows(l, c)...)
	m.AddRows(space(6))
	m.AddRows(codeRows(l, c.Coupon.Code, qr)...)
	m.AddRows(space(8))
	dealer := ""
	if c.Dealer.Name != "" {
		dealer = l.dealerTitle + ": " + c.Dealer.Name
		if c.Dealer.Phone != "" {
			dealer += " · " + l.phone + " " + c.Dealer.Phone
		}
	}
	m.AddRows(footer(l, dealer)...)
	m.AddRows(space(4), cutLine(l))
	return render(m)
}

// valueRow is the offer's value on a yellow block beside the customer's name.
func valueRow(value, forName string) core.Row {
	return row.New(22).Add(
		col.New(5).WithStyle(&props.Cell{BackgroundColor: yellow}).Add(
			text.New(dash(value), props.Text{Size: 26, Style: fontstyle.Bold, Align: align.Center, Top: 5.5}),
		),
		col.New(7).WithStyle(&props.Cell{BackgroundColor: darkGrey}).Add(
			text.New(forName, props.Text{Size: 13, Style: fontstyle.Bold, Color: white, Top: 8, Left: 6}),
		),
	)
}

// detailRows are the conditions, the validity and the car.
func detailRows(l *labels, c CouponSheet) []core.Row {
	valid := fmt.Sprintf(l.validRange, l.date(c.Offer.ValidFrom), l.date(c.Offer.ValidTo))
	car := "Renault " + c.Vehicle.Model + " · " + l.vin + " " + MaskVIN(c.Vehicle.VIN)
	rows := boxed(
		space(3),
		pair(l.car, car, 3),
		pair(l.valid, valid, 3),
	)
	if c.Offer.Conditions != "" {
		rows = append(rows, boxed(
			row.New().Add(
				col.New(3).Add(text.New(l.conditions, props.Text{Size: 9.5, Color: midGrey, Top: 1.8, Left: 5})),
				col.New(9).Add(text.New(c.Offer.Conditions, props.Text{Size: 10, Top: 1.4, Right: 5,
					Bottom: 1, VerticalPadding: 1})),
			),
		)...)
	}
	return append(rows, boxed(space(3))...)
}

// codeRows are the coupon code, large and spaced for reading aloud, and the
// QR code.
func codeRows(l *labels, code string, qr []byte) []core.Row {
	return []core.Row{
		row.New(48).Add(
			col.New(8).Add(
				text.New(l.code, props.Text{Size: 10, Color: midGrey, Top: 10}),
				text.New(code, props.Text{Size: 28, Style: fontstyle.Bold, Top: 17}),
				text.New(l.codeHint, props.Text{Size: 9.5, Color: midGrey, Top: 32, VerticalPadding: 0.8}),
			),
			col.New(4).Add(image.NewFromBytes(qr, extension.Png, props.Rect{Center: true, Percent: 100})),
		),
	}
}

// cutLine is a dashed line with scissors under the coupon.
func cutLine(l *labels) core.Row {
	return row.New(6).Add(
		col.New(1).Add(text.New("✂", props.Text{Size: 11, Color: midGrey})),
		col.New(9).Add(line.New(props.Line{Style: linestyle.Dashed, Color: midGrey, Thickness: 0.3,
			SizePercent: 100, OffsetPercent: 50})),
		col.New(2).Add(text.New(l.cut, props.Text{Size: 8, Color: midGrey, Align: align.Right, Top: 1})),
	)
}
