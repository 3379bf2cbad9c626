package main

import (
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// deskUI is the staff window of an enrolled demo device with its print
// flow and coupon desk, the background work applied in order on the test's
// goroutine.
type deskUI struct {
	t       *testing.T
	a       *App
	s       *staff.Window
	w       fyne.Window
	applied chan func()
	pending atomic.Int32 // work handed to Async whose result is not applied yet
}

func openDeskOn(t *testing.T, a *App, p staff.Printing, c staff.Coupons) *deskUI {
	t.Helper()
	return openDeskWith(t, a, func(s *staff.Window) { s.SetDesk(p, c) })
}

// openDeskWith opens the staff window of a, given its parts by fit before
// it starts.
func openDeskWith(t *testing.T, a *App, fit func(*staff.Window)) *deskUI {
	t.Helper()
	fa := test.NewTempApp(t)
	ui.SetLang(showroom.Russian)
	d := &deskUI{t: t, a: a, applied: make(chan func(), 16)}
	d.s = staff.New(context.Background(), backend{db: a.DB}, a.Log)
	d.s.Async = func(work func() func()) {
		d.pending.Add(1)
		go func() { d.applied <- work() }()
	}
	fit(d.s)
	d.w = fa.NewWindow("staff")
	d.w.SetContent(d.s.Content())
	d.w.Resize(fyne.NewSize(1280, 800))
	d.s.Focus(d.w.Canvas())
	d.s.Start()
	d.settle("start")
	return d
}

// wait applies the next result of background work.
func (d *deskUI) wait(what string) {
	d.t.Helper()
	select {
	case apply := <-d.applied:
		apply()
		d.pending.Add(-1)
	case <-time.After(30 * time.Second):
		d.t.Fatalf("%s: nothing applied within 30 s", what)
	}
}

// settle applies results until no work is left, including the work that
// applying a result starts (a cabinet loads its offers): the screen is then
// as a person would see it once everything has arrived.
func (d *deskUI) settle(what string) {
	d.t.Helper()
	for d.pending.Load() > 0 {
		d.wait(what)
	}
}

// until applies results one at a time until the screen shows want, to see
// a step in the middle of a flow.
func (d *deskUI) until(what, want string) {
	d.t.Helper()
	for !contains(d.texts(), want) {
		if d.pending.Load() == 0 {
			d.t.Fatalf("%s: the screen never showed %q: %q", what, want, d.texts())
		}
		d.wait(what)
	}
}

func (d *deskUI) texts() []string { return texts(d.t, d.w.Content()) }

// find returns the first widget under the window's content that ok accepts.
func find[T fyne.CanvasObject](t *testing.T, root fyne.CanvasObject, ok func(T) bool) T {
	t.Helper()
	var found T
	var hit bool
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if hit || o == nil || !o.Visible() {
			return
		}
		if v, is := o.(T); is && ok(v) {
			found, hit = v, true
			return
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(root)
	if !hit {
		t.Fatalf("no such %T on screen", found)
	}
	return found
}

func (d *deskUI) button(text string) *widget.Button {
	return find(d.t, d.w.Content(), func(b *widget.Button) bool { return b.Text == text })
}

// showcase opens the demo's showcase customer, whose verified Fluence has
// offers, and waits for the cabinet and its offers.
func (d *deskUI) showcase() showroom.Customer {
	d.t.Helper()
	c := demo.New(demoSeed, demo.DefaultSizes()).Cabinet(0).Customer
	d.s.OpenCustomer(c.Ref)
	d.settle("cabinet")
	return c
}

// fakeQueues prints through the real desk but to made-up CUPS queues:
// the real CUPS is tested in package printing.
type fakeQueues struct {
	deskPrinting
	queues  []string
	fail    error
	printed *[]string
}

func (f fakeQueues) Printers(ctx context.Context) ([]string, string, error) {
	_, remembered, err := f.deskPrinting.Printers(ctx)
	return f.queues, remembered, err
}

func (f fakeQueues) Print(ctx context.Context, queue string, doc staff.Document) (string, error) {
	if err := f.d.db.SetSetting(ctx, localdb.SettingPrinter, queue); err != nil {
		return "", err
	}
	*f.printed = append(*f.printed, queue+" "+doc.Path)
	return queue + "-7", f.fail
}

func TestDeskPrintsACouponFromTheOffersTab(t *testing.T) {
	a := openDemo(t)
	dev := enrol(t, a.Config.DataDir)
	var printed []string
	p := fakeQueues{deskPrinting: deskPrinting{d: newPrintDesk(a.DB, a.Config.DataDir)},
		queues: []string{"reception", "service-desk"}, printed: &printed}
	d := openDeskOn(t, a, p, nil)
	d.showcase()

	tabs := find(t, d.w.Content(), func(*container.AppTabs) bool { return true })
	tabs.SelectIndex(6) // «Мои предложения»
	if got := d.texts(); !contains(got, "Только для Вас: 200 ₽ на комплекс-сервис") || !contains(got, "VF1LZBR0542606589") {
		t.Fatalf("the offers tab shows %q", got)
	}
	test.Tap(d.button("Печать купона"))
	d.settle("printers")
	sel := find(t, d.w.Content(), func(*widget.Select) bool { return true })
	if sel.Selected != "Только сохранить PDF" || len(sel.Options) != 3 {
		t.Fatalf("printer choice %q of %q: with two queues and none remembered, nothing is guessed", sel.Selected, sel.Options)
	}
	sel.SetSelected("service-desk")
	find(t, d.w.Content(), func(*widget.RadioGroup) bool { return true }).SetSelected("English")
	test.Tap(d.button("Печать"))
	if got := d.texts(); !contains(got, "Готовлю документ…") {
		t.Fatalf("no progress shown: %q", got)
	}
	d.until("making", "Отправляю на принтер service-desk…")
	d.settle("printing")
	got := d.texts()
	if !contains(got, "Напечатано на принтере service-desk (задание service-desk-7).") {
		t.Fatalf("no success: %q", got)
	}
	if len(printed) != 1 {
		t.Fatalf("printed %q", printed)
	}
	path := strings.TrimPrefix(printed[0], "service-desk ")
	if !contains(got, path) || filepath.Dir(path) != filepath.Join(a.Config.DataDir, "printed") {
		t.Errorf("the PDF %s is not named on screen or not in the data folder", path)
	}
	txt := pdfText(t, path)
	if !strings.Contains(txt, "Coupon code") || !strings.Contains(txt, "606589") {
		t.Errorf("the coupon is not the English one: %s", txt)
	}
	claims, err := showroom.VerifyCoupon(dev.SigningKey.Public().(ed25519.PublicKey), pdfQR(t, path))
	if err != nil || claims.VIN != showcaseVIN {
		t.Fatalf("QR %+v, %v", claims, err)
	}
	if n := len(outbox(t, a.DB, api.TypeCouponIssue)); n != 1 {
		t.Errorf("%d coupon.issue mutations", n)
	}

	// The next print starts on the remembered printer; a failing printer
	// says what to do and where the PDF is.
	test.Tap(d.button("Назад"))
	p.fail = printErrFor(t, "service-desk")
	d.s.SetDesk(p, nil)
	d.showcase()
	tabs = find(t, d.w.Content(), func(*container.AppTabs) bool { return true })
	tabs.SelectIndex(6)
	test.Tap(d.button("Печать купона"))
	d.settle("printers")
	if sel := find(t, d.w.Content(), func(*widget.Select) bool { return true }); sel.Selected != "service-desk" {
		t.Fatalf("the remembered printer is not chosen: %q", sel.Selected)
	}
	// Keyboard-first: the cursor is on «Печать», Space prints.
	if f := d.w.Canvas().Focused(); f != fyne.Focusable(d.button("Печать")) {
		t.Fatalf("the focus is on %T, not on «Печать»", f)
	}
	test.Tap(d.button("Печать"))
	d.settle("printing")
	got = d.texts()
	if !contains(got, `Принтер "service-desk" не напечатал документ. Проверьте принтер (бумагу, питание, кабель) и повторите; PDF сохранён.`) ||
		!contains(got, "PDF сохранён: "+filepath.Join(a.Config.DataDir, "printed")) {
		t.Fatalf("the failure is not explained: %q", got)
	}
}

func TestDeskWelcomePackWhenCUPSIsDown(t *testing.T) {
	a := openDemo(t)
	t.Setenv("CUPS_SERVER", filepath.Join(t.TempDir(), "no-cups.sock"))
	enrol(t, a.Config.DataDir)
	d := openDeskOn(t, a, deskPrinting{d: newPrintDesk(a.DB, a.Config.DataDir)}, nil)
	c := d.showcase()
	test.Tap(d.button("Печать Welcome Pack"))
	d.settle("printers")
	got := d.texts()
	if !contains(got, "Служба печати не запущена, поэтому PDF можно только сохранить.") {
		t.Fatalf("CUPS being down is not said: %q", got)
	}
	if sel := find(t, d.w.Content(), func(*widget.Select) bool { return true }); sel.Selected != "Только сохранить PDF" || len(sel.Options) != 1 {
		t.Fatalf("printer choice %q of %q", sel.Selected, sel.Options)
	}
	test.Tap(d.button("Сохранить PDF"))
	d.settle("making")
	path := filepath.Join(a.Config.DataDir, "printed", "welcome-pack-"+customerID(t, a, c.Ref)+".pdf")
	if got := d.texts(); !contains(got, "PDF сохранён: "+path) {
		t.Fatalf("the saved PDF is not named: %q", got)
	}
	if txt := pdfText(t, path); !strings.Contains(txt, "Здравствуйте, "+showcaseName+"!") {
		t.Errorf("the Welcome Pack reads %s", txt)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

func customerID(t *testing.T, a *App, ref string) string {
	cab, err := a.DB.Cabinet(context.Background(), ref)
	if err != nil || cab.Customer.ID == "" {
		t.Fatalf("customer %s: %+v, %v", ref, cab.Customer.ID, err)
	}
	return cab.Customer.ID
}

func printErrFor(t *testing.T, queue string) error {
	t.Helper()
	return showroom.Errorf(showroom.EPrintFailed, "printer", showroom.ReasonPrintJobFailed, queue)
}
