package portal

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestLoadDemo(t *testing.T) {
	ctx := context.Background()
	st, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "demo.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	got, err := LoadDemo(ctx, st, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo: %+v in %v", got, time.Since(start))
	if got.Customers != 2000 || got.Dealer != "006122" || got.Dealers != 160 {
		t.Errorf("stats %+v", got)
	}
	// Every cabinet is an account of its own, pending ones too.
	var accounts int
	if err := st.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&accounts); err != nil || accounts != got.Customers {
		t.Errorf("%d accounts for %d cabinets (%v)", accounts, got.Customers, err)
	}
	// The whole cabinet arrives: messages, saved dealers, and the dealers'
	// staff in the feed.
	for table, least := range map[string]int{"messages": got.Customers, "saved_dealers": 1, "staff": 1, "vehicles": got.Customers / 2,
		"models": 10, "service_programs": 4} {
		var n int
		if err := st.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil || n < least {
			t.Errorf("%s: %d rows (%v), want at least %d", table, n, err, least)
		}
	}
	again, err := LoadDemo(ctx, st, time.Now())
	if err != nil || again.Customers != 0 {
		t.Errorf("second load: %+v %v", again, err)
	}
}
