package staff

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
)

func TestSearchResultsByKeyboard(t *testing.T) {
	r := newDesk(t, false, Member{})
	w := r.w
	test.Type(w.search, "Ив")
	if len(w.Hits()) != 3 || w.cursor != 0 {
		t.Fatalf("hits %d, cursor %d", len(w.Hits()), w.cursor)
	}
	test.AssertRendersToMarkup(t, "desk_search_ru.xml", r.win.Canvas())
	r.key(fyne.KeyDown)
	r.key(fyne.KeyDown)
	r.key(fyne.KeyDown) // stays on the last
	r.key(fyne.KeyUp)
	if w.cursor != 1 || r.win.Canvas().Focused() != w.search {
		t.Fatalf("cursor %d, focus %T", w.cursor, r.win.Canvas().Focused())
	}
	r.key(fyne.KeyReturn)
	if len(r.b.opened) != 1 || r.b.opened[0] != "r2" || !r.shows(w.card.tabs) {
		t.Fatalf("Enter opened %v", r.b.opened)
	}
	// Escape from another screen's entry comes back to the search, its text
	// selected so that typing replaces it.
	w.ShowService()
	if r.win.Canvas().Focused() != w.work.service.vin {
		t.Fatalf("service desk focus %T", r.win.Canvas().Focused())
	}
	r.key(fyne.KeyEscape)
	if r.win.Canvas().Focused() != w.search || w.search.SelectedText() != "Ив" {
		t.Fatalf("Escape: focus %T, selected %q", r.win.Canvas().Focused(), w.search.SelectedText())
	}
	// Escape in the search empties it; typing with nothing focused types
	// into it.
	r.key(fyne.KeyEscape)
	if w.search.Text != "" || len(w.Hits()) != 0 {
		t.Fatalf("search %q", w.search.Text)
	}
	r.win.Canvas().Unfocus()
	r.win.Canvas().OnTypedRune()('И')
	if w.search.Text != "И" || r.win.Canvas().Focused() != w.search {
		t.Fatalf("typed with nothing focused: %q", w.search.Text)
	}
	// A click opens the clicked customer even when it is the highlighted one.
	test.Type(w.search, "в")
	w.results.Select(0)
	if r.b.opened[len(r.b.opened)-1] != "r1" {
		t.Fatalf("click opened %v", r.b.opened)
	}
	w.results.Select(0)
	if len(r.b.opened) != 3 {
		t.Fatalf("a second click on the same row opened %v", r.b.opened)
	}
	// Ctrl+digit opens the desk's screens this desk offers.
	ctrl := func(k fyne.KeyName) {
		w.search.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl})
	}
	ctrl(fyne.Key2)
	if !r.shows(w.work.handover.root) || r.win.Canvas().Focused() != w.work.handover.query {
		t.Fatal("Ctrl+2 did not open the handover")
	}
	w.backToSearch()
	ctrl(fyne.Key3)
	if !r.shows(w.work.arrivals.root) {
		t.Fatal("Ctrl+3 did not open the arrivals")
	}
	w.backToSearch()
}

func TestDeskLocksAfterFiveIdleMinutes(t *testing.T) {
	r := newDesk(t, true, anna)
	w := r.w
	step := func(d time.Duration) {
		r.clock = r.clock.Add(d)
		w.checkIdle()
	}
	step(4 * time.Minute)
	test.Type(w.search, "Ив") // typing in the desk's own entry
	step(4*time.Minute + 59*time.Second)
	if w.Member() != anna {
		t.Fatal("locked although the member typed 4 min 59 s ago")
	}
	// A key with nothing focused counts.
	r.win.Canvas().Unfocus()
	r.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	step(4 * time.Minute)
	// Typing in another screen's plain entry counts: the tick sees it.
	other := widget.NewEntry()
	w.setDetail(container.NewVBox(other))
	r.win.Canvas().Focus(other)
	test.Type(other, "1")
	step(4 * time.Minute)
	if w.Member() != anna {
		t.Fatal("locked although the member typed in another screen")
	}
	// That typing counts from the tick that saw it, at most a tick late.
	step(IdleLock)
	if w.Member() != (Member{}) || w.deskVisible() || w.search.Text != "" {
		t.Fatalf("not locked after 5 idle minutes: member %+v", w.Member())
	}
	// Locked, nobody is timed: the next member's idle time starts at sign-in.
	step(time.Hour)
	r.signIn(t, boris)
	step(IdleLock - time.Second)
	if w.Member() != boris {
		t.Fatal("locked right after signing in")
	}
}

