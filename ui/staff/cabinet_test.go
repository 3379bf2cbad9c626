package staff

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// cabNow is the fixed clock of the cabinet's tests.
var cabNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

const (
	cabRef     = "6f1c2a9e-3c1b-4d7e-9a55-0c1d2e3f4a5b"
	fluenceVIN = "VF1LZBR0542606589"
)

// cabFixture is a customer of the programme's examples with a verified
// Fluence, a car on order that has just arrived, two saved dealers, a
// future car and three messages.
func cabFixture() showroom.Cabinet {
	day := func(d int) time.Time { return cabNow.AddDate(0, 0, -d) }
	two := 2
	return showroom.Cabinet{
		Customer: showroom.Customer{Ref: cabRef, ID: "1000234567", State: showroom.StateActive, DealerCode: "006122",
			Personal: showroom.PersonalData{FirstName: "Полина", LastName: "Игнатьева", Gender: showroom.GenderFemale,
				BirthDate: time.Date(1973, 8, 7, 0, 0, 0, 0, time.UTC), Email: "ignateva@example.ru",
				PreferredChannel: showroom.ChannelSMS, MarketingConsent: true},
			Contacts: showroom.Contacts{Country: "Россия", Region: "Свердловская область", Postcode: "620026",
				City: "Екатеринбург", MobilePhone: "+79031234567"},
			Extra:     showroom.AdditionalInfo{Children: &two, Interests: []string{"путешествия"}},
			FutureCar: &showroom.FutureCar{Model: "Arkana", Engine: "1.3 TCe 150", Trim: "Style", Colour: "Оранжевый"},
			CreatedAt: day(400)},
		Garage: []showroom.Vehicle{
			{ID: "v1", CustomerRef: cabRef, VIN: fluenceVIN, EngineNumber: "K4MA838C630492", Nickname: "Белая",
				Model: "Fluence", Version: "Expression 1.6 16V 106 л.с.", Body: "седан", Plate: "Е105МН96", Mileage: 45200,
				Equipment: []string{"ABS", "Кондиционер"}, BuildDate: day(900), Verified: true, AddedAt: day(300)},
			{ID: "v2", CustomerRef: cabRef, OrderNumber: "0061220040234", AddedAt: day(60)},
		},
		Orders: []showroom.Order{{Number: "0061220040234", CustomerRef: cabRef, Status: showroom.OrderAtDealer,
			History: []showroom.OrderEvent{{Status: 1, At: day(60)}, {Status: 2, At: day(40)}, {Status: 3, At: day(10)},
				{Status: 4, At: day(2)}}}},
		SavedDealers: []showroom.SavedDealer{{CustomerRef: cabRef, DealerCode: "006122", Primary: true},
			{CustomerRef: cabRef, DealerCode: "006130"}},
		Messages: []showroom.Message{
			{ID: "m3", CustomerRef: cabRef, Subject: "Ваш автомобиль в пути", Body: "Заказ № 0061220040234 направляется в дилерский центр.", At: day(10)},
			{ID: "m2", CustomerRef: cabRef, Subject: "Только для Вас: 200 ₽ на комплекс-сервис", Body: "Подробности — в «Мои предложения».", At: day(100), Read: true},
			{ID: "m1", CustomerRef: cabRef, Subject: "Добро пожаловать", Body: "Добрый день! Мы рады приветствовать Вас в My Renault…", At: day(400), Read: true},
		},
	}
}

