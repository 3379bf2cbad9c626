package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/myrenault/showroom/ui"
)

var benefitKeys = []string{"kiosk.benefit.gifts", "kiosk.benefit.service", "kiosk.benefit.dealer", "kiosk.benefit.oneclick"}

// welcomeScreen is the attract screen: the wordmark, the three journeys and
// the programme's benefits in turn.
type welcomeScreen struct {
	wordmark    *canvas.Text
	register    *widget.Button
	welcomePack *widget.Button
	whereIsCar  *widget.Button
	benefit     *canvas.Text
}

func (k *Kiosk) welcomeContent() fyne.CanvasObject {
	s := &k.welcome
	s.wordmark = canvas.NewText(ui.T("kiosk.wordmark"), ui.Yellow)
	s.wordmark.TextSize = 80
	s.wordmark.TextStyle.Bold = true
	s.wordmark.Alignment = fyne.TextAlignCenter
	s.benefit = canvas.NewText("", ui.Light)
	s.benefit.TextSize = 30
	s.benefit.Alignment = fyne.TextAlignCenter
	s.register = &widget.Button{Text: ui.T("kiosk.register"), Importance: widget.HighImportance, OnTapped: k.onRegister}
	s.welcomePack = &widget.Button{Text: ui.T("kiosk.welcomepack"), OnTapped: k.onWelcomePack}
	s.whereIsCar = &widget.Button{Text: ui.T("kiosk.whereismycar"), OnTapped: k.onWhereIsCar}
	k.relabelBenefit()

	bar := canvas.NewRectangle(ui.Yellow)
	bar.SetMinSize(fyne.NewSize(420, 8))
	buttons := container.NewGridWithRows(3, s.register, s.welcomePack, s.whereIsCar)
	return container.NewVBox(
		layout.NewSpacer(),
		s.wordmark,
		container.NewCenter(bar),
		minBox(1, 40),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(640, 3*96), buttons)),
		minBox(1, 40),
		s.benefit,
		layout.NewSpacer(),
	)
}

func (k *Kiosk) relabelBenefit() {
	if k.welcome.benefit == nil {
		return
	}
	k.welcome.benefit.Text = ui.T(benefitKeys[k.benefitIdx%len(benefitKeys)])
	k.welcome.benefit.Refresh()
}

func (k *Kiosk) onRegister() {
	k.touch()
	if k.draft.ref == "" {
		k.draft = draft{ref: newRef()}
	}
	k.draft.welcomePack = nil
	k.show(scrRegister)
}

func (k *Kiosk) onWelcomePack() {
	k.touch()
	k.show(scrWelcomePack)
}

func (k *Kiosk) onWhereIsCar() {
	k.touch()
	k.show(scrOrder)
}

// home wipes everything of the customer and shows the welcome screen.
func (k *Kiosk) home() {
	k.wipe()
}
