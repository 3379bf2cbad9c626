package staff

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// cabinetView shows one customer's cabinet, a tab per section of My
// Renault, and with an Editor lets staff change it for the customer. Each
// section keeps its widgets in fields so that tests tap them; a change runs
// off the UI goroutine and the card then reloads from the store, so that it
// shows exactly what was saved.
type cabinetView struct {
	overview *fyne.Container
	tabs     *container.AppTabs

	greeting     *widget.Label
	completeness *widget.ProgressBar
	complLabel   *widget.Label
	homeInfo     *widget.Label
	missing      *widget.Label
	summary      *widget.Label
	homeMsg      *widget.Label

	profile  *profileSection
	garage   *garageSection
	prefs    *prefsSection
	notices  *noticesSection
	service  *serviceSection
	messages *messagesSection

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

	// What SetEditor gives; without an editor the card is read-only.
	editor Editor
	ctx    context.Context
	log    *slog.Logger
	async  func(work func() func())
	reload func(ref string)
	// ref is the reference data of the cabinet shown; refState says
	// whether it is loading, loaded or failed.
	ref      Reference
	refState refState
	refKey   string // the garage's VINs the reference data are for
	dirty    [sections]bool
	// Each section's content and the scroll that shows it; a section out
	// of date and out of view is taken out of its scroll, so that Fyne does
	// not lay out and redraw what nobody sees.
	boxes   [sections]fyne.CanvasObject
	scrolls [sections]*container.Scroll
	busy    bool
	keysOn  fyne.Canvas // the window that has the sections' keys
	// afterReload runs once the card shows the reloaded cabinet.
	afterReload func()
	now         func() time.Time
}

type refState int

const (
	refNone refState = iota
	refLoading
	refLoaded
	refFailed
)

func newCabinetView() *cabinetView {
	v := &cabinetView{
		greeting:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		completeness: widget.NewProgressBar(),
		complLabel:   widget.NewLabel(""),
		homeInfo:     widget.NewLabel(""),
		missing:      wrapped(""),
		summary:      wrapped(""),
		homeMsg:      msgLabel(),
		overview:     container.NewVBox(),
		ctx:          context.Background(),
		now:          time.Now,
	}
	v.completeness.TextFormatter = func() string { return "" }
	v.welcomeBtn = &widget.Button{Text: ui.T("print.welcomepack"), Icon: theme.DocumentPrintIcon(),
		OnTapped: func() { v.onWelcomePack() }}
	v.welcomeHint = wrapped("")
	v.offers = container.NewVBox()
	v.profile = newProfileSection(v)
	v.garage = newGarageSection(v)
	v.prefs = newPrefsSection(v)
	v.notices = newNoticesSection(v)
	v.service = newServiceSection(v)
	v.messages = newMessagesSection(v)
	home := container.NewVBox(v.greeting, v.complLabel, v.completeness, v.homeInfo, v.missing, v.summary,
		v.homeMsg, container.NewHBox(v.welcomeBtn), v.welcomeHint)
	v.welcomeBtn.Hide()
	v.welcomeHint.Hide()
	v.boxes = [sections]fyne.CanvasObject{home, v.profile.box, v.garage.box, v.prefs.box, v.notices.box,
		v.service.box, v.offers, v.messages.box}
	titles := [sections]string{"section.home", "section.profile", "section.garage", "section.preferences",
		"section.notifications", "section.service", "section.offers", "section.messages"}
	items := make([]*container.TabItem, sections)
	for i := range items {
		v.scrolls[i] = container.NewVScroll(v.boxes[i])
		items[i] = container.NewTabItem(ui.T(titles[i]), v.scrolls[i])
	}
	v.tabs = container.NewAppTabs(items...)
	v.tabs.SetTabLocation(container.TabLocationLeading)
	v.tabs.OnSelected = func(*container.TabItem) { v.render(v.tabs.SelectedIndex()) }
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

// Sections, in the tabs' order.
const (
	secHome = iota
	secProfile
	secGarage
	secPrefs
	secNotices
	secService
	secOffers
	secMessages
	sections
)

// show puts the cabinet on the card. Only the section in view is built
// now, the others when chosen: opening a customer stays quick however much
// the cabinet holds. The same customer again (after a change) keeps the
// chosen section and the sections' messages; another customer starts on
// Главная.
func (v *cabinetView) show(cab showroom.Cabinet) {
	same := v.cab.Customer.Ref == cab.Customer.Ref && cab.Customer.Ref != ""
	v.cab = cab
	if !same {
		v.ref, v.refState, v.refKey = Reference{}, refNone, ""
		for _, l := range []*widget.Label{v.homeMsg, v.profile.msg, v.garage.msg, v.prefs.msg, v.messages.msg} {
			setMessage(l, "")
		}
	}
	v.showWelcomePack(cab)
	if !same {
		v.offerList = nil
		if v.printing {
			v.offers.Objects = []fyne.CanvasObject{widget.NewLabel(ui.T("offers.loading"))}
		} else {
			v.offers.Objects = []fyne.CanvasObject{wrapped(ui.T("section.later"))}
		}
		v.offers.Refresh()
		v.tabs.SelectIndex(secHome)
	}
	v.invalidate(secHome, secProfile, secGarage, secPrefs, secNotices, secService, secMessages)
	v.loadReference()
	v.addKeys()
}

// sectionKeys choose the sections with Alt: Alt+1 Главная … Alt+8 Мои
// сообщения (the desk's own screens have Ctrl+1 to Ctrl+5).
var sectionKeys = [sections]fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6,
	fyne.Key7, fyne.Key8}

