package localdb

import (
	"context"
	"database/sql"
	"errors"

	"github.com/myrenault/showroom"
)

// The portal's reference data this device caches: offers, coupons, recall
// campaigns, staff users, sales and the factory registry. Each Put inserts
// or replaces by the entity's key.

const upsertOfferSQL = `INSERT INTO offers (id, title, value, conditions, models, min_age_months,
	max_age_months, min_mileage, max_mileage, dealers, regions, valid_from, valid_to)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO UPDATE SET title = excluded.title, value = excluded.value,
		conditions = excluded.conditions, models = excluded.models,
		min_age_months = excluded.min_age_months, max_age_months = excluded.max_age_months,
		min_mileage = excluded.min_mileage, max_mileage = excluded.max_mileage,
		dealers = excluded.dealers, regions = excluded.regions,
		valid_from = excluded.valid_from, valid_to = excluded.valid_to`

func offerArgs(o *showroom.Offer) []any {
	return []any{o.ID, o.Title, o.Value, o.Conditions, jsonList(o.Models), o.MinAgeMonths,
		o.MaxAgeMonths, o.MinMileage, o.MaxMileage, jsonList(o.Dealers), jsonList(o.Regions),
		timeText(o.ValidFrom), timeText(o.ValidTo)}
}

// PutOffer inserts or replaces the offer o.ID.
func (tx *Tx) PutOffer(o showroom.Offer) error {
	_, err := tx.exec(upsertOfferSQL, offerArgs(&o)...)
	return wrap("put offer", err)
}

// Offers returns the offers valid at the store's current time, by ID.
func (db *DB) Offers(ctx context.Context) ([]showroom.Offer, error) {
	now := timeText(db.now())
	rows, err := db.r.QueryContext(ctx, `SELECT id, title, value, conditions, models, min_age_months,
		max_age_months, min_mileage, max_mileage, dealers, regions, valid_from, valid_to
		FROM offers WHERE valid_from <= ?1 AND valid_to > ?1 ORDER BY id`, now)
	if err != nil {
		return nil, wrap("offers", err)
	}
	defer rows.Close()
	var out []showroom.Offer
	for rows.Next() {
		var o showroom.Offer
		err := rows.Scan(&o.ID, &o.Title, &o.Value, &o.Conditions, list{&o.Models}, &o.MinAgeMonths,
			&o.MaxAgeMonths, &o.MinMileage, &o.MaxMileage, list{&o.Dealers}, list{&o.Regions},
			nullTime{&o.ValidFrom}, nullTime{&o.ValidTo})
		if err != nil {
			return nil, wrap("offers", err)
		}
		out = append(out, o)
	}
	return out, wrap("offers", rows.Err())
}

// PutCoupon inserts or replaces the coupon c.Code.
func (tx *Tx) PutCoupon(c showroom.Coupon) error {
	_, err := tx.exec(`INSERT INTO coupons (code, offer_id, vin, customer_ref, device_id, issued_at,
		redeemed_at, redeemed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET offer_id = excluded.offer_id, vin = excluded.vin,
			customer_ref = excluded.customer_ref, device_id = excluded.device_id,
			issued_at = excluded.issued_at, redeemed_at = excluded.redeemed_at,
			redeemed_by = excluded.redeemed_by`,
		c.Code, c.OfferID, c.VIN, c.CustomerRef, c.DeviceID, timeText(c.IssuedAt),
		timeText(c.RedeemedAt), c.RedeemedBy)
	return wrap("put coupon", err)
}

// Coupon returns the coupon with code, or an ENotFound error.
func (db *DB) Coupon(ctx context.Context, code string) (showroom.Coupon, error) {
	var c showroom.Coupon
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = readCoupon(ctx, tx, code)
		return err
	})
	return c, err
}

func readCoupon(ctx context.Context, tx *sql.Tx, code string) (showroom.Coupon, error) {
	var c showroom.Coupon
	err := tx.QueryRowContext(ctx, `SELECT code, offer_id, vin, customer_ref, device_id, issued_at,
		redeemed_at, redeemed_by FROM coupons WHERE code = ?`, code).
		Scan(&c.Code, &c.OfferID, &c.VIN, &c.CustomerRef, &c.DeviceID, nullTime{&c.IssuedAt},
			nullTime{&c.RedeemedAt}, &c.RedeemedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("coupon_code")
	}
	return c, wrap("coupon", err)
}

const (
	upsertRecallSQL = `INSERT INTO recalls (campaign, date, title, text, remedy, free) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (campaign) DO UPDATE SET date = excluded.date, title = excluded.title,
			text = excluded.text, remedy = excluded.remedy, free = excluded.free`
	deleteRecallVINsSQL = `DELETE FROM recall_vins WHERE campaign = ?`
	insertRecallVINSQL  = `INSERT OR IGNORE INTO recall_vins (vin, campaign) VALUES (?, ?)`
)

