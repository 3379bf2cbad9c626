package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/kiosk"
	kw "github.com/myrenault/showroom/ui/widget"
)

// kioskRig is the real kiosk wiring on an empty store, in a test window;
// the store's answers are applied at once, on the test's goroutine.
type kioskRig struct {
	a     *App
	k     *kiosk.Kiosk
	w     fyne.Window
	exits int
}

func openKiosk(t *testing.T) *kioskRig {
	t.Helper()
	fa := test.NewTempApp(t)
	fa.Settings().SetTheme(&ui.Theme{Scale: 1.4})
	ui.SetLang(showroom.Russian)
	a, err := Open(context.Background(), Config{DataDir: t.TempDir(), Kiosk: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	r := &kioskRig{a: a}
	o := a.kioskOptions(context.Background(), fa)
	o.Async = func(work func() func()) { work()() }
	o.Manual = true
	o.OnExit = func() { r.exits++ }
	r.k = kiosk.New(context.Background(), o)
	r.w = test.NewWindow(r.k.Content())
	r.w.Resize(fyne.NewSize(1280, 800))
	r.k.SetCanvas(r.w.Canvas())
	t.Cleanup(r.w.Close)
	return r
}

// objects lists every object drawn in the window, widgets' parts included.
func (r *kioskRig) objects(t *testing.T) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		out = append(out, o)
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		case fyne.Widget:
			if _, ok := v.(*kw.Field); ok {
				return
			}
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(r.w.Canvas().Content())
	return out
}

// tap taps the visible button labelled text.
func (r *kioskRig) tap(t *testing.T, text string) {
	t.Helper()
	for _, o := range r.objects(t) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q on screen", text)
}

func (r *kioskRig) fields(t *testing.T) []*kw.Field {
	var out []*kw.Field
	for _, o := range r.objects(t) {
		if f, ok := o.(*kw.Field); ok {
			out = append(out, f)
		}
	}
	return out
}

func (r *kioskRig) keyboard(t *testing.T) *kw.Keyboard {
	t.Helper()
	for _, o := range r.objects(t) {
		if k, ok := o.(*kw.Keyboard); ok {
			return k
		}
	}
	t.Fatal("no keyboard on screen")
	return nil
}

// typeKeys types with the on-screen keyboard: lower-case letters, digits
// and e-mail keys, one tap per key.
func (r *kioskRig) typeKeys(t *testing.T, keys ...string) {
	t.Helper()
	kb := r.keyboard(t)
	for _, k := range keys {
		if kb.Key(k) == nil {
			test.Tap(kb.Key(kw.KeyAlphabet))
		}
		if kb.Key(k) == nil {
			t.Fatalf("no key %q", k)
		}
		test.Tap(kb.Key(k))
	}
}

func split(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// TestKioskRegistrationLandsInTheStore registers a customer by touch on
// the real wiring: the customer, the consent to the exact text shown and
// one outbox row are in the store, even after a double tap.
func TestKioskRegistrationLandsInTheStore(t *testing.T) {
	r := openKiosk(t)
	ctx := context.Background()
	r.tap(t, "Зарегистрироваться")
	f := r.fields(t)
	if len(f) != 6 {
		t.Fatalf("%d fields", len(f))
	}
	test.Tap(r.keyboard(t).Key(kw.KeyShift))
	r.typeKeys(t, split("игнатьева")...)
	test.Tap(f[1])
	test.Type(f[1], "Полина") // the physical keyboard
	test.Tap(f[2])
	r.typeKeys(t, append(split("polina"), "@", "mail.ru")...)
	test.Tap(f[4])
	test.Type(f[4], "VF1LZBR0542606589") // a barcode scanner
	r.tap(t, "Далее")
	r.tap(t, "Согласен")
	submit := (*widget.Button)(nil)
	for _, o := range r.objects(t) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Зарегистрироваться" {
			submit = b
		}
	}
	test.Tap(submit)
	test.Tap(submit) // the double tap
	if !contains(texts(t, r.w.Canvas().Content()), "Поздравляем!") {
		t.Fatal("no congratulations")
	}
	hits, err := r.a.DB.SearchCustomers(ctx, "Игнатьева", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("%d customers, %v", len(hits), err)
	}
	cab, err := r.a.DB.Cabinet(ctx, hits[0].Ref)
	if err != nil {
		t.Fatal(err)
	}
	c := assets.Consent("ru")
	if len(cab.Consents) != 1 || cab.Consents[0].TextSHA256 != c.SHA256 || cab.Consents[0].TextVersion != c.Version ||
		cab.Consents[0].Marketing || len(cab.Garage) != 1 || cab.Customer.Personal.Email != "polina@mail.ru" {
		t.Fatalf("cabinet: consents %+v, garage %d", cab.Consents, len(cab.Garage))
	}
	ms, err := r.a.DB.PendingMutations(ctx, 10)
	if err != nil || len(ms) != 1 || ms[0].Type != localdb.MutationRegister {
		t.Fatalf("outbox: %d, %v", len(ms), err)
	}
	var sent showroom.Registration
	if err := json.Unmarshal(ms[0].Data, &sent); err != nil || sent.Consent.TextSHA256 != c.SHA256 || sent.Source != showroom.SourceKiosk {
		t.Fatalf("outbox row %+v, %v", sent, err)
	}
}

