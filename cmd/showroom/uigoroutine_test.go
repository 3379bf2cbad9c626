package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/printing/cupstest"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// recPrinting, recCoupons and recReports note the print flow's, the coupon
// desk's and the reports' calls into the store, the PDF maker, CUPS and the
// portal, and the goroutine they run on.
type recPrinting struct {
	staff.Printing
	c *storeCalls
}

func (r recPrinting) Printers(ctx context.Context) ([]string, string, error) {
	r.c.note("Printers")
	return r.Printing.Printers(ctx)
}
func (r recPrinting) Offers(ctx context.Context, g []showroom.Vehicle) ([]staff.CarOffer, error) {
	r.c.note("Offers")
	return r.Printing.Offers(ctx, g)
}
func (r recPrinting) WelcomePack(ctx context.Context, id string, l showroom.Lang) (staff.Document, error) {
	r.c.note("WelcomePack")
	return r.Printing.WelcomePack(ctx, id, l)
}
func (r recPrinting) Coupon(ctx context.Context, offer, vin string, l showroom.Lang) (staff.Document, error) {
	r.c.note("Coupon")
	return r.Printing.Coupon(ctx, offer, vin, l)
}
func (r recPrinting) Print(ctx context.Context, q string, d staff.Document) (string, error) {
	r.c.note("Print")
	return r.Printing.Print(ctx, q, d)
}

type recCoupons struct {
	staff.Coupons
	c *storeCalls
}

func (r recCoupons) Check(ctx context.Context, in string) (staff.CouponCheck, error) {
	r.c.note("Check")
	return r.Coupons.Check(ctx, in)
}
func (r recCoupons) Redeem(ctx context.Context, in string) (staff.CouponCheck, error) {
	r.c.note("Redeem")
	return r.Coupons.Redeem(ctx, in)
}

type recReports struct {
	staff.ReportsBackend
	c *storeCalls
}

func (r recReports) DealerReport(ctx context.Context, q showroom.Quarter) (staff.ReportData, error) {
	r.c.note("DealerReport")
	return r.ReportsBackend.DealerReport(ctx, q)
}
func (r recReports) RegionRanking(ctx context.Context, q showroom.Quarter) (string, []staff.RankRow, error) {
	r.c.note("RegionRanking")
	return r.ReportsBackend.RegionRanking(ctx, q)
}

// openRecordedDesk opens the staff window of a on the app's own adapters
// (the demo store, the enrolled device's portal client and whatever CUPS
// CUPS_SERVER names), each call into them noted with its goroutine.
func openRecordedDesk(t *testing.T, a *App) (*deskUI, *storeCalls) {
	t.Helper()
	fa := test.NewTempApp(t)
	ui.SetLang(showroom.Russian)
	calls := &storeCalls{ui: goid(), calls: map[string]int{}}
	d := &deskUI{t: t, a: a, applied: make(chan func(), 16)}
	d.s = staff.New(context.Background(), backend{db: a.DB}, a.Log)
	d.s.Async = func(work func() func()) {
		d.pending.Add(1)
		go func() { d.applied <- work() }()
	}
	printing, coupons := a.desk()
	d.s.SetDesk(recPrinting{printing, calls}, recCoupons{coupons, calls})
	d.w = fa.NewWindow("staff")
	portal := portalClient{dataDir: a.Config.DataDir}
	d.s.SetReports(recReports{reportsBackend{db: a.DB, portal: portal.RegistrationReport}, calls}, d.w)
	d.w.SetContent(d.s.Content())
	d.w.Resize(fyne.NewSize(1280, 800))
	d.s.Focus(d.w.Canvas())
	d.s.Start()
	d.settle("start")
	return d, calls
}

