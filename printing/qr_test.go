package printing

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// TestQRPNGIsGoQRCodesImage checks that the PNG written here has exactly the
// pixels of go-qrcode's own image at the same scale, so that writing it
// ourselves changed nothing on paper.
func TestQRPNGIsGoQRCodesImage(t *testing.T) {
	for _, payload := range []string{
		"https://portal.example.ru/activate/NB2HI4DTHIXS6MJRGIZTINJWG4",
		"a", // version 1, the smallest
		string(bytes.Repeat([]byte("MR1.K7QM-ABCD-EFGH-J.x9"), 30)),
	} {
		b, err := qrPNG(payload)
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%.20q: not a PNG: %v", payload, err)
		}
		if _, gray := got.(*image.Gray); !gray {
			t.Errorf("%.20q: decoded as %T, want greyscale", payload, got)
		}
		q, err := qrcode.New(payload, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		want := q.Image(-qrScale)
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%.20q: %v, want %v", payload, got.Bounds(), want.Bounds())
		}
		r := want.Bounds()
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				g, _, _, _ := got.At(x, y).RGBA()
				w, _, _, _ := want.At(x, y).RGBA()
				if g != w {
					t.Fatalf("%.20q: pixel (%d, %d) is %#x, go-qrcode draws %#x", payload, x, y, g, w)
				}
			}
		}
	}
}

// The compressors kept between QR codes are shared by documents made at
// the same time; the race detector watches this.
func TestQRPNGConcurrently(t *testing.T) {
	want, err := qrPNG("https://portal.example.ru/activate/X")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte)
	for range 8 {
		go func() {
			b, _ := qrPNG("https://portal.example.ru/activate/X")
			done <- b
		}()
	}
	for range 8 {
		if b := <-done; !bytes.Equal(b, want) {
			t.Error("a QR code made alongside others differs")
		}
	}
}
