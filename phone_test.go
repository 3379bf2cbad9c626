package showroom

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		reason   Reason
		args     []any
	}{
		{"+79161234567", "+79161234567", "", nil},
		{"+7 (916) 123-45-67", "+79161234567", "", nil},
		{"8 916 123 45 67", "+79161234567", "", nil},
		{"8-800-200-80-80", "+78002008080", "", nil},
		{"7 495 123.45.67", "+74951234567", "", nil},
		{"9161234567", "+79161234567", "", nil},
		{"(916) 123-45-67", "+79161234567", "", nil},
		{"+7 727 123 45 67", "+77271234567", "", nil}, // Kazakhstan shares +7
		{"+33 1 23 45 67 89", "+33123456789", "", nil},
		{"+1 (212) 555-0100", "+12125550100", "", nil},
		{"8 10 49 30 1234567", "+49301234567", "", nil},
		{"0049 30 1234567", "+49301234567", "", nil},
		{"+380 44 123 4567", "+380441234567", "", nil},
		{"\u00a0+7\u00a0916\u00a01234567 ", "+79161234567", "", nil},
		{"", "", ReasonPhoneEmpty, nil},
		{" - ( ) ", "", ReasonPhoneEmpty, nil},
		{"+", "", ReasonPhoneEmpty, nil},
		{"8 916 123 45 6x", "", ReasonPhoneCharacter, []any{'x'}},
		{"+7 916 123 45 67 доб. 12", "", ReasonPhoneCharacter, []any{'д'}},
		{"8+9161234567", "", ReasonPhonePlus, nil},
		{"8 916 123 45 6", "", ReasonPhoneRussianLength, []any{9}},
		{"+7 916 123 45 678", "", ReasonPhoneRussianLength, []any{11}},
		{"123-45-67", "", ReasonPhoneNoCountry, nil},
		{"4951234567", "", ReasonPhoneNoCountry, nil},
		{"+0 123 456 789", "", ReasonPhoneCountryZero, nil},
		{"+33 1234", "", ReasonPhoneLength, []any{6}},
		{"+33 1234 5678 9012 34", "", ReasonPhoneLength, []any{16}},
		{"00", "", ReasonPhoneNoCountry, nil},
	}
	for _, tt := range tests {
		got, err := NormalizePhone(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalidPhone || e.Field != "phone" || e.Reason != tt.reason {
			t.Errorf("NormalizePhone(%q) = %q, %#v; want reason %s", tt.in, got, err, tt.reason)
			continue
		}
		if tt.args != nil && !equalArgs(e.Args, tt.args) {
			t.Errorf("NormalizePhone(%q): args %v, want %v", tt.in, e.Args, tt.args)
		}
	}
}

func TestNormalizeMobile(t *testing.T) {
	tests := []struct {
		in, want string
		reason   Reason
	}{
		{"8 916 123 45 67", "+79161234567", ""},
		{"9161234567", "+79161234567", ""},
		{"+7 701 123 45 67", "+77011234567", ""}, // Kazakh mobile
		{"+44 7700 900123", "+447700900123", ""},
		{"+7 495 123-45-67", "", ReasonPhoneNotMobile},
		{"8-800-200-80-80", "", ReasonPhoneNotMobile},
		{"8 343 123 45 67", "", ReasonPhoneNotMobile},
		{"12", "", ReasonPhoneNoCountry},
	}
	for _, tt := range tests {
		got, err := NormalizeMobile(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalidPhone || e.Reason != tt.reason {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want reason %s", tt.in, got, err, tt.reason)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{
		"+79161234567", "8 (916) 123-45-67", "9161234567", "+33 1 23 45 67 89", "8 10 49 30 1234567",
		"0049301234567", "+0", "8+9", "+7 916", "810", "00", "+", "x", "\u00a0+7\u00a0916\u00a01234567",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) (string, error){NormalizePhone, NormalizeMobile} {
			got, err := fn(s)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Code != EInvalidPhone || e.Field != "phone" {
					t.Fatalf("bad error %#v", err)
				}
				checkText(t, e)
				continue
			}
			if again, err := fn(got); err != nil || again != got {
				t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
			}
			digits := got[1:]
			if got[0] != '+' || strings.Trim(digits, "0123456789") != "" || len(digits) < 8 || len(digits) > 15 ||
				digits[0] == '0' || (digits[0] == '7' && len(digits) != 11) {
				t.Fatalf("accepted %q as %q", s, got)
			}
		}
	})
}
