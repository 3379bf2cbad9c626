package staff

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Settings is what the device's settings screen consumes: the enrolment
// with the portal, the printer, the staff's PINs on this device and the
// kiosk's idle timeout. cmd/showroom implements it with the device file,
// the local store and CUPS; every call runs off the UI goroutine.
type Settings interface {
	// Device says whether and how the device is enrolled.
	Device(ctx context.Context) (DeviceInfo, error)
	// Enroll enrols the device with the portal, makes the administrator
	// enrolling it the dealer's first administrator with the PIN given,
	// and starts the sync. Errors: ErrEnrollCode, ErrPortalUnreachable,
	// ErrPortalInsecure, ErrEnrolled, or an EInvalid *showroom.Error for a
	// field.
	Enroll(ctx context.Context, f EnrollForm) (DeviceInfo, Member, error)
	// Printers lists the CUPS queues and the one chosen for this desk.
	Printers(ctx context.Context) (queues []string, chosen string, err error)
	// SetPrinter chooses the desk's printer; "" prints nothing, the PDFs
	// are only saved.
	SetPrinter(ctx context.Context, queue string) error
	// Staff lists the dealer's active staff on this device.
	Staff(ctx context.Context) ([]StaffRow, error)
	// AddStaff adds a staff member on this device only, for the time
	// before the portal sends the dealer's staff.
	AddStaff(ctx context.Context, name string, role showroom.Role) (StaffRow, error)
	// SetPIN sets a staff member's PIN on this device (MinPIN to MaxPIN
	// digits; an EInvalid error otherwise).
	SetPIN(ctx context.Context, id, pin string) error
	// KioskIdle is the kiosk's idle timeout on this device, with the
	// bounds the kiosk keeps it in.
	KioskIdle(ctx context.Context) (IdleTimeout, error)
	// SetKioskIdle sets it; an EInvalid error outside the bounds.
	SetKioskIdle(ctx context.Context, d time.Duration) error
}

// The enrolment's failures the settings screen explains.
var (
	ErrEnrollCode        = errors.New("the portal refused the enrolment code")
	ErrPortalUnreachable = errors.New("the portal could not be reached")
	ErrPortalInsecure    = errors.New("the portal's address must use https")
	ErrEnrolled          = errors.New("the device is enrolled already")
)

// PINs of staff have MinPIN to MaxPIN digits.
const (
	MinPIN = 6
	MaxPIN = 12
)

// IdleTimeout is the kiosk's idle timeout and its bounds.
type IdleTimeout struct {
	Now, Min, Max time.Duration
}

// DeviceInfo is the device's enrolment.
type DeviceInfo struct {
	Enrolled   bool
	PortalURL  string
	DeviceID   string
	Kind       string
	DealerCode string
	DealerName string
	// Name is the device's name for the portal's administrator, proposed
	// for the enrolment (the machine's name) before it is enrolled.
	Name string
}

// EnrollForm is what the administrator types to enrol the device.
type EnrollForm struct {
	PortalURL string
	Code      string
	Name      string
	// Kind is "desk" or "kiosk": what the device is used as.
	Kind string
	// AdminName is the administrator enrolling the device, made the
	// dealer's administrator with AdminPIN on this device.
	AdminName string
	AdminPIN  string
}

// StaffRow is a staff member in the settings' list.
type StaffRow struct {
	Member
	HasPIN bool
}

// maySettle says which roles change the device's settings: administrators.
func maySettle(r showroom.Role) bool { return r == showroom.RoleAdmin }

// checkPIN checks a PIN and its repetition as typed.
func checkPIN(pin, again string) string {
	switch {
	case len(pin) < MinPIN || len(pin) > MaxPIN || strings.Trim(pin, "0123456789") != "":
		return ui.T("settings.pin.rule", MinPIN, MaxPIN)
	case pin != again:
		return ui.T("settings.pin.mismatch")
	}
	return ""
}

