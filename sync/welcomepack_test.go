package sync

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
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
