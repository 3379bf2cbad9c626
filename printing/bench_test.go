package printing

import (
	"slices"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// The targets on a two-core desk: a coupon under 10 ms and a Welcome Pack
// under 25 ms, median; each benchmark reports its median as ms/median
// beside the mean (ns/op). See docs/PERFORMANCE.md.

func BenchmarkCouponPDF(b *testing.B) {
	c, _ := sampleCoupon(b)
	benchMedian(b, func() error { _, err := CouponPDF(c, showroom.Russian); return err })
}

func BenchmarkWelcomePackPDF(b *testing.B) {
	w := samplePack()
	benchMedian(b, func() error { _, err := WelcomePackPDF(w, showroom.Russian); return err })
}

// benchMedian times each call of fn and reports the median.
func benchMedian(b *testing.B, fn func() error) {
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "ms/median")
}
