package kiosk

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// checkIdle warns after the idle timeout without a touch and wipes
// IdleWarning later.
//
// The welcome screen holds nothing typed, so it gets no warning: «Через 20 с
// введённые данные будут удалены» over a screen where nothing was typed
// would only puzzle whoever is reading the benefits. But it does hold the
// language a customer chose, and the next customer, most likely Russian,
// would find the kiosk in English for ever: after the idle timeout it goes
// back to Russian quietly, and a reader who wanted English has it one tap
// away on the same button.
func (k *Kiosk) checkIdle() {
	idle := k.now().Sub(k.lastTouch)
	if k.screen == scrWelcome {
		if idle >= k.idle && ui.Lang() != showroom.Russian {
			ui.SetLang(showroom.Russian)
			k.show(scrWelcome)
		}
		return
	}
	switch {
	case idle >= k.idle+IdleWarning:
		k.wipe()
	case idle >= k.idle:
		left := int(math.Ceil((k.idle + IdleWarning - idle).Seconds()))
		k.showWarning(left)
	}
}

func (k *Kiosk) showWarning(left int) {
	text := ui.T("kiosk.idle.warning", left)
	if k.warning != nil {
		k.warnTxt.SetText(text)
		return
	}
	k.warnTxt = widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	k.warnTxt.Wrapping = fyne.TextWrapWord
	k.warnContinue = &widget.Button{Text: ui.T("kiosk.idle.continue"), Importance: widget.HighImportance, OnTapped: k.touch}
	box := container.NewVBox(title(ui.T("kiosk.idle.title")), k.warnTxt, actions(k.warnContinue))
	if k.canvas == nil {
		return
	}
	k.warning = widget.NewModalPopUp(container.NewGridWrap(fyne.NewSize(640, 260), box), k.canvas)
	k.warning.Show()
}

// wipe forgets the customer: every field, the keyboard's state, the
// clipboard, a warning; Russian again; the welcome screen.
func (k *Kiosk) wipe() {
	if k.warning != nil {
		k.warning.Hide()
		k.warning = nil
	}
	k.draft = draft{}
	k.wp = wpState{}
	k.ord = orderState{}
	k.pin = pinState{}
	k.reg, k.cons, k.prefs, k.done = registerScreen{}, consentScreen{}, prefsScreen{}, doneScreen{}
	k.keyb.Reset()
	if c := k.clipboard(); c != nil {
		c.SetContent("")
	}
	if k.canvas != nil {
		k.canvas.Unfocus()
	}
	ui.SetLang(showroom.Russian)
	k.lastTouch = k.now()
	k.show(scrWelcome)
}

func (k *Kiosk) clipboard() fyne.Clipboard {
	if k.opt.Clipboard != nil {
		return k.opt.Clipboard
	}
	if a := fyne.CurrentApp(); a != nil {
		return a.Clipboard()
	}
	return nil
}
