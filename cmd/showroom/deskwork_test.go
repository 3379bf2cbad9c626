package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// goid is the calling goroutine's number, from its stack's first line.
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	var id int64
	fmt.Sscanf(strings.TrimPrefix(string(buf[:n]), "goroutine "), "%d", &id)
	return id
}

// storeCalls notes every call the desk makes into the store through its
// adapters, and which of them ran on the UI goroutine (the test's own,
// where every tap, key and applied result runs).
type storeCalls struct {
	ui    int64
	mu    stdsync.Mutex
	calls map[string]int
	onUI  []string
}

func (c *storeCalls) note(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[name]++
	if goid() == c.ui {
		c.onUI = append(c.onUI, name)
	}
}

type recBackend struct {
	staff.Backend
	c *storeCalls
}

func (r recBackend) Search(ctx context.Context, q string, n int) ([]staff.Hit, error) {
	r.c.note("Search")
	return r.Backend.Search(ctx, q, n)
}
func (r recBackend) Cabinet(ctx context.Context, ref string) (showroom.Cabinet, error) {
	r.c.note("Cabinet")
	return r.Backend.Cabinet(ctx, ref)
}
func (r recBackend) Overview(ctx context.Context) (staff.Overview, error) {
	r.c.note("Overview")
	return r.Backend.Overview(ctx)
}

type recWork struct {
	staff.Work
	c *storeCalls
}

func (r recWork) Register(ctx context.Context, x showroom.Registration) (showroom.Customer, error) {
	r.c.note("Register")
	return r.Work.Register(ctx, x)
}
func (r recWork) FindCar(ctx context.Context, q string) (staff.HandoverCar, error) {
	r.c.note("FindCar")
	return r.Work.FindCar(ctx, q)
}
func (r recWork) RecordHandover(ctx context.Context, h staff.Handover) error {
	r.c.note("RecordHandover")
	return r.Work.RecordHandover(ctx, h)
}
func (r recWork) Arrivals(ctx context.Context) ([]staff.Arrival, error) {
	r.c.note("Arrivals")
	return r.Work.Arrivals(ctx)
}
func (r recWork) Announce(ctx context.Context, n string) error {
	r.c.note("Announce")
	return r.Work.Announce(ctx, n)
}
func (r recWork) ServiceCar(ctx context.Context, vin string) (staff.ServiceCar, error) {
	r.c.note("ServiceCar")
	return r.Work.ServiceCar(ctx, vin)
}
func (r recWork) Attention(ctx context.Context) ([]staff.AttentionItem, error) {
	r.c.note("Attention")
	return r.Work.Attention(ctx)
}
func (r recWork) Resend(ctx context.Context, id string, f staff.Fix) error {
	r.c.note("Resend")
	return r.Work.Resend(ctx, id, f)
}
func (r recWork) Discard(ctx context.Context, id string) error {
	r.c.note("Discard")
	return r.Work.Discard(ctx, id)
}

type recSync struct {
	src staff.SyncStatus
	c   *storeCalls
}

func (r recSync) SyncStatus(ctx context.Context) (staff.SyncState, error) {
	r.c.note("SyncStatus")
	return r.src.SyncStatus(ctx)
}

type recSignIn struct {
	src staff.SignIn
	c   *storeCalls
}

func (r recSignIn) Members(ctx context.Context) ([]staff.Member, error) {
	r.c.note("Members")
	return r.src.Members(ctx)
}
func (r recSignIn) SignIn(ctx context.Context, id, pin string) (staff.Member, time.Duration, error) {
	r.c.note("SignIn")
	return r.src.SignIn(ctx, id, pin)
}

// workDesk is the staff window of the demo dealer with its staff, every
// part of the desk through the app's own adapters over a real store, and
// the background work applied in order on the test's goroutine.
type workDesk struct {
	deskUI
	calls *storeCalls
	anna  string // the sales manager's staff ID
}

const (
	annaPIN  = "135790"
	borisPIN = "246802"
)