func cabReference() Reference {
	return Reference{
		Dealers: []showroom.Dealer{
			{Code: "006122", Name: "Автомир-Екатеринбург", City: "Екатеринбург", Address: "ул. Металлургов, 67", Phone: "+73432286122"},
			{Code: "006130", Name: "Рольф Урал", City: "Екатеринбург", Address: "ул. Бебеля, 11"},
			{Code: "006140", Name: "Рено Пермь", City: "Пермь", Region: "Пермский край"},
		},
		Models: []showroom.ModelInfo{
			{Name: "Fluence", ServiceKm: 15000, ServiceMonths: 12, WarrantyMonths: 36, WarrantyKm: 100000},
			{Name: "Arkana", OnSale: true, Bodies: []string{"кроссовер"}, Engines: []string{"1.3 TCe 150", "1.6 114"},
				Trims: []string{"Drive", "Style"}, Gearbox: []string{"CVT"}, Colours: []string{"Белый", "Оранжевый"}, PriceRUB: 1424000,
				ServiceKm: 15000, ServiceMonths: 12, WarrantyMonths: 36, WarrantyKm: 100000},
		},
		Programs: []showroom.ServiceProgram{
			{ID: "p1", Kind: showroom.ProgramMaintenance, Title: "Программа обслуживания", Description: "ТО по регламенту Renault."},
			{ID: "p2", Kind: showroom.ProgramFixedPrice, Title: "«Комплекс-сервис»", Description: "Цены без сюрприза.", MinAgeMonths: 36},
			{ID: "p3", Kind: showroom.ProgramExtended, Title: "Renault Extra", Description: "Продлённая гарантия.", MaxAgeMonths: 30, Years: 5},
			{ID: "p4", Kind: showroom.ProgramAssistance, Title: "Renault Assistance", Description: "24 часа, 365 дней, вся Россия."},
		},
		Recalls: map[string][]showroom.Recall{fluenceVIN: {{Campaign: "0BCF", Date: time.Date(2012, 1, 31, 0, 0, 0, 0, time.UTC),
			Title: "Жгут проводов усилителя руля", Text: "Возможно трение жгута проводов о рулевую колонку.",
			Remedy: "Установка дополнительного фиксатора жгута.", Free: true}}},
	}
}

// editorFake keeps the cabinet in memory and records every change it is
// asked for; a change to the profile is applied so that the reload shows it.
type editorFake struct {
	cab       showroom.Cabinet
	calls     []string
	fail      error
	reloadErr error // the store cannot be read back
}

func (f *editorFake) record(call string) error {
	f.calls = append(f.calls, call)
	return f.fail
}

func (f *editorFake) UpdateProfile(_ context.Context, _ string, e showroom.ProfileEdit) error {
	if err := f.record("profile"); err != nil {
		return err
	}
	if err := e.Normalize(cabNow); err != nil {
		return err
	}
	f.cab.Customer = e.Apply(f.cab.Customer)
	return nil
}
func (f *editorFake) AddCar(_ context.Context, _, vin, engine string, _ showroom.VehicleEdit) (showroom.Vehicle, error) {
	return showroom.Vehicle{}, f.record("car " + vin + " " + engine)
}
func (f *editorFake) AddOrderedCar(_ context.Context, _, number string) (showroom.Vehicle, error) {
	return showroom.Vehicle{}, f.record("order " + number)
}
func (f *editorFake) UpdateCar(_ context.Context, _, id string, _ showroom.VehicleEdit) error {
	return f.record("update " + id)
}
func (f *editorFake) RemoveCar(_ context.Context, _, id string) error {
	return f.record("remove " + id)
}
func (f *editorFake) SaveDealer(_ context.Context, _, code string) error {
	return f.record("save dealer " + code)
}
func (f *editorFake) MakePrimaryDealer(_ context.Context, _, code string) error {
	return f.record("primary " + code)
}
func (f *editorFake) RemoveDealer(_ context.Context, _, code string) error {
	return f.record("remove dealer " + code)
}
func (f *editorFake) MarkMessage(_ context.Context, _, id string, m MessageMark) error {
	return f.record("mark " + id)
}
func (f *editorFake) Reference(context.Context, []showroom.Vehicle) (Reference, error) {
	return cabReference(), nil
}

// cabBackend serves the fake's cabinet.
type cabBackend struct{ f *editorFake }

