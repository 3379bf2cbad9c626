package portal

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// saveCoupon writes a coupon and its change, scoped to the issuing dealer.
func (m *mtx) saveCoupon(c showroom.Coupon, dealer, customerID string) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	err = m.exec(`INSERT INTO coupons (code, dealer, customer_id, data) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET data = excluded.data`, c.Code, dealer, nullStr(customerID), data)
	if err != nil {
		return err
	}
	return m.change(api.ChangeCoupon, c.Code, dealer, json.RawMessage(data), false)
}

// applyCouponIssue records a printed coupon; a code is issued once.
func applyCouponIssue(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var in api.CouponIssue
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	code := strings.TrimSpace(in.Code)
	if code == "" || len(code) > 64 {
		return nil, showroom.Errorf(showroom.EInvalid, "code", "")
	}
	var n int
	if err := m.queryRow(`SELECT count(*) FROM offers WHERE id = ?`, in.OfferID).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, showroom.Errorf(showroom.ENotFound, "offer_id", "")
	}
	if err := m.queryRow(`SELECT count(*) FROM coupons WHERE code = ?`, code).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, showroom.Errorf(showroom.EConflict, "code", "")
	}
	cp := showroom.Coupon{Code: code, OfferID: in.OfferID, VIN: showroom.NormalizeVIN(in.VIN), DeviceID: m.dev.ID, IssuedAt: m.now}
	var customerID string
	if in.CustomerKey != (api.CustomerKey{}) {
		c, err := m.customer(in.CustomerKey)
		if err != nil {
			return nil, err
		}
		cp.CustomerRef, customerID = c.Ref, c.ID
	}
	if err := m.saveCoupon(cp, m.dev.Dealer, customerID); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeCoupon, ID: code}, nil
}

// applyCouponRedeem redeems a coupon at the device's dealer, once: a
// second redemption is coupon_redeemed, saying when and where the first was.
func applyCouponRedeem(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var in api.CouponRedeem
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	code := strings.TrimSpace(in.Code)
	var raw, dealer string
	var customerID sql.NullString
	err := m.queryRow(`SELECT data, dealer, customer_id FROM coupons WHERE code = ?`, code).Scan(&raw, &dealer, &customerID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, showroom.Errorf(api.CodeUnknownCoupon, "code", "")
	}
	if err != nil {
		return nil, err
	}
	var cp showroom.Coupon
	if err := json.Unmarshal([]byte(raw), &cp); err != nil {
		return nil, err
	}
	ent := &api.Entity{Type: api.ChangeCoupon, ID: code}
	if !cp.RedeemedAt.IsZero() {
		return ent, &redeemedError{err: showroom.Errorf(showroom.ECouponRedeemed, "code", ""),
			at: cp.RedeemedAt.UTC().Format("2006-01-02T15:04:05Z"), dealer: cp.RedeemedBy}
	}
	cp.RedeemedAt, cp.RedeemedBy = m.now, m.dev.Dealer
	if err := m.saveCoupon(cp, dealer, customerID.String); err != nil {
		return nil, err
	}
	return ent, nil
}
