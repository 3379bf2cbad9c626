package sync

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

func TestRoundPushesRegistrationsAndMapsPortalIDs(t *testing.T) {
	p := newTestPortal(t)
	d := p.newDevice(t, p.srv.URL, fastOptions())
	ctx := context.Background()
	refs := d.register(t, 0, 3)
	r := registration(3)
	r.VIN, r.EngineNumber = knownVIN, knownEng
	c, err := d.db.Register(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	refs = append(refs, c.Ref)

	s, err := d.engine.Round(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Push.Applied != 4 || s.Outbox != 0 || s.Attention != 0 || s.Pull.Applied == 0 {
		t.Fatalf("summary %+v", s)
	}
	onPortal := p.portalCustomers(t)
	local := d.localCustomers(t)
	for _, ref := range refs {
		if len(onPortal[ref]) != 1 {
			t.Fatalf("portal holds %d customers with ref %s", len(onPortal[ref]), ref)
		}
		if local[ref] != onPortal[ref][0] {
			t.Fatalf("ref %s: local customer ID %q, portal %q", ref, local[ref], onPortal[ref][0])
		}
	}
	cu, err := d.db.Customer(ctx, c.Ref)
	if err != nil || cu.State != showroom.StatePending {
		t.Fatalf("customer %+v %v", cu.State, err)
	}
	garage, err := d.db.Garage(ctx, c.Ref)
	if err != nil || len(garage) != 1 || !garage[0].Verified || garage[0].Model != "Fluence" {
		t.Fatalf("garage after pull: %+v %v", garage, err)
	}
	// A second round has nothing to do.
	s, err = d.engine.Round(ctx)
	if err != nil || s.Push != (PushStats{}) || s.Pull.Applied != 0 {
		t.Fatalf("second round %+v %v", s, err)
	}
}

func TestRejectedMutationNeedsAttentionAndIsNotRetried(t *testing.T) {
	p := newTestPortal(t)
	ctx := context.Background()
	other := p.newDevice(t, p.srv.URL, fastOptions())
	other.register(t, 7, 1)
	other.converge(t)

	d := p.newDevice(t, p.srv.URL, fastOptions())
	// The same e-mail registered on this device before it learnt of the
	// other's customer: the portal refuses it.
	if _, err := d.db.Register(ctx, registration(7)); err != nil {
		t.Fatal(err)
	}
	d.register(t, 8, 1)
	s, err := d.engine.Round(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Push.Applied != 1 || s.Push.Rejected != 1 || s.Outbox != 0 || s.Attention != 1 {
		t.Fatalf("summary %+v", s)
	}
	st, err := d.engine.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Online || st.Attention != 1 || len(st.AttentionItems) != 1 ||
		st.AttentionItems[0].Code != string(showroom.EEmailTaken) || st.AttentionItems[0].Type != api.TypeCustomerRegister {
		t.Fatalf("status %+v", st)
	}
	s, err = d.engine.Round(ctx)
	if err != nil || s.Push != (PushStats{}) || s.Attention != 1 {
		t.Fatalf("the rejection was pushed again: %+v %v", s, err)
	}
}

func TestStatusReportsOfflineThenOnline(t *testing.T) {
	p := newTestPortal(t)
	px := newFaultProxy(t, p.srv.Listener.Addr().String())
	o := fastOptions()
	o.Retries = 1
	d := p.newDevice(t, px.URL(), o)
	ctx := context.Background()

	st, err := d.engine.Status(ctx)
	if err != nil || st.Known || !st.LastSync.IsZero() {
		t.Fatalf("before any round: %+v %v", st, err)
	}
	px.set(faultRefuse)
	d.register(t, 0, 2)
	if _, err := d.engine.Round(ctx); !errors.Is(err, ErrOffline) {
		t.Fatalf("round through a refusing proxy: %v", err)
	}
	st, err = d.engine.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Known || st.Online || st.Outbox != 2 || st.LastErrorCode != CodeOffline || st.LastErrorAt.IsZero() || !st.LastSync.IsZero() {
		t.Fatalf("offline status %+v", st)
	}
	px.set(faultNone)
	if _, err := d.engine.Round(ctx); err != nil {
		t.Fatal(err)
	}
	st, err = d.engine.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Online || st.Outbox != 0 || st.LastSync.IsZero() || st.LastErrorCode != CodeOffline {
		t.Fatalf("online status %+v", st)
	}
	// The last sync survives a restart of the engine.
	again := New(Config{DB: d.db, Client: d.client})
	st2, err := again.Status(ctx)
	if err != nil || !st2.LastSync.Equal(st.LastSync) {
		t.Fatalf("after restart: %v, want %v (%v)", st2.LastSync, st.LastSync, err)
	}
}

func TestRunnerPushesOnGrowthAndAfterAnOutage(t *testing.T) {
	p := newTestPortal(t)
	px := newFaultProxy(t, p.srv.Listener.Addr().String())
	o := fastOptions()
	o.Retries = 1
	d := p.newDevice(t, px.URL(), o)
	statuses := make(chan Status, 100)
	// A long interval: only growth, kicks and recovery can start rounds.
	d.engine = New(Config{DB: d.db, Client: d.client, Interval: time.Hour, Probe: 20 * time.Millisecond,
		Watch: 10 * time.Millisecond, OnStatus: func(s Status) {
			select {
			case statuses <- s:
			default:
			}
		}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.engine.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	waitFor := func(what string, ok func(Status) bool) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case s := <-statuses:
				if ok(s) {
					return
				}
			case <-deadline:
				t.Fatalf("waited in vain for %s", what)
			}
		}
	}
	waitFor("first round", func(s Status) bool { return s.Known && s.Online })
	d.register(t, 0, 1)
	waitFor("the registration pushed on growth", func(s Status) bool { return s.Online && s.Outbox == 0 && !s.LastSync.IsZero() })

	px.set(faultRefuse)
	d.register(t, 1, 1)
	d.engine.Kick()
	waitFor("offline", func(s Status) bool { return !s.Online && s.Outbox == 1 })
	px.set(faultNone)
	waitFor("recovery", func(s Status) bool { return s.Online && s.Outbox == 0 })
	if got := p.portalCustomers(t); len(got) != 2 {
		t.Fatalf("portal holds %d customers, want 2", len(got))
	}
}

// TestRunnerWaitsTheRetryAfterThePortalAsks: a 429 whose Retry-After is
// longer than one call waits stops the runner — no probe, no round, kicks
// or not — until then.
func TestRunnerWaitsTheRetryAfterThePortalAsks(t *testing.T) {
	var mu stdsync.Mutex
	var pushes []time.Time
	health := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/healthz":
			health++
			json.NewEncoder(w).Encode(api.Health{Status: "ok"})
		case "/api/v1/sync/pull":
			json.NewEncoder(w).Encode(api.PullResponse{Changes: []api.Change{}, Next: r.URL.Query().Get("since")})
		case "/api/v1/sync/push":
			pushes = append(pushes, time.Now())
			if len(pushes) == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				json.NewEncoder(w).Encode(api.ErrorBody{Error: api.ErrorDetail{Code: showroom.ETooManyAttempts}})
				return
			}
			var req api.PushRequest
			json.NewDecoder(r.Body).Decode(&req)
			out := api.PushResponse{Results: []api.Result{}}
			for _, m := range req.Mutations {
				out.Results = append(out.Results, api.Result{ID: m.ID, Status: api.StatusApplied})
			}
			json.NewEncoder(w).Encode(out)
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Register(ctx, registration(1)); err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{DB: db, Client: c, Interval: time.Hour, Probe: 10 * time.Millisecond, Watch: 5 * time.Millisecond})
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; ; i++ {
		mu.Lock()
		n := len(pushes)
		mu.Unlock()
		if n >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d pushes", n)
		}
		if i%10 == 0 {
			e.Kick()
			if _, err := db.Register(ctx, registration(100+i)); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if gap := pushes[1].Sub(pushes[0]); gap < 900*time.Millisecond {
		t.Fatalf("pushed again after %v; the portal asked for 1 s", gap)
	}
	if health != 0 {
		t.Fatalf("%d health probes while told to wait", health)
	}
}
