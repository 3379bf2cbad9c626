package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/portal/api"
)

// The cabinet's flows, driven by taps and typing through the real wiring
// over a real demo store: what staff change lands in the store and, in the
// portal's wire shape, in the outbox; what the store refuses shows beside
// its field and saves nothing.

func TestCabinetProfileChangesLandInStoreAndOutbox(t *testing.T) {
	d, ref := cabinetDesk(t, "")
	ctx := context.Background()
	d.selectTab(tabProfile)
	before, _ := d.a.DB.Customer(ctx, ref)

	// Мои контакты (the second part): a bad postcode and phone are
	// refused beside their fields.
	test.Tap(d.buttons("> Изменить", 3)[1])
	d.typeInto("Почтовый индекс", "62001")
	e := d.typeInto("Мобильный телефон", "12")
	enter(e)
	d.await("the refusal", func() bool { return d.shows("ничего не сохранено") })
	if got := d.fieldError("Почтовый индекс"); got != "Почтовый индекс — 6 цифр." {
		t.Errorf("postcode error %q", got)
	}
	if d.fieldError("Мобильный телефон") == "" || d.fieldError("Город") != "" {
		t.Errorf("phone error %q, city error %q", d.fieldError("Мобильный телефон"), d.fieldError("Город"))
	}
	if n := len(outbox(t, d.a.DB, api.TypeCustomerUpdate)); n != 0 {
		t.Fatalf("a refused change was enqueued %d times", n)
	}

	// Corrected, saved with Enter: the card shows what the store has.
	d.typeInto("Почтовый индекс", "614000")
	d.typeInto("Город", "Пермь")
	enter(d.typeInto("Мобильный телефон", "8 912 345-67-89"))
	d.await("the saved contacts", func() bool { return d.shows("Сохранено: Мои контакты.") && d.shows("+79123456789") })
	c, _ := d.a.DB.Customer(ctx, ref)
	if c.Contacts.City != "Пермь" || c.Contacts.Postcode != "614000" || c.Contacts.MobilePhone != "+79123456789" ||
		c.Personal != before.Personal {
		t.Errorf("saved %+v", c.Contacts)
	}
	if !d.shows("Пермь") {
		t.Error("the card does not show the new city")
	}
	muts := outbox(t, d.a.DB, api.TypeCustomerUpdate)
	if len(muts) != 1 {
		t.Fatalf("%d customer.update mutations", len(muts))
	}
	var u api.CustomerUpdate
	decodeStrict(t, muts[0], &u)
	if u.CustomerID != c.ID || u.Contacts == nil || u.Contacts.City != "Пермь" || u.Personal != nil || u.Extra != nil {
		t.Errorf("mutation %s", muts[0])
	}

	// Дополнительные сведения, typed by keyboard: children is a number.
	test.Tap(d.buttons("> Изменить", 3)[2])
	enter(d.typeInto("Количество детей", "два"))
	if d.fieldError("Количество детей") != "Нужно целое число." {
		t.Errorf("children error %q", d.fieldError("Количество детей"))
	}
	d.typeInto("Интересы", "рыбалка, лыжи")
	enter(d.typeInto("Количество детей", "2"))
	d.await("the saved extras", func() bool { return d.shows("Сохранено: Дополнительные сведения.") })
	c, _ = d.a.DB.Customer(ctx, ref)
	if c.Extra.Children == nil || *c.Extra.Children != 2 || !slices.Equal(c.Extra.Interests, []string{"рыбалка", "лыжи"}) {
		t.Errorf("extra %+v", c.Extra)
	}
}

