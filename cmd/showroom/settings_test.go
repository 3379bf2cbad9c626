package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// recSettings notes the settings' calls into the store, CUPS and the
// portal, and the goroutine they run on.
type recSettings struct {
	staff.Settings
	c *storeCalls
}

func (r recSettings) Device(ctx context.Context) (staff.DeviceInfo, error) {
	r.c.note("Device")
	return r.Settings.Device(ctx)
}
func (r recSettings) Enroll(ctx context.Context, f staff.EnrollForm) (staff.DeviceInfo, staff.Member, error) {
	r.c.note("Enroll")
	return r.Settings.Enroll(ctx, f)
}
func (r recSettings) Printers(ctx context.Context) ([]string, string, error) {
	r.c.note("Printers")
	return r.Settings.Printers(ctx)
}
func (r recSettings) SetPrinter(ctx context.Context, q string) error {
	r.c.note("SetPrinter")
	return r.Settings.SetPrinter(ctx, q)
}
func (r recSettings) Staff(ctx context.Context) ([]staff.StaffRow, error) {
	r.c.note("Staff")
	return r.Settings.Staff(ctx)
}
func (r recSettings) AddStaff(ctx context.Context, name string, role showroom.Role) (staff.StaffRow, error) {
	r.c.note("AddStaff")
	return r.Settings.AddStaff(ctx, name, role)
}
func (r recSettings) SetPIN(ctx context.Context, id, pin string) error {
	r.c.note("SetPIN")
	return r.Settings.SetPIN(ctx, id, pin)
}
func (r recSettings) KioskIdle(ctx context.Context) (staff.IdleTimeout, error) {
	r.c.note("KioskIdle")
	return r.Settings.KioskIdle(ctx)
}
func (r recSettings) SetKioskIdle(ctx context.Context, d time.Duration) error {
	r.c.note("SetKioskIdle")
	return r.Settings.SetKioskIdle(ctx, d)
}

// formEntry is the first visible form field labelled label under o.
func formEntry(t *testing.T, o fyne.CanvasObject, label string) fyne.CanvasObject {
	t.Helper()
	var got fyne.CanvasObject
	find(t, o, func(f *widget.Form) bool {
		for _, it := range f.Items {
			if it.Text == label && f.Visible() {
				got = it.Widget
				return true
			}
		}
		return false
	})
	return got
}

func typeIn(t *testing.T, o fyne.CanvasObject, label, text string) {
	t.Helper()
	test.Type(formEntry(t, o, label).(fyne.Focusable), text)
}