// TestKioskPINLockOut leaves the kiosk on the real store: five wrong PINs
// lock the exit, even for the right PIN, until five minutes have passed.
func TestKioskPINLockOut(t *testing.T) {
	r := openKiosk(t)
	ctx := context.Background()
	err := r.a.DB.Update(ctx, func(tx *localdb.Tx) error {
		return tx.PutStaffUser(showroom.StaffUser{ID: "006122-01", DealerCode: "006122", Name: "Админ", Role: showroom.RoleAdmin, Active: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.a.DB.SetStaffPIN(ctx, "006122-01", "246810"); err != nil {
		t.Fatal(err)
	}
	r.k.RequestExit() // closing the window
	for i := 1; i <= 5; i++ {
		r.typeKeys(t, "1", "3", "5", "7", "9", "0")
		r.tap(t, "Выйти")
	}
	if !contains(texts(t, r.w.Canvas().Content()), "Выход заблокирован на 5 мин.") {
		t.Fatal("no lock-out message")
	}
	r.typeKeys(t, "2", "4", "6", "8", "1", "0")
	r.tap(t, "Выйти")
	if r.exits != 0 {
		t.Fatal("left the kiosk while locked")
	}
}

// TestKioskIdleIsConfigured reads the idle timeout from the settings and
// keeps it within its limits.
func TestKioskIdleIsConfigured(t *testing.T) {
	r := openKiosk(t)
	ctx := context.Background()
	for set, want := range map[string]time.Duration{"45": 45 * time.Second, "5": kiosk.MinIdle, "0": kiosk.MinIdle, "9999": kiosk.MaxIdle} {
		if err := r.a.DB.SetSetting(ctx, settingKioskIdle, set); err != nil {
			t.Fatal(err)
		}
		if got := r.a.kioskOptions(ctx, test.NewTempApp(t)).Idle; got != want {
			t.Errorf("setting %s: idle %v, want %v", set, got, want)
		}
	}
	// The flag wins over the setting; out of range, it is refused.
	var errb strings.Builder
	c, err := parseFlags([]string{"--data", "/x", "--kiosk", "--kiosk-idle", "120"}, &errb)
	if err != nil || c.KioskIdle != 120 {
		t.Fatalf("flag: %+v, %v", c, err)
	}
	r.a.Config.KioskIdle = c.KioskIdle
	if got := r.a.kioskOptions(ctx, test.NewTempApp(t)).Idle; got != 120*time.Second {
		t.Errorf("flag: idle %v", got)
	}
	for _, bad := range []string{"29", "601", "-5"} {
		if _, err := parseFlags([]string{"--data", "/x", "--kiosk-idle", bad}, &errb); err == nil {
			t.Errorf("--kiosk-idle %s accepted", bad)
		}
	}
}
