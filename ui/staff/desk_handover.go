package staff

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// The handover wizard's steps.
const (
	stepCar = iota
	stepCustomer
	stepVIN
	stepRecord
	stepPrint
	handoverSteps
)

// handoverCustomer is who the car is handed over to.
type handoverCustomer struct {
	Ref, ID, Name string
}

// handoverView is the sales manager's handover wizard: the order or VIN,
// the customer (found or registered on the spot), the VIN and engine
// number, the handover with its sale kind, the Welcome Pack, done.
type handoverView struct {
	w    *Window
	step int
	car  HandoverCar
	who  handoverCustomer

	stepLbl *widget.Label
	steps   [handoverSteps]*fyne.Container
	root    fyne.CanvasObject

	// step 1
	query   *deskEntry
	findBtn *widget.Button
	findMsg *widget.Label
	// step 2
	found     *widget.Label
	sameBtn   *widget.Button
	who2      *deskEntry
	whoHits   *fyne.Container
	newBtn    *widget.Button
	register  *registerView
	regHolder *fyne.Container
	// step 3
	vin, engine *deskEntry
	model       *widget.Label
	vinMsg      *widget.Label
	vinNext     *widget.Button
	// step 4
	summary *widget.Label
	// One button per kind of sale: the kind is always chosen, never a
	// default, since the registration goal counts retail sales only.
	retailBtn    *widget.Button
	corporateBtn *widget.Button
	recordMsg    *widget.Label
	// step 5
	doneLbl  *widget.Label
	printBtn *widget.Button
	doneBtn  *widget.Button

	seq int // increases with every customer search, so a slow answer never overwrites a newer one
}

func newHandoverView(w *Window) *handoverView {
	v := &handoverView{w: w}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	wrap := func(l *widget.Label) *widget.Label { l.Wrapping = fyne.TextWrapWord; return l }

	v.query = w.newEntry(func(string) { v.find() })
	v.query.SetPlaceHolder(ui.T("desk.handover.query"))
	v.findBtn = &widget.Button{Text: ui.T("desk.handover.find"), Importance: widget.HighImportance, OnTapped: v.find}
	v.findMsg = wrap(widget.NewLabel(""))
	v.steps[stepCar] = container.NewVBox(bold(ui.T("desk.handover.step1")), v.query, v.findBtn, v.findMsg)

	v.found = wrap(widget.NewLabel(""))
	v.sameBtn = &widget.Button{Text: ui.T("desk.handover.same"), Importance: widget.HighImportance, OnTapped: v.keepCustomer}
	v.who2 = w.newEntry(nil)
	v.who2.SetPlaceHolder(ui.T("desk.handover.who"))
	v.who2.OnChanged = v.searchCustomer
	v.whoHits = container.NewVBox()
	v.newBtn = &widget.Button{Text: ui.T("desk.handover.new"), OnTapped: v.newCustomer}
	v.register = newRegisterView(w, v.registered)
	v.regHolder = container.NewVBox()
	v.steps[stepCustomer] = container.NewVBox(bold(ui.T("desk.handover.step2")), v.found, v.sameBtn, v.who2, v.whoHits, v.newBtn, v.regHolder)

	v.vin = w.newEntry(func(string) { v.checkCar() })
	v.vin.SetPlaceHolder(ui.T("desk.field.vin"))
	v.engine = w.newEntry(func(string) { v.checkCar() })
	v.engine.SetPlaceHolder(ui.T("desk.field.engine_number"))
	v.model = widget.NewLabel("")
	v.vinMsg = wrap(widget.NewLabel(""))
	v.vinMsg.Importance = widget.DangerImportance
	v.vinNext = &widget.Button{Text: ui.T("desk.handover.next"), Importance: widget.HighImportance, OnTapped: v.checkCar}
	v.steps[stepVIN] = container.NewVBox(bold(ui.T("desk.handover.step3")), bold(ui.T("desk.field.vin")), v.vin,
		bold(ui.T("desk.field.engine_number")), v.engine, v.model, v.vinMsg, v.vinNext)

	v.summary = wrap(widget.NewLabel(""))
	v.retailBtn = &widget.Button{Text: ui.T("desk.handover.retail"), Importance: widget.HighImportance,
		OnTapped: func() { v.record(showroom.SaleRetail) }}
	v.corporateBtn = &widget.Button{Text: ui.T("desk.handover.corporate"), Importance: widget.HighImportance,
		OnTapped: func() { v.record(showroom.SaleCorporate) }}
	v.recordMsg = wrap(widget.NewLabel(""))
	v.steps[stepRecord] = container.NewVBox(bold(ui.T("desk.handover.step4")), v.summary, bold(ui.T("desk.handover.kind")),
		container.NewGridWithColumns(2, v.retailBtn, v.corporateBtn), v.recordMsg)

	v.doneLbl = wrap(widget.NewLabel(""))
	v.printBtn = &widget.Button{Text: ui.T("desk.handover.print"), Importance: widget.HighImportance, OnTapped: v.printPack}
	v.doneBtn = &widget.Button{Text: ui.T("desk.handover.done"), OnTapped: v.finish}
	v.steps[stepPrint] = container.NewVBox(bold(ui.T("desk.handover.step5")), v.doneLbl, v.printBtn, v.doneBtn)

	v.stepLbl = widget.NewLabel("")
	title := bold(ui.T("desk.handover.title"))
	back := &widget.Button{Text: ui.T("desk.handover.back"), OnTapped: v.back}
	stack := container.NewStack()
	for _, s := range v.steps {
		stack.Add(s)
	}
	v.root = container.NewBorder(container.NewVBox(container.NewHBox(title, v.stepLbl), widget.NewSeparator()),
		container.NewHBox(back), nil, nil, container.NewVScroll(container.NewPadded(stack)))
	v.reset()
	return v
}

