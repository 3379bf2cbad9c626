package staff

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// settingsFake keeps a device's settings in memory; the enrolment takes
// one code, as the portal does.
type settingsFake struct {
	dev     DeviceInfo
	enrols  []EnrollForm
	printer string
	queues  []string
	staff   []StaffRow
	pins    map[string]string
	idle    time.Duration
}

var marat = Member{ID: "006122-a1", Name: "Марат Рыбаков", Role: showroom.RoleAdmin}

func newSettingsFake() *settingsFake {
	return &settingsFake{dev: DeviceInfo{Name: "desk-2"}, queues: []string{"reception", "service"},
		staff: []StaffRow{{Member: anna, HasPIN: true}, {Member: boris}}, pins: map[string]string{}, idle: 90 * time.Second}
}

func (f *settingsFake) Device(context.Context) (DeviceInfo, error) { return f.dev, nil }

func (f *settingsFake) Enroll(_ context.Context, e EnrollForm) (DeviceInfo, Member, error) {
	switch {
	case f.dev.Enrolled:
		return f.dev, Member{}, ErrEnrolled
	case e.Code != "ABCD-EFGH-JKMN":
		return DeviceInfo{}, Member{}, ErrEnrollCode
	case !strings.HasPrefix(e.PortalURL, "https://"):
		return DeviceInfo{}, Member{}, ErrPortalInsecure
	}
	f.enrols = append(f.enrols, e)
	f.dev = DeviceInfo{Enrolled: true, PortalURL: e.PortalURL, DeviceID: "dev-1", Kind: e.Kind, DealerCode: "006122",
		DealerName: "Автомир-Екатеринбург", Name: e.Name}
	admin := Member{ID: marat.ID, Name: e.AdminName, Role: showroom.RoleAdmin}
	f.staff = append(f.staff, StaffRow{Member: admin, HasPIN: true})
	f.pins[admin.ID] = e.AdminPIN
	return f.dev, admin, nil
}

func (f *settingsFake) Printers(context.Context) ([]string, string, error) {
	return f.queues, f.printer, nil
}
func (f *settingsFake) SetPrinter(_ context.Context, q string) error { f.printer = q; return nil }
func (f *settingsFake) Staff(context.Context) ([]StaffRow, error)    { return slices.Clone(f.staff), nil }

func (f *settingsFake) AddStaff(_ context.Context, name string, role showroom.Role) (StaffRow, error) {
	n, err := showroom.NormalizeName("name", name)
	if err != nil {
		return StaffRow{}, err
	}
	r := StaffRow{Member: Member{ID: "local-1", Name: n, Role: role}}
	f.staff = append(f.staff, r)
	return r, nil
}

func (f *settingsFake) SetPIN(_ context.Context, id, pin string) error {
	for i := range f.staff {
		if f.staff[i].ID == id {
			f.staff[i].HasPIN = true
			f.pins[id] = pin
			return nil
		}
	}
	return showroom.Errorf(showroom.ENotFound, "staff_id", "")
}

func (f *settingsFake) KioskIdle(context.Context) (IdleTimeout, error) {
	return IdleTimeout{Now: f.idle, Min: 30 * time.Second, Max: 600 * time.Second}, nil
}

func (f *settingsFake) SetKioskIdle(_ context.Context, d time.Duration) error { f.idle = d; return nil }

