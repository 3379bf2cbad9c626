package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	"github.com/myrenault/showroom/ui"
)

// consentScreen shows the full versioned consent to the processing of
// personal data, and asks for an explicit «Согласен».
type consentScreen struct {
	text        *widget.Label
	agree, back *widget.Button
}

func (k *Kiosk) consentContent() fyne.CanvasObject {
	s := &k.cons
	c := assets.Consent(string(ui.Lang()))
	s.text = wrapped(c.Text)
	s.agree = &widget.Button{Text: ui.T("kiosk.consent.agree"), Importance: widget.HighImportance, OnTapped: k.onAgree}
	s.back = &widget.Button{Text: ui.T("kiosk.back"), OnTapped: k.onConsentBack}
	scroll := container.NewVScroll(s.text)
	scroll.OnScrolled = func(fyne.Position) { k.touch() }
	k.setHeading(ui.T("kiosk.consent.title"))
	return container.NewBorder(
		nil,
		container.NewVBox(wrapped(ui.T("kiosk.consent.version", c.Version)), actions(s.back, s.agree)),
		nil, nil, scroll)
}

// onAgree records which text was agreed to, and when.
func (k *Kiosk) onAgree() {
	k.touch()
	k.draft.consent = assets.Consent(string(ui.Lang()))
	k.draft.consentAt = k.now()
	k.show(scrPrefs)
}

func (k *Kiosk) onConsentBack() {
	k.touch()
	if k.draft.welcomePack != nil {
		k.show(scrActivate)
		return
	}
	k.show(scrRegister)
}

// prefsScreen asks the preferred channel and the separate, optional
// marketing consent, and submits.
type prefsScreen struct {
	email, sms, phone *widget.Button
	marketing         *widget.Button
	phoneHint         *widget.Label
	errText           *widget.Label
	submit, back      *widget.Button
}

func (k *Kiosk) prefsContent() fyne.CanvasObject {
	s, d := &k.prefs, &k.draft
	if d.channel == showroom.ChannelNone {
		d.channel = showroom.ChannelEmail
	}
	choose := func(c showroom.Channel) func() {
		return func() {
			k.touch()
			d.channel = c
			k.relabelPrefs()
		}
	}
	s.email = &widget.Button{Text: ui.T("kiosk.channel.email"), OnTapped: choose(showroom.ChannelEmail)}
	s.sms = &widget.Button{Text: ui.T("kiosk.channel.sms"), OnTapped: choose(showroom.ChannelSMS)}
	s.phone = &widget.Button{Text: ui.T("kiosk.channel.phone"), OnTapped: choose(showroom.ChannelPhone)}
	s.phoneHint = wrapped(ui.T("kiosk.channel.needphone"))
	// A button rather than a check box: the whole wide row answers a
	// finger, not only the small box.
	s.marketing = &widget.Button{Text: ui.T("kiosk.marketing"), Alignment: widget.ButtonAlignLeading, OnTapped: func() {
		k.touch()
		d.marketing = !d.marketing
		k.relabelPrefs()
	}}
	s.errText = wrapped("")
	s.submit = &widget.Button{Text: ui.T("kiosk.submit"), Importance: widget.HighImportance, OnTapped: k.onSubmit}
	s.back = &widget.Button{Text: ui.T("kiosk.back"), OnTapped: func() { k.touch(); k.show(scrConsent) }}
	if d.welcomePack != nil {
		s.submit.SetText(ui.T("kiosk.activate"))
	}
	k.relabelPrefs()
	channels := container.NewGridWithColumns(3, tall(s.email), tall(s.sms), tall(s.phone))
	k.setHeading(ui.T("kiosk.prefs.title"))
	// The buttons stay where the consent screen had them: the finger that
	// tapped «Согласен» finds «Зарегистрироваться» in the same place.
	return container.NewBorder(nil, actions(s.back, s.submit), nil, nil, container.NewVBox(
		widget.NewLabelWithStyle(ui.T("kiosk.channel.question"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		channels, s.phoneHint,
		minBox(1, 24),
		tall(s.marketing),
		wrapped(ui.T("kiosk.marketing.hint")),
		minBox(1, 24),
		s.errText,
	))
}

// relabelPrefs marks the chosen channel; SMS and a call need a phone.
func (k *Kiosk) relabelPrefs() {
	s, d := &k.prefs, &k.draft
	hasPhone := d.phone != "" && d.welcomePack == nil
	for c, b := range map[showroom.Channel]*widget.Button{showroom.ChannelEmail: s.email, showroom.ChannelSMS: s.sms, showroom.ChannelPhone: s.phone} {
		b.Importance = widget.MediumImportance
		if c == d.channel {
			b.Importance = widget.HighImportance
		}
		if c != showroom.ChannelEmail && !hasPhone {
			b.Disable()
		} else {
			b.Enable()
		}
		b.Refresh()
	}
	s.marketing.Icon = theme.CheckButtonIcon()
	if d.marketing {
		s.marketing.Icon = theme.CheckButtonCheckedIcon()
	}
	s.marketing.Refresh()
	if hasPhone {
		s.phoneHint.Hide()
	} else {
		s.phoneHint.Show()
	}
}

// onSubmit commits the registration (or the Welcome Pack activation)
// locally and only then congratulates. A second tap while the first is
// being saved does nothing; and since the draft's ref was made once for the
// form, even a retried save names the same customer.
func (k *Kiosk) onSubmit() {
	k.touch()
	d := &k.draft
	if d.submitting {
		return
	}
	d.submitting = true
	k.prefs.submit.Disable()
	k.prefs.errText.SetText(ui.T("kiosk.saving"))
	if d.welcomePack != nil {
		a := Activation{CustomerID: d.welcomePack.CustomerID, FirstName: d.welcomePack.FirstName,
			LastName: d.welcomePack.LastName, Email: d.email, PreferredChannel: d.channel,
			Consent: d.registration().Consent}
		k.opt.Async(func() func() {
			err := k.be.ActivateWelcomePack(k.ctx, a)
			return func() { k.submitted(err) }
		})
		return
	}
	r := d.registration()
	k.opt.Async(func() func() {
		_, err := k.be.Register(k.ctx, r)
		return func() { k.submitted(err) }
	})
}

func (k *Kiosk) submitted(err error) {
	d := &k.draft
	d.submitting = false
	if showroom.ErrorCode(err) == showroom.EConflict {
		err = nil // this very form was saved already
	}
	if err != nil {
		d.err = ui.ErrorText(err)
		if k.screen == scrPrefs {
			k.prefs.errText.SetText(d.err)
			k.prefs.submit.Enable()
		}
		return
	}
	if k.screen != scrPrefs {
		return // wiped meanwhile: the registration is saved, the screen moved on
	}
	k.show(scrDone)
}
