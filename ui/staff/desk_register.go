package staff

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	"github.com/myrenault/showroom/ui"
)

// regFields are a registration's fields, each with the line under it that
// says what is wrong with it. The registration form and the fixing of a
// refused registration share them.
type regFields struct {
	last, first, email, phone, vin, engine *deskEntry
	msgs                                   map[string]*widget.Label
	form                                   *fyne.Container
}

// regFieldNames are the domain's field names, in the form's order.
var regFieldNames = []string{"last_name", "first_name", "email", "phone", "vin", "engine_number"}

func newRegFields(w *Window, submit func()) *regFields {
	f := &regFields{msgs: map[string]*widget.Label{}}
	entries := []**deskEntry{&f.last, &f.first, &f.email, &f.phone, &f.vin, &f.engine}
	f.form = container.NewVBox()
	for i, name := range regFieldNames {
		e := w.newEntry(func(string) { submit() })
		e.SetPlaceHolder(ui.T("desk.field." + name))
		*entries[i] = e
		msg := widget.NewLabel("")
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		f.msgs[name] = msg
		f.form.Add(widget.NewLabelWithStyle(ui.T("desk.field."+name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		f.form.Add(e)
		f.form.Add(msg)
	}
	return f
}

// only shows the rows of the fields named (all when names is nil).
func (f *regFields) only(names map[string]string) {
	for i, name := range regFieldNames {
		_, shown := names[name]
		for _, o := range f.form.Objects[3*i : 3*i+2] {
			if names == nil || shown {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
}

// entry is the field of a domain field name.
func (f *regFields) entry(name string) *deskEntry {
	switch name {
	case "first_name":
		return f.first
	case "email":
		return f.email
	case "phone":
		return f.phone
	case "vin":
		return f.vin
	case "engine_number":
		return f.engine
	}
	return f.last
}

// set fills the fields from r.
func (f *regFields) set(r showroom.Registration) {
	f.last.SetText(r.LastName)
	f.first.SetText(r.FirstName)
	f.email.SetText(r.Email)
	f.phone.SetText(r.Phone)
	f.vin.SetText(r.VIN)
	f.engine.SetText(r.EngineNumber)
	f.showErrors(nil)
}

// fill copies the fields into r.
func (f *regFields) fill(r *showroom.Registration) {
	r.LastName, r.FirstName, r.Email = f.last.Text, f.first.Text, f.email.Text
	r.Phone, r.VIN, r.EngineNumber = f.phone.Text, f.vin.Text, f.engine.Text
}

// showErrors puts each field's error under it and returns the error no
// field shows (the consent's, or one that is not a validation error).
func (f *regFields) showErrors(err error) error {
	var v showroom.ValidationErrors
	if !errors.As(err, &v) {
		if showroom.ErrorCode(err) == showroom.EEmailTaken {
			v = showroom.ValidationErrors{{Code: showroom.EEmailTaken, Field: "email"}}
			err = nil
		}
	} else {
		err = nil
	}
	for _, name := range regFieldNames {
		m := f.msgs[name]
		if e := v.For(name); e != nil {
			m.SetText(e.Text(ui.Lang()))
			m.Show()
		} else {
			m.SetText("")
			m.Hide()
		}
	}
	for _, e := range v {
		if !isRegField(e.Field) && err == nil {
			err = e
		}
	}
	return err
}

func isRegField(name string) bool {
	for _, n := range regFieldNames {
		if n == name {
			return true
		}
	}
	return false
}

// registerView is the registration by staff: the customer's fields, the
// consent shown on screen and agreed to by the customer, the VIN the
// programme asks for at every registration in the showroom.
type registerView struct {
	w      *Window
	done   func(showroom.Customer)
	fields *regFields

	consent   assets.ConsentText
	text      *widget.Label
	agree     *widget.Check
	marketing *widget.Check
	vinPrompt *widget.Label
	submitBtn *widget.Button
	message   *widget.Label
	// body is the form; root scrolls it. The handover wizard, which
	// scrolls itself, shows the body of its own form.
	body fyne.CanvasObject
	root fyne.CanvasObject

	askedVIN bool // the VIN prompt was shown for this customer
	// vin, when set, is the car the registration is for (the handover's);
	// the VIN field then starts with it.
	vin, engine string
}

func newRegisterView(w *Window, done func(showroom.Customer)) *registerView {
	v := &registerView{w: w, done: done}
	v.fields = newRegFields(w, v.submit)
	v.fields.vin.OnChanged = func(string) { v.followVIN() }
	v.text = widget.NewLabel("")
	v.text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(v.text)
	scroll.SetMinSize(fyne.NewSize(0, 140))
	v.agree = widget.NewCheck(ui.T("desk.register.agree"), func(bool) { v.w.touch() })
	v.marketing = widget.NewCheck(ui.T("desk.register.marketing"), func(bool) { v.w.touch() })
	v.vinPrompt = widget.NewLabel(ui.T("desk.register.vinprompt"))
	v.vinPrompt.Wrapping = fyne.TextWrapWord
	v.vinPrompt.Importance = widget.WarningImportance
	v.vinPrompt.Hide()
	v.submitBtn = &widget.Button{Text: ui.T("desk.register.submit"), Importance: widget.HighImportance, OnTapped: v.submit}
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(ui.T("desk.register.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.body = container.NewVBox(title, v.fields.form, v.vinPrompt,
		widget.NewLabelWithStyle(ui.T("desk.register.consent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		scroll, v.agree, v.marketing, v.message, v.submitBtn)
	v.root = container.NewVScroll(container.NewPadded(v.body))
	v.reset()
	return v
}

// reset empties the form for the next customer, the consent in the
// current language.
func (v *registerView) reset() {
	v.askedVIN = false
	v.fields.set(showroom.Registration{VIN: v.vin, EngineNumber: v.engine})
	v.consent = assets.Consent(consentLang())
	v.text.SetText(v.consent.Text)
	v.agree.SetChecked(false)
	v.marketing.SetChecked(false)
	v.vinPrompt.Hide()
	v.submitBtn.SetText(ui.T("desk.register.submit"))
	v.submitBtn.Enable()
	v.message.SetText("")
}

// followVIN keeps the prompt and the button true to the VIN field once the
// prompt was shown: «without VIN» only while the field is empty, so that a
// VIN typed after the prompt is registered by the plain «Register».
func (v *registerView) followVIN() {
	if !v.askedVIN {
		return
	}
	without := v.fields.vin.Text == ""
	label := ui.T("desk.register.submit")
	if without {
		label = ui.T("desk.register.withoutvin")
	}
	if v.submitBtn.Text != label {
		v.submitBtn.SetText(label)
	}
	if v.vinPrompt.Visible() != without {
		v.vinPrompt.Hidden = !without
		v.vinPrompt.Refresh()
		v.w.relayout()
	}
}

// submit checks the form and registers the customer off the UI goroutine.
// The first time without a VIN it asks for the car's VIN instead; a second
// submit registers without one.
func (v *registerView) submit() {
	v.w.touch()
	if v.fields.vin.Text == "" && !v.askedVIN {
		v.askedVIN = true
		v.followVIN()
		v.w.setFocus(v.fields.vin)
		return
	}
	if !v.agree.Checked {
		v.message.SetText(ui.T("desk.register.needconsent"))
		v.w.relayout()
		return
	}
	r := showroom.Registration{Source: showroom.SourceStaff, StaffID: v.w.member.ID,
		PreferredChannel: showroom.ChannelEmail,
		Consent: showroom.RegistrationConsent{TextVersion: v.consent.Version, TextSHA256: v.consent.SHA256,
			Purpose: showroom.PurposePersonalData, Marketing: v.marketing.Checked, GivenAt: v.w.now()}}
	v.fields.fill(&r)
	v.submitBtn.Disable()
	v.message.SetText(ui.T("desk.saving"))
	var c showroom.Customer
	v.w.call(func(ctx context.Context) (err error) {
		c, err = v.w.work.work.Register(ctx, r)
		return err
	}, func(err error) {
		v.submitBtn.Enable()
		defer v.w.relayout()
		if err == nil {
			v.message.SetText("")
			v.done(c)
			return
		}
		rest := v.fields.showErrors(err)
		switch {
		case rest == nil:
			v.message.SetText(ui.T("desk.register.fix"))
		case showroom.ErrorCode(rest) == showroom.EInternal || !isDomainError(rest):
			v.w.logFailure("registration failed", rest)
			v.message.SetText(ui.T("desk.savefailed"))
		default:
			v.message.SetText(ui.ErrorText(rest))
		}
	})
}

// isDomainError says whether err carries a code of the domain, whose text
// speaks for itself.
func isDomainError(err error) bool {
	var e *showroom.Error
	return errors.As(err, &e)
}

// consentLang is the consent file's language for the UI's.
func consentLang() string {
	if ui.Lang() == showroom.English {
		return "en"
	}
	return "ru"
}
