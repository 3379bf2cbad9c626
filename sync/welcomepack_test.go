package sync

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal"
	"github.com/myrenault/showroom/portal/api"
)

// TestWelcomePackLoginAnswers maps each of the portal's answers to what
// the kiosk acts on.
func TestWelcomePackLoginAnswers(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		var req api.WelcomePackLogin
		json.NewDecoder(r.Body).Decode(&req)
		switch req.CustomerID {
		case "good":
			if req.VIN != "VF1LZBR0542606589" {
				t.Errorf("VIN not normalised: %q", req.VIN)
			}
			json.NewEncoder(w).Encode(api.WelcomePackCustomer{CustomerID: "good", FirstName: "Пётр", LastName: "Семёнов"})
		case "locked":
			w.Header().Set("Retry-After", "600")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":{"code":"too_many_attempts"}}`))
		case "locked-briefly":
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":{"code":"too_many_attempts"}}`))
		case "locked-unsaid":
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":{"code":"too_many_attempts"}}`))
		case "down":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":{"code":"bad_credentials","field":"customer_id"}}`))
		}
	}))
	defer srv.Close()
	c, err := newClient(srv.URL, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, _, err := c.WelcomePackLogin(ctx, " good ", "vf1lzbr0542606589")
	if err != nil || got.FirstName != "Пётр" {
		t.Fatalf("good: %+v, %v", got, err)
	}
	_, _, err = c.WelcomePackLogin(ctx, "wrong", "VF1LZBR0542606589")
	if showroom.ErrorCode(err) != showroom.EBadCredentials {
		t.Fatalf("wrong: %v", err)
	}
	calls = 0
	_, wait, err := c.WelcomePackLogin(ctx, "locked", "VF1LZBR0542606589")
	if showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait != 600*time.Second || calls != 1 {
		t.Fatalf("locked: %v, wait %v, %d calls", err, wait, calls)
	}
	// A short Retry-After, or none, is no reason to retry either: resty
	// would wait it out (or back off) and send the login again.
	for _, id := range []string{"locked-briefly", "locked-unsaid"} {
		calls = 0
		_, wait, err = c.WelcomePackLogin(ctx, id, "VF1LZBR0542606589")
		if showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait != 0 || calls != 1 {
			t.Fatalf("%s: %v, wait %v, %d calls", id, err, wait, calls)
		}
	}
	_, _, err = c.WelcomePackLogin(ctx, "down", "VF1LZBR0542606589")
	if !errors.Is(err, ErrOffline) {
		t.Fatalf("down: %v", err)
	}
}

// TestWelcomePackAtTheKioskReachesThePortal logs a Welcome Pack customer
// in against the real portal, activates the account in the local store as
// the kiosk does, and pushes it: the portal applies it.
func TestWelcomePackAtTheKioskReachesThePortal(t *testing.T) {
	p := newTestPortal(t)
	err := p.store.Load(context.Background(), func(l *portal.Loader) error {
		return l.Cabinet(showroom.Cabinet{
			Customer: showroom.Customer{ID: "10000042", State: showroom.StateActive, DealerCode: dealerA,
				Source: showroom.SourceWelcomePack, Personal: showroom.PersonalData{FirstName: "Иван", LastName: "Петров"}},
			Garage: []showroom.Vehicle{{ID: "wp-10000042", VIN: knownVIN, Verified: true}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	d := p.newDevice(t, p.srv.URL, fastOptions())
	ctx := context.Background()
	c, _, err := d.client.WelcomePackLogin(ctx, "10000042", knownVIN)
	if err != nil || c.FirstName != "Иван" {
		t.Fatalf("login: %+v, %v", c, err)
	}
	if _, _, err := d.client.WelcomePackLogin(ctx, "10000042", "X7LHSJTL6T2009814"); showroom.ErrorCode(err) != showroom.EBadCredentials {
		t.Fatalf("wrong VIN: %v", err)
	}
	err = d.db.ActivateWelcomePack(ctx, localdb.WelcomePackActivation{CustomerID: "10000042", FirstName: c.FirstName,
		LastName: c.LastName, Email: "ivan@example.ru", PreferredChannel: showroom.ChannelEmail,
		Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", TextSHA256: consentSH, GivenAt: time.Now().UTC()}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.engine.Round(ctx)
	if err != nil || s.Push.Applied != 1 || s.Outbox != 0 || s.Attention != 0 {
		t.Fatalf("round: %+v, %v", s, err)
	}
}

// TestWelcomePackLoginIsNotRetriedOn429 locks a customer ID on the real
// portal with five failed logins and asks again two seconds before the lock
// ends. The portal answers 429 with a Retry-After of 2 s, which the client
// would otherwise wait out and follow with the same login: a sixth attempt
// the customer did not make, counted against them. The 429 reaches the
// kiosk at once and the portal sees the login once.
func TestWelcomePackLoginIsNotRetriedOn429(t *testing.T) {
	var mu stdsync.Mutex
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	p := newTestPortalAt(t, clock)
	err := p.store.Load(context.Background(), func(l *portal.Loader) error {
		return l.Cabinet(showroom.Cabinet{
			Customer: showroom.Customer{ID: "10000042", State: showroom.StateActive, DealerCode: dealerA,
				Source: showroom.SourceWelcomePack, Personal: showroom.PersonalData{FirstName: "Иван", LastName: "Петров"}},
			Garage: []showroom.Vehicle{{ID: "wp-10000042", VIN: knownVIN, Verified: true}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// The proxy counts the requests that reach the portal.
	px := newFaultProxy(t, p.srv.Listener.Addr().String())
	// The production retry settings: Retry-After up to 5 s is waited out.
	d := p.newDevice(t, px.URL(), Options{})
	ctx := context.Background()
	for i := range portal.MaxLoginFailures {
		if _, _, err := d.client.WelcomePackLogin(ctx, "10000042", "X7LHSJTL6T2009814"); showroom.ErrorCode(err) != showroom.EBadCredentials {
			t.Fatalf("failed login %d: %v", i+1, err)
		}
	}
	mu.Lock()
	now = now.Add(portal.LoginWindow - 2*time.Second)
	mu.Unlock()
	before := px.faultCounts()[faultNone]
	start := time.Now()
	_, wait, err := d.client.WelcomePackLogin(ctx, "10000042", knownVIN)
	took := time.Since(start)
	if showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait != 2*time.Second {
		t.Fatalf("locked login: %v, wait %v; want too_many_attempts and 2 s", err, wait)
	}
	if n := px.faultCounts()[faultNone] - before; n != 1 {
		t.Fatalf("the locked login reached the portal %d times", n)
	}
	if took >= 2*time.Second {
		t.Fatalf("the locked login took %v: the client waited for the lock", took)
	}
	if n := p.count(t, `SELECT count(*) FROM login_failures WHERE customer_id = ?`, "10000042"); n != portal.MaxLoginFailures {
		t.Fatalf("the portal counts %d failed logins, want %d", n, portal.MaxLoginFailures)
	}
}
