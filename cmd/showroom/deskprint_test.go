package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/printing/cupstest"
)

// TestDeskPrintsOnTheChosenCUPSQueueAndRemembersIt prints a coupon from the
// staff window through the app's own print flow (deskPrinting, printDesk,
// the spooler) to a real cupsd: the job reaches the queue chosen, byte for
// byte the PDF kept in the data folder, the store remembers the queue, and
// the next print starts on it.
func TestDeskPrintsOnTheChosenCUPSQueueAndRemembersIt(t *testing.T) {
	cups := cupstest.Start(t)
	cups.AddQueue(t, "reception", cups.Out("reception.pdf"))
	cups.AddQueue(t, "service-desk", cups.Out("service-desk.pdf"))
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	p, _ := a.desk()
	d := openDeskOn(t, a, p, nil)
	ctx := context.Background()
	if q, err := a.DB.Setting(ctx, localdb.SettingPrinter); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("a fresh store remembers the printer %q (%v)", q, err)
	}

	// printCoupon opens the coupon's print dialog from «Мои предложения»,
	// checks which printer it starts on, prints on queue and returns the
	// PDF the desk kept.
	printCoupon := func(preselected, queue string) string {
		t.Helper()
		d.showcase()
		find(t, d.w.Content(), func(*container.AppTabs) bool { return true }).SelectIndex(6)
		before, _ := filepath.Glob(filepath.Join(a.Config.DataDir, "printed", "coupon-*.pdf"))
		test.Tap(d.button("Печать купона"))
		d.settle("printers")
		sel := find(t, d.w.Content(), func(*widget.Select) bool { return true })
		if !slices.Contains(sel.Options, "reception") || !slices.Contains(sel.Options, "service-desk") {
			t.Fatalf("the printer choice %q lacks the CUPS queues", sel.Options)
		}
		if sel.Selected != preselected {
			t.Fatalf("the print dialog starts on %q, want %q", sel.Selected, preselected)
		}
		sel.SetSelected(queue)
		test.Tap(d.button("Печать"))
		d.settle("printing")
		if got := d.texts(); !containsPart(got, "Напечатано на принтере "+queue+" (задание "+queue+"-") {
			t.Fatalf("no success on %s: %q", queue, got)
		}
		after, _ := filepath.Glob(filepath.Join(a.Config.DataDir, "printed", "coupon-*.pdf"))
		var kept []string
		for _, f := range after {
			if !slices.Contains(before, f) {
				kept = append(kept, f)
			}
		}
		if len(kept) != 1 {
			t.Fatalf("the desk kept %q for one coupon", kept)
		}
		return kept[0]
	}

	// printed checks that the queue's printer received exactly the PDF.
	printed := func(queue, path string) {
		t.Helper()
		pdf, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(cups.Out(queue + ".pdf"))
		if err != nil {
			t.Fatalf("nothing reached %s: %v", queue, err)
		}
		if !bytes.Equal(got, pdf) {
			t.Fatalf("%s printed %d bytes, not the kept PDF's %d", queue, len(got), len(pdf))
		}
	}
	remembered := func(want string) {
		t.Helper()
		if q, err := a.DB.Setting(ctx, localdb.SettingPrinter); err != nil || q != want {
			t.Fatalf("the store remembers the printer %q (%v), want %q", q, err, want)
		}
	}

	first := printCoupon("Только сохранить PDF", "service-desk") // two queues: nothing is guessed
	printed("service-desk", first)
	remembered("service-desk")
	if _, err := os.Stat(cups.Out("reception.pdf")); !os.IsNotExist(err) {
		t.Errorf("the other queue printed too: %v", err)
	}

	test.Tap(d.button("Назад"))
	second := printCoupon("service-desk", "service-desk")
	printed("service-desk", second)
	remembered("service-desk")
}
