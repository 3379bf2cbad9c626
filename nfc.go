package showroom

import (
	"slices"
	"strings"
	"unicode/utf8"
)

//go:generate go run nfc_gen.go

// Hangul syllables are composed and decomposed by arithmetic (Unicode,
// section 3.12) rather than by table.
const (
	hangulSBase  = 0xAC00
	hangulLBase  = 0x1100
	hangulVBase  = 0x1161
	hangulTBase  = 0x11A7
	hangulLCount = 19
	hangulVCount = 21
	hangulTCount = 28
	hangulNCount = hangulVCount * hangulTCount
	hangulSCount = hangulLCount * hangulNCount
)

// NFC returns s in Unicode Normalization Form C: canonical decomposition,
// canonical reordering of combining marks, then canonical composition, with
// the tables in nfc_tables.go. Names typed on different keyboards ("й" as one
// character or as "и" plus a combining breve) must compare equal, and the
// domain may not depend on anything outside the standard library.
//
// Bytes that are not valid UTF-8 are copied unchanged and act as a boundary
// that nothing composes across. Unlike some libraries, NFC never inserts
// U+034F COMBINING GRAPHEME JOINER into long runs of combining marks: the
// result is plain NFC.
func NFC(s string) string {
	if isNFCQuick(s) {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	seg := make([]rune, 0, 32)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			// Invalid UTF-8: finish the run before it and copy the byte.
			writeRunes(&out, composeRunes(reorderRunes(seg)))
			seg = seg[:0]
			out.WriteByte(s[i])
			i++
			continue
		}
		seg = appendDecomposed(seg, r)
		i += size
	}
	writeRunes(&out, composeRunes(reorderRunes(seg)))
	return out.String()
}

// isNFCQuick reports whether s is certainly in NFC already: below U+0300
// there are no combining marks and nothing that decomposes away.
func isNFCQuick(s string) bool {
	for _, r := range s {
		if r >= 0x300 {
			return false
		}
	}
	return utf8.ValidString(s)
}

func appendDecomposed(dst []rune, r rune) []rune {
	if r >= hangulSBase && r < hangulSBase+hangulSCount {
		i := r - hangulSBase
		dst = append(dst, hangulLBase+i/hangulNCount, hangulVBase+(i%hangulNCount)/hangulTCount)
		if t := i % hangulTCount; t != 0 {
			dst = append(dst, hangulTBase+t)
		}
		return dst
	}
	if d, ok := nfcDecomp[r]; ok {
		for _, x := range d {
			dst = append(dst, x)
		}
		return dst
	}
	return append(dst, r)
}

// reorderRunes sorts every run of combining marks by combining class,
// keeping marks of equal class in their order (the canonical ordering
// algorithm).
func reorderRunes(rs []rune) []rune {
	for i := 0; i < len(rs); {
		if nfcCCC[rs[i]] == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && nfcCCC[rs[j]] != 0 {
			j++
		}
		if j-i > 1 {
			slices.SortStableFunc(rs[i:j], func(a, b rune) int {
				return int(nfcCCC[a]) - int(nfcCCC[b])
			})
		}
		i = j
	}
	return rs
}

// composeRunes applies canonical composition in place: each rune is combined
// with the last starter when nothing between them blocks it.
func composeRunes(rs []rune) []rune {
	if len(rs) == 0 {
		return rs
	}
	starter := 0
	last := int(nfcCCC[rs[0]])
	if last != 0 {
		last = 256 // no starter yet: block every composition
	}
	n := 1
	for _, r := range rs[1:] {
		c := int(nfcCCC[r])
		if last < c || last == 0 {
			if comp, ok := composePair(rs[starter], r); ok {
				rs[starter] = comp
				continue
			}
		}
		if c == 0 {
			starter = n
		}
		last = c
		rs[n] = r
		n++
	}
	return rs[:n]
}

func composePair(a, b rune) (rune, bool) {
	if a >= hangulLBase && a < hangulLBase+hangulLCount && b >= hangulVBase && b < hangulVBase+hangulVCount {
		return hangulSBase + ((a-hangulLBase)*hangulVCount+(b-hangulVBase))*hangulTCount, true
	}
	if a >= hangulSBase && a < hangulSBase+hangulSCount && (a-hangulSBase)%hangulTCount == 0 &&
		b > hangulTBase && b < hangulTBase+hangulTCount {
		return a + (b - hangulTBase), true
	}
	c, ok := nfcCompose[[2]rune{a, b}]
	return c, ok
}

func writeRunes(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		b.WriteRune(r)
	}
}