// settingsView is the device's settings, for its administrator.
type settingsView struct {
	w *Window
	s Settings
	// onEnrolled runs once the device is enrolled from here, with the
	// first administrator, signed in.
	onEnrolled func(admin Member)

	device     *widget.Label
	enrollBox  *fyne.Container
	portalURL  *deskEntry
	code       *deskEntry
	name       *deskEntry
	kind       *widget.RadioGroup
	adminName  *deskEntry
	adminPIN   *widget.Entry
	adminAgain *widget.Entry
	enrollBtn  *widget.Button
	enrollMsg  *widget.Label

	printer    *widget.Select
	printerBtn *widget.Button
	printerMsg *widget.Label
	queues     []string

	staffList *fyne.Container
	member    *widget.Select
	pin       *widget.Entry
	pinAgain  *widget.Entry
	pinBtn    *widget.Button
	pinMsg    *widget.Label
	newName   *deskEntry
	newRole   *widget.RadioGroup
	addBtn    *widget.Button
	addMsg    *widget.Label
	staff     []StaffRow

	idle      *deskEntry
	idleBtn   *widget.Button
	idleMsg   *widget.Label
	idleHint  *widget.Label
	idleRange IdleTimeout

	root fyne.CanvasObject
	seq  int
}

func newSettingsView(w *Window, s Settings) *settingsView {
	v := &settingsView{w: w, s: s}
	bold := func(key string) *widget.Label {
		return widget.NewLabelWithStyle(ui.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	wrapped := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}

	// The portal.
	v.device = wrapped()
	v.portalURL = w.newEntry(nil)
	v.portalURL.SetPlaceHolder("https://portal.example.ru")
	v.code = w.newEntry(nil)
	v.name = w.newEntry(nil)
	v.kind = widget.NewRadioGroup([]string{kindText("desk"), kindText("kiosk")}, nil)
	v.kind.Horizontal = true
	v.kind.Required = true
	v.kind.SetSelected(kindText("desk"))
	v.adminName = w.newEntry(nil)
	v.adminPIN = widget.NewPasswordEntry()
	v.adminAgain = widget.NewPasswordEntry()
	v.adminAgain.OnSubmitted = func(string) { v.onEnroll() }
	v.enrollBtn = &widget.Button{Text: ui.T("settings.enroll"), Importance: widget.HighImportance, OnTapped: v.onEnroll}
	v.enrollMsg = wrapped()
	hint := wrapped()
	hint.SetText(ui.T("settings.enroll.hint"))
	v.enrollBox = container.NewVBox(hint, widget.NewForm(
		widget.NewFormItem(ui.T("settings.enroll.portal"), v.portalURL),
		widget.NewFormItem(ui.T("settings.enroll.code"), v.code),
		widget.NewFormItem(ui.T("settings.enroll.name"), v.name),
		widget.NewFormItem(ui.T("settings.enroll.kind"), v.kind),
		widget.NewFormItem(ui.T("settings.enroll.admin"), v.adminName),
		widget.NewFormItem(ui.T("settings.pin"), v.adminPIN),
		widget.NewFormItem(ui.T("settings.pin.again"), v.adminAgain),
	), container.NewHBox(v.enrollBtn), v.enrollMsg)
	v.enrollBox.Hide()

	// The printer.
	v.printer = widget.NewSelect(nil, nil)
	v.printer.PlaceHolder = ui.T("print.printers.loading")
	v.printerBtn = &widget.Button{Text: ui.T("settings.save"), OnTapped: v.onPrinter}
	v.printerMsg = wrapped()

	// The staff.
	v.staffList = container.NewVBox()
	v.member = widget.NewSelect(nil, nil)
	v.member.PlaceHolder = ui.T("settings.staff.choose")
	v.pin = widget.NewPasswordEntry()
	v.pinAgain = widget.NewPasswordEntry()
	v.pinAgain.OnSubmitted = func(string) { v.onPIN() }
	v.pinBtn = &widget.Button{Text: ui.T("settings.pin.set"), OnTapped: v.onPIN}
	v.pinMsg = wrapped()
	v.newName = w.newEntry(func(string) { v.onAdd() })
	v.newRole = widget.NewRadioGroup([]string{roleText(showroom.RoleSales), roleText(showroom.RoleService), roleText(showroom.RoleAdmin)}, nil)
	v.newRole.Horizontal = true
	v.addBtn = &widget.Button{Text: ui.T("settings.staff.add"), OnTapped: v.onAdd}
	v.addMsg = wrapped()
	addHint := wrapped()
	addHint.SetText(ui.T("settings.staff.addhint"))

	// The kiosk.
	v.idle = w.newEntry(func(string) { v.onIdle() })
	v.idleBtn = &widget.Button{Text: ui.T("settings.save"), OnTapped: v.onIdle}
	v.idleMsg = wrapped()
	v.idleHint = wrapped()

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(append([]fyne.CanvasObject{widget.NewSeparator(), bold(title)}, objs...)...)
	}
	body := container.NewVBox(
		bold("settings.title"),
		section("settings.portal", v.device, v.enrollBox),
		section("settings.printer", container.NewBorder(nil, nil, nil, v.printerBtn, v.printer), v.printerMsg),
		section("settings.staff", v.staffList,
			widget.NewForm(
				widget.NewFormItem(ui.T("settings.staff.member"), v.member),
				widget.NewFormItem(ui.T("settings.pin"), v.pin),
				widget.NewFormItem(ui.T("settings.pin.again"), v.pinAgain)),
			container.NewHBox(v.pinBtn), v.pinMsg,
			addHint,
			widget.NewForm(
				widget.NewFormItem(ui.T("settings.staff.name"), v.newName),
				widget.NewFormItem(ui.T("settings.staff.role"), v.newRole)),
			container.NewHBox(v.addBtn), v.addMsg),
		section("settings.kiosk", v.idleHint,
			widget.NewForm(widget.NewFormItem(ui.T("settings.kiosk.idle"), v.idle)),
			container.NewHBox(v.idleBtn), v.idleMsg),
	)
	v.root = container.NewVScroll(container.NewPadded(body))
	return v
}