// addKeys gives the window the sections' keys, once the card is on it.
func (v *cabinetView) addKeys() {
	if v.keysOn != nil {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(v.tabs)
	if c == nil {
		return
	}
	v.keysOn = c
	for i, k := range sectionKeys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			if v.cab.Customer.Ref != "" && v.tabs.Visible() {
				v.tabs.SelectIndex(i)
			}
		})
	}
}

// render builds section i afresh when what it shows has changed.
func (v *cabinetView) render(i int) {
	if i < 0 || i >= sections || !v.dirty[i] {
		return
	}
	v.dirty[i] = false
	cab := v.cab
	switch i {
	case secHome:
		v.showHome()
	case secProfile:
		v.profile.show(cab.Customer)
	case secGarage:
		v.garage.show(cab)
	case secPrefs:
		v.prefs.show(cab)
	case secNotices:
		v.notices.show()
	case secService:
		v.service.show()
	case secMessages:
		v.messages.show(cab)
	}
	sc, box := v.scrolls[i], v.boxes[i]
	sc.Content = box
	// Wrapped labels know their height only once they know their width:
	// give the content the scroll's width before the scroll measures it.
	if w := sc.Size().Width; w > 0 {
		box.Resize(fyne.NewSize(w, box.Size().Height))
		box.Resize(fyne.NewSize(w, box.MinSize().Height))
	}
	sc.Refresh()
}

// invalidate marks sections to build afresh, takes those out of view out
// of their scrolls, and builds the one in view.
func (v *cabinetView) invalidate(secs ...int) {
	cur := v.tabs.SelectedIndex()
	for _, i := range secs {
		v.dirty[i] = true
		if i != cur && v.scrolls[i].Content == v.boxes[i] {
			v.scrolls[i].Content = container.NewVBox()
		}
	}
	v.render(cur)
}

func (v *cabinetView) showHome() {
	c := v.cab.Customer
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
	v.summary.SetText(strings.Join(v.summaryLines(), "\n"))
}

// summaryLines are Главная's short account of the other sections.
func (v *cabinetView) summaryLines() []string {
	cab := v.cab
	verified := 0
	for _, car := range cab.Garage {
		if car.Verified {
			verified++
		}
	}
	unread := 0
	for _, m := range cab.Messages {
		if !m.Deleted && !m.Read {
			unread++
		}
	}
	lines := []string{
		ui.T("cab.home.garage", len(cab.Garage), showroom.MaxGarage, verified),
		ui.T("cab.home.unread", unread),
	}
	for _, o := range cab.Orders {
		lines = append(lines, ui.T("cab.home.order", o.Number, o.StaffStatus().Text(ui.Lang())))
	}
	if v.refState == refLoaded {
		recalls := 0
		for _, car := range cab.Garage {
			recalls += len(v.ref.Recalls[car.VIN])
		}
		lines = append(lines, ui.T("cab.home.recalls", recalls))
		if ev := showroom.Calendar(cab.Garage, v.ref.modelMap(), v.ref.Recalls, v.now()); len(ev) > 0 {
			lines = append(lines, ui.T("cab.home.next", calendarLine(ev[0])))
		}
	}
	return lines
}

