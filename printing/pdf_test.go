package printing

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// renderDir, when set (go test -args -render DIR), receives the first page
// of each rendered document as a PNG, to look at or to update docs/.
var renderDir = flag.String("render", "", "save the rendered first pages as PNG files in this folder")

const offerTitle = "Только для Вас: 200 ₽ на комплекс-сервис"

func samplePack() WelcomePack {
	return WelcomePack{
		Customer: showroom.Customer{ID: "70012345", Personal: showroom.PersonalData{
			FirstName: "Полина", LastName: "Игнатьева"}},
		Vehicle: showroom.Vehicle{Model: "Fluence", Version: "1.6 16V 114 л.с. Privilège",
			VIN: "VF1LZBR0542606589"},
		Dealer: showroom.Dealer{Code: "006122", Name: "Автомир-Екатеринбург", City: "Екатеринбург",
			Address: "ул. Металлургов, 67", Phone: "+7 343 222-22-22"},
		ActivationURL: "https://portal.example.ru/activate/NB2HI4DTHIXS6MJRGIZTINJWG4",
	}
}

func sampleCoupon(t testing.TB) (CouponSheet, []byte) {
	pub, priv, err := showroom.NewDeviceKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	code, err := showroom.NewCouponCode("K7QM", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := showroom.Coupon{Code: code, OfferID: "KS200", VIN: "VF1LZBR0542606589",
		IssuedAt: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	return CouponSheet{
		Offer: showroom.Offer{ID: "KS200", Title: offerTitle, Value: "200 ₽",
			Conditions: "Скидка 200 ₽ на любую работу по программе «Комплекс-сервис» у официального дилера Renault. Не суммируется с другими предложениями.",
			ValidFrom:  from, ValidTo: from.AddDate(0, 2, 0).Add(-time.Second)},
		Coupon:   c,
		Customer: samplePack().Customer,
		Vehicle:  samplePack().Vehicle,
		Dealer:   samplePack().Dealer,
		Payload:  showroom.SignCoupon(priv, c),
	}, pub
}

// pdfText extracts the text of a PDF with the layout kept.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pages renders every page at 150 dpi and returns the PNG files.
func pages(t *testing.T, pdf []byte, name string) []string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-png", path, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, name+"*.png"))
	sort.Strings(pngs)
	if len(pngs) == 0 {
		t.Fatal("no page rendered")
	}
	if *renderDir != "" {
		b, err := os.ReadFile(pngs[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*renderDir, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pngs
}

// qrCodes decodes every QR code on the pages.
func qrCodes(t *testing.T, pngs []string) []string {
	t.Helper()
	var codes []string
	for _, p := range pngs {
		var out bytes.Buffer
		cmd := exec.Command("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", p)
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("zbarimg %s: %v", filepath.Base(p), err)
		}
		for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
			if line != "" {
				codes = append(codes, line)
			}
		}
	}
	return codes
}

// flat joins the words of extracted text with single spaces, so that a
// phrase is found wherever the layout broke its line.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestWelcomePackPDF(t *testing.T) {
	w := samplePack()
	for _, tt := range []struct {
		lang showroom.Lang
		want []string
	}{
		{showroom.Russian, []string{"Здравствуйте, Полина Игнатьева!", "Ваш логин (номер клиента)", "70012345",
			"Fluence", "1.6 16V 114 л.с. Privilège", "VF1LZBR0542606589", "Автомир-Екатеринбург",
			"ул. Металлургов, 67", "+7 343 222-22-22", "8-800-200-80-80",
			"Индивидуальные подарки и эксклюзивные предложения.", "«У меня есть логин и пароль»"}},
		{showroom.English, []string{"Hello, Полина Игнатьева!", "Your login (customer ID)", "70012345",
			"Model Renault Fluence", "Version 1.6 16V 114 л.с. Privilège", "VIN VF1LZBR0542606589",
			"The password for your first sign-in is your car's VIN.",
			"1. Open the My Renault website or scan the QR code on this sheet.",
			"2. Choose “I have a login and password”.",
			"3. Enter the login (your customer ID) and the password (your car's VIN).",
			"4. Check your details and add the car to “My virtual garage”.",
			"Автомир-Екатеринбург", "Екатеринбург, ул. Металлургов, 67", "Phone +7 343 222-22-22",
			"8-800-200-80-80", "Personal gifts and exclusive offers."}},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			pdf, err := WelcomePackPDF(w, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			txt := flat(pdfText(t, pdf))
			for _, s := range tt.want {
				if !strings.Contains(txt, s) {
					t.Errorf("text lacks %q:\n%s", s, txt)
				}
			}
			png := pages(t, pdf, "welcome-pack-"+string(tt.lang))
			if len(png) != 1 {
				t.Errorf("%d pages, want 1", len(png))
			}
			if got := qrCodes(t, png); len(got) != 1 || got[0] != w.ActivationURL {
				t.Errorf("QR codes %q, want [%q]", got, w.ActivationURL)
			}
		})
	}
}

