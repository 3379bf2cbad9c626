package localdb

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/myrenault/showroom"
)

// How staff type, and what each kind of input becomes:
//
//   - A query made only of digits and phone punctuation (+ ( ) - . space)
//     with at least minDigits digits is one number: a phone in any format,
//     an order number, a customer ID, the digits at the end of a VIN. It
//     matches keys that start with it (with and without a leading 7 or 8)
//     and keys that end with it.
//   - Otherwise the query is split at spaces into terms, and a customer
//     must match every term:
//   - a term with @ is the start or the end of an e-mail address
//     (polina@exa, smith@mail.ru, @example.ru);
//   - a term with a digit is an identifier or part of one: a key starting
//     or ending with it (VF1LZBR0542606589, 606589, the customer ID) or an
//     e-mail word starting with it;
//   - a word of letters is the start of a name or an e-mail word, in
//     either script, any case (игнат, Ignat, IGNATEVA);
//   - letters with a dot, an underscore or a plus inside are the start of
//     an e-mail typed without its @ (sergey.m, john_smith);
//   - words shorter than 2 characters (an initial, the "m" of sergey.m)
//     are left out: a one-letter prefix narrows nothing down and would
//     make FTS5 merge a large part of the index.
//
// Every word is quoted, so no input can make an FTS5 syntax error.

const (
	minQueryRunes = 2 // a shorter query returns nothing
	minDigits     = 4 // a shorter number matches too many keys to be useful
)

// searchPlan is a parsed query: the full-text expressions to run, best
// first, and the identifiers that may match a customer exactly.
type searchPlan struct {
	exprs []string
	// exact identifiers to look up in the tables before the full-text
	// search: key form (customer ID, VIN, order number), e-mail, phones.
	exactKey, exactEmail string
	exactPhones          []string
	// keyTerms are the key forms of the terms with digits; nameTerms the
	// words of the terms of letters; email is set by a term that can only
	// be (part of) an e-mail address.
	keyTerms  []string
	nameTerms []string
	email     bool
}

func (p searchPlan) empty() bool { return len(p.exprs) == 0 }

// planSearch parses what staff typed.
func planSearch(q string) searchPlan {
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(strings.Join(strings.Fields(q), "")) < minQueryRunes {
		return searchPlan{}
	}
	if isPhoneLike(q) {
		return planNumber(q)
	}
	var p searchPlan
	var terms []string
	fields := strings.Fields(q)
	for _, f := range fields {
		if t := p.term(f, len(fields) == 1); t != "" {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return searchPlan{}
	}
	if len(fields) == 1 && isLetters(fields[0]) && len(terms) == 1 {
		// One word of letters: surnames first, then first names and
		// e-mail words.
		w := prefixPhrase(words(fields[0]))
		p.exprs = []string{"{last}: " + w, "{first email}: " + w}
		return p
	}
	p.exprs = []string{strings.Join(terms, " AND ")}
	return p
}

// term turns one space-separated term into an FTS5 sub-expression; "" when
// the term is too short or has nothing to search for.
func (p *searchPlan) term(f string, only bool) string {
	ws := words(f)
	if len(ws) == 0 {
		return ""
	}
	k := strings.Join(ws, "")
	switch {
	case strings.ContainsRune(f, '@'):
		p.email = true
		if only {
			p.exactEmail = strings.ToLower(f)
		}
		// The whole address is one key: what was typed is its start
		// (polina@exa) or its end (smith@mail.ru, @example.ru).
		return "({keys}: " + quote(k) + "* OR {rev}: " + quote(reverse(k)) + "*)"
	case strings.ContainsFunc(f, unicode.IsDigit):
		if utf8.RuneCountInString(k) < minDigits {
			return ""
		}
		if only {
			p.exactKey = k
		}
		p.keyTerms = append(p.keyTerms, k)
		alts := []string{"{keys}: " + quote(k) + "*", "{rev}: " + quote(reverse(k)) + "*"}
		if ph := prefixPhrase(ws); ph != "" {
			alts = append(alts, "{email}: "+ph) // ivan1985 of ivan1985@mail.ru
		}
		return "(" + strings.Join(alts, " OR ") + ")"
	case strings.ContainsAny(f, "._+"):
		// sergey.m, john_smith: the start of an e-mail typed without its
		// @. Only the whole-address key: a phrase ending in a short
		// prefix ("sergey" "m"*) would merge much of the index.
		if utf8.RuneCountInString(k) < minDigits {
			return ""
		}
		p.email = true
		return "({keys}: " + quote(k) + "*)"
	default:
		ph := prefixPhrase(ws)
		if ph == "" {
			return ""
		}
		p.nameTerms = append(p.nameTerms, ws...)
		return "({last first email}: " + ph + ")"
	}
}

// prefixPhrase is the phrase of ws with its last word a prefix. Trailing
// words shorter than minQueryRunes are left out: a one-letter prefix
// matches a large part of the index and narrows nothing down. It returns ""
// when no word is left or the words are too short in all.
func prefixPhrase(ws []string) string {
	for len(ws) > 0 && utf8.RuneCountInString(ws[len(ws)-1]) < minQueryRunes {
		ws = ws[:len(ws)-1]
	}
	if utf8.RuneCountInString(strings.Join(ws, "")) < minQueryRunes {
		return ""
	}
	return phrase(ws) + "*"
}

// planNumber plans a query of digits: a phone, an order number, a customer
// ID or the end of a VIN.
func planNumber(q string) searchPlan {
	d := digits(q)
	if len(d) < minDigits {
		return searchPlan{}
	}
	p := searchPlan{exactKey: d}
	// Prefixes: as typed, and without the country prefix when the number
	// begins with +7, 7 or 8 (a phone typed from its start).
	prefixes := []string{d}
	if len(d) > minDigits && (d[0] == '7' || d[0] == '8') {
		prefixes = append(prefixes, d[1:])
	}
	p.keyTerms = prefixes
	if ph, err := showroom.NormalizePhone(q); err == nil {
		p.exactPhones = []string{ph}
	}
	var alts []string
	for _, s := range prefixes {
		alts = append(alts, "{keys}: "+quote(s)+"*")
	}
	alts = append(alts, "{rev}: "+quote(reverse(d))+"*")
	p.exprs = []string{strings.Join(alts, " OR ")}
	return p
}

// isPhoneLike reports whether q is only digits and phone punctuation.
func isPhoneLike(q string) bool {
	for _, r := range q {
		if !(r >= '0' && r <= '9') && !strings.ContainsRune("+()-. \t", r) {
			return false
		}
	}
	return true
}

func isLetters(f string) bool {
	for _, r := range f {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// phrase quotes words as one FTS5 phrase: the words in this order.
func phrase(ws []string) string { return quote(strings.Join(ws, " ")) }

// quote makes s an FTS5 string; a double quote inside is doubled.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
