package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
)

func TestStaffCommand(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := cmdStaff(ctx, append(args, "--data", dir), strings.NewReader(stdin), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := run("", "add", "--name", "Анна Смирнова", "--role", "admin"); code != 1 || !strings.Contains(errs, "enrol it first") {
		t.Fatalf("add before enrolment: %d %q", code, errs)
	}
	db, err := localdb.Open(ctx, dbPath(dir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, localdb.SettingDealerCode, "006122"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, _, errs := run("", "add", "--name", "Анна", "--role", "boss"); code != 1 || !strings.Contains(errs, "--role") {
		t.Fatalf("bad role: %d %q", code, errs)
	}
	code, out, errs := run("", "add", "--name", "Анна Смирнова", "--role", "admin")
	id := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(id, "006122-") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	if code, out, _ := run("", "list"); code != 0 || !strings.Contains(out, id+"\tadmin\tАнна Смирнова") {
		t.Fatalf("list: %d %q", code, out)
	}
	if code, _, errs := run("1234\n", "pin", "--id", id); code != 1 || !strings.Contains(errs, "6 to 12 digits") {
		t.Fatalf("short PIN: %d %q", code, errs)
	}
	if code, _, errs := run("135790\n", "pin", "--id", "nobody"); code != 1 || !strings.Contains(errs, "no staff member") {
		t.Fatalf("unknown member: %d %q", code, errs)
	}
	if code, out, errs := run("135790\n", "pin", "--id", id); code != 0 || !strings.Contains(out, "PIN set") {
		t.Fatalf("pin: %d %q %q", code, out, errs)
	}
	db, err = localdb.Open(ctx, dbPath(dir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.StaffUser(ctx, id)
	if err != nil || bcrypt.CompareHashAndPassword([]byte(u.PINHash), []byte("135790")) != nil {
		t.Fatalf("the PIN is not its hash: %v", err)
	}
	if m, _, err := (deskSignIn{db: db}).SignIn(ctx, id, "135790"); err != nil || m.Role != showroom.RoleAdmin {
		t.Fatalf("sign in with it: %+v %v", m, err)
	}
}
