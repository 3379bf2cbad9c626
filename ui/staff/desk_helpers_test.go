package staff

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// deskNow is the desk tests' clock: 25 November 2026, 14:30 in
// Yekaterinburg, where the demo dealer is.
var (
	yekaterinburg = time.FixedZone("YEKT", 5*3600)
	deskNow       = time.Date(2026, time.November, 25, 14, 30, 0, 0, yekaterinburg)
)

// deskBackend is a dealer with three Ivanovs and their cabinets.
type deskBackend struct {
	opened []string
}

var ivanovs = []Hit{
	{Ref: "r1", CustomerID: "RU1000001", Name: "Иван Иванов", Email: "ivanov@example.ru", Phone: "+79161234567"},
	{Ref: "r2", CustomerID: "RU1000002", Name: "Ирина Иванова", Email: "irina@example.ru"},
	{Ref: "r3", Name: "Игорь Иванов", Email: "igor@example.ru", VIN: "VF1LZBR0542606589"},
}

func (b *deskBackend) Search(_ context.Context, q string, limit int) ([]Hit, error) {
	return ivanovs[:min(limit, len(ivanovs))], nil
}

func (b *deskBackend) Cabinet(_ context.Context, ref string) (showroom.Cabinet, error) {
	b.opened = append(b.opened, ref)
	for _, h := range ivanovs {
		if h.Ref == ref {
			return showroom.Cabinet{Customer: showroom.Customer{Ref: ref, ID: h.CustomerID, State: showroom.StateActive,
				Personal: showroom.PersonalData{FirstName: "Иван", LastName: "Иванов", Email: h.Email}}}, nil
		}
	}
	return showroom.Cabinet{Customer: showroom.Customer{Ref: ref, State: showroom.StatePending,
		Personal: showroom.PersonalData{FirstName: "Пётр", LastName: "Сидоров", Email: "petr@example.ru"}}}, nil
}

func (b *deskBackend) Overview(context.Context) (Overview, error) {
	return Overview{DealerCode: "006122", DealerName: "Автомир-Екатеринбург", Customers: 3, Outbox: 2}, nil
}

// workFake does the desk's own work in memory, with the domain's real
// validation.
type workFake struct {
	registered []showroom.Registration
	handovers  []Handover
	announced  []string
	arrivals   []Arrival
	attention  []AttentionItem
	resent     map[string]Fix
	discarded  []string
}

var handoverCustomer0 = showroom.Customer{Ref: "r1", ID: "RU1000001",
	Personal: showroom.PersonalData{FirstName: "Иван", LastName: "Иванов", Email: "ivanov@example.ru"}}

func newWorkFake() *workFake {
	return &workFake{
		resent: map[string]Fix{},
		arrivals: []Arrival{
			{OrderNumber: "0061220040234", VIN: "VF1RFB00X56789012", Model: "Arkana", CustomerRef: "r1",
				CustomerName: "Иван Иванов", Phone: "+79161234567", VisibleAt: deskNow.Add(3*24*time.Hour - time.Hour)},
			{OrderNumber: "0061220040240", Model: "Duster", CustomerName: "Ирина Иванова",
				VisibleAt: deskNow.Add(10 * time.Hour)},
			{OrderNumber: "0061220040251", Model: "Logan"},
		},
		attention: []AttentionItem{
			{ID: "m1", Type: "customer.register", Code: "email_taken", Field: "email", Message: "email: already registered",
				RejectedAt: deskNow.Add(-2 * time.Hour), What: "Пётр Сидоров · petr@example.ru",
				Registration: &showroom.Registration{CustomerRef: "r9", LastName: "Сидоров", FirstName: "Пётр",
					Email: "petr@example.ru", Source: showroom.SourceStaff, StaffID: "s1",
					Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", GivenAt: deskNow.Add(-3 * time.Hour),
						TextSHA256: "3e4232e2249e836966744261b4d5d976c8ca255238bfa398eba21ee5fad98cb4"}}},
			{ID: "m2", Type: "vehicle.add_order", Code: "unknown_order", Field: "order_number",
				RejectedAt: deskNow.Add(-time.Hour), What: "0061220040299"},
			{ID: "m3", Type: "vehicle.add", Code: "engine_mismatch", Field: "engine_number",
				RejectedAt: deskNow.Add(-30 * time.Minute), What: "X7L4SRHH1R7044725 · RU1000001",
				Fields: map[string]string{"vin": "X7L4SRHH1R7044725", "engine_number": "K7MA812R000001"}},
		},
	}
}

