package localdb

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/myrenault/showroom"
)

func TestStaffSignInLocksAMemberAfterFiveWrongPINs(t *testing.T) {
	pinCost = bcrypt.MinCost
	defer func() { pinCost = bcrypt.DefaultCost }()
	db, now := clockDB(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx *Tx) error {
		for _, u := range []showroom.StaffUser{
			{ID: "s1", DealerCode: "006122", Name: "Анна Смирнова", Role: showroom.RoleSales, Active: true},
			{ID: "s2", DealerCode: "006122", Name: "Борис Орлов", Role: showroom.RoleService, Active: true},
			{ID: "s3", DealerCode: "006122", Name: "Вера Ушедшая", Role: showroom.RoleSales, Active: false},
			{ID: "x1", DealerCode: "007001", Name: "Чужой", Role: showroom.RoleAdmin, Active: true},
		} {
			if err := tx.PutStaffUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, pin := range map[string]string{"s1": "135790", "s2": "246802", "s3": "111111"} {
		if err := db.SetStaffPIN(ctx, id, pin); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.StaffMembers(ctx, "006122")
	if err != nil || len(list) != 2 || list[0].Name != "Анна Смирнова" || list[1].ID != "s2" || list[0].PINHash != "" {
		t.Fatalf("staff list %+v, %v", list, err)
	}
	u, _, err := db.SignIn(ctx, "s1", "135790")
	if err != nil || u.Role != showroom.RoleSales || u.PINHash != "" {
		t.Fatalf("good PIN: %+v, %v", u, err)
	}
	wantCode(t, signInErr(db.SignIn(ctx, "s3", "111111")), showroom.EBadCredentials) // has left
	wantCode(t, signInErr(db.SignIn(ctx, "nobody", "111111")), showroom.EBadCredentials)
	// Four wrong PINs, then the right one: the count starts again.
	for range StaffPINMaxFailures - 1 {
		wantCode(t, signInErr(db.SignIn(ctx, "s1", "000000")), showroom.EBadCredentials)
	}
	if _, _, err := db.SignIn(ctx, "s1", "135790"); err != nil {
		t.Fatalf("the fifth try, right: %v", err)
	}
	for range StaffPINMaxFailures - 1 {
		db.SignIn(ctx, "s1", "000000")
	}
	_, wait, err := db.SignIn(ctx, "s1", "000000")
	if showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait != StaffPINLock {
		t.Fatalf("the fifth wrong PIN: %v, wait %v", err, wait)
	}
	// Locked: even the right PIN is refused, and only this member is locked.
	*now = now.Add(StaffPINLock - time.Second)
	if _, wait, err := db.SignIn(ctx, "s1", "135790"); showroom.ErrorCode(err) != showroom.ETooManyAttempts || wait != time.Second {
		t.Fatalf("during the lock: %v, wait %v", err, wait)
	}
	if _, _, err := db.SignIn(ctx, "s2", "246802"); err != nil {
		t.Fatalf("another member: %v", err)
	}
	*now = now.Add(time.Second)
	if _, _, err := db.SignIn(ctx, "s1", "135790"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	// The portal's feed renames a member and keeps the PIN and its lock.
	for range StaffPINMaxFailures {
		db.SignIn(ctx, "s2", "000000")
	}
	err = db.Update(ctx, func(tx *Tx) error {
		return tx.PutStaffFromPortal(showroom.StaffUser{ID: "s2", DealerCode: "006122", Name: "Борис Орлов-Петров", Role: showroom.RoleService, Active: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SignIn(ctx, "s2", "246802"); showroom.ErrorCode(err) != showroom.ETooManyAttempts {
		t.Fatalf("the feed lifted the lock: %v", err)
	}
	*now = now.Add(StaffPINLock)
	if u, _, err := db.SignIn(ctx, "s2", "246802"); err != nil || u.Name != "Борис Орлов-Петров" {
		t.Fatalf("after the feed: %+v, %v", u, err)
	}
}

func signInErr(_ showroom.StaffUser, _ time.Duration, err error) error { return err }
