package printing

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/myrenault/showroom"
)

// glyphBox matches pdftotext -bbox's box of one word, in points.
var glyphBox = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">▌</word>`)

// TestHeadingBarsReadOnWhitePaper finds the bars before the Welcome Pack's
// section headings on the rendered page: they are dark grey, like the
// headings, not the programme's yellow, which white paper hardly shows.
func TestHeadingBarsReadOnWhitePaper(t *testing.T) {
	pdf, err := WelcomePackPDF(samplePack(), showroom.Russian)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "wp.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	boxes := glyphBox.FindAllStringSubmatch(string(out), -1)
	if len(boxes) != 2 {
		t.Fatalf("%d heading bars on the page, want 2", len(boxes))
	}
	f, err := os.Open(pages(t, pdf, "welcome-pack-headings")[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	const px = 150.0 / 72 // pages renders at 150 dpi; the boxes are in points
	for _, b := range boxes {
		var v [4]int
		for i := range v {
			x, _ := strconv.ParseFloat(b[i+1], 64)
			v[i] = int(x * px)
		}
		ink, dark := 0, 0
		for y := v[1]; y < v[3]; y++ {
			for x := v[0]; x < v[2]; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				r, g, b = r>>8, g>>8, b>>8
				switch {
				case r > 0xF0 && g > 0xF0 && b > 0xF0: // paper
				case r > b+0x30:
					t.Fatalf("the heading bar at %v is yellowish: #%02X%02X%02X at (%d, %d)", v, r, g, b, x, y)
				default:
					ink++
					if r < 0x50 && g < 0x50 && b < 0x50 {
						dark++
					}
				}
			}
		}
		if ink == 0 || dark < ink/2 {
			t.Errorf("the heading bar at %v: %d dark of %d inked pixels", v, dark, ink)
		}
	}
}
