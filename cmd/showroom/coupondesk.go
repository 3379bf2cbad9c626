package main

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// couponPortal is the portal's coupon look-up (sync.Client.Coupon): an
// ENotFound error when the portal never issued the code.
type couponPortal interface {
	Coupon(ctx context.Context, code string) (api.CouponStatus, error)
}

// couponDesk redeems coupons at the service desk for the staff window: the
// store says what this device issued and redeemed, the portal (when it can
// be asked) what every dealer did, and the issuing device's key whether a
// scanned QR code is genuine.
type couponDesk struct {
	db      *localdb.DB
	dataDir string
	// portal is nil when the device cannot ask the portal (not enrolled).
	portal couponPortal
	log    *slog.Logger
	now    func() time.Time
	loc    *time.Location
	// portalWait bounds the portal's answer: a desk does not keep a
	// customer waiting for a portal that is down.
	portalWait time.Duration
}

var _ staff.Coupons = (*couponDesk)(nil)

func newCouponDesk(db *localdb.DB, dataDir string, portal couponPortal, log *slog.Logger) *couponDesk {
	return &couponDesk{db: db, dataDir: dataDir, portal: portal, log: log, now: time.Now, loc: time.Local,
		portalWait: 8 * time.Second}
}

// Check implements staff.Coupons.
func (d *couponDesk) Check(ctx context.Context, input string) (staff.CouponCheck, error) {
	c, _, err := d.check(ctx, input)
	return c, err
}

// Redeem implements staff.Coupons: the coupon is checked again, then
// redeemed at this device's dealer through the outbox.
func (d *couponDesk) Redeem(ctx context.Context, input string) (staff.CouponCheck, error) {
	c, coupon, err := d.check(ctx, input)
	if err != nil || c.Refusal != nil {
		return c, err
	}
	_, err = d.db.RedeemCoupon(ctx, coupon, d.dealer(ctx))
	if showroom.ErrorCode(err) == showroom.ECouponRedeemed {
		c.Refusal = err // redeemed at this desk a moment ago
		return c, nil
	}
	if err != nil {
		return c, err
	}
	c.Redeemed = true
	return c, nil
}

// dealer is the code of this device's dealer.
func (d *couponDesk) dealer(ctx context.Context) string {
	if dev, err := sync.LoadDevice(d.dataDir); err == nil && dev.Dealer.Code != "" {
		return dev.Dealer.Code
	}
	code, _ := d.db.Setting(ctx, localdb.SettingDealerCode)
	return code
}

