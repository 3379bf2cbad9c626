package showroom

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Coupon codes and their QR payloads. A device makes codes offline without
// clashing with other devices (its prefix is assigned by the portal at
// enrolment) and signs each coupon's QR payload with its Ed25519 key, whose
// public half the portal keeps; the portal and every device can then tell a
// genuine coupon from a forged one. Errors people act on are EInvalidCoupon.

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
		return "", Errorf(EInvalidCoupon, "prefix", ReasonCouponPrefix, PrefixLen)
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
			return "", Errorf(EInvalidCoupon, field, ReasonCouponAmbiguous, pos, r)
		case r >= 0x80 || value[byte(r)] < 0:
			return "", Errorf(EInvalidCoupon, field, ReasonCouponCharacter, pos, string(r))
		}
		n++
		if len(b) < codeLen {
			b = append(b, byte(r))
		}
	}
	switch {
	case n == 0:
		return "", Errorf(EInvalidCoupon, field, ReasonCouponEmpty)
	case n != codeLen:
		return "", Errorf(EInvalidCoupon, field, ReasonCouponLength, codeLen, n)
	case !validCheck(string(b)):
		return "", Errorf(EInvalidCoupon, field, ReasonCouponCheck)
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

// payloadPrefix starts every coupon QR payload; the digit is the format's
// version, so that a later format can be told apart.
const payloadPrefix = "MR1:"

// maxPayload bounds what VerifyCoupon reads: a real payload has under 200
// characters, and a scanner may send anything.
const maxPayload = 1024

// fieldSep separates the signed fields; it cannot occur in a code, an offer
// ID or a VIN.
const fieldSep = "\x1f"

// Claims are what a coupon's QR code vouches for.
type Claims struct {
	Code     string    // the coupon code in its printed form
	OfferID  string    // the offer
	VIN      string    // the car
	IssuedAt time.Time // when the device issued it, to the second, UTC
}

// NewDeviceKey makes a device's Ed25519 key pair, reading randomness from r
// (crypto/rand when nil). The device keeps the private key and registers the
// public one with the portal at enrolment.
func NewDeviceKey(r io.Reader) (ed25519.PublicKey, ed25519.PrivateKey, error) {
	if r == nil {
		r = rand.Reader
	}
	return ed25519.GenerateKey(r)
}

// b32 writes the payload's parts in upper-case base 32, which QR codes store
// in their alphanumeric mode: a smaller code than base64 in byte mode.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// decode32 decodes s, accepting only the one canonical spelling of its bytes,
// so that no two payloads carry the same signature.
func decode32(s string) ([]byte, error) {
	b, err := b32.DecodeString(s)
	if err != nil || b32.EncodeToString(b) != s {
		return nil, errNotCanonical
	}
	return b, nil
}

var errNotCanonical = errors.New("printing: not canonical base 32")

// SignCoupon returns the QR payload of c: "MR1:", the fields (code, offer,
// VIN, issue time) in base 32, "." and the Ed25519 signature of everything
// before the dot, also in base 32 — about 190 characters of the QR
// alphanumeric set, which a version 9 code holds with medium error correction.
func SignCoupon(priv ed25519.PrivateKey, c Coupon) string {
	fields := strings.Join([]string{c.Code, c.OfferID, c.VIN,
		strconv.FormatInt(c.IssuedAt.Unix(), 10)}, fieldSep)
	signed := payloadPrefix + b32.EncodeToString([]byte(fields))
	sig := ed25519.Sign(priv, []byte(signed))
	return signed + "." + b32.EncodeToString(sig)
}

// VerifyCoupon checks a QR payload against the public key of the device that
// issued it and returns its claims. The code inside is checked as well. The
// payload is taken exactly as SignCoupon made it: what a scanner typed goes
// through CouponInput first.
//
// It returns an EInvalidCoupon error: ReasonCouponPayload when the text is
// not a coupon payload at all, ReasonCouponSignature when the signature does
// not match (another device, or altered), or the code's own error.
func VerifyCoupon(pub ed25519.PublicKey, payload string) (Claims, error) {
	c, signed, sig, err := parsePayload(payload)
	if err != nil {
		return Claims{}, err
	}
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, []byte(signed), sig) {
		return Claims{}, Errorf(EInvalidCoupon, "qr", ReasonCouponSignature)
	}
	return c, nil
}

// IsCouponPayload reports whether s looks like a coupon's QR payload rather
// than a typed code: a service desk's entry takes both, since a USB scanner
// types the payload like a keyboard, on either layout (see CouponInput).
func IsCouponPayload(s string) bool {
	return strings.HasPrefix(CouponInput(s), payloadPrefix)
}

// ParseCouponPayload reads the claims of a QR payload without checking its
// signature, to learn which coupon it names and so whose key verifies it.
// It takes what a scanner sent, on the Latin or the Russian keyboard layout
// (see CouponInput); VerifyCoupon takes the payload in the form CouponInput
// returns. The claims are not to be trusted until VerifyCoupon has checked
// them.
//
// It returns the errors of VerifyCoupon but ReasonCouponSignature.
func ParseCouponPayload(payload string) (Claims, error) {
	c, _, _, err := parsePayload(CouponInput(payload))
	return c, err
}

// parsePayload splits a payload into its claims, the signed text and the
// signature.
func parsePayload(payload string) (c Claims, signed string, sig []byte, err error) {
	bad := Errorf(EInvalidCoupon, "qr", ReasonCouponPayload)
	if len(payload) > maxPayload || !strings.HasPrefix(payload, payloadPrefix) {
		return Claims{}, "", nil, bad
	}
	signed, sig64, ok := strings.Cut(payload, ".")
	if !ok {
		return Claims{}, "", nil, bad
	}
	sig, err = decode32(sig64)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Claims{}, "", nil, bad
	}
	raw, err := decode32(signed[len(payloadPrefix):])
	if err != nil {
		return Claims{}, "", nil, bad
	}
	f := strings.Split(string(raw), fieldSep)
	if len(f) != 4 {
		return Claims{}, "", nil, bad
	}
	unix, err := strconv.ParseInt(f[3], 10, 64)
	if err != nil || f[1] == "" || f[2] == "" {
		return Claims{}, "", nil, bad
	}
	code, err := ParseCouponCode(f[0])
	if err != nil {
		return Claims{}, "", nil, err
	}
	if code != f[0] {
		return Claims{}, "", nil, bad // not in the printed form: not made by SignCoupon
	}
	return Claims{Code: code, OfferID: f[1], VIN: f[2], IssuedAt: time.Unix(unix, 0).UTC()}, signed, sig, nil
}

// NewActivationCode makes the one-time code a Welcome Pack's QR carries to
// the portal's activation page: 128 random bits in 26 base-32 characters,
// reading randomness from r (crypto/rand when nil).
func NewActivationCode(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	return b32.EncodeToString(b[:]), nil
}
