package showroom

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func reasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

func TestNewCouponCodeShape(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c, err := NewCouponCode("K7QM", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != 14 || c[4] != '-' || c[9] != '-' || !strings.HasPrefix(c, "K7QM-") {
			t.Fatalf("code %q has the wrong shape", c)
		}
		for _, r := range strings.ReplaceAll(c, "-", "") {
			if !strings.ContainsRune(CouponAlphabet, r) {
				t.Fatalf("code %q holds %q", c, r)
			}
		}
		if seen[c] {
			t.Fatalf("code %q made twice", c)
		}
		seen[c] = true
		got, err := ParseCouponCode(c)
		if err != nil || got != c {
			t.Fatalf("ParseCouponCode(%q) = %q, %v", c, got, err)
		}
	}
}

func TestCouponAlphabetAvoidsAmbiguousCharacters(t *testing.T) {
	if len(CouponAlphabet) != 30 {
		t.Fatalf("alphabet has %d characters", len(CouponAlphabet))
	}
	for _, r := range "0O1ILU" {
		if strings.ContainsRune(CouponAlphabet, r) {
			t.Errorf("alphabet holds %c", r)
		}
	}
}

func TestNewCouponCodeRejectsBadPrefix(t *testing.T) {
	for _, p := range []string{"", "ABC", "ABCDE", "AB0D", "abcd", "ABCÐ"} {
		if _, err := NewCouponCode(p, nil); reasonOf(err) != ReasonCouponPrefix {
			t.Errorf("prefix %q: err = %v", p, err)
		}
	}
}

func TestNewCouponCodeIsDeterministicForAGivenSource(t *testing.T) {
	src := bytes.Repeat([]byte{0, 1, 2, 250, 3, 4, 5, 6, 7, 8}, 4)
	a, _ := NewCouponCode("WXYZ", bytes.NewReader(src))
	b, _ := NewCouponCode("WXYZ", bytes.NewReader(src))
	// 250 is rejected, so the random part is alphabet[0..6].
	if a != b || a != "WXYZ-2345-678"+string(checkChar("WXYZ2345678")) {
		t.Fatalf("codes %q, %q", a, b)
	}
}

func TestParseCouponCodeNormalises(t *testing.T) {
	code, _ := NewCouponCode("HXPC", bytes.NewReader(bytes.Repeat([]byte{17, 42, 99, 3, 200, 7, 61, 12}, 4)))
	plain := strings.ReplaceAll(code, "-", "")
	cyr := strings.NewReplacer("H", "н", "X", "Х", "P", "р", "C", "с").Replace(strings.ToLower(plain))
	for _, in := range []string{code, strings.ToLower(code), plain, " " + plain[:3] + " " + plain[3:] + "\t",
		strings.Join(strings.Split(plain, ""), "-"), cyr} {
		got, err := ParseCouponCode(in)
		if err != nil || got != code {
			t.Errorf("ParseCouponCode(%q) = %q, %v; want %q", in, got, err, code)
		}
	}
}

func TestParseCouponCodeErrors(t *testing.T) {
	good, _ := NewCouponCode("ABCD", nil)
	tests := []struct {
		in     string
		reason Reason
		text   string
	}{
		{"", ReasonCouponEmpty, "Введите код купона."},
		{" - ", ReasonCouponEmpty, "Введите код купона."},
		{"ABCD-EFGH", ReasonCouponLength, "Код купона состоит из 12 символов, а здесь их 8."},
		{good + "X", ReasonCouponLength, "Код купона состоит из 12 символов, а здесь их 13."},
		{"ABCD-0FGH-JKMN", ReasonCouponAmbiguous, "позиция 5: символ 0 в кодах купонов не используется (в них нет 0, O, 1, I, L и U); проверьте код"},
		{"ABCD-EFGH-JKMо", ReasonCouponAmbiguous, "позиция 12: символ O в кодах купонов не используется (в них нет 0, O, 1, I, L и U); проверьте код"},
		{"ABCD-EFGH-JK!N", ReasonCouponCharacter, `позиция 11: символ "!" в коде купона недопустим; используйте латинские буквы и цифры`},
		{"ABCD-EFGH-JKЖN", ReasonCouponCharacter, `позиция 11: символ "Ж" в коде купона недопустим; используйте латинские буквы и цифры`},
	}
	for _, tt := range tests {
		_, err := ParseCouponCode(tt.in)
		var e *Error
		if !errors.As(err, &e) || e.Reason != tt.reason || e.Code != EInvalidCoupon {
			t.Errorf("ParseCouponCode(%q) err = %#v, want reason %s", tt.in, err, tt.reason)
			continue
		}
		if got := e.Text(Russian); got != tt.text {
			t.Errorf("ParseCouponCode(%q) text = %q, want %q", tt.in, got, tt.text)
		}
		if e.Text(English) == e.Text(Russian) {
			t.Errorf("no English text for %s", tt.reason)
		}
	}
}

// TestCheckCharacterCatchesTypos changes every character of many codes to
// every other one, and swaps every pair of neighbours.
func TestCheckCharacterCatchesTypos(t *testing.T) {
	var swaps, swapsCaught int
	for range 300 {
		code, _ := NewCouponCode("MNPQ", nil)
		plain := []byte(strings.ReplaceAll(code, "-", ""))
		for i := range plain {
			orig := plain[i]
			for j := 0; j < len(CouponAlphabet); j++ {
				if CouponAlphabet[j] == orig {
					continue
				}
				plain[i] = CouponAlphabet[j]
				if _, err := ParseCouponCode(string(plain)); reasonOf(err) != ReasonCouponCheck {
					t.Fatalf("typo %q of %q not caught: %v", plain, code, err)
				}
			}
			plain[i] = orig
		}
		for i := 0; i+1 < len(plain); i++ {
			if plain[i] == plain[i+1] {
				continue
			}
			plain[i], plain[i+1] = plain[i+1], plain[i]
			swaps++
			if _, err := ParseCouponCode(string(plain)); err != nil {
				swapsCaught++
			}
			plain[i], plain[i+1] = plain[i+1], plain[i]
		}
	}
	if rate := float64(swapsCaught) / float64(swaps); rate < 0.95 {
		t.Errorf("only %.1f%% of swapped neighbours caught", 100*rate)
	}
}

func FuzzParseCouponCode(f *testing.F) {
	good, _ := NewCouponCode("ABCD", nil)
	for _, s := range []string{good, strings.ToLower(good), "", "----", "ABCD-0FGH-JKMN", "аbсd efgh jkmn", "\xff\xfe", "ABCD-EFGH-JKMNP"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ParseCouponCode(s)
		if err != nil {
			if ErrorCode(err) != EInvalidCoupon {
				t.Fatalf("error %v has code %s", err, ErrorCode(err))
			}
			return
		}
		// A parsed code is in printed form and parses to itself.
		if len(code) != 14 {
			t.Fatalf("ParseCouponCode(%q) = %q", s, code)
		}
		again, err := ParseCouponCode(code)
		if err != nil || again != code {
			t.Fatalf("reparsing %q: %q, %v", code, again, err)
		}
	})
}

func TestNewDevicePrefix(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		p, err := NewDevicePrefix(nil)
		if err != nil || !validPrefix(p) {
			t.Fatalf("prefix %q, %v", p, err)
		}
		seen[p] = true
	}
	if len(seen) < 45 {
		t.Errorf("only %d different prefixes in 50", len(seen))
	}
}