func (f *workFake) Register(_ context.Context, r showroom.Registration) (showroom.Customer, error) {
	if err := r.Normalize(); err != nil {
		return showroom.Customer{}, err
	}
	if r.Email == "taken@example.ru" {
		return showroom.Customer{}, showroom.Errorf(showroom.EEmailTaken, "email", "")
	}
	f.registered = append(f.registered, r)
	r.CustomerRef = "r-new"
	return r.Customer(deskNow), nil
}

func (f *workFake) FindCar(_ context.Context, q string) (HandoverCar, error) {
	switch q {
	case "0061220040234":
		return HandoverCar{OrderNumber: q, VIN: "VF1RFB00X56789012", EngineNumber: "H5H 470 C 000111", Model: "Arkana",
			Customer: handoverCustomer0}, nil
	case "VF1LZBR0542606589":
		return HandoverCar{VIN: q, Model: "Logan"}, nil
	}
	return HandoverCar{}, showroom.Errorf(showroom.ENotFound, "order_number", "")
}

func (f *workFake) RecordHandover(_ context.Context, h Handover) error {
	f.handovers = append(f.handovers, h)
	return nil
}

func (f *workFake) Arrivals(context.Context) ([]Arrival, error) { return slices.Clone(f.arrivals), nil }

func (f *workFake) Announce(_ context.Context, n string) error {
	f.announced = append(f.announced, n)
	f.arrivals = slices.DeleteFunc(f.arrivals, func(a Arrival) bool { return a.OrderNumber == n })
	return nil
}

func (f *workFake) ServiceCar(_ context.Context, vin string) (ServiceCar, error) {
	built := time.Date(2024, time.March, 10, 0, 0, 0, 0, time.UTC)
	v := showroom.Vehicle{VIN: vin, Model: "Duster", Version: "1.3 TCe 4x4", EngineNumber: "H5H 470 C 000222",
		Plate: "А123ВС196", Mileage: 41200, BuildDate: built}
	return ServiceCar{
		Vehicle: v, Owner: handoverCustomer0,
		Recalls: []showroom.Recall{{Campaign: "RC-2026-07", Title: "Замена датчика давления в шинах",
			Remedy: "Бесплатная замена датчика у дилера"}},
		Calendar: []showroom.Event{
			{Kind: showroom.EventRecall, Date: deskNow, VIN: vin, Recall: showroom.Recall{Campaign: "RC-2026-07"}},
			{Kind: showroom.EventMaintenance, Date: time.Date(2027, time.January, 14, 0, 0, 0, 0, time.UTC), VIN: vin,
				Maintenance: showroom.Maintenance{Number: 3, Mileage: 45000}},
			{Kind: showroom.EventWarrantyEnd, Date: time.Date(2027, time.March, 10, 0, 0, 0, 0, time.UTC), VIN: vin},
		},
		WarrantyEnd: time.Date(2027, time.March, 10, 0, 0, 0, 0, time.UTC),
		Programs:    []showroom.ServiceProgram{{ID: "p1", Title: "Renault Extra — продлённая гарантия"}},
		Offers:      []showroom.Offer{{ID: "KS200", Title: "Скидка 20 % на шиномонтаж", Value: "−20 %"}},
	}, nil
}

func (f *workFake) Attention(context.Context) ([]AttentionItem, error) {
	return slices.Clone(f.attention), nil
}

func (f *workFake) Resend(_ context.Context, id string, fix Fix) error {
	if fix.Registration != nil {
		r := *fix.Registration
		if err := r.Normalize(); err != nil {
			return err
		}
	}
	if e, ok := fix.Fields["engine_number"]; ok {
		if _, err := showroom.NormalizeEngineNumber(e); err != nil {
			return err
		}
	}
	f.resent[id] = fix
	f.attention = slices.DeleteFunc(f.attention, func(a AttentionItem) bool { return a.ID == id })
	return nil
}

