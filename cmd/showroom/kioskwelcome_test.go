package main

import (
	"context"
	"net"
	"testing"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/sync"
)

// TestKioskWelcomePackAsksThePortalThenItsCache: the kiosk's Welcome Pack
// login takes the portal's word when the portal answers, even where the
// cache would say otherwise, and the dealer's cached customers, with the
// same limit of wrong attempts, only when the portal cannot be reached.
func TestKioskWelcomePackAsksThePortalThenItsCache(t *testing.T) {
	ctx := context.Background()
	a := openDemo(t)
	const id, vin = "108589293", "VF1LZBR0542606589" // the demo's showcase customer and car

	// A portal that answers and knows nobody of the demo.
	srv, code := startPortal(t)
	dev, err := sync.Enroll(ctx, sync.Enrollment{PortalURL: srv.URL, Code: code, Name: "Киоск", Kind: "kiosk"}, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	online, err := sync.NewClient(dev, sync.Options{Timeout: 2 * time.Second, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	b := &kioskBackend{db: a.DB, portal: online}
	if _, _, err := b.WelcomePackLogin(ctx, id, vin); showroom.ErrorCode(err) != showroom.EBadCredentials {
		t.Fatalf("the portal refuses the login, the kiosk answers %v", err)
	}

	// A portal that cannot be reached: a port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dev.PortalURL = "http://" + l.Addr().String()
	l.Close()
	offline, err := sync.NewClient(dev, sync.Options{Timeout: 2 * time.Second, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	b.portal = offline
	c, _, err := b.WelcomePackLogin(ctx, id, vin)
	if err != nil || c.CustomerID != id || c.FirstName != "Полина" {
		t.Fatalf("offline, the cache's login: %+v %v", c, err)
	}
	for i := range 5 {
		if _, _, err := b.WelcomePackLogin(ctx, id, "VF1LZBR0542606590"); showroom.ErrorCode(err) != showroom.EBadCredentials {
			t.Fatalf("wrong VIN %d offline: %v", i+1, err)
		}
	}
	if _, wait, err := b.WelcomePackLogin(ctx, id, vin); showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait <= 0 {
		t.Fatalf("after 5 wrong attempts offline: %v, wait %v", err, wait)
	}
}
