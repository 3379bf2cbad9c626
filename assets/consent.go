package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
)

//go:embed consent/*.txt
var consents embed.FS

// ConsentVersion is the version of the consent to the processing of
// personal data that the kiosk and the desk show now. A new wording gets a
// new version and new files; old ones stay, since consents given to them
// name them.
const ConsentVersion = "pd-2026-01"

// ConsentText is one language's text of a versioned consent, with the
// SHA-256 (hex) of exactly the bytes shown, which the consent record keeps.
type ConsentText struct {
	Version string
	Text    string
	SHA256  string
}

// Consent returns the current consent text in lang ("ru" or "en"); any
// other language gets the Russian text, the legally binding one.
func Consent(lang string) ConsentText {
	c, err := ConsentOf(ConsentVersion, lang)
	if err != nil {
		panic(err) // the current version is embedded by construction
	}
	return c
}

// ConsentOf returns the text of a given version in lang, or an error when
// that version is not embedded.
func ConsentOf(version, lang string) (ConsentText, error) {
	if lang != "en" {
		lang = "ru"
	}
	b, err := consents.ReadFile("consent/" + version + "." + lang + ".txt")
	if err != nil {
		return ConsentText{}, fmt.Errorf("consent %s (%s): %w", version, lang, err)
	}
	sum := sha256.Sum256(b)
	return ConsentText{Version: version, Text: string(b), SHA256: hex.EncodeToString(sum[:])}, nil
}
