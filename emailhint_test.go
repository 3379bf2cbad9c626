package showroom

import (
	"strings"
	"testing"
)

func TestSuggestEmail(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"polina@gmail.con", "polina@gmail.com"},
		{"polina@gmial.com", "polina@gmail.com"},
		{"polina@gmail.co", "polina@gmail.com"},
		{"polina@gmail", "polina@gmail.com"},
		{"Polina.I@GMAIL.CM", "Polina.I@gmail.com"},
		{"ivan@yandex.ry", "ivan@yandex.ru"},
		{"ivan@yandex.r", "ivan@yandex.ru"},
		{"ivan@yndex.ru", "ivan@yandex.ru"},
		{"ivan@yanex.ru", "ivan@yandex.ru"},
		{"ivan@yandex", "ivan@yandex.ru"},
		{"  ivan@mial.ru ", "ivan@mail.ru"},
		{"ivan@mail.ry", "ivan@mail.ru"},
		{"ivan@mai.ru", "ivan@mail.ru"},
		{"ivan@maill.ru", "ivan@mail.ru"},
		{"ivan@mail.r", "ivan@mail.ru"},
		{"ivan@ramber.ru", "ivan@rambler.ru"},
		// Right as typed, or a real domain that only looks close.
		{"polina@gmail.com", ""},
		{"ivan@yandex.ru", ""},
		{"ivan@mail.ru", ""},
		{"ivan@ya.ru", ""},
		{"ivan@email.com", ""},
		{"ivan@mail.com", ""},
		{"ivan@yandex.by", ""},
		{"ivan@renault.ru", ""},
		{"ivan@example.ru", ""},
		{"иван@почта.рф", ""},
		// Not an address to hint at.
		{"", ""},
		{"gmail.con", ""},
		{"@gmail.con", ""},
		{"ivan@", ""},
		{"a@b@gmail.con", ""},
	}
	for _, tt := range tests {
		got, ok := SuggestEmail(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("SuggestEmail(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"gmail.com", "gmail.com", 0},
		{"gmial.com", "gmail.com", 1}, {"gmail.con", "gmail.com", 1},
		{"mail.ru", "list.ru", 4}, {"почта", "почта", 0}, {"пчота", "почта", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzSuggestEmail(f *testing.F) {
	for _, s := range []string{"polina@gmail.con", "ivan@yandex.ry", "a@mial.ru", "@", "x@y", "иван@почта.рф", "a@b@c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := SuggestEmail(s)
		if !ok {
			if got != "" {
				t.Fatalf("no suggestion but %q", got)
			}
			return
		}
		trimmed := strings.TrimSpace(s)
		local := trimmed[:strings.IndexByte(trimmed, '@')]
		if !strings.HasPrefix(got, local+"@") {
			t.Fatalf("SuggestEmail(%q) = %q changed the local part", s, got)
		}
		domain := got[len(local)+1:]
		known := false
		for _, d := range emailDomains {
			known = known || d == domain
		}
		if !known {
			t.Fatalf("SuggestEmail(%q) = %q: not a provider's domain", s, got)
		}
		if again, ok := SuggestEmail(got); ok {
			t.Fatalf("a suggestion is itself corrected: %q → %q", got, again)
		}
	})
}