// Мои личные данные of a demo customer whose gender, birth date and
// preferred channel were never filled: a date the form cannot read and
// what the store refuses show beside their fields and save nothing; the
// corrected form lands in the store and, as customer.update, in the outbox.
func TestCabinetPersonalDataLandsInStoreAndOutbox(t *testing.T) {
	ref := demo.New(demoSeed, demo.DefaultSizes()).Cabinet(4).Customer.Ref
	d, _ := cabinetDesk(t, ref)
	ctx := context.Background()
	before, _ := d.a.DB.Customer(ctx, ref)
	if p := before.Personal; p.Gender != "" || !p.BirthDate.IsZero() || p.PreferredChannel != "" {
		t.Fatalf("the demo customer's personal data are already filled: %+v", p)
	}
	d.selectTab(tabProfile)
	test.Tap(d.buttons("> Изменить", 3)[0])

	// A date that does not exist: the form says how to write one.
	enter(d.typeInto("Дата рождения", "31.02.1980"))
	if got := d.fieldError("Дата рождения"); got != "Дата — в виде ДД.ММ.ГГГГ, например 17.05.1980." {
		t.Errorf("bad date error %q", got)
	}
	if !d.shows("ничего не сохранено") {
		t.Error("the form does not say that nothing was saved")
	}
	// An empty name and a birth date to come: the store refuses both.
	d.typeInto("Имя", "")
	enter(d.typeInto("Дата рождения", "17.05.2100"))
	d.await("the refusal", func() bool { return d.fieldError("Имя") != "" })
	if got := d.fieldError("Имя"); got != "Заполните это поле." {
		t.Errorf("empty name error %q", got)
	}
	if got := d.fieldError("Дата рождения"); got != "Дата рождения ещё не наступила." {
		t.Errorf("future date error %q", got)
	}
	if c, _ := d.a.DB.Customer(ctx, ref); c.Personal != before.Personal {
		t.Errorf("a refused change was saved: %+v", c.Personal)
	}
	if n := len(outbox(t, d.a.DB, api.TypeCustomerUpdate)); n != 0 {
		t.Fatalf("a refused change was enqueued %d times", n)
	}

	// Corrected and saved with «Сохранить».
	d.typeInto("Имя", "Олеся")
	gender, _ := d.field("Пол")
	gender.(*widget.Select).SetSelected("женский")
	d.typeInto("Дата рождения", "17.05.1980")
	channel, _ := d.field("Предпочтительный способ коммуникации")
	channel.(*widget.Select).SetSelected("SMS")
	test.Tap(d.button("Сохранить"))
	d.await("the saved personal data", func() bool { return d.shows("Сохранено: Мои личные данные.") })
	c, _ := d.a.DB.Customer(ctx, ref)
	want := before.Personal
	want.FirstName, want.Gender, want.PreferredChannel = "Олеся", showroom.GenderFemale, showroom.ChannelSMS
	want.BirthDate = time.Date(1980, time.May, 17, 0, 0, 0, 0, time.UTC)
	got := c.Personal
	if !got.BirthDate.Equal(want.BirthDate) {
		t.Errorf("birth date %v, want %v", got.BirthDate, want.BirthDate)
	}
	got.BirthDate = want.BirthDate
	if got != want {
		t.Errorf("saved %+v, want %+v", c.Personal, want)
	}
	for _, s := range []string{"Олеся", "женский", "17.05.1980", "SMS"} {
		if !d.shows(s) {
			t.Errorf("the card does not show %q", s)
		}
	}
	muts := outbox(t, d.a.DB, api.TypeCustomerUpdate)
	if len(muts) != 1 {
		t.Fatalf("%d customer.update mutations", len(muts))
	}
	var u api.CustomerUpdate
	decodeStrict(t, muts[0], &u)
	if u.CustomerID != c.ID || u.Personal == nil || u.Contacts != nil || u.Extra != nil || u.FutureCar != nil {
		t.Fatalf("mutation %s", muts[0])
	}
	if p := *u.Personal; p.FirstName != "Олеся" || p.Gender != showroom.GenderFemale || p.PreferredChannel != showroom.ChannelSMS ||
		!p.BirthDate.Equal(want.BirthDate) || p.Email != before.Personal.Email {
		t.Errorf("mutation's personal data %+v", p)
	}
}

