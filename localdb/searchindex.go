package localdb

import (
	"context"
	"database/sql"
	"strconv"
)

// reindexDirty rewrites the search rows of the customers that triggers
// marked in search_dirty during this transaction, and clears the marks.
func (tx *Tx) reindexDirty() error {
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT customer FROM search_dirty`)
	if err != nil {
		return wrap("search index", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return wrap("search index", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("search index", err)
	}
	for _, id := range ids {
		if err := tx.reindex(id); err != nil {
			return wrap("search index", err)
		}
	}
	if len(ids) > 0 {
		if _, err := tx.exec(`DELETE FROM search_dirty`); err != nil {
			return wrap("search index", err)
		}
	}
	return nil
}

// reindex rewrites one customer's search row from the tables.
func (tx *Tx) reindex(id int64) error {
	if _, err := tx.exec(`DELETE FROM customer_search WHERE rowid = ?`, id); err != nil {
		return err
	}
	var s docSource
	var home, mobile, work string
	err := tx.queryRow(`
		SELECT first_name, last_name, email, customer_id, home_phone, mobile_phone, work_phone
		FROM customers WHERE id = ?`, id).
		Scan(&s.firstName, &s.lastName, &s.email, text{&s.customerID}, &home, &mobile, &work)
	if err == sql.ErrNoRows {
		return nil // deleted: its row is gone
	}
	if err != nil {
		return err
	}
	s.phones = []string{mobile, home, work}
	cars, err := customerCars(tx.query(customerCarsSQL, id))
	if err != nil {
		return err
	}
	for _, c := range cars {
		s.vins = append(s.vins, c.vin)
		s.orders = append(s.orders, c.order)
	}
	d := s.doc()
	_, err = tx.exec(insertDocSQL, id, d.last, d.first, d.email, d.keys, d.rev)
	return err
}

// carKeys are a car's search keys: its VIN and order number, either empty
// when unknown.
type carKeys struct{ vin, order string }

// customerCarsSQL lists the VIN and order number of each car in the garage
// and each order of customer ?1: what the search index knows them by.
const customerCarsSQL = `
	SELECT coalesce(vin, ''), coalesce(order_number, '') FROM vehicles WHERE customer = ?1
	UNION ALL SELECT coalesce(vin, ''), number FROM orders WHERE customer = ?1`

// customerCars reads the rows of customerCarsSQL, run by the caller in its
// transaction.
func customerCars(rows *sql.Rows, err error) ([]carKeys, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []carKeys
	for rows.Next() {
		var c carKeys
		if err := rows.Scan(&c.vin, &c.order); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const insertDocSQL = `INSERT INTO customer_search (rowid, last, first, email, keys, rev) VALUES (?, ?, ?, ?, ?, ?)`

// settingSearchVersion records the searchIndexVersion the index was built
// with.
const settingSearchVersion = "search.index_version"

// upgradeSearchIndex rebuilds the search index when it was built by a
// version of this package that derived other terms from the data.
func (db *DB) upgradeSearchIndex(ctx context.Context) error {
	want := strconv.Itoa(searchIndexVersion)
	return db.Update(ctx, func(tx *Tx) error {
		have, err := tx.setting(settingSearchVersion)
		if err != nil || have == want {
			return err
		}
		for _, q := range []string{
			`DELETE FROM customer_search`,
			`INSERT INTO search_dirty SELECT id FROM customers WHERE id NOT IN (SELECT customer FROM search_dirty)`,
		} {
			if _, err := tx.exec(q); err != nil {
				return wrap("rebuild search index", err)
			}
		}
		return tx.SetSetting(settingSearchVersion, want)
	})
}