func openWorkDesk(t *testing.T) *workDesk {
	t.Helper()
	ctx := context.Background()
	a := openDemo(t)
	var ids []string
	err := a.DB.Update(ctx, func(tx *localdb.Tx) error {
		for _, u := range []showroom.StaffUser{
			{ID: "006122-S901", DealerCode: "006122", Name: "Анна Смирнова", Role: showroom.RoleSales, Active: true},
			{ID: "006122-S902", DealerCode: "006122", Name: "Борис Орлов", Role: showroom.RoleService, Active: true},
		} {
			if err := tx.PutStaffUser(u); err != nil {
				return err
			}
			ids = append(ids, u.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, pin := range map[string]string{ids[0]: annaPIN, ids[1]: borisPIN} {
		if err := a.DB.SetStaffPIN(ctx, id, pin); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.DB.SetSetting(ctx, localdb.SettingDeviceID, "desk-1"); err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t)
	ui.SetLang(showroom.Russian)
	d := &workDesk{calls: &storeCalls{ui: goid(), calls: map[string]int{}}, anna: ids[0]}
	d.t, d.a = t, a
	d.applied = make(chan func(), 32)
	d.s = staff.New(ctx, recBackend{backend{db: a.DB}, d.calls}, a.Log)
	d.s.Async = func(work func() func()) { go func() { d.applied <- work() }() }
	d.s.SetDesk(a.desk())
	d.s.SetWork(recWork{deskWork{db: a.DB, dataDir: a.Config.DataDir, now: time.Now}, d.calls})
	d.s.SetSync(recSync{syncStatus{db: a.DB, engine: func() *sync.Engine { return nil }}, d.calls})
	d.s.SetSignIn(recSignIn{deskSignIn{db: a.DB}, d.calls})
	d.w = fa.NewWindow("staff")
	d.w.SetContent(d.s.Content())
	d.w.Resize(fyne.NewSize(1280, 800))
	d.s.Focus(d.w.Canvas())
	d.s.Start()
	d.wait("overview")
	d.wait("members")
	d.wait("sync status")
	t.Cleanup(func() {
		if len(d.calls.onUI) > 0 {
			t.Errorf("store calls on the UI goroutine: %v", d.calls.onUI)
		}
	})
	return d
}

// signIn signs in as the staff member named, by typing the PIN.
func (d *workDesk) signIn(name, pin string) {
	d.t.Helper()
	sel := find(d.t, d.w.Content(), func(s *widget.Select) bool { return len(s.Options) == 2 })
	for _, o := range sel.Options {
		if strings.HasPrefix(o, name) {
			sel.SetSelected(o)
		}
	}
	test.Type(d.w.Canvas().Focused(), pin)
	test.Tap(d.button("Войти"))
	d.wait("sign-in")
	if d.s.Member().Name != name {
		d.t.Fatalf("not signed in as %s: %+v", name, d.s.Member())
	}
}

// typeText types into whatever has the focus, then moves on with Tab.
func (d *workDesk) typeText(s string) {
	test.Type(d.w.Canvas().Focused(), s)
	d.w.Canvas().FocusNext()
}

func (d *workDesk) key(k fyne.KeyName) { d.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k}) }

func (d *workDesk) outbox(typ string) []json.RawMessage { return outbox(d.t, d.a.DB, typ) }

func TestStaffRegistrationLandsInTheStore(t *testing.T) {
	d := openWorkDesk(t)
	d.signIn("Анна Смирнова", annaPIN)
	test.Tap(d.button("Регистрация клиента"))
	d.typeText("Сидоров")
	d.typeText("Пётр")
	d.typeText("petr.sidorov@example.ru")
	d.typeText("8 912 345-67-89")
	test.Tap(d.button("Зарегистрировать"))
	if !contains(d.texts(), "Зарегистрировать без VIN") {
		t.Fatal("no VIN prompt")
	}
	d.typeText("vf1lzbr0542606589") // the cursor went to the VIN
	// With the VIN typed the button registers with it, not «без VIN».
	submit := find(t, d.w.Content(), func(b *widget.Button) bool { return strings.HasPrefix(b.Text, "Зарегистрировать") })
	if submit.Text != "Зарегистрировать" {
		t.Fatalf("with the VIN typed the button says %q", submit.Text)
	}
	test.Tap(find(t, d.w.Content(), func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "Клиент прочитал") }))
	test.Tap(submit)
	d.wait("register")
	d.wait("cabinet")
	hits, err := d.a.DB.SearchCustomers(context.Background(), "petr.sidorov@example.ru", 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %+v %v", hits, err)
	}
	c, _ := d.a.DB.Customer(context.Background(), hits[0].Ref)
	if c.Source != showroom.SourceStaff || c.StaffID != d.anna || c.State != showroom.StatePending {
		t.Fatalf("customer %+v", c)
	}
	var r showroom.Registration
	regs := d.outbox(localdb.MutationRegister)
	if err := json.Unmarshal(regs[len(regs)-1], &r); err != nil {
		t.Fatal(err)
	}
	if r.StaffID != d.anna || r.Source != showroom.SourceStaff || r.VIN != "VF1LZBR0542606589" || r.Consent.TextVersion == "" {
		t.Fatalf("customer.register %+v", r)
	}
	if !contains(d.texts(), "Здравствуйте, ПЁТР СИДОРОВ") {
		t.Fatalf("the new customer's cabinet did not open: %q", d.texts())
	}
}

