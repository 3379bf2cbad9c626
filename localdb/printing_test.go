package localdb

import (
	"context"
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
