package showroom

import "time"

// RedemptionRefusal says why coupon c of offer o cannot be redeemed at now,
// or returns nil when it can. where names the dealer that redeemed it
// before (its name when known, else its code), for the refusal's text.
//
// It returns an ECouponRedeemed error (ReasonCouponRedeemedAt, or
// ReasonCouponRedeemedWhen when where is empty) when c was redeemed, and an
// EInvalidCoupon error with ReasonCouponExpired or ReasonCouponNotYet when
// now is outside the offer's validity. Dates are written in loc, the
// desk's time zone.
func RedemptionRefusal(c Coupon, where string, o Offer, now time.Time, loc *time.Location) error {
	switch {
	case !c.RedeemedAt.IsZero() && where != "":
		return Errorf(ECouponRedeemed, "coupon_code", ReasonCouponRedeemedAt,
			c.RedeemedAt.In(loc).Format("02.01.2006 15:04"), where)
	case !c.RedeemedAt.IsZero():
		return Errorf(ECouponRedeemed, "coupon_code", ReasonCouponRedeemedWhen,
			c.RedeemedAt.In(loc).Format("02.01.2006 15:04"))
	case !o.ValidTo.IsZero() && now.After(o.ValidTo):
		// ValidTo is the offer's last second, on its last day.
		return Errorf(EInvalidCoupon, "coupon_code", ReasonCouponExpired, o.ValidTo.In(loc).Format("02.01.2006"))
	case now.Before(o.ValidFrom):
		return Errorf(EInvalidCoupon, "coupon_code", ReasonCouponNotYet, o.ValidFrom.In(loc).Format("02.01.2006"))
	}
	return nil
}
