package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/printing/cupstest"
	"github.com/myrenault/showroom/sync"
)

// The demo's showcase customer 0 and her car.
const (
	showcaseName = "Полина Игнатьева"
	showcaseVIN  = "VF1LZBR0542606589"
)

func runPrint(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"print"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

// pdfText and pdfQR read a saved PDF the way a person and a scanner do.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func pdfQR(t *testing.T, path string) string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	if b, err := exec.Command("pdftoppm", "-r", "150", "-png", "-singlefile", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	out, err := exec.Command("zbarimg", "--raw", "-q", prefix+".png").Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func outbox(t *testing.T, db *localdb.DB, typ string) []json.RawMessage {
	t.Helper()
	ms, err := db.PendingMutations(context.Background(), 10000)
	if err != nil {
		t.Fatal(err)
	}
	var out []json.RawMessage
	for _, m := range ms {
		if m.Type == typ {
			out = append(out, m.Data)
		}
	}
	return out
}

func TestPrintWelcomePack(t *testing.T) {
	a := openDemo(t)
	hits, err := a.DB.SearchCustomers(context.Background(), showcaseVIN, 5)
	if err != nil || len(hits) == 0 || hits[0].CustomerID == "" {
		t.Fatalf("showcase customer: %+v, %v", hits, err)
	}
	id := hits[0].CustomerID
	out := filepath.Join(t.TempDir(), "wp.pdf")
	stdout, stderr, code := runPrint(t, "welcome-pack", "--customer", id, "--data", a.Config.DataDir,
		"--portal", "https://portal.example.ru/", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "saved "+out) {
		t.Errorf("stdout %q", stdout)
	}
	txt := pdfText(t, out)
	for _, want := range []string{"Здравствуйте, " + showcaseName + "!", id, showcaseVIN, "Fluence", "8-800-200-80-80"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the Welcome Pack lacks %q", want)
		}
	}
	url := pdfQR(t, out)
	if !strings.HasPrefix(url, "https://portal.example.ru/activate/") || len(url) != len("https://portal.example.ru/activate/")+26 {
		t.Fatalf("QR code %q", url)
	}
	issued := outbox(t, a.DB, "welcome_pack.issue")
	if len(issued) != 1 {
		t.Fatalf("%d welcome_pack.issue mutations", len(issued))
	}
	if strings.Contains(string(issued[0]), url[strings.LastIndex(url, "/")+1:]) || !strings.Contains(string(issued[0]), id) {
		t.Errorf("the mutation %s must name the customer and hide the code", issued[0])
	}
}

// enrol writes the device file an enrolment leaves in the data folder.
func enrol(t *testing.T, dataDir string) sync.Device {
	t.Helper()
	_, key, err := showroom.NewDeviceKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	prefix, err := showroom.NewDevicePrefix(nil)
	if err != nil {
		t.Fatal(err)
	}
	d := sync.Device{PortalURL: "https://portal.example.ru", DeviceID: "dev-desk-1", Token: "secret-token",
		Dealer: showroom.Dealer{Code: "006122"}, Kind: "desk", CouponPrefix: prefix, SigningKey: key}
	if err := sync.SaveDevice(dataDir, d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPrintCoupon(t *testing.T) {
	a := openDemo(t)
	dev := enrol(t, a.Config.DataDir)
	out := filepath.Join(t.TempDir(), "coupon.pdf")
	_, stderr, code := runPrint(t, "coupon", "--offer", "KS200", "--vin", strings.ToLower(showcaseVIN),
		"--data", a.Config.DataDir, "--out", out, "--lang", "ru")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	txt := pdfText(t, out)
	for _, want := range []string{"Только для Вас: 200 ₽ на комплекс-сервис", "Для: " + showcaseName, "606589", "Код купона"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the coupon lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, showcaseVIN) {
		t.Error("the coupon shows the whole VIN")
	}

	// The QR verifies with the device's key, and the coupon is stored and
	// queued for the portal with the payload it printed.
	ctx := context.Background()
	pub := dev.SigningKey.Public().(ed25519.PublicKey)
	payload := pdfQR(t, out)
	claims, err := showroom.VerifyCoupon(pub, payload)
	if err != nil {
		t.Fatal(err)
	}
	if claims.VIN != showcaseVIN || claims.OfferID != "KS200" || !strings.Contains(txt, claims.Code) {
		t.Fatalf("claims %+v", claims)
	}
	prefix := dev.CouponPrefix
	if showroom.CouponPrefix(claims.Code) != prefix {
		t.Errorf("code %s lacks the device prefix %s", claims.Code, prefix)
	}
	c, err := a.DB.Coupon(ctx, claims.Code)
	if err != nil || c.VIN != showcaseVIN || c.OfferID != "KS200" || c.CustomerRef == "" || c.DeviceID != dev.DeviceID {
		t.Fatalf("stored coupon %+v, %v", c, err)
	}
	issued := outbox(t, a.DB, api.TypeCouponIssue)
	if len(issued) != 1 {
		t.Fatalf("%d coupon.issue mutations", len(issued))
	}
	var m api.CouponIssue
	if err := json.Unmarshal(issued[0], &m); err != nil || m.Code != claims.Code || m.Payload != payload ||
		m.VIN != showcaseVIN || m.OfferID != "KS200" || m.CustomerKey == (api.CustomerKey{}) || !m.IssuedAt.Equal(claims.IssuedAt) {
		t.Errorf("coupon.issue %s", issued[0])
	}
	if _, err := a.DB.Setting(ctx, "device.coupon_key"); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Error("the signing key is kept in the store")
	}

	// A second coupon: same device prefix and key, another code.
	out2 := filepath.Join(t.TempDir(), "coupon2.pdf")
	if _, stderr, code := runPrint(t, "coupon", "--offer", "KS200", "--vin", showcaseVIN, "--data", a.Config.DataDir,
		"--out", out2, "--lang", "en"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	second, err := showroom.VerifyCoupon(pub, pdfQR(t, out2))
	if err != nil || second.Code == claims.Code || showroom.CouponPrefix(second.Code) != prefix {
		t.Fatalf("second coupon %+v, %v", second, err)
	}
	if !strings.Contains(pdfText(t, out2), "Coupon code") {
		t.Error("the English coupon is not in English")
	}
}

func TestPrintErrors(t *testing.T) {
	a := openDemo(t)
	dir := a.Config.DataDir
	_, stderr, code := runPrint(t, "coupon", "--offer", "KS200", "--vin", showcaseVIN, "--data", dir, "--lang", "ru")
	if code != 1 || !strings.Contains(stderr, "Сначала подключите устройство: showroom enroll") {
		t.Errorf("a device that is not enrolled: exit %d, %q", code, stderr)
	}
	enrol(t, dir)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"welcome-pack", "--data", dir}, 2, "--customer is required"},
		{[]string{"coupon", "--offer", "KS200", "--data", dir}, 2, "--vin is required"},
		{[]string{"coupon", "--offer", "KS200", "--vin", showcaseVIN, "--data", dir, "--lang", "de"}, 2, "choose ru or en"},
		{[]string{"poster"}, 2, "unknown document"},
		{[]string{"welcome-pack", "--customer", "nobody", "--data", dir, "--portal", "https://p.example.ru"}, 1, "customer nobody: Not found."},
		{[]string{"coupon", "--offer", "NOPE", "--vin", showcaseVIN, "--data", dir}, 1, `no offer "NOPE"`},
		{[]string{"coupon", "--offer", "OIL1990", "--vin", showcaseVIN, "--data", dir}, 1, "Предложение не распространяется на модель Fluence."},
		{[]string{"coupon", "--offer", "KS200", "--vin", "VF1AAAAAAAAAAAAAA", "--data", dir}, 1, "Not found."},
		{[]string{"coupon", "--offer", "KS200", "--vin", showcaseVIN, "--data", filepath.Join(dir, "missing")}, 1, "no store in the data folder"},
	} {
		_, stderr, code := runPrint(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing data folder was created")
	}
}

