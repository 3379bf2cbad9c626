package showroom

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii", "Ivanov", "Ivanov"},
		{"cyrillic short i from base and breve", "Андре\u0438\u0306", "Андрей"},
		{"cyrillic yo from base and diaeresis", "Фе\u0434\u043e\u0440\u043e\u0432\u0430 \u0435\u0308", "Федорова ё"},
		{"capital yo", "\u0415\u0308лкин", "Ёлкин"},
		{"latin e acute", "Jose\u0301", "José"},
		{"already composed", "Müller", "Müller"},
		{"marks reordered then composed", "a\u0323\u0302", "\u1EAD"},    // ậ from dot below + circumflex
		{"marks given in the other order", "a\u0302\u0323", "\u1EAD"},   // same result
		{"blocked by equal class", "a\u0301\u0301", "\u00E1\u0301"},     // second acute stays
		{"singleton angstrom", "\u212B", "\u00C5"},                      // Å sign → Å
		{"composition exclusion", "\u0958", "\u0915\u093C"},             // Devanagari qa stays decomposed
		{"non-starter decomposition", "\u0344", "\u0308\u0301"},         // Greek dialytika tonos
		{"hangul LV", "\u1100\u1161", "\uAC00"},                         // 가
		{"hangul LVT", "\u1112\u1161\u11AB", "\uD55C"},                  // 한
		{"hangul LV + T", "\uAC00\u11A8", "\uAC01"},                     // 각
		{"hangul decomposed name", "\u1100\u1175\u11B7", "\uAE40"},      // 김
		{"leading mark", "\u0301a", "\u0301a"},                          // nothing to compose with
		{"invalid utf8 kept", "e\xff\u0301", "e\xff\u0301"},             // no composition across it
		{"invalid utf8 with composable before", "e\u0301\xfe", "é\xfe"}, // composes before it
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NFC(tt.in); got != tt.want {
				t.Errorf("NFC(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			if got := norm.NFC.String(tt.in); got != tt.want {
				t.Errorf("reference NFC(%+q) = %+q: the test's expectation is wrong", tt.in, got)
			}
		})
	}
}

// TestNFCEveryRune compares every code point alone, and every one that the
// tables name (plus the Hangul jamo and a sample of syllables) followed by
// marks that compose, block or reorder, with the reference implementation.
func TestNFCEveryRune(t *testing.T) {
	interesting := map[rune]bool{}
	for r := range nfcDecomp {
		interesting[r] = true
	}
	for r := range nfcCCC {
		interesting[r] = true
	}
	for p, c := range nfcCompose {
		interesting[p[0]], interesting[p[1]], interesting[c] = true, true, true
	}
	for r := rune(0x1100); r < 0x1200; r++ {
		interesting[r] = true
	}
	for r := rune(hangulSBase); r < hangulSBase+hangulSCount; r += 27 {
		interesting[r] = true
	}
	suffixes := []string{"\u0301", "\u0323\u0302", "\u0308\u0301", "\u0345", "\u093C", "\u0BBE", "\u11A8", "\u1161", "\u0300\u0315\u0301"}
	bad := 0
	check := func(s string) {
		if got, want := NFC(s), norm.NFC.String(s); got != want && bad < 10 {
			t.Errorf("NFC(%+q) = %+q, want %+q", s, got, want)
			bad++
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		check(string(r))
		if interesting[r] {
			for _, suf := range suffixes {
				check(string(r) + suf)
				check("a" + string(r) + suf)
			}
		}
	}
	if nfcUnicodeVersion != norm.Version {
		t.Errorf("tables are for Unicode %s, reference is %s: run go generate", nfcUnicodeVersion, norm.Version)
	}
}

// FuzzNFC is a differential test against golang.org/x/text/unicode/norm, and
// checks that NFC is idempotent.
func FuzzNFC(f *testing.F) {
	for _, s := range []string{
		"", "Иванов", "и\u0306", "е\u0308", "Jose\u0301", "a\u0302\u0323", "\u212B", "\u0958",
		"\u1100\u1161\u11A8", "\uAC00\u11A8", "e\xff\u0301", "\u0344", "\u0F71\u0F72\u0F74",
		"\u0B47\u0B3E", "\u1E0A\u0323", "ḉ", "Å\u0301", "\u05D1\u05BC\u05BF", "\U0001D15E",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := NFC(s)
		if NFC(got) != got {
			t.Fatalf("NFC is not idempotent on %+q: %+q then %+q", s, got, NFC(got))
		}
		if longMarkRun(s) {
			// The reference inserts U+034F into runs of over 30 combining
			// marks (the stream-safe format); plain NFC does not.
			return
		}
		if want := norm.NFC.String(s); got != want {
			t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
	})
}

// longMarkRun reports whether s, decomposed rune by rune, has a run of more
// than 30 combining marks.
func longMarkRun(s string) bool {
	n := 0
	for _, r := range s {
		for _, x := range norm.NFD.String(string(r)) {
			if norm.NFD.PropertiesString(string(x)).CCC() == 0 {
				n = 0
				continue
			}
			if n++; n > 30 {
				return true
			}
		}
	}
	return false
}