// loadReference fetches the reference data of the cabinet shown, off the
// UI goroutine; again only when the garage's VINs changed.
func (v *cabinetView) loadReference() {
	if v.editor == nil {
		return
	}
	ref, garage := v.cab.Customer.Ref, v.cab.Garage
	var vins []string
	for _, car := range garage {
		vins = append(vins, car.VIN)
	}
	key := strings.Join(vins, ",")
	if v.refState == refLoaded && v.refKey == key {
		return
	}
	if v.refState != refLoaded {
		v.refState = refLoading
	}
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 10*time.Second)
		defer cancel()
		r, err := v.editor.Reference(ctx, garage)
		return func() {
			if v.cab.Customer.Ref != ref {
				return
			}
			if err != nil {
				v.logError("reference failed to load", err)
				v.refState = refFailed
			} else {
				v.ref, v.refState, v.refKey = r, refLoaded, key
			}
			v.invalidate(secHome, secGarage, secPrefs, secNotices, secService)
		}
	})
}

// act runs a change off the UI goroutine. msg says it is saving and, once
// the store has it, done; the card then reloads from the store. A failure
// goes to fail (which places a validation error beside its field) and msg
// says what went wrong; nothing is reloaded. A change while another runs
// is ignored: a double tap saves once.
func (v *cabinetView) act(msg *widget.Label, done string, work func(ctx context.Context, ref string) error, fail func(error)) {
	if v.editor == nil || v.busy {
		return
	}
	ref := v.cab.Customer.Ref
	v.busy = true
	setMessage(msg, ui.T("cab.saving"))
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 10*time.Second)
		defer cancel()
		err := work(ctx, ref)
		return func() {
			v.busy = false
			if v.cab.Customer.Ref != ref {
				return
			}
			if err != nil {
				if showroom.ErrorCode(err) == showroom.EInternal {
					v.logError("cabinet change failed", err)
				}
				if fail != nil {
					fail(err)
				}
				setMessage(msg, changeErrorText(err))
				msg.Importance = widget.DangerImportance
				msg.Refresh()
				return
			}
			// "Saved" shows with the card reloaded from the store.
			v.afterReload = func() { setMessage(msg, done) }
			v.reload(ref)
		}
	})
}

func (v *cabinetView) logError(what string, err error) {
	if v.log != nil {
		v.log.Error(what, "code", showroom.ErrorCode(err))
	}
}

// setStatus says something on Главная (a reload that failed).
func (v *cabinetView) setStatus(s string) { setMessage(v.homeMsg, s) }

// errorText is the sentence for a failed change: a form's validation
// errors stand beside their fields, so the line only points at them.
func changeErrorText(err error) string {
	if _, ok := err.(showroom.ValidationErrors); ok {
		return ui.T("cab.checkfields")
	}
	return ui.ErrorText(err)
}

// message is a section's one-line account of a change.
func msgLabel() *widget.Label {
	l := wrapped("")
	l.Hide()
	return l
}

func setMessage(l *widget.Label, s string) {
	l.Importance = widget.MediumImportance
	l.Text = s
	l.Hidden = s == ""
	l.Refresh()
}

// form renders label/value rows; an empty value shows a dash.
func form(rows ...[2]string) *widget.Form {
	f := widget.NewForm()
	for _, r := range rows {
		val := r[1]
		if val == "" {
			val = ui.T("profile.notset")
		}
		l := widget.NewLabel(val)
		l.Wrapping = fyne.TextWrapWord
		f.Append(r[0], l)
	}
	return f
}

// heading is a section's bold sub-heading.
func subHeading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// carName is "Renault Model Version", or the order number of a car not
// yet built.
func carName(car showroom.Vehicle) string {
	if car.Model == "" && car.OrderNumber != "" {
		return ui.T("garage.order", car.OrderNumber)
	}
	return strings.TrimSpace(fmt.Sprintf("Renault %s %s", car.Model, car.Version))
}

// date is the cabinet's date format.
func dmy(t time.Time) string { return t.Local().Format("02.01.2006") }

// enumText names a stored enum value (gender, channel) in the current
// language; an empty value stays empty so the form shows a dash.
func enumText(prefix, v string) string {
	if v == "" {
		return ""
	}
	return ui.T(prefix + v)
}

// newForm is an «Изменить» form of the section in view.
func (v *cabinetView) newForm(fields []*formField, onSave, onCancel func()) *editForm {
	f := newEditForm(fields, onSave, onCancel)
	f.relayout = v.relayout
	f.focusOn = v.focus
	return f
}

// focus puts the cursor on o. A form just put on screen is not drawn yet,
// so the window is found through the tabs, which are.
func (v *cabinetView) focus(o fyne.Focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.tabs); c != nil {
		c.Focus(o)
	}
}

// relayout lays the section in view out again after a change of size
// within it.
func (v *cabinetView) relayout() {
	sc := v.scrolls[v.tabs.SelectedIndex()]
	sc.Content.Refresh()
	sc.Refresh()
}
