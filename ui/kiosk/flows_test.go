package kiosk

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	kw "github.com/myrenault/showroom/ui/widget"
)

func TestWelcomePackFlow(t *testing.T) {
	r := newRig(t)
	k := r.k
	test.Tap(k.welcome.welcomePack)
	if !k.wp.login.Disabled() {
		t.Fatal("«Войти» waits for both fields")
	}
	test.Tap(k.wp.idField)
	r.keys(t, "RU1000042")
	test.Type(k.wp.vinField, "VF1LZBR0542606580") // a scanner types like a keyboard
	test.Tap(k.wp.login)
	r.q.run()
	if k.wp.msg.Text != "ID клиента или VIN не подходят. Проверьте их по письму Welcome Pack." {
		t.Fatalf("bad pair: %q", k.wp.msg.Text)
	}
	k.wp.vinField.SetText("")
	test.Type(k.wp.vinField, "vf1lzbr0542606589")
	test.Tap(k.wp.login)
	r.q.run()
	if k.screen != scrActivate {
		t.Fatalf("screen %d", k.screen)
	}
	if !k.wp.emailNext.Disabled() {
		t.Fatal("«Далее» waits for an e-mail")
	}
	r.keys(t, "petr", "@", "mail.ru")
	test.Tap(k.wp.emailNext)
	test.Tap(k.cons.agree)
	test.Tap(k.prefs.marketing)
	if k.prefs.submit.Text != "Активировать" {
		t.Fatalf("submit %q", k.prefs.submit.Text)
	}
	test.Tap(k.prefs.submit)
	r.q.run()
	if k.screen != scrDone || len(r.be.activations) != 1 || len(r.be.registered) != 0 {
		t.Fatalf("screen %d, %d activations", k.screen, len(r.be.activations))
	}
	a := r.be.activations[0]
	if a.CustomerID != "RU1000042" || a.Email != "petr@mail.ru" || !a.Consent.Marketing || a.Consent.TextVersion == "" {
		t.Fatalf("activation %+v", a)
	}
}

// TestWelcomePackEmailHint: the hint under the activation's e-mail says
// «Нажмите, чтобы исправить», and a tap does correct the address.
func TestWelcomePackEmailHint(t *testing.T) {
	r := newRig(t)
	k := r.k
	test.Tap(k.welcome.welcomePack)
	test.Type(k.wp.idField, "RU1000042")
	test.Type(k.wp.vinField, "VF1LZBR0542606589")
	test.Tap(k.wp.login)
	r.q.run()
	r.keys(t, "petr", "@", "gmail", ".", "con")
	if k.wp.emailMsg.Text != "Может быть, petr@gmail.com? Нажмите, чтобы исправить." {
		t.Fatalf("hint %q", k.wp.emailMsg.Text)
	}
	test.Tap(k.wp.emailMsg)
	if k.draft.email != "petr@gmail.com" || k.wp.email.Text != "petr@gmail.com" || k.wp.emailMsg.Text != " " {
		t.Fatalf("after the hint: %q, hint %q", k.draft.email, k.wp.emailMsg.Text)
	}
	r.keys(t, "@")
	if k.wp.emailMsg.Text != "В адресе эл. почты должен быть ровно один знак @." {
		t.Fatalf("error %q", k.wp.emailMsg.Text)
	}
	test.Tap(k.wp.emailMsg) // an error, not a hint: a tap changes nothing
	if k.draft.email != "petr@gmail.com@" {
		t.Fatalf("a tap on an error changed the e-mail to %q", k.draft.email)
	}
}

func TestWelcomePackLockedOut(t *testing.T) {
	r := newRig(t)
	test.Tap(r.k.welcome.welcomePack)
	test.Type(r.k.wp.idField, "LOCKED")
	test.Type(r.k.wp.vinField, "VF1LZBR0542606589")
	test.Tap(r.k.wp.login)
	r.q.run()
	if r.k.wp.msg.Text != "Слишком много неудачных попыток. Попробуйте через 10 мин. или обратитесь к менеджеру." {
		t.Fatalf("%q", r.k.wp.msg.Text)
	}
}

