package portal

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// signedIssue is the coupon.issue of a new signed coupon of device d.
func signedIssue(t *testing.T, d keyedDevice, k api.CustomerKey, offer, vin string) api.CouponIssue {
	t.Helper()
	code, err := showroom.NewCouponCode(d.prefix, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Second)
	payload := showroom.SignCoupon(d.key, showroom.Coupon{Code: code, OfferID: offer, VIN: vin, IssuedAt: at})
	return api.CouponIssue{CustomerKey: k, Code: code, OfferID: offer, VIN: vin, IssuedAt: at, Payload: payload}
}

func TestCouponIssueChecksCodeSignatureAndCar(t *testing.T) {
	p := newTestPortal(t)
	a, other := p.enrollKeyed(t, dealerA), p.enrollKeyed(t, dealerA)
	if a.prefix == other.prefix {
		t.Fatalf("two devices got the prefix %s", a.prefix)
	}
	k := registered(t, p, a.token, "r1")
	if r := p.push(t, a.token, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VehicleID: "v1", VIN: knownVIN, EngineNumber: knownEng}))[0]; r.Status != "applied" {
		t.Fatalf("verified car: %+v", r)
	}
	if r := p.push(t, a.token, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VehicleID: "v2", VIN: vinN(3)}))[0]; r.Status != "applied" {
		t.Fatalf("unverified car: %+v", r)
	}
	good := signedIssue(t, a, k, offerID, knownVIN)
	forged := signedIssue(t, other, k, offerID, knownVIN) // the other desk's key and prefix
	otherKey := signedIssue(t, a, k, offerID, knownVIN)
	otherKey.Payload = showroom.SignCoupon(other.key, showroom.Coupon{Code: otherKey.Code, OfferID: offerID, VIN: knownVIN, IssuedAt: otherKey.IssuedAt})
	wrongCar := signedIssue(t, a, k, offerID, knownVIN)
	wrongCar.VIN = vinN(3)
	unverified := signedIssue(t, a, k, offerID, vinN(3))
	noOffer := signedIssue(t, a, k, "nope", knownVIN)
	unsigned := signedIssue(t, a, k, offerID, knownVIN)
	unsigned.Payload = ""
	tests := []struct {
		name   string
		issue  api.CouponIssue
		code   showroom.Code
		reason string
	}{
		{"signed", good, "", ""},
		{"same code again", good, showroom.EConflict, ""},
		{"another device's prefix", forged, showroom.EInvalidCoupon, "начинаются с " + a.prefix},
		{"signed by another key", otherKey, showroom.EInvalidCoupon, "Подпись купона недействительна"},
		{"payload names another car", wrongCar, showroom.EInvalidCoupon, "Подпись"},
		{"no payload", unsigned, showroom.EInvalidCoupon, "не является купоном"},
		{"unverified car", unverified, showroom.EOfferNotApplicable, "подтверждёнными VIN"},
		{"unknown offer", noOffer, showroom.ENotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out api.PushResponse
			resp := p.raw(t, "POST", "/api/v1/sync/push", a.token, api.PushRequest{Mutations: []api.Mutation{mutation(api.TypeCouponIssue, tt.issue)}},
				map[string]string{"Accept-Language": "ru-RU,ru;q=0.9"})
			defer resp.Body.Close()
			decodeBody(t, resp, &out)
			r := out.Results[0]
			if r.Code != tt.code || !strings.Contains(r.Message, tt.reason) {
				t.Fatalf("got %s %s %q, want %q with %q", r.Status, r.Code, r.Message, tt.code, tt.reason)
			}
		})
	}
}

func TestCouponRedemptionOnceAcrossDealers(t *testing.T) {
	p := newTestPortal(t)
	a := p.enrollKeyed(t, dealerA)
	b := p.enroll(t, dealerB)
	k := registered(t, p, a.token, "r1")
	p.push(t, a.token, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VehicleID: "v1", VIN: knownVIN, EngineNumber: knownEng}))
	issue := signedIssue(t, a, k, offerID, knownVIN)
	if r := p.push(t, a.token, mutation(api.TypeCouponIssue, issue))[0]; r.Status != "applied" {
		t.Fatalf("issue: %+v", r)
	}
	var st api.CouponStatus
	// Any dealer's desk can look a coupon up, in any spelling of its code.
	if code := p.do(t, "GET", "/api/v1/coupons/"+strings.ToLower(strings.ReplaceAll(issue.Code, "-", "")), b, nil, &st); code != 200 {
		t.Fatalf("lookup: %d", code)
	}
	if st.Code != issue.Code || st.OfferID != offerID || st.VINTail != knownVIN[11:] || st.IssuedBy != dealerA || !st.RedeemedAt.IsZero() {
		t.Fatalf("status %+v", st)
	}
	if _, err := showroom.VerifyCoupon(st.IssuerKey, issue.Payload); err != nil {
		t.Fatalf("the issuer key does not verify the payload: %v", err)
	}
	if r := p.push(t, b, mutation(api.TypeCouponRedeem, api.CouponRedeem{Code: issue.Code}))[0]; r.Status != "applied" {
		t.Fatalf("redeem at B: %+v", r)
	}
	p.do(t, "GET", "/api/v1/coupons/"+issue.Code, a.token, nil, &st)
	if st.RedeemedBy != dealerB || st.RedeemedByName != "Автомир-Москва" || time.Since(st.RedeemedAt) > time.Minute {
		t.Fatalf("after redemption %+v", st)
	}
	r := p.push(t, a.token, mutation(api.TypeCouponRedeem, api.CouponRedeem{Code: issue.Code}))[0]
	if r.Code != showroom.ECouponRedeemed || !strings.Contains(r.Message, fmt.Sprintf("at dealer %s", dealerB)) ||
		!strings.Contains(r.Message, time.Now().UTC().Format("2006-01-02")) {
		t.Fatalf("second redemption: %+v", r)
	}
	never, err := showroom.NewCouponCode(a.prefix, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := p.push(t, a.token, mutation(api.TypeCouponRedeem, api.CouponRedeem{Code: never}))[0]; r.Code != api.CodeUnknownCoupon {
		t.Fatalf("unknown coupon: %+v", r)
	}
	var e api.ErrorBody
	if code := p.do(t, "GET", "/api/v1/coupons/"+never, a.token, nil, &e); code != http.StatusNotFound || e.Error.Code != api.CodeUnknownCoupon {
		t.Fatalf("lookup of an unknown coupon: %d %+v", code, e)
	}
	if code := p.do(t, "GET", "/api/v1/coupons/K7QM-0000", a.token, nil, &e); code != http.StatusBadRequest || e.Error.Code != showroom.EInvalidCoupon {
		t.Fatalf("lookup of a mistyped code: %d %+v", code, e)
	}
	if code := p.do(t, "GET", "/api/v1/coupons/"+never, "", nil, &e); code != http.StatusUnauthorized {
		t.Fatalf("lookup without a token: %d", code)
	}
}
