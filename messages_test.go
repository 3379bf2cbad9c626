package showroom

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// declaredConsts returns the values of the constants of the named type
// declared in the package's non-test files, so that a constant missing from
// allCodes or allReasons is caught.
func declaredConsts(t *testing.T, typeName string) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name != "showroom" {
			continue // a generator with its own package main
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok || id.Name != typeName {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: constant of type %s is not a string literal", name, typeName)
					}
					s, _ := strconv.Unquote(lit.Value)
					out = append(out, s)
				}
			}
		}
	}
	return out
}

var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*[a-zA-Z%]`)

func TestEveryCodeAndReasonHasBothTexts(t *testing.T) {
	var codes []string
	for _, c := range allCodes {
		codes = append(codes, string(c))
	}
	var reasons []string
	for _, r := range allReasons {
		reasons = append(reasons, string(r))
	}
	for _, tt := range []struct {
		typ    string
		listed []string
	}{{"Code", codes}, {"Reason", reasons}} {
		declared := declaredConsts(t, tt.typ)
		if len(declared) == 0 {
			t.Fatalf("no %s constants found", tt.typ)
		}
		slices.Sort(declared)
		listed := slices.Clone(tt.listed)
		slices.Sort(listed)
		if !slices.Equal(declared, listed) {
			t.Errorf("%s constants %v\nare not the listed ones %v", tt.typ, declared, listed)
		}
		if len(slices.Compact(listed)) != len(tt.listed) {
			t.Errorf("%s list has duplicates", tt.typ)
		}
	}
	for _, key := range append(codes, reasons...) {
		tx, ok := texts[Reason(key)]
		if !ok {
			t.Errorf("%q has no text", key)
			continue
		}
		if strings.TrimSpace(tx.en) == "" || strings.TrimSpace(tx.ru) == "" {
			t.Errorf("%q lacks a text: %+v", key, tx)
		}
		if !strings.ContainsFunc(tx.ru, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			t.Errorf("%q: the Russian text %q is not Russian", key, tx.ru)
		}
		if en, ru := verbRE.FindAllString(tx.en, -1), verbRE.FindAllString(tx.ru, -1); !slices.Equal(en, ru) {
			t.Errorf("%q: English takes %v, Russian %v", key, en, ru)
		}
	}
	for key := range texts {
		if !slices.Contains(codes, string(key)) && !slices.Contains(reasons, string(key)) {
			t.Errorf("text for %q, which is neither a Code nor a Reason", key)
		}
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		name   string
		err    *Error
		en, ru string
	}{
		{"reason with arguments", Errorf(EInvalidVIN, "vin", ReasonVINForbiddenLetter, 9, 'O'),
			"position 9: letter O is not allowed in a VIN", "позиция 9: буква O в VIN не допускается"},
		{"code as reason", Errorf(EGarageFull, "", Reason(EGarageFull)), "The virtual garage is full.", "Виртуальный гараж заполнен."},
		{"unknown reason falls back to the code", Errorf(EInvalidEmail, "email", "no_such_reason"),
			"The e-mail address is not valid.", "Адрес эл. почты указан неверно."},
		{"unknown code and reason", Errorf("whatever", "", "nothing"), "The value is not valid.", "Значение указано неверно."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Text(English); got != tt.en {
				t.Errorf("English = %q, want %q", got, tt.en)
			}
			if got := tt.err.Error(); got != tt.en {
				t.Errorf("Error() = %q, want %q", got, tt.en)
			}
			if got := tt.err.Text(Russian); got != tt.ru {
				t.Errorf("Russian = %q, want %q", got, tt.ru)
			}
		})
	}
}

func TestErrorCode(t *testing.T) {
	field := Errorf(EInvalidEmail, "email", ReasonEmailNoAt)
	tests := []struct {
		name string
		err  error
		want Code
	}{
		{"nil", nil, ""},
		{"domain error", field, EInvalidEmail},
		{"wrapped", fmt.Errorf("saving: %w", field), EInvalidEmail},
		{"other", errors.New("disk full"), EInternal},
		{"validation errors", ValidationErrors{field}, EInvalid},
		{"wrapped validation errors", fmt.Errorf("register: %w", ValidationErrors{field}), EInvalid},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.want {
			t.Errorf("%s: ErrorCode = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValidationErrors(t *testing.T) {
	v := ValidationErrors{
		Errorf(EInvalidName, "last_name", ReasonNameEmpty),
		Errorf(EInvalidEmail, "email", ReasonEmailNoAt),
	}
	if got, want := v.Error(), "last_name: Please fill in this field.; email: The e-mail address has no @."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := v.Text(Russian); !strings.Contains(got, "Заполните это поле.") || !strings.Contains(got, "нет знака @") {
		t.Errorf("Text(Russian) = %q", got)
	}
	if v.For("email") != v[1] || v.For("phone") != nil {
		t.Error("For does not find the field's error")
	}
	if !errors.Is(v, v[1]) {
		t.Error("errors.Is does not see the second field error")
	}
	var empty ValidationErrors
	if empty.err() != nil {
		t.Error("an empty ValidationErrors is returned as an error")
	}
	empty.add(nil)
	empty.add(errors.New("boom"))
	if len(empty) != 1 || empty[0].Code != EInternal {
		t.Errorf("add of a plain error = %v", empty)
	}
}

// checkText fails the test when e's texts do not take e's arguments: as many
// verbs as arguments, %d for an int, %c for a rune, %q for a rune or string.
// (Looking for "%!" in the output would be fooled by arguments holding it.)
func checkText(t *testing.T, e *Error) {
	t.Helper()
	tx, ok := texts[e.Reason]
	if !ok {
		t.Fatalf("%#v: reason without text", e)
	}
	for _, f := range []string{tx.en, tx.ru} {
		verbs := verbRE.FindAllString(f, -1)
		if len(verbs) != len(e.Args) {
			t.Fatalf("%#v: %q takes %d arguments", e, f, len(verbs))
		}
		for i, v := range verbs {
			okType := false
			switch e.Args[i].(type) {
			case int:
				okType = v == "%d"
			case rune:
				okType = v == "%c" || v == "%q"
			case string:
				okType = v == "%q" || v == "%s"
			}
			if !okType {
				t.Fatalf("%#v: argument %d (%T) for %s in %q", e, i, e.Args[i], v, f)
			}
		}
	}
}
