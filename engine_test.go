package showroom

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeEngineNumber(t *testing.T) {
	tests := []struct {
		in, want string
		reason   Reason
		args     []any
	}{
		{"K4MA690C123456", "K4MA690C123456", "", nil},
		{"  k4m a690 c123456 ", "K4MA690C123456", "", nil},
		{"F4R-A400-123456", "F4RA400123456", "", nil},
		{"H4M12", "H4M12", "", nil},
		{strings.Repeat("A", 20), strings.Repeat("A", 20), "", nil},
		{"", "", ReasonEngineEmpty, nil},
		{"  ", "", ReasonEngineEmpty, nil},
		{"K4M", "", ReasonEngineLength, []any{3}},
		{" - - ", "", ReasonEngineLength, []any{0}},
		{strings.Repeat("A", 21), "", ReasonEngineLength, []any{21}},
		{"K4M/A690", "", ReasonEngineCharacter, []any{4, '/'}},
		{"К4MA690C123456", "", ReasonEngineCharacter, []any{1, 'К'}}, // Cyrillic К
		{"K4MÄ690", "", ReasonEngineCharacter, []any{4, 'Ä'}},
	}
	for _, tt := range tests {
		got, err := NormalizeEngineNumber(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeEngineNumber(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalidEngine || e.Field != "engine_number" || e.Reason != tt.reason {
			t.Errorf("NormalizeEngineNumber(%q) = %q, %#v; want reason %s", tt.in, got, err, tt.reason)
			continue
		}
		if tt.args != nil && !equalArgs(e.Args, tt.args) {
			t.Errorf("NormalizeEngineNumber(%q): args %v, want %v", tt.in, e.Args, tt.args)
		}
	}
}

func TestMaskEngineNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"K4MA690C123456", "***********456"},
		{" k4m-a690 c123456", "***********456"},
		{"H4M12", "**M12"},
		{"ABCD", "*BCD"},
		{"ABC", "***"},
		{"Я", "*"},
		{"", ""},
		{"двигатель", "******ель"},
	}
	for _, tt := range tests {
		if got := MaskEngineNumber(tt.in); got != tt.want {
			t.Errorf("MaskEngineNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalizeEngineNumber(f *testing.F) {
	for _, s := range []string{"K4MA690C123456", " k4m a690 ", "F4R-A400-123456", "K4M", "", "К4М", "ǅ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeEngineNumber(s)
		masked := MaskEngineNumber(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalidEngine || e.Field != "engine_number" {
				t.Fatalf("bad error %#v", err)
			}
			checkText(t, e)
			return
		}
		if again, err := NormalizeEngineNumber(got); err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if len(got) < 5 || len(got) > 20 || strings.Trim(got, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			t.Fatalf("accepted %q as %q", s, got)
		}
		if len(masked) != len(got) || masked[len(got)-3:] != got[len(got)-3:] ||
			strings.Trim(masked[:len(got)-3], "*") != "" {
			t.Fatalf("MaskEngineNumber(%q) = %q for %q", s, masked, got)
		}
	})
}
