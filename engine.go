package showroom

import (
	"strings"
	"unicode/utf8"
)

// Lengths of an engine number. A Renault engine number is the engine type
// code (K4M, F4R, H4M, K7J, …), its variant and a serial, e.g.
// K4MA690C123456: the shortest real ones are around 8 characters, other
// makers' up to 17, so 5 to 20 admits every real one and stops a VIN or a
// stray word typed into the wrong field.
const (
	minEngineNumber = 5
	maxEngineNumber = 20
)

// NormalizeEngineNumber returns the engine number s as stored: surrounding
// space trimmed, upper-cased, inner spaces and hyphens (as printed on some
// documents) removed. The result is 5 to 20 characters of Latin letters A–Z
// and digits.
//
// Errors are *Error with Code EInvalidEngine, Field "engine_number" and reason
// ReasonEngineEmpty, ReasonEngineCharacter (naming the character and its
// position in the trimmed input) or ReasonEngineLength.
func NormalizeEngineNumber(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", engineError(ReasonEngineEmpty)
	}
	var b strings.Builder
	pos := 0
	for _, r := range s {
		pos++
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
		default:
			return "", engineError(ReasonEngineCharacter, pos, r)
		}
	}
	if n := b.Len(); n < minEngineNumber || n > maxEngineNumber {
		return "", engineError(ReasonEngineLength, n)
	}
	return b.String(), nil
}

func engineError(r Reason, args ...any) *Error {
	return Errorf(EInvalidEngine, "engine_number", r, args...)
}

// MaskEngineNumber hides all but the last 3 characters of an engine number
// with "*", as the portal's VIN decode shows it to anyone who types a VIN:
// the full number together with the VIN proves ownership of the car. A
// valid number is normalised first; anything of 3 characters or fewer is
// masked entirely, since showing it would show all of it.
func MaskEngineNumber(s string) string {
	if n, err := NormalizeEngineNumber(s); err == nil {
		s = n
	} else {
		s = strings.TrimSpace(s)
	}
	n := utf8.RuneCountInString(s)
	if n <= 3 {
		return strings.Repeat("*", n)
	}
	var b strings.Builder
	i := 0
	for _, r := range s {
		if i < n-3 {
			b.WriteByte('*')
		} else {
			b.WriteRune(r)
		}
		i++
	}
	return b.String()
}
