package localdb

import (
	"context"
	"iter"
	"time"

	"github.com/myrenault/showroom"
)

// ImportCabinets loads customers with their garages, orders, saved
// dealers, messages and consents, and indexes them for search. A cabinet
// whose customer Ref is already stored replaces the stored one whole.
func (db *DB) ImportCabinets(ctx context.Context, seq iter.Seq[showroom.Cabinet]) (int, error) {
	start := func(l *loader) error {
		_, err := l.tx.ExecContext(l.ctx, stageSearchSQL)
		return err
	}
	now := db.now()
	prep := func(cab *showroom.Cabinet) cabinetRows { return prepCabinet(cab, now) }
	return importSeq(ctx, db, "cabinets", seq, prep, putCabinet, batchHooks{start: start, finish: func(l *loader) error {
		// The search rows were staged from memory as the cabinets were
		// written: move them to the index in one statement, which lets
		// FTS5 build large segments (it writes out what it holds at the
		// start of every statement). Their triggers' marks are redundant;
		// other marks (the previous owner of a moved order) are indexed
		// as any transaction does.
		for _, q := range []string{
			`INSERT INTO customer_search (rowid, last, first, email, keys, rev)
				SELECT id, last, first, email, keys, rev FROM temp.search_stage`,
			`DELETE FROM search_dirty WHERE customer IN (SELECT id FROM temp.search_stage)`,
			`DELETE FROM temp.search_stage`,
		} {
			if _, err := l.exec(q); err != nil {
				return err
			}
		}
		tx := db.newTx(l.ctx, l.tx, now)
		defer tx.closeStmts()
		return tx.reindexDirty()
	}})
}

// stageSearchSQL creates the connection's staging table of search rows.
const stageSearchSQL = `CREATE TEMP TABLE IF NOT EXISTS search_stage (
	id INTEGER PRIMARY KEY, last TEXT, first TEXT, email TEXT, keys TEXT, rev TEXT)`

const insertNewCustomerSQL = `INSERT INTO customers (` + customerCols + `) VALUES (` + customerParams + `)
	ON CONFLICT (ref) DO NOTHING`

// cabinetRows is a cabinet made into statement arguments ahead of the
// writer. The customer's local id is known only once the customer row is
// written: each child row has a slot for it.
type cabinetRows struct {
	ref      string
	customer []any
	children []childRow
	doc      searchDoc
}

type childRow struct {
	query string
	args  []any
	slot  int // the index of the customer's id in args; -1 for none
}

func prepCabinet(cab *showroom.Cabinet, now time.Time) cabinetRows {
	c := &cab.Customer
	if c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	r := cabinetRows{ref: c.Ref, customer: customerArgs(c)}
	child := func(query string, slot int, args []any) {
		r.children = append(r.children, childRow{query, args, slot})
	}
	doc := docSource{
		firstName: c.Personal.FirstName, lastName: c.Personal.LastName, email: c.Personal.Email,
		customerID: c.ID, phones: []string{c.Contacts.MobilePhone, c.Contacts.HomePhone, c.Contacts.WorkPhone},
	}
	for i := range cab.Garage {
		v := &cab.Garage[i]
		if v.ID == "" {
			v.ID = newUUID()
		}
		child(upsertVehicleSQL, 1, vehicleArgs(0, v))
		doc.vins = append(doc.vins, v.VIN)
		doc.orders = append(doc.orders, v.OrderNumber)
	}
	for i := range cab.Orders {
		o := &cab.Orders[i]
		child(upsertOrderSQL, 1, []any{o.Number, nil, int(o.Status), nullText(o.VIN), timeText(o.AnnouncedAt)})
		for _, e := range o.History {
			child(insertOrderEventSQL, -1, []any{o.Number, timeText(e.At), int(e.Status)})
		}
		doc.vins = append(doc.vins, o.VIN)
		doc.orders = append(doc.orders, o.Number)
	}
	for _, s := range cab.SavedDealers {
		child(upsertSavedDealerSQL, 0, []any{nil, s.DealerCode, s.Primary})
	}
	for i := range cab.Messages {
		m := &cab.Messages[i]
		if m.ID == "" {
			m.ID = newUUID()
		}
		child(upsertMessageSQL, 1, messageArgs(0, m))
	}
	for i := range cab.Consents {
		child(insertConsentSQL, 0, consentArgs(0, &cab.Consents[i]))
	}
	r.doc = doc.doc()
	return r
}

func putCabinet(l *loader, r *cabinetRows) error {
	id, err := importCustomer(l, r.ref, r.customer)
	if err != nil {
		return err
	}
	for _, c := range r.children {
		if c.slot >= 0 {
			c.args[c.slot] = id
		}
		if _, err := l.exec(c.query, c.args...); err != nil {
			return err
		}
	}
	d := &r.doc
	_, err = l.exec(`INSERT OR REPLACE INTO temp.search_stage (id, last, first, email, keys, rev) VALUES (?, ?, ?, ?, ?, ?)`,
		id, d.last, d.first, d.email, d.keys, d.rev)
	return err
}

// importCustomer inserts a customer, or replaces a stored customer with
// the same ref: then the old cabinet's rows go, so that the new one
// replaces it whole.
func importCustomer(l *loader, ref string, args []any) (int64, error) {
	if ref == "" {
		return 0, showroom.Errorf(showroom.EInvalid, "customer_ref", "invalid")
	}
	res, err := l.exec(insertNewCustomerSQL, args...)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return res.LastInsertId()
	}
	// The Ref is stored: replace that cabinet.
	var id int64
	if err := l.tx.QueryRowContext(l.ctx, `SELECT id FROM customers WHERE ref = ?`, ref).Scan(&id); err != nil {
		return 0, err
	}
	for _, q := range []string{
		`DELETE FROM customer_search WHERE rowid = ?`,
		`DELETE FROM vehicles WHERE customer = ?`,
		`DELETE FROM order_events WHERE order_number IN (SELECT number FROM orders WHERE customer = ?)`,
		`DELETE FROM orders WHERE customer = ?`,
		`DELETE FROM saved_dealers WHERE customer = ?`,
		`DELETE FROM messages WHERE customer = ?`,
		`DELETE FROM consents WHERE customer = ?`,
	} {
		if _, err := l.exec(q, id); err != nil {
			return 0, err
		}
	}
	_, err = l.exec(`UPDATE customers SET (`+customerCols+`) = (`+customerParams+`) WHERE id = ?`, append(args, id)...)
	return id, err
}