func TestCabinetGarageFlows(t *testing.T) {
	d, ref := cabinetDesk(t, "")
	ctx := context.Background()
	d.selectTab(tabGarage)
	if !d.shows("Автомобилей: 1 из 5") {
		t.Fatalf("garage %q", d.texts())
	}
	other := demo.New(demoSeed, demo.DefaultSizes()).Cabinet(1).Garage[0] // in the factory registry

	// A car in use: the programme's warning, then VIN and engine number.
	test.Tap(d.button("> Добавить автомобиль"))
	if !d.shows("только после того, как VIN и номер двигателя введены и подтверждены") {
		t.Error("no warning about offers")
	}
	d.typeInto("VIN *", other.VIN)
	enter(d.typeInto("Номер двигателя *", "K9K000000000"))
	d.await("the engine mismatch", func() bool { return d.fieldError("Номер двигателя *") != "" })
	d.typeInto("Название автомобиля", "Служебная")
	enter(d.typeInto("Номер двигателя *", other.EngineNumber))
	d.await("the verified car", func() bool { return d.shows("Автомобилей: 2 из 5") })
	if !d.shows("Служебная — Renault "+other.Model) || !d.shows("Автомобиль добавлен в гараж.") {
		t.Errorf("after adding: %q", d.texts())
	}

	// A VIN the registry does not know: in the garage, unverified.
	test.Tap(d.button("> Добавить автомобиль"))
	d.typeInto("VIN *", "VF1LZBR0542606590")
	enter(d.typeInto("Номер двигателя *", "K4MA690C654321"))
	d.await("the unverified car", func() bool { return d.shows("Автомобилей: 3 из 5") })
	if !d.shows("Не подтверждено: предложения для автомобиля не появятся") {
		t.Error("the unverified car is not marked")
	}

	// An ordered car by its order number.
	test.Tap(d.button("> Добавить автомобиль"))
	find(d.t, d.w.Content(), func(r *widget.RadioGroup) bool {
		return slices.Contains(r.Options, "Заказанный автомобиль")
	}).
		SetSelected("Заказанный автомобиль")
	enter(d.typeInto("Номер заказа *", "006122-0049999"))
	d.await("the ordered car", func() bool { return d.shows("Автомобилей: 4 из 5") })

	// «Изменить данные» of the first car: the mileage must be a number.
	test.Tap(d.button("Изменить данные"))
	enter(d.typeInto("Общий пробег, км", "много"))
	if d.fieldError("Общий пробег, км") != "Нужно целое число." {
		t.Errorf("mileage error %q", d.fieldError("Общий пробег, км"))
	}
	d.typeInto("Госномер", "е 105 мн 96")
	enter(d.typeInto("Общий пробег, км", "190 000"))
	d.await("the changed car", func() bool { return d.shows("Пробег: 190 000 км") })

	// Five cars fill the garage; «Удалить» asks once more.
	test.Tap(d.button("> Добавить автомобиль"))
	d.typeInto("VIN *", "VF1LZBR0542606591")
	enter(d.typeInto("Номер двигателя *", "K4MA690C654322"))
	d.await("the fifth car", func() bool { return d.shows("Автомобилей: 5 из 5") })
	if b := d.button("В гараже уже 5 автомобилей"); !b.Disabled() {
		t.Error("a sixth car can be added")
	}
	test.Tap(d.button("Удалить"))
	test.Tap(d.button("Удалить из гаража?"))
	d.await("the removal", func() bool { return d.shows("Автомобилей: 4 из 5") })

	g, _ := d.a.DB.Garage(ctx, ref)
	var verified, plates []string
	for _, v := range g {
		if v.Verified {
			verified = append(verified, v.VIN)
		}
		plates = append(plates, v.Plate)
	}
	if !slices.Equal(verified, []string{other.VIN}) || slices.Contains(plates, "Е105МН96") {
		t.Errorf("garage verified %v, plates %v", verified, plates)
	}
	var add api.VehicleAdd
	adds := outbox(t, d.a.DB, api.TypeVehicleAdd)
	decodeStrict(t, adds[0], &add)
	var order api.VehicleAddOrder
	decodeStrict(t, outbox(t, d.a.DB, api.TypeVehicleAddOrder)[0], &order)
	var upd api.VehicleUpdate
	decodeStrict(t, outbox(t, d.a.DB, api.TypeVehicleUpdate)[0], &upd)
	var rm api.VehicleRemove
	decodeStrict(t, outbox(t, d.a.DB, api.TypeVehicleRemove)[0], &rm)
	if len(adds) != 3 || add.VIN != other.VIN || add.EngineNumber != other.EngineNumber || add.Nickname != "Служебная" ||
		order.OrderNumber != "0061220049999" || upd.Mileage != 190000 || upd.Plate != "Е105МН96" || rm.VehicleID != upd.VehicleID {
		t.Errorf("outbox: %d adds %+v, %+v, %+v, %+v", len(adds), add, order, upd, rm)
	}
}

