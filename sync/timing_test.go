package sync

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom/localdb"
)

// silentPortal is a real listener on loopback that accepts connections
// and never answers on them: a portal whose process hangs.
type silentPortal struct {
	ln       net.Listener
	mu       stdsync.Mutex
	conns    []net.Conn
	accepted chan struct{} // one value per accepted connection, never blocking
}

func newSilentPortal(tb testing.TB) *silentPortal {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s := &silentPortal{ln: ln, accepted: make(chan struct{}, 100)}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
			select {
			case s.accepted <- struct{}{}:
			default:
			}
		}
	}()
	tb.Cleanup(func() {
		ln.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, c := range s.conns {
			c.Close()
		}
	})
	return s
}

func (s *silentPortal) URL() string { return "http://" + s.ln.Addr().String() }

func (s *silentPortal) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// waitAccepted waits until a request has reached the listener.
func (s *silentPortal) waitAccepted(tb testing.TB) {
	tb.Helper()
	select {
	case <-s.accepted:
	case <-time.After(10 * time.Second):
		tb.Fatal("no connection reached the listener")
	}
}

// openStore opens an empty local store of a device.
func openStore(tb testing.TB) *localdb.DB {
	tb.Helper()
	db, err := localdb.Open(context.Background(), filepath.Join(tb.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestSilentPortalTimesOut: every attempt at a portal that accepts the
// connection and never answers ends at Options.Timeout, so the call
// returns after about Timeout × attempts with an error saying that it
// timed out and after how long, and the sync status says the same.
func TestSilentPortalTimesOut(t *testing.T) {
	s := newSilentPortal(t)
	const timeout = 300 * time.Millisecond
	o := Options{Timeout: timeout, Retries: 2, RetryWait: 10 * time.Millisecond, RetryMaxWait: 20 * time.Millisecond}
	c, err := NewClient(Device{PortalURL: s.URL(), Token: "tok"}, o)
	if err != nil {
		t.Fatal(err)
	}
	const attempts = 3
	start := time.Now()
	_, err = c.Pull(context.Background(), "", 10)
	took := time.Since(start)
	const want = "portal unreachable: timed out: no answer within 300ms"
	if !errors.Is(err, ErrOffline) || OfflineReason(err) != ReasonTimeout || err == nil || err.Error() != want {
		t.Fatalf("error %v (reason %q), want %q", err, OfflineReason(err), want)
	}
	if took < attempts*timeout-50*time.Millisecond || took > attempts*timeout+time.Second {
		t.Fatalf("returned after %v; want about %v (%d attempts of %v)", took, attempts*timeout, attempts, timeout)
	}
	if n := s.count(); n < attempts {
		t.Fatalf("%d connections, want one per attempt (%d)", n, attempts)
	}

	// A round fails the same way, and the status keeps the reason.
	e := New(Config{DB: openStore(t), Client: c})
	if _, err := e.Round(context.Background()); OfflineReason(err) != ReasonTimeout {
		t.Fatalf("round: %v", err)
	}
	st, err := e.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Online || st.LastErrorCode != CodeOffline || st.LastErrorReason != ReasonTimeout || st.LastError != want {
		t.Fatalf("status %+v", st)
	}
}

// TestBackoffGrowsWithJitter records when a portal answering 503 (with
// no Retry-After, so that resty's exponential backoff with jitter
// applies) is asked again: attempt k waits between half and all of
// RetryWait·2^k, at least RetryWait and at most RetryMaxWait, so the waits
// grow, stop growing at the cap, and differ from call to call.
func TestBackoffGrowsWithJitter(t *testing.T) {
	const base, ceiling = 50 * time.Millisecond, 400 * time.Millisecond
	const retries = 5 // the last wait meets the cap
	// Scheduling on a busy machine lengthens a wait, never shortens it.
	const early, late = 5 * time.Millisecond, 150 * time.Millisecond
	o := Options{Timeout: 2 * time.Second, Retries: retries, RetryWait: base, RetryMaxWait: ceiling}
	var where []float64 // each jittered wait's place in its window, 0 to 1
	for call := range 3 {
		s := &scripted{statuses: slices.Repeat([]int{http.StatusServiceUnavailable}, retries+1)}
		srv := httptest.NewServer(s)
		defer srv.Close()
		c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, o)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Push(context.Background(), nil)
		if !errors.Is(err, ErrOffline) || OfflineReason(err) != ReasonPortalFault {
			t.Fatalf("503s outliving the retries: %v (reason %q)", err, OfflineReason(err))
		}
		if s.calls() != retries+1 {
			t.Fatalf("%d calls, want %d", s.calls(), retries+1)
		}
		s.mu.Lock()
		var waits []time.Duration
		for i := 1; i < len(s.times); i++ {
			waits = append(waits, s.times[i].Sub(s.times[i-1]))
		}
		s.mu.Unlock()
		for k, w := range waits {
			top := min(base<<k, ceiling)
			bottom := max(top/2, base)
			if w < bottom-early || w > top+late {
				t.Errorf("call %d: wait %d is %v, want %v to %v", call, k, w, bottom, top)
			}
			if k >= 2 && w <= waits[k-2] {
				t.Errorf("call %d: wait %d (%v) is not longer than wait %d (%v)", call, k, w, k-2, waits[k-2])
			}
			if top/2 > base {
				where = append(where, float64(w-top/2)/float64(top/2))
			}
		}
		if last := waits[len(waits)-1]; last > ceiling+late {
			t.Errorf("call %d: the last wait %v passed the cap %v", call, last, ceiling)
		}
		t.Logf("call %d waits %v", call, waits)
	}
	// Without jitter every wait would sit at the same place in its window.
	if lo, hi := slices.Min(where), slices.Max(where); hi-lo < 0.2 {
		t.Fatalf("the waits sit at %v of their windows: no jitter", where)
	}
}

// TestCancelStopsACall: cancelling the context while a request hangs, or
// while the client waits before a retry, ends the call at once with
// context.Canceled.
func TestCancelStopsACall(t *testing.T) {
	t.Run("request hangs", func(t *testing.T) {
		s := newSilentPortal(t)
		c, err := NewClient(Device{PortalURL: s.URL(), Token: "tok"}, Options{Timeout: 30 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		checkCancelled(t, func(ctx context.Context) error { _, err := c.Pull(ctx, "", 10); return err },
			func() { s.waitAccepted(t) })
	})
	t.Run("waiting to retry", func(t *testing.T) {
		s, c := busyPortal(t)
		checkCancelled(t, func(ctx context.Context) error { _, err := c.Push(ctx, nil); return err },
			func() { waitCalls(t, s, 1) })
		time.Sleep(50 * time.Millisecond)
		if n := s.calls(); n != 1 {
			t.Fatalf("%d calls after the cancellation, want 1", n)
		}
	})
}

// checkCancelled runs call, cancels its context once started says it is
// under way, and checks that it returns promptly with context.Canceled.
func checkCancelled(t *testing.T, call func(context.Context) error, started func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- call(ctx) }()
	started()
	time.Sleep(50 * time.Millisecond) // well into the hang or the wait
	cancel()
	at := time.Now()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled call: %v", err)
		}
		if took := time.Since(at); took > time.Second {
			t.Fatalf("returned %v after the cancellation", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the call did not return after the cancellation")
	}
}

func waitCalls(t *testing.T, s *scripted, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.calls() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d calls, want %d", s.calls(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestRunStopsWhenCancelledMidCall: Run returns promptly when the app
// closes while a round's request hangs or waits to be retried.
func TestRunStopsWhenCancelledMidCall(t *testing.T) {
	run := func(t *testing.T, c *Client, started func()) {
		t.Helper()
		db := openStore(t)
		if _, err := db.Register(context.Background(), registration(1)); err != nil {
			t.Fatal(err)
		}
		e := New(Config{DB: db, Client: c, Interval: time.Hour})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan struct{})
		go func() { e.Run(ctx); close(done) }()
		started()
		time.Sleep(50 * time.Millisecond)
		cancel()
		at := time.Now()
		select {
		case <-done:
			if took := time.Since(at); took > time.Second {
				t.Fatalf("Run returned %v after the cancellation", took)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after the cancellation")
		}
		// Stopping is not a failed round.
		if st, err := e.Status(context.Background()); err != nil || st.LastErrorCode != "" || st.Outbox == 0 {
			t.Fatalf("status after stopping: %+v %v", st, err)
		}
	}
	t.Run("request hangs", func(t *testing.T) {
		s := newSilentPortal(t)
		c, err := NewClient(Device{PortalURL: s.URL(), Token: "tok"}, Options{Timeout: 30 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		run(t, c, func() { s.waitAccepted(t) })
	})
	t.Run("waiting to retry", func(t *testing.T) {
		s, c := busyPortal(t)
		run(t, c, func() { waitCalls(t, s, 1) })
	})
}

// busyPortal is a portal that answers 503 to ten calls and a client that
// waits 30 s before it asks again.
func busyPortal(t *testing.T) (*scripted, *Client) {
	t.Helper()
	s := &scripted{statuses: slices.Repeat([]int{http.StatusServiceUnavailable}, 10)}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"},
		Options{Timeout: time.Second, RetryWait: 30 * time.Second, RetryMaxWait: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}
