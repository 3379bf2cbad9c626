package sync

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// TestEnrollMakesTheFirstAdminWhoCanSignIn: the administrator named at
// enrolment is in the device's store as soon as it is bound, can be given
// a PIN and sign in before any sync, and a later pull keeps that PIN.
func TestEnrollMakesTheFirstAdminWhoCanSignIn(t *testing.T) {
	ctx := context.Background()
	p := newTestPortal(t)
	code, err := p.store.NewEnrollCode(ctx, dealerA, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Enroll(ctx, Enrollment{PortalURL: p.srv.URL, Code: code, Name: "Стойка 2", Kind: api.KindDesk, Admin: "Марат Рыбаков"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if d.Admin == nil || d.Admin.Role != showroom.RoleAdmin || d.Admin.Name != "Марат Рыбаков" {
		t.Fatalf("admin %+v", d.Admin)
	}
	dev := openDevice(t, filepath.Join(t.TempDir(), "showroom.db"), d, fastOptions())
	if err := dev.db.SetStaffPIN(ctx, d.Admin.ID, "246810"); err != nil {
		t.Fatalf("the admin is not in the store at once: %v", err)
	}
	if u, _, err := dev.db.SignIn(ctx, d.Admin.ID, "246810"); err != nil || u.Role != showroom.RoleAdmin {
		t.Fatalf("sign-in: %+v %v", u, err)
	}
	if _, err := dev.engine.Round(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := dev.db.SignIn(ctx, d.Admin.ID, "246810"); err != nil {
		t.Fatalf("the feed's copy of the admin lost the PIN: %v", err)
	}
	// The device file does not keep the admin: the feed brings the staff.
	dir := t.TempDir()
	if err := SaveDevice(dir, d); err != nil {
		t.Fatal(err)
	}
	back, err := LoadDevice(dir)
	if err != nil || back.Admin != nil {
		t.Fatalf("loaded %+v, %v", back.Admin, err)
	}
}
