// Package ui holds what the staff and kiosk windows share: the translation
// catalogue, the programme's theme and the mapping of errors to sentences a
// person can act on. The screens live in ui/staff and ui/kiosk.
//
// Fyne's own lang package picks one language at start-up from the system
// locale; a kiosk must switch between Russian and English with one tap, so
// the app keeps its own small catalogue with a current language.
package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync/atomic"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
)

var (
	catalogues = mustLoad(assets.Translations())
	current    atomic.Value // showroom.Lang
)

func init() { current.Store(showroom.Russian) }

func mustLoad(fsys fs.FS) map[showroom.Lang]map[string]string {
	out := map[showroom.Lang]map[string]string{}
	for _, l := range []showroom.Lang{showroom.Russian, showroom.English} {
		b, err := fs.ReadFile(fsys, string(l)+".json")
		if err != nil {
			panic(fmt.Sprintf("ui: translations for %s missing: %v", l, err))
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("ui: translations for %s broken: %v", l, err))
		}
		out[l] = m
	}
	return out
}

// SetLang chooses the language of every text the UI renders from now on.
// Unknown languages fall back to Russian, the programme's language.
func SetLang(l showroom.Lang) {
	if _, ok := catalogues[l]; !ok {
		l = showroom.Russian
	}
	current.Store(l)
}

// Lang is the current UI language.
func Lang() showroom.Lang { return current.Load().(showroom.Lang) }

// T returns the text for key in the current language, formatted with args
// when any are given. A key missing from the catalogue is returned as is, so
// a slip shows on screen instead of an empty label; a test keeps both
// catalogues complete.
func T(key string, args ...any) string {
	s, ok := catalogues[Lang()][key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// ErrorText is the one mapping of an error to a sentence for people: a
// domain error speaks for itself in the current language; anything else
// becomes the generic "something went wrong" text, and the raw error belongs
// in the log, not on screen.
func ErrorText(err error) string {
	var e *showroom.Error
	if errors.As(err, &e) {
		return e.Text(Lang())
	}
	return (&showroom.Error{Code: showroom.EInternal}).Text(Lang())
}
