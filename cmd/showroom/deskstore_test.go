package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// The desk's own behaviour on the real demo store: the keyboard over the
// store's search results, the PIN lock-out as the store keeps it, and the
// status bar over a real sync with a real portal.

// Typing in the search box finds the demo's Ignatievs; Down and Up move
// the highlight with the cursor still in the search, Enter opens the
// customer highlighted, not the first one.
func TestSearchResultsByKeyboardOnTheStore(t *testing.T) {
	d := openDeskOn(t, openDemo(t), nil, nil)
	search := d.w.Canvas().Focused()
	test.Type(search, "игнатьев")
	d.settle("the search")
	hits := d.s.Hits()
	if len(hits) < 2 {
		t.Fatalf("the demo has %d Ignatievs: %+v", len(hits), hits)
	}
	if hits[0].Name == hits[1].Name {
		t.Fatalf("the first two hits are both %q", hits[0].Name)
	}
	key := func(k fyne.KeyName) { d.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyDown)
	key(fyne.KeyDown)
	key(fyne.KeyUp)
	if d.w.Canvas().Focused() != search {
		t.Fatalf("the arrows moved the cursor out of the search: %T", d.w.Canvas().Focused())
	}
	key(fyne.KeyReturn)
	d.settle("the cabinet")
	if want := "Здравствуйте, " + strings.ToUpper(hits[1].Name); !d.shows(want) {
		t.Fatalf("Enter did not open the second hit (%q): %q", want, d.texts())
	}
	if d.shows("Здравствуйте, " + strings.ToUpper(hits[0].Name)) {
		t.Fatal("Enter opened the first hit")
	}
}

// Five wrong PINs in a row lock the member for five minutes, as the store
// rules; the window says so with the time to wait, and even the right PIN
// does not open the desk until then.
func TestPINLockOutOnTheStore(t *testing.T) {
	d := openWorkDesk(t)
	ctx := context.Background()
	sel := find(t, d.w.Content(), func(s *widget.Select) bool { return len(s.Options) == 2 })
	for _, o := range sel.Options {
		if strings.HasPrefix(o, "Анна Смирнова") {
			sel.SetSelected(o)
		}
	}
	pin := find(t, d.w.Content(), func(e *widget.Entry) bool { return e.Password })
	try := func(p string) {
		t.Helper()
		test.Type(pin, p)
		test.Tap(d.button("Войти"))
		d.wait("sign-in")
	}
	for i := 1; i < localdb.StaffPINMaxFailures; i++ {
		try("000000")
		if !d.shows("Неверный PIN-код.") {
			t.Fatalf("wrong PIN %d: %q", i, d.texts())
		}
	}
	try("000000")
	const locked = "Слишком много неверных PIN-кодов. Вход заблокирован, повторите через 5 мин."
	if !d.shows(locked) {
		t.Fatalf("the fifth wrong PIN does not lock: %q", d.texts())
	}
	u, err := d.a.DB.StaffUser(ctx, d.anna)
	if left := time.Until(u.LockedUntil); err != nil || left <= 4*time.Minute || left > localdb.StaffPINLock {
		t.Fatalf("the store locks %s until %v (%v)", d.anna, u.LockedUntil, err)
	}
	try(annaPIN)
	if d.s.Member() != (staff.Member{}) || !d.shows(locked) {
		t.Fatalf("the right PIN opened a locked desk: %+v", d.s.Member())
	}
}

// The status bar reads the real sync: after a round with the real portal
// it says the portal answers, how many changes wait (one registered since)
// and when the round ended, and counts the change the portal refused;
// with the portal gone, the next look says the desk works offline.
func TestStatusBarFollowsTheRealSync(t *testing.T) {
	a := openDemo(t)
	ctx := context.Background()
	srv, code := startPortal(t)
	dev, err := sync.Enroll(ctx, sync.Enrollment{PortalURL: srv.URL, Code: code, Name: "Стойка 1", Kind: "desk"}, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	client, err := sync.NewClient(dev, sync.Options{Timeout: 2 * time.Second, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	e := sync.New(sync.Config{DB: a.DB, Client: client})
	// A change the portal will refuse: a customer it does not know.
	err = a.DB.Update(ctx, func(tx *localdb.Tx) error {
		_, err := tx.Enqueue(api.TypeCustomerUpdate, api.CustomerUpdate{CustomerKey: api.CustomerKey{CustomerRef: "unknown"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Round(ctx); err != nil {
		t.Fatalf("the round with the portal: %v", err)
	}
	// Registered after the round: waiting for the next.
	if _, err := a.DB.Register(ctx, showroom.Registration{LastName: "Сидоров", FirstName: "Пётр", Email: "petr@example.ru",
		Source: showroom.SourceStaff, Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01",
			TextSHA256: strings.Repeat("ab", 32), GivenAt: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	st, err := e.Status(ctx)
	if err != nil || !st.Online || st.Outbox != 1 || st.Attention != 1 || st.LastSync.IsZero() {
		t.Fatalf("the sync's status %+v %v", st, err)
	}

	d := openDeskWith(t, a, func(s *staff.Window) {
		s.SetWork(deskWork{db: a.DB, dataDir: a.Config.DataDir, now: time.Now})
		s.SetSync(syncStatus{db: a.DB, engine: func() *sync.Engine { return e }})
	})
	last := "Синхронизация: " + st.LastSync.Local().Format("15:04")
	if y, m, day := st.LastSync.Local().Date(); y != time.Now().Year() || m != time.Now().Month() || day != time.Now().Day() {
		last = "Синхронизация: " + st.LastSync.Local().Format("02.01.2006 15:04")
	}
	for _, want := range []string{"● Портал на связи", "Ждут отправки: 1", last, "Требуют внимания: 1"} {
		if !d.visible(want) {
			t.Errorf("the bar lacks %q: %q", want, d.visibleTexts())
		}
	}
	test.Tap(d.button("Требуют внимания: 1"))
	d.settle("the refused change")

	// The portal is gone: the next round fails, and the bar, looked at
	// again once the refused change is discarded, says so.
	srv.Close()
	if _, err := e.Round(ctx); err == nil {
		t.Fatal("a round without the portal succeeded")
	}
	discard := d.button("Удалить")
	test.Tap(discard)
	test.Tap(discard)
	d.settle("the discard")
	// The bar says the portal cannot be reached (in words that may name
	// why), not that the device has none.
	if d.visible("● Портал на связи") || !d.visible("○ ") || d.visible("не подключено") {
		t.Errorf("the bar does not say the desk is offline: %q", d.visibleTexts())
	}
	for _, want := range []string{"Ждут отправки: 1", last} {
		if !d.visible(want) {
			t.Errorf("the offline bar lacks %q: %q", want, d.visibleTexts())
		}
	}
	if d.visible("Требуют внимания: 1") {
		t.Error("the bar still counts the discarded change")
	}
}

// visibleTexts are the texts drawn under the window's content that show:
// hidden objects left out.
func (d *deskUI) visibleTexts() []string { return drawnTexts(d.t, d.w.Content(), true) }

// visible says whether a text that shows contains part.
func (d *deskUI) visible(part string) bool { return contains(d.visibleTexts(), part) }
