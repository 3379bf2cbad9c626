package localdb

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestDeletionsByKeySearchAnIndex: the feed deletes cached entities by the
// portal's key alone, and a new device's first pull deletes a thousand or
// more of them in one go. A deletion that reads its whole table costs the
// pull seconds, so each must find its row through an index.
func TestDeletionsByKeySearchAnIndex(t *testing.T) {
	db := mustOpen(t)
	for _, kind := range slices.Sorted(maps.Keys(deleteCachedSQL)) {
		for _, step := range queryPlan(t, db, deleteCachedSQL[kind], "key") {
			if strings.HasPrefix(step, "SCAN") {
				t.Errorf("delete %s: %s", kind, step)
			}
		}
	}
	// A message finds its customer by ref in the statement that writes it.
	for _, step := range queryPlan(t, db, upsertMessageByRefSQL, "id", "subject", "body", "at", 0, 0, "ref") {
		if strings.HasPrefix(step, "SCAN") {
			t.Errorf("put message: %s", step)
		}
	}
}

// queryPlan returns the steps of SQLite's plan for q run with args.
func queryPlan(tb testing.TB, db *DB, q string, args ...any) []string {
	tb.Helper()
	rows, err := db.r.Query(`EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			tb.Fatal(err)
		}
		steps = append(steps, detail)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return steps
}
