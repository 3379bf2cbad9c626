package demo

import (
	"runtime"
	"testing"
)

// BenchmarkCabinets generates b.N customers' cabinets in one pass of the
// iterator, as a bulk load does, and reports the time and allocations per
// cabinet and the largest live heap seen: run it with -benchtime=1000000x
// to see a million customers stream through a heap that does not grow.
func BenchmarkCabinets(b *testing.B) {
	s := DefaultSizes()
	s.Customers = b.N
	g := New(1, s)
	var ms runtime.MemStats
	peak := uint64(0)
	b.ReportAllocs()
	b.ResetTimer()
	n, garage := 0, 0
	for c := range g.Cabinets() {
		garage += len(c.Garage)
		if n++; n%100_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	b.StopTimer()
	if n != b.N {
		b.Fatalf("%d cabinets, want %d", n, b.N)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/cabinet")
	if peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	}
}

// BenchmarkRegistry streams the factory registry of b.N customers.
func BenchmarkRegistry(b *testing.B) {
	s := DefaultSizes()
	s.Customers, s.Sales, s.Registry = b.N, 0, 0
	g := New(1, s)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for range g.Registry() {
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/customer")
}

// TestCabinetsStreamInConstantMemory generates 200,000 cabinets and checks
// that the live heap after them is about what it was after the first
// thousand: the iterator keeps none of them.
func TestCabinetsStreamInConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Log("short: 20,000 cabinets")
	}
	total := 200_000
	if testing.Short() {
		total = 20_000
	}
	s := DefaultSizes()
	s.Customers = total
	g := New(2, s)
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var early, late uint64
	n := 0
	for range g.Cabinets() {
		n++
		switch n {
		case 1000:
			early = heap()
		case total:
			late = heap()
		}
	}
	if late > early+8<<20 {
		t.Errorf("live heap grew from %d to %d bytes over %d cabinets", early, late, total)
	}
}
