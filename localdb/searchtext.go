package localdb

import (
	"strings"
	"unicode"
)

// The search index and the search query normalise text the same way, in
// the functions of this file: lower case, ё as е, only letters and digits.
// The index stores the words these functions make, and the query builder
// quotes words made by the same functions, so what staff type and what the
// index holds always meet in the same form.

// searchIndexVersion changes whenever what the index stores for a customer
// changes, so that stores built by an older version can be told apart.
const searchIndexVersion = 2

// words splits s into lower-case words of letters and digits; every other
// character separates words. ё becomes е (the tokenizer does not fold it).
func words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == 'ё' || r == 'Ё':
			b.WriteRune('е')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// key is the form of an identifier (customer ID, VIN, order number) in the
// index: its letters and digits only, lower case, as one word.
func key(s string) string { return strings.Join(words(s), "") }

// reverse reverses s rune by rune; a suffix of s is a prefix of reverse(s).
func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// digits keeps the ASCII digits of s.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nationalPhone is a Russian phone number without its country prefix (+7
// or the trunk 8): 9161234567 for +7 916 123-45-67 and 8 916 123 45 67.
// Other numbers keep all their digits.
func nationalPhone(p string) string {
	d := digits(p)
	if len(d) == 11 && (d[0] == '7' || d[0] == '8') {
		return d[1:]
	}
	return d
}

// translit writes a Cyrillic word in Latin letters the way staff on a Latin
// keyboard would type it (Игнатьева → ignateva, Юлия → yuliya). It returns
// "" for a word with no Cyrillic letter.
func translit(w string) string {
	var b strings.Builder
	cyr := false
	for _, r := range w {
		if l, ok := latin[r]; ok {
			cyr = true
			b.WriteString(l)
			continue
		}
		b.WriteRune(r)
	}
	if !cyr {
		return ""
	}
	return b.String()
}

var latin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// nameWords are the index words of a name: each word as written and, for
// a Cyrillic word, its transliteration.
func nameWords(names ...string) []string {
	var out []string
	for _, n := range names {
		for _, w := range words(n) {
			out = append(out, w)
			if t := translit(w); t != "" && t != w {
				out = append(out, t)
			}
		}
	}
	return out
}

// searchDoc is one customer's row of the search index.
type searchDoc struct {
	last, first, email, keys, rev string
}

// docSource is what the search index needs to know of a customer.
type docSource struct {
	firstName, lastName, email, customerID string
	phones                                 []string // as stored
	vins, orders                           []string
}

func (s docSource) doc() searchDoc {
	var keys []string
	add := func(k string) {
		if k != "" {
			keys = append(keys, k)
		}
	}
	add(key(s.customerID))
	add(key(s.email))
	for _, p := range s.phones {
		add(nationalPhone(p))
	}
	for _, v := range s.vins {
		add(key(v))
	}
	for _, o := range s.orders {
		add(key(o))
	}
	rev := make([]string, len(keys))
	for i, k := range keys {
		rev[i] = reverse(k)
	}
	return searchDoc{
		last:  strings.Join(nameWords(s.lastName), " "),
		first: strings.Join(nameWords(s.firstName), " "),
		email: strings.Join(words(s.email), " "),
		keys:  strings.Join(keys, " "),
		rev:   strings.Join(rev, " "),
	}
}
