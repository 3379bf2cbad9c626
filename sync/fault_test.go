package sync

import (
	"context"
	"testing"
	"time"
)

// TestFaultsLoseNothingAndDuplicateNothing pushes and pulls through a proxy
// that drops answers after the portal committed, answers 500 and 502,
// holds answers past the timeout, cuts them mid-body and refuses
// connections. Once the faults stop, the device and the portal hold the
// same registrations, each once.
func TestFaultsLoseNothingAndDuplicateNothing(t *testing.T) {
	p := newTestPortal(t)
	px := newFaultProxy(t, p.srv.Listener.Addr().String())
	px.delay = 400 * time.Millisecond
	o := Options{Timeout: 250 * time.Millisecond, Retries: 2, RetryWait: 2 * time.Millisecond, RetryMaxWait: 20 * time.Millisecond}
	d := p.newDevice(t, px.URL(), o)
	// Small batches and pages: many requests, so that every fault meets
	// pushes and pulls alike.
	d.engine = New(Config{DB: d.db, Client: d.client, Batch: 4, PullLimit: 5})
	ctx := context.Background()

	px.set(faultRandom)
	failed := 0
	for i := range 40 {
		d.register(t, i*3, 3)
		if i%10 == 9 {
			px.set(faultRefuse)
		}
		if _, err := d.engine.Round(ctx); err != nil {
			failed++
		}
		px.set(faultRandom)
	}
	counts := px.faultCounts()
	for _, f := range []fault{faultDrop, fault500, fault502, faultDelay, faultCut} {
		if counts[f] == 0 {
			t.Errorf("no request met fault %v (%v)", f, counts)
		}
	}
	if failed == 0 {
		t.Errorf("no round failed: the faults did not bite")
	}

	px.set(faultNone)
	d.converge(t)
	// One more round: what the last push created comes back in the feed.
	if _, err := d.engine.Round(ctx); err != nil {
		t.Fatal(err)
	}
	local := d.localCustomers(t)
	onPortal := p.portalCustomers(t)
	if len(local) != 120 || len(onPortal) != 120 {
		t.Fatalf("device holds %d customers, portal %d; want 120 each", len(local), len(onPortal))
	}
	for ref, id := range local {
		ids := onPortal[ref]
		if len(ids) != 1 {
			t.Fatalf("ref %s is on the portal %d times", ref, len(ids))
		}
		if id == "" || id != ids[0] {
			t.Fatalf("ref %s: device knows ID %q, portal %q", ref, id, ids[0])
		}
	}
	st, err := d.engine.Status(ctx)
	if err != nil || st.Outbox != 0 || st.Attention != 0 || !st.Online {
		t.Fatalf("status after the faults: %+v %v", st, err)
	}
	t.Logf("faults met: %v; rounds failed: %d of 40", counts, failed)
}
