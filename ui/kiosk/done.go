package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// doneScreen congratulates: where the confirmation e-mail goes, what comes
// next, and a QR code to the portal.
type doneScreen struct {
	heading, email *widget.Label
	finish         *widget.Button
}

func (k *Kiosk) doneContent() fyne.CanvasObject {
	s, d := &k.done, &k.draft
	name := d.first
	if d.welcomePack != nil {
		name = d.welcomePack.FirstName
	}
	s.heading = widget.NewLabelWithStyle(ui.T("kiosk.done.title", name), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.heading.SizeName = theme.SizeNameHeadingText
	s.email = wrapped(ui.T("kiosk.done.email", d.email))
	if !k.online {
		s.email.SetText(ui.T("kiosk.done.email.offline", d.email))
	}
	steps := container.NewVBox(
		widget.NewLabelWithStyle(ui.T("kiosk.done.next"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(ui.T("kiosk.done.step1")),
		wrapped(ui.T("kiosk.done.step2")),
		wrapped(ui.T("kiosk.done.step3")),
	)
	k.setHeading(ui.T("kiosk.done.congrats"))
	s.finish = &widget.Button{Text: ui.T("kiosk.done.finish"), Importance: widget.HighImportance, OnTapped: k.home}
	var qr fyne.CanvasObject = layout.NewSpacer()
	url := ""
	if k.be != nil {
		url = k.be.PortalURL()
	}
	if img := kw.NewQR(url, 260); url != "" && img != nil {
		qr = container.NewVBox(img, widget.NewLabelWithStyle(ui.T("kiosk.done.qr"), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	return container.NewBorder(nil, actions(s.finish), nil, nil, container.NewVBox(
		layout.NewSpacer(),
		s.heading,
		container.NewGridWithColumns(2, container.NewVBox(s.email, steps), container.NewCenter(qr)),
		layout.NewSpacer(),
	))
}
