package portal

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom/portal/api"
)

// wpLogin tries a Welcome Pack login and returns the status, the error
// code and Retry-After.
func wpLogin(t *testing.T, p *testPortal, token, id, vin string) (int, string, string) {
	t.Helper()
	resp := p.raw(t, "POST", "/api/v1/welcome-pack/login", token, api.WelcomePackLogin{CustomerID: id, VIN: vin}, nil)
	defer resp.Body.Close()
	var e api.ErrorBody
	if resp.StatusCode != http.StatusOK {
		decodeBody(t, resp, &e)
	}
	return resp.StatusCode, string(e.Error.Code), resp.Header.Get("Retry-After")
}

// TestWelcomePackLockoutRunsFromTheFifthFailure: failures spread over 14
// minutes lock the customer ID for 15 minutes from the fifth, not only
// until the first of them is 15 minutes old.
func TestWelcomePackLockoutRunsFromTheFifthFailure(t *testing.T) {
	p := newTestPortal(t)
	welcomePackCustomer(t, p, "10000042")
	token := p.enroll(t, dealerA)
	start := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	now := start
	p.store.now = func() time.Time { return now }
	for i, m := range []time.Duration{0, 1, 2, 3, 14} {
		now = start.Add(m * time.Minute)
		if st, code, _ := wpLogin(t, p, token, "10000042", vinN(0)); st != http.StatusUnauthorized || code != "bad_credentials" {
			t.Fatalf("failure %d: %d %s", i+1, st, code)
		}
	}
	for _, tt := range []struct {
		name   string
		at     time.Duration
		status int
		retry  string
	}{
		{"at once", 14 * time.Minute, http.StatusTooManyRequests, "900"},
		// A sliding window would let the customer in from minute 15, when
		// the first failure leaves it.
		{"after the first failure is 15 minutes old", 15 * time.Minute, http.StatusTooManyRequests, "840"},
		{"half a second before the end", 29*time.Minute - 500*time.Millisecond, http.StatusTooManyRequests, "1"},
		{"15 minutes after the fifth failure", 29 * time.Minute, http.StatusOK, ""},
	} {
		now = start.Add(tt.at)
		st, code, retry := wpLogin(t, p, token, "10000042", knownVIN)
		if st != tt.status || retry != tt.retry || st == http.StatusTooManyRequests && code != "too_many_attempts" {
			t.Errorf("%s: %d %s, Retry-After %q; want %d, Retry-After %q", tt.name, st, code, retry, tt.status, tt.retry)
		}
	}
}

// TestWelcomePackLoginIsScopedToTheDealer: another dealer's device gets for
// a customer's right ID and VIN the answer it gets for an unknown login,
// never the names, and its attempts count towards the lock-out.
func TestWelcomePackLoginIsScopedToTheDealer(t *testing.T) {
	p := newTestPortal(t)
	welcomePackCustomer(t, p, "10000042") // dealer A's
	own, other := p.enroll(t, dealerA), p.enroll(t, dealerB)
	answer := func(token, id string) (int, string) {
		t.Helper()
		resp := p.raw(t, "POST", "/api/v1/welcome-pack/login", token, api.WelcomePackLogin{CustomerID: id, VIN: knownVIN}, nil)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, body := answer(own, "10000042"); st != http.StatusOK || !strings.Contains(body, "Иван") {
		t.Fatalf("the dealer's own device: %d %s", st, body)
	}
	st, body := answer(other, "10000042")
	unknownSt, unknown := answer(other, "10000099")
	if st != http.StatusUnauthorized || st != unknownSt || body != unknown || !strings.Contains(body, `"bad_credentials"`) {
		t.Errorf("another dealer's customer: %d %s; unknown login: %d %s", st, body, unknownSt, unknown)
	}
	if strings.Contains(body, "Иван") || strings.Contains(body, "Петров") {
		t.Errorf("the names reach another dealer: %s", body)
	}
	for range MaxLoginFailures - 1 {
		answer(other, "10000042")
	}
	if st, code, retry := wpLogin(t, p, own, "10000042", knownVIN); st != http.StatusTooManyRequests || code != "too_many_attempts" || retry == "" {
		t.Errorf("after 5 attempts from another dealer: %d %s, Retry-After %q", st, code, retry)
	}
}
