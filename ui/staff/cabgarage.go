package staff

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// garageSection is «Мой виртуальный гараж»: up to five cars, each with its
// detail card, «Изменить данные» and «Удалить»; a car in use is added by
// VIN and engine number, an ordered one by its order number; below, the
// tracking of the customer's orders.
type garageSection struct {
	v   *cabinetView
	box *fyne.Container
	msg *widget.Label

	count  *widget.Label
	cars   *fyne.Container
	orders *fyne.Container
	addBtn *widget.Button
	adding *fyne.Container

	// The add form, while open.
	kind    *widget.RadioGroup
	addForm *editForm

	// Per car, by vehicle ID: its card's buttons and open forms.
	rows map[string]*carRow
}

type carRow struct {
	card    *widget.Card
	details *widget.Button
	edit    *widget.Button
	remove  *widget.Button
	confirm *widget.Button // «Удалить» asks once more
	form    *editForm
	open    bool
}

func newGarageSection(v *cabinetView) *garageSection {
	s := &garageSection{v: v, msg: msgLabel(), count: widget.NewLabel(""), cars: container.NewVBox(),
		orders: container.NewVBox(), adding: container.NewVBox(), rows: map[string]*carRow{}}
	s.addBtn = &widget.Button{Text: ui.T("cab.garage.add"), Icon: theme.ContentAddIcon(), OnTapped: s.openAdd}
	s.box = container.NewVBox(s.count, s.msg, s.cars, container.NewHBox(s.addBtn), s.adding, s.orders)
	return s
}

func (s *garageSection) show(cab showroom.Cabinet) {
	s.count.SetText(ui.T("garage.count", len(cab.Garage), showroom.MaxGarage))
	s.rows = map[string]*carRow{}
	objs := []fyne.CanvasObject{}
	if len(cab.Garage) == 0 {
		objs = append(objs, widget.NewLabel(ui.T("garage.empty")))
	}
	for _, car := range cab.Garage {
		objs = append(objs, s.carCard(car))
	}
	s.cars.Objects = objs
	s.cars.Refresh()
	s.addBtn.Hidden = s.v.editor == nil
	if len(cab.Garage) >= showroom.MaxGarage {
		s.addBtn.Disable()
		s.addBtn.SetText(ui.T("cab.garage.full", showroom.MaxGarage))
	} else {
		s.addBtn.Enable()
		s.addBtn.SetText(ui.T("cab.garage.add"))
	}
	s.closeAdd()
	s.showOrders(cab)
	s.box.Refresh()
}

