package localdb

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

func TestCustomerByIDAndVehicleOwner(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, func() error { _, err := db.CustomerByID(ctx, "70012345"); return err }(), showroom.ENotFound)

	c.ID = "70012345"
	err = db.Update(ctx, func(tx *Tx) error { _, err := tx.PutCustomer(c); return err })
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.CustomerByID(ctx, "70012345")
	if err != nil || got.Ref != c.Ref || got.Personal.LastName != "Игнатьева" {
		t.Fatalf("CustomerByID = %+v, %v", got, err)
	}

	// A second garage holding the same car: the owner is who added it last.
	other, err := db.Register(ctx, func() showroom.Registration {
		r := draft()
		r.Email, r.Phone, r.FirstName, r.VIN = "pavel@example.ru", "", "Павел", ""
		return r
	}())
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *Tx) error {
		_, err := tx.AddVehicle(showroom.Vehicle{CustomerRef: other.Ref, VIN: "VF1LZBR0542606589",
			Model: "Fluence", AddedAt: testNow.Add(time.Hour)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	v, owner, err := db.VehicleOwner(ctx, "VF1LZBR0542606589")
	if err != nil || owner.Ref != other.Ref || v.VIN != "VF1LZBR0542606589" || v.Model != "Fluence" {
		t.Fatalf("VehicleOwner = %+v, %+v, %v", v, owner.Ref, err)
	}
	_, _, err = db.VehicleOwner(ctx, "VF1AAAAAAAAAAAAAA")
	wantCode(t, err, showroom.ENotFound)
}

// outboxOf returns the data of the waiting mutations of type typ.
func outboxOf(t *testing.T, db *DB, typ string) []map[string]any {
	t.Helper()
	ms, err := db.PendingMutations(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, m := range ms {
		if m.Type != typ {
			continue
		}
		var v map[string]any
		if err := json.Unmarshal(m.Data, &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func TestIssueCouponQueuesItInTheSameTransaction(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	c := showroom.Coupon{Code: "K7QM-3XHA-9TRW", OfferID: "KS200", VIN: "VF1LZBR0542606589",
		CustomerRef: "ref-1", DeviceID: "dev-1", IssuedAt: testNow}
	if err := db.IssueCoupon(ctx, c, "", "MR1:PAYLOAD.SIG"); err != nil {
		t.Fatal(err)
	}
	got, err := db.Coupon(ctx, c.Code)
	if err != nil || got != c {
		t.Fatalf("stored %+v, %v", got, err)
	}
	issued := outboxOf(t, db, MutationCouponIssue)
	want := map[string]any{"customer_ref": "ref-1", "code": c.Code, "offer_id": "KS200",
		"vin": c.VIN, "issued_at": "2026-11-25T10:00:00Z", "payload": "MR1:PAYLOAD.SIG"}
	if len(issued) != 1 || !reflect.DeepEqual(issued[0], want) {
		t.Fatalf("coupon.issue %v, want %v", issued, want)
	}

	// The same code again is a conflict and queues nothing.
	wantCode(t, db.IssueCoupon(ctx, c, "70012345", "x"), showroom.EConflict)
	if n := len(outboxOf(t, db, MutationCouponIssue)); n != 1 {
		t.Fatalf("%d coupon.issue mutations", n)
	}

	// A customer the portal knows is named by the customer ID.
	c2 := c
	c2.Code = "K7QM-3XHA-9TRX"
	if err := db.IssueCoupon(ctx, c2, "70012345", "p"); err != nil {
		t.Fatal(err)
	}
	if m := outboxOf(t, db, MutationCouponIssue)[1]; m["customer_id"] != "70012345" || m["customer_ref"] != nil {
		t.Errorf("coupon.issue names the customer as %v", m)
	}
}

func TestRedeemCouponOnce(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx *Tx) error {
		return tx.PutDealer(showroom.Dealer{Code: "006122", Name: "Автомир-Екатеринбург"})
	})
	if err != nil {
		t.Fatal(err)
	}
	c := showroom.Coupon{Code: "K7QM-3XHA-9TRW", OfferID: "KS200", VIN: "VF1LZBR0542606589", IssuedAt: testNow.Add(-time.Hour)}
	if err := db.IssueCoupon(ctx, c, "70012345", "p"); err != nil {
		t.Fatal(err)
	}
	got, err := db.RedeemCoupon(ctx, showroom.Coupon{Code: c.Code}, "006122")
	if err != nil || !got.RedeemedAt.Equal(testNow) || got.RedeemedBy != "006122" || got.OfferID != "KS200" {
		t.Fatalf("redeemed %+v, %v", got, err)
	}
	if stored, _ := db.Coupon(ctx, c.Code); stored != got {
		t.Fatalf("stored %+v, returned %+v", stored, got)
	}
	if r := outboxOf(t, db, MutationCouponRedeem); len(r) != 1 || r[0]["code"] != c.Code || len(r[0]) != 1 {
		t.Fatalf("coupon.redeem %v", r)
	}

	// The second redemption is refused, says when and where, and queues
	// nothing.
	again, err := db.RedeemCoupon(ctx, showroom.Coupon{Code: c.Code}, "006122")
	wantCode(t, err, showroom.ECouponRedeemed)
	var e *showroom.Error
	errors.As(err, &e)
	when := testNow.Local().Format("02.01.2006 15:04")
	if ru := e.Text(showroom.Russian); ru != "Этот купон уже погашен "+when+", дилер: Автомир-Екатеринбург (006122); повторно его погасить нельзя." {
		t.Errorf("refusal %q", ru)
	}
	if en := e.Text(showroom.English); en != "This coupon was already redeemed on "+when+" by Автомир-Екатеринбург (006122); it cannot be redeemed again." {
		t.Errorf("refusal %q", en)
	}
	if again != got {
		t.Errorf("the refusal returns %+v, want the stored %+v", again, got)
	}
	if n := len(outboxOf(t, db, MutationCouponRedeem)); n != 1 {
		t.Fatalf("%d coupon.redeem mutations after the refusal", n)
	}

	// A coupon of another device, confirmed by the portal, is stored as
	// it is redeemed.
	other := showroom.Coupon{Code: "ZZZZ-3XHA-9TRW", OfferID: "KS200", VIN: "…606589", IssuedAt: testNow.Add(-48 * time.Hour)}
	if _, err := db.RedeemCoupon(ctx, other, "006122"); err != nil {
		t.Fatal(err)
	}
	if stored, err := db.Coupon(ctx, other.Code); err != nil || stored.RedeemedAt.IsZero() || stored.OfferID != "KS200" {
		t.Fatalf("another device's coupon %+v, %v", stored, err)
	}
	if n := len(outboxOf(t, db, MutationCouponRedeem)); n != 2 {
		t.Fatalf("%d coupon.redeem mutations", n)
	}
	if where := db.DealerWhere(ctx, "009999"); where != "009999" {
		t.Errorf("an unknown dealer is named %q", where)
	}
}

func TestOfferByIDOutlivesItsValidity(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	o := showroom.Offer{ID: "OLD", Title: "Старое", ValidFrom: testNow.AddDate(0, -2, 0), ValidTo: testNow.AddDate(0, -1, 0)}
	if err := db.Update(ctx, func(tx *Tx) error { return tx.PutOffer(o) }); err != nil {
		t.Fatal(err)
	}
	got, err := db.Offer(ctx, "OLD")
	if err != nil || got.Title != "Старое" || !got.ValidTo.Equal(o.ValidTo) {
		t.Fatalf("Offer = %+v, %v", got, err)
	}
	_, err = db.Offer(ctx, "NOPE")
	wantCode(t, err, showroom.ENotFound)
}
