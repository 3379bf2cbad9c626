package printing

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/myrenault/showroom"
)

// TestDocumentsEmbedTheirFonts reads the fonts of both documents in both
// languages with pdffonts: the regular and the bold DejaVu are embedded,
// and no font is left to the printer or viewer, which would print the
// Cyrillic and the ₽ sign in whatever it has, or not at all.
func TestDocumentsEmbedTheirFonts(t *testing.T) {
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Fatal("pdffonts is not installed: make deps installs poppler-utils")
	}
	coupon, _ := sampleCoupon(t)
	for _, lang := range []showroom.Lang{showroom.Russian, showroom.English} {
		welcome, err := WelcomePackPDF(samplePack(), lang)
		if err != nil {
			t.Fatal(err)
		}
		couponPDF, err := CouponPDF(coupon, lang)
		if err != nil {
			t.Fatal(err)
		}
		for name, pdf := range map[string][]byte{"welcome-pack": welcome, "coupon": couponPDF} {
			name += "-" + string(lang)
			path := filepath.Join(t.TempDir(), name+".pdf")
			if err := os.WriteFile(path, pdf, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdffonts", path).Output()
			if err != nil {
				t.Fatalf("pdffonts %s: %v", name, err)
			}
			// name, type, encoding, emb, sub, uni, object number and
			// generation; the type has a space ("CID TrueType").
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 3 {
				t.Fatalf("%s: no fonts:\n%s", name, out)
			}
			fonts := map[string]bool{}
			for _, l := range lines[2:] {
				f := strings.Fields(l)
				if len(f) < 7 {
					t.Fatalf("%s: pdffonts line %q", name, l)
				}
				emb := f[len(f)-5]
				fonts[f[0]] = true
				if !strings.Contains(strings.ToLower(f[0]), "dejavu") || emb != "yes" {
					t.Errorf("%s: font %s is not an embedded DejaVu (emb %s)", name, f[0], emb)
				}
			}
			if len(fonts) != 2 {
				t.Errorf("%s: fonts %v, want DejaVu regular and bold", name, fonts)
			}
		}
	}
}
