package localdb

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, time.November, 25, 10, 0, 0, 0, time.UTC)

// mustOpen opens a new store in a temporary folder, closed at the end of
// the test.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "showroom.db"),
		Options{Now: func() time.Time { return testNow }})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// draft is a valid kiosk registration; the consent hash is 64 hex digits.
func draft() showroom.Registration {
	return showroom.Registration{
		LastName:  "Игнатьева",
		FirstName: "Полина",
		Email:     "Polina@Example.RU",
		Phone:     "8 (916) 123-45-67",
		VIN:       "vf1lzbr0542606589",
		Source:    showroom.SourceKiosk,
		Consent: showroom.RegistrationConsent{
			TextVersion: "pd-2026-01",
			TextSHA256:  "3e4232e2249e836966744261b4d5d976c8ca255238bfa398eba21ee5fad98cb4",
			GivenAt:     testNow.Add(-time.Minute),
		},
	}
}

// wantCode fails the test unless err carries code.
func wantCode(tb testing.TB, err error, code showroom.Code) {
	tb.Helper()
	if got := showroom.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// count returns the number of rows of table.
func count(tb testing.TB, db *DB, table string) int {
	tb.Helper()
	var n int
	if err := db.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", table, err)
	}
	return n
}
