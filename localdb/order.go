package localdb

import (
	"context"
	"database/sql"

	"github.com/myrenault/showroom"
)

// PutOrder inserts or replaces the order o.Number with its history. An
// order with a CustomerRef is linked to that customer, who must exist (an
// ENotFound error otherwise).
func (tx *Tx) PutOrder(o showroom.Order) error {
	var customer sql.NullInt64
	if o.CustomerRef != "" {
		id, err := tx.customerKey(o.CustomerRef)
		if err != nil {
			return err
		}
		customer = sql.NullInt64{Int64: id, Valid: true}
	}
	return tx.putOrder(customer, &o)
}

const (
	upsertOrderSQL = `INSERT INTO orders (number, customer, status, vin, announced_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (number) DO UPDATE SET customer = excluded.customer, status = excluded.status,
			vin = excluded.vin, announced_at = excluded.announced_at`
	deleteOrderEventsSQL = `DELETE FROM order_events WHERE order_number = ?`
	insertOrderEventSQL  = `INSERT OR IGNORE INTO order_events (order_number, at, status) VALUES (?, ?, ?)`
)

func (tx *Tx) putOrder(customer sql.NullInt64, o *showroom.Order) error {
	_, err := tx.exec(upsertOrderSQL, o.Number, customer, int(o.Status), nullText(o.VIN), timeText(o.AnnouncedAt))
	if err != nil {
		return wrap("put order", err)
	}
	if _, err := tx.exec(deleteOrderEventsSQL, o.Number); err != nil {
		return wrap("put order", err)
	}
	for _, e := range o.History {
		if _, err := tx.exec(insertOrderEventSQL, o.Number, timeText(e.At), int(e.Status)); err != nil {
			return wrap("put order", err)
		}
	}
	return nil
}

// readOrders returns the customer's orders, newest number last, each with
// its history in time order.
func readOrders(ctx context.Context, tx *sql.Tx, customer int64, ref string) ([]showroom.Order, error) {
	rows, err := tx.QueryContext(ctx, `SELECT o.number, o.status, o.vin, o.announced_at, e.status, e.at
		FROM orders o LEFT JOIN order_events e ON e.order_number = o.number
		WHERE o.customer = ? ORDER BY o.number, e.at, e.status`, customer)
	if err != nil {
		return nil, wrap("orders", err)
	}
	defer rows.Close()
	var out []showroom.Order
	for rows.Next() {
		var o showroom.Order
		var evStatus sql.NullInt64
		var evAt sql.NullString
		if err := rows.Scan(&o.Number, &o.Status, text{&o.VIN}, nullTime{&o.AnnouncedAt}, &evStatus, &evAt); err != nil {
			return nil, wrap("orders", err)
		}
		if n := len(out); n == 0 || out[n-1].Number != o.Number {
			o.CustomerRef = ref
			out = append(out, o)
		}
		if evStatus.Valid {
			e := showroom.OrderEvent{Status: showroom.OrderStatus(evStatus.Int64)}
			if err := (nullTime{&e.At}).Scan(evAt.String); err != nil {
				return nil, wrap("orders", err)
			}
			last := &out[len(out)-1]
			last.History = append(last.History, e)
		}
	}
	return out, wrap("orders", rows.Err())
}