func (b cabBackend) Search(context.Context, string, int) ([]Hit, error) { return nil, nil }
func (b cabBackend) Cabinet(context.Context, string) (showroom.Cabinet, error) {
	return b.f.cab, b.f.reloadErr
}
func (b cabBackend) Overview(context.Context) (Overview, error) {
	return Overview{DealerCode: "006122", DealerName: "Автомир-Екатеринбург"}, nil
}

// queue is an Async that keeps the work until the test runs it: a tap
// returns with the work still queued, so a test sees what the screen
// shows while the store is busy, and that the store is not called from
// the tap itself.
type queue struct{ work []func() func() }

func (q *queue) async(w func() func()) { q.work = append(q.work, w) }

// drain runs the queued work and applies its results in order, including
// work queued meanwhile.
func (q *queue) drain() int {
	n := 0
	for len(q.work) > 0 {
		w := q.work[0]
		q.work = q.work[1:]
		w()()
		n++
	}
	return n
}

// openCabinet is the staff window showing the fixture's cabinet.
func openCabinet(t *testing.T, async ui.Async) (*Window, fyne.Window, *editorFake) {
	t.Helper()
	ui.SetLang(showroom.Russian)
	local := time.Local
	time.Local = time.UTC // the dates on screen are the masters' dates everywhere
	t.Cleanup(func() { time.Local = local })
	test.NewTempApp(t)
	f := &editorFake{cab: cabFixture()}
	w := New(context.Background(), cabBackend{f}, nil)
	w.Async = async
	w.SetEditor(f)
	w.card.now = func() time.Time { return cabNow }
	win := test.NewWindow(w.Content())
	win.Resize(fyne.NewSize(1280, 1000))
	t.Cleanup(win.Close)
	w.Start()
	w.OpenCustomer(cabRef)
	return w, win, f
}

func TestCabinetSectionsRenderInRussian(t *testing.T) {
	w, win, _ := openCabinet(t, syncAsync)
	for i, name := range []string{"home", "profile", "garage", "preferences", "notifications", "service"} {
		w.card.tabs.SelectIndex(i)
		test.AssertRendersToMarkup(t, "cabinet_"+name+"_ru.xml", win.Canvas())
	}
	w.card.tabs.SelectIndex(7)
	test.AssertRendersToMarkup(t, "cabinet_messages_ru.xml", win.Canvas())
}

func TestCabinetShowsWhatTheProgrammeAsks(t *testing.T) {
	w, _, _ := openCabinet(t, syncAsync)
	v := w.card
	home := v.summary.Text + v.missing.Text + v.complLabel.Text
	for _, want := range []string{"Данные заполнены на", "Не заполнено: Район", "В гараже: 2 из 5 автомобилей (подтверждено: 1)",
		"Непрочитанных сообщений: 1", "Отзывных кампаний по автомобилям клиента: 1", "Ближайшее в календаре: 25.11.2026 — визит по отзывной кампании № 0BCF"} {
		if !strings.Contains(home, want) {
			t.Errorf("Главная lacks %q:\n%s", want, home)
		}
	}
	// Staff see the arrival at once, and when the customer will.
	v.tabs.SelectIndex(secGarage)
	timeline := cabLabels(v.garage.orders)
	for _, want := range []string{"●  23.11.2026 — Автомобиль находится в дилерском центре и ожидает Вас",
		"●  26.09.2026 — Ваш заказ автомобиля получен и находится на стадии обработки",
		"Клиент увидит прибытие 28.11.2026 — сообщите ему первым."} {
		if !slices.Contains(timeline, want) {
			t.Errorf("the timeline lacks %q: %q", want, timeline)
		}
	}
	// The recall as the programme words it, and the calendar.
	v.tabs.SelectIndex(secNotices)
	notices := strings.Join(cabLabels(v.notices.box), "\n")
	for _, want := range []string{"31 января 2012: Ваш автомобиль VIN VF1LZBR0542606589 требует проведения особых технических операций, уведомление № 0BCF.",
		"Бесплатно, у официального дилера Renault.", "8-800-200-80-80", "ТО-4 (60 000 км): Renault Fluence",
		"окончание заводской гарантии: Renault Fluence"} {
		if !strings.Contains(notices, want) {
			t.Errorf("Мои уведомления lack %q:\n%s", want, notices)
		}
	}
	// Each car's eligibility, with the reason when not.
	v.tabs.SelectIndex(secService)
	service := strings.Join(cabLabels(v.service.box), "\n")
	for _, want := range []string{"Renault Fluence Expression 1.6 16V 106 л.с. (VIN VF1LZBR0542606589): ✓ доступна",
		"✗ Программа — для автомобилей старше 36 мес.", "Срок: до 5 лет с даты выпуска."} {
		if !strings.Contains(service, want) {
			t.Errorf("Мой сервис lacks %q:\n%s", want, service)
		}
	}
	// The password is nowhere to be set.
	w.card.tabs.SelectIndex(1)
	test.Tap(v.profile.parts[0].edit)
	f := v.profile.parts[0].form
	if _, ok := f.fields["password"].obj.(*widget.Label); !ok {
		t.Error("the password is a field staff can type into")
	}
	if _, ok := f.fields["email"].obj.(*widget.Label); !ok {
		t.Error("the e-mail is a field staff can type into")
	}
}

