package main

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// BenchmarkOpenCustomerCard opens customers' cabinets on the staff window
// over the demo store, as choosing a search result does: the cabinet read
// from SQLite, the dealer directory, catalogue, programmes and recalls of
// its cars, and every section built and laid out in a 1280×800 window.
// Async runs the work at once so that one op is the whole open; the app
// runs it off the UI goroutine. "store" is the store's part alone (the
// cabinet and the reference data); "home" is the card as it opens, on
// Главная; "every-section" then shows each section in turn. Each reports
// the median and 99th percentile in ms beside Go's mean.
func BenchmarkOpenCustomerCard(b *testing.B) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: b.TempDir(), Demo: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	test.NewTempApp(b)
	ui.SetLang(showroom.Russian)
	s := staff.New(ctx, backend{db: a.DB}, nil)
	s.Async = func(work func() func()) { work()() }
	s.SetEditor(cabinetEditor{db: a.DB})
	w := test.NewWindow(s.Content())
	w.Resize(fyne.NewSize(1280, 800))
	defer w.Close()
	s.Start()

	// The first cabinets of the demo: each has a car, many a recall or an
	// order.
	g := demo.New(demoSeed, demo.DefaultSizes())
	var refs []string
	for i := range 50 {
		refs = append(refs, g.Cabinet(i).Customer.Ref)
	}
	// The store's part alone, which runs off the UI goroutine.
	b.Run("store", func(b *testing.B) {
		e := cabinetEditor{db: a.DB}
		times := make([]time.Duration, 0, b.N)
		for i := range b.N {
			start := time.Now()
			cab, err := (backend{db: a.DB}).Cabinet(ctx, refs[i%len(refs)])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := e.Reference(ctx, cab.Garage); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
		report(b, times)
	})
	b.Run("home", func(b *testing.B) { benchOpen(b, s, refs, nil) })
	// Then every section in turn, as a desk that reads the whole cabinet.
	s.OpenCustomer(refs[0]) // the tabs join the window with the first cabinet
	tabs := findTabs(s.Content())
	b.Run("every-section", func(b *testing.B) {
		benchOpen(b, s, refs, func() {
			for i := range tabs.Items {
				tabs.SelectIndex(i)
			}
		})
	})
}

func benchOpen(b *testing.B, s *staff.Window, refs []string, then func()) {
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		s.OpenCustomer(refs[i%len(refs)])
		if then != nil {
			then()
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	report(b, times)
}

func report(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	ms := func(q float64) float64 {
		return float64(times[int(q*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "ms/median")
	b.ReportMetric(ms(0.99), "ms/p99")
}

// findTabs returns the cabinet's section tabs under o.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	switch v := o.(type) {
	case *container.AppTabs:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if t := findTabs(c); t != nil {
				return t
			}
		}
	case *container.Split:
		if t := findTabs(v.Leading); t != nil {
			return t
		}
		return findTabs(v.Trailing)
	}
	return nil
}
