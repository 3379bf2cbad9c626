package localdb

import (
	"context"
	"database/sql"

	"github.com/myrenault/showroom"
)

// Cabinet returns everything the store holds for the customer ref: the
// profile, garage, orders, saved dealers, messages and consents, read in one
// consistent snapshot. It returns an ENotFound error for an unknown
// customer.
func (db *DB) Cabinet(ctx context.Context, ref string) (showroom.Cabinet, error) {
	var cab showroom.Cabinet
	err := db.view(ctx, func(tx *sql.Tx) error {
		id, err := readCustomer(ctx, tx, ref, &cab.Customer)
		if err != nil {
			return err
		}
		if cab.Garage, err = readGarage(ctx, tx, id, ref); err != nil {
			return err
		}
		if cab.Orders, err = readOrders(ctx, tx, id, ref); err != nil {
			return err
		}
		if cab.SavedDealers, err = readSavedDealers(ctx, tx, id, ref); err != nil {
			return err
		}
		if cab.Messages, err = readMessages(ctx, tx, id, ref); err != nil {
			return err
		}
		cab.Consents, err = readConsents(ctx, tx, id, ref)
		return err
	})
	if err != nil {
		return showroom.Cabinet{}, err
	}
	return cab, nil
}

// Stats are the store's counts the staff window's status bar shows.
type Stats struct {
	Customers int
	Vehicles  int
	Orders    int
	// Outbox is the number of local changes waiting to be pushed.
	Outbox int
}

// Stats counts customers, vehicles, orders and waiting mutations.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM customers), (SELECT count(*) FROM vehicles),
		(SELECT count(*) FROM orders), (SELECT count(*) FROM outbox)`).
		Scan(&s.Customers, &s.Vehicles, &s.Orders, &s.Outbox)
	return s, wrap("stats", err)
}
