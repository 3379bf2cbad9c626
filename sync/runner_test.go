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