// TestPrintKeepsThePDFWhenCUPSIsDown prints to a CUPS that does not run: the
// person reads why in Russian, and the PDF is saved.
func TestPrintKeepsThePDFWhenCUPSIsDown(t *testing.T) {
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	t.Setenv("CUPS_SERVER", filepath.Join(t.TempDir(), "no-cups.sock"))
	out := filepath.Join(t.TempDir(), "coupon.pdf")
	_, stderr, code := runPrint(t, "coupon", "--offer", "KS200", "--vin", showcaseVIN, "--data", a.Config.DataDir,
		"--out", out, "--printer", "desk")
	if code != 1 || !strings.Contains(stderr, "Служба печати не запущена") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("the PDF was not kept: %v", err)
	}
}

// TestPrintOnACUPSQueue prints the showcase customer's Welcome Pack and a
// coupon of her car by the command line onto queues of a real cupsd: each
// printer receives, byte for byte, the PDF the command kept, and the
// command names the job.
func TestPrintOnACUPSQueue(t *testing.T) {
	cups := cupstest.Start(t)
	cups.AddQueue(t, "reception", cups.Out("reception.pdf"))
	cups.AddQueue(t, "service-desk", cups.Out("service-desk.pdf"))
	a := openDemo(t)
	enrol(t, a.Config.DataDir)
	hits, err := a.DB.SearchCustomers(context.Background(), showcaseVIN, 5)
	if err != nil || len(hits) == 0 || hits[0].CustomerID == "" {
		t.Fatalf("showcase customer: %+v, %v", hits, err)
	}

	for _, tt := range []struct {
		queue, out string
		args       []string
		text       string
	}{
		{"reception", "wp.pdf", []string{"welcome-pack", "--customer", hits[0].CustomerID}, "Здравствуйте, " + showcaseName + "!"},
		{"service-desk", "coupon.pdf", []string{"coupon", "--offer", "KS200", "--vin", showcaseVIN}, "Код купона"},
	} {
		out := filepath.Join(t.TempDir(), tt.out)
		stdout, stderr, code := runPrint(t, append(tt.args, "--data", a.Config.DataDir, "--out", out, "--printer", tt.queue)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.args[0], code, stderr)
		}
		if !strings.Contains(stdout, "saved "+out) || !strings.Contains(stdout, "printed on "+tt.queue+" as job "+tt.queue+"-") {
			t.Errorf("%s: stdout %q", tt.args[0], stdout)
		}
		kept, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%s: the PDF was not kept: %v", tt.args[0], err)
		}
		printed, err := os.ReadFile(cups.Out(tt.queue + ".pdf"))
		if err != nil {
			t.Fatalf("%s: nothing reached %s: %v", tt.args[0], tt.queue, err)
		}
		if !bytes.Equal(printed, kept) {
			t.Fatalf("%s: %s printed %d bytes, not the kept PDF's %d", tt.args[0], tt.queue, len(printed), len(kept))
		}
		if txt := pdfText(t, cups.Out(tt.queue+".pdf")); !strings.Contains(txt, tt.text) {
			t.Errorf("%s: the printed document lacks %q", tt.args[0], tt.text)
		}
	}
}