func TestCabinetPreferencesFlows(t *testing.T) {
	d, ref := cabinetDesk(t, "")
	ctx := context.Background()
	d.selectTab(tabPreferences)
	test.Tap(d.button("> Добавить дилера"))
	search := find(d.t, d.w.Content(), func(e *widget.Entry) bool {
		return e.PlaceHolder == "Название, город или код дилера"
	})
	test.Type(search, "пермь")
	enter(search)
	d.await("the saved dealer", func() bool { return d.shows("Дилер сохранён:") })
	cab, _ := d.a.DB.Cabinet(ctx, ref)
	if len(cab.SavedDealers) != 2 || cab.SavedDealers[1].Primary {
		t.Fatalf("saved dealers %+v", cab.SavedDealers)
	}
	added := cab.SavedDealers[1].DealerCode
	if dl, _ := d.a.DB.Dealer(ctx, added); dl.City != "Пермь" {
		t.Errorf("added %+v", dl)
	}
	test.Tap(d.button("Сделать его основным"))
	d.await("the primary dealer", func() bool { return d.shows("Основной дилер:") })
	cab, _ = d.a.DB.Cabinet(ctx, ref)
	if cab.SavedDealers[0].DealerCode != added || !cab.SavedDealers[0].Primary || cab.SavedDealers[1].Primary {
		t.Errorf("after making it primary: %+v", cab.SavedDealers)
	}
	// The primary one listed first; deleting it makes the other primary.
	test.Tap(d.button("Удалить дилера"))
	test.Tap(d.button("Удалить из сохранённых?"))
	d.await("the removal", func() bool { return d.shows("Дилер удалён из сохранённых.") })
	cab, _ = d.a.DB.Cabinet(ctx, ref)
	if len(cab.SavedDealers) != 1 || cab.SavedDealers[0].DealerCode == added || !cab.SavedDealers[0].Primary {
		t.Errorf("saved dealers %+v", cab.SavedDealers)
	}

	// «Мой будущий Renault» from the catalogue.
	models, _ := d.a.DB.Models(ctx)
	var m showroom.ModelInfo
	for _, x := range models {
		if x.OnSale && len(x.Trims) > 0 && len(x.Colours) > 0 {
			m = x
			break
		}
	}
	test.Tap(d.button("> Изменить"))
	model, _ := d.field("Модель")
	model.(*widget.Select).SetSelected(m.Name)
	trim, _ := d.field("Комплектация")
	trim.(*widget.Select).SetSelected(m.Trims[0])
	colour, _ := d.field("Цвет")
	colour.(*widget.Select).SetSelected(m.Colours[0])
	test.Tap(d.button("Сохранить"))
	d.await("the future car", func() bool { return d.shows("Сохранено: Мой будущий Renault.") })
	c, _ := d.a.DB.Customer(ctx, ref)
	if f := c.FutureCar; f == nil || f.Model != m.Name || f.Trim != m.Trims[0] || f.Colour != m.Colours[0] {
		t.Errorf("future car %+v", c.FutureCar)
	}
	if !d.shows("Renault " + m.Name) {
		t.Error("the card does not show the future car")
	}
	types := []string{}
	for _, typ := range []string{api.TypeDealerSave, api.TypeDealerMakePrimary, api.TypeDealerRemove} {
		for _, m := range outbox(t, d.a.DB, typ) {
			var s api.SavedDealer
			decodeStrict(t, m, &s)
			if s.DealerCode == added {
				types = append(types, typ)
			}
		}
	}
	var u api.CustomerUpdate
	decodeStrict(t, outbox(t, d.a.DB, api.TypeCustomerUpdate)[0], &u)
	if len(types) != 3 || u.FutureCar == nil || u.FutureCar.Model != m.Name || u.Personal != nil {
		t.Errorf("outbox %v %+v", types, u)
	}
}