// TestNoStoreCallOnTheUIGoroutine taps each kind of change with a queue
// for Async: the tap returns with the store not yet called and the screen
// saying it is saving; only the queued work calls the store, once however
// often the button was tapped, and the card then reloads.
func TestNoStoreCallOnTheUIGoroutine(t *testing.T) {
	q := &queue{}
	w, _, f := openCabinet(t, q.async)
	q.drain() // the overview, the cabinet and its reference data
	v := w.card
	if v.cab.Customer.Ref != cabRef || v.refState != refLoaded {
		t.Fatal("the cabinet did not open")
	}
	v.tabs.SelectIndex(1)
	contacts := v.profile.parts[1]
	test.Tap(contacts.edit)
	form := contacts.form
	form.entry("city").SetText("")
	test.Type(form.entry("city"), "Пермь")
	test.Tap(form.save)
	test.Tap(form.save) // a double tap saves once
	if len(f.calls) != 0 {
		t.Fatalf("the tap called the store itself: %v", f.calls)
	}
	if v.profile.msg.Text != "Сохраняю…" || !form.save.Disabled() {
		t.Errorf("while saving: %q, save enabled %v", v.profile.msg.Text, !form.save.Disabled())
	}
	if n := q.drain(); n != 2 { // the change and the reload; the garage is the same
		t.Errorf("%d pieces of work ran, want 2", n)
	}
	if !slices.Equal(f.calls, []string{"profile"}) || f.cab.Customer.Contacts.City != "Пермь" {
		t.Fatalf("calls %v, city %q", f.calls, f.cab.Customer.Contacts.City)
	}
	if !slices.Contains(cabLabels(contacts.card), "Пермь") || v.profile.msg.Text != "Сохранено: Мои контакты." {
		t.Errorf("after the reload: %q, %q", cabLabels(contacts.card), v.profile.msg.Text)
	}

	// The same for a car, a dealer and a message.
	taps := []struct {
		name string
		tap  func()
		call string
	}{
		{"delete a car", func() {
			v.tabs.SelectIndex(2)
			test.Tap(v.garage.rows["v1"].remove)
			test.Tap(v.garage.rows["v1"].confirm)
		}, "remove v1"},
		{"make a dealer primary", func() {
			v.tabs.SelectIndex(3)
			test.Tap(cabButton(t, v.prefs.dealers, "Сделать его основным"))
		}, "primary 006130"},
		{"mark unread", func() { v.tabs.SelectIndex(7); test.Tap(v.messages.rows["m2"].toggle) }, "mark m2"},
	}
	for _, tt := range taps {
		f.calls = nil
		tt.tap()
		if len(f.calls) != 0 || len(q.work) != 1 {
			t.Errorf("%s: calls %v on the tap, %d queued", tt.name, f.calls, len(q.work))
		}
		q.drain()
		if !slices.Equal(f.calls, []string{tt.call}) {
			t.Errorf("%s: calls %v", tt.name, f.calls)
		}
	}
}

