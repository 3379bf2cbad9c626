package portal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"time"

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
	code, err := showroom.ParseCouponCode(in.Code)
	if err != nil {
		return nil, err
	}
	key, prefix, err := m.deviceKey(m.dev.ID)
	if err != nil {
		return nil, err
	}
	if prefix != "" && showroom.CouponPrefix(code) != prefix {
		return nil, showroom.Errorf(showroom.EInvalidCoupon, "code", showroom.ReasonCouponNotDevice, prefix)
	}
	vin := showroom.NormalizeVIN(in.VIN)
	issued := in.IssuedAt.UTC().Truncate(time.Second)
	if key != nil {
		// A device with a key signs every coupon: the payload must vouch
		// for exactly this code, offer and car.
		cl, err := showroom.VerifyCoupon(key, in.Payload)
		if err != nil {
			return nil, err
		}
		if cl.Code != code || cl.OfferID != in.OfferID || cl.VIN != vin {
			return nil, showroom.Errorf(showroom.EInvalidCoupon, "payload", showroom.ReasonCouponSignature)
		}
		issued = cl.IssuedAt
	}
	if issued.IsZero() {
		issued = m.now
	}
	var offerRaw, dealerRaw string
	err = m.queryRow(`SELECT data FROM offers WHERE id = ?`, in.OfferID).Scan(&offerRaw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, showroom.Errorf(showroom.ENotFound, "offer_id", "")
	}
	if err != nil {
		return nil, err
	}
	if err := m.queryRow(`SELECT data FROM dealers WHERE code = ?`, m.dev.Dealer).Scan(&dealerRaw); err != nil {
		return nil, err
	}
	var offer showroom.Offer
	var dealer showroom.Dealer
	if err := errors.Join(json.Unmarshal([]byte(offerRaw), &offer), json.Unmarshal([]byte(dealerRaw), &dealer)); err != nil {
		return nil, err
	}
	var n int
	if err := m.queryRow(`SELECT count(*) FROM coupons WHERE code = ?`, code).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, showroom.Errorf(showroom.EConflict, "code", "")
	}
	cp := showroom.Coupon{Code: code, OfferID: in.OfferID, VIN: vin, DeviceID: m.dev.ID, IssuedAt: issued}
	// The coupon is for a car in the garage of one of the dealer's
	// customers — the one named, when the mutation names one — and the
	// offer must apply to it (a verified car, the offer's limits).
	var c showroom.Customer
	if in.CustomerKey != (api.CustomerKey{}) {
		if c, err = m.customer(in.CustomerKey); err != nil {
			return nil, err
		}
	} else {
		var raw string
		err := m.queryRow(`SELECT c.data FROM vehicles v JOIN customers c ON c.id = v.customer_id
			WHERE v.vin = ? AND c.dealer = ? ORDER BY v.rowid DESC LIMIT 1`, vin, m.dev.Dealer).Scan(&raw)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, showroom.Errorf(showroom.ENotFound, "vin", "")
		}
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return nil, err
		}
	}
	car, found, err := m.carOf(c, vin)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, showroom.Errorf(showroom.ENotFound, "vin", "")
	}
	if err := showroom.OfferApplies(offer, car, dealer, issued); err != nil {
		return nil, err
	}
	cp.CustomerRef = c.Ref
	customerID := c.ID
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
	code, err := showroom.ParseCouponCode(in.Code)
	if err != nil {
		return nil, err
	}
	var raw, dealer string
	var customerID sql.NullString
	err = m.queryRow(`SELECT data, dealer, customer_id FROM coupons WHERE code = ?`, code).Scan(&raw, &dealer, &customerID)
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

// CouponStatus returns what the portal knows of a coupon for any dealer's
// service desk: the offer, the car's VIN tail, who issued it with the
// issuing device's public key, and when and where it was redeemed.
// api.CodeUnknownCoupon for a code never issued.
func (s *SQLite) CouponStatus(ctx context.Context, code string) (api.CouponStatus, error) {
	var out api.CouponStatus
	code, err := showroom.ParseCouponCode(code)
	if err != nil {
		return out, err
	}
	var raw, dealer string
	var key []byte
	var redeemedName sql.NullString
	err = s.r.QueryRowContext(ctx, `SELECT c.data, c.dealer, d.public_key,
			(SELECT json_extract(x.data, '$.name') FROM dealers x WHERE x.code = json_extract(c.data, '$.redeemed_by'))
		FROM coupons c LEFT JOIN devices d ON d.id = json_extract(c.data, '$.device_id')
		WHERE c.code = ?`, code).Scan(&raw, &dealer, &key, &redeemedName)
	if errors.Is(err, sql.ErrNoRows) {
		return out, showroom.Errorf(api.CodeUnknownCoupon, "code", "")
	}
	if err != nil {
		return out, err
	}
	var cp showroom.Coupon
	if err := json.Unmarshal([]byte(raw), &cp); err != nil {
		return out, err
	}
	out = api.CouponStatus{Code: cp.Code, OfferID: cp.OfferID, IssuedAt: cp.IssuedAt, IssuedBy: dealer,
		IssuerKey: key, RedeemedAt: cp.RedeemedAt, RedeemedBy: cp.RedeemedBy, RedeemedByName: redeemedName.String}
	if n := len(cp.VIN); n >= 6 {
		out.VINTail = cp.VIN[n-6:]
	}
	return out, nil
}

// coupon answers GET /api/v1/coupons/{code}.
func (s *Server) coupon(w http.ResponseWriter, r *http.Request) {
	out, err := s.store.CouponStatus(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// carOf finds the car with a VIN in a customer's garage.
func (m *mtx) carOf(c showroom.Customer, vin string) (showroom.Vehicle, bool, error) {
	g, err := m.garage(c.ID)
	if err != nil {
		return showroom.Vehicle{}, false, err
	}
	for _, v := range g {
		if v.VIN == vin {
			return v, true, nil
		}
	}
	return showroom.Vehicle{}, false, nil
}