func TestHandoverAnnounceAndServiceDeskOnTheDemo(t *testing.T) {
	d := openWorkDesk(t)
	ctx := context.Background()
	d.signIn("Анна Смирнова", annaPIN)
	arrivals, err := d.a.DB.Arrivals(ctx)
	if err != nil || len(arrivals) == 0 {
		t.Fatalf("the demo has no arrival to announce: %v", err)
	}
	var order showroom.Order

	// Arrivals: the demo's fresh arrival, announced.
	test.Tap(d.button("Сообщить о прибытии"))
	d.wait("arrivals")
	if !containsPart(d.texts(), "Ждут звонка: "+itoa(len(arrivals))+",") {
		t.Fatalf("arrivals: %q", d.texts())
	}
	test.Tap(d.button("Сообщено"))
	d.wait("announce")
	ann := d.outbox(localdb.MutationOrderAnnounce)
	var a api.OrderAnnounce
	if len(ann) != 1 || json.Unmarshal(ann[0], &a) != nil || a.At.IsZero() {
		t.Fatalf("order.announce %s", ann)
	}
	order = showroom.Order{}
	for _, x := range arrivals {
		if x.Order.Number == a.OrderNumber {
			order = x.Order
		}
	}
	if order.Number == "" {
		t.Fatalf("announced %s, not one of the arrivals", a.OrderNumber)
	}
	if left, _ := d.a.DB.Arrivals(ctx); len(left) != len(arrivals)-1 {
		t.Fatalf("%d arrivals left", len(left))
	}

	// Handover of the same order, by its number, to its customer.
	test.Tap(d.button("Выдача автомобиля"))
	test.Type(d.w.Canvas().Focused(), order.Number) // the cursor is in the wizard's first field
	d.key(fyne.KeyReturn)
	d.wait("find")
	if !contains(d.texts(), "шаг 2 из 5") {
		t.Fatalf("not at step 2: %q", d.texts())
	}
	test.Tap(d.button("Выдать этому клиенту"))
	if !contains(d.texts(), "шаг 3 из 5") || !contains(d.texts(), order.VIN) {
		t.Fatalf("not at step 3 with the order's VIN: %q", d.texts())
	}
	d.replace("K4M 838 R 000321") // the cursor is in the engine number
	d.key(fyne.KeyReturn)
	test.Tap(d.button("Розничная продажа"))
	d.wait("handover")
	recs := d.outbox(localdb.MutationHandover)
	var h api.HandoverRecord
	if len(recs) != 1 || json.Unmarshal(recs[0], &h) != nil || h.VIN != order.VIN || h.StaffID != d.anna ||
		(h.CustomerID == "" && h.CustomerRef == "") || h.At.IsZero() {
		t.Fatalf("handover.record %s", recs)
	}
	today := time.Now()
	kpis, err := d.a.DB.StaffKPIs(ctx, "006122", today.AddDate(0, 0, -1), today.AddDate(0, 0, 1))
	counted := false
	for _, k := range kpis {
		counted = counted || (k.StaffID == d.anna && k.Handovers == 1)
	}
	if err != nil || !counted {
		t.Fatalf("the goal does not count the handover at once: %+v %v", kpis, err)
	}
	// The demo's customers have their portal ID: the Welcome Pack prints.
	test.Tap(d.button("Печать Welcome Pack"))
	d.wait("printers")
	if !containsPart(d.texts(), "Welcome Pack для клиента") {
		t.Fatalf("the print flow did not open: %q", d.texts())
	}

	// The service desk, for a service advisor: the showcase car.
	test.Tap(d.button("Заблокировать"))
	d.signIn("Борис Орлов", borisPIN)
	test.Tap(d.button("Сервисная стойка"))
	test.Type(d.w.Canvas().Focused(), strings.ToLower(showcaseVIN)) // the cursor is in the VIN
	d.key(fyne.KeyReturn)
	d.wait("service car")
	got := d.texts()
	for _, want := range []string{"Отзывные кампании", "Сервисный календарь", "Владелец", "Открыть кабинет"} {
		if !contains(got, want) {
			t.Errorf("service desk lacks %q: %q", want, got)
		}
	}
	if !containsPart(got, "0BCF") {
		t.Errorf("the showcase car's recall 0BCF is not shown: %q", got)
	}
	test.Tap(d.button("Погасить купон"))
	if !contains(d.texts(), "Погасить") {
		t.Fatalf("the coupon desk did not open: %q", d.texts())
	}
	for _, name := range []string{"Arrivals", "Announce", "FindCar", "RecordHandover", "ServiceCar", "SignIn", "Members"} {
		if d.calls.calls[name] == 0 {
			t.Errorf("%s never called", name)
		}
	}
}