// labels returns the texts of the labels under o.
func cabLabels(o fyne.CanvasObject) []string {
	var out []string
	cabWalk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	})
	return out
}

// find returns the first visible button under o with the text.
func cabButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	cabWalk(o, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && b == nil && x.Visible() && x.Text == text {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}

// cabWalk visits o and everything under it: containers' objects,
// cards' and forms' contents.
func cabWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			cabWalk(c, fn)
		}
	case *widget.Card:
		cabWalk(v.Content, fn)
	case *widget.Form:
		for _, it := range v.Items {
			cabWalk(it.Widget, fn)
		}
	}
}

func TestCabinetInEnglish(t *testing.T) {
	ui.SetLang(showroom.English)
	defer ui.SetLang(showroom.Russian)
	test.NewTempApp(t)
	f := &editorFake{cab: cabFixture()}
	w := New(context.Background(), cabBackend{f}, nil)
	w.Async = syncAsync
	w.SetEditor(f)
	w.card.now = func() time.Time { return cabNow }
	win := test.NewWindow(w.Content())
	defer win.Close()
	w.OpenCustomer(cabRef)
	v := w.card
	var seen []string
	for i := range sections {
		v.tabs.SelectIndex(i)
		seen = append(seen, v.tabs.Items[i].Text)
		seen = append(seen, cabTexts(v.boxes[i])...)
	}
	all := strings.Join(seen, "\n")
	for _, want := range []string{"My virtual garage", "In the garage: 2 of 5 cars (verified: 1)", "Order tracking",
		"Your car is at the dealership and waiting for you", "The customer will see the arrival on 28.11.2026",
		"31 January 2012: your car VIN VF1LZBR0542606589 needs special technical operations, notice No. 0BCF.",
		"Maintenance programme", "Mark as unread", "My future Renault"} {
		if !strings.Contains(all, want) {
			t.Errorf("the English card lacks %q", want)
		}
	}
	for _, l := range seen {
		if strings.HasPrefix(l, "cab.") || strings.ContainsAny(l, "ЙйЦцУуКкЕеНнГгШшЩщЗзХхФфЫыВвАаПпРрОоЛлДдЖжЭэЯяЧчСсМмИиТтЬьБбЮю") &&
			!strings.Contains(l, "Белая") && !cyrillicData(l) {
			t.Errorf("untranslated: %q", l)
		}
	}
}

// cyrillicData says whether a line shows the customer's own data, which
// stays as typed whatever the language.
func cyrillicData(l string) bool {
	for _, s := range []string{"Полина", "Игнатьева", "Россия", "Свердловская", "Екатеринбург", "путешествия",
		"Е105МН96", "седан", "Кондиционер", "Автомир", "Рольф", "Оранжевый", "Ваш автомобиль в пути", "Заказ №",
		"Только для Вас", "Подробности", "Добро пожаловать", "Добрый день", "Жгут", "Возможно", "Установка",
		"ТО по", "Цены без", "Продлённая", "24 часа", "Программа обслуживания", "Комплекс", "л.с.", "ул.", "Пермь"} {
		if strings.Contains(l, s) || strings.Contains(l, strings.ToUpper(s)) {
			return true
		}
	}
	return false
}

// cabTexts returns what the labels, buttons and cards under o say.
func cabTexts(o fyne.CanvasObject) []string {
	var out []string
	cabWalk(o, func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *widget.Card:
			out = append(out, v.Title, v.Subtitle)
		case *widget.Form:
			for _, it := range v.Items {
				out = append(out, it.Text)
			}
		}
	})
	return out
}