// load reads every setting off the UI goroutine.
func (v *settingsView) load() {
	v.seq++
	seq := v.seq
	for _, l := range []*widget.Label{v.enrollMsg, v.printerMsg, v.pinMsg, v.addMsg, v.idleMsg} {
		setMessage(l, "")
	}
	v.device.SetText(ui.T("staff.status.loading"))
	var (
		dev      DeviceInfo
		queues   []string
		chosen   string
		staff    []StaffRow
		idle     IdleTimeout
		devErr   error
		printErr error
		staffErr error
		idleErr  error
	)
	v.w.call(func(ctx context.Context) error {
		dev, devErr = v.s.Device(ctx)
		queues, chosen, printErr = v.s.Printers(ctx)
		staff, staffErr = v.s.Staff(ctx)
		idle, idleErr = v.s.KioskIdle(ctx)
		return nil
	}, func(error) {
		if seq != v.seq {
			return
		}
		v.showDevice(dev, devErr)
		v.showPrinters(queues, chosen, printErr)
		v.showStaff(staff, staffErr)
		if idleErr != nil {
			v.w.logFailure("kiosk idle not read", idleErr)
			v.say(v.idleMsg, ui.T("desk.loadfailed"), true)
		} else {
			v.idleRange = idle
			v.idleHint.SetText(ui.T("settings.kiosk.hint", int(idle.Min.Seconds()), int(idle.Max.Seconds())))
			v.idle.SetText(strconv.Itoa(int(idle.Now.Seconds())))
		}
		v.w.relayout()
	})
}

func (v *settingsView) showDevice(d DeviceInfo, err error) {
	switch {
	case err != nil:
		v.w.logFailure("device not read", err)
		v.device.SetText(ui.T("desk.loadfailed"))
		v.enrollBox.Hide()
	case d.Enrolled:
		v.device.SetText(ui.T("settings.enrolled", d.DeviceID, kindText(d.Kind), d.DealerCode, d.DealerName, d.PortalURL))
		v.enrollBox.Hide()
	default:
		v.device.SetText(ui.T("settings.notenrolled"))
		if v.name.Text == "" {
			v.name.SetText(d.Name)
		}
		v.enrollBox.Show()
	}
}

func kindText(k string) string {
	if k == "kiosk" {
		return ui.T("settings.kind.kiosk")
	}
	return ui.T("settings.kind.desk")
}

func (v *settingsView) showPrinters(queues []string, chosen string, err error) {
	v.queues = queues
	v.printer.Options = append(append([]string(nil), queues...), saveOnly())
	switch {
	case showroom.ErrorCode(err) == showroom.EPrintUnavailable:
		v.say(v.printerMsg, ui.T("print.printers.down"), true)
	case err != nil:
		v.w.logFailure("printers not listed", err)
		v.say(v.printerMsg, ui.T("print.printers.failed"), true)
	case len(queues) == 0:
		v.say(v.printerMsg, ui.T("print.printers.none"), false)
	}
	if chosen == "" {
		v.printer.SetSelected(saveOnly())
	} else {
		if !slices.Contains(queues, chosen) {
			// A queue chosen before and gone since stays visible, so that
			// nobody wonders where the prints went.
			v.printer.Options = append([]string{chosen}, v.printer.Options...)
		}
		v.printer.SetSelected(chosen)
	}
}