// TestWhereIsMyCar shows the four statuses; the arrival stays hidden for
// 5 days unless staff announced it.
func TestWhereIsMyCar(t *testing.T) {
	r := newRig(t)
	k := r.k
	arrived := t0.Add(-2 * 24 * time.Hour)
	r.be.order = showroom.Order{Number: "0061220040234", Status: showroom.OrderAtDealer, History: []showroom.OrderEvent{
		{Status: showroom.OrderReceived, At: t0.Add(-60 * 24 * time.Hour)},
		{Status: showroom.OrderInProduction, At: t0.Add(-40 * 24 * time.Hour)},
		{Status: showroom.OrderOnTheWay, At: t0.Add(-10 * 24 * time.Hour)},
		{Status: showroom.OrderAtDealer, At: arrived},
	}}
	test.Tap(k.welcome.whereIsCar)
	for _, d := range "006122004023" {
		test.Tap(k.keyb.Key(string(d)))
	}
	if k.ord.numMsg.Text == " " || !k.ord.find.Disabled() {
		t.Fatal("12 digits: a message and no search")
	}
	test.Tap(k.keyb.Key("4"))
	if k.ord.numMsg.Text != " " {
		t.Fatalf("13 digits: %q", k.ord.numMsg.Text)
	}
	test.Tap(k.ord.lastField)
	if k.keyb.Layout() != kw.Cyrillic {
		t.Fatal("the keyboard follows to the name")
	}
	r.keys(t, "Семёнов")
	test.Tap(k.ord.find)
	r.q.run()
	head := k.ord.result.Objects[0]
	if got := textOf(head); got != "Ваш автомобиль направляется в дилерский центр" {
		t.Fatalf("2 days after arrival: %q", got)
	}
	if k.keyb.Visible() {
		t.Fatal("the keyboard stays up over the answer")
	}
	test.Tap(k.ord.lastField)
	if !k.keyb.Visible() {
		t.Fatal("touching a field brings the keyboard back")
	}
	r.now = arrived.Add(showroom.ArrivalDelay)
	test.Tap(k.ord.find)
	r.q.run()
	if got := textOf(k.ord.result.Objects[0]); got != "Автомобиль находится в дилерском центре и ожидает Вас" {
		t.Fatalf("after 5 days: %q", got)
	}
	k.ord.lastField.SetText("Иванов")
	test.Tap(k.ord.find)
	r.q.run()
	if k.ord.numMsg.Text != "Заказ с таким номером не найден." || len(k.ord.result.Objects) != 0 {
		t.Fatalf("wrong name: %q", k.ord.numMsg.Text)
	}
}

// TestExitNeedsLongPressAndPIN: a short press does nothing, 3 s opens the
// PIN screen, five wrong PINs lock it, closing the window asks the PIN.
func TestExitNeedsLongPressAndPIN(t *testing.T) {
	r := newRig(t)
	k := r.k
	press := func(d time.Duration) {
		k.corner.MouseDown(&desktop.MouseEvent{})
		r.now = r.now.Add(d)
		k.corner.MouseUp(&desktop.MouseEvent{})
	}
	press(2 * time.Second)
	if k.screen != scrWelcome {
		t.Fatal("2 s is not enough")
	}
	press(ExitPress)
	if k.screen != scrPIN {
		t.Fatal("3 s opens the PIN screen")
	}
	for i := 1; i <= 4; i++ {
		for _, d := range "111111" {
			test.Tap(k.keyb.Key(string(d)))
		}
		test.Tap(k.pin.ok)
		r.q.run()
		if k.pin.msg.Text != "Неверный PIN." || k.pin.field.Text != "" {
			t.Fatalf("wrong PIN %d: %q", i, k.pin.msg.Text)
		}
	}
	test.Type(k.pin.field, "000000")
	test.Tap(k.pin.ok)
	r.q.run()
	if k.pin.msg.Text != "Слишком много неверных попыток. Выход заблокирован на 5 мин." {
		t.Fatalf("fifth: %q", k.pin.msg.Text)
	}
	test.Type(k.pin.field, "246810")
	test.Tap(k.pin.ok)
	r.q.run()
	if r.exits != 0 {
		t.Fatal("the lock holds even for the right PIN")
	}
	test.Tap(k.pin.back)
	k.RequestExit() // what closing the window does
	if k.screen != scrPIN {
		t.Fatal("closing the window asks for the PIN")
	}
}

func TestExitWithPIN(t *testing.T) {
	r := newRig(t)
	r.k.RequestExit()
	test.Type(r.k.pin.field, "246810")
	if r.k.pin.field.Text != "246810" || !r.k.pin.field.Password {
		t.Fatal("the PIN is masked")
	}
	test.Tap(r.k.pin.ok)
	r.q.run()
	if r.exits != 1 || r.k.screen != scrWelcome {
		t.Fatalf("exits %d", r.exits)
	}
}

// TestOfflineBannerNeverBlocks: the banner shows and the registration is
// still saved and congratulated.
func TestOfflineBannerNeverBlocks(t *testing.T) {
	r := newRig(t)
	r.be.offline = true
	r.advance(time.Second)
	r.q.run()
	if !r.k.offlineShown() {
		t.Fatal("no offline banner")
	}
	fillForm(t, r)
	test.Tap(r.k.prefs.submit)
	r.q.run()
	if r.k.screen != scrDone || len(r.be.registered) != 1 {
		t.Fatal("offline registration blocked")
	}
	if r.k.done.email.Text != "Регистрация сохранена. Письмо со ссылкой для подтверждения придёт на polina@example.ru, как только восстановится связь." {
		t.Fatalf("%q", r.k.done.email.Text)
	}
	r.be.offline = false
	for range int(onlineEvery / time.Second) {
		r.advance(time.Second)
	}
	r.q.run()
	if r.k.offlineShown() {
		t.Fatal("banner stays online")
	}
}