func (f *workFake) Discard(_ context.Context, id string) error {
	f.discarded = append(f.discarded, id)
	f.attention = slices.DeleteFunc(f.attention, func(a AttentionItem) bool { return a.ID == id })
	return nil
}

// syncFake is the status bar's source.
type syncFake struct {
	st    SyncState
	calls int
}

func (s *syncFake) SyncStatus(context.Context) (SyncState, error) {
	s.calls++
	return s.st, nil
}

// couponsFake refuses every coupon: the desk tests only open the desk.
type couponsFake struct{}

func (couponsFake) Check(context.Context, string) (CouponCheck, error) {
	return CouponCheck{}, showroom.Errorf(showroom.ENotFound, "code", "")
}
func (couponsFake) Redeem(context.Context, string) (CouponCheck, error) {
	return CouponCheck{}, showroom.Errorf(showroom.ENotFound, "code", "")
}

// printFake lists one printer and makes nothing: the print flow has its
// own tests.
type printFake struct{}

func (printFake) Printers(context.Context) ([]string, string, error) {
	return []string{"reception"}, "", nil
}
func (printFake) Offers(context.Context, []showroom.Vehicle) ([]CarOffer, error) {
	return nil, nil
}
func (printFake) WelcomePack(context.Context, string, showroom.Lang) (Document, error) {
	return Document{Path: "welcome-pack.pdf"}, nil
}
func (printFake) Coupon(context.Context, string, string, showroom.Lang) (Document, error) {
	return Document{}, nil
}
func (printFake) Print(context.Context, string, Document) (string, error) { return "reception-1", nil }

// deskRig is a staff window with every part of the desk, its clock and
// its sign-in faked, the background work applied at once.
type deskRig struct {
	w     *Window
	win   fyne.Window
	b     *deskBackend
	work  *workFake
	sync  *syncFake
	clock time.Time
}

// newDesk opens the desk; with signIn, signed in as member.
func newDesk(t *testing.T, signIn bool, member Member) *deskRig {
	t.Helper()
	ui.SetLang(showroom.Russian)
	test.NewTempApp(t)
	r := &deskRig{b: &deskBackend{}, work: newWorkFake(), clock: deskNow,
		sync: &syncFake{st: SyncState{Enrolled: true, Known: true, Online: true, Outbox: 2,
			LastSync: deskNow.Add(-3 * time.Minute), Attention: 2}}}
	r.w = New(context.Background(), r.b, nil)
	r.w.Async = syncAsync
	r.w.Now = func() time.Time { return r.clock }
	r.w.SetDesk(printFake{}, couponsFake{})
	r.w.SetReports(&reportsFake{}, nil)
	r.w.SetWork(r.work)
	r.w.SetSync(r.sync)
	var f *signInFake
	if signIn {
		f = &signInFake{}
		r.w.SetSignIn(f)
	}
	r.win = test.NewWindow(r.w.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(r.win.Close)
	r.w.Start()
	r.w.Focus(r.win.Canvas())
	if signIn && member.ID != "" {
		r.signIn(t, member)
	}
	return r
}

var memberPINs = map[string]string{anna.ID: "135790", boris.ID: "246802"}

func (r *deskRig) signIn(t *testing.T, m Member) {
	t.Helper()
	for i, o := range r.w.signin.members {
		if o.ID == m.ID {
			r.w.signin.who.SetSelectedIndex(i)
		}
	}
	test.Type(r.w.signin.pin, memberPINs[m.ID])
	test.Tap(r.w.signin.enter)
	if r.w.Member() != m {
		t.Fatalf("not signed in as %s", m.Name)
	}
}

// shows says whether the detail pane shows o.
func (r *deskRig) shows(o fyne.CanvasObject) bool { return r.w.detail.Objects[0] == o }

// key types a key into whatever has the focus.
func (r *deskRig) key(name fyne.KeyName) {
	if f := r.win.Canvas().Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	r.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// button finds a visible button by its text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	visit(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// labels collects the visible labels' texts under o.
func labels(o fyne.CanvasObject) []string {
	var out []string
	visit(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

func visit(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			visit(c, fn)
		}
	case *container.Scroll:
		visit(v.Content, fn)
	}
}

func hasLabel(o fyne.CanvasObject, text string) bool { return slices.Contains(labels(o), text) }