func (v *settingsView) showStaff(staff []StaffRow, err error) {
	v.staffList.RemoveAll()
	if err != nil {
		v.w.logFailure("staff not read", err)
		v.staffList.Add(widget.NewLabel(ui.T("desk.loadfailed")))
		return
	}
	v.staff = staff
	names := make([]string, len(staff))
	for i, s := range staff {
		names[i] = s.Name + " — " + roleText(s.Role)
		pin := ui.T("settings.staff.pin")
		if !s.HasPIN {
			pin = ui.T("settings.staff.nopin")
		}
		v.staffList.Add(widget.NewLabel(names[i] + " · " + pin))
	}
	if len(staff) == 0 {
		v.staffList.Add(widget.NewLabel(ui.T("settings.staff.none")))
	}
	prev := v.member.Selected
	v.member.Options = names
	v.member.ClearSelected()
	if slices.Contains(names, prev) {
		v.member.SetSelected(prev)
	}
}

// onEnroll checks the form here, then enrols in the background.
func (v *settingsView) onEnroll() {
	f := EnrollForm{
		PortalURL: strings.TrimSpace(v.portalURL.Text),
		Code:      strings.TrimSpace(v.code.Text),
		Name:      strings.TrimSpace(v.name.Text),
		Kind:      "desk",
		AdminName: strings.TrimSpace(v.adminName.Text),
		AdminPIN:  v.adminPIN.Text,
	}
	if v.kind.Selected == kindText("kiosk") {
		f.Kind = "kiosk"
	}
	switch {
	case f.PortalURL == "":
		v.say(v.enrollMsg, ui.T("settings.enroll.needportal"), true)
		return
	case f.Code == "":
		v.say(v.enrollMsg, ui.T("settings.enroll.needcode"), true)
		return
	case f.Name == "":
		v.say(v.enrollMsg, ui.T("settings.enroll.needname"), true)
		return
	case f.AdminName == "":
		v.say(v.enrollMsg, ui.T("settings.enroll.needadmin"), true)
		return
	}
	if msg := checkPIN(f.AdminPIN, v.adminAgain.Text); msg != "" {
		v.say(v.enrollMsg, msg, true)
		return
	}
	v.enrollBtn.Disable()
	v.say(v.enrollMsg, ui.T("settings.enrolling"), false)
	var dev DeviceInfo
	var admin Member
	v.w.Async(func() func() {
		ctx, cancel := context.WithTimeout(v.w.ctx, time.Minute)
		defer cancel()
		var err error
		dev, admin, err = v.s.Enroll(ctx, f)
		return func() {
			v.enrollBtn.Enable()
			if err != nil {
				v.w.logFailure("enrolment failed", err)
				v.say(v.enrollMsg, enrollErrorText(err), true)
				v.w.relayout()
				return
			}
			v.adminPIN.SetText("")
			v.adminAgain.SetText("")
			v.code.SetText("")
			v.say(v.enrollMsg, "", false)
			v.showDevice(dev, nil)
			if v.onEnrolled != nil {
				v.onEnrolled(admin)
			}
			v.load()
		}
	})
}

func enrollErrorText(err error) string {
	switch {
	case errors.Is(err, ErrEnrollCode):
		return ui.T("settings.enroll.badcode")
	case errors.Is(err, ErrPortalUnreachable):
		return ui.T("settings.enroll.offline")
	case errors.Is(err, ErrPortalInsecure):
		return ui.T("settings.enroll.insecure")
	case errors.Is(err, ErrEnrolled):
		return ui.T("settings.enroll.already")
	case showroom.ErrorCode(err) == showroom.EInvalid || showroom.ErrorCode(err) == showroom.EInvalidName:
		return ui.ErrorText(err)
	}
	return ui.T("settings.enroll.failed")
}

func (v *settingsView) onPrinter() {
	queue := v.printer.Selected
	if queue == saveOnly() {
		queue = ""
	}
	v.say(v.printerMsg, ui.T("desk.saving"), false)
	v.w.call(func(ctx context.Context) error { return v.s.SetPrinter(ctx, queue) }, func(err error) {
		if err != nil {
			v.w.logFailure("printer not saved", err)
			v.say(v.printerMsg, ui.T("desk.savefailed"), true)
			return
		}
		if queue == "" {
			v.say(v.printerMsg, ui.T("settings.printer.none"), false)
		} else {
			v.say(v.printerMsg, ui.T("settings.printer.saved", queue), false)
		}
	})
}

