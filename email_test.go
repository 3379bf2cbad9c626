package showroom

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeEmail(t *testing.T) {
	long := strings.Repeat("a", 63)
	tests := []struct {
		in, want string
		reason   Reason
	}{
		{"polina@example.ru", "polina@example.ru", ""},
		{"  Polina.Ignatieva@Example.RU \t", "Polina.Ignatieva@example.ru", ""},
		{"ivan+renault@mail.co.uk", "ivan+renault@mail.co.uk", ""},
		{"o'brien@my-mail.ie", "o'brien@my-mail.ie", ""},
		{"иван@почта.рф", "иван@почта.рф", ""},
		{"ИВАН@ПОЧТА.РФ", "ИВАН@почта.рф", ""},
		{"a@b.c", "a@b.c", ""},
		{"x@123.example.com", "x@123.example.com", ""},
		{"", "", ReasonEmailEmpty},
		{"   ", "", ReasonEmailEmpty},
		{"polina.example.ru", "", ReasonEmailNoAt},
		{"polina@@example.ru", "", ReasonEmailManyAt},
		{"a@b@example.ru", "", ReasonEmailManyAt},
		{"@example.ru", "", ReasonEmailEmptyLocal},
		{strings.Repeat("a", 65) + "@example.ru", "", ReasonEmailLocalTooLong},
		{".polina@example.ru", "", ReasonEmailLocalDots},
		{"polina.@example.ru", "", ReasonEmailLocalDots},
		{"po..lina@example.ru", "", ReasonEmailLocalDots},
		{"po lina@example.ru", "", ReasonEmailLocalChar},
		{"Polina <polina@example.ru>", "", ReasonEmailLocalChar},
		{`"polina"@example.ru`, "", ReasonEmailLocalChar},
		{"polina(comment)@example.ru", "", ReasonEmailLocalChar},
		{"polina@", "", ReasonEmailEmptyDomain},
		{"polina@localhost", "", ReasonEmailDomainNoDot},
		{"polina@example..ru", "", ReasonEmailDomainEmpty},
		{"polina@.example.ru", "", ReasonEmailDomainEmpty},
		{"polina@example.ru.", "", ReasonEmailDomainEmpty},
		{"polina@exa_mple.ru", "", ReasonEmailDomainChar},
		{"polina@[192.168.0.1]", "", ReasonEmailDomainChar},
		{"polina@example.ru>", "", ReasonEmailDomainChar},
		{"polina@-example.ru", "", ReasonEmailDomainHyphen},
		{"polina@example-.ru", "", ReasonEmailDomainHyphen},
		{"polina@" + long + "a.ru", "", ReasonEmailLabelTooLong},
		{"polina@" + long + ".ru", "polina@" + long + ".ru", ""},
		{"polina@192.168.0.1", "", ReasonEmailTLDDigits},
		{strings.Repeat("a", 64) + "@" + long + "." + long + "." + long + ".ru", "", ReasonEmailTooLong},
		{"a\xff@example.ru", "", ReasonEmailLocalChar},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalidEmail || e.Field != "email" || e.Reason != tt.reason {
			t.Errorf("NormalizeEmail(%q) = %q, %#v; want reason %s", tt.in, got, err, tt.reason)
		}
		if got != "" {
			t.Errorf("NormalizeEmail(%q) returned %q with an error", tt.in, got)
		}
	}
}

func TestNormalizeEmailNamesTheCharacter(t *testing.T) {
	_, err := NormalizeEmail("po lina@example.ru")
	if got := err.(*Error).Text(Russian); got != "Часть адреса до знака @ не может содержать символ ' '." {
		t.Errorf("text %q", got)
	}
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{
		"polina@example.ru", " A@B.C ", "иван@почта.рф", "Polina <p@e.ru>", "p@localhost", "p@@e.ru",
		"p@e..ru", "p@[1.2.3.4]", "\"a b\"@e.ru", "p@1.2", "a@\u023A.ru", "a@K.ru", "a@İ.ru", "a@ǅ.com",
		"a@e\u0301.ru", "a.b@c-d.e", "x@\xff.ru",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeEmail(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalidEmail || e.Field != "email" {
				t.Fatalf("bad error %#v", err)
			}
			checkText(t, e)
			return
		}
		again, err := NormalizeEmail(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
		if len(got) > maxEmail || strings.Count(got, "@") != 1 || !strings.Contains(got[strings.IndexByte(got, '@'):], ".") {
			t.Fatalf("accepted %q", got)
		}
	})
}