func TestStatusBarSaysOnlineOutboxAndLastSync(t *testing.T) {
	r := newDesk(t, false, Member{})
	b := r.w.bar
	if r.sync.calls != 1 {
		t.Fatalf("Start polled %d times", r.sync.calls)
	}
	want := []string{"● Портал на связи", "Ждут отправки: 2", "Синхронизация: 14:27"}
	for i, l := range []*widget.Label{b.online, b.outbox, b.lastSync} {
		if l.Text != want[i] {
			t.Errorf("bar %d = %q, want %q", i, l.Text, want[i])
		}
	}
	if !b.attention.Visible() || b.attention.Text != "Требуют внимания: 2" {
		t.Fatalf("attention %v %q", b.attention.Visible(), b.attention.Text)
	}
	if r.w.status.Text != "" {
		t.Fatalf("the status line repeats the outbox: %q", r.w.status.Text)
	}
	test.Tap(b.attention)
	if !r.shows(r.w.work.attention.root) {
		t.Fatal("the attention count does not open the list")
	}
	r.sync.st = SyncState{Enrolled: true, Known: true, Online: false, Outbox: 7, LastSync: deskNow.Add(-26 * time.Hour)}
	r.w.pollSync()
	if b.online.Text != "○ Нет связи с порталом — работаем офлайн" || b.outbox.Text != "Ждут отправки: 7" ||
		b.lastSync.Text != "Синхронизация: 24.11.2026 12:30" || b.attention.Visible() {
		t.Fatalf("offline bar: %q %q %q %v", b.online.Text, b.outbox.Text, b.lastSync.Text, b.attention.Visible())
	}
	// The refused changes were resolved elsewhere: the open list reloads.
	if len(r.w.work.attention.items) != 3 {
		t.Fatalf("attention list %d", len(r.w.work.attention.items))
	}
	r.sync.st = SyncState{Outbox: 1}
	r.w.pollSync()
	if b.online.Text != "○ Устройство не подключено к порталу — офлайн" || b.lastSync.Text != "Синхронизации ещё не было" {
		t.Fatalf("not enrolled: %q %q", b.online.Text, b.lastSync.Text)
	}
}