// reset starts the wizard again, forgetting the last car and customer.
func (v *handoverView) reset() {
	v.car, v.who = HandoverCar{}, handoverCustomer{}
	v.query.SetText("")
	v.findMsg.SetText("")
	v.who2.SetText("")
	v.whoHits.RemoveAll()
	v.regHolder.RemoveAll()
	v.vin.SetText("")
	v.engine.SetText("")
	v.vinMsg.SetText("")
	v.recordMsg.SetText("")
	v.register.vin, v.register.engine = "", ""
	v.register.reset()
	v.show(stepCar)
}

func (v *handoverView) show(step int) {
	v.step = step
	for i, s := range v.steps {
		if i == step {
			s.Show()
		} else {
			s.Hide()
		}
	}
	v.stepLbl.SetText(ui.T("desk.handover.stepof", step+1, handoverSteps))
	v.w.relayout()
}

// back goes one step back; from the first step, back to the dealer's
// overview.
func (v *handoverView) back() {
	v.w.touch()
	switch {
	case v.step == stepCar:
		v.w.setDetail(v.w.card.overview)
	case v.step == stepPrint:
		// recorded: there is no going back over a handover
	default:
		v.show(v.step - 1)
	}
}

// find looks the order number or VIN up off the UI goroutine.
func (v *handoverView) find() {
	v.w.touch()
	q := strings.TrimSpace(v.query.Text)
	if q == "" {
		v.findMsg.SetText(ui.T("desk.handover.query"))
		return
	}
	v.findBtn.Disable()
	v.findMsg.SetText(ui.T("staff.status.loading"))
	var car HandoverCar
	v.w.call(func(ctx context.Context) (err error) {
		car, err = v.w.work.work.FindCar(ctx, q)
		return err
	}, func(err error) {
		v.findBtn.Enable()
		defer v.w.relayout()
		switch {
		case showroom.ErrorCode(err) == showroom.ENotFound:
			v.findMsg.SetText(ui.T("desk.handover.notfound", q))
			return
		case err != nil && isDomainError(err):
			v.findMsg.SetText(ui.ErrorText(err))
			return
		case err != nil:
			v.w.logFailure("handover look-up failed", err)
			v.findMsg.SetText(ui.T("desk.loadfailed"))
			return
		}
		v.findMsg.SetText("")
		v.car = car
		v.vin.SetText(car.VIN)
		v.engine.SetText(car.EngineNumber)
		v.register.vin, v.register.engine = car.VIN, car.EngineNumber
		v.register.reset()
		v.regHolder.RemoveAll()
		v.whoHits.RemoveAll()
		v.who2.SetText("")
		if car.Customer.Ref != "" {
			v.found.SetText(ui.T("desk.handover.found", customerLine(car.Customer.FullName(), car.Customer.ID)))
			v.sameBtn.Show()
		} else {
			v.found.SetText(ui.T("desk.handover.nobody"))
			v.sameBtn.Hide()
		}
		v.show(stepCustomer)
		if car.Customer.Ref != "" {
			v.w.setFocus(v.sameBtn) // Space keeps the customer of the order
		} else {
			v.w.setFocus(v.who2)
		}
	})
}

func customerLine(name, id string) string {
	if id == "" {
		return name
	}
	return name + " · " + id
}

func (v *handoverView) keepCustomer() {
	c := v.car.Customer
	v.choose(handoverCustomer{Ref: c.Ref, ID: c.ID, Name: c.FullName()})
}

// searchCustomer finds customers as the name is typed.
func (v *handoverView) searchCustomer(q string) {
	v.w.touch()
	v.seq++
	seq := v.seq
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 2 {
		v.whoHits.RemoveAll()
		return
	}
	v.w.Async(func() func() {
		hits, err := v.w.backend.Search(v.w.ctx, q, 5)
		return func() {
			if seq != v.seq {
				return
			}
			v.whoHits.RemoveAll()
			if err != nil {
				v.w.logFailure("customer search failed", err)
				v.whoHits.Add(widget.NewLabel(ui.T("staff.search.failed")))
				return
			}
			for _, h := range hits {
				v.whoHits.Add(&widget.Button{Text: customerLine(h.Name, h.CustomerID), Alignment: widget.ButtonAlignLeading,
					OnTapped: func() { v.choose(handoverCustomer{Ref: h.Ref, ID: h.CustomerID, Name: h.Name}) }})
			}
			if len(hits) == 0 {
				v.whoHits.Add(widget.NewLabel(ui.T("staff.search.none", q)))
			}
			v.w.relayout()
		}
	})
}

