// Package kiosk is what a customer sees on the showroom's touchscreen: a
// full-screen window, Russian by default with English one tap away, large
// touch targets in the programme's colours.
package kiosk

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// benefitEvery is how long each of the programme's benefits stays on the
// attract screen.
const benefitEvery = 6 * time.Second

var benefitKeys = []string{"kiosk.benefit.gifts", "kiosk.benefit.service", "kiosk.benefit.dealer", "kiosk.benefit.oneclick"}

// Kiosk is the kiosk window's content.
type Kiosk struct {
	wordmark    *canvas.Text
	register    *widget.Button
	welcomePack *widget.Button
	whereIsCar  *widget.Button
	language    *widget.Button
	benefit     *canvas.Text
	benefitIdx  int
	root        fyne.CanvasObject
}

// New builds the attract screen. The benefits rotate until ctx ends.
func New(ctx context.Context) *Kiosk {
	k := &Kiosk{}
	k.wordmark = canvas.NewText("", ui.Yellow)
	k.wordmark.TextSize = 72
	k.wordmark.TextStyle.Bold = true
	k.wordmark.Alignment = fyne.TextAlignCenter
	k.benefit = canvas.NewText("", ui.Light)
	k.benefit.TextSize = 28
	k.benefit.Alignment = fyne.TextAlignCenter
	k.register = &widget.Button{Importance: widget.HighImportance}
	k.welcomePack = &widget.Button{}
	k.whereIsCar = &widget.Button{}
	k.language = &widget.Button{OnTapped: k.onLanguage}
	// The three journeys are built by the kiosk registration work; until
	// then the buttons show the way but do not pretend to work.
	for _, b := range []*widget.Button{k.register, k.welcomePack, k.whereIsCar} {
		b.Disable()
	}
	k.relabel()

	bar := canvas.NewRectangle(ui.Yellow)
	bar.SetMinSize(fyne.NewSize(420, 8))
	actions := container.NewGridWithRows(3, k.register, k.welcomePack, k.whereIsCar)
	centre := container.NewVBox(
		layout.NewSpacer(),
		k.wordmark,
		container.NewCenter(bar),
		spacer(32),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 3*88), actions)),
		spacer(32),
		k.benefit,
		layout.NewSpacer(),
	)
	top := container.NewHBox(layout.NewSpacer(), k.language)
	k.root = container.NewBorder(top, nil, nil, nil, centre)
	go k.rotate(ctx)
	return k
}

func spacer(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, h))
	return r
}

// Content is the kiosk's root object.
func (k *Kiosk) Content() fyne.CanvasObject { return k.root }

func (k *Kiosk) relabel() {
	k.wordmark.Text = ui.T("kiosk.wordmark")
	k.register.SetText(ui.T("kiosk.register"))
	k.welcomePack.SetText(ui.T("kiosk.welcomepack"))
	k.whereIsCar.SetText(ui.T("kiosk.whereismycar"))
	k.language.SetText(ui.T("lang.switch"))
	k.benefit.Text = ui.T(benefitKeys[k.benefitIdx%len(benefitKeys)])
	k.wordmark.Refresh()
	k.benefit.Refresh()
}

func (k *Kiosk) onLanguage() {
	if ui.Lang() == showroom.Russian {
		ui.SetLang(showroom.English)
	} else {
		ui.SetLang(showroom.Russian)
	}
	k.relabel()
}

func (k *Kiosk) rotate(ctx context.Context) {
	t := time.NewTicker(benefitEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(func() {
				k.benefitIdx++
				k.relabel()
			})
		}
	}
}
