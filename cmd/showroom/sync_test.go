package main

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"net/http/httptest"
	"os"
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
)

// startPortal serves the real portal with one dealer over a real SQLite
// file and returns it with a fresh enrolment code.
func startPortal(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := portal.OpenSQLite(context.Background(), filepath.Join(dir, "portal.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Load(context.Background(), func(l *portal.Loader) error {
		return l.Dealer(showroom.Dealer{Code: "006122", Name: "Автомир-Екатеринбург"})
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(portal.NewServer(portal.Config{Store: st, Mailer: portal.DirMailer{Dir: filepath.Join(dir, "mail")},
		PublicURL: "http://portal.test", Log: slog.New(slog.DiscardHandler)}))
	t.Cleanup(srv.Close)
	code, err := st.NewEnrollCode(context.Background(), "006122", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return srv, code
}

func TestEnrollAndSyncCommands(t *testing.T) {
	srv, code := startPortal(t)
	dir := t.TempDir()
	ctx := context.Background()
	var out, errOut bytes.Buffer

	if c := run(ctx, []string{"enroll", "--portal", "http://192.0.2.1:8080", "--code", code, "--data", dir}, &out, &errOut); c != 1 ||
		!strings.Contains(errOut.String(), "plain HTTP") {
		t.Fatalf("plain HTTP to another machine: exit %d, %s", c, errOut.String())
	}
	errOut.Reset()
	if c := run(ctx, []string{"enroll", "--portal", srv.URL, "--code", code, "--data", dir, "--kind", "kiosk", "--name", "Киоск 1"}, &out, &errOut); c != 0 {
		t.Fatalf("enroll: exit %d: %s", c, errOut.String())
	}
	d, err := sync.LoadDevice(dir)
	if err != nil || d.Kind != "kiosk" || d.Dealer.Code != "006122" || d.SigningKey == nil || d.CouponPrefix == "" {
		t.Fatalf("device %v: %v", d, err)
	}
	if strings.Contains(out.String()+errOut.String(), d.Token) {
		t.Fatal("enroll printed the token")
	}
	if c := run(ctx, []string{"enroll", "--portal", srv.URL, "--code", code, "--data", dir}, &out, &errOut); c != 1 {
		t.Fatalf("second enrolment of one folder: exit %d", c)
	}

	db, err := localdb.Open(ctx, dbPath(dir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Register(ctx, showroom.Registration{LastName: "Игнатьева", FirstName: "Полина", Email: "polina@example.ru",
		Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", GivenAt: time.Now(),
			TextSHA256: "3e4232e2249e836966744261b4d5d976c8ca255238bfa398eba21ee5fad98cb4"}})
	if err == nil {
		// A change the portal will refuse: a customer it does not know.
		err = db.Update(ctx, func(tx *localdb.Tx) error {
			_, err := tx.Enqueue(api.TypeCustomerUpdate, api.CustomerUpdate{CustomerKey: api.CustomerKey{CustomerRef: "unknown"}})
			return err
		})
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if c := run(ctx, []string{"sync", "--data", dir}, &out, &errOut); c != 0 {
		t.Fatalf("sync: exit %d: %s", c, errOut.String())
	}
	if !strings.Contains(out.String(), "pushed: 1 applied, 0 already on the portal, 1 rejected") ||
		!strings.Contains(out.String(), "waiting: 0 in the outbox, 1 needing attention") ||
		!strings.Contains(out.String(), "needs attention: customer.update") || !strings.Contains(out.String(), "unknown_customer") {
		t.Fatalf("sync summary:\n%s", out.String())
	}

	srv.Close()
	out.Reset()
	errOut.Reset()
	if c := run(ctx, []string{"sync", "--data", dir}, &out, &errOut); c != 1 || !strings.Contains(errOut.String(), "could not be reached") {
		t.Fatalf("sync with the portal down: exit %d: %s", c, errOut.String())
	}
	if c := run(ctx, []string{"sync", "--data", t.TempDir()}, &out, &errOut); c != 1 || !strings.Contains(errOut.String(), "not enrolled") {
		t.Fatalf("sync of a folder never enrolled: exit %d", c)
	}
}

// TestDemoRunsItsOwnPortal starts the demo's in-process portal twice on
// one data folder: the first start enrols the device, the second finds it
// enrolled at the new address, and registrations reach the portal each
// time. The portal's store is made beforehand with one dealer, which
// portal.LoadDemo leaves alone, so that the test does not pay for loading
// the whole demo (the portal's own tests cover that).
func TestDemoRunsItsOwnPortal(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	portalDB := filepath.Join(dir, demoPortalDir, "portal.db")
	if err := os.MkdirAll(filepath.Dir(portalDB), 0o700); err != nil {
		t.Fatal(err)
	}
	st, err := portal.OpenSQLite(ctx, portalDB, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Load(ctx, func(l *portal.Loader) error {
		return l.Dealer(showroom.Dealer{Code: demo.AutomirEkaterinburg, Name: "Автомир-Екатеринбург"})
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(ctx, Config{DataDir: dir}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Config.Demo = true
	var first, firstURL string
	for i, email := range []string{"first.start@example.ru", "second.start@example.ru"} {
		stop, err := a.StartSync(ctx)
		if err != nil {
			t.Fatalf("start %d: %v", i, err)
		}
		if a.Engine() == nil {
			t.Fatalf("start %d: no sync", i)
		}
		d, err := sync.LoadDevice(dir)
		if err != nil || !strings.HasPrefix(d.PortalURL, "http://127.0.0.1:") || d.Dealer.Code != demo.AutomirEkaterinburg {
			t.Fatalf("device %v: %v", d, err)
		}
		if u, err := a.DB.Setting(ctx, localdb.SettingPortalURL); err != nil || u != d.PortalURL {
			t.Fatalf("start %d: the store names portal %q, the device %q (%v)", i, u, d.PortalURL, err)
		}
		if i == 0 {
			first, firstURL = d.DeviceID, d.PortalURL
		} else if d.DeviceID != first {
			t.Fatalf("enrolled again: %s, then %s", first, d.DeviceID)
		} else if d.PortalURL != firstURL {
			t.Logf("the port was taken: %s, then %s", firstURL, d.PortalURL)
		}
		_, err = a.DB.Register(ctx, showroom.Registration{LastName: "Игнатьева", FirstName: "Полина", Email: email,
			Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", GivenAt: time.Now(),
				TextSHA256: "3e4232e2249e836966744261b4d5d976c8ca255238bfa398eba21ee5fad98cb4"}})
		if err != nil {
			t.Fatal(err)
		}
		waitPortalHas(t, portalDB, email)
		stop()
	}
}

// waitPortalHas waits until the portal's store holds a customer with the
// e-mail.
func waitPortalHas(t *testing.T, path, email string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM customers WHERE email = ?`, email).Scan(&n)
		if err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the portal never got the registration (%d, %v)", n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestEnrollWithAdmin: "showroom enroll --admin" makes the administrator
// enrolling the device the dealer's admin, with the PIN read from
// standard input, never from the command line.
func TestEnrollWithAdmin(t *testing.T) {
	srv, code := startPortal(t)
	ctx := context.Background()
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	args := []string{"--portal", srv.URL, "--code", code, "--data", dir, "--admin", "Марат Рыбаков"}
	if c := cmdEnroll(ctx, args, strings.NewReader("2468\n"), &out, &errOut); c != 2 || !strings.Contains(errOut.String(), "6 to 12 digits") {
		t.Fatalf("a short PIN: exit %d: %s", c, errOut.String())
	}
	if _, err := sync.LoadDevice(dir); err == nil {
		t.Fatal("enrolled with a refused PIN")
	}
	errOut.Reset()
	if c := cmdEnroll(ctx, args, strings.NewReader("246810\n"), &out, &errOut); c != 0 {
		t.Fatalf("enroll: exit %d: %s", c, errOut.String())
	}
	if !strings.Contains(out.String(), "Administrator: Марат Рыбаков") {
		t.Fatalf("output %q", out.String())
	}
	db, err := localdb.Open(ctx, dbPath(dir), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	us, err := db.StaffMembers(ctx, "006122")
	if err != nil || len(us) != 1 || us[0].Role != showroom.RoleAdmin {
		t.Fatalf("staff %+v %v", us, err)
	}
	if _, _, err := db.SignIn(ctx, us[0].ID, "246810"); err != nil {
		t.Fatalf("the administrator cannot sign in: %v", err)
	}
}
