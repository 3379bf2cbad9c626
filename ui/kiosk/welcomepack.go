package kiosk

import (
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// wpState is the Welcome Pack login being typed.
type wpState struct {
	id, vin  string
	checking bool
	idField  *kw.Field
	vinField *kw.Field
	login    *widget.Button
	back     *widget.Button
	msg      *widget.Label
	email    *kw.Field
	// emailMsg says what is wrong with the e-mail, or offers the typo
	// hint to take with a tap, as the registration form does.
	emailMsg  *tapLabel
	emailNext *widget.Button
}

// welcomePackContent asks for the programme's login and password: the
// customer ID and the car's VIN, as printed in the Welcome Pack.
func (k *Kiosk) welcomePackContent() fyne.CanvasObject {
	s := &k.wp
	s.idField = k.field(kw.Latin, s.id, func(v string) { s.id = v; k.checkWPFields() })
	s.vinField = k.field(kw.Latin, s.vin, func(v string) { s.vin = v; k.checkWPFields() })
	s.msg = message()
	s.login = &widget.Button{Text: ui.T("kiosk.wp.login"), Importance: widget.HighImportance, OnTapped: k.onWPLogin}
	s.back = &widget.Button{Text: ui.T("kiosk.back"), OnTapped: k.home}
	k.checkWPFields()
	form := container.NewGridWithColumns(2,
		labelled(ui.T("kiosk.wp.id"), s.idField, message()),
		labelled(ui.T("kiosk.wp.vin"), s.vinField, message()),
	)
	return k.typingPage(ui.T("kiosk.wp.title"), ui.T("kiosk.wp.hint"), form, s.idField, s.msg, s.back, s.login)
}

func (k *Kiosk) checkWPFields() {
	s := &k.wp
	if s.login == nil {
		return
	}
	if strings.TrimSpace(s.id) == "" || len(showroom.NormalizeVIN(s.vin)) != 17 || s.checking {
		s.login.Disable()
	} else {
		s.login.Enable()
	}
}

// onWPLogin checks the login off the UI goroutine; the backend asks the
// portal, or the cached customers when the portal does not answer.
func (k *Kiosk) onWPLogin() {
	k.touch()
	s := &k.wp
	if s.checking {
		return
	}
	s.checking = true
	k.checkWPFields()
	setMessage(s.msg, ui.T("kiosk.wp.checking"))
	id, vin := strings.TrimSpace(s.id), s.vin
	k.opt.Async(func() func() {
		c, wait, err := k.be.WelcomePackLogin(k.ctx, id, vin)
		return func() { k.wpChecked(c, wait, err) }
	})
}

func (k *Kiosk) wpChecked(c WelcomePackCustomer, wait time.Duration, err error) {
	s := &k.wp
	s.checking = false
	if k.screen != scrWelcomePack {
		return
	}
	k.checkWPFields()
	switch showroom.ErrorCode(err) {
	case "":
		k.draft = draft{ref: newRef(), welcomePack: &c, last: c.LastName, first: c.FirstName}
		k.show(scrActivate)
	case showroom.ETooManyAttempts:
		setMessage(s.msg, ui.T("kiosk.wp.locked", int(math.Ceil(wait.Minutes()))))
	case showroom.EBadCredentials:
		setMessage(s.msg, ui.T("kiosk.wp.bad"))
	default:
		setMessage(s.msg, ui.ErrorText(err))
	}
}

// activateContent greets the Welcome Pack customer and asks the e-mail to
// activate the account with.
func (k *Kiosk) activateContent() fyne.CanvasObject {
	s, d := &k.wp, &k.draft
	s.email = k.field(kw.Email, d.email, func(v string) { d.email = v; k.checkActivateEmail() })
	s.emailMsg = newTapLabel(k.onActivateSuggestion)
	s.emailMsg.SetText(" ")
	s.emailNext = &widget.Button{Text: ui.T("kiosk.next"), Importance: widget.HighImportance, OnTapped: func() {
		k.touch()
		if _, err := showroom.NormalizeEmail(d.email); err == nil {
			k.show(scrConsent)
		}
	}}
	back := &widget.Button{Text: ui.T("kiosk.back"), OnTapped: k.home}
	k.checkActivateEmail()
	return k.typingPage(ui.T("kiosk.wp.hello", d.welcomePack.FirstName, d.welcomePack.LastName),
		ui.T("kiosk.wp.activate.hint"), labelled(ui.T("kiosk.field.email"), s.email, s.emailMsg), s.email, nil, back, s.emailNext)
}

func (k *Kiosk) checkActivateEmail() {
	s, d := &k.wp, &k.draft
	if s.emailNext == nil {
		return
	}
	_, err := showroom.NormalizeEmail(d.email)
	text := ""
	s.emailMsg.Importance, s.emailMsg.TextStyle.Bold = widget.DangerImportance, false
	if err != nil && d.email != "" {
		text = ui.ErrorText(err)
	} else if hint, ok := showroom.SuggestEmail(d.email); ok {
		text = ui.T("kiosk.email.suggest", hint)
		s.emailMsg.Importance, s.emailMsg.TextStyle.Bold = widget.HighImportance, true
	}
	setMessage(&s.emailMsg.Label, text)
	s.emailMsg.Refresh()
	if err != nil {
		s.emailNext.Disable()
	} else {
		s.emailNext.Enable()
	}
}

// onActivateSuggestion takes the e-mail the hint offers.
func (k *Kiosk) onActivateSuggestion() {
	k.touch()
	if hint, ok := showroom.SuggestEmail(k.draft.email); ok {
		k.wp.email.SetText(hint) // OnChanged updates the draft
	}
}
