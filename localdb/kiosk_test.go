package localdb

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/myrenault/showroom"
)

// clockDB opens a store whose clock the test moves.
func clockDB(t *testing.T) (*DB, *time.Time) {
	t.Helper()
	now := testNow
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "showroom.db"),
		Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, &now
}

// welcomePackCustomer caches a Welcome Pack customer with a car and an
// order, as the sync pull leaves them.
func welcomePackCustomer(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	err := db.Update(ctx, func(tx *Tx) error {
		c := showroom.Customer{Ref: "ref-1", ID: "RU1000042", State: showroom.StateActive,
			Personal: showroom.PersonalData{FirstName: "Пётр", LastName: "Семёнов", Email: "petr@example.ru"}}
		if _, err := tx.PutCustomer(c); err != nil {
			return err
		}
		if _, err := tx.AddVehicle(showroom.Vehicle{CustomerRef: "ref-1", VIN: "VF1LZBR0542606589"}); err != nil {
			return err
		}
		arrived := testNow.Add(-2 * 24 * time.Hour)
		return tx.PutOrder(showroom.Order{Number: "0061220040234", CustomerRef: "ref-1", Status: showroom.OrderAtDealer,
			History: []showroom.OrderEvent{{Status: showroom.OrderReceived, At: arrived.Add(-40 * 24 * time.Hour)},
				{Status: showroom.OrderAtDealer, At: arrived}}})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOrderForCustomer(t *testing.T) {
	db := mustOpen(t)
	welcomePackCustomer(t, db)
	ctx := context.Background()
	n, _ := showroom.ParseOrderNumber("0061220040234")
	for _, name := range []string{"Семёнов", "семенов", " СЕМЁНОВ "} {
		o, err := db.OrderForCustomer(ctx, n, name)
		if err != nil || o.Number != "0061220040234" || len(o.History) != 2 {
			t.Fatalf("%q: %+v, %v", name, o, err)
		}
	}
	_, err := db.OrderForCustomer(ctx, n, "Иванов")
	wantCode(t, err, showroom.EUnknownOrder)
	other, _ := showroom.ParseOrderNumber("0061220040235")
	_, err = db.OrderForCustomer(ctx, other, "Семёнов")
	wantCode(t, err, showroom.EUnknownOrder)
	_, err = db.OrderForCustomer(ctx, n, "")
	wantCode(t, err, showroom.EInvalidName)
}

func TestWelcomePackLoginOffline(t *testing.T) {
	db, now := clockDB(t)
	welcomePackCustomer(t, db)
	ctx := context.Background()
	c, _, err := db.WelcomePackLogin(ctx, "RU1000042", "vf1lzbr0542606589")
	if err != nil || c.Personal.FirstName != "Пётр" {
		t.Fatalf("good pair: %+v, %v", c, err)
	}
	for range WelcomePackMaxFailures {
		_, _, err := db.WelcomePackLogin(ctx, "RU1000042", "VF1LZBR0542606580")
		wantCode(t, err, showroom.EBadCredentials)
		*now = now.Add(time.Minute)
	}
	// The sixth attempt, even with the right VIN, waits until 15 minutes
	// after the fifth failure, a minute ago.
	_, wait, err := db.WelcomePackLogin(ctx, "RU1000042", "VF1LZBR0542606589")
	wantCode(t, err, showroom.ETooManyAttempts)
	if wait != WelcomePackLockout-time.Minute {
		t.Fatalf("wait %v", wait)
	}
	// Another customer ID is not locked.
	_, _, err = db.WelcomePackLogin(ctx, "RU1000043", "VF1LZBR0542606589")
	wantCode(t, err, showroom.EBadCredentials)
	*now = now.Add(wait)
	if _, _, err := db.WelcomePackLogin(ctx, "RU1000042", "VF1LZBR0542606589"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// TestWelcomePackLockoutOfflineRunsFromTheFifthFailure: the offline check
// locks as the portal does, for 15 minutes from the fifth failure, however
// long before it the first was.
func TestWelcomePackLockoutOfflineRunsFromTheFifthFailure(t *testing.T) {
	db, now := clockDB(t)
	welcomePackCustomer(t, db)
	ctx := context.Background()
	start := *now
	for _, m := range []time.Duration{0, 1, 2, 3, 14} {
		*now = start.Add(m * time.Minute)
		_, _, err := db.WelcomePackLogin(ctx, "RU1000042", "VF1LZBR0542606580")
		wantCode(t, err, showroom.EBadCredentials)
	}
	for _, tt := range []struct {
		name string
		at   time.Duration
		wait time.Duration // 0: the login succeeds
	}{
		{"at once", 14 * time.Minute, 15 * time.Minute},
		// A sliding window would let the customer in from minute 15.
		{"after the first failure is 15 minutes old", 15 * time.Minute, 14 * time.Minute},
		{"a second before the end", 29*time.Minute - time.Second, time.Second},
		{"15 minutes after the fifth failure", 29 * time.Minute, 0},
	} {
		*now = start.Add(tt.at)
		c, wait, err := db.WelcomePackLogin(ctx, "RU1000042", "VF1LZBR0542606589")
		if tt.wait == 0 {
			if err != nil || c.Personal.FirstName != "Пётр" {
				t.Errorf("%s: %+v, %v", tt.name, c, err)
			}
			continue
		}
		if showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait != tt.wait {
			t.Errorf("%s: wait %v, %v; want %v", tt.name, wait, err, tt.wait)
		}
	}
}

func TestActivateWelcomePack(t *testing.T) {
	db := mustOpen(t)
	welcomePackCustomer(t, db)
	ctx := context.Background()
	before := count(t, db, "outbox")
	a := WelcomePackActivation{CustomerID: "RU1000042", FirstName: "Пётр", LastName: "Семёнов",
		Email: "petr@example.ru", PreferredChannel: showroom.ChannelEmail, Consent: draft().Consent}
	a.Consent.Marketing = true
	if err := db.ActivateWelcomePack(ctx, a); err != nil {
		t.Fatal(err)
	}
	if count(t, db, "welcome_pack_activations") != 1 || count(t, db, "consents") != 1 || count(t, db, "outbox") != before+1 {
		t.Fatal("activation, consent and outbox row expected")
	}
	c, _ := db.Customer(ctx, "ref-1")
	if !c.Personal.MarketingConsent || c.Personal.PreferredChannel != showroom.ChannelEmail {
		t.Fatalf("customer not updated: %+v", c.Personal)
	}
	ms, _ := db.PendingMutations(ctx, 100)
	last := ms[len(ms)-1]
	var sent map[string]any
	json.Unmarshal(last.Data, &sent)
	if last.Type != MutationWelcomePackActivate || sent["customer_id"] != "RU1000042" || sent["email"] != "petr@example.ru" {
		t.Fatalf("outbox row %s %v", last.Type, sent)
	}
	// A customer not cached here still reaches the portal.
	a.CustomerID = "RU1000099"
	if err := db.ActivateWelcomePack(ctx, a); err != nil || count(t, db, "welcome_pack_activations") != 2 ||
		count(t, db, "consents") != 1 || count(t, db, "outbox") != before+2 {
		t.Fatalf("uncached: %v", err)
	}
	a.Email = "petr@gmail"
	if err := db.ActivateWelcomePack(ctx, a); showroom.ErrorCode(err) != showroom.EInvalid {
		t.Fatalf("bad e-mail: %v", err)
	}
}

func TestKioskPINLockOut(t *testing.T) {
	pinCost = bcrypt.MinCost
	defer func() { pinCost = bcrypt.DefaultCost }()
	db, now := clockDB(t)
	ctx := context.Background()
	if has, _ := db.HasStaffPIN(ctx); has {
		t.Fatal("no PIN yet")
	}
	err := db.Update(ctx, func(tx *Tx) error {
		return tx.PutStaffUser(showroom.StaffUser{ID: "006122-01", DealerCode: "006122", Name: "Админ", Role: showroom.RoleAdmin, Active: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.SetStaffPIN(ctx, "006122-01", "12a4567"), showroom.EInvalid)
	wantCode(t, db.SetStaffPIN(ctx, "nobody", "246810"), showroom.ENotFound)
	if ids, err := db.StaffIDs(ctx); err != nil || len(ids) != 1 || ids[0] != "006122-01" {
		t.Fatalf("staff: %v, %v", ids, err)
	}
	if err := db.SetStaffPIN(ctx, "006122-01", "246810"); err != nil {
		t.Fatal(err)
	}
	u, _ := db.StaffUser(ctx, "006122-01")
	if u.PINHash == "" || u.PINHash == "246810" {
		t.Fatal("PIN not hashed")
	}
	if id, _, err := db.CheckKioskPIN(ctx, "246810"); err != nil || id != "006122-01" {
		t.Fatalf("right PIN: %q, %v", id, err)
	}
	for i := 1; i < KioskPINMaxFailures; i++ {
		_, _, err := db.CheckKioskPIN(ctx, "000000")
		wantCode(t, err, showroom.EBadCredentials)
	}
	_, wait, err := db.CheckKioskPIN(ctx, "111111")
	wantCode(t, err, showroom.ETooManyAttempts)
	if wait != KioskPINLock {
		t.Fatalf("wait %v", wait)
	}
	*now = now.Add(KioskPINLock - time.Second)
	_, _, err = db.CheckKioskPIN(ctx, "246810")
	wantCode(t, err, showroom.ETooManyAttempts)
	*now = now.Add(time.Second)
	if _, _, err := db.CheckKioskPIN(ctx, "246810"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	// A right PIN resets the count: four wrong ones do not lock.
	for i := 1; i < KioskPINMaxFailures; i++ {
		db.CheckKioskPIN(ctx, "000000")
	}
	if _, _, err := db.CheckKioskPIN(ctx, "246810"); err != nil {
		t.Fatalf("four wrong PINs locked: %v", err)
	}
}