// check reads input (a code or a QR payload) and gathers what is known of
// the coupon; it returns the coupon as it would be stored when redeemed.
func (d *couponDesk) check(ctx context.Context, input string) (staff.CouponCheck, showroom.Coupon, error) {
	var out staff.CouponCheck
	var claims showroom.Claims
	// A scanner ends what it types with Enter, and types a payload on
	// whatever keyboard layout the desk has on.
	input = showroom.CouponInput(input)
	payload := ""
	code, err := showroom.ParseCouponCode(input)
	if showroom.IsCouponPayload(input) {
		if claims, err = showroom.ParseCouponPayload(input); err != nil {
			return out, showroom.Coupon{}, err
		}
		code, payload = claims.Code, input
	}
	if err != nil {
		return out, showroom.Coupon{}, err
	}
	out.Code = code
	coupon, err := d.db.Coupon(ctx, code)
	local := err == nil
	if err != nil && showroom.ErrorCode(err) != showroom.ENotFound {
		return out, coupon, err
	}
	if !local {
		coupon = showroom.Coupon{Code: code, OfferID: claims.OfferID, VIN: claims.VIN, IssuedAt: claims.IssuedAt}
	}

	// The portal's word, when it can be asked.
	var st api.CouponStatus
	portalKnows, portalDenies := false, false
	if d.portal != nil {
		pctx, cancel := context.WithTimeout(ctx, d.portalWait)
		st, err = d.portal.Coupon(pctx, code)
		cancel()
		switch {
		case err == nil:
			out.Portal, portalKnows = staff.PortalConfirmed, true
		case showroom.ErrorCode(err) == showroom.ENotFound:
			out.Portal, portalDenies = staff.PortalConfirmed, true
		default:
			d.log.Warn("portal coupon check failed", "code", showroom.ErrorCode(err))
		}
	}
	if portalKnows {
		if coupon.OfferID == "" {
			coupon.OfferID, coupon.IssuedAt = st.OfferID, st.IssuedAt
		}
		if coupon.VIN == "" {
			coupon.VIN = st.VINTail
		}
		if !st.RedeemedAt.IsZero() && coupon.RedeemedAt.IsZero() {
			coupon.RedeemedAt, coupon.RedeemedBy = st.RedeemedAt, st.RedeemedBy
		}
	}

	// A scanned payload must be signed by the device that issued it.
	if payload != "" {
		key := d.issuerKey(code, st, portalKnows)
		if key == nil {
			out.Signature = staff.SignatureUnchecked
		} else {
			got, err := showroom.VerifyCoupon(key, payload)
			if err != nil {
				return out, coupon, err
			}
			if local && (got.OfferID != coupon.OfferID || got.VIN != coupon.VIN) ||
				portalKnows && (got.OfferID != st.OfferID || !hasSuffix(got.VIN, st.VINTail)) {
				return out, coupon, showroom.Errorf(showroom.EInvalidCoupon, "qr", showroom.ReasonCouponOtherCar)
			}
			out.Signature = staff.SignatureValid
		}
	}

	d.describe(ctx, &out, coupon, st)
	where := ""
	if !coupon.RedeemedAt.IsZero() {
		where = d.db.DealerWhere(ctx, coupon.RedeemedBy)
		if st.RedeemedByName != "" && st.RedeemedBy == coupon.RedeemedBy {
			where = st.RedeemedByName + " (" + st.RedeemedBy + ")"
		}
	}
	switch {
	case !local && portalDenies:
		out.Refusal = showroom.Errorf(showroom.ENotFound, "coupon_code", showroom.ReasonCouponUnknown)
	case !local && !portalKnows && out.Signature != staff.SignatureValid:
		out.Refusal = showroom.Errorf(showroom.EInvalidCoupon, "coupon_code", showroom.ReasonCouponUnconfirmed)
	default:
		out.Refusal = showroom.RedemptionRefusal(coupon, where, out.Offer, d.now(), d.loc)
	}
	return out, coupon, nil
}

// issuerKey is the public key of the device that issued code: this
// device's own, or the one the portal named; nil when neither is at hand.
func (d *couponDesk) issuerKey(code string, st api.CouponStatus, portalKnows bool) ed25519.PublicKey {
	if dev, err := sync.LoadDevice(d.dataDir); err == nil && dev.SigningKey != nil &&
		dev.CouponPrefix == showroom.CouponPrefix(code) {
		return dev.SigningKey.Public().(ed25519.PublicKey)
	}
	if portalKnows && len(st.IssuerKey) == ed25519.PublicKeySize {
		return ed25519.PublicKey(st.IssuerKey)
	}
	return nil
}

// describe fills in the offer, the car and who issued the coupon.
func (d *couponDesk) describe(ctx context.Context, out *staff.CouponCheck, c showroom.Coupon, st api.CouponStatus) {
	out.IssuedAt = c.IssuedAt
	if o, err := d.db.Offer(ctx, c.OfferID); err == nil {
		out.Offer = o
	} else {
		out.Offer = showroom.Offer{ID: c.OfferID, Title: c.OfferID}
	}
	if len(c.VIN) == 17 {
		out.VINTail = c.VIN[len(c.VIN)-6:]
		if v, _, err := d.db.VehicleOwner(ctx, c.VIN); err == nil && v.Model != "" {
			out.Model = v.Model
		} else if r, err := d.db.FactoryRecord(ctx, c.VIN); err == nil {
			out.Model = r.Model
		}
	} else {
		out.VINTail = orElse(st.VINTail, c.VIN)
	}
	if st.IssuedBy != "" {
		out.IssuedBy = d.db.DealerWhere(ctx, st.IssuedBy)
	} else if dev, err := sync.LoadDevice(d.dataDir); err == nil && c.DeviceID != "" && c.DeviceID == dev.DeviceID {
		out.IssuedBy = d.db.DealerWhere(ctx, dev.Dealer.Code)
	}
}

func hasSuffix(vin, tail string) bool {
	return len(tail) <= len(vin) && vin[len(vin)-len(tail):] == tail
}
