package sync

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// changeData is, per change type the device keeps, what its data decodes
// into: the test's own account of what applyChange must refuse.
var changeData = map[string]func() any{
	api.ChangeCustomer:       func() any { return new(showroom.Customer) },
	api.ChangeVehicle:        func() any { return new(showroom.Vehicle) },
	api.ChangeOrder:          func() any { return new(showroom.Order) },
	api.ChangeOffer:          func() any { return new(showroom.Offer) },
	api.ChangeCoupon:         func() any { return new(showroom.Coupon) },
	api.ChangeRecall:         func() any { return new(showroom.Recall) },
	api.ChangeDealer:         func() any { return new(showroom.Dealer) },
	api.ChangeMessage:        func() any { return new(showroom.Message) },
	api.ChangeStaff:          func() any { return new(showroom.StaffUser) },
	api.ChangeModel:          func() any { return new(showroom.ModelInfo) },
	api.ChangeServiceProgram: func() any { return new(showroom.ServiceProgram) },
	changeSavedDealer:        func() any { return new(showroom.SavedDealer) },
	changeSale:               func() any { return new(showroom.Sale) },
}

// FuzzApplyChange feeds applyChange, as the puller runs it (in a savepoint
// of the page's transaction), changes of every type with any data, over
// a store holding a dealer's synced customers and cars. It must never
// panic; a change whose data does not decode into its type is refused;
// and a refused change leaves the store exactly as it was, nothing of it
// applied.
func FuzzApplyChange(f *testing.F) {
	p := newTestPortal(f)
	d := p.newDevice(f, p.srv.URL, fastOptions())
	r := registration(1)
	r.VIN, r.EngineNumber = knownVIN, knownEng
	ctx := context.Background()
	if _, err := d.db.Register(ctx, r); err != nil {
		f.Fatal(err)
	}
	d.register(f, 2, 2)
	d.converge(f)

	// The real feed seeds every type the portal sends, as it sends them.
	for since, more := "", true; more; {
		page, err := d.client.Pull(ctx, since, api.MaxPullLimit)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range page.Changes {
			f.Add(c.Type, c.ID, c.Deleted, []byte(c.Data))
		}
		since, more = page.Next, page.More
	}
	for typ := range changeData {
		for _, data := range []string{`{}`, `null`, `[]`, `"x"`, `{"id":5}`, `{"customer_ref":1}`, `{`, ``} {
			f.Add(typ, "x-1", false, []byte(data))
		}
		f.Add(typ, "x-1", true, []byte(nil))
	}
	f.Add(changeSale, knownVIN+"/2026-11-25T10:00:00Z", true, []byte(nil))
	f.Add(changeSale, knownVIN+"/yesterday", true, []byte(nil))
	f.Add(changeSavedDealer, "300000001/"+dealerA, true, []byte(nil))
	f.Add("newer_type", "n-1", false, []byte(`{"a":1}`))

	ro, err := sql.Open("sqlite", "file:"+d.path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ro.Close() })
	ro.SetMaxOpenConns(1)

	f.Fuzz(func(t *testing.T, typ, id string, deleted bool, data []byte) {
		c := api.Change{Seq: 1, Type: typ, ID: id, Deleted: deleted, Data: json.RawMessage(data)}
		before := storeDigest(t, ro)
		var applied error
		err := d.db.Update(ctx, func(tx *localdb.Tx) error {
			applied = tx.Savepoint(func() error { return applyChange(tx, c) })
			return nil
		})
		if err != nil {
			t.Fatalf("the page's transaction failed: %v", err)
		}
		if target, ok := changeData[typ]; ok && !deleted && json.Unmarshal(data, target()) != nil && applied == nil {
			t.Fatalf("a %s change with data %q that does not decode was applied", typ, data)
		}
		if applied != nil && storeDigest(t, ro) != before {
			t.Fatalf("the refused %s change (%v) changed the store", typ, applied)
		}
	})
}

// storeDigest hashes every row of every table of the store.
func storeDigest(t *testing.T, db *sql.DB) [32]byte {
	t.Helper()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	h := sha256.New()
	for _, table := range tables {
		rows, err := db.Query(fmt.Sprintf(`SELECT * FROM %q`, table))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		fmt.Fprintf(h, "%s\n", table)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%q\n", vals)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}
