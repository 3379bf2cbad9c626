package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

func TestCheckPortalURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://portal.myrenault.ru", true},
		{"https://portal.myrenault.ru/base/", true},
		{"http://127.0.0.1:8080", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"http://127.8.9.10", true},
		{"http://portal.myrenault.ru", false},
		{"http://10.0.0.5:8080", false},
		{"http://127.0.0.1.example.com", false},
		{"ftp://127.0.0.1", false},
		{"portal.myrenault.ru", false},
		{"https://user:pass@portal.myrenault.ru", false},
		{"", false},
	} {
		_, err := CheckPortalURL(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPortalURL(%q) = %v, want ok=%v", tc.url, err, tc.ok)
		}
	}
	_, err := NewClient(Device{PortalURL: "http://portal.myrenault.ru", Token: "t"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "plain HTTP") {
		t.Fatalf("plain HTTP to a remote host: %v", err)
	}
	_, err = Enroll(context.Background(), Enrollment{PortalURL: "http://192.0.2.1", Code: "c"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "plain HTTP") {
		t.Fatalf("enrolment over plain HTTP to a remote host: %v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
	} {
		got, ok := parseRetryAfter(tc.v, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.v, got, ok, tc.want, tc.ok)
		}
	}
}

// scripted answers requests with a list of statuses, then 200, and
// records what it received.
type scripted struct {
	mu         stdsync.Mutex
	statuses   []int
	retryAfter string
	bodies     [][]byte
	times      []time.Time
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, b)
	s.times = append(s.times, time.Now())
	st := http.StatusOK
	if n < len(s.statuses) {
		st = s.statuses[n]
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if st == http.StatusTemporaryRedirect {
		w.Header().Set("Location", "https://elsewhere.example/")
	}
	if st == http.StatusTooManyRequests && s.retryAfter != "" {
		w.Header().Set("Retry-After", s.retryAfter)
	}
	w.WriteHeader(st)
	if st != http.StatusOK {
		json.NewEncoder(w).Encode(api.ErrorBody{Error: api.ErrorDetail{Code: "some_code", Message: "m"}})
		return
	}
	var req api.PushRequest
	json.Unmarshal(b, &req)
	out := api.PushResponse{Results: []api.Result{}}
	for _, m := range req.Mutations {
		out.Results = append(out.Results, api.Result{ID: m.ID, Status: api.StatusApplied})
	}
	json.NewEncoder(w).Encode(out)
}

func (s *scripted) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

func TestRetryPolicy(t *testing.T) {
	for _, tc := range []struct {
		name     string
		statuses []int
		calls    int
		ok       bool
		offline  bool
	}{
		{"500 then ok", []int{500}, 2, true, false},
		{"502 503 504 then ok", []int{502, 503, 504}, 4, true, false},
		{"429 then ok", []int{429}, 2, true, false},
		{"5xx outlives the retries", []int{500, 500, 500, 500, 500}, 4, false, true},
		{"400 is final", []int{400}, 1, false, false},
		{"401 is final", []int{401}, 1, false, false},
		{"403 is final", []int{403}, 1, false, false},
		{"404 is final", []int{404}, 1, false, false},
		{"409 is final", []int{409}, 1, false, false},
		{"413 is final", []int{413}, 1, false, false},
		{"422 is final", []int{422}, 1, false, false},
		{"a redirect is final and not followed", []int{307}, 1, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &scripted{statuses: tc.statuses}
			srv := httptest.NewServer(s)
			defer srv.Close()
			o := fastOptions()
			c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, o)
			if err != nil {
				t.Fatal(err)
			}
			m := api.Mutation{ID: "key-1", Type: api.TypeCustomerRegister, At: time.Now().UTC(), Data: json.RawMessage(`{}`)}
			_, err = c.Push(context.Background(), []api.Mutation{m})
			if (err == nil) != tc.ok || errors.Is(err, ErrOffline) != tc.offline {
				t.Fatalf("err = %v; want ok=%v offline=%v", err, tc.ok, tc.offline)
			}
			if s.calls() != tc.calls {
				t.Fatalf("%d calls, want %d", s.calls(), tc.calls)
			}
			// Every attempt of the POST carried the same body, so the same
			// idempotency key.
			for i, b := range s.bodies {
				if !bytes.Equal(b, s.bodies[0]) || !bytes.Contains(b, []byte(`"id":"key-1"`)) {
					t.Fatalf("attempt %d sent %s, first %s", i, b, s.bodies[0])
				}
			}
			if !tc.ok && !tc.offline {
				var ae *APIError
				if !errors.As(err, &ae) || ae.Status != tc.statuses[0] || ae.Code != "some_code" {
					t.Fatalf("error %#v", err)
				}
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	s := &scripted{statuses: []int{429}, retryAfter: "1"}
	srv := httptest.NewServer(s)
	defer srv.Close()
	o := fastOptions()
	o.RetryMaxWait = 2 * time.Second // backoff alone would wait milliseconds
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Push(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if s.calls() != 2 {
		t.Fatalf("%d calls, want 2", s.calls())
	}
	if gap := s.times[1].Sub(s.times[0]); gap < 900*time.Millisecond {
		t.Fatalf("retried after %v, Retry-After said 1 s", gap)
	}

	// A Retry-After beyond what one call waits ends the call; the runner
	// comes back later.
	s = &scripted{statuses: []int{429, 429}, retryAfter: "120"}
	srv2 := httptest.NewServer(s)
	defer srv2.Close()
	c, err = NewClient(Device{PortalURL: srv2.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Push(context.Background(), nil); !errors.Is(err, ErrOffline) || s.calls() != 1 {
		t.Fatalf("long Retry-After: %v after %d calls", err, s.calls())
	}
}

func TestNetworkErrorsAreRetriedAndContextStops(t *testing.T) {
	// A listener that closes every connection at once: a network error.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu stdsync.Mutex
	accepted := 0
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			accepted++
			mu.Unlock()
			c.Close()
		}
	}()
	defer ln.Close()
	c, err := NewClient(Device{PortalURL: "http://" + ln.Addr().String(), Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Push(context.Background(), nil); !errors.Is(err, ErrOffline) {
		t.Fatalf("closed connections: %v", err)
	}
	mu.Lock()
	n := accepted
	mu.Unlock()
	if n < 4 { // the first attempt and 3 retries (the transport may add its own)
		t.Fatalf("%d connections, want at least 4", n)
	}

	// A cancelled context stops the call and is not "offline".
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Push(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// TestPushRetriedAfterALostAnswerIsADuplicate loses the portal's answer
// after it committed: the retry carries the same idempotency key and the
// portal answers duplicate, so the registration exists once.
func TestPushRetriedAfterALostAnswerIsADuplicate(t *testing.T) {
	p := newTestPortal(t)
	var mu stdsync.Mutex
	var ids [][]string
	lose := true
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/sync/push" {
			b, _ := io.ReadAll(r.Body)
			var req api.PushRequest
			json.Unmarshal(b, &req)
			var got []string
			for _, m := range req.Mutations {
				got = append(got, m.ID)
			}
			mu.Lock()
			ids = append(ids, got)
			first := lose
			lose = false
			mu.Unlock()
			r.Body = io.NopCloser(bytes.NewReader(b))
			if first {
				p.srv.Config.Handler.ServeHTTP(httptest.NewRecorder(), r) // committed, answer lost
				w.WriteHeader(http.StatusBadGateway)
				return
			}
		}
		p.srv.Config.Handler.ServeHTTP(w, r)
	}))
	defer front.Close()
	d := p.newDevice(t, front.URL, fastOptions())
	refs := d.register(t, 0, 2)
	s, err := d.engine.Round(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Push.Duplicate != 2 || s.Push.Applied != 0 || s.Outbox != 0 {
		t.Fatalf("summary %+v", s)
	}
	if len(ids) != 2 || strings.Join(ids[0], ",") != strings.Join(ids[1], ",") {
		t.Fatalf("pushed ids %v", ids)
	}
	on := p.portalCustomers(t)
	for _, ref := range refs {
		if len(on[ref]) != 1 {
			t.Fatalf("ref %s on the portal %d times", ref, len(on[ref]))
		}
	}
}

// TestTokenNeverLogged runs enrolment, rounds, failures and refusals with
// a debug log and checks that neither the log nor any error shows the
// device token.
func TestTokenNeverLogged(t *testing.T) {
	p := newTestPortal(t)
	px := newFaultProxy(t, p.srv.Listener.Addr().String())
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	o := fastOptions()
	o.Log = log
	d := p.newDevice(t, px.URL(), o)
	d.engine = New(Config{DB: d.db, Client: d.client, Log: log})
	ctx := context.Background()
	var errs []error
	d.register(t, 0, 3)
	for i, f := range []fault{faultNone, faultRandom, fault500, faultCut, faultRefuse, faultNone} {
		px.set(f)
		_, err := d.engine.Round(ctx)
		errs = append(errs, err)
		st, _ := d.engine.Status(ctx)
		errs = append(errs, errors.New(st.LastError))
		d.register(t, 10+i, 1)
	}
	// A revoked-looking token: the portal answers 401.
	bad := d.dev
	bad.Token = d.dev.Token + "x"
	c, err := NewClient(bad, o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Push(ctx, nil)
	if showroom.ErrorCode(err) != showroom.EUnauthorized {
		t.Fatalf("wrong token: %v", err)
	}
	errs = append(errs, err)
	log.Info("device", "device", d.dev)
	for _, e := range errs {
		if e != nil && strings.Contains(e.Error(), d.dev.Token) {
			t.Fatalf("an error shows the token: %v", e)
		}
	}
	if buf.Len() == 0 {
		t.Fatal("nothing was logged: the test proves nothing")
	}
	if strings.Contains(buf.String(), d.dev.Token) || strings.Contains(buf.String(), "Bearer") {
		t.Fatalf("the log shows the token:\n%s", buf.String())
	}
	if strings.Contains(buf.String(), "polina") {
		t.Fatalf("the log shows personal data:\n%s", buf.String())
	}
}

type syncBuffer struct {
	mu stdsync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestEnrollSavesKeyAndPrefix(t *testing.T) {
	p := newTestPortal(t)
	d := p.enroll(t, dealerA, p.srv.URL)
	if d.DeviceID == "" || d.Token == "" || d.Dealer.Code != dealerA || len(d.CouponPrefix) != showroom.PrefixLen ||
		len(d.SigningKey) == 0 || d.Kind != api.KindDesk {
		t.Fatalf("device %+v prefix %q", d, d.CouponPrefix)
	}
	dir := t.TempDir()
	if err := SaveDevice(dir, d); err != nil {
		t.Fatal(err)
	}
	got, err := LoadDevice(dir)
	if err != nil || got.Token != d.Token || !got.SigningKey.Equal(d.SigningKey) {
		t.Fatalf("device file: %v", err)
	}
	// The code is single-use.
	code, err := p.store.NewEnrollCode(context.Background(), dealerA, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	e := Enrollment{PortalURL: p.srv.URL, Code: code, Name: "Киоск", Kind: api.KindKiosk}
	if _, err := Enroll(context.Background(), e, fastOptions()); err != nil {
		t.Fatal(err)
	}
	_, err = Enroll(context.Background(), e, fastOptions())
	if showroom.ErrorCode(err) != api.CodeBadEnrollmentCode {
		t.Fatalf("reused code: %v", err)
	}
}

func TestCouponStatus(t *testing.T) {
	p := newTestPortal(t)
	d := p.newDevice(t, p.srv.URL, fastOptions())
	ctx := context.Background()
	unknown, err := showroom.NewCouponCode(d.dev.CouponPrefix, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.client.Coupon(ctx, unknown); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("unknown coupon: %v", err)
	}
	// Issue one through the outbox, as the service desk does.
	r := registration(1)
	r.VIN, r.EngineNumber = knownVIN, knownEng
	c, err := d.db.Register(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	code, err := showroom.NewCouponCode(d.dev.CouponPrefix, nil)
	if err != nil {
		t.Fatal(err)
	}
	issued := time.Now().UTC().Truncate(time.Second)
	payload := showroom.SignCoupon(d.dev.SigningKey, showroom.Coupon{Code: code, OfferID: offerID, VIN: knownVIN, IssuedAt: issued})
	err = d.db.Update(ctx, func(tx *localdb.Tx) error {
		_, err := tx.Enqueue(api.TypeCouponIssue, api.CouponIssue{CustomerKey: api.CustomerKey{CustomerRef: c.Ref},
			Code: code, OfferID: offerID, VIN: knownVIN, IssuedAt: issued, Payload: payload})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.engine.Round(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Push.Applied != 2 {
		st, _ := d.engine.Status(ctx)
		t.Fatalf("summary %+v, attention %+v", s, st.AttentionItems)
	}
	cs, err := d.client.Coupon(ctx, code)
	if err != nil || cs.Code != code || cs.OfferID != offerID || cs.VINTail != knownVIN[11:] {
		t.Fatalf("coupon status %+v %v", cs, err)
	}
	// The pull brought the coupon into the local cache.
	if lc, err := d.db.Coupon(ctx, code); err != nil || lc.VIN != knownVIN {
		t.Fatalf("local coupon %+v %v", lc, err)
	}
}