func TestStaffRegistersACustomerWithConsentAndTheVINPrompt(t *testing.T) {
	r := newDesk(t, true, anna)
	w := r.w
	if !w.work.registerBtn.Visible() {
		t.Fatal("no registration for a sales manager")
	}
	test.Tap(w.work.registerBtn)
	v := w.work.register
	if !r.shows(v.root) || r.win.Canvas().Focused() != v.fields.last {
		t.Fatal("the form did not open with the cursor in the last name")
	}
	if v.text.Text != assets.Consent("ru").Text {
		t.Fatal("the consent shown is not the current Russian text")
	}
	test.Type(v.fields.last, "Сидоров")
	test.Type(v.fields.first, "Пётр")
	test.Type(v.fields.email, "petr@example")
	test.Tap(v.submitBtn)
	// No VIN: the programme's prompt, the cursor in the VIN.
	if !v.vinPrompt.Visible() || v.submitBtn.Text != "Зарегистрировать без VIN" || r.win.Canvas().Focused() != v.fields.vin {
		t.Fatal("no VIN prompt")
	}
	test.AssertRendersToMarkup(t, "desk_register_ru.xml", r.win.Canvas())
	test.Type(v.fields.vin, "vf1lzbr0542606589")
	test.Tap(v.submitBtn)
	if len(r.work.registered) != 0 || !strings.Contains(v.message.Text, "согласия") {
		t.Fatalf("registered without consent: %q", v.message.Text)
	}
	test.Tap(v.agree)
	test.Tap(v.submitBtn)
	if len(r.work.registered) != 0 || !v.fields.msgs["email"].Visible() || v.message.Text != "Исправьте отмеченные поля." {
		t.Fatalf("a bad e-mail passed: %q", v.message.Text)
	}
	v.fields.email.SetText("taken@example.ru")
	test.Tap(v.submitBtn)
	if len(r.work.registered) != 0 || !strings.Contains(v.fields.msgs["email"].Text, "") || !v.fields.msgs["email"].Visible() {
		t.Fatal("a taken e-mail is not shown at its field")
	}
	v.fields.email.SetText("petr@example.ru")
	test.Tap(v.marketing)
	v.fields.email.OnSubmitted("") // Enter in a field submits
	if len(r.work.registered) != 1 {
		t.Fatalf("not registered: %q", v.message.Text)
	}
	got := r.work.registered[0]
	c := assets.Consent("ru")
	if got.Source != showroom.SourceStaff || got.StaffID != anna.ID || got.VIN != "VF1LZBR0542606589" ||
		got.Consent.TextVersion != c.Version || got.Consent.TextSHA256 != c.SHA256 || !got.Consent.Marketing ||
		!got.Consent.GivenAt.Equal(deskNow) {
		t.Fatalf("registration %+v", got)
	}
	if r.b.opened[len(r.b.opened)-1] != "r-new" || !r.shows(w.card.tabs) {
		t.Fatal("the new customer's cabinet did not open")
	}
	// Locking forgets the form.
	test.Type(v.fields.last, "Черновик")
	w.Lock()
	if v.fields.last.Text != "" {
		t.Fatal("the form kept a customer's data across the lock")
	}
}

