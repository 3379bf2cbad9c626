package showroom

import (
	"testing"
	"time"
)

func TestRedemptionRefusal(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, msk)
	o := Offer{ID: "KS200", ValidFrom: from, ValidTo: from.AddDate(0, 1, 0).Add(-time.Second)}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	redeemed := Coupon{Code: "K7QM-3XHA-9TRW", RedeemedAt: time.Date(2026, 11, 20, 7, 30, 0, 0, time.UTC), RedeemedBy: "006122"}
	for _, tt := range []struct {
		name   string
		c      Coupon
		where  string
		now    time.Time
		code   Code
		ru, en string
	}{
		{"valid", Coupon{}, "", now, "", "", ""},
		{"redeemed here or elsewhere", redeemed, "Автомир-Екатеринбург (006122)", now, ECouponRedeemed,
			"Этот купон уже погашен 20.11.2026 10:30, дилер: Автомир-Екатеринбург (006122); повторно его погасить нельзя.",
			"This coupon was already redeemed on 20.11.2026 10:30 by Автомир-Екатеринбург (006122); it cannot be redeemed again."},
		{"redeemed, dealer unknown", redeemed, "", now, ECouponRedeemed,
			"Этот купон уже погашен 20.11.2026 10:30; повторно его погасить нельзя.",
			"This coupon was already redeemed on 20.11.2026 10:30; it cannot be redeemed again."},
		{"last second", Coupon{}, "", o.ValidTo, "", "", ""},
		{"expired", Coupon{}, "", o.ValidTo.Add(time.Second), EInvalidCoupon,
			"Срок предложения истёк 30.11.2026; купон больше нельзя погасить.",
			"The offer ended on 30.11.2026; the coupon can no longer be redeemed."},
		{"not yet", Coupon{}, "", from.Add(-time.Second), EInvalidCoupon,
			"Предложение начинает действовать 01.11.2026; до этого купон погасить нельзя.",
			"The offer starts on 01.11.2026; the coupon cannot be redeemed before then."},
	} {
		err := RedemptionRefusal(tt.c, tt.where, o, tt.now, msk)
		if ErrorCode(err) != tt.code {
			t.Errorf("%s: err %v, want code %q", tt.name, err, tt.code)
			continue
		}
		if err == nil {
			continue
		}
		e := err.(*Error)
		if got := e.Text(Russian); got != tt.ru {
			t.Errorf("%s: ru %q\nwant %q", tt.name, got, tt.ru)
		}
		if got := e.Text(English); got != tt.en {
			t.Errorf("%s: en %q\nwant %q", tt.name, got, tt.en)
		}
	}
}
