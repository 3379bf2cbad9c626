package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestConsentTexts(t *testing.T) {
	ru, en := Consent("ru"), Consent("en")
	if ru.Version != ConsentVersion || en.Version != ConsentVersion {
		t.Fatalf("versions %q / %q", ru.Version, en.Version)
	}
	for _, c := range []ConsentText{ru, en} {
		sum := sha256.Sum256([]byte(c.Text))
		if c.SHA256 != hex.EncodeToString(sum[:]) || len(c.SHA256) != 64 {
			t.Errorf("hash %q does not match the text", c.SHA256)
		}
		if !strings.Contains(c.Text, ConsentVersion) {
			t.Errorf("the text does not name its version")
		}
	}
	if ru.SHA256 == en.SHA256 {
		t.Error("Russian and English texts are the same")
	}
	for _, want := range []string{"152-ФЗ", "Рено Россия", "Цели обработки", "отозвать", "My Renault"} {
		if !strings.Contains(ru.Text, want) {
			t.Errorf("Russian text lacks %q", want)
		}
	}
	if Consent("de").SHA256 != ru.SHA256 {
		t.Error("an unknown language must get the Russian text")
	}
	if _, err := ConsentOf("pd-1999-01", "ru"); err == nil {
		t.Error("an unknown version must fail")
	}
}
