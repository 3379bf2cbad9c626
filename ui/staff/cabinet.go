package staff

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// cabinetView shows one customer's cabinet, a tab per section of My Renault.
type cabinetView struct {
	overview *fyne.Container
	tabs     *container.AppTabs

	greeting     *widget.Label
	completeness *widget.ProgressBar
	complLabel   *widget.Label
	homeInfo     *widget.Label
	missing      *widget.Label

	profile, garage, prefs, messages *fyne.Container

	// Printing, shown when the window has a Printing: the Welcome Pack on
	// the home tab, coupons in the offers tab.
	printing      bool
	welcomeBtn    *widget.Button
	welcomeHint   *widget.Label
	offers        *fyne.Container
	offerList     []CarOffer
	onWelcomePack func()
	onCoupon      func(CarOffer)
	cab           showroom.Cabinet
}

func newCabinetView() *cabinetView {
	v := &cabinetView{
		greeting:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		completeness: widget.NewProgressBar(),
		complLabel:   widget.NewLabel(""),
		homeInfo:     widget.NewLabel(""),
		missing:      widget.NewLabel(""),
		profile:      container.NewVBox(),
		garage:       container.NewVBox(),
		prefs:        container.NewVBox(),
		messages:     container.NewVBox(),
		overview:     container.NewVBox(),
	}
	v.completeness.TextFormatter = func() string { return "" }
	v.missing.Wrapping = fyne.TextWrapWord
	v.welcomeBtn = &widget.Button{Text: ui.T("print.welcomepack"), Icon: theme.DocumentPrintIcon(),
		OnTapped: func() { v.onWelcomePack() }}
	v.welcomeHint = widget.NewLabel("")
	v.welcomeHint.Wrapping = fyne.TextWrapWord
	v.offers = container.NewVBox()
	home := container.NewVBox(v.greeting, v.complLabel, v.completeness, v.homeInfo, v.missing,
		container.NewHBox(v.welcomeBtn), v.welcomeHint)
	v.welcomeBtn.Hide()
	v.welcomeHint.Hide()
	later := func() fyne.CanvasObject {
		l := widget.NewLabel(ui.T("section.later"))
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	v.tabs = container.NewAppTabs(
		container.NewTabItem(ui.T("section.home"), container.NewVScroll(home)),
		container.NewTabItem(ui.T("section.profile"), container.NewVScroll(v.profile)),
		container.NewTabItem(ui.T("section.garage"), container.NewVScroll(v.garage)),
		container.NewTabItem(ui.T("section.preferences"), container.NewVScroll(v.prefs)),
		container.NewTabItem(ui.T("section.notifications"), later()),
		container.NewTabItem(ui.T("section.service"), later()),
		container.NewTabItem(ui.T("section.offers"), container.NewVScroll(v.offers)),
		container.NewTabItem(ui.T("section.messages"), container.NewVScroll(v.messages)),
	)
	v.tabs.SetTabLocation(container.TabLocationLeading)
	return v
}

func (v *cabinetView) showOverview(o Overview) {
	title := ui.T("staff.overview.nodealer")
	if o.DealerCode != "" {
		title = ui.T("staff.overview.title", o.DealerName, o.DealerCode)
	}
	v.overview.Objects = []fyne.CanvasObject{
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(ui.T("staff.overview.customers", o.Customers)),
		widget.NewLabel(ui.T("staff.overview.vehicles", o.Vehicles)),
		widget.NewLabel(ui.T("staff.overview.orders", o.Orders)),
		widget.NewLabel(ui.T("staff.overview.pick")),
	}
	v.overview.Refresh()
}

func (v *cabinetView) show(cab showroom.Cabinet) {
	c := cab.Customer
	pct := showroom.Completeness(c)
	v.greeting.SetText(ui.T("home.greeting", strings.ToUpper(c.FullName())))
	v.complLabel.SetText(ui.T("home.completeness", pct))
	v.completeness.SetValue(float64(pct) / 100)
	info := []string{ui.T("home.state", stateText(c.State))}
	if c.ID != "" {
		info = append(info, ui.T("home.customerid", c.ID))
	} else {
		info = append(info, ui.T("home.noid"))
	}
	if !c.CreatedAt.IsZero() {
		info = append(info, ui.T("home.registered", c.CreatedAt.Local().Format("02.01.2006")))
	}
	v.homeInfo.SetText(strings.Join(info, "\n"))
	if missing := showroom.MissingFields(c); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, f := range missing {
			names[i] = f.Label(ui.Lang())
		}
		v.missing.SetText(ui.T("home.missing") + " " + strings.Join(names, ", "))
	} else {
		v.missing.SetText(ui.T("home.complete"))
	}
	v.showProfile(c)
	v.showGarage(cab)
	v.showPreferences(cab)
	v.showMessages(cab)
	v.cab = cab
	v.showWelcomePack(cab)
	v.offerList = nil
	if v.printing {
		v.offers.Objects = []fyne.CanvasObject{widget.NewLabel(ui.T("offers.loading"))}
	} else {
		l := widget.NewLabel(ui.T("section.later"))
		l.Wrapping = fyne.TextWrapWord
		v.offers.Objects = []fyne.CanvasObject{l}
	}
	v.offers.Refresh()
	v.tabs.SelectIndex(0)
}

// form renders label/value rows; an empty value shows a dash.
func form(rows ...[2]string) *widget.Form {
	f := widget.NewForm()
	for _, r := range rows {
		val := r[1]
		if val == "" {
			val = ui.T("profile.notset")
		}
		f.Append(r[0], widget.NewLabel(val))
	}
	return f
}

