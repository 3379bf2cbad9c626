package localdb

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/myrenault/showroom"
)

// OrderForCustomer returns the order with number when its customer's last
// name is lastName (compared as the domain normalises names, without regard
// to case, ё written as е), for the kiosk's «Где мой автомобиль?». An
// unknown number and a wrong name give the same EUnknownOrder error, so
// that the kiosk does not tell which orders exist.
func (db *DB) OrderForCustomer(ctx context.Context, number showroom.OrderNumber, lastName string) (showroom.Order, error) {
	want, err := showroom.NormalizeName("last_name", lastName)
	if err != nil {
		return showroom.Order{}, err
	}
	var out showroom.Order
	err = db.view(ctx, func(tx *sql.Tx) error {
		var customer int64
		var ref, name string
		err := tx.QueryRowContext(ctx, `SELECT c.id, c.ref, c.last_name FROM orders o
			JOIN customers c ON c.id = o.customer WHERE o.number = ?`, number.String()).Scan(&customer, &ref, &name)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !sameName(name, want)) {
			return showroom.Errorf(showroom.EUnknownOrder, "order_number", "unknown_order")
		}
		if err != nil {
			return wrap("order for customer", err)
		}
		orders, err := readOrders(ctx, tx, customer, ref)
		if err != nil {
			return err
		}
		for _, o := range orders {
			if o.Number == number.String() {
				out = o
				return nil
			}
		}
		return showroom.Errorf(showroom.EUnknownOrder, "order_number", "unknown_order")
	})
	return out, err
}

// sameName compares two normalised names as a person would: case and the
// dots over ё do not matter.
func sameName(a, b string) bool {
	fold := strings.NewReplacer("ё", "е", "Ё", "Е")
	return strings.EqualFold(fold.Replace(a), fold.Replace(b))
}
