package showroom

import "strings"

// A USB barcode scanner is a keyboard: it sends the keys a payload's
// characters are on, and the computer's keyboard layout decides what they
// type. On the Russian (ЙЦУКЕН) layout a coupon's QR payload "MR1:…"
// arrives as "ЬК1Ж…". The look-alike letters of ParseCouponCode help a
// person who reads a code and types it; a scanner needs the keys instead.

// russianKeys maps what each key of the Russian layout types to what the
// same key types on the US (QWERTY) one, shifted and not: the letters, the
// punctuation keys whose characters differ, and the shifted digits. Keys
// that type the same on both (digits, - = ! % * ( ) _ +, space) are absent.
var russianKeys = func() map[rune]rune {
	m := map[rune]rune{}
	add := func(ru, us string) {
		r, u := []rune(ru), []rune(us)
		if len(r) != len(u) {
			panic("showroom: keyboard rows of different lengths")
		}
		for i := range r {
			m[r[i]] = u[i]
		}
	}
	add("ёйцукенгшщзхъфывапролджэячсмитьбю.", "`qwertyuiop[]asdfghjkl;'zxcvbnm,./")
	add("ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,", `~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?`)
	add(`"№;:?`, "@#$^&") // Shift+2, 3, 4, 6 and 7
	return m
}()

// LatinKeys returns s as its keys would type it on the US layout, when s
// was typed on the Russian one: "ЬК1Ж" becomes "MR1:". Characters of no
// Russian key are kept.
func LatinKeys(s string) string {
	return strings.Map(func(r rune) rune {
		if u, ok := russianKeys[r]; ok {
			return u
		}
		return r
	}, s)
}

// CouponInput returns what a person typed or a scanner sent at a coupon
// entry, trimmed, ready for ParseCouponCode, ParseCouponPayload and
// VerifyCoupon. Text that is not a coupon payload as it is, but is one as
// the keys that typed it on the Russian layout spell on the Latin one (a
// scanner on the Russian layout), comes back as that payload; anything
// else, a typed code with its look-alike letters among it, comes back as it
// is.
func CouponInput(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, payloadPrefix) {
		return s
	}
	// The first characters decide, so that a long text that is no payload
	// is not translated for nothing.
	head, n := s, 0
	for i := range s {
		if n == len(payloadPrefix) {
			head = s[:i]
			break
		}
		n++
	}
	if LatinKeys(head) != payloadPrefix {
		return s
	}
	return LatinKeys(s)
}
