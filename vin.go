package showroom

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// VINLength is the number of characters of a VIN (ISO 3779).
const VINLength = 17

// CheckDigit is the verdict on a VIN's check digit (position 9).
type CheckDigit string

// Check digit verdicts, as the portal's VIN decode reports them.
const (
	// CheckDigitOK: the check digit matches the VIN's other characters.
	CheckDigitOK CheckDigit = "ok"
	// CheckDigitMismatch: it does not match, and the VIN's WMI is North
	// American or Chinese, where the check digit is mandatory; DecodeVIN
	// returns an error with such a decode.
	CheckDigitMismatch CheckDigit = "mismatch"
	// CheckDigitNA: it does not match, but makers outside North America and
	// China need not use one (Renault does not), so it says nothing.
	CheckDigitNA CheckDigit = "n/a"
)

// VINDecode is what a VIN says about a car, as the portal's
// GET /api/v1/vins/{vin} returns it.
//
// Renault VINs carry no model year (Renault does not encode one reliably),
// so none is decoded for any maker. Model is guessed from Renault's model
// code in positions 4–5 for Renault-group WMIs only; once the portal's
// factory registry knows the VIN, SetRegistry puts its record in Registry
// and its model wins.
type VINDecode struct {
	VIN          string     `json:"vin"`
	WMI          string     `json:"wmi"`
	Manufacturer string     `json:"manufacturer"`
	Country      string     `json:"country"`
	Model        string     `json:"model"`
	CheckDigit   CheckDigit `json:"check_digit"`
	// Registry is the factory record, null when the registry does not know
	// the VIN. Its engine number is masked (see SetRegistry).
	Registry *FactoryRecord `json:"registry"`
	// Warnings are things worth knowing that do not make the VIN invalid,
	// such as a check digit that does not match where none is required
	// (ReasonVINCheckDigitSoft). They are not part of the API's JSON: the
	// check_digit field already says "n/a", and a warning is for the staff
	// screen, rendered with Text in its language.
	Warnings []*Error `json:"-"`
}

// SetRegistry attaches the factory registry's record of the VIN. The record
// is copied with its engine number masked (MaskEngineNumber), since the
// decode is shown to whoever types a VIN; the registry's model replaces the
// guess from the model code, because the factory knows what it built.
func (d *VINDecode) SetRegistry(r *FactoryRecord) {
	if r == nil {
		d.Registry = nil
		return
	}
	c := *r
	c.EngineNumber = MaskEngineNumber(r.EngineNumber)
	c.Equipment = append([]string(nil), r.Equipment...)
	d.Registry = &c
	if c.Model != "" {
		d.Model = c.Model
	}
}

// NormalizeVIN trims space around s and upper-cases its Latin letters, the
// way people type a VIN; it does not check it (see DecodeVIN). Only ASCII is
// upper-cased, so that a non-Latin letter is reported as itself rather than
// turned into a Latin one.
func NormalizeVIN(s string) string {
	s = strings.TrimSpace(s)
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// DecodeVIN checks and decodes the VIN s (normalised first, see
// NormalizeVIN).
//
// A VIN is 17 characters of Latin capital letters and digits without I, O
// and Q. When it is not, DecodeVIN returns a zero VINDecode and an *Error
// with Code EInvalidVIN, Field "vin" and reason ReasonVINEmpty,
// ReasonVINForbiddenLetter, ReasonVINCyrillic or ReasonVINCharacter (with
// the position and the character) or ReasonVINLength (with the length found).
//
// The check digit is verified for every VIN. When it does not match and the
// VIN is North American (first character 1–5) or Chinese (L), DecodeVIN
// returns the filled decode with CheckDigitMismatch and an *Error with Code
// EInvalidVIN and ReasonVINCheckDigit naming the digit found and the one
// expected. Elsewhere the decode has CheckDigitNA and a warning with
// ReasonVINCheckDigitSoft, and no error.
func DecodeVIN(s string) (VINDecode, error) {
	v := NormalizeVIN(s)
	if err := checkVINSyntax(v); err != nil {
		return VINDecode{}, err
	}
	t := loadVINTables()
	d := VINDecode{VIN: v, WMI: v[:3], CheckDigit: CheckDigitOK}
	if w, ok := t.wmi[d.WMI]; ok {
		d.Manufacturer, d.Country = w.Manufacturer, w.Country
		if w.RenaultVDS {
			d.Model = t.models[v[3:5]]
		}
	} else {
		d.Country = t.country(d.WMI)
	}
	want := vinCheckDigit(v)
	if got := v[8]; got != want {
		if vinCheckDigitRequired(v) {
			d.CheckDigit = CheckDigitMismatch
			return d, vinError(ReasonVINCheckDigit, rune(got), rune(want))
		}
		d.CheckDigit = CheckDigitNA
		d.Warnings = append(d.Warnings, vinError(ReasonVINCheckDigitSoft, rune(got), rune(want)))
	}
	return d, nil
}

// checkVINSyntax checks the characters first, so that a Cyrillic letter or
// an O typed for a zero is named even when the length is wrong too.
func checkVINSyntax(v string) error {
	if v == "" {
		return vinError(ReasonVINEmpty)
	}
	pos := 0
	for _, r := range v {
		pos++
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z' && r != 'I' && r != 'O' && r != 'Q':
		case r == 'I' || r == 'O' || r == 'Q':
			return vinError(ReasonVINForbiddenLetter, pos, r)
		case r == 'О' || r == 'о':
			// The Cyrillic O looks like the Latin one, which is not
			// allowed either: the person meant a zero.
			return vinError(ReasonVINForbiddenLetter, pos, 'O')
		case unicode.Is(unicode.Cyrillic, r):
			return vinError(ReasonVINCyrillic, pos, r)
		default:
			return vinError(ReasonVINCharacter, pos, r)
		}
	}
	if n := utf8.RuneCountInString(v); n != VINLength {
		return vinError(ReasonVINLength, n)
	}
	return nil
}

func vinError(r Reason, args ...any) *Error {
	return Errorf(EInvalidVIN, "vin", r, args...)
}

// vinWeights are the ISO 3779 / FMVSS 115 weights of the check digit.
var vinWeights = [VINLength]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}

// vinCheckDigit computes the check digit of a syntactically valid VIN:
// the weighted sum of the transliterated characters modulo 11, 10 being X.
func vinCheckDigit(v string) byte {
	sum := 0
	for i := range VINLength {
		sum += vinValue(v[i]) * vinWeights[i]
	}
	if r := sum % 11; r != 10 {
		return byte('0' + r)
	}
	return 'X'
}

// vinValue transliterates a VIN character: digits are themselves, letters
// A–H are 1–8, J–R 1–9 without O and Q, S–Z 2–9.
func vinValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'H':
		return int(c-'A') + 1
	case c >= 'J' && c <= 'R':
		return []int{1, 2, 3, 4, 5, 0, 7, 0, 9}[c-'J']
	case c >= 'S' && c <= 'Z':
		return int(c-'S') + 2
	}
	return 0
}

// vinCheckDigitRequired reports whether the VIN's region makes the check
// digit mandatory: North America (first character 1–5) and China (L).
func vinCheckDigitRequired(v string) bool {
	return v[0] >= '1' && v[0] <= '5' || v[0] == 'L'
}