func TestCabinetMessagesFlows(t *testing.T) {
	d, ref := cabinetDesk(t, "")
	ctx := context.Background()
	d.selectTab(tabMessages)
	cab, _ := d.a.DB.Cabinet(ctx, ref)
	var read, unread []showroom.Message
	for _, m := range cab.Messages {
		if m.Read {
			read = append(read, m)
		} else {
			unread = append(unread, m)
		}
	}
	if len(read) == 0 || len(unread) == 0 {
		t.Fatalf("the showcase has %d read and %d unread messages", len(read), len(unread))
	}
	filter := find(d.t, d.w.Content(), func(r *widget.RadioGroup) bool { return slices.Contains(r.Options, "Непрочитанные") })
	filter.SetSelected("Непрочитанные")
	if d.shows(read[0].Subject) || !d.shows(unread[0].Subject) {
		t.Error("the unread filter shows a read message or hides an unread one")
	}
	filter.SetSelected("Все")
	// Newest first: the first «Отметить как непрочитанные» is the newest
	// read message, the first «Удалить» the newest message.
	top := cab.Messages[0]
	test.Tap(d.button("Отметить как непрочитанные"))
	d.await("the mark", func() bool { return d.shows("Отмечено как непрочитанное.") })
	test.Tap(d.button("Удалить"))
	test.Tap(d.button("Удалить сообщение?"))
	d.await("the deletion", func() bool { return d.shows("Сообщение удалено.") })
	cab, _ = d.a.DB.Cabinet(ctx, ref)
	want := len(unread) + 1
	if !top.Read || top.ID == read[0].ID {
		want-- // the deleted one was unread
	}
	nowUnread := 0
	for _, m := range cab.Messages {
		switch {
		case m.Deleted && m.ID != top.ID, !m.Deleted && m.ID == top.ID:
			t.Errorf("message %s deleted %v", m.ID, m.Deleted)
		case !m.Deleted && !m.Read:
			nowUnread++
		}
	}
	if nowUnread != want {
		t.Errorf("unread %d, want %d", nowUnread, want)
	}
	var mk api.MessageMark
	decodeStrict(t, outbox(t, d.a.DB, api.TypeMessageUnread)[0], &mk)
	if mk.MessageID != read[0].ID || len(outbox(t, d.a.DB, api.TypeMessageDelete)) != 1 {
		t.Errorf("outbox %+v", mk)
	}

	// Oldest first puts the welcome message on top.
	find(d.t, d.w.Content(), func(r *widget.RadioGroup) bool { return slices.Contains(r.Options, "Сначала старые") }).
		SetSelected("Сначала старые")
	var subjects []string
	for _, s := range d.texts() {
		for _, m := range cab.Messages {
			if s == m.Subject && !m.Deleted {
				subjects = append(subjects, s)
			}
		}
	}
	if len(subjects) == 0 || subjects[0] != oldest(cab).Subject {
		t.Errorf("oldest first: %q", subjects)
	}
}

func oldest(cab showroom.Cabinet) showroom.Message {
	var o showroom.Message
	for _, m := range cab.Messages {
		if !m.Deleted && (o.ID == "" || m.At.Before(o.At)) {
			o = m
		}
	}
	return o
}

func TestCabinetOrderTrackingShowsTheArrivalAtOnce(t *testing.T) {
	a := openDemo(t)
	ctx := context.Background()
	ref := arrivalCustomer(t, a)
	d, _ := cabinetDeskOn(t, a, ref)
	d.selectTab(tabGarage)
	cab, _ := a.DB.Cabinet(ctx, ref)
	var o showroom.Order
	for _, x := range cab.Orders {
		if x.StaffStatus() == showroom.OrderAtDealer && x.AnnouncedAt.IsZero() {
			o = x
		}
	}
	at, _ := o.ArrivalVisibleAt()
	for _, want := range []string{"Отслеживание заказа", "Заказ № " + o.Number,
		"— Автомобиль находится в дилерском центре и ожидает Вас",
		"●  " + o.History[0].At.Local().Format("02.01.2006") + " — Ваш заказ автомобиля получен и находится на стадии обработки"} {
		if !d.shows(want) {
			t.Errorf("the tracking lacks %q", want)
		}
	}
	if at.After(time.Now()) && !d.shows("Клиент увидит прибытие "+at.Local().Format("02.01.2006")) {
		t.Errorf("the desk does not say when the customer sees the arrival (%s)", at)
	}
}
