package localdb

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// The registration goal, counted in this device's store with the domain's
// rules (showroom.CountsAsRegistration, showroom.CountsAsSale): customers
// registered at the dealer by its kiosk or staff, over its retail sales.
// The queries take the rule's lists (showroom.CountedSources,
// showroom.CountedSaleKinds) as parameters rather than writing them again;
// the tests check them on a hand-computed fixture and against the rule
// applied row by row to the demo.

// KPICount is what one period holds for the goal.
type KPICount struct {
	Registrations int
	Sales         int
}

// StaffKPI is one staff member's part of a period: the cars they handed
// over (sales of any kind credited to them) and the customers they
// registered at the desk.
type StaffKPI struct {
	StaffID       string
	Name          string
	Role          showroom.Role
	Handovers     int
	Registrations int
}

// saleDate is how a period's bound compares with the stored sale dates,
// which are calendar dates in Moscow time (see PutSale).
func saleDate(t time.Time) string { return t.In(showroom.Moscow()).Format(dateLayout) }

// KPI counts a dealer's registrations and retail sales from from
// (inclusive) to to (exclusive). Bounds are instants; for sales, which
// carry a date, they should be midnights in Moscow, as quarter and month
// bounds are.
func (db *DB) KPI(ctx context.Context, dealer string, from, to time.Time) (KPICount, error) {
	var k KPICount
	sources, sourceArgs := inList(showroom.CountedSources())
	kinds, kindArgs := inList(showroom.CountedSaleKinds())
	err := db.view(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers
			WHERE dealer_code = ? AND source IN (`+sources+`) AND created_at >= ? AND created_at < ?`,
			args(dealer, sourceArgs, timeText(from), timeText(to))...).Scan(&k.Registrations)
		if err != nil {
			return wrap("kpi registrations", err)
		}
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM sales
			WHERE dealer_code = ? AND kind IN (`+kinds+`) AND date >= ? AND date < ?`,
			args(dealer, kindArgs, saleDate(from), saleDate(to))...).Scan(&k.Sales)
		return wrap("kpi sales", err)
	})
	return k, err
}

// inList is the placeholders of an IN list of vs ("?, ?") and vs as
// arguments for them.
func inList[T ~string](vs []T) (string, []any) {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(vs)), ", "), out
}

// args flattens a query's arguments: values and lists of them ([]any), in
// order.
func args(vs ...any) []any {
	var out []any
	for _, v := range vs {
		if list, ok := v.([]any); ok {
			out = append(out, list...)
		} else {
			out = append(out, v)
		}
	}
	return out
}

// StaffKPIs returns, for a dealer's period, each staff member's handovers
// and registrations, and a row with an empty StaffID for what no staff
// member is credited with; staff without either are left out. Rows are in
// the order of the dealer's staff list (by name), the uncredited row last.
func (db *DB) StaffKPIs(ctx context.Context, dealer string, from, to time.Time) ([]StaffKPI, error) {
	var out []StaffKPI
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			WITH h AS (SELECT staff_id, count(*) AS n FROM sales
					WHERE dealer_code = ? AND date >= ? AND date < ? GROUP BY staff_id),
				r AS (SELECT staff_id, count(*) AS n FROM customers
					WHERE dealer_code = ? AND source = ? AND created_at >= ? AND created_at < ? GROUP BY staff_id),
				ids AS (SELECT staff_id FROM h UNION SELECT staff_id FROM r)
			SELECT ids.staff_id, coalesce(u.name, ''), coalesce(u.role, ''), coalesce(h.n, 0), coalesce(r.n, 0)
			FROM ids LEFT JOIN staff_users u ON u.id = ids.staff_id
				LEFT JOIN h ON h.staff_id = ids.staff_id LEFT JOIN r ON r.staff_id = ids.staff_id
			ORDER BY ids.staff_id = '', u.name, ids.staff_id`,
			dealer, saleDate(from), saleDate(to),
			dealer, showroom.SourceStaff, timeText(from), timeText(to))
		if err != nil {
			return wrap("staff kpi", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s StaffKPI
			if err := rows.Scan(&s.StaffID, &s.Name, &s.Role, &s.Handovers, &s.Registrations); err != nil {
				return wrap("staff kpi", err)
			}
			out = append(out, s)
		}
		return wrap("staff kpi", rows.Err())
	})
	return out, err
}

// saleDateText is the stored form of a sale's date: its calendar date in
// Moscow, where the programme's quarters are counted, so that a sale at
// 01:00 on 1 April in Moscow (21:00 UTC the day before) is in April.
func saleDateText(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: saleDate(t), Valid: true}
}