func TestCouponPDF(t *testing.T) {
	c, pub := sampleCoupon(t)
	for _, tt := range []struct {
		lang showroom.Lang
		want []string
	}{
		{showroom.Russian, []string{offerTitle, "200 ₽", "Для: Полина Игнатьева", "Код купона", c.Coupon.Code,
			"с 01.11.2026 по 31.12.2026", "Renault Fluence", "•••••••••••606589", "«Комплекс-сервис»",
			"8-800-200-80-80", "Автомир-Екатеринбург"}},
		{showroom.English, []string{offerTitle, "200 ₽", "For: Полина Игнатьева", "Coupon code", c.Coupon.Code,
			"from 1 Nov 2026 to 31 Dec 2026", "•••••••••••606589"}},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			pdf, err := CouponPDF(c, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			txt := flat(pdfText(t, pdf))
			for _, s := range tt.want {
				if !strings.Contains(txt, s) {
					t.Errorf("text lacks %q:\n%s", s, txt)
				}
			}
			if strings.Contains(txt, c.Vehicle.VIN) || strings.Contains(txt, c.Vehicle.VIN[:11]) {
				t.Errorf("the coupon shows the full VIN")
			}
			png := pages(t, pdf, "coupon-"+string(tt.lang))
			got := qrCodes(t, png)
			if len(got) != 1 || got[0] != c.Payload {
				t.Fatalf("QR codes %q, want [%q]", got, c.Payload)
			}
			claims, err := showroom.VerifyCoupon(pub, got[0])
			if err != nil {
				t.Fatal(err)
			}
			if claims.Code != c.Coupon.Code || claims.VIN != c.Vehicle.VIN || claims.OfferID != "KS200" {
				t.Errorf("claims %+v", claims)
			}
		})
	}
}

// Documents made at the same time share the PDF library's compressors,
// and each makes the subsets of its two fonts side by side: every document
// must still carry its own customer, letters and code. The race detector
// watches the sharing.
func TestDocumentsConcurrently(t *testing.T) {
	names := []string{"Жанна Щукина", "Эдуард Юсупов", "Фёдор Цой", "Ярослава Шмидт", "Zoë Quinn", "Хасан Ёлкин"}
	type result struct {
		name, code string
		coupon     []byte
		pack       []byte
		err        error
	}
	results := make(chan result)
	for _, name := range names {
		go func() {
			c, _ := sampleCoupon(t)
			first, last, _ := strings.Cut(name, " ")
			c.Customer.Personal = showroom.PersonalData{FirstName: first, LastName: last}
			w := samplePack()
			w.Customer.Personal = c.Customer.Personal
			r := result{name: name, code: c.Coupon.Code}
			if r.coupon, r.err = CouponPDF(c, showroom.Russian); r.err == nil {
				r.pack, r.err = WelcomePackPDF(w, showroom.Russian)
			}
			results <- r
		}()
	}
	for range names {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		coupon, pack := flat(pdfText(t, r.coupon)), flat(pdfText(t, r.pack))
		if !strings.Contains(coupon, "Для: "+r.name) || !strings.Contains(coupon, r.code) {
			t.Errorf("coupon of %s (%s) reads:\n%s", r.name, r.code, coupon)
		}
		if !strings.Contains(pack, "Здравствуйте, "+r.name+"!") {
			t.Errorf("Welcome Pack of %s reads:\n%s", r.name, pack)
		}
		for _, other := range names {
			if other != r.name && (strings.Contains(coupon, other) || strings.Contains(pack, other)) {
				t.Errorf("the documents of %s show %s", r.name, other)
			}
		}
	}
}

func TestDocumentsNeedTheirCodes(t *testing.T) {
	w := samplePack()
	w.Customer.ID = ""
	if _, err := WelcomePackPDF(w, showroom.Russian); showroom.ErrorCode(err) != showroom.EInvalid {
		t.Errorf("no customer ID: %v", err)
	}
	w = samplePack()
	w.ActivationURL = ""
	if _, err := WelcomePackPDF(w, showroom.Russian); showroom.ErrorCode(err) != showroom.EInvalid {
		t.Errorf("no activation URL: %v", err)
	}
	c, _ := sampleCoupon(t)
	c.Payload = ""
	if _, err := CouponPDF(c, showroom.Russian); showroom.ErrorCode(err) != showroom.EInvalidCoupon {
		t.Errorf("no payload: %v", err)
	}
}

func TestMaskVIN(t *testing.T) {
	for in, want := range map[string]string{"VF1LZBR0542606589": "•••••••••••606589", "606589": "606589", "": ""} {
		if got := MaskVIN(in); got != want {
			t.Errorf("MaskVIN(%q) = %q, want %q", in, got, want)
		}
	}
}
