package showroom

import (
	"strings"
)

// Lengths of phone numbers in digits, the country code included.
const (
	russianDigits = 11 // 7 and ten digits
	minE164Digits = 8
	maxE164Digits = 15
)

// NormalizePhone returns the phone number s in the form the programme stores:
// "+" and digits only (E.164), Russian numbers as "+7" and ten digits.
//
// People type numbers in many ways, so spaces, hyphens, parentheses and dots
// are ignored, and a leading "+" is kept. Then:
//   - "+7" and ten digits is a Russian number (Kazakhstan shares +7 and its
//     numbers are kept the same way);
//   - without "+", "8" or "7" and ten digits is a Russian number written the
//     domestic way, and ten digits starting with 9 is a Russian mobile number
//     typed without its prefix (no other Russian area code starts with 9);
//   - without "+", "810" (the Russian international prefix) or "00" followed
//     by a number is that international number;
//   - "+" with any other country code and 8 to 15 digits in all is kept as
//     typed; its country's own rules are not checked.
//
// Anything else is an error, because a number without a country code cannot
// be told apart from a local one of another country. Errors are *Error with
// Code EInvalidPhone, Field "phone" and reason ReasonPhoneEmpty,
// ReasonPhoneCharacter, ReasonPhonePlus, ReasonPhoneRussianLength,
// ReasonPhoneNoCountry, ReasonPhoneLength or ReasonPhoneCountryZero.
func NormalizePhone(s string) (string, error) {
	digits, plus, err := phoneDigits(s)
	if err != nil {
		return "", err
	}
	if !plus {
		switch {
		case strings.HasPrefix(digits, "810") && len(digits) > russianDigits:
			digits, plus = digits[3:], true
		case strings.HasPrefix(digits, "00"):
			digits, plus = digits[2:], true
		case len(digits) == russianDigits && (digits[0] == '8' || digits[0] == '7'):
			return "+7" + digits[1:], nil
		case len(digits) == russianDigits-1 && digits[0] == '9':
			return "+7" + digits, nil
		case len(digits) > 0 && (digits[0] == '8' || digits[0] == '7'):
			return "", phoneError(ReasonPhoneRussianLength, len(digits)-1)
		default:
			return "", phoneError(ReasonPhoneNoCountry)
		}
	}
	switch {
	case digits == "":
		return "", phoneError(ReasonPhoneNoCountry)
	case digits[0] == '0':
		return "", phoneError(ReasonPhoneCountryZero)
	case digits[0] == '7' && len(digits) != russianDigits:
		return "", phoneError(ReasonPhoneRussianLength, len(digits)-1)
	case len(digits) < minE164Digits || len(digits) > maxE164Digits:
		return "", phoneError(ReasonPhoneLength, len(digits))
	}
	return "+" + digits, nil
}

// NormalizeMobile is NormalizePhone for a mobile number: a Russian number
// must be a mobile one, "+7 9…". Numbers of Kazakhstan ("+7 6…", "+7 7…") and
// of other countries are accepted as NormalizePhone accepts them, since their
// mobile ranges are not ours to know. A Russian landline gives an *Error with
// Code EInvalidPhone, Field "phone" and ReasonPhoneNotMobile; other errors are
// those of NormalizePhone.
func NormalizeMobile(s string) (string, error) {
	p, err := NormalizePhone(s)
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(p, "+7") && len(p) == 1+russianDigits {
		switch p[2] {
		case '9', '6', '7':
		default:
			return "", phoneError(ReasonPhoneNotMobile)
		}
	}
	return p, nil
}

// phoneDigits strips what people type between digits and reports whether
// the number started with "+".
func phoneDigits(s string) (digits string, plus bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false, phoneError(ReasonPhoneEmpty)
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+':
			if i != 0 {
				return "", false, phoneError(ReasonPhonePlus)
			}
			plus = true
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '\u00A0':
		default:
			return "", false, phoneError(ReasonPhoneCharacter, r)
		}
	}
	if b.Len() == 0 {
		return "", false, phoneError(ReasonPhoneEmpty)
	}
	return b.String(), plus, nil
}

func phoneError(r Reason, args ...any) *Error {
	return Errorf(EInvalidPhone, "phone", r, args...)
}