// newCustomer shows the registration form inside the wizard, the car's VIN
// already in it.
func (v *handoverView) newCustomer() {
	v.w.touch()
	v.regHolder.RemoveAll()
	v.regHolder.Add(v.register.body)
	v.w.relayout()
	v.w.setFocus(v.register.fields.last)
}

func (v *handoverView) registered(c showroom.Customer) {
	v.regHolder.RemoveAll()
	v.choose(handoverCustomer{Ref: c.Ref, ID: c.ID, Name: c.FullName()})
}

func (v *handoverView) choose(c handoverCustomer) {
	v.w.touch()
	v.who = c
	v.model.SetText(modelLine(v.car.Model, v.vin.Text))
	v.show(stepVIN)
	if v.vin.Text == "" {
		v.w.setFocus(v.vin)
	} else {
		v.w.setFocus(v.engine)
	}
}

func modelLine(model, vin string) string {
	if model == "" {
		if d, err := showroom.DecodeVIN(showroom.NormalizeVIN(vin)); err == nil {
			model = d.Model
		}
	}
	if model == "" {
		return ""
	}
	return ui.T("desk.handover.model", model)
}

// checkCar checks the VIN and engine number with the domain's rules.
func (v *handoverView) checkCar() {
	v.w.touch()
	vin := showroom.NormalizeVIN(v.vin.Text)
	if _, err := showroom.DecodeVIN(vin); err != nil {
		v.vinMsg.SetText(ui.ErrorText(err))
		v.w.setFocus(v.vin)
		v.w.relayout()
		return
	}
	engine, err := showroom.NormalizeEngineNumber(v.engine.Text)
	if err != nil {
		v.vinMsg.SetText(ui.ErrorText(err))
		v.w.setFocus(v.engine)
		v.w.relayout()
		return
	}
	v.vin.SetText(vin)
	v.engine.SetText(engine)
	v.vinMsg.SetText("")
	v.model.SetText(modelLine(v.car.Model, vin))
	v.summary.SetText(ui.T("desk.handover.summary", v.who.Name, vin, engine))
	v.show(stepRecord)
	v.w.setFocus(v.retailBtn) // Space records the common case; Tab reaches corporate
}

// record saves the handover as a sale of kind, off the UI goroutine.
func (v *handoverView) record(kind showroom.SaleKind) {
	v.w.touch()
	h := Handover{CustomerRef: v.who.Ref, VIN: v.vin.Text, EngineNumber: v.engine.Text, Kind: kind, StaffID: v.w.member.ID}
	v.retailBtn.Disable()
	v.corporateBtn.Disable()
	v.recordMsg.SetText(ui.T("desk.saving"))
	v.w.call(func(ctx context.Context) error {
		return v.w.work.work.RecordHandover(ctx, h)
	}, func(err error) {
		v.retailBtn.Enable()
		v.corporateBtn.Enable()
		defer v.w.relayout()
		if err != nil {
			if isDomainError(err) && showroom.ErrorCode(err) != showroom.EInternal {
				v.recordMsg.SetText(ui.ErrorText(err))
			} else {
				v.w.logFailure("handover failed", err)
				v.recordMsg.SetText(ui.T("desk.savefailed"))
			}
			return
		}
		v.recordMsg.SetText("")
		v.doneLbl.SetText(ui.T("desk.handover.recorded", v.who.Name, h.VIN))
		switch {
		case v.w.printing == nil:
			v.printBtn.Hide()
		case v.who.ID == "":
			v.printBtn.Hide()
			v.doneLbl.SetText(v.doneLbl.Text + "\n" + ui.T("desk.handover.noid"))
		default:
			v.printBtn.Show()
		}
		v.show(stepPrint)
		if v.printBtn.Visible() {
			v.w.setFocus(v.printBtn)
		} else {
			v.w.setFocus(v.doneBtn)
		}
	})
}

// printPack opens the print flow of the Welcome Pack; its back button
// returns to the wizard's last step.
func (v *handoverView) printPack() {
	v.w.touch()
	v.w.shown = v.root
	v.w.print.open(printJob{what: ui.T("print.welcomepack.title", v.who.Name), customer: v.who.ID})
	v.w.setDetail(v.w.print.root)
}

// finish opens the customer's cabinet: the handover is done.
func (v *handoverView) finish() {
	v.w.touch()
	ref := v.who.Ref
	v.reset()
	v.w.shown = v.w.card.overview
	v.w.open(ref)
}
