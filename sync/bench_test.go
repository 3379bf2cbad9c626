package sync

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/myrenault/showroom/localdb"
)

// drainSize is the outbox the drain benchmark empties.
const drainSize = 5000

// BenchmarkDrain5000 is the long day offline: 5,000 registrations queued
// while the portal was down, delivered once it is back. Each iteration
// starts from a copy of the same store, enrols with a fresh portal, stops
// the portal's server (its address refuses connections) and lets a round
// fail, then serves the portal again at the same address; only what
// follows is timed: the round that pushes the outbox in batches of 500
// over loopback HTTP (each mutation applied under its idempotency key) and
// pulls the change feed back so that every customer has its portal ID.
func BenchmarkDrain5000(b *testing.B) {
	ctx := context.Background()
	template := filepath.Join(b.TempDir(), "template.db")
	db, err := localdb.Open(ctx, template, localdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.SetSetting(ctx, localdb.SettingDealerCode, dealerA); err != nil {
		b.Fatal(err)
	}
	for i := range drainSize {
		if _, err := db.Register(ctx, registration(i)); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()

	var pushTime, pullTime time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		p := newTestPortal(b)
		d := p.enroll(b, dealerA, p.srv.URL)
		path := filepath.Join(b.TempDir(), "showroom.db")
		copyFile(b, template, path)
		dev := openDevice(b, path, d, drainOptions())
		p.down()
		if s, err := dev.engine.Round(ctx); !errors.Is(err, ErrOffline) || s.Outbox != drainSize {
			b.Fatalf("round while the portal is down: %+v %v", s, err)
		}
		p.up(b)
		b.StartTimer()
		t0 := time.Now()
		ps, err := dev.engine.push(ctx)
		if err != nil || ps.Applied != drainSize {
			b.Fatalf("push %+v: %v", ps, err)
		}
		t1 := time.Now()
		ls, err := dev.engine.pull(ctx, nil)
		if err != nil || ls.Applied < drainSize {
			b.Fatalf("pull %+v: %v", ls, err)
		}
		pushTime += t1.Sub(t0)
		pullTime += time.Since(t1)
		b.StopTimer()
		if n, _ := dev.db.OutboxLen(ctx); n != 0 {
			b.Fatalf("%d left in the outbox", n)
		}
		if n := p.count(b, `SELECT count(*) FROM customers WHERE dealer = ?`, dealerA); n != drainSize {
			b.Fatalf("the portal holds %d customers, want %d", n, drainSize)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(drainSize*b.N)/b.Elapsed().Seconds(), "registrations/s")
	b.ReportMetric(float64(pushTime.Milliseconds())/float64(b.N), "push-ms/op")
	b.ReportMetric(float64(pullTime.Milliseconds())/float64(b.N), "pull-ms/op")
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}
