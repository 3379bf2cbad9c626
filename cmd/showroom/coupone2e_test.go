package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// TestCouponRedeemedAtAnotherDealer runs a coupon's life through the real
// portal: printed and signed at dealer 006122, pushed, redeemed at dealer
// 007777's service desk (its check reaches the portal and verifies the
// signature with the issuer's key), and then refused at 006122 with when
// and where, as the portal answers.
func TestCouponRedeemedAtAnotherDealer(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	st, err := portal.OpenSQLite(ctx, filepath.Join(t.TempDir(), "portal.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := demo.New(demoSeed, demo.DefaultSizes())
	cab := g.Cabinet(0)
	err = st.Load(ctx, func(l *portal.Loader) error {
		for _, d := range []showroom.Dealer{{Code: "006122", Name: "Автомир-Екатеринбург"}, {Code: "007777", Name: "Рольф Восток"}} {
			if err := l.Dealer(d); err != nil {
				return err
			}
		}
		for _, o := range g.Offers() {
			if err := l.Offer(o); err != nil {
				return err
			}
		}
		return l.Cabinet(cab)
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(portal.NewServer(portal.Config{Store: st, Mailer: portal.DirMailer{Dir: t.TempDir()},
		PublicURL: "http://portal.test", Log: log}))
	t.Cleanup(srv.Close)

	// Two desks, one per dealer, enrolled and synced.
	enrolAt := func(dealer string) string {
		t.Helper()
		code, err := st.NewEnrollCode(ctx, dealer, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		var out, errb bytes.Buffer
		if c := run(ctx, []string{"enroll", "--portal", srv.URL, "--code", code, "--data", dir}, &out, &errb); c != 0 {
			t.Fatalf("enroll at %s: %s", dealer, errb.String())
		}
		syncDir(t, dir)
		return dir
	}
	here, there := enrolAt("006122"), enrolAt("007777")

	// Printed here and sent to the portal, which checks the signature.
	db := openStore(t, here)
	if _, _, err := db.VehicleOwner(ctx, showcaseVIN); err != nil {
		t.Fatalf("the pull did not bring the showcase car: %v", err)
	}
	doc, err := newPrintDesk(db, here).coupon(ctx, "KS200", showcaseVIN, showroom.Russian, "")
	if err != nil {
		t.Fatal(err)
	}
	issued := outbox(t, db, api.TypeCouponIssue)
	var m api.CouponIssue
	if len(issued) != 1 || json.Unmarshal(issued[0], &m) != nil {
		t.Fatalf("coupon.issue %s", issued)
	}
	db.Close()
	syncDir(t, here)

	// Redeemed at the other dealer: the portal confirms it, and the
	// issuing device's key (from the portal) verifies the scanned code.
	db = openStore(t, there)
	desk := newCouponDesk(db, there, client(t, there), log)
	chk, err := desk.Redeem(ctx, m.Payload)
	if err != nil || !chk.Redeemed || chk.Portal != staff.PortalConfirmed || chk.Signature != staff.SignatureValid {
		t.Fatalf("redemption at 007777: %+v, %v", chk, err)
	}
	db.Close()
	syncDir(t, there)

	// Back here: the portal says where and when it was redeemed.
	db = openStore(t, here)
	desk = newCouponDesk(db, here, client(t, here), log)
	chk, err = desk.Redeem(ctx, doc.Code)
	if err != nil || chk.Redeemed || chk.Refusal == nil {
		t.Fatalf("second redemption: %+v, %v", chk, err)
	}
	ru := chk.Refusal.(*showroom.Error).Text(showroom.Russian)
	if !strings.HasPrefix(ru, "Этот купон уже погашен ") || !strings.Contains(ru, "дилер: Рольф Восток (007777)") {
		t.Fatalf("refusal %q", ru)
	}
	if n := len(outbox(t, db, api.TypeCouponRedeem)); n != 0 {
		t.Fatalf("%d coupon.redeem mutations queued for a refused coupon", n)
	}
}

func syncDir(t *testing.T, dir string) {
	t.Helper()
	var out, errb bytes.Buffer
	if c := run(context.Background(), []string{"sync", "--data", dir}, &out, &errb); c != 0 {
		t.Fatalf("sync: exit %d: %s", c, errb.String())
	}
	if !strings.Contains(out.String(), "waiting: 0 in the outbox") {
		t.Fatalf("sync left work behind:\n%s", out.String())
	}
}

func openStore(t *testing.T, dir string) *localdb.DB {
	t.Helper()
	db, err := localdb.Open(context.Background(), dbPath(dir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func client(t *testing.T, dir string) *sync.Client {
	t.Helper()
	d, err := sync.LoadDevice(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := sync.NewClient(d, sync.Options{Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
