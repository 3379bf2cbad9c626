package staff

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// dealerMatches bounds the dealers the add search lists at once.
const dealerMatches = 8

// prefsSection is «Мои предпочтения»: Сохранённые дилеры (any number, from
// the dealer directory; «Сделать его основным», «Удалить дилера»,
// «> Добавить дилера») and «Мой будущий Renault» from the model catalogue.
type prefsSection struct {
	v   *cabinetView
	box *fyne.Container
	msg *widget.Label

	dealers *fyne.Container
	addBtn  *widget.Button
	adding  *fyne.Container
	find    *widget.Entry
	found   *fyne.Container
	matches []showroom.Dealer

	future     *widget.Card
	futureBtn  *widget.Button
	futureForm *editForm
	model      *widget.Select
	options    map[string]*widget.Select
}

func newPrefsSection(v *cabinetView) *prefsSection {
	s := &prefsSection{v: v, msg: msgLabel(), dealers: container.NewVBox(), adding: container.NewVBox(),
		found: container.NewVBox(), future: widget.NewCard(ui.T("cab.future"), "", nil)}
	s.addBtn = &widget.Button{Text: ui.T("cab.dealers.add"), Icon: theme.ContentAddIcon(), OnTapped: s.openAdd}
	s.futureBtn = &widget.Button{Text: ui.T("cab.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: s.openFuture}
	s.box = container.NewVBox(subHeading(ui.T("preferences.dealers")), s.msg, s.dealers, container.NewHBox(s.addBtn),
		s.adding, s.future)
	return s
}

func (s *prefsSection) show(cab showroom.Cabinet) {
	s.showDealers(cab)
	s.closeAdd()
	s.showFuture(cab.Customer.FutureCar)
}

func (s *prefsSection) showDealers(cab showroom.Cabinet) {
	objs := []fyne.CanvasObject{}
	if len(cab.SavedDealers) == 0 {
		objs = append(objs, widget.NewLabel(ui.T("preferences.none")))
	}
	edit := s.v.editor != nil
	for _, sd := range cab.SavedDealers {
		d := s.v.ref.dealer(sd.DealerCode)
		title := d.Name
		if title == "" {
			title = ui.T("cab.dealers.code", d.Code)
		}
		sub := ""
		if sd.Primary {
			sub = ui.T("cab.dealers.primary")
		}
		lines := []string{}
		if addr := strings.Trim(strings.Join([]string{d.City, d.Address}, ", "), ", "); addr != "" {
			lines = append(lines, addr)
		}
		if d.Phone != "" {
			lines = append(lines, ui.T("cab.dealers.phone", d.Phone))
		}
		lines = append(lines, ui.T("cab.dealers.code", d.Code))
		code := sd.DealerCode
		primary := &widget.Button{Text: ui.T("cab.dealers.makeprimary"), Icon: theme.ConfirmIcon(),
			OnTapped: func() { s.makePrimary(code) }}
		remove := &widget.Button{Text: ui.T("cab.dealers.remove"), Icon: theme.DeleteIcon()}
		confirm := &widget.Button{Text: ui.T("cab.dealers.remove.confirm"), Icon: theme.DeleteIcon(),
			Importance: widget.DangerImportance, OnTapped: func() { s.remove(code) }}
		confirm.Hide()
		remove.OnTapped = func() { remove.Hide(); confirm.Show() }
		primary.Hidden = sd.Primary || !edit
		remove.Hidden = !edit
		objs = append(objs, widget.NewCard(title, sub, container.NewVBox(wrapped(strings.Join(lines, "\n")),
			container.NewHBox(primary, remove, confirm))))
	}
	s.dealers.Objects = objs
	s.dealers.Refresh()
}

func (s *prefsSection) makePrimary(code string) {
	s.v.act(s.msg, ui.T("cab.dealers.primary.done", s.v.ref.dealer(code).Name), func(ctx context.Context, ref string) error {
		return s.v.editor.MakePrimaryDealer(ctx, ref, code)
	}, nil)
}

func (s *prefsSection) remove(code string) {
	s.v.act(s.msg, ui.T("cab.dealers.removed"), func(ctx context.Context, ref string) error {
		return s.v.editor.RemoveDealer(ctx, ref, code)
	}, nil)
}

// openAdd opens the directory search: type a name, city or code, Enter
// adds the first match.
func (s *prefsSection) openAdd() {
	s.find = widget.NewEntry()
	s.find.SetPlaceHolder(ui.T("cab.dealers.find"))
	s.find.OnChanged = func(string) { s.filter() }
	s.find.OnSubmitted = func(string) {
		if len(s.matches) > 0 {
			s.add(s.matches[0].Code)
		}
	}
	cancel := &widget.Button{Text: ui.T("cab.cancel"), Icon: theme.CancelIcon(),
		OnTapped: func() { s.closeAdd(); s.v.relayout() }}
	s.addBtn.Hide()
	s.adding.Objects = []fyne.CanvasObject{widget.NewCard(ui.T("cab.dealers.add"), "",
		container.NewVBox(s.find, s.found, container.NewHBox(cancel)))}
	s.filter()
	s.v.focus(s.find)
}

func (s *prefsSection) closeAdd() {
	s.find, s.matches = nil, nil
	s.adding.Objects = nil
	s.adding.Refresh()
	s.addBtn.Hidden = s.v.editor == nil
	s.addBtn.Refresh()
}

// filter lists the directory's dealers not saved yet that match the
// search, by name, city, region or code.
func (s *prefsSection) filter() {
	q := strings.ToLower(strings.TrimSpace(s.find.Text))
	saved := map[string]bool{}
	for _, sd := range s.v.cab.SavedDealers {
		saved[sd.DealerCode] = true
	}
	s.matches = nil
	for _, d := range s.v.ref.Dealers {
		if saved[d.Code] {
			continue
		}
		hay := strings.ToLower(d.Name + " " + d.City + " " + d.Region + " " + d.Code)
		if q == "" || strings.Contains(hay, q) {
			s.matches = append(s.matches, d)
			if len(s.matches) == dealerMatches {
				break
			}
		}
	}
	objs := []fyne.CanvasObject{}
	switch {
	case s.v.refState == refLoading:
		objs = append(objs, widget.NewLabel(ui.T("cab.loading")))
	case len(s.matches) == 0:
		objs = append(objs, widget.NewLabel(ui.T("cab.dealers.nomatch")))
	}
	for _, d := range s.matches {
		code := d.Code
		objs = append(objs, container.NewBorder(nil, nil, nil,
			&widget.Button{Text: ui.T("cab.dealers.pick"), Icon: theme.ContentAddIcon(), OnTapped: func() { s.add(code) }},
			wrapped(fmt.Sprintf("%s — %s (%s)", d.Name, d.City, d.Code))))
	}
	s.found.Objects = objs
	s.found.Refresh()
	s.v.relayout()
}

func (s *prefsSection) add(code string) {
	s.v.act(s.msg, ui.T("cab.dealers.added", s.v.ref.dealer(code).Name), func(ctx context.Context, ref string) error {
		return s.v.editor.SaveDealer(ctx, ref, code)
	}, nil)
}

// futureKeys are the configuration's choices after the model.
var futureKeys = []string{"body", "engine", "trim", "gearbox", "colour"}

func futurePtrs(f *showroom.FutureCar) []*string {
	return []*string{&f.Body, &f.Engine, &f.Trim, &f.Gearbox, &f.Colour}
}

func modelChoices(m showroom.ModelInfo) [][]string {
	return [][]string{m.Bodies, m.Engines, m.Trims, m.Gearbox, m.Colours}
}

func (s *prefsSection) showFuture(f *showroom.FutureCar) {
	s.futureForm = nil
	var content fyne.CanvasObject
	if f == nil {
		content = widget.NewLabel(ui.T("cab.future.none"))
	} else {
		rows := [][2]string{{ui.T("cab.future.model"), "Renault " + f.Model}}
		for i, p := range futurePtrs(f) {
			rows = append(rows, [2]string{ui.T("cab.future." + futureKeys[i]), *p})
		}
		if m, ok := s.v.ref.model(f.Model); ok && m.PriceRUB > 0 {
			rows = append(rows, [2]string{ui.T("cab.future.price"), ui.T("cab.future.from", rub(m.PriceRUB))})
		}
		content = form(rows...)
	}
	s.futureBtn.Hidden = s.v.editor == nil
	if s.v.refState != refLoaded {
		s.futureBtn.Disable()
	} else {
		s.futureBtn.Enable()
	}
	s.future.SetContent(container.NewVBox(content, container.NewHBox(s.futureBtn)))
}

// openFuture configures the future car: the model first, then its
// bodies, engines, trims, gearboxes and colours.
func (s *prefsSection) openFuture() {
	cur := showroom.FutureCar{}
	if f := s.v.cab.Customer.FutureCar; f != nil {
		cur = *f
	}
	var models []string
	for _, m := range s.v.ref.Models {
		if m.OnSale || m.Name == cur.Model {
			models = append(models, m.Name)
		}
	}
	fields := []*formField{choiceField("model", ui.T("cab.future.model"), models, models, cur.Model)}
	for _, k := range futureKeys {
		fields = append(fields, choiceField(k, ui.T("cab.future."+k), nil, nil, ""))
	}
	var f *editForm
	f = s.v.newForm(fields, func() { s.saveFuture(f) }, func() { s.showFuture(s.v.cab.Customer.FutureCar); s.v.relayout() })
	s.futureForm = f
	s.model = f.choice("model")
	defer s.v.relayout()
	s.options = map[string]*widget.Select{}
	for _, k := range futureKeys {
		s.options[k] = f.choice(k)
	}
	s.model.OnChanged = func(string) { s.fillOptions(showroom.FutureCar{}) }
	s.fillOptions(cur)
	s.future.SetContent(f.root)
}

// fillOptions offers the chosen model's options, keeping cur's choices.
func (s *prefsSection) fillOptions(cur showroom.FutureCar) {
	m, _ := s.v.ref.model(s.model.Selected)
	for i, k := range futureKeys {
		sel := s.options[k]
		sel.Options = modelChoices(m)[i]
		sel.ClearSelected()
		if v := *futurePtrs(&cur)[i]; v != "" {
			sel.SetSelected(v)
		}
		sel.Refresh()
	}
}

func (s *prefsSection) saveFuture(f *editForm) {
	if s.v.busy {
		return
	}
	f.clearErrors()
	car := showroom.FutureCar{Model: s.model.Selected}
	for i, k := range futureKeys {
		*futurePtrs(&car)[i] = s.options[k].Selected
	}
	f.setBusy(true)
	s.v.act(s.msg, ui.T("cab.saved", ui.T("cab.future")), func(ctx context.Context, ref string) error {
		return s.v.editor.UpdateProfile(ctx, ref, showroom.ProfileEdit{FutureCar: &car})
	}, func(err error) { f.setBusy(false); f.showErrors(err) })
}

// rub writes a price in roubles: 1 424 000 ₽.
func rub(n int) string { return groupDigits(n) + " ₽" }

// groupDigits writes a number in groups of three: 240 000.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
