package showroom

import (
	"strings"
	"testing"
	"time"
)

func testCoupon(t testing.TB) Coupon {
	code, err := NewCouponCode("K7QM", nil)
	if err != nil {
		t.Fatal(err)
	}
	return Coupon{Code: code, OfferID: "KS200", VIN: "VF1LZBR0542606589",
		IssuedAt: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
}

func TestSignAndVerifyCoupon(t *testing.T) {
	pub, priv, err := NewDeviceKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := testCoupon(t)
	p := SignCoupon(priv, c)
	if !strings.HasPrefix(p, "MR1:") || len(p) > 220 {
		t.Fatalf("payload %q (%d characters)", p, len(p))
	}
	got, err := VerifyCoupon(pub, p)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{Code: c.Code, OfferID: c.OfferID, VIN: c.VIN, IssuedAt: c.IssuedAt}
	if got != want {
		t.Fatalf("claims %+v, want %+v", got, want)
	}

	otherPub, _, _ := NewDeviceKey(nil)
	if _, err := VerifyCoupon(otherPub, p); reasonOf(err) != ReasonCouponSignature {
		t.Errorf("another device's key: %v", err)
	}
	// Change one claim: the signature no longer matches.
	forged := SignCoupon(priv, Coupon{Code: c.Code, OfferID: "KS999", VIN: c.VIN, IssuedAt: c.IssuedAt})
	spliced := forged[:strings.Index(forged, ".")] + p[strings.Index(p, "."):]
	if _, err := VerifyCoupon(pub, spliced); reasonOf(err) != ReasonCouponSignature {
		t.Errorf("altered claims: %v", err)
	}
	for _, bad := range []string{"", "MR1:", "MR2:" + p[4:], p[:len(p)-3], "https://example.ru", p + "."} {
		if _, err := VerifyCoupon(pub, bad); ErrorCode(err) != EInvalidCoupon {
			t.Errorf("VerifyCoupon(%q) err = %v", bad, err)
		}
	}
}

func TestVerifyCouponChecksTheCode(t *testing.T) {
	pub, priv, _ := NewDeviceKey(nil)
	c := testCoupon(t)
	c.Code = "K7QM-2345-6789" // a check character that does not fit
	if _, err := ParseCouponCode(c.Code); err == nil {
		t.Fatal("the test code must have a wrong check character")
	}
	if _, err := VerifyCoupon(pub, SignCoupon(priv, c)); reasonOf(err) != ReasonCouponCheck {
		t.Errorf("err = %v", err)
	}
}

func TestNewActivationCode(t *testing.T) {
	a, err := NewActivationCode(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewActivationCode(nil)
	if len(a) != 26 || a == b || strings.Trim(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
		t.Fatalf("codes %q %q", a, b)
	}
}

func FuzzVerifyCoupon(f *testing.F) {
	pub, priv, _ := NewDeviceKey(nil)
	c := testCoupon(f)
	good := SignCoupon(priv, c)
	for _, s := range []string{good, "", "MR1:", "MR1:.", good[:40], strings.ToUpper(good), "MR1:AAAA.AAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		claims, err := VerifyCoupon(pub, s)
		if err != nil {
			if ErrorCode(err) != EInvalidCoupon {
				t.Fatalf("error %v has code %s", err, ErrorCode(err))
			}
			return
		}
		// Only the device's key makes a valid payload; anything accepted
		// re-signs to the same claims.
		again, err := VerifyCoupon(pub, SignCoupon(priv, Coupon{Code: claims.Code,
			OfferID: claims.OfferID, VIN: claims.VIN, IssuedAt: claims.IssuedAt}))
		if err != nil || again != claims {
			t.Fatalf("claims %+v do not round-trip: %+v, %v", claims, again, err)
		}
	})
}

func TestParseCouponPayloadNamesTheCouponWithoutAKey(t *testing.T) {
	_, priv, _ := NewDeviceKey(nil)
	c := testCoupon(t)
	p := SignCoupon(priv, c)
	if !IsCouponPayload(" "+p) || IsCouponPayload(c.Code) {
		t.Error("IsCouponPayload tells payloads from codes wrongly")
	}
	got, err := ParseCouponPayload(p + "\n")
	if err != nil || got.Code != c.Code || got.VIN != c.VIN {
		t.Fatalf("claims %+v, %v", got, err)
	}
	// A wrong signature is still parsed: whose key checks it is decided
	// by the code the claims name.
	spliced := p[:strings.Index(p, ".")+1] + strings.Repeat("A", len(p)-strings.Index(p, ".")-1)
	if _, err := ParseCouponPayload(spliced); err != nil {
		t.Errorf("a well-formed payload with a wrong signature: %v", err)
	}
}

func FuzzParseCouponPayload(f *testing.F) {
	_, priv, _ := NewDeviceKey(nil)
	good := SignCoupon(priv, testCoupon(f))
	for _, s := range []string{good, "", "MR1:", "MR1:.", good[:40], " " + good + "\r\n", russianLayout(good), "ЬК1Ж"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		claims, err := ParseCouponPayload(s)
		if err != nil {
			if ErrorCode(err) != EInvalidCoupon {
				t.Fatalf("error %v has code %s", err, ErrorCode(err))
			}
			return
		}
		if code, err := ParseCouponCode(claims.Code); err != nil || code != claims.Code || claims.OfferID == "" || claims.VIN == "" {
			t.Fatalf("accepted claims %+v (%v)", claims, err)
		}
	})
}
