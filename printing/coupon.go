// Package printing makes the documents a showroom hands to customers — the
// Welcome Pack sheet and offer coupons, as A4 PDFs in Russian or English —
// with their codes: coupon codes that a device makes offline, and QR
// payloads signed with the device's Ed25519 key so that the portal can tell
// a genuine coupon from a forged one. It also sends a PDF to a CUPS printer.
//
// Errors people act on are *showroom.Error values: showroom.EInvalidCoupon
// for a mistyped code or a bad QR payload, and showroom.EPrinterNotFound,
// showroom.EPrintUnavailable and showroom.EPrintFailed from printing.
package printing

import (
	"crypto/rand"
	"io"
	"strings"
	"unicode"

	"github.com/myrenault/showroom"
)

// CouponAlphabet is the 30 characters of coupon codes: Crockford's base 32
// without 0 and 1, so that no code holds 0/O, 1/I/L or U, which people mix
// up when they read a code aloud or type it from paper.
const CouponAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

// Lengths of a coupon code's parts. The prefix names the device (30⁴ =
// 810,000 devices), so codes made offline on different devices never
// collide; the random part gives 30⁷ ≈ 2.2·10¹⁰ codes per device.
const (
	PrefixLen = 4
	randomLen = 7
	codeLen   = PrefixLen + randomLen + 1 // plus the check character
	groupLen  = 4
)

const base = len(CouponAlphabet)

// value maps a byte of the alphabet to its value; -1 for anything else.
var value = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < base; i++ {
		v[CouponAlphabet[i]] = int8(i)
	}
	return v
}()

// lookalike maps what people type by mistake to the letter they meant:
// Cyrillic letters that look like Latin ones (a Russian keyboard layout left
// on) in both cases. Cyrillic О becomes O, so that it is reported as O.
var lookalike = map[rune]rune{
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'Х': 'X', 'У': 'Y', 'З': '3', 'О': 'O',
}

// checkChar computes the check character of s (in the alphabet) with ISO/IEC
// 7064's hybrid system MOD 31,30, which catches every single mistyped
// character and almost every swap of two neighbours.
func checkChar(s string) byte {
	p := base
	for i := 0; i < len(s); i++ {
		p = step(p, int(value[s[i]]))
	}
	return CouponAlphabet[(base+1-p)%base]
}

func step(p, v int) int {
	s := (p + v) % base
	if s == 0 {
		s = base
	}
	return 2 * s % (base + 1)
}

// validCheck reports whether s, check character included, is consistent.
func validCheck(s string) bool {
	p := base
	for i := 0; i < len(s)-1; i++ {
		p = step(p, int(value[s[i]]))
	}
	return (p+int(value[s[len(s)-1]]))%base == 1
}

// NewCouponCode makes a coupon code for the device with the given prefix
// (PrefixLen characters of CouponAlphabet, assigned to the device once),
// reading randomness from r (crypto/rand when nil). The code is formatted for
// reading aloud, in groups of four: "K7QM-3XHA-9TRW". A device keeps its
// issued codes and makes another on the rare clash with one of its own.
//
// It returns an EInvalidCoupon error with ReasonCouponPrefix for a bad prefix.
func NewCouponCode(prefix string, r io.Reader) (string, error) {
	if !validPrefix(prefix) {
		return "", showroom.Errorf(showroom.EInvalidCoupon, "prefix", showroom.ReasonCouponPrefix, PrefixLen)
	}
	if r == nil {
		r = rand.Reader
	}
	var b [codeLen]byte
	copy(b[:], prefix)
	// Rejection sampling keeps every character equally likely: 240 is the
	// largest multiple of 30 that fits a byte.
	var buf [16]byte
	for i := PrefixLen; i < PrefixLen+randomLen; {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return "", err
		}
		for _, x := range buf {
			if x < 240 && i < PrefixLen+randomLen {
				b[i] = CouponAlphabet[int(x)%base]
				i++
			}
		}
	}
	b[codeLen-1] = checkChar(string(b[:codeLen-1]))
	return group(string(b[:])), nil
}

// NewDevicePrefix draws a random device prefix, reading randomness from r
// (crypto/rand when nil), for a device that has none assigned.
func NewDevicePrefix(r io.Reader) (string, error) {
	code, err := NewCouponCode("2222", r)
	if err != nil {
		return "", err
	}
	return code[PrefixLen+1 : 2*PrefixLen+1], nil // the first random group
}

// validPrefix reports whether p is a device prefix.
func validPrefix(p string) bool {
	if len(p) != PrefixLen {
		return false
	}
	for i := 0; i < len(p); i++ {
		if value[p[i]] < 0 {
			return false
		}
	}
	return true
}

// group inserts hyphens after every groupLen characters.
func group(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && i%groupLen == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// ParseCouponCode reads a code as a person typed it or a scanner sent it:
// any case, with or without spaces and hyphens, with Cyrillic look-alike
// letters. It returns the code in its printed form ("K7QM-3XHA-9TRW").
//
// Errors are EInvalidCoupon with the reason a person can act on:
// ReasonCouponEmpty, ReasonCouponAmbiguous (0, O, 1, I, L or U),
// ReasonCouponCharacter, ReasonCouponLength, ReasonCouponCheck (a typo).
func ParseCouponCode(s string) (string, error) {
	const field = "coupon_code"
	b := make([]byte, 0, codeLen)
	pos := 0 // position among the code's characters, counted from 1
	n := 0   // characters found, for the length error
	for _, r := range s {
		if r == '-' || r == '‐' || r == '–' || r == '—' || unicode.IsSpace(r) {
			continue
		}
		pos++
		r = unicode.ToUpper(r)
		if l, ok := lookalike[r]; ok {
			r = l
		}
		switch {
		case strings.ContainsRune("0O1ILU", r):
			return "", showroom.Errorf(showroom.EInvalidCoupon, field, showroom.ReasonCouponAmbiguous, pos, r)
		case r >= 0x80 || value[byte(r)] < 0:
			return "", showroom.Errorf(showroom.EInvalidCoupon, field, showroom.ReasonCouponCharacter, pos, string(r))
		}
		n++
		if len(b) < codeLen {
			b = append(b, byte(r))
		}
	}
	switch {
	case n == 0:
		return "", showroom.Errorf(showroom.EInvalidCoupon, field, showroom.ReasonCouponEmpty)
	case n != codeLen:
		return "", showroom.Errorf(showroom.EInvalidCoupon, field, showroom.ReasonCouponLength, codeLen, n)
	case !validCheck(string(b)):
		return "", showroom.Errorf(showroom.EInvalidCoupon, field, showroom.ReasonCouponCheck)
	}
	return group(string(b)), nil
}

// CouponPrefix returns the device prefix of a code in its printed form.
func CouponPrefix(code string) string {
	if len(code) < PrefixLen {
		return ""
	}
	return code[:PrefixLen]
}
