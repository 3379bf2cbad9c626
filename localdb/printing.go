package localdb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/myrenault/showroom"
)

// SettingPrinter is the settings key of the CUPS queue the desk prints on,
// remembered from the last print. The device's coupon prefix and signing
// key are secrets and live in the device file, not in the store.
const SettingPrinter = "printing.printer"

// Mutation types of coupons.
const (
	MutationCouponIssue  = "coupon.issue"
	MutationCouponRedeem = "coupon.redeem"
)

// couponIssue and couponRedeem are the data of coupon.issue and
// coupon.redeem in the API's wire shape (portal/api CouponIssue and
// CouponRedeem, which this package does not import).
type couponIssue struct {
	CustomerID  string    `json:"customer_id,omitempty"`
	CustomerRef string    `json:"customer_ref,omitempty"`
	Code        string    `json:"code"`
	OfferID     string    `json:"offer_id"`
	VIN         string    `json:"vin"`
	IssuedAt    time.Time `json:"issued_at,omitzero"`
	Payload     string    `json:"payload,omitempty"`
}

type couponRedeem struct {
	Code string `json:"code"`
}

// IssueCoupon records coupon c, printed for the customer with portal ID
// customerID (empty when the portal has not assigned one yet: c.CustomerRef
// names the customer then) with the QR payload, and queues coupon.issue for
// the portal in the same transaction. It returns an EConflict error when the
// store already holds the code.
func (db *DB) IssueCoupon(ctx context.Context, c showroom.Coupon, customerID, payload string) error {
	return db.Update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM coupons WHERE code = ?`, c.Code).Scan(&n); err != nil {
			return wrap("issue coupon", err)
		}
		if n > 0 {
			return showroom.Errorf(showroom.EConflict, "coupon_code", "")
		}
		c.RedeemedAt, c.RedeemedBy = time.Time{}, ""
		if err := tx.PutCoupon(c); err != nil {
			return err
		}
		m := couponIssue{Code: c.Code, OfferID: c.OfferID, VIN: c.VIN, IssuedAt: c.IssuedAt.UTC(), Payload: payload}
		if customerID != "" {
			m.CustomerID = customerID
		} else {
			m.CustomerRef = c.CustomerRef
		}
		_, err := tx.Enqueue(MutationCouponIssue, m)
		return err
	})
}

// RedeemCoupon redeems the coupon c.Code at dealer now: it marks the coupon
// redeemed and queues coupon.redeem in one transaction, and returns the
// coupon as stored. A coupon the store does not hold (issued on another
// device, confirmed by the portal) is stored from c first.
//
// When the store already records a redemption it changes nothing and
// returns the stored coupon with showroom.RedemptionRefusal's
// ECouponRedeemed error, which says when and at which dealer.
func (db *DB) RedeemCoupon(ctx context.Context, c showroom.Coupon, dealer string) (showroom.Coupon, error) {
	var out showroom.Coupon
	err := db.Update(ctx, func(tx *Tx) error {
		stored, err := readCoupon(ctx, tx.tx, c.Code)
		switch {
		case isNotFound(err):
			stored = c
		case err != nil:
			return err
		}
		if !stored.RedeemedAt.IsZero() {
			out = stored
			return showroom.RedemptionRefusal(stored, dealerWhere(ctx, tx.tx, stored.RedeemedBy),
				showroom.Offer{}, tx.now, time.Local)
		}
		stored.RedeemedAt, stored.RedeemedBy = tx.now.UTC().Truncate(time.Second), dealer
		if err := tx.PutCoupon(stored); err != nil {
			return err
		}
		out = stored
		_, err = tx.Enqueue(MutationCouponRedeem, couponRedeem{Code: c.Code})
		return err
	})
	return out, err
}

// DealerWhere names a dealer for people: "Name (code)" when the directory
// knows it, else the code.
func (db *DB) DealerWhere(ctx context.Context, code string) string {
	var where string
	db.view(ctx, func(tx *sql.Tx) error { where = dealerWhere(ctx, tx, code); return nil })
	return where
}

func dealerWhere(ctx context.Context, tx *sql.Tx, code string) string {
	if code == "" {
		return ""
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM dealers WHERE code = ?`, code).Scan(&name); err != nil || name == "" {
		return code
	}
	return name + " (" + code + ")"
}

// Offer returns the offer id whether or not it is valid now, or an
// ENotFound error: a coupon names its offer after the offer has ended.
func (db *DB) Offer(ctx context.Context, id string) (showroom.Offer, error) {
	var o showroom.Offer
	err := db.r.QueryRowContext(ctx, `SELECT id, title, value, conditions, models, min_age_months,
		max_age_months, min_mileage, max_mileage, dealers, regions, valid_from, valid_to
		FROM offers WHERE id = ?`, id).Scan(&o.ID, &o.Title, &o.Value, &o.Conditions, list{&o.Models},
		&o.MinAgeMonths, &o.MaxAgeMonths, &o.MinMileage, &o.MaxMileage, list{&o.Dealers}, list{&o.Regions},
		nullTime{&o.ValidFrom}, nullTime{&o.ValidTo})
	if errors.Is(err, sql.ErrNoRows) {
		return o, notFound("offer_id")
	}
	return o, wrap("offer", err)
}

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