func containsPart(all []string, part string) bool {
	for _, s := range all {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// replace puts s in place of the focused entry's text.
func (d *workDesk) replace(s string) {
	f := d.w.Canvas().Focused()
	f.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(f, s)
}

func TestRefusedChangesAreFixedAndResentOrDiscarded(t *testing.T) {
	d := openWorkDesk(t)
	ctx := context.Background()
	for _, email := range []string{"taken@example.ru", "other@example.ru"} {
		if _, err := d.a.DB.Register(ctx, showroom.Registration{LastName: "Сидоров", FirstName: "Пётр", Email: email,
			Source: showroom.SourceStaff, Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01",
				TextSHA256: strings.Repeat("ab", 32), GivenAt: time.Now()}}); err != nil {
			t.Fatal(err)
		}
	}
	pending, _ := d.a.DB.PendingMutations(ctx, 5000)
	var ids []string
	for _, m := range pending[len(pending)-2:] {
		ids = append(ids, m.ID)
	}
	err := d.a.DB.SettlePush(ctx, localdb.PushOutcome{Rejected: []localdb.Rejection{
		{ID: ids[0], Code: "email_taken", Message: "email: taken", Field: "email"},
		{ID: ids[1], Code: "email_taken", Message: "email: taken", Field: "email"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	listed, _ := d.a.DB.AttentionItems(ctx, 10) // in the list's order
	d.signIn("Анна Смирнова", annaPIN)
	test.Tap(d.button("Требуют внимания"))
	d.wait("attention")
	if !contains(d.texts(), "Не принято: 2") {
		t.Fatalf("attention: %q", d.texts())
	}
	test.Tap(d.button("Исправить"))
	d.replace("p.sidorov@example.ru") // the cursor is at the refused e-mail
	test.Tap(d.button("Отправить исправленное"))
	d.wait("resend")
	d.wait("reload")
	d.wait("sync status")
	att, _ := d.a.DB.AttentionItems(ctx, 10)
	if len(att) != 1 || att[0].ID != listed[1].ID {
		t.Fatalf("attention left %+v", att)
	}
	after, _ := d.a.DB.PendingMutations(ctx, 5000)
	last := after[len(after)-1]
	var r showroom.Registration
	if last.ID == listed[0].ID || last.Type != localdb.MutationRegister || json.Unmarshal(last.Data, &r) != nil || r.Email != "p.sidorov@example.ru" {
		t.Fatalf("resent %s %s", last.ID, last.Data)
	}
	discard := d.button("Удалить")
	test.Tap(discard)
	test.Tap(discard)
	d.wait("discard")
	d.wait("reload")
	d.wait("sync status")
	if n, _ := d.a.DB.AttentionLen(ctx); n != 0 || !contains(d.texts(), "Всё принято порталом.") {
		t.Fatalf("after the discard %d left: %q", n, d.texts())
	}
}

// TestFitDeskWiresEveryPartOfTheDesk builds the window as the app does.
func TestFitDeskWiresEveryPartOfTheDesk(t *testing.T) {
	defer func(e time.Duration) { statusEvery = e }(statusEvery)
	statusEvery = 0
	a := openDemo(t)
	fa := test.NewTempApp(t)
	ui.SetLang(showroom.Russian)
	s := staff.New(context.Background(), backend{db: a.DB}, a.Log)
	s.Async = func(work func() func()) { work()() }
	w := fa.NewWindow("staff")
	a.fitDesk(context.Background(), s, w)
	w.SetContent(s.Content())
	s.Start()
	got := texts(t, w.Content())
	for _, want := range []string{"Регистрация клиента", "Выдача автомобиля", "Сообщить о прибытии", "Сервисная стойка",
		"Требуют внимания", "Погасить купон", "Цель по регистрациям", "○ Устройство не подключено к порталу — офлайн", "Настройки"} {
		if !contains(got, want) {
			t.Errorf("the desk lacks %q", want)
		}
	}
	if s.Member() != (staff.Member{}) || contains(got, "Вход для сотрудников") {
		t.Fatal("a device without staff asks for a sign-in")
	}
	// With staff, the sign-in stands before the desk.
	if err := a.DB.Update(context.Background(), func(tx *localdb.Tx) error {
		return tx.PutStaffUser(showroom.StaffUser{ID: "006122-S901", DealerCode: "006122", Name: "Анна Смирнова", Role: showroom.RoleSales, Active: true})
	}); err != nil {
		t.Fatal(err)
	}
	s2 := staff.New(context.Background(), backend{db: a.DB}, a.Log)
	s2.Async = func(work func() func()) { work()() }
	w2 := fa.NewWindow("staff")
	a.fitDesk(context.Background(), s2, w2)
	w2.SetContent(s2.Content())
	s2.Start()
	if !contains(texts(t, w2.Content()), "Вход для сотрудников") {
		t.Fatal("no sign-in on a device with staff")
	}
}

func TestARefusedCarIsFixedAtItsEngineNumber(t *testing.T) {
	d := openWorkDesk(t)
	ctx := context.Background()
	c, err := d.a.DB.Register(ctx, showroom.Registration{LastName: "Сидоров", FirstName: "Пётр", Email: "petr@example.ru",
		Source: showroom.SourceStaff, Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01",
			TextSHA256: strings.Repeat("ab", 32), GivenAt: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	err = d.a.DB.RecordHandover(ctx, localdb.Handover{CustomerRef: c.Ref, VIN: "X7L4SRHH1R7044725",
		EngineNumber: "K7MA812R000001", Kind: showroom.SaleRetail, StaffID: d.anna})
	if err != nil {
		t.Fatal(err)
	}
	cars := d.outbox(localdb.MutationVehicleAdd)
	pending, _ := d.a.DB.PendingMutations(ctx, 5000)
	var id string
	for _, m := range pending {
		if m.Type == localdb.MutationVehicleAdd {
			id = m.ID
		}
	}
	if err := d.a.DB.SettlePush(ctx, localdb.PushOutcome{Rejected: []localdb.Rejection{
		{ID: id, Code: "engine_mismatch", Message: "engine_number: mismatch", Field: "engine_number"}}}); err != nil {
		t.Fatal(err)
	}
	d.signIn("Анна Смирнова", annaPIN)
	test.Tap(d.button("Требуют внимания"))
	d.wait("attention")
	if !contains(d.texts(), "Номер двигателя не соответствует этому VIN.") {
		t.Fatalf("attention: %q", d.texts())
	}
	test.Tap(d.button("Исправить"))
	d.replace("K7M A812 R947284") // the cursor is at the engine number
	test.Tap(d.button("Отправить исправленное"))
	d.wait("resend")
	d.wait("reload")
	d.wait("sync status")
	var sent api.VehicleAdd
	now := d.outbox(localdb.MutationVehicleAdd)
	if len(now) != len(cars) || json.Unmarshal(now[len(now)-1], &sent) != nil ||
		sent.EngineNumber != "K7MA812R947284" || sent.VIN != "X7L4SRHH1R7044725" || sent.VehicleID == "" {
		t.Fatalf("vehicle.add %s", now)
	}
	g, _ := d.a.DB.Garage(ctx, c.Ref)
	if len(g) != 1 || g[0].EngineNumber != "K7MA812R947284" {
		t.Fatalf("garage %+v", g)
	}
	if n, _ := d.a.DB.AttentionLen(ctx); n != 0 {
		t.Fatalf("%d still need attention", n)
	}
}
