package localdb

import (
	"context"
	"database/sql"
	"errors"

	"github.com/myrenault/showroom"
)

// Setting keys of printing: the device's coupon-code prefix and its Ed25519
// private key for signing coupons (the seed, base64), which the device
// keeps and whose public half the portal learns at enrolment.
const (
	SettingCouponPrefix = "device.coupon_prefix"
	SettingCouponKey    = "device.coupon_key"
)

// CustomerByID returns the customer whose portal customer ID (the Welcome
// Pack login) is id, or an ENotFound error.
func (db *DB) CustomerByID(ctx context.Context, id string) (showroom.Customer, error) {
	var c showroom.Customer
	err := db.view(ctx, func(tx *sql.Tx) error {
		var ref string
		err := tx.QueryRowContext(ctx, `SELECT ref FROM customers WHERE customer_id = ?`, id).Scan(&ref)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("customer_id")
		}
		if err != nil {
			return wrap("customer by id", err)
		}
		_, err = readCustomer(ctx, tx, ref, &c)
		return err
	})
	return c, err
}

// VehicleOwner returns the car with vin and the customer whose garage holds
// it — the one who added it last, should two garages hold it — or an
// ENotFound error.
func (db *DB) VehicleOwner(ctx context.Context, vin string) (showroom.Vehicle, showroom.Customer, error) {
	var v showroom.Vehicle
	var c showroom.Customer
	err := db.view(ctx, func(tx *sql.Tx) error {
		var ref string
		err := tx.QueryRowContext(ctx, `SELECT c.ref FROM vehicles v JOIN customers c ON c.id = v.customer
			WHERE v.vin = ? ORDER BY v.added_at DESC, v.id DESC LIMIT 1`, vin).Scan(&ref)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("vin")
		}
		if err != nil {
			return wrap("vehicle owner", err)
		}
		id, err := readCustomer(ctx, tx, ref, &c)
		if err != nil {
			return err
		}
		garage, err := readGarage(ctx, tx, id, ref)
		if err != nil {
			return err
		}
		for _, g := range garage {
			if g.VIN == vin {
				v = g
				return nil
			}
		}
		return notFound("vin")
	})
	return v, c, err
}