// TestSettingsEnrolAndSetUpAFreshDesk: on a fresh device the settings
// enrol it with the real portal over loopback, the administrator enrolling
// it made the dealer's admin with their PIN; then the sign-in stands, the
// sync runs, and the printer, a staff member with a PIN and the kiosk's
// timeout are set, each kept in the store where the app reads it. Nothing
// of it runs on the UI goroutine.
func TestSettingsEnrolAndSetUpAFreshDesk(t *testing.T) {
	defer func(e time.Duration) { statusEvery = e }(statusEvery)
	statusEvery = 0
	srv, code := startPortal(t)
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, Config{DataDir: dir}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	stop, err := a.StartSync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	t.Setenv("CUPS_SERVER", "/nonexistent/cups.sock") // no printing service: the PDFs can only be saved

	fa := test.NewTempApp(t)
	ui.SetLang(showroom.Russian)
	calls := &storeCalls{ui: goid(), calls: map[string]int{}}
	d := &deskUI{t: t, a: a, applied: make(chan func(), 16)}
	d.s = staff.New(ctx, backend{db: a.DB}, a.Log)
	d.s.Async = func(work func() func()) {
		d.pending.Add(1)
		go func() { d.applied <- work() }()
	}
	printing, coupons := a.desk()
	d.s.SetDesk(printing, coupons)
	d.s.SetSync(syncStatus{db: a.DB, engine: a.Engine})
	d.s.SetSettings(recSettings{deskSettings{a: a, printer: printing}, calls}, recSignIn{deskSignIn{db: a.DB}, calls})
	d.w = fa.NewWindow("staff")
	d.w.SetContent(d.s.Content())
	d.w.Resize(fyne.NewSize(1280, 800))
	d.s.Focus(d.w.Canvas())
	d.s.Start()
	d.settle("start")

	// A fresh device: no sign-in, the settings offer the enrolment.
	test.Tap(d.buttons("Настройки", 1)[0])
	d.settle("the settings")
	if !d.shows("Устройство не подключено к порталу") {
		t.Fatalf("no enrolment offered: %q", d.texts())
	}
	root := d.w.Content()
	typeIn(t, root, "Адрес портала", srv.URL)
	typeIn(t, root, "Код подключения", strings.ToLower(code))
	typeIn(t, root, "Ваше имя (администратор)", "Марат Рыбаков")
	typeIn(t, root, "PIN-код", "246810")
	typeIn(t, root, "PIN-код ещё раз", "246810")
	test.Tap(d.buttons("Подключить", 1)[0])
	d.settle("the enrolment")

	dev, err := sync.LoadDevice(dir)
	if err != nil || dev.Dealer.Code != "006122" || dev.Kind != "desk" {
		t.Fatalf("device %v: %v (screen %q)", dev, err, d.texts())
	}
	if a.Engine() == nil {
		t.Fatal("the sync did not start after the enrolment")
	}
	m := d.s.Member()
	if m.Name != "Марат Рыбаков" || m.Role != showroom.RoleAdmin || !d.shows("Подключено к порталу "+dev.PortalURL) {
		t.Fatalf("signed in as %+v; screen %q", m, d.texts())
	}
	if u, _, err := a.DB.SignIn(ctx, m.ID, "246810"); err != nil || u.Role != showroom.RoleAdmin {
		t.Fatalf("the administrator's PIN: %+v %v", u, err)
	}
	if code, _ := a.DB.Setting(ctx, localdb.SettingDealerCode); code != "006122" {
		t.Fatalf("the store's dealer is %q", code)
	}

	// The printer: none can be reached, the PDFs are only saved.
	if !d.shows("Служба печати не запущена") {
		t.Fatalf("no word of the printing service: %q", d.texts())
	}
	test.Tap(d.buttons("Сохранить", 1)[0])
	d.settle("the printer")
	if p, _ := a.DB.Setting(ctx, localdb.SettingPrinter); p != printerNone || !d.shows("Документы не печатаются") {
		t.Fatalf("printer setting %q: %q", p, d.texts())
	}

	// A staff member on this device, given a PIN, signs in.
	typeIn(t, root, "Имя и фамилия", "Ольга Петрова")
	find(t, root, func(r *widget.RadioGroup) bool { return len(r.Options) == 3 }).SetSelected("Продажи")
	test.Tap(d.buttons("Добавить сотрудника", 1)[0])
	d.settle("the new staff member")
	if !d.shows("Ольга Петрова — Продажи · PIN-кода нет") {
		t.Fatalf("the new member is not listed: %q", d.texts())
	}
	pins := find(t, root, func(f *widget.Form) bool { return len(f.Items) == 3 && f.Items[0].Text == "Сотрудник" })
	if s := pins.Items[0].Widget.(*widget.Select); s.Selected != "Ольга Петрова — Продажи" {
		t.Fatalf("the new member is not chosen for a PIN: %q", s.Selected)
	}
	test.Type(pins.Items[1].Widget.(*widget.Entry), "135790")
	test.Type(pins.Items[2].Widget.(*widget.Entry), "135790")
	test.Tap(d.buttons("Задать PIN-код", 1)[0])
	d.settle("the PIN")
	ms, _ := deskSignIn{db: a.DB}.Members(ctx)
	var olga staff.Member
	for _, x := range ms {
		if x.Name == "Ольга Петрова" {
			olga = x
		}
	}
	if _, _, err := a.DB.SignIn(ctx, olga.ID, "135790"); err != nil {
		t.Fatalf("the new member cannot sign in: %v", err)
	}

	// The kiosk's timeout, read by the kiosk of this device.
	idle := formEntry(t, root, "Секунд без касания").(fyne.Focusable)
	idle.(interface{ SetText(string) }).SetText("")
	test.Type(idle, "150")
	test.Tap(d.buttons("Сохранить", 2)[1])
	d.settle("the kiosk")
	if got := a.kioskOptions(ctx, fa).Idle; got != 150*time.Second {
		t.Fatalf("the kiosk waits %v", got)
	}

	// The sign-in stands before the desk now; a sales manager has no
	// settings.
	d.s.Lock()
	if !d.shows("Вход для сотрудников") {
		t.Fatalf("no sign-in after the enrolment: %q", d.texts())
	}
	if len(calls.onUI) > 0 {
		t.Fatalf("on the UI goroutine: %v", calls.onUI)
	}
	for _, name := range []string{"Device", "Enroll", "Printers", "SetPrinter", "Staff", "AddStaff", "SetPIN", "KioskIdle", "SetKioskIdle"} {
		if calls.calls[name] == 0 {
			t.Errorf("%s never called", name)
		}
	}
}