func TestHandoverWizard(t *testing.T) {
	r := newDesk(t, true, anna)
	w := r.w
	if !w.work.handoverBtn.Visible() || !w.work.arrivalsBtn.Visible() || w.work.serviceBtn.Visible() {
		t.Fatal("a sales manager's buttons are wrong")
	}
	test.Tap(w.work.handoverBtn)
	v := w.work.handover
	if !r.shows(v.root) || r.win.Canvas().Focused() != v.query || v.stepLbl.Text != "шаг 1 из 5" {
		t.Fatal("the wizard did not open at its first step")
	}
	test.AssertRendersToMarkup(t, "desk_handover_step1_ru.xml", r.win.Canvas())
	test.Type(v.query, "0061229999999")
	r.key(fyne.KeyReturn)
	if v.step != stepCar || !strings.Contains(v.findMsg.Text, "0061229999999") {
		t.Fatalf("unknown order: step %d, %q", v.step, v.findMsg.Text)
	}
	v.query.SetText("0061220040234")
	r.key(fyne.KeyReturn)
	if v.step != stepCustomer || v.found.Text != "Заказчик: Иван Иванов · RU1000001" || r.win.Canvas().Focused() != v.sameBtn {
		t.Fatalf("step %d, %q", v.step, v.found.Text)
	}
	test.AssertRendersToMarkup(t, "desk_handover_ru.xml", r.win.Canvas())
	test.Tap(v.sameBtn)
	if v.step != stepVIN || v.vin.Text != "VF1RFB00X56789012" || v.engine.Text != "H5H 470 C 000111" {
		t.Fatalf("step %d, VIN %q, engine %q", v.step, v.vin.Text, v.engine.Text)
	}
	test.AssertRendersToMarkup(t, "desk_handover_step3_ru.xml", r.win.Canvas())
	v.engine.SetText("")
	test.Tap(v.vinNext)
	if v.step != stepVIN || v.vinMsg.Text == "" {
		t.Fatal("an empty engine number passed")
	}
	test.Type(v.engine, "h5h 470 c 000111")
	r.key(fyne.KeyReturn)
	if v.step != stepRecord || !strings.Contains(v.summary.Text, "Иван Иванов") {
		t.Fatalf("step %d, %q", v.step, v.summary.Text)
	}
	if r.win.Canvas().Focused() != v.retailBtn {
		t.Fatal("the kind of sale is not the next thing to choose")
	}
	test.AssertRendersToMarkup(t, "desk_handover_step4_ru.xml", r.win.Canvas())
	test.Tap(v.retailBtn)
	engine, _ := showroom.NormalizeEngineNumber("H5H 470 C 000111")
	want := Handover{CustomerRef: "r1", VIN: "VF1RFB00X56789012", EngineNumber: engine, Kind: showroom.SaleRetail, StaffID: anna.ID}
	if len(r.work.handovers) != 1 || r.work.handovers[0] != want {
		t.Fatalf("handovers %+v", r.work.handovers)
	}
	if v.step != stepPrint || !v.printBtn.Visible() {
		t.Fatal("no Welcome Pack step")
	}
	test.AssertRendersToMarkup(t, "desk_handover_step5_ru.xml", r.win.Canvas())
	test.Tap(v.printBtn)
	if !r.shows(w.print.root) || !strings.Contains(w.print.title.Text, "Иван Иванов") {
		t.Fatal("the Welcome Pack's print flow did not open")
	}
	w.closePrint()
	if !r.shows(v.root) || v.step != stepPrint {
		t.Fatal("the print flow did not return to the wizard")
	}
	test.Tap(v.doneBtn)
	if r.b.opened[len(r.b.opened)-1] != "r1" || v.step != stepCar || v.query.Text != "" {
		t.Fatal("Done did not open the customer's cabinet and reset the wizard")
	}
}

func TestHandoverRegistersTheCustomerOnTheSpot(t *testing.T) {
	r := newDesk(t, true, anna)
	w := r.w
	w.ShowHandover()
	v := w.work.handover
	test.Type(v.query, "VF1LZBR0542606589")
	test.Tap(v.findBtn)
	if v.step != stepCustomer || v.sameBtn.Visible() {
		t.Fatal("a car without a customer offered one")
	}
	// Looking for someone else finds by name.
	test.Type(v.who2, "Ив")
	if len(v.whoHits.Objects) != 3 {
		t.Fatalf("%d customers found", len(v.whoHits.Objects))
	}
	test.Tap(v.newBtn)
	f := v.register
	if f.fields.vin.Text != "VF1LZBR0542606589" || r.win.Canvas().Focused() != f.fields.last {
		t.Fatal("the registration does not start with the car's VIN")
	}
	// The wizard scrolls; the form inside it gets its whole height.
	if v.regHolder.Size().Height < f.body.MinSize().Height {
		t.Fatalf("the form is squeezed into %v", v.regHolder.Size())
	}
	test.Type(f.fields.last, "Сидоров")
	test.Type(f.fields.first, "Пётр")
	test.Type(f.fields.email, "petr@example.ru")
	test.Tap(f.agree)
	test.Tap(f.submitBtn)
	if len(r.work.registered) != 1 || v.step != stepVIN || v.who.Ref != "r-new" {
		t.Fatalf("registered %d, step %d", len(r.work.registered), v.step)
	}
	test.Type(v.engine, "K7M 710 123456")
	test.Tap(v.vinNext)
	test.Tap(v.corporateBtn)
	if len(r.work.handovers) != 1 || r.work.handovers[0].Kind != showroom.SaleCorporate || r.work.handovers[0].CustomerRef != "r-new" {
		t.Fatalf("handovers %+v", r.work.handovers)
	}
	// A customer registered a moment ago has no portal ID yet: no Welcome
	// Pack now, and the desk says when.
	if v.printBtn.Visible() || !strings.Contains(v.doneLbl.Text, "ID") {
		t.Fatalf("Welcome Pack offered without an ID: %q", v.doneLbl.Text)
	}
}