func (v *settingsView) onPIN() {
	i := v.member.SelectedIndex()
	if i < 0 || i >= len(v.staff) {
		v.say(v.pinMsg, ui.T("settings.staff.choose"), true)
		return
	}
	if msg := checkPIN(v.pin.Text, v.pinAgain.Text); msg != "" {
		v.say(v.pinMsg, msg, true)
		return
	}
	m, pin := v.staff[i], v.pin.Text
	v.say(v.pinMsg, ui.T("desk.saving"), false)
	v.pinBtn.Disable()
	v.w.call(func(ctx context.Context) error { return v.s.SetPIN(ctx, m.ID, pin) }, func(err error) {
		v.pinBtn.Enable()
		if err != nil {
			v.w.logFailure("PIN not set", err)
			v.say(v.pinMsg, ui.T("desk.savefailed"), true)
			return
		}
		v.pin.SetText("")
		v.pinAgain.SetText("")
		v.say(v.pinMsg, ui.T("settings.pin.done", m.Name), false)
		v.reloadStaff()
	})
}

func (v *settingsView) onAdd() {
	name := strings.TrimSpace(v.newName.Text)
	var role showroom.Role
	for _, r := range []showroom.Role{showroom.RoleSales, showroom.RoleService, showroom.RoleAdmin} {
		if v.newRole.Selected == roleText(r) {
			role = r
		}
	}
	switch {
	case name == "":
		v.say(v.addMsg, ui.T("settings.staff.needname"), true)
		return
	case role == "":
		v.say(v.addMsg, ui.T("settings.staff.needrole"), true)
		return
	}
	v.say(v.addMsg, ui.T("desk.saving"), false)
	var row StaffRow
	v.w.call(func(ctx context.Context) (err error) {
		row, err = v.s.AddStaff(ctx, name, role)
		return err
	}, func(err error) {
		if err != nil {
			v.w.logFailure("staff member not added", err)
			if showroom.ErrorCode(err) == showroom.EInvalidName {
				v.say(v.addMsg, ui.ErrorText(err), true)
			} else {
				v.say(v.addMsg, ui.T("desk.savefailed"), true)
			}
			return
		}
		v.newName.SetText("")
		v.newRole.SetSelected("")
		v.say(v.addMsg, ui.T("settings.staff.added", row.Name), false)
		v.member.SetSelected("") // the new member is chosen once listed
		v.reloadStaff(row.Name + " — " + roleText(row.Role))
	})
}

// reloadStaff reads the staff again, choosing choose when given.
func (v *settingsView) reloadStaff(choose ...string) {
	var staff []StaffRow
	v.w.call(func(ctx context.Context) (err error) {
		staff, err = v.s.Staff(ctx)
		return err
	}, func(err error) {
		v.showStaff(staff, err)
		if len(choose) > 0 {
			v.member.SetSelected(choose[0])
		}
		v.w.relayout()
	})
}

func (v *settingsView) onIdle() {
	n, err := strconv.Atoi(strings.TrimSpace(v.idle.Text))
	d := time.Duration(n) * time.Second
	if r := v.idleRange; err != nil || d < r.Min || d > r.Max {
		v.say(v.idleMsg, ui.T("settings.kiosk.rule", int(r.Min.Seconds()), int(r.Max.Seconds())), true)
		return
	}
	v.say(v.idleMsg, ui.T("desk.saving"), false)
	v.w.call(func(ctx context.Context) error { return v.s.SetKioskIdle(ctx, d) }, func(err error) {
		if err != nil {
			v.w.logFailure("kiosk idle not saved", err)
			v.say(v.idleMsg, ui.T("desk.savefailed"), true)
			return
		}
		v.say(v.idleMsg, ui.T("settings.kiosk.saved", n), false)
	})
}

// say shows a message of a section, as a failure when bad, and lays the
// screen out again for it; "" hides it.
func (v *settingsView) say(l *widget.Label, text string, bad bool) {
	setMessage(l, text)
	if bad {
		l.Importance = widget.DangerImportance
		l.Refresh()
	}
	v.w.relayout()
}
