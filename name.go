package showroom

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLength is the most characters (code points, after normalisation) a
// last or first name may have.
const MaxNameLength = 100

// NormalizeName returns the person's name s (a last name, a first name, …)
// as the programme stores it, for the given field name ("last_name",
// "first_name"), which the error carries.
//
// The name is put in Unicode NFC, so "й" typed as "и" plus a combining breve
// equals the single letter and search finds it; the typographic apostrophes
// ’ (U+2019) and ʼ (U+02BC) become the ASCII ' and the Unicode hyphens U+2010
// and U+2011 become "-", so that O’Brien and O'Brien are one person whatever
// keyboard was used; every run of white space becomes one space, and space
// around the name is trimmed. Letters keep their case: "van der Berg" and
// "МакДональд" are spelt by their owners.
//
// What remains must be letters of any script (with their combining marks),
// spaces, hyphens and apostrophes; it must contain a letter, must not start
// or end with a hyphen or apostrophe, a combining mark must follow a letter,
// and it may have at most MaxNameLength characters.
//
// Errors are *Error with Code EInvalidName, Field field and reason
// ReasonNameEmpty, ReasonNameCharacter (naming the character),
// ReasonNameNoLetter, ReasonNameEdge or ReasonNameTooLong.
func NormalizeName(field, s string) (string, error) {
	s = collapseSpaces(NFC(mapNamePunct(s)))
	if s == "" {
		return "", Errorf(EInvalidName, field, ReasonNameEmpty)
	}
	letter := false
	prev := ' '
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.Is(unicode.M, r):
			if !unicode.IsLetter(prev) && !unicode.Is(unicode.M, prev) {
				return "", Errorf(EInvalidName, field, ReasonNameCharacter, r)
			}
		case r == ' ' || r == '-' || r == '\'':
		default:
			return "", Errorf(EInvalidName, field, ReasonNameCharacter, r)
		}
		prev = r
	}
	if !letter {
		return "", Errorf(EInvalidName, field, ReasonNameNoLetter)
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	for _, r := range []rune{first, last} {
		if r == '-' || r == '\'' {
			return "", Errorf(EInvalidName, field, ReasonNameEdge, r)
		}
	}
	if utf8.RuneCountInString(s) > MaxNameLength {
		return "", Errorf(EInvalidName, field, ReasonNameTooLong, MaxNameLength)
	}
	return s, nil
}

// mapNamePunct replaces the look-alike apostrophes and hyphens by their
// ASCII forms.
func mapNamePunct(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2019', '\u02BC':
			return '\''
		case '\u2010', '\u2011':
			return '-'
		}
		return r
	}, s)
}

// collapseSpaces trims s and replaces every run of white space inside it by
// one ASCII space.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