func TestArrivalsToAnnounce(t *testing.T) {
	r := newDesk(t, true, anna)
	w := r.w
	test.Tap(w.work.arrivalsBtn)
	v := w.work.arrivals
	if !r.shows(v.root) || len(v.items) != 3 {
		t.Fatalf("arrivals %d", len(v.items))
	}
	// The fewest days left first, then those only the call reveals.
	if v.items[0].OrderNumber != "0061220040240" || v.items[2].OrderNumber != "0061220040251" ||
		v.message.Text != "Ждут звонка: 3, из них клиент ещё не видит прибытие: 3" {
		t.Fatalf("order %v, %q", v.items, v.message.Text)
	}
	test.AssertRendersToMarkup(t, "desk_arrivals_ru.xml", r.win.Canvas())
	for _, want := range []string{
		"Клиент увидит сам через 3 дн. (28.11.2026 13:30)",
		"Клиент увидит сам через 1 дн. (26.11.2026 00:30)",
		"Клиент не увидит прибытие, пока вы не сообщите",
		"клиент не привязан к заказу",
	} {
		if !hasLabel(v.root, want) {
			t.Errorf("no %q in %q", want, labels(v.root))
		}
	}
	test.Tap(v.buttons["0061220040240"])
	if len(r.work.announced) != 1 || r.work.announced[0] != "0061220040240" || len(v.items) != 2 {
		t.Fatalf("announced %v, left %d", r.work.announced, len(v.items))
	}
	if !strings.HasPrefix(v.message.Text, "Заказ 0061220040240 объявлен.") {
		t.Fatalf("message %q", v.message.Text)
	}
	if _, ok := v.buttons["0061220040240"]; ok {
		t.Fatal("the announced car is still listed")
	}
}

func TestServiceDeskShowsTheCarInOneView(t *testing.T) {
	r := newDesk(t, true, boris)
	w := r.w
	if !w.work.serviceBtn.Visible() || w.work.handoverBtn.Visible() {
		t.Fatal("a service advisor's buttons are wrong")
	}
	if w.deskShortcut(&desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: fyne.KeyModifierControl}) {
		t.Fatal("Ctrl+2 opened the handover for a service advisor")
	}
	test.Tap(w.work.serviceBtn)
	v := w.work.service
	test.Type(v.vin, "VF1HSRCA0123")
	r.key(fyne.KeyReturn)
	if len(v.body.Objects) != 0 || v.message.Text == "" {
		t.Fatal("a short VIN was looked up")
	}
	v.vin.SetText("vf1hsrca067123456")
	r.key(fyne.KeyReturn)
	test.AssertRendersToMarkup(t, "desk_service_ru.xml", r.win.Canvas())
	for _, want := range []string{
		"Duster · 1.3 TCe 4x4 · VF1HSRCA067123456",
		"двигатель H5H 470 C 000222 · госномер А123ВС196 · пробег 41200 км · выпущен 10.03.2024",
		"Гарантия до 10.03.2027",
		"RC-2026-07: Замена датчика давления в шинах. Бесплатная замена датчика у дилера",
		"14.01.2027 — ТО-3 (45000 км)",
		"Программа: Renault Extra — продлённая гарантия",
		"Скидка 20 % на шиномонтаж — −20 %",
	} {
		if !hasLabel(v.root, want) {
			t.Errorf("no %q in %q", want, labels(v.root))
		}
	}
	test.Tap(button(t, v.root, "Погасить купон"))
	if !r.shows(w.coupons.root) {
		t.Fatal("the service desk does not lead to the coupon desk")
	}
	w.ShowService()
	test.Tap(button(t, v.root, "Открыть кабинет"))
	if r.b.opened[len(r.b.opened)-1] != "r1" {
		t.Fatal("the owner's cabinet did not open")
	}
}

