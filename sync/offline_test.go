package sync

import (
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom/portal/api"
)

// offlineSize is how many registrations the long-offline test queues. Under
// -race a registration and its drain cost about 40 ms here (SQLite is Go
// code, instrumented like ours), so the day of 5,000 takes the test
// three to four minutes, three times the rest of the package; the normal
// run queues 300, in batches and pages of 100 so that the recovery still
// pushes and pulls several of each. -sync.offline=5000 runs the issue's
// figure, at the production batch and page of 500. BenchmarkDrain5000
// always drains 5,000, without -race.
var offlineSize = flag.Int("sync.offline", 300, "registrations the long-offline test queues while the portal is down (5000, the issue's figure, takes about 4 minutes under -race)")

// drainOptions are the client's production settings but for quick retries,
// so that a round against a portal that is down fails in milliseconds.
func drainOptions() Options {
	return Options{Retries: 1, RetryWait: 5 * time.Millisecond, RetryMaxWait: 50 * time.Millisecond}
}

// TestLongOfflineDeliversEveryRegistrationOnce queues registrations while
// the portal is down (its address refuses connections), lets the engine
// try and fail, then brings the portal back at the same address: the
// runner notices, and every registration reaches the portal exactly once,
// with the portal's customer ID back on the device.
func TestLongOfflineDeliversEveryRegistrationOnce(t *testing.T) {
	// The two long tests of the package run side by side, each busy enough
	// to keep one of two cores: the crash test in its children and
	// integrity checks, the long-offline test in SQLite on both sides.
	t.Parallel()
	n := *offlineSize
	p := newTestPortal(t)
	d := p.newDevice(t, p.srv.URL, drainOptions())
	ctx := context.Background()

	p.down()
	start := time.Now()
	refs := d.register(t, 0, n)
	queued := time.Since(start)
	s, err := d.engine.Round(ctx)
	if !errors.Is(err, ErrOffline) || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("round while the portal is down: %v, want a refused connection", err)
	}
	if s.Push.Applied+s.Push.Duplicate != 0 || s.Outbox != n {
		t.Fatalf("round while the portal is down: %+v", s)
	}
	if got := p.count(t, `SELECT count(*) FROM customers WHERE dealer = ?`, dealerA); got != 0 {
		t.Fatalf("the portal holds %d customers while down", got)
	}

	// The runner starts while the portal is still down, and probes it.
	ctx, cancel := context.WithCancel(ctx)
	size := min(api.MaxBatch, max(1, n/3))
	d.engine = New(Config{DB: d.db, Client: d.client, Interval: time.Hour, Probe: 20 * time.Millisecond, Watch: 10 * time.Millisecond,
		Batch: size, PullLimit: size})
	done := make(chan struct{})
	go func() { d.engine.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitStatus := func(what string, limit time.Duration, ok func(Status) bool) {
		t.Helper()
		deadline := time.Now().Add(limit)
		for {
			st, err := d.engine.Status(ctx)
			if err == nil && ok(st) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waited %v in vain for %s: %+v %v", limit, what, st, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitStatus("the runner to find the portal down", 10*time.Second, func(s Status) bool { return s.Known && !s.Online && s.Outbox == n })
	p.up(t)
	back := time.Now()
	waitStatus("the outbox drained", 5*time.Minute, func(s Status) bool { return s.Online && s.Outbox == 0 })
	drained := time.Since(back)
	cancel()
	<-done

	onPortal := p.portalCustomers(t)
	local := d.localCustomers(t)
	if len(onPortal) != n || len(local) != n {
		t.Fatalf("the portal holds %d customers, the device %d; want %d each", len(onPortal), len(local), n)
	}
	for _, ref := range refs {
		ids := onPortal[ref]
		if len(ids) != 1 {
			t.Fatalf("registration %s is on the portal %d times", ref, len(ids))
		}
		if local[ref] != ids[0] {
			t.Fatalf("registration %s: the device knows ID %q, the portal %q", ref, local[ref], ids[0])
		}
	}
	if got := p.count(t, `SELECT count(*) FROM mutations WHERE device_id = ?`, d.dev.DeviceID); got != n {
		t.Fatalf("the portal applied %d mutations of the device, want %d", got, n)
	}
	// Nothing left to push, and nothing pushed twice.
	e := New(Config{DB: d.db, Client: d.client})
	if s, err := e.Round(context.Background()); err != nil || s.Push != (PushStats{}) || s.Outbox != 0 || s.Attention != 0 {
		t.Fatalf("a round after the drain: %+v %v", s, err)
	}
	t.Logf("%d registrations queued offline in %v; drained %v after the portal came back",
		n, queued.Round(time.Millisecond), drained.Round(time.Millisecond))
}
