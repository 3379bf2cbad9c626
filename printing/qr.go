package printing

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"image/png"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	qrcode "github.com/skip2/go-qrcode"
)

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
func SignCoupon(priv ed25519.PrivateKey, c showroom.Coupon) string {
	fields := strings.Join([]string{c.Code, c.OfferID, c.VIN,
		strconv.FormatInt(c.IssuedAt.Unix(), 10)}, fieldSep)
	signed := payloadPrefix + b32.EncodeToString([]byte(fields))
	sig := ed25519.Sign(priv, []byte(signed))
	return signed + "." + b32.EncodeToString(sig)
}

// VerifyCoupon checks a QR payload against the public key of the device that
// issued it and returns its claims. The code inside is checked as well.
//
// It returns an EInvalidCoupon error: ReasonCouponPayload when the text is
// not a coupon payload at all, ReasonCouponSignature when the signature does
// not match (another device, or altered), or the code's own error.
func VerifyCoupon(pub ed25519.PublicKey, payload string) (Claims, error) {
	bad := showroom.Errorf(showroom.EInvalidCoupon, "qr", showroom.ReasonCouponPayload)
	if len(payload) > maxPayload || !strings.HasPrefix(payload, payloadPrefix) {
		return Claims{}, bad
	}
	signed, sig64, ok := strings.Cut(payload, ".")
	if !ok {
		return Claims{}, bad
	}
	sig, err := decode32(sig64)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Claims{}, bad
	}
	raw, err := decode32(signed[len(payloadPrefix):])
	if err != nil {
		return Claims{}, bad
	}
	f := strings.Split(string(raw), fieldSep)
	if len(f) != 4 {
		return Claims{}, bad
	}
	unix, err := strconv.ParseInt(f[3], 10, 64)
	if err != nil || f[1] == "" || f[2] == "" {
		return Claims{}, bad
	}
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, []byte(signed), sig) {
		return Claims{}, showroom.Errorf(showroom.EInvalidCoupon, "qr", showroom.ReasonCouponSignature)
	}
	code, err := ParseCouponCode(f[0])
	if err != nil {
		return Claims{}, err
	}
	if code != f[0] {
		return Claims{}, bad // signed, but not in the printed form: not made by SignCoupon
	}
	return Claims{Code: code, OfferID: f[1], VIN: f[2], IssuedAt: time.Unix(unix, 0).UTC()}, nil
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

// qrPNG renders payload as a black-on-white PNG QR code with its quiet
// zone, 3 pixels a module: the PDF scales it to about 40 mm without
// smoothing, so a larger image would only cost time.
func qrPNG(payload string) ([]byte, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, q.Image(-3)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
