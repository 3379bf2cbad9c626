package portal

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// newToken returns a random secret of 32 bytes as unpadded base32 (52
// characters, safe in URLs and headers).
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// newID returns a random 128-bit identifier as 32 hex digits.
func newID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// hashSecret is how secrets (device tokens, enrolment codes, confirmation
// tokens) are stored: the hex SHA-256, so a stolen database holds none.
func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// enrollAlphabet leaves out letters and digits people confuse (0/O, 1/I/L).
const enrollAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// newEnrollCode returns a code of 12 characters written XXXX-XXXX-XXXX.
func newEnrollCode() string {
	b := make([]byte, 12)
	rand.Read(b)
	var s strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(enrollAlphabet[int(c)%len(enrollAlphabet)])
	}
	return s.String()
}

// normEnrollCode is the form an enrolment code is hashed in: upper case,
// without spaces and hyphens, so a code typed loosely still matches.
func normEnrollCode(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
}
