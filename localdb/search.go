package localdb

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/myrenault/showroom"
)

// MatchKind says what part of a customer's data a search hit matched.
type MatchKind string

// Match kinds.
const (
	MatchCustomerID MatchKind = "customer_id"
	MatchVIN        MatchKind = "vin"
	MatchOrder      MatchKind = "order"
	MatchEmail      MatchKind = "email"
	MatchPhone      MatchKind = "phone"
	MatchName       MatchKind = "name"
)

// CustomerHit is one customer found by SearchCustomers.
type CustomerHit struct {
	Ref        string
	CustomerID string
	FullName   string
	Email      string
	// Phone is the mobile phone, or the home or work phone without one.
	Phone string
	State showroom.CustomerState
	// VIN is the car the query matched by VIN or order number, if any.
	VIN   string
	Match MatchKind
	// Exact is true when the query is the whole customer ID, VIN, order
	// number, e-mail or phone of the customer.
	Exact bool
}

// SearchCustomers finds up to limit customers by name, e-mail, phone, VIN,
// customer ID or order number (see searchquery.go for how a query is read).
// Exact matches of an identifier come first, then partial identifier
// matches and names, each newest customer first. A query shorter than 2
// characters, or one that cannot match anything, returns no hits and no
// error.
func (db *DB) SearchCustomers(ctx context.Context, query string, limit int) ([]CustomerHit, error) {
	p := planSearch(query)
	if p.empty() || limit <= 0 {
		return nil, nil
	}
	var hits []CustomerHit
	err := db.view(ctx, func(tx *sql.Tx) error {
		ids, err := exactMatches(ctx, tx, p)
		if err != nil {
			return err
		}
		exact := len(ids)
		for _, expr := range p.exprs {
			if len(ids) >= limit {
				break
			}
			more, err := ftsMatches(ctx, tx, expr, limit+len(ids))
			if err != nil {
				return err
			}
			for _, id := range more {
				if len(ids) < limit && !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
		if len(ids) > limit {
			ids = ids[:limit]
		}
		hits = make([]CustomerHit, len(ids))
		for i, id := range ids {
			if err := loadHit(ctx, tx, id, p, i < exact, &hits[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap("search", err)
	}
	return hits, nil
}

// exactMatches looks the query up as a whole identifier, through the
// tables' own indexes.
func exactMatches(ctx context.Context, tx *sql.Tx, p searchPlan) ([]int64, error) {
	var ids []int64
	collect := func(q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		return rows.Err()
	}
	if k := p.exactKey; k != "" {
		up := strings.ToUpper(k)
		err := collect(`
			SELECT id FROM customers WHERE customer_id IN (?1, ?2)
			UNION ALL SELECT customer FROM vehicles WHERE vin = ?2
			UNION ALL SELECT customer FROM vehicles WHERE order_number = ?1
			UNION ALL SELECT customer FROM orders WHERE number = ?1 AND customer IS NOT NULL
			UNION ALL SELECT customer FROM orders WHERE vin = ?2 AND customer IS NOT NULL`, k, up)
		if err != nil {
			return nil, err
		}
	}
	if p.exactEmail != "" {
		if err := collect(`SELECT id FROM customers WHERE email = ? COLLATE NOCASE AND email <> ''`, p.exactEmail); err != nil {
			return nil, err
		}
	}
	for _, ph := range p.exactPhones {
		if err := collect(`SELECT id FROM customers WHERE mobile_phone = ? AND mobile_phone <> ''`, ph); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// ftsMatches runs one full-text expression. Newest first by rowid rather
// than by bm25: FTS5 then stops at the limit instead of scoring every
// match of a short prefix.
func ftsMatches(ctx context.Context, tx *sql.Tx, expr string, limit int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx,
		`SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid DESC LIMIT ?`, expr, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// loadHit reads what a hit shows and works out what it matched.
func loadHit(ctx context.Context, tx *sql.Tx, id int64, p searchPlan, exact bool, h *CustomerHit) error {
	var first, last, home, mobile, work string
	err := tx.QueryRowContext(ctx, `
		SELECT ref, customer_id, first_name, last_name, email, home_phone, mobile_phone, work_phone, state
		FROM customers WHERE id = ?`, id).
		Scan(&h.Ref, text{&h.CustomerID}, &first, &last, &h.Email, &home, &mobile, &work, &h.State)
	if err != nil {
		return err
	}
	h.FullName = showroom.Customer{Personal: showroom.PersonalData{FirstName: first, LastName: last}}.FullName()
	h.Phone = cmp.Or(mobile, home, work)
	h.Exact = exact
	h.Match = MatchName
	if len(p.keyTerms) == 0 {
		if p.email || !namesMatch(p.nameTerms, first, last) {
			h.Match = MatchEmail
		}
		return nil
	}
	// Which key matched: the customer ID, a car (VIN or order number), a
	// phone or an e-mail word.
	has := func(k string) bool {
		k = key(k)
		for _, t := range p.keyTerms {
			if k != "" && (strings.HasPrefix(k, t) || strings.HasSuffix(k, t)) {
				return true
			}
		}
		return false
	}
	cars, err := customerCars(tx.QueryContext(ctx, customerCarsSQL, id))
	if err != nil {
		return err
	}
	for _, c := range cars {
		switch {
		case has(c.vin):
			h.VIN, h.Match = c.vin, MatchVIN
			return nil
		case has(c.order):
			h.VIN, h.Match = c.vin, MatchOrder
			return nil
		}
	}
	switch {
	case has(h.CustomerID):
		h.Match = MatchCustomerID
	case has(nationalPhone(mobile)) || has(nationalPhone(home)) || has(nationalPhone(work)):
		h.Match = MatchPhone
	default:
		h.Match = MatchEmail
	}
	return nil
}

// namesMatch reports whether every term starts a word of the names.
func namesMatch(terms []string, names ...string) bool {
	ws := nameWords(names...)
	for _, t := range terms {
		if !slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, t) }) {
			return false
		}
	}
	return true
}
