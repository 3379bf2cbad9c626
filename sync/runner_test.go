package sync

import (
	"context"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

func TestNewDefaultsToARoundEveryThirtySeconds(t *testing.T) {
	e := New(Config{})
	if e.interval != 30*time.Second || e.probe != time.Second || e.watch != 250*time.Millisecond {
		t.Fatalf("interval %v, probe %v, watch %v; want 30s, 1s, 250ms", e.interval, e.probe, e.watch)
	}
}

// TestRunnerPullsEveryInterval: with nothing to push and nobody kicking
// it, the runner still goes to the portal every Interval, so a customer
// registered on another device of the dealer reaches this one by the
// timer alone.
func TestRunnerPullsEveryInterval(t *testing.T) {
	p := newTestPortal(t)
	desk := p.newDevice(t, p.srv.URL, fastOptions())
	kiosk := p.newDevice(t, p.srv.URL, fastOptions())
	const interval = 300 * time.Millisecond
	rounds := make(chan Status, 100)
	// The outbox watch would start a round for a change made here; it
	// looks once an hour, so only the timer is left.
	desk.engine = New(Config{DB: desk.db, Client: desk.client, Interval: interval, Watch: time.Hour,
		OnStatus: func(s Status) {
			select {
			case rounds <- s:
			default:
			}
		}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { desk.engine.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	select {
	case <-rounds:
	case <-time.After(10 * time.Second):
		t.Fatal("no first round")
	}

	ref := kiosk.register(t, 0, 1)[0]
	kiosk.converge(t)
	at := time.Now()
	for {
		if _, err := desk.db.Customer(context.Background(), ref); err == nil {
			break
		} else if showroom.ErrorCode(err) != showroom.ENotFound {
			t.Fatal(err)
		}
		if time.Since(at) > 10*time.Second {
			t.Fatal("the kiosk's customer did not reach the desk by the timer")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if took := time.Since(at); took > interval+2*time.Second {
		t.Fatalf("the customer arrived after %v; the interval is %v", took, interval)
	}
	if st, err := desk.engine.Status(context.Background()); err != nil || st.Outbox != 0 || !st.Online {
		t.Fatalf("desk status %+v %v", st, err)
	}
}

// TestRunnerBacksOffARefusedDevice: the portal refuses a revoked device's
// token with 401 every time, while /healthz answers. The runner does not
// ask again every Probe: each failed round doubles the wait, up to
// Interval, and no health probe comes between.
func TestRunnerBacksOffARefusedDevice(t *testing.T) {
	p := newTestPortal(t)
	l, url := logPortal(t, p)
	d := p.newDevice(t, url, fastOptions())
	d.register(t, 0, 1)
	if err := p.store.RevokeDevice(context.Background(), d.dev.DeviceID); err != nil {
		t.Fatal(err)
	}
	const probe, interval = 25 * time.Millisecond, 400 * time.Millisecond
	d.engine = New(Config{DB: d.db, Client: d.client, Interval: interval, Probe: probe, Watch: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.engine.Run(ctx); close(done) }()
	time.Sleep(2500 * time.Millisecond)
	cancel()
	<-done

	rounds := l.times("/api/")
	// Waits of 25, 50, 100, 200 ms, then 400 ms: about ten rounds in 2.5 s,
	// where a round after every probe would make a hundred.
	if len(rounds) < 5 || len(rounds) > 14 {
		t.Fatalf("%d requests in 2.5 s; want about 10", len(rounds))
	}
	if n := len(l.times("/healthz")); n != 0 {
		t.Fatalf("%d health probes of a portal that answered", n)
	}
	var waits []time.Duration
	for i := 1; i < len(rounds); i++ {
		waits = append(waits, rounds[i].Sub(rounds[i-1]))
	}
	for k := 2; k < len(waits); k++ {
		// Once at the cap they are equal but for the scheduling of a busy
		// machine: a fifth of a wait, at least a probe's, is that noise.
		if waits[k] < waits[k-2]-max(probe, waits[k-2]/5) {
			t.Errorf("wait %d (%v) is shorter than wait %d (%v): %v", k, waits[k], k-2, waits[k-2], waits)
		}
	}
	if last := waits[len(waits)-1]; last < interval-50*time.Millisecond || last > interval+300*time.Millisecond {
		t.Errorf("the last wait is %v, want the cap %v: %v", last, interval, waits)
	}
	st, err := d.engine.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.LastErrorCode != showroom.EUnauthorized || st.LastErrorReason != "" || st.Outbox == 0 {
		t.Fatalf("status %+v", st)
	}
	t.Logf("waits %v", waits)
}