// newSettingsDesk is a desk with settings; signIn puts the sign-in before
// it as on an enrolled device, without it the device is a fresh one.
func newSettingsDesk(t *testing.T, signIn bool) (*deskRig, *settingsFake, *signInFake) {
	t.Helper()
	ui.SetLang(showroom.Russian)
	test.NewTempApp(t)
	r := &deskRig{b: &deskBackend{}, work: newWorkFake(), clock: deskNow,
		sync: &syncFake{st: SyncState{Known: true}}}
	r.w = New(context.Background(), r.b, nil)
	r.w.Async = syncAsync
	r.w.Now = func() time.Time { return r.clock }
	r.w.SetDesk(printFake{}, couponsFake{})
	r.w.SetWork(r.work)
	r.w.SetSync(r.sync)
	sf, si := newSettingsFake(), &signInFake{}
	if signIn {
		sf.dev = DeviceInfo{Enrolled: true, PortalURL: "https://portal.example.ru", DeviceID: "dev-0", Kind: "desk",
			DealerCode: "006122", DealerName: "Автомир-Екатеринбург"}
		r.w.SetSignIn(si)
	}
	r.w.SetSettings(sf, si)
	r.win = test.NewWindow(r.w.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(r.win.Close)
	r.w.Start()
	r.w.Focus(r.win.Canvas())
	return r, sf, si
}

// TestSettingsOnlyForAdministrators: the button is for administrators;
// a sales manager neither sees it nor keeps the screen after a change of
// member.
func TestSettingsOnlyForAdministrators(t *testing.T) {
	r, _, _ := newSettingsDesk(t, true)
	if r.w.settingsBtn.Visible() {
		t.Fatal("settings offered before anyone signed in")
	}
	r.signIn(t, anna)
	if r.w.settingsBtn.Visible() {
		t.Fatal("settings offered to a sales manager")
	}
	r.w.ShowSettings()
	if r.shows(r.w.settings.root) {
		t.Fatal("a sales manager opened the settings")
	}
	r.w.enterDesk(marat)
	if !r.w.settingsBtn.Visible() {
		t.Fatal("no settings for the administrator")
	}
	test.Tap(r.w.settingsBtn)
	if !r.shows(r.w.settings.root) || !strings.Contains(r.w.settings.device.Text, "https://portal.example.ru") {
		t.Fatalf("settings not shown: %q", r.w.settings.device.Text)
	}
	r.w.Lock()
	if r.shows(r.w.settings.root) {
		t.Fatal("the settings stay open behind the sign-in")
	}
}

// TestEnrolFromTheSettings walks the enrolment of a fresh device: each
// missing field and a bad PIN are named before the portal is asked, the
// portal's refusal is said in words, and once enrolled the sign-in stands
// before the desk with the administrator who enrolled it signed in.
func TestEnrolFromTheSettings(t *testing.T) {
	r, sf, _ := newSettingsDesk(t, false)
	if !r.w.settingsBtn.Visible() {
		t.Fatal("a fresh device offers no settings to enrol it")
	}
	test.Tap(r.w.settingsBtn)
	v := r.w.settings
	if !v.enrollBox.Visible() || v.name.Text != "desk-2" {
		t.Fatalf("no enrolment form (name %q)", v.name.Text)
	}
	test.AssertRendersToMarkup(t, "settings_enrol_ru.xml", r.win.Canvas())
	steps := []struct {
		fill func()
		want string
	}{
		{func() {}, "Введите адрес портала."},
		{func() { test.Type(v.portalURL, "http://portal.example.ru") }, "Введите код подключения."},
		{func() { test.Type(v.code, "WRONG") }, "Введите своё имя: вы станете администратором устройства."},
		{func() { test.Type(v.adminName, "Марат Рыбаков") }, "PIN-код — от 6 до 12 цифр."},
		{func() { test.Type(v.adminPIN, "2468") }, "PIN-код — от 6 до 12 цифр."},
		{func() { test.Type(v.adminPIN, "10"); test.Type(v.adminAgain, "246811") }, "PIN-коды не совпадают."},
		{func() { v.adminAgain.SetText(""); test.Type(v.adminAgain, "246810") },
			"Портал не принял код: он неверен, уже использован или истёк. Попросите новый код у администратора портала."},
		{func() { v.code.SetText(""); test.Type(v.code, "ABCD-EFGH-JKMN") },
			"Адрес портала должен начинаться с https:// (http:// допустим только на этом компьютере)."},
	}
	for i, s := range steps {
		s.fill()
		test.Tap(v.enrollBtn)
		if got := v.enrollMsg.Text; got != s.want || !v.enrollMsg.Visible() {
			t.Fatalf("step %d: %q, want %q", i, got, s.want)
		}
	}
	if len(sf.enrols) != 0 {
		t.Fatal("enrolled with a bad form")
	}
	if r.w.signin != nil {
		t.Fatal("a sign-in before the enrolment")
	}
	v.portalURL.SetText("https://portal.example.ru")
	if v.kind.Selected != "стойка сотрудника" {
		t.Fatalf("the device kind proposed: %q", v.kind.Selected)
	}
	test.Tap(v.enrollBtn)
	if len(sf.enrols) != 1 {
		t.Fatalf("enrolments %+v", sf.enrols)
	}
	e := sf.enrols[0]
	if e.AdminName != "Марат Рыбаков" || e.AdminPIN != "246810" || e.Kind != "desk" || e.Name != "desk-2" {
		t.Fatalf("enrolled with %+v", e)
	}
	// The sign-in stands now, the administrator signed in and still in
	// the settings, which show the enrolment; the PIN fields are empty.
	if r.w.signin == nil || r.w.Member().ID != marat.ID || !r.w.deskVisible() || !r.shows(v.root) {
		t.Fatalf("after the enrolment: sign-in %v, member %+v", r.w.signin != nil, r.w.Member())
	}
	if v.enrollBox.Visible() || !strings.Contains(v.device.Text, "Автомир-Екатеринбург") || v.adminPIN.Text != "" || v.code.Text != "" {
		t.Fatalf("enrolment shown as %q", v.device.Text)
	}
	// The window's content is the frame with the sign-in in it: locking
	// hides the desk.
	r.w.Lock()
	if r.w.deskVisible() || !r.w.signin.root.Visible() {
		t.Fatal("the lock does not hide the desk")
	}
}

// TestSettingsPINsStaffPrinterAndKiosk sets a PIN, adds a staff member,
// chooses the printer and the kiosk's timeout, each refused in words when
// wrong.
func TestSettingsPINsStaffPrinterAndKiosk(t *testing.T) {
	r, sf, _ := newSettingsDesk(t, true)
	r.w.enterDesk(marat)
	r.w.ShowSettings()
	v := r.w.settings
	if got := labels(v.staffList); len(got) != 2 || got[1] != "Борис Орлов — Сервис · PIN-кода нет: войти не может" {
		t.Fatalf("staff %q", got)
	}
	test.AssertRendersToMarkup(t, "settings_ru.xml", r.win.Canvas())

	// A PIN for Boris.
	test.Tap(v.pinBtn)
	if v.pinMsg.Text != "Выберите сотрудника" {
		t.Fatalf("no member: %q", v.pinMsg.Text)
	}
	v.member.SetSelected("Борис Орлов — Сервис")
	test.Type(v.pin, "24680a")
	test.Tap(v.pinBtn)
	if v.pinMsg.Text != "PIN-код — от 6 до 12 цифр." {
		t.Fatalf("letters in a PIN: %q", v.pinMsg.Text)
	}
	v.pin.SetText("")
	test.Type(v.pin, "246802")
	test.Type(v.pinAgain, "246802")
	test.Tap(v.pinBtn)
	if sf.pins[boris.ID] != "246802" || v.pin.Text != "" || v.pinAgain.Text != "" ||
		!hasLabel(v.staffList, "Борис Орлов — Сервис · PIN-код задан") {
		t.Fatalf("PIN not set: %q, %q", v.pinMsg.Text, labels(v.staffList))
	}

	// A staff member added on this device, chosen for their PIN.
	test.Tap(v.addBtn)
	if v.addMsg.Text != "Введите имя сотрудника." {
		t.Fatalf("no name: %q", v.addMsg.Text)
	}
	test.Type(v.newName, "Ольга 2")
	test.Tap(v.addBtn)
	if v.addMsg.Text != "Выберите роль сотрудника." {
		t.Fatalf("no role: %q", v.addMsg.Text)
	}
	v.newRole.SetSelected("Продажи")
	test.Tap(v.addBtn)
	_, nameErr := showroom.NormalizeName("name", "Ольга 2")
	if want := ui.ErrorText(nameErr); v.addMsg.Text != want || len(sf.staff) != 2 {
		t.Fatalf("a digit in a name: %q, want %q", v.addMsg.Text, want)
	}
	v.newName.SetText("")
	test.Type(v.newName, "Ольга Петрова")
	v.newRole.SetSelected("Продажи")
	test.Tap(v.addBtn)
	if len(sf.staff) != 3 || v.member.Selected != "Ольга Петрова — Продажи" || v.newName.Text != "" {
		t.Fatalf("added: %q, chosen %q", v.addMsg.Text, v.member.Selected)
	}

	// The printer.
	if v.printer.Selected != saveOnly() {
		t.Fatalf("printer %q before any choice", v.printer.Selected)
	}
	v.printer.SetSelected("service")
	test.Tap(v.printerBtn)
	if sf.printer != "service" || v.printerMsg.Text != "Документы печатаются на принтере service." {
		t.Fatalf("printer %q: %q", sf.printer, v.printerMsg.Text)
	}
	v.printer.SetSelected(saveOnly())
	test.Tap(v.printerBtn)
	if sf.printer != "" {
		t.Fatalf("save only stored as %q", sf.printer)
	}

	// The kiosk's timeout, within its bounds.
	if v.idle.Text != "90" {
		t.Fatalf("idle %q", v.idle.Text)
	}
	for _, bad := range []string{"20", "601", "девяносто"} {
		v.idle.SetText(bad)
		test.Tap(v.idleBtn)
		if v.idleMsg.Text != "Введите число секунд от 30 до 600." {
			t.Fatalf("%q: %q", bad, v.idleMsg.Text)
		}
	}
	v.idle.SetText("")
	test.Type(v.idle, "120")
	v.idle.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if sf.idle != 120*time.Second || v.idleMsg.Text != "Киоск будет ждать 120 с без касания." {
		t.Fatalf("idle %v: %q", sf.idle, v.idleMsg.Text)
	}
}