// TestNoPDFPrinterOrPortalWorkOnTheUIGoroutine prints the showcase
// customer's Welcome Pack and a coupon, checks and redeems the coupon at
// the service desk and opens the registration goal, through the app's own
// adapters on the demo store, the enrolled device's portal client and the
// machine's CUPS: none of their calls runs on the UI goroutine, where
// every tap and every applied result runs.
func TestNoPDFPrinterOrPortalWorkOnTheUIGoroutine(t *testing.T) {
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	t.Setenv("CUPS_SERVER", "/nonexistent/cups.sock") // no printing service: the PDFs are only saved
	d, calls := openRecordedDesk(t, a)

	d.showcase()
	test.Tap(d.button("Печать Welcome Pack"))
	d.settle("printers")
	test.Tap(d.button("Сохранить PDF"))
	d.until("the Welcome Pack", "PDF сохранён:")
	d.settle("the Welcome Pack")

	test.Tap(d.button("Назад"))
	d.selectTab(tabOffers)
	d.settle("offers")
	test.Tap(d.buttons("Печать купона", 1)[0])
	d.settle("printers")
	test.Tap(d.button("Сохранить PDF"))
	d.until("the coupon", "PDF сохранён:")
	d.settle("the coupon")
	files, err := filepath.Glob(filepath.Join(a.Config.DataDir, "printed", "coupon-*.pdf"))
	if err != nil || len(files) != 1 {
		t.Fatalf("coupons kept: %v %v", files, err)
	}
	code := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(files[0]), "coupon-"), ".pdf")

	d.s.ShowCoupons()
	test.Type(d.w.Canvas().Focused(), code)
	d.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	d.settle("the coupon's check")
	test.Tap(d.button("Погасить"))
	d.settle("the redemption")

	d.s.ShowReports()
	d.settle("the reports")

	if len(calls.onUI) > 0 {
		t.Fatalf("on the UI goroutine: %v", calls.onUI)
	}
	for _, name := range []string{"Printers", "Offers", "WelcomePack", "Coupon", "Check", "Redeem", "DealerReport", "RegionRanking"} {
		if calls.calls[name] == 0 {
			t.Errorf("%s never called", name)
		}
	}
}

// TestPrintingOnACUPSQueueStaysOffTheUIGoroutine prints the showcase
// customer's Welcome Pack and a coupon on the queue of a real cupsd, the
// path where Print submits the job and follows it to its end: neither the
// documents' making nor the printing runs on the UI goroutine.
func TestPrintingOnACUPSQueueStaysOffTheUIGoroutine(t *testing.T) {
	cups := cupstest.Start(t)
	cups.AddQueue(t, "desk", cups.Out("desk.pdf"))
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	d, calls := openRecordedDesk(t, a)

	// printOn prints the document of the open print view on the queue and
	// checks that the printer received the PDF the desk kept under glob.
	printOn := func(what, glob string) {
		t.Helper()
		d.settle("printers")
		find(t, d.w.Content(), func(*widget.Select) bool { return true }).SetSelected("desk")
		test.Tap(d.button("Печать"))
		d.until(what, "Напечатано на принтере desk (задание desk-")
		d.settle(what)
		kept, err := filepath.Glob(filepath.Join(a.Config.DataDir, "printed", glob))
		if err != nil || len(kept) != 1 {
			t.Fatalf("%s: kept %v, %v", what, kept, err)
		}
		pdf, err := os.ReadFile(kept[0])
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(cups.Out("desk.pdf")); err != nil || !bytes.Equal(got, pdf) {
			t.Fatalf("%s: the printer got %d bytes (%v), not the kept PDF's %d", what, len(got), err, len(pdf))
		}
	}

	d.showcase()
	test.Tap(d.button("Печать Welcome Pack"))
	printOn("the Welcome Pack", "welcome-pack-*.pdf")
	test.Tap(d.button("Назад"))
	d.selectTab(tabOffers)
	d.settle("offers")
	test.Tap(d.buttons("Печать купона", 1)[0])
	printOn("the coupon", "coupon-*.pdf")

	if len(calls.onUI) > 0 {
		t.Fatalf("on the UI goroutine: %v", calls.onUI)
	}
	for _, name := range []string{"Printers", "Offers", "WelcomePack", "Coupon"} {
		if calls.calls[name] == 0 {
			t.Errorf("%s never called", name)
		}
	}
	if calls.calls["Print"] != 2 {
		t.Errorf("Print called %d times, want 2", calls.calls["Print"])
	}
}