// PutRecall inserts or replaces the campaign r.Campaign and its VINs.
func (tx *Tx) PutRecall(r showroom.Recall) error {
	if _, err := tx.exec(upsertRecallSQL, r.Campaign, dateText(r.Date), r.Title, r.Text, r.Remedy, r.Free); err != nil {
		return wrap("put recall", err)
	}
	if _, err := tx.exec(deleteRecallVINsSQL, r.Campaign); err != nil {
		return wrap("put recall", err)
	}
	for _, v := range r.VINs {
		if _, err := tx.exec(insertRecallVINSQL, v, r.Campaign); err != nil {
			return wrap("put recall", err)
		}
	}
	return nil
}

// RecallsForVIN returns the campaigns that concern the car vin, newest
// first, without their VIN lists.
func (db *DB) RecallsForVIN(ctx context.Context, vin string) ([]showroom.Recall, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT r.campaign, r.date, r.title, r.text, r.remedy, r.free
		FROM recall_vins v JOIN recalls r ON r.campaign = v.campaign
		WHERE v.vin = ? ORDER BY r.date DESC, r.campaign`, vin)
	if err != nil {
		return nil, wrap("recalls", err)
	}
	defer rows.Close()
	var out []showroom.Recall
	for rows.Next() {
		var r showroom.Recall
		if err := rows.Scan(&r.Campaign, nullTime{&r.Date}, &r.Title, &r.Text, &r.Remedy, &r.Free); err != nil {
			return nil, wrap("recalls", err)
		}
		out = append(out, r)
	}
	return out, wrap("recalls", rows.Err())
}

// PutStaffUser inserts or replaces the staff user u.ID.
func (tx *Tx) PutStaffUser(u showroom.StaffUser) error {
	_, err := tx.exec(`INSERT INTO staff_users (id, dealer_code, name, role, pin_hash, failed_attempts,
		locked_until, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET dealer_code = excluded.dealer_code, name = excluded.name,
			role = excluded.role, pin_hash = excluded.pin_hash, failed_attempts = excluded.failed_attempts,
			locked_until = excluded.locked_until, active = excluded.active`,
		u.ID, u.DealerCode, u.Name, string(u.Role), u.PINHash, u.FailedAttempts, timeText(u.LockedUntil), u.Active)
	return wrap("put staff user", err)
}

// StaffUser returns the staff user id, or an ENotFound error.
func (db *DB) StaffUser(ctx context.Context, id string) (showroom.StaffUser, error) {
	var u showroom.StaffUser
	err := db.r.QueryRowContext(ctx, `SELECT id, dealer_code, name, role, pin_hash, failed_attempts,
		locked_until, active FROM staff_users WHERE id = ?`, id).
		Scan(&u.ID, &u.DealerCode, &u.Name, &u.Role, &u.PINHash, &u.FailedAttempts, nullTime{&u.LockedUntil}, &u.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return u, notFound("staff_id")
	}
	return u, wrap("staff user", err)
}

const upsertSaleSQL = `INSERT INTO sales (vin, date, dealer_code, kind, staff_id) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (vin, date) DO UPDATE SET dealer_code = excluded.dealer_code, kind = excluded.kind,
		staff_id = excluded.staff_id`

// PutSale inserts or replaces the sale of s.VIN on s.Date.
func (tx *Tx) PutSale(s showroom.Sale) error {
	_, err := tx.exec(upsertSaleSQL, s.VIN, saleDateText(s.Date), s.DealerCode, string(s.Kind), s.StaffID)
	return wrap("put sale", err)
}

const upsertRecordSQL = `INSERT INTO factory_registry (vin, model, version, body, engine_number, build_date, equipment)
	VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (vin) DO UPDATE SET model = excluded.model, version = excluded.version,
		body = excluded.body, engine_number = excluded.engine_number,
		build_date = excluded.build_date, equipment = excluded.equipment`

func recordArgs(r *showroom.FactoryRecord) []any {
	return []any{r.VIN, r.Model, r.Version, r.Body, r.EngineNumber, timeText(r.BuildDate), jsonList(r.Equipment)}
}

// PutFactoryRecord inserts or replaces the registry entry of r.VIN.
func (tx *Tx) PutFactoryRecord(r showroom.FactoryRecord) error {
	_, err := tx.exec(upsertRecordSQL, recordArgs(&r)...)
	return wrap("put factory record", err)
}

// FactoryRecord returns the registry entry of vin, or an ENotFound error.
func (db *DB) FactoryRecord(ctx context.Context, vin string) (showroom.FactoryRecord, error) {
	var r showroom.FactoryRecord
	err := db.r.QueryRowContext(ctx, `SELECT vin, model, version, body, engine_number, build_date, equipment
		FROM factory_registry WHERE vin = ?`, vin).
		Scan(&r.VIN, &r.Model, &r.Version, &r.Body, &r.EngineNumber, nullTime{&r.BuildDate}, list{&r.Equipment})
	if errors.Is(err, sql.ErrNoRows) {
		return r, notFound("vin")
	}
	return r, wrap("factory record", err)
}
