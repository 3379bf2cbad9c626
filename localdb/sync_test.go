package localdb

import (
	"context"
	"testing"

	"github.com/myrenault/showroom"
)

func TestSettlePushMovesRejectionsToAttention(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	var ids []string
	for _, email := range []string{"a@example.ru", "b@example.ru", "c@example.ru"} {
		d := draft()
		d.Email, d.Phone, d.VIN = email, "", ""
		if _, err := db.Register(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	pending, err := db.PendingMutations(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pending {
		ids = append(ids, m.ID)
	}
	err = db.SettlePush(ctx, PushOutcome{
		Done:     []string{ids[0]},
		Rejected: []Rejection{{ID: ids[1], Code: "email_taken", Message: "taken", Field: "email"}},
		Failed:   []Failure{{ID: ids[2], Reason: "http_502"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	left, err := db.PendingMutations(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].ID != ids[2] || left[0].Attempts != 1 || left[0].LastError != "http_502" {
		t.Fatalf("outbox after settle: %+v", left)
	}
	items, err := db.AttentionItems(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ID != ids[1] || items[0].Code != "email_taken" || items[0].Type != MutationRegister ||
		len(items[0].Data) == 0 || !items[0].RejectedAt.Equal(testNow) {
		t.Fatalf("attention: %+v", items)
	}
	if n, _ := db.AttentionLen(ctx); n != 1 {
		t.Fatalf("attention len %d", n)
	}
	if err := db.DismissAttention(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.DismissAttention(ctx, ids[1]), showroom.ENotFound)
}

func TestPortalVehicleReplacesTheLocalCopyOfTheSameCar(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	local, err := db.Garage(ctx, c.Ref)
	if err != nil || len(local) != 1 {
		t.Fatalf("garage %v %v", local, err)
	}
	portalCar := local[0]
	portalCar.ID = "portal-car-1"
	portalCar.Model = "Fluence"
	err = db.Update(ctx, func(tx *Tx) error {
		c.ID = "300000001"
		if _, err := tx.PutCustomer(c); err != nil {
			return err
		}
		ref, err := tx.CustomerRefByID("300000001")
		if err != nil || ref != c.Ref {
			t.Errorf("ref by id: %q %v", ref, err)
		}
		return tx.PutPortalVehicle(portalCar)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Garage(ctx, c.Ref)
	if err != nil || len(got) != 1 || got[0].ID != "portal-car-1" || got[0].Model != "Fluence" {
		t.Fatalf("garage after pull: %+v %v", got, err)
	}
	err = db.Update(ctx, func(tx *Tx) error {
		if err := tx.DeleteCached(KindVehicle, "portal-car-1"); err != nil {
			return err
		}
		if err := tx.DeleteCached(KindVehicle, "portal-car-1"); err != nil { // repeated: no error
			return err
		}
		return tx.DeleteCached(KindCustomer, "300000001")
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, func() error { _, err := db.Customer(ctx, c.Ref); return err }(), showroom.ENotFound)
	if n := count(t, db, "consents"); n != 0 {
		t.Fatalf("%d consents left", n)
	}
}
