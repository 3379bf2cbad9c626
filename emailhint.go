package showroom

import "strings"

// emailDomains are the mailbox providers most of the programme's customers
// use, in the order a tie between two near matches is settled.
var emailDomains = []string{
	"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru",
	"rambler.ru", "ya.ru", "icloud.com", "yahoo.com", "outlook.com", "hotmail.com",
}

// emailDomainsReal are real domains a near match must not "correct".
var emailDomainsReal = map[string]bool{"email.com": true, "mail.com": true, "yandex.com": true, "yandex.by": true, "yandex.kz": true, "live.ru": true, "me.com": true}

// SuggestEmail returns a likely correction of an e-mail address whose
// domain is a near miss of a common mailbox provider's — "gmail.con",
// "yandex.ry", "mial.ru" — and true; or "", false when the domain is one of
// them, is far from all of them, or s has no single @ with text on both
// sides. The part before @ is kept as typed. It is a hint for the customer
// to accept or ignore, never a validation rule: NormalizeEmail decides what
// is valid.
//
// A domain is a near miss when its edit distance (insertions, deletions,
// substitutions and swaps of neighbours) to a provider's domain is 1, or 2
// for domains longer than 7 characters; a domain missing its top level
// ("gmail", "yandex") is matched by its first label.
func SuggestEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || at == len(s)-1 {
		return "", false
	}
	local, domain := s[:at], strings.ToLower(s[at+1:])
	if len(domain) > 64 || emailDomainsReal[domain] {
		return "", false
	}
	best, bestDist := "", 3
	for _, d := range emailDomains {
		if domain == d {
			return "", false
		}
		limit := 1
		if len(d) > 7 {
			limit = 2
		}
		dist := editDistance(domain, d)
		if !strings.Contains(domain, ".") {
			// "gmail" or "yandx": compare with the provider's name alone.
			dist = editDistance(domain, d[:strings.IndexByte(d, '.')])
			limit = 1
		}
		if dist <= limit && dist < bestDist {
			best, bestDist = d, dist
		}
	}
	if best == "" {
		return "", false
	}
	return local + "@" + best, true
}

// editDistance is the optimal-string-alignment distance between a and b
// counted in runes: insertions, deletions, substitutions and transpositions
// of adjacent runes each cost 1.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
