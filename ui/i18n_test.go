package ui

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	showroom "github.com/myrenault/showroom"
)

// TestCataloguesAgree keeps Russian and English in step: the same keys, no
// empty text, the same formatting verbs.
func TestCataloguesAgree(t *testing.T) {
	ru, en := catalogues[showroom.Russian], catalogues[showroom.English]
	for k, v := range ru {
		w, ok := en[k]
		if !ok {
			t.Errorf("key %q is in ru.json but not in en.json", k)
			continue
		}
		if strings.TrimSpace(v) == "" || strings.TrimSpace(w) == "" {
			t.Errorf("key %q has an empty text", k)
		}
		if verbs(v) != verbs(w) {
			t.Errorf("key %q: verbs differ: ru %q, en %q", k, verbs(v), verbs(w))
		}
	}
	for k := range en {
		if _, ok := ru[k]; !ok {
			t.Errorf("key %q is in en.json but not in ru.json", k)
		}
	}
}

func verbs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			b.WriteByte(s[i+1])
			i++
		}
	}
	return b.String()
}

// TestEveryUsedKeyIsTranslated walks the UI's source for T("…") calls and
// checks each literal key exists in the catalogue.
func TestEveryUsedKeyIsTranslated(t *testing.T) {
	used := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if name != "T" || !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			used++
			if _, ok := catalogues[showroom.Russian][key]; !ok {
				t.Errorf("%s: key %q is not translated", path, key)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used < 10 {
		t.Fatalf("found only %d T() calls; the walk is broken", used)
	}
}

func TestSetLangAndT(t *testing.T) {
	defer SetLang(showroom.Russian)
	SetLang(showroom.English)
	if got := T("home.completeness", 40); got != "Profile 40 % complete" {
		t.Errorf("en: %q", got)
	}
	SetLang(showroom.Russian)
	if got := T("home.completeness", 40); got != "Данные заполнены на 40 %" {
		t.Errorf("ru: %q", got)
	}
	SetLang("de")
	if Lang() != showroom.Russian {
		t.Errorf("unknown language kept: %q", Lang())
	}
	if got := T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key: %q", got)
	}
}

func TestErrorText(t *testing.T) {
	defer SetLang(showroom.Russian)
	SetLang(showroom.English)
	generic := ErrorText(errors.New("disk I/O error at /secret/path"))
	if strings.Contains(generic, "secret") || generic == "" {
		t.Errorf("raw error leaked or empty: %q", generic)
	}
	e := showroom.Errorf(showroom.ENotFound, "", "not_found")
	SetLang(showroom.Russian)
	if got := ErrorText(e); got != e.Text(showroom.Russian) {
		t.Errorf("domain error: %q", got)
	}
}
