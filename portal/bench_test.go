package portal

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/myrenault/showroom/portal/api"
)

// BenchmarkPushRegistrations pushes registrations in batches of 100 over
// real HTTP into a real SQLite file (synchronous=FULL, one transaction per
// mutation) and reports registrations per second and the p99 latency of a
// batch. Targets: at least 2,000 registrations/s, p99 under 50 ms.
func BenchmarkPushRegistrations(b *testing.B) {
	const batch = 100
	p := newTestPortal(b)
	token := p.enroll(b, dealerA)
	var lat []time.Duration
	n := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ms := make([]api.Mutation, batch)
		for j := range ms {
			n++
			ref := fmt.Sprintf("bench-%d", n)
			ms[j] = mutation(api.TypeCustomerRegister, registration(ref, ref+"@example.ru"))
		}
		start := time.Now()
		res := p.push(b, token, ms...)
		lat = append(lat, time.Since(start))
		if res[batch-1].Status != api.StatusApplied {
			b.Fatalf("result %+v", res[batch-1])
		}
	}
	b.StopTimer()
	var total time.Duration
	for _, d := range lat {
		total += d
	}
	slices.Sort(lat)
	p99 := lat[min(len(lat)-1, len(lat)*99/100)]
	b.ReportMetric(float64(len(lat)*batch)/total.Seconds(), "registrations/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-batch-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-batch-ms")
	b.ReportMetric(0, "ns/op")
}
