package showroom

import (
	"strings"
	"testing"
)

// russianLayout types s as a keyboard on the Russian (ЙЦУКЕН) layout does:
// each character's key, with Shift when it needs it, gives the Cyrillic
// letter or the sign that key has there. The rows are the layout's own,
// written out here rather than taken from the code under test.
func russianLayout(s string) string {
	us := []rune("`qwertyuiop[]asdfghjkl;'zxcvbnm,./" + `~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?` + "@#$^&")
	ru := []rune("ёйцукенгшщзхъфывапролджэячсмитьбю." + "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ," + `"№;:?`)
	m := map[rune]rune{}
	for i := range us {
		m[us[i]] = ru[i]
	}
	return strings.Map(func(r rune) rune {
		if c, ok := m[r]; ok {
			return c
		}
		return r
	}, s)
}

func TestLatinKeys(t *testing.T) {
	for ru, us := range map[string]string{
		"ёйцукенгшщзхъфывапролджэячсмитьбю.": "`qwertyuiop[]asdfghjkl;'zxcvbnm,./",
		"ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,": `~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?`,
		`!"№;%:?*()_+`:     "!@#$%^&*()_+",  // the shifted digits
		"1234567890-= ":    "1234567890-= ", // the same on both
		"ЬК1Ж":             "MR1:",
		"K7QM-3XHA-9TRW ∑": "K7QM-3XHA-9TRW ∑", // no Russian key: kept
	} {
		if got := LatinKeys(ru); got != us {
			t.Errorf("LatinKeys(%q) = %q, want %q", ru, got, us)
		}
	}
}

// TestCouponInputReadsAPayloadScannedOnTheRussianLayout signs a real
// payload, types it as a scanner does on the Russian layout and reads it
// back: the entry gets the payload the scanner read, which verifies with
// the device's key; codes and other text are left as they are.
func TestCouponInputReadsAPayloadScannedOnTheRussianLayout(t *testing.T) {
	pub, priv, err := NewDeviceKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := testCoupon(t)
	payload := SignCoupon(priv, c)
	scanned := russianLayout(payload)
	if !strings.HasPrefix(scanned, "ЬК1Ж") || !strings.Contains(scanned, "ю") {
		t.Fatalf("the Russian layout types %q", scanned)
	}
	if _, err := ParseCouponPayload(scanned); err != nil {
		t.Fatalf("ParseCouponPayload of the Russian keystrokes: %v", err)
	}
	broken := []rune(scanned)
	broken[10] = 'Ъ' // '}': no base-32 character
	for _, tt := range []struct {
		name, in, want string
	}{
		{"a payload", payload, payload},
		{"a payload on the Russian layout", scanned, payload},
		{"with the scanner's Enter", " " + scanned + "\r\n", payload},
		{"a damaged payload on the Russian layout", string(broken), LatinKeys(string(broken))},
		{"a code", c.Code, c.Code},
		{"a code with look-alike letters", "К7QМ-3ХНА", "К7QМ-3ХНА"},
		{"the beginning of a payload", "ЬК1", "ЬК1"},
		{"Russian text", "Привет, мир", "Привет, мир"},
		{"empty", "  ", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := CouponInput(tt.in)
			if got != tt.want {
				t.Fatalf("CouponInput(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if CouponInput(got) != got {
				t.Errorf("CouponInput is not idempotent on %q", got)
			}
			if tt.want != payload {
				return
			}
			if !IsCouponPayload(tt.in) {
				t.Errorf("IsCouponPayload(%q) = false", tt.in)
			}
			claims, err := ParseCouponPayload(tt.in)
			if err != nil || claims.Code != c.Code || claims.VIN != c.VIN || claims.OfferID != c.OfferID {
				t.Fatalf("ParseCouponPayload: %+v, %v", claims, err)
			}
			if v, err := VerifyCoupon(pub, got); err != nil || v != claims {
				t.Fatalf("VerifyCoupon: %+v, %v", v, err)
			}
		})
	}
	if _, err := ParseCouponPayload(string(broken)); ErrorCode(err) != EInvalidCoupon {
		t.Errorf("a damaged payload: %v", err)
	}
	// The portal takes payloads as devices send them, never as typed.
	if _, err := VerifyCoupon(pub, scanned); reasonOf(err) != ReasonCouponPayload {
		t.Errorf("VerifyCoupon of the Russian keystrokes: %v", err)
	}
}

// FuzzCouponInput: whatever arrives, CouponInput keeps it or gives the
// same keys on the Latin layout, and reading its answer again changes
// nothing.
func FuzzCouponInput(f *testing.F) {
	_, priv, _ := NewDeviceKey(nil)
	good := SignCoupon(priv, testCoupon(f))
	for _, s := range []string{good, russianLayout(good), "ЬК1Ж", "ЬК1", "К7QМ-3ХНА", "", " \n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := CouponInput(s)
		trimmed := strings.TrimSpace(s)
		if got != trimmed && got != LatinKeys(trimmed) {
			t.Fatalf("CouponInput(%q) = %q", s, got)
		}
		if CouponInput(got) != got {
			t.Fatalf("CouponInput(%q) = %q, read again %q", s, got, CouponInput(got))
		}
	})
}
