package showroom

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of an e-mail address (RFC 5321), in bytes of UTF-8.
const (
	maxEmail      = 254
	maxEmailLocal = 64
	maxEmailLabel = 63
)

// NormalizeEmail returns the e-mail address s as the programme stores it:
// surrounding space trimmed, the domain lower-cased, the part before @ kept
// as typed (mail servers may treat its case as significant).
//
// The address must be a bare addr-spec that net/mail parses back to exactly
// itself, so display names ("Ivan <ivan@example.ru>"), angle brackets,
// comments and quoted local parts are rejected: a confirmation e-mail must go
// to precisely what the customer typed. On top of that the domain must have
// at least one dot (user@host is a typo on a kiosk, not an intranet), its
// labels are 1–63 bytes of letters, digits and hyphens not starting or ending
// with a hyphen, and the last label is not all digits. Letters of any script
// are accepted in the domain and the local part, so Cyrillic addresses on .рф
// domains work; lengths are counted in bytes of UTF-8.
//
// Errors are *Error with Code EInvalidEmail, Field "email" and a reason naming
// what is wrong: ReasonEmailEmpty, ReasonEmailTooLong, ReasonEmailNoAt,
// ReasonEmailManyAt, ReasonEmailEmptyLocal, ReasonEmailLocalTooLong,
// ReasonEmailLocalDots, ReasonEmailLocalChar, ReasonEmailEmptyDomain,
// ReasonEmailDomainEmpty, ReasonEmailDomainNoDot, ReasonEmailDomainChar,
// ReasonEmailDomainHyphen, ReasonEmailLabelTooLong, ReasonEmailTLDDigits or
// ReasonEmailSyntax.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", emailError(ReasonEmailEmpty)
	}
	at := strings.IndexByte(s, '@')
	switch {
	case at < 0:
		return "", emailError(ReasonEmailNoAt)
	case strings.Count(s, "@") > 1:
		return "", emailError(ReasonEmailManyAt)
	}
	local, domain := s[:at], strings.ToLower(s[at+1:])
	if err := checkEmailLocal(local); err != nil {
		return "", err
	}
	if err := checkEmailDomain(domain); err != nil {
		return "", err
	}
	addr := local + "@" + domain
	if len(addr) > maxEmail {
		return "", emailError(ReasonEmailTooLong)
	}
	if a, err := mail.ParseAddress(addr); err != nil || a.Name != "" || a.Address != addr {
		return "", emailError(ReasonEmailSyntax)
	}
	return addr, nil
}

func emailError(r Reason, args ...any) *Error {
	return Errorf(EInvalidEmail, "email", r, args...)
}

func checkEmailLocal(local string) error {
	switch {
	case local == "":
		return emailError(ReasonEmailEmptyLocal)
	case len(local) > maxEmailLocal:
		return emailError(ReasonEmailLocalTooLong)
	}
	for _, r := range local {
		if !isEmailLocalRune(r) {
			return emailError(ReasonEmailLocalChar, r)
		}
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return emailError(ReasonEmailLocalDots)
	}
	return nil
}

// isEmailLocalRune reports whether r may appear in an unquoted local part:
// RFC 5322 atext plus the dot, and printable non-ASCII letters and digits
// (RFC 6531).
func isEmailLocalRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return false
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			strings.ContainsRune("!#$%&'*+-/=?^_`{|}~.", r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func checkEmailDomain(domain string) error {
	if domain == "" {
		return emailError(ReasonEmailEmptyDomain)
	}
	for _, r := range domain {
		if r != '.' && r != '-' && !isDomainRune(r) {
			return emailError(ReasonEmailDomainChar, r)
		}
	}
	labels := strings.Split(domain, ".")
	for _, l := range labels {
		if l == "" {
			return emailError(ReasonEmailDomainEmpty)
		}
	}
	if len(labels) < 2 {
		return emailError(ReasonEmailDomainNoDot)
	}
	for _, l := range labels {
		switch {
		case len(l) > maxEmailLabel:
			return emailError(ReasonEmailLabelTooLong)
		case l[0] == '-' || l[len(l)-1] == '-':
			return emailError(ReasonEmailDomainHyphen)
		}
	}
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return emailError(ReasonEmailTLDDigits)
	}
	return nil
}

// isDomainRune reports whether r may appear in a domain label: ASCII digits
// and lower-case letters of any script (the domain is lower-cased first).
// Upper-case letters that survive lower-casing, such as a few symbols with no
// lower-case form, are rejected so that the result is stable.
func isDomainRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return false
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) && unicode.ToLower(r) == r || unicode.Is(unicode.M, r)
}
