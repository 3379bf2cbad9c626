// Package assets embeds what the app ships besides code: translations of the
// user interface (Russian and English), the application icon, and — in its
// subfolders — the VIN tables the domain reads and the demo data generator's
// inputs.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed i18n/*.json
var i18n embed.FS

// Fonts holds DejaVu Sans, regular and bold, whose licence (fonts/LICENSE)
// allows embedding: full Cyrillic and the ruble sign ₽ for printed documents.
//
//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf fonts/LICENSE
var Fonts embed.FS

// Icon is the application icon (PNG), also named by FyneApp.toml.
//
//go:embed icon.png
var Icon []byte

// Translations returns the translation files, one JSON object of key → text
// per language, named after the language: ru.json, en.json.
func Translations() fs.FS {
	sub, err := fs.Sub(i18n, "i18n")
	if err != nil {
		panic(err) // the embedded folder exists by construction
	}
	return sub
}