func TestSectionsByKeyboard(t *testing.T) {
	w, win, _ := openCabinet(t, syncAsync)
	keys := win.Canvas().(fyne.Shortcutable)
	for _, i := range []int{secGarage, secMessages, secHome} {
		keys.TypedShortcut(&desktop.CustomShortcut{KeyName: sectionKeys[i], Modifier: fyne.KeyModifierAlt})
		if w.card.tabs.SelectedIndex() != i {
			t.Errorf("Alt+%d shows section %d", i+1, w.card.tabs.SelectedIndex())
		}
	}
	// With the cursor in the search box, where the window opens a card,
	// the entry takes the shortcut first: it chooses the section too.
	w.search.TypedShortcut(&desktop.CustomShortcut{KeyName: sectionKeys[secOffers], Modifier: fyne.KeyModifierAlt})
	if w.card.tabs.SelectedIndex() != secOffers {
		t.Errorf("Alt+7 in the search box shows section %d", w.card.tabs.SelectedIndex())
	}
	// In a form Enter saves and the cursor starts in the first field.
	keys.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: fyne.KeyModifierAlt})
	test.Tap(w.card.profile.parts[1].edit)
	f := w.card.profile.parts[1].form
	if win.Canvas().Focused() != f.entry("country") {
		t.Errorf("the cursor is on %T, not in Страна", win.Canvas().Focused())
	}
	test.Type(f.entry("country"), "!")
	f.entry("country").TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.card.cab.Customer.Contacts.Country != "Россия!" {
		t.Errorf("Enter did not save: %q", w.card.cab.Customer.Contacts.Country)
	}
}

// TestChangesSayWhatHappened: a change the store refuses says why and saves
// nothing; a change saved whose card cannot be read back says so instead of
// "saving" for ever.
func TestChangesSayWhatHappened(t *testing.T) {
	w, _, f := openCabinet(t, syncAsync)
	v := w.card
	v.tabs.SelectIndex(secMessages)
	f.fail = showroom.Errorf(showroom.ENotFound, "message_id", "")
	test.Tap(v.messages.rows["m2"].remove)
	test.Tap(v.messages.rows["m2"].confirm)
	if v.messages.msg.Text != showroom.Errorf(showroom.ENotFound, "", "").Text(showroom.Russian) ||
		v.messages.msg.Importance != widget.DangerImportance {
		t.Errorf("refused: %q", v.messages.msg.Text)
	}
	f.fail, f.reloadErr = nil, errors.New("disk gone")
	test.Tap(v.messages.rows["m2"].toggle)
	if v.messages.msg.Text != "Сохранено, но карточку клиента не удалось обновить. Откройте клиента ещё раз." || v.busy {
		t.Errorf("after a failed reload: %q, busy %v", v.messages.msg.Text, v.busy)
	}
}

// offersFake lists one offer for the fixture's Fluence.
type offersFake struct{ printFake }

func (offersFake) Offers(_ context.Context, garage []showroom.Vehicle) ([]CarOffer, error) {
	var out []CarOffer
	for _, v := range garage {
		if v.Verified {
			out = append(out, CarOffer{Vehicle: v, Offer: showroom.Offer{ID: "KS200", Title: "Только для Вас: 200 ₽ на комплекс-сервис",
				Value: "200 ₽", Conditions: "Скидка 200 ₽ на любую работу по программе «Комплекс-сервис».",
				ValidFrom: cabNow.AddDate(0, -1, 0), ValidTo: cabNow.AddDate(0, 2, 0)}})
		}
	}
	return out, nil
}

func TestCabinetOffersRenderInRussian(t *testing.T) {
	w, win, _ := openCabinet(t, syncAsync)
	w.SetDesk(offersFake{}, nil)
	w.OpenCustomer(cabRef)
	w.card.tabs.SelectIndex(secOffers)
	if m := test.RenderToMarkup(win.Canvas()); !strings.Contains(m, "Только для Вас: 200 ₽ на комплекс-сервис") || !strings.Contains(m, "Печать купона") {
		t.Fatalf("the offer and its coupon are not shown:\n%s", m)
	}
	test.AssertRendersToMarkup(t, "cabinet_offers_ru.xml", win.Canvas())
}