func (s *garageSection) carCard(car showroom.Vehicle) *widget.Card {
	title := carName(car)
	if car.Nickname != "" {
		title = car.Nickname + " — " + title
	}
	sub := ui.T("garage.unverified")
	if car.Verified {
		sub = ui.T("garage.verified")
	} else if car.Ordered() {
		sub = ui.T("cab.garage.ordered")
	}
	r := &carRow{card: widget.NewCard(title, sub, nil)}
	s.rows[car.ID] = r
	r.details = &widget.Button{Text: ui.T("cab.garage.details"), Icon: theme.InfoIcon()}
	r.edit = &widget.Button{Text: ui.T("cab.garage.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { s.openEdit(car, r) }}
	r.remove = &widget.Button{Text: ui.T("cab.garage.remove"), Icon: theme.DeleteIcon()}
	r.confirm = &widget.Button{Text: ui.T("cab.garage.remove.confirm"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance,
		OnTapped: func() { s.remove(car) }}
	r.confirm.Hide()
	r.remove.OnTapped = func() { r.remove.Hide(); r.confirm.Show() }
	if s.v.editor == nil {
		r.edit.Hide()
		r.remove.Hide()
	}
	render := func() {
		lines := carLines(car)
		if r.open {
			lines = append(lines, s.detailLines(car)...)
		}
		box := container.NewVBox()
		if len(lines) > 0 {
			box.Add(wrapped(strings.Join(lines, "\n")))
		}
		box.Add(container.NewHBox(r.details, r.edit, r.remove, r.confirm))
		r.card.SetContent(box)
	}
	r.details.OnTapped = func() { r.open = !r.open; render(); s.v.relayout() }
	render()
	return r.card
}

func carLines(car showroom.Vehicle) []string {
	lines := []string{}
	if car.VIN != "" {
		lines = append(lines, ui.T("garage.vin", car.VIN))
	}
	if car.EngineNumber != "" {
		lines = append(lines, ui.T("garage.engine", car.EngineNumber))
	}
	if car.OrderNumber != "" && car.Model != "" { // an ordered car's title is its number
		lines = append(lines, ui.T("garage.order", car.OrderNumber))
	}
	if car.Plate != "" {
		lines = append(lines, ui.T("garage.plate", car.Plate))
	}
	if car.Mileage > 0 {
		lines = append(lines, ui.T("cab.garage.km", groupDigits(car.Mileage)))
	}
	return lines
}

// detailLines are the car's detail card: what the factory built, with the
// optional equipment, and the factory warranty.
func (s *garageSection) detailLines(car showroom.Vehicle) []string {
	lines := []string{}
	if car.Body != "" {
		lines = append(lines, ui.T("cab.garage.body", car.Body))
	}
	if !car.BuildDate.IsZero() {
		lines = append(lines, ui.T("cab.garage.built", dmy(car.BuildDate)))
	}
	if m, ok := s.v.ref.model(car.Model); ok {
		if end, ok := showroom.WarrantyEnd(car, m); ok {
			lines = append(lines, ui.T("cab.garage.warranty", dmy(end), m.WarrantyKm))
		}
	}
	if len(car.Equipment) > 0 {
		lines = append(lines, ui.T("cab.garage.equipment"))
		for _, e := range car.Equipment {
			lines = append(lines, "• "+e)
		}
	} else {
		lines = append(lines, ui.T("cab.garage.noequipment"))
	}
	return lines
}

func (s *garageSection) openEdit(car showroom.Vehicle, r *carRow) {
	mileage := ""
	if car.Mileage > 0 {
		mileage = strconv.Itoa(car.Mileage)
	}
	var f *editForm
	f = s.v.newForm([]*formField{
		entryField("nickname", ui.T("cab.garage.nickname"), car.Nickname),
		entryField("plate", ui.T("cab.garage.plate"), car.Plate),
		entryField("mileage", ui.T("cab.garage.mileage"), mileage),
	}, func() { s.saveEdit(car, f) }, func() { s.show(s.v.cab); s.v.relayout() })
	r.form = f
	r.card.SetContent(f.root)
	s.v.relayout()
	f.focus()
}

// carEdit reads the nickname, plate and mileage of a form.
func carEdit(f *editForm) (showroom.VehicleEdit, bool) {
	e := showroom.VehicleEdit{Nickname: f.text("nickname"), Plate: f.text("plate")}
	if m := strings.ReplaceAll(strings.TrimSpace(f.text("mileage")), " ", ""); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil {
			f.fieldError("mileage", ui.T("cab.err.number"))
			return e, false
		}
		e.Mileage = n
	}
	return e, true
}

func (s *garageSection) saveEdit(car showroom.Vehicle, f *editForm) {
	if s.v.busy {
		return
	}
	f.clearErrors()
	e, ok := carEdit(f)
	if !ok {
		return
	}
	f.setBusy(true)
	s.v.act(s.msg, ui.T("cab.garage.updated", carName(car)), func(ctx context.Context, ref string) error {
		return s.v.editor.UpdateCar(ctx, ref, car.ID, e)
	}, func(err error) { f.setBusy(false); f.showErrors(err) })
}

func (s *garageSection) remove(car showroom.Vehicle) {
	s.v.act(s.msg, ui.T("cab.garage.removed", carName(car)), func(ctx context.Context, ref string) error {
		return s.v.editor.RemoveCar(ctx, ref, car.ID)
	}, nil)
}

// Kinds of car to add, as the cabinet names them.
func addKinds() []string {
	return []string{ui.T("cab.garage.kind.inuse"), ui.T("cab.garage.kind.ordered")}
}

// openAdd opens the add form: a car in use by default.
func (s *garageSection) openAdd() {
	s.kind = widget.NewRadioGroup(addKinds(), func(string) { s.buildAdd() })
	s.kind.Horizontal = true
	s.kind.Required = true
	s.kind.SetSelected(addKinds()[0])
	s.addBtn.Hide()
	setMessage(s.msg, "")
	s.buildAdd()
}

func (s *garageSection) inUse() bool { return s.kind.Selected != addKinds()[1] }

func (s *garageSection) buildAdd() {
	var fields []*formField
	warn := wrapped(ui.T("cab.garage.warning"))
	warn.Importance = widget.WarningImportance
	if s.inUse() {
		fields = []*formField{
			entryField("vin", ui.T("cab.garage.vin"), ""),
			entryField("engine_number", ui.T("cab.garage.engine"), ""),
			entryField("nickname", ui.T("cab.garage.nickname"), ""),
			entryField("plate", ui.T("cab.garage.plate"), ""),
			entryField("mileage", ui.T("cab.garage.mileage"), ""),
		}
	} else {
		fields = []*formField{entryField("order_number", ui.T("cab.garage.ordernumber"), "")}
		fields[0].obj.(*widget.Entry).SetPlaceHolder("0061220040234")
		warn.SetText(ui.T("cab.garage.order.hint"))
	}
	s.addForm = s.v.newForm(fields, s.submitAdd, func() { s.closeAdd(); s.v.relayout() })
	s.addForm.save.SetText(ui.T("cab.confirm"))
	s.adding.Objects = []fyne.CanvasObject{widget.NewCard(ui.T("cab.garage.add"), "",
		container.NewVBox(s.kind, warn, s.addForm.root))}
	s.adding.Refresh()
	s.v.relayout()
	s.addForm.focus()
}

func (s *garageSection) closeAdd() {
	s.addForm = nil
	s.adding.Objects = nil
	s.adding.Refresh()
	if s.v.editor != nil {
		s.addBtn.Show()
	}
}

func (s *garageSection) submitAdd() {
	f := s.addForm
	if f == nil || s.v.busy {
		return
	}
	f.clearErrors()
	var work func(ctx context.Context, ref string) error
	if s.inUse() {
		vin, engine := f.text("vin"), f.text("engine_number")
		e, ok := carEdit(f)
		if !ok {
			return
		}
		if strings.TrimSpace(engine) == "" {
			// The programme insists: without the engine number the car
			// is never verified and gets no offers.
			f.fieldError("engine_number", ui.T("cab.garage.engine.required"))
			return
		}
		work = func(ctx context.Context, ref string) error {
			_, err := s.v.editor.AddCar(ctx, ref, vin, engine, e)
			return err
		}
	} else {
		number := f.text("order_number")
		work = func(ctx context.Context, ref string) error {
			_, err := s.v.editor.AddOrderedCar(ctx, ref, number)
			return err
		}
	}
	f.setBusy(true)
	s.v.act(s.msg, ui.T("cab.garage.added"), work, func(err error) {
		f.setBusy(false)
		if !f.showErrors(err) && showroom.ErrorCode(err) == showroom.EEngineMismatch {
			f.fieldError("engine_number", ui.ErrorText(err))
		}
	})
}
