package staff

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// profileSection is «Мой профиль»: Мои личные данные, Мои контакты and
// Дополнительные сведения, each shown as the cabinet shows it and changed
// with its own «Изменить». The password is never shown nor set here: the
// customer sets it through the link in the e-mail.
type profileSection struct {
	v   *cabinetView
	box *fyne.Container
	msg *widget.Label

	parts [3]*profilePart
}

// profilePart is one sub-section: its card, its «Изменить» and, while
// changed, its form.
type profilePart struct {
	title string
	card  *widget.Card
	edit  *widget.Button
	form  *editForm
	build func(c showroom.Customer) []*formField
	read  func(c showroom.Customer) *widget.Form
	save  func(f *editForm) (showroom.ProfileEdit, bool)
}

func newProfileSection(v *cabinetView) *profileSection {
	s := &profileSection{v: v, msg: msgLabel()}
	s.parts = [3]*profilePart{
		{title: ui.T("profile.personal"), build: personalFields, read: personalForm, save: savePersonal},
		{title: ui.T("profile.contacts"), build: contactFields, read: contactsForm, save: saveContacts},
		{title: ui.T("profile.extra"), build: extraFields, read: extraForm, save: saveExtra},
	}
	objs := []fyne.CanvasObject{s.msg}
	for _, p := range s.parts {
		p.card = widget.NewCard(p.title, "", nil)
		p.edit = &widget.Button{Text: ui.T("cab.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { s.open(p) }}
		p.edit.Hide()
		objs = append(objs, p.card)
	}
	s.box = container.NewVBox(objs...)
	return s
}

func (s *profileSection) show(c showroom.Customer) {
	for _, p := range s.parts {
		p.form = nil
		p.edit.Hidden = s.v.editor == nil
		p.card.SetContent(container.NewVBox(p.read(c), container.NewHBox(p.edit)))
	}
	s.box.Refresh()
}

// open turns a part into its form, the cursor in the first field.
func (s *profileSection) open(p *profilePart) {
	var f *editForm
	f = s.v.newForm(p.build(s.v.cab.Customer), func() { s.submit(p, f) }, func() { s.show(s.v.cab.Customer); s.v.relayout() })
	p.form = f
	p.card.SetContent(f.root)
	s.v.relayout()
	setMessage(s.msg, "")
	f.focus()
}

func (s *profileSection) submit(p *profilePart, f *editForm) {
	if s.v.busy {
		return
	}
	f.clearErrors()
	e, ok := p.save(f)
	if !ok {
		setMessage(s.msg, ui.T("cab.checkfields"))
		return
	}
	f.setBusy(true)
	s.v.act(s.msg, ui.T("cab.saved", p.title), func(ctx context.Context, ref string) error {
		return s.v.editor.UpdateProfile(ctx, ref, e)
	}, func(err error) {
		f.setBusy(false)
		f.showErrors(err)
	})
}

func fieldLabel(f showroom.Field) string { return f.Label(ui.Lang()) }

func personalForm(c showroom.Customer) *widget.Form {
	p := c.Personal
	birth := ""
	if !p.BirthDate.IsZero() {
		birth = p.BirthDate.Format("02.01.2006")
	}
	consent := ui.T("no")
	if p.MarketingConsent {
		consent = ui.T("yes")
	}
	return form(
		[2]string{fieldLabel(showroom.FieldFirstName), p.FirstName}, [2]string{fieldLabel(showroom.FieldLastName), p.LastName},
		[2]string{fieldLabel(showroom.FieldGender), enumText("gender.", string(p.Gender))},
		[2]string{fieldLabel(showroom.FieldBirthDate), birth},
		[2]string{fieldLabel(showroom.FieldEmail), p.Email},
		[2]string{ui.T("cab.password"), ui.T("cab.password.hint")},
		[2]string{fieldLabel(showroom.FieldPreferredChannel), enumText("channel.", string(p.PreferredChannel))},
		[2]string{fieldLabel(showroom.FieldMarketingConsent), consent})
}

var (
	genders  = []string{"", string(showroom.GenderMale), string(showroom.GenderFemale)}
	channels = []string{"", string(showroom.ChannelEmail), string(showroom.ChannelSMS), string(showroom.ChannelPhone)}
)

func enumNames(prefix string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = ui.T("profile.notset")
		if v != "" {
			out[i] = ui.T(prefix + v)
		}
	}
	return out
}

func personalFields(c showroom.Customer) []*formField {
	p := c.Personal
	birth := ""
	if !p.BirthDate.IsZero() {
		birth = p.BirthDate.Format("02.01.2006")
	}
	b := entryField("birth_date", fieldLabel(showroom.FieldBirthDate), birth)
	b.obj.(*widget.Entry).SetPlaceHolder(ui.T("cab.date.placeholder"))
	return []*formField{
		entryField("first_name", fieldLabel(showroom.FieldFirstName), p.FirstName),
		entryField("last_name", fieldLabel(showroom.FieldLastName), p.LastName),
		choiceField("gender", fieldLabel(showroom.FieldGender), genders, enumNames("gender.", genders), string(p.Gender)),
		b,
		labelField("email", fieldLabel(showroom.FieldEmail), p.Email+"\n"+ui.T("cab.email.hint")),
		labelField("password", ui.T("cab.password"), ui.T("cab.password.hint")),
		choiceField("preferred_channel", fieldLabel(showroom.FieldPreferredChannel), channels, enumNames("channel.", channels),
			string(p.PreferredChannel)),
		checkField("marketing_consent", fieldLabel(showroom.FieldMarketingConsent), ui.T("cab.consent"), p.MarketingConsent),
	}
}

func savePersonal(f *editForm) (showroom.ProfileEdit, bool) {
	p := showroom.PersonalData{
		FirstName:        f.text("first_name"),
		LastName:         f.text("last_name"),
		Gender:           showroom.Gender(genders[max(f.choice("gender").SelectedIndex(), 0)]),
		PreferredChannel: showroom.Channel(channels[max(f.choice("preferred_channel").SelectedIndex(), 0)]),
		MarketingConsent: f.check("marketing_consent").Checked,
	}
	if s := strings.TrimSpace(f.text("birth_date")); s != "" {
		d, err := time.Parse("02.01.2006", s)
		if err != nil {
			f.fieldError("birth_date", ui.T("cab.err.date"))
			return showroom.ProfileEdit{}, false
		}
		p.BirthDate = d
	}
	return showroom.ProfileEdit{Personal: &p}, true
}

// contactKeys are Мои контакты's fields in the cabinet's order.
var contactKeys = []showroom.Field{
	showroom.FieldCountry, showroom.FieldRegion, showroom.FieldPostcode, showroom.FieldCity, showroom.FieldDistrict,
	showroom.FieldStreetType, showroom.FieldStreet, showroom.FieldHouse, showroom.FieldFlat,
	showroom.FieldHomePhone, showroom.FieldMobilePhone, showroom.FieldMobilePhoneType, showroom.FieldWorkPhone,
}

func contactPtrs(c *showroom.Contacts) []*string {
	return []*string{&c.Country, &c.Region, &c.Postcode, &c.City, &c.District, &c.StreetType, &c.Street,
		&c.House, &c.Flat, &c.HomePhone, &c.MobilePhone, &c.MobilePhoneType, &c.WorkPhone}
}

func contactsForm(c showroom.Customer) *widget.Form {
	rows := make([][2]string, len(contactKeys))
	for i, p := range contactPtrs(&c.Contacts) {
		rows[i] = [2]string{fieldLabel(contactKeys[i]), *p}
	}
	return form(rows...)
}

func contactFields(c showroom.Customer) []*formField {
	out := make([]*formField, len(contactKeys))
	for i, p := range contactPtrs(&c.Contacts) {
		out[i] = entryField(string(contactKeys[i]), fieldLabel(contactKeys[i]), *p)
	}
	return out
}

func saveContacts(f *editForm) (showroom.ProfileEdit, bool) {
	var c showroom.Contacts
	for i, p := range contactPtrs(&c) {
		*p = f.text(string(contactKeys[i]))
	}
	return showroom.ProfileEdit{Contacts: &c}, true
}

func extraForm(c showroom.Customer) *widget.Form {
	x := c.Extra
	children := ""
	if x.Children != nil {
		children = strconv.Itoa(*x.Children)
	}
	return form([2]string{fieldLabel(showroom.FieldChildren), children},
		[2]string{fieldLabel(showroom.FieldInterests), strings.Join(x.Interests, ", ")},
		[2]string{fieldLabel(showroom.FieldProfession), x.Profession})
}

func extraFields(c showroom.Customer) []*formField {
	x := c.Extra
	children := ""
	if x.Children != nil {
		children = strconv.Itoa(*x.Children)
	}
	interests := entryField("interests", fieldLabel(showroom.FieldInterests), strings.Join(x.Interests, ", "))
	interests.obj.(*widget.Entry).SetPlaceHolder(ui.T("cab.interests.placeholder"))
	return []*formField{
		entryField("children", fieldLabel(showroom.FieldChildren), children),
		interests,
		entryField("profession", fieldLabel(showroom.FieldProfession), x.Profession),
	}
}

func saveExtra(f *editForm) (showroom.ProfileEdit, bool) {
	var x showroom.AdditionalInfo
	if s := strings.TrimSpace(f.text("children")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			f.fieldError("children", ui.T("cab.err.number"))
			return showroom.ProfileEdit{}, false
		}
		x.Children = &n
	}
	for _, i := range strings.Split(f.text("interests"), ",") {
		if i = strings.TrimSpace(i); i != "" {
			x.Interests = append(x.Interests, i)
		}
	}
	x.Profession = f.text("profession")
	return showroom.ProfileEdit{Extra: &x}, true
}