func TestNeedsAttentionFixResendOrDiscard(t *testing.T) {
	r := newDesk(t, true, anna)
	w := r.w
	test.Tap(w.work.attentionBtn)
	v := w.work.attention
	if len(v.items) != 3 {
		t.Fatalf("items %d", len(v.items))
	}
	test.AssertRendersToMarkup(t, "desk_attention_ru.xml", r.win.Canvas())
	if !hasLabel(v.root, "Регистрация клиента · Пётр Сидоров · petr@example.ru") {
		t.Fatalf("labels %q", labels(v.root))
	}
	test.Tap(button(t, v.root, "Исправить"))
	if v.fields.email.Text != "petr@example.ru" || !v.fields.msgs["email"].Visible() || r.win.Canvas().Focused() != v.fields.email {
		t.Fatal("the fix does not start at the refused field")
	}
	v.fields.email.SetText("petr@")
	test.Tap(v.sendBtn)
	if len(r.work.resent) != 0 || v.fixMsg.Text != "Исправьте отмеченные поля." {
		t.Fatalf("a bad fix was sent: %q", v.fixMsg.Text)
	}
	v.fields.email.SetText("petr.sidorov@example.ru")
	test.Tap(v.sendBtn)
	fixed := r.work.resent["m1"].Registration
	if fixed == nil || fixed.Email != "petr.sidorov@example.ru" || fixed.CustomerRef != "r9" || fixed.StaffID != "s1" {
		t.Fatalf("resent %+v", r.work.resent)
	}
	if len(v.items) != 2 || v.stack.Objects[1].Visible() {
		t.Fatal("the fixed change is still listed")
	}
	// A car refused for its engine number: only the car's fields, the
	// cursor at the engine number.
	test.Tap(button(t, v.root, "Исправить"))
	if v.fields.last.Visible() || !v.fields.vin.Visible() || r.win.Canvas().Focused() != v.fields.engine ||
		v.fields.engine.Text != "K7MA812R000001" || !v.fields.msgs["engine_number"].Visible() {
		t.Fatal("the car's fix does not show its VIN and engine number")
	}
	v.fields.engine.SetText("K7")
	test.Tap(v.sendBtn)
	if _, sent := r.work.resent["m3"]; sent || !v.fields.msgs["engine_number"].Visible() {
		t.Fatal("a short engine number was sent")
	}
	v.fields.engine.SetText("K7MA812R947284")
	test.Tap(v.sendBtn)
	if got := r.work.resent["m3"].Fields; got["engine_number"] != "K7MA812R947284" || got["vin"] != "X7L4SRHH1R7044725" || len(v.items) != 1 {
		t.Fatalf("resent %+v", r.work.resent["m3"])
	}
	test.Tap(button(t, v.root, "Отправить снова"))
	if f, sent := r.work.resent["m2"]; !sent || f.Registration != nil || f.Fields != nil || len(v.items) != 0 {
		t.Fatalf("m2 resent %+v, %d left", f, len(v.items))
	}
	r.work.attention = newWorkFake().attention[1:2]
	w.ShowAttention()
	discard := button(t, v.root, "Удалить")
	test.Tap(discard)
	if len(r.work.discarded) != 0 || discard.Text != "Точно удалить?" {
		t.Fatal("discarded on the first tap")
	}
	test.Tap(discard)
	if len(r.work.discarded) != 1 || len(v.items) != 0 || v.message.Text != "Всё принято порталом." {
		t.Fatalf("discarded %v, %q", r.work.discarded, v.message.Text)
	}
}
