package staff

import (
	"context"
	"log/slog"
	"slices"
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
	afterReload func(err error)
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
		container.NewHBox(v.welcomeBtn), v.welcomeHint)
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
		v.afterReload = nil // a change of the customer before is not this one's
		for _, l := range []*widget.Label{v.profile.msg, v.garage.msg, v.prefs.msg, v.messages.msg} {
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
	for _, k := range sectionKeys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			v.sectionKey(k)
		})
	}
}

// sectionKey chooses the section of Alt+k, when a card is shown; it says
// whether it did.
func (v *cabinetView) sectionKey(k fyne.KeyName) bool {
	i := slices.Index(sectionKeys[:], k)
	if i < 0 || v.cab.Customer.Ref == "" || !v.tabs.Visible() {
		return false
	}
	v.tabs.SelectIndex(i)
	return true
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
