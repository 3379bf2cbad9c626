package showroom

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		name, in, want string
		reason         Reason
		char           rune
	}{
		{"plain", "Игнатьева", "Игнатьева", "", 0},
		{"trimmed and collapsed", "  Анна   Мария\t ", "Анна Мария", "", 0},
		{"short i as base and breve", "Андре\u0438\u0306", "Андрей", "", 0},
		{"yo as base and diaeresis", "Фе\u0434\u0435\u0308\u0440\u043e\u0432", "Федёров", "", 0},
		{"latin e acute", "Jose\u0301", "José", "", 0},
		{"double-barrelled", "Петров-Водкин", "Петров-Водкин", "", 0},
		{"typographic apostrophe", "O’Brien", "O'Brien", "", 0},
		{"modifier apostrophe", "Мар\u02BCяна", "Мар'яна", "", 0},
		{"unicode hyphen", "Jean\u2010Luc", "Jean-Luc", "", 0},
		{"case kept", "van der Berg", "van der Berg", "", 0},
		{"hangul jamo composed", "\u1100\u1175\u11B7", "김", "", 0},
		{"no-break space", "Анна\u00a0Мария", "Анна Мария", "", 0},
		{"empty", "", "", ReasonNameEmpty, 0},
		{"spaces", "   ", "", ReasonNameEmpty, 0},
		{"digit", "Иван1", "", ReasonNameCharacter, '1'},
		{"dot", "Jr.", "", ReasonNameCharacter, '.'},
		{"emoji", "Анна🙂", "", ReasonNameCharacter, '🙂'},
		{"zero-width space", "Ан\u200bна", "", ReasonNameCharacter, '\u200b'},
		{"loose mark", "Анна \u0301", "", ReasonNameCharacter, '\u0301'},
		{"leading mark", "\u0301Анна", "", ReasonNameCharacter, '\u0301'},
		{"no letter", "-'-", "", ReasonNameNoLetter, 0},
		{"leading hyphen", "-Анна", "", ReasonNameEdge, '-'},
		{"trailing apostrophe", "Анна’", "", ReasonNameEdge, '\''},
		{"too long", strings.Repeat("я", MaxNameLength+1), "", ReasonNameTooLong, 0},
		{"longest", strings.Repeat("я", MaxNameLength), strings.Repeat("я", MaxNameLength), "", 0},
		{"invalid utf-8", "Ан\xffна", "", ReasonNameCharacter, utf8.RuneError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeName("last_name", tt.in)
			if tt.reason == "" {
				if err != nil || got != tt.want {
					t.Errorf("NormalizeName(%+q) = %+q, %v; want %+q", tt.in, got, err, tt.want)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalidName || e.Field != "last_name" || e.Reason != tt.reason {
				t.Fatalf("NormalizeName(%+q) = %+q, %#v; want reason %s", tt.in, got, err, tt.reason)
			}
			if tt.char != 0 && !equalArgs(e.Args, []any{tt.char}) {
				t.Errorf("args %v, want %q", e.Args, tt.char)
			}
		})
	}
}

func TestNormalizeNameField(t *testing.T) {
	_, err := NormalizeName("first_name", "1")
	if e := err.(*Error); e.Field != "first_name" {
		t.Errorf("field %q", e.Field)
	}
	if got := err.(*Error).Text(Russian); got != "Символ '1' здесь недопустим; используйте буквы, пробел, дефис и апостроф." {
		t.Errorf("text %q", got)
	}
}

func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{
		"Игнатьева", "Андре\u0438\u0306", " Jose\u0301 ", "O’Brien", "-x", "x'", "\u0301", "Анна \u0301",
		"\u1100\u1161\u11A8", "a\u0345\u0301", "ǅ", "a\xffb", strings.Repeat("e\u0301", 60), "\u2010A\u2011",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeName("first_name", s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalidName || e.Field != "first_name" {
				t.Fatalf("bad error %#v", err)
			}
			checkText(t, e)
			return
		}
		if again, err := NormalizeName("first_name", got); err != nil || again != got {
			t.Fatalf("not idempotent: %+q -> %+q -> %+q, %v", s, got, again, err)
		}
		if NFC(got) != got || strings.Contains(got, "  ") || strings.TrimSpace(got) != got ||
			utf8.RuneCountInString(got) > MaxNameLength || strings.ContainsAny(got, "’\u02BC") {
			t.Fatalf("accepted %+q as %+q", s, got)
		}
	})
}
