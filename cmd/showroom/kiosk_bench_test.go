package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/kiosk"
	kw "github.com/myrenault/showroom/ui/widget"
)

// kioskCycles is what BenchmarkKioskRegistrationCycles measures over:
// warm cycles first (caches, the store's pages, the fonts' glyphs), then
// the cycles whose memory growth counts.
const (
	kioskWarmCycles     = 300
	kioskMeasuredCycles = 1000
	// cacheSettle is how long the window's caches take to let go of a
	// screen no longer shown, with FYNE_CACHE=2s.
	cacheSettle = 12 * time.Second
)

// BenchmarkKioskRegistrationCycles has customers register at the kiosk one
// after another, as a showroom's touchscreen sees them all day: the real
// kiosk screens and wiring on a real store, driven by taps on the
// on-screen keyboard and typing, through the consent, the submission and
// the congratulations back to the welcome screen. It reports the growth
// of the process's resident memory over 1,000 such cycles after 300 warm
// ones (rss-growth-%), the Go heap's (heap-growth-%), and the time of one
// cycle. The screens are drawn by
// Fyne's software test driver, not a GPU: what grows here is the app's
// own (widgets, goroutines, the store), which is what a leak would be.
func BenchmarkKioskRegistrationCycles(b *testing.B) {
	if os.Getenv("FYNE_CACHE") == "" {
		// Fyne reads how long it keeps the parts of widgets off the
		// screen when the process starts: the benchmark runs in a child
		// that keeps them 2 s instead of a minute, so that 1,000 cycles
		// in half a minute are measured as a day's would be.
		kioskCyclesInChild(b)
		return
	}
	fa := test.NewTempApp(b)
	fa.Settings().SetTheme(&ui.Theme{Scale: 1.4})
	ui.SetLang(showroom.Russian)
	a, err := Open(context.Background(), Config{DataDir: b.TempDir(), Kiosk: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	o := a.kioskOptions(context.Background(), fa)
	o.Async = func(work func() func()) { work()() }
	o.Manual = true
	k := kiosk.New(context.Background(), o)
	w := test.NewWindow(k.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(1280, 800))
	k.SetCanvas(w.Canvas())

	n := 0
	cycle := func() {
		n++
		tapButton(b, w, "Зарегистрироваться")
		f := kioskFields(w)
		if len(f) != 6 {
			b.Fatalf("cycle %d: %d fields", n, len(f))
		}
		kb := kioskKeyboard(b, w)
		test.Tap(kb.Key(kw.KeyShift))
		for _, r := range "иванова" {
			test.Tap(kb.Key(string(r)))
		}
		test.Tap(f[1])
		test.Type(f[1], "Анна")
		test.Tap(f[2])
		test.Type(f[2], fmt.Sprintf("anna.%d@example.ru", n))
		tapButton(b, w, "Далее")
		tapButton(b, w, "Согласен")
		tapButton(b, w, "Зарегистрироваться")
		tapButton(b, w, "Готово")
		if n%10 == 0 {
			w.Canvas().Capture() // a frame drawn, as the window draws them (and cleans its caches)
		}
	}
	b.StopTimer()
	b.ResetTimer()
	for range b.N {
		for range kioskWarmCycles {
			cycle()
		}
		before := settledKB(b, w)
		heapBefore := heapKB()
		b.StartTimer()
		for range kioskMeasuredCycles {
			cycle()
		}
		b.StopTimer()
		after := settledKB(b, w)
		b.ReportMetric(100*float64(heapKB()-heapBefore)/float64(heapBefore), "heap-growth-%")
		b.ReportMetric(100*float64(after-before)/float64(before), "rss-growth-%")
		b.ReportMetric(float64(after)/1024, "rss-MiB")
		st, err := a.DB.Stats(context.Background())
		if err != nil || st.Customers != n {
			b.Fatalf("%d customers in the store after %d registrations: %v", st.Customers, n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(kioskMeasuredCycles*b.N), "ms/cycle")
}

// settledKB is the resident memory once the window's caches have let go
// of what the screens no longer show: Fyne keeps the parts of widgets
// off the screen for a while (FYNE_CACHE, a minute by default) and drops
// them at a frame drawn at most every 10 seconds.
func settledKB(b *testing.B, w fyne.Window) int {
	time.Sleep(cacheSettle)
	w.Canvas().Capture()
	return residentKB(b)
}

// heapKB is the Go heap in use, after settledKB has collected it.
func heapKB() int {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int(m.HeapInuse / 1024)
}

// residentKB is the process's resident memory once the garbage the cycles
// left is collected and returned.
func residentKB(b *testing.B) int {
	runtime.GC()
	debug.FreeOSMemory()
	s, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(string(s), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.Atoi(f[1])
			if err != nil {
				b.Fatal(err)
			}
			return kb
		}
	}
	b.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// drawnObjects lists what the window shows, widgets' parts included, with
// the renderers the window keeps (a benchmark makes no throwaway ones).
func drawnObjects(w fyne.Window) []fyne.CanvasObject {
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
		case *kw.Field, *kw.Keyboard:
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Canvas().Content())
	return out
}

func tapButton(b *testing.B, w fyne.Window, text string) {
	b.Helper()
	for _, o := range drawnObjects(w) {
		if btn, ok := o.(*widget.Button); ok && btn.Text == text && !btn.Disabled() {
			test.Tap(btn)
			return
		}
	}
	b.Fatalf("no button %q on screen", text)
}

func kioskFields(w fyne.Window) []*kw.Field {
	var out []*kw.Field
	for _, o := range drawnObjects(w) {
		if f, ok := o.(*kw.Field); ok {
			out = append(out, f)
		}
	}
	return out
}

func kioskKeyboard(b *testing.B, w fyne.Window) *kw.Keyboard {
	for _, o := range drawnObjects(w) {
		if k, ok := o.(*kw.Keyboard); ok {
			return k
		}
	}
	b.Fatal("no keyboard on screen")
	return nil
}

// kioskCyclesInChild runs BenchmarkKioskRegistrationCycles in a child
// process with FYNE_CACHE set and reports the child's figures as its own.
func kioskCyclesInChild(b *testing.B) {
	b.StopTimer()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkKioskRegistrationCycles$",
		"-test.benchtime="+strconv.Itoa(b.N)+"x")
	cmd.Env = append(os.Environ(), "FYNE_CACHE=2s")
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("the child benchmark: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) < 3 || !strings.HasPrefix(f[0], "BenchmarkKioskRegistrationCycles") {
			continue
		}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil && f[i+1] != "ns/op" {
				b.ReportMetric(v, f[i+1])
			}
		}
		return
	}
	b.Fatalf("the child reported no figures:\n%s", out)
}
