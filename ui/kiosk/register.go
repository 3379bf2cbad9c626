package kiosk

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// draft is what the customer has typed so far; it lives until the
// registration is saved or the kiosk is wiped.
type draft struct {
	// ref is made once per form, so that a second tap on the submit
	// button names the same customer and cannot make a second one.
	ref                                    string
	last, first, email, phone, vin, engine string
	channel                                showroom.Channel
	marketing                              bool
	consent                                assets.ConsentText
	consentAt                              time.Time
	submitting                             bool
	err                                    string
	// welcomePack is set when the draft activates a Welcome Pack login
	// rather than registering a new customer.
	welcomePack *WelcomePackCustomer
}

// registerScreen is the form: three required fields, three optional ones.
type registerScreen struct {
	last, first, email, phone, vin, engine *kw.Field
	msgs                                   map[string]*widget.Label
	suggest                                *tapLabel
	next, back                             *widget.Button
}

var formFields = []string{"last_name", "first_name", "email", "phone", "vin", "engine_number"}

func (k *Kiosk) registerContent() fyne.CanvasObject {
	s := &k.reg
	d := &k.draft
	s.msgs = map[string]*widget.Label{}
	for _, f := range formFields {
		s.msgs[f] = message()
	}
	// The e-mail's place for a message also offers the typo hint, to take
	// with a tap: near the field, and without moving the form.
	s.suggest = newTapLabel(k.onSuggestion)
	s.suggest.SetText(" ")
	s.msgs["email"] = &s.suggest.Label
	s.last = k.field(kw.Cyrillic, d.last, func(v string) { d.last = v; k.validate() })
	s.first = k.field(kw.Cyrillic, d.first, func(v string) { d.first = v; k.validate() })
	s.email = k.field(kw.Email, d.email, func(v string) { d.email = v; k.validate() })
	s.phone = k.field(kw.Digits, d.phone, func(v string) { d.phone = v; k.validate() })
	s.vin = k.field(kw.Latin, d.vin, func(v string) { d.vin = v; k.validate() })
	s.engine = k.field(kw.Latin, d.engine, func(v string) { d.engine = v; k.validate() })
	s.phone.SetPlaceHolder("+7 916 123-45-67")
	s.email.SetPlaceHolder("name@mail.ru")
	s.vin.SetPlaceHolder(ui.T("kiosk.vin.placeholder"))
	s.next = &widget.Button{Text: ui.T("kiosk.next"), Importance: widget.HighImportance, OnTapped: k.onRegisterNext}
	s.back = &widget.Button{Text: ui.T("kiosk.back"), OnTapped: k.home}

	form := container.NewGridWithColumns(3,
		labelled(ui.T("kiosk.field.last_name"), s.last, s.msgs["last_name"]),
		labelled(ui.T("kiosk.field.first_name"), s.first, s.msgs["first_name"]),
		labelled(ui.T("kiosk.field.email"), s.email, s.suggest),
		labelled(ui.T("kiosk.field.phone"), s.phone, s.msgs["phone"]),
		labelled(ui.T("kiosk.field.vin"), s.vin, s.msgs["vin"]),
		labelled(ui.T("kiosk.field.engine_number"), s.engine, s.msgs["engine_number"]),
	)
	k.validate()
	return k.typingPage(ui.T("kiosk.register.title"), "", form, s.last, nil, s.back, s.next)
}

// registration is the draft as the domain sees it. The consent is a
// placeholder until the customer agrees, so that the form's check is only
// about the fields.
func (d *draft) registration() showroom.Registration {
	r := showroom.Registration{
		CustomerRef: d.ref, LastName: d.last, FirstName: d.first, Email: d.email,
		Phone: d.phone, VIN: d.vin, EngineNumber: d.engine, Source: showroom.SourceKiosk,
		PreferredChannel: d.channel,
		Consent: showroom.RegistrationConsent{TextVersion: d.consent.Version, TextSHA256: d.consent.SHA256,
			Purpose: showroom.PurposePersonalData, Marketing: d.marketing, GivenAt: d.consentAt},
	}
	if d.welcomePack != nil {
		r.Source = showroom.SourceWelcomePack
	}
	return r
}

// fieldErrors checks the draft's fields with the domain's rules.
func (d *draft) fieldErrors() showroom.ValidationErrors {
	r := d.registration()
	c := assets.Consent(string(ui.Lang()))
	r.Consent = showroom.RegistrationConsent{TextVersion: c.Version, TextSHA256: c.SHA256, GivenAt: time.Unix(1, 0)}
	r.PreferredChannel = ""
	ve, _ := r.Normalize().(showroom.ValidationErrors)
	return ve
}

// validate shows the domain's message at each field as the customer types.
// An empty required field shows no message — it is marked as required —
// but keeps «Далее» disabled.
func (k *Kiosk) validate() {
	s, d := &k.reg, &k.draft
	if s.next == nil {
		return
	}
	ve := d.fieldErrors()
	typed := map[string]string{"last_name": d.last, "first_name": d.first, "email": d.email,
		"phone": d.phone, "vin": d.vin, "engine_number": d.engine}
	s.suggest.Importance, s.suggest.TextStyle.Bold = widget.DangerImportance, false
	for _, f := range formFields {
		text := ""
		if e := ve.For(f); e != nil && typed[f] != "" {
			text = e.Text(ui.Lang())
		} else if hint, ok := showroom.SuggestEmail(d.email); ok && f == "email" {
			text = ui.T("kiosk.email.suggest", hint)
			s.suggest.Importance, s.suggest.TextStyle.Bold = widget.HighImportance, true
		}
		setMessage(s.msgs[f], text)
	}
	s.suggest.Refresh()
	if len(ve) == 0 {
		s.next.Enable()
	} else {
		s.next.Disable()
	}
}

// onSuggestion takes the e-mail the hint offers.
func (k *Kiosk) onSuggestion() {
	k.touch()
	if hint, ok := showroom.SuggestEmail(k.draft.email); ok {
		k.reg.email.SetText(hint) // OnChanged updates the draft
	}
}

func (k *Kiosk) onRegisterNext() {
	k.touch()
	if len(k.draft.fieldErrors()) > 0 {
		return
	}
	k.show(scrConsent)
}