func (v *cabinetView) showProfile(c showroom.Customer) {
	l := ui.Lang()
	label := func(key string) string { return showroom.Field(key).Label(l) }
	p, ct, x := c.Personal, c.Contacts, c.Extra
	birth := ""
	if !p.BirthDate.IsZero() {
		birth = p.BirthDate.Format("02.01.2006")
	}
	consent := ui.T("no")
	if p.MarketingConsent {
		consent = ui.T("yes")
	}
	children := ""
	if x.Children != nil {
		children = strconv.Itoa(*x.Children)
	}
	v.profile.Objects = []fyne.CanvasObject{
		widget.NewCard(ui.T("profile.personal"), "", form(
			[2]string{label("first_name"), p.FirstName}, [2]string{label("last_name"), p.LastName},
			[2]string{label("gender"), enumText("gender.", string(p.Gender))}, [2]string{label("birth_date"), birth},
			[2]string{label("email"), p.Email}, [2]string{label("preferred_channel"), enumText("channel.", string(p.PreferredChannel))},
			[2]string{label("marketing_consent"), consent})),
		widget.NewCard(ui.T("profile.contacts"), "", form(
			[2]string{label("country"), ct.Country}, [2]string{label("region"), ct.Region},
			[2]string{label("postcode"), ct.Postcode}, [2]string{label("city"), ct.City},
			[2]string{label("district"), ct.District}, [2]string{label("street_type"), ct.StreetType},
			[2]string{label("street"), ct.Street}, [2]string{label("house"), ct.House},
			[2]string{label("flat"), ct.Flat}, [2]string{label("home_phone"), ct.HomePhone},
			[2]string{label("mobile_phone"), ct.MobilePhone}, [2]string{label("mobile_phone_type"), ct.MobilePhoneType},
			[2]string{label("work_phone"), ct.WorkPhone})),
		widget.NewCard(ui.T("profile.extra"), "", form(
			[2]string{label("children"), children}, [2]string{label("interests"), strings.Join(x.Interests, ", ")},
			[2]string{label("profession"), x.Profession})),
	}
	v.profile.Refresh()
}

func (v *cabinetView) showGarage(cab showroom.Cabinet) {
	objs := []fyne.CanvasObject{widget.NewLabel(ui.T("garage.count", len(cab.Garage), showroom.MaxGarage))}
	if len(cab.Garage) == 0 {
		objs = append(objs, widget.NewLabel(ui.T("garage.empty")))
	}
	for _, car := range cab.Garage {
		title := strings.TrimSpace(car.Model + " " + car.Version)
		if car.Nickname != "" {
			title = car.Nickname + " — " + title
		}
		lines := []string{}
		if car.VIN != "" {
			lines = append(lines, ui.T("garage.vin", car.VIN))
		}
		if car.EngineNumber != "" {
			lines = append(lines, ui.T("garage.engine", car.EngineNumber))
		}
		if car.OrderNumber != "" {
			lines = append(lines, ui.T("garage.order", car.OrderNumber))
		}
		if car.Plate != "" {
			lines = append(lines, ui.T("garage.plate", car.Plate))
		}
		if car.Mileage > 0 {
			lines = append(lines, ui.T("garage.mileage", car.Mileage))
		}
		if car.Verified {
			lines = append(lines, ui.T("garage.verified"))
		} else {
			lines = append(lines, ui.T("garage.unverified"))
		}
		objs = append(objs, widget.NewCard(title, "", widget.NewLabel(strings.Join(lines, "\n"))))
	}
	if len(cab.Orders) > 0 {
		lines := []string{}
		for _, o := range cab.Orders {
			lines = append(lines, fmt.Sprintf("%s — %s", ui.T("garage.order", o.Number), o.StaffStatus().Text(ui.Lang())))
		}
		objs = append(objs, widget.NewCard(ui.T("garage.orders"), "", widget.NewLabel(strings.Join(lines, "\n"))))
	}
	v.garage.Objects = objs
	v.garage.Refresh()
}

func (v *cabinetView) showPreferences(cab showroom.Cabinet) {
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle(ui.T("preferences.dealers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	if len(cab.SavedDealers) == 0 {
		objs = append(objs, widget.NewLabel(ui.T("preferences.none")))
	}
	for _, d := range cab.SavedDealers {
		s := d.DealerCode
		if d.Primary {
			s += " (" + ui.T("preferences.primary") + ")"
		}
		objs = append(objs, widget.NewLabel(s))
	}
	v.prefs.Objects = objs
	v.prefs.Refresh()
}

func (v *cabinetView) showMessages(cab showroom.Cabinet) {
	objs := []fyne.CanvasObject{}
	for _, m := range cab.Messages {
		if m.Deleted {
			continue
		}
		sub := m.At.Local().Format("02.01.2006 15:04")
		if !m.Read {
			sub += " · " + ui.T("messages.unread")
		}
		body := widget.NewLabel(m.Body)
		body.Wrapping = fyne.TextWrapWord
		objs = append(objs, widget.NewCard(m.Subject, sub, body))
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(ui.T("messages.none")))
	}
	v.messages.Objects = objs
	v.messages.Refresh()
}

// enumText names a stored enum value (gender, channel) in the current
// language; an empty value stays empty so the form shows a dash.
func enumText(prefix, v string) string {
	if v == "" {
		return ""
	}
	return ui.T(prefix + v)
}
