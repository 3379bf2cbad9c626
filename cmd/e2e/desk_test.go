//go:build e2e

package e2e

import (
	"bytes"
	"crypto/ed25519"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/sync"
)

// The staff window's layout at 1280×800, as docs/desk-screenshots.sh
// works it out: the sign-in's list and PIN, the list's rows, the lock
// button, and the first «Печать купона» of the offers.
const (
	signInWho, signInPIN = 307, 346
	signInFirstRow, row  = 342, 39
	lockX, lockY         = 1198, 737
	couponX, couponY     = 668, 208
)

const adminPIN = "246810"

// staffMember is one line of "showroom staff list", whose order is the
// sign-in's.
type staffMember struct {
	id, role, name string
	index          int
}

// deskStaff gives the first sales manager and the first service advisor
// of the desk's staff a PIN each.
func (w *world) deskStaff() (sales, service staffMember) {
	out := w.run("", "showroom", "staff", "list", "--data", w.deskDir)
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			w.fail("staff list line %q", line)
		}
		m := staffMember{id: f[0], role: f[1], name: f[2], index: i}
		if m.role == "sales" && sales.id == "" {
			sales = m
		}
		if m.role == "service" && service.id == "" {
			service = m
		}
	}
	if sales.id == "" || service.id == "" {
		w.fail("the desk has no sales manager or service advisor from the portal:\n%s", out)
	}
	w.run(salesPIN+"\n", "showroom", "staff", "pin", "--id", sales.id, "--data", w.deskDir)
	w.run(servicePIN+"\n", "showroom", "staff", "pin", "--id", service.id, "--data", w.deskDir)
	return sales, service
}

const (
	salesPIN   = "135790"
	servicePIN = "802468"
)

// signIn chooses the member in the sign-in's list and types their PIN.
func (w *world) signIn(m staffMember, pin string) {
	before := strings.Count(w.deskProc.output(), `"staff signed in"`)
	w.tap(screenW/2, signInWho)
	w.tap(screenW/2-80, signInFirstRow+m.index*row)
	w.tap(screenW/2-20, signInPIN)
	w.typ(pin)
	w.x("key", "Return")
	// The PIN's slow hash takes its time, more with the race detector: the
	// desk says when the member is in, and the search box has the focus
	// a moment later.
	w.waitFor("the desk signs "+m.role+" in", 30*time.Second, func() (bool, error) {
		return strings.Count(w.deskProc.output(), `"staff signed in"`) > before, nil
	})
	time.Sleep(time.Second)
}

func (w *world) key(keys ...string) {
	w.x(append([]string{"key"}, keys...)...)
	time.Sleep(600 * time.Millisecond)
}

// freeCar is a car of the factory registry in nobody's garage, with its
// engine number.
func (w *world) freeCar() (vin, engine string) {
	s, err := query(w.portalDB, `SELECT vin || ' ' || json_extract(data, '$.engine_number') FROM registry
		WHERE vin NOT IN (SELECT vin FROM vehicles WHERE vin IS NOT NULL)
		AND json_extract(data, '$.engine_number') NOT LIKE '%*%' ORDER BY vin LIMIT 1`)
	w.check(err, "choosing a car of the registry")
	f := strings.Fields(s)
	if len(f) != 2 {
		w.fail("no free car in the registry: %q", s)
	}
	return f[0], f[1]
}

// Step 3: at the desk the sales manager signs in, finds the customer who
// registered at the kiosk, hands her a car with its VIN and engine number
// and prints her Welcome Pack; the service advisor prints her a coupon.
// Both go to a real CUPS queue, and the printed files are the PDFs kept,
// whose QR codes say what they should.
func (w *world) deskWork() {
	w.begin("3 staff desk: handover, Welcome Pack and coupon")
	cups := startCUPS(w.harness)
	queue := cups.addQueue("reception")
	w.use(w.deskScreen, "CUPS_SERVER="+cups.socket)

	code := strings.TrimSpace(w.run("", "portal", "enroll-code", "--db", w.portalDB, "--dealer", dealer))
	w.run(adminPIN+"\n", "showroom", "enroll", "--portal", w.url, "--code", code, "--kind", "desk",
		"--name", "Стойка продаж", "--admin", "Марат Рыбаков", "--data", w.deskDir)
	w.run("", "showroom", "sync", "--data", w.deskDir)
	sales, service := w.deskStaff()
	customerID, err := query(w.deskDB(), `SELECT customer_id FROM customers WHERE email = ?`, email1)
	w.check(err, "reading the desk's store")
	if customerID == "" {
		w.fail("the desk does not know %s's customer ID after a sync", email1)
	}
	vin, engine := w.freeCar()

	w.deskProc = w.start("showroom", "--data", w.deskDir)
	w.waitWindow(w.deskProc)
	w.shot("desk-signin")
	w.signIn(sales, salesPIN)
	w.shot("desk-signed-in")

	// The customer, found by her e-mail.
	w.typ("e2e.ignatieva")
	time.Sleep(time.Second)
	w.key("Down")
	w.key("Return")
	time.Sleep(time.Second)
	w.shot("desk-customer")

	// The handover: the car by its VIN, the customer, the engine number,
	// a retail sale, then the Welcome Pack on the desk's only printer.
	w.key("ctrl+2")
	w.typ(vin)
	w.key("Return")
	w.typ("e2e.ignatieva")
	time.Sleep(time.Second)
	w.key("Tab")
	w.key("space")
	w.key("ctrl+a")
	w.typ(engine)
	w.shot("desk-handover-car")
	w.key("Return")
	w.key("space") // a retail sale: recorded
	time.Sleep(time.Second)
	w.shot("desk-handover-done")
	w.key("space") // «Печать Welcome Pack»
	time.Sleep(2 * time.Second)
	w.shot("desk-welcome-pack-print")
	w.key("space") // «Печать» on the queue shown
	pack := filepath.Join(w.deskDir, "printed", "welcome-pack-"+customerID+".pdf")
	printed := w.printedAs(queue, pack, "the Welcome Pack")
	w.shot("desk-welcome-pack-printed")
	if !bytes.HasPrefix(printed, []byte("%PDF-")) {
		w.fail("the printer got no PDF")
	}
	if n, err := query(w.deskDB(), `SELECT count(*) FROM vehicles v JOIN customers c ON c.id = v.customer
		WHERE c.email = ? AND v.vin = ? AND v.engine_number = ?`, email1, vin, engine); err != nil || n != "1" {
		w.fail("the car is not in her garage at the desk: %s %v", n, err)
	}
	// The Welcome Pack's QR code opens the portal's activation page.
	link := w.qr(pack, "welcome-pack")
	if !strings.HasPrefix(link, w.url+"/activate/") {
		w.fail("the Welcome Pack's QR code says %q, not this portal's activation page", link)
	}
	resp, err := http.Get(link)
	w.check(err, "opening the Welcome Pack's link")
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	os.WriteFile(filepath.Join(w.artefacts, "activate-page.html"), page, 0o644)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Здравствуйте, Полина!") {
		w.fail("the activation page answered %s without greeting the customer:\n%s", resp.Status, page)
	}

	// The portal verifies the engine number against its registry; the
	// desk learns it from the feed, and only then are there offers.
	w.waitFor("the portal verifies the car and the desk learns it", 90*time.Second, func() (bool, error) {
		s, err := query(w.deskDB(), `SELECT verified FROM vehicles WHERE vin = ?`, vin)
		return s == "1", err
	})

	// The service advisor's turn: a coupon for the same customer.
	w.tap(lockX, lockY)
	w.signIn(service, servicePIN)
	w.typ("e2e.ignatieva")
	time.Sleep(time.Second)
	w.key("Down")
	w.key("Return")
	time.Sleep(2 * time.Second)
	w.key("alt+7") // «Мои предложения»
	time.Sleep(time.Second)
	w.shot("desk-offers")
	w.tap(couponX, couponY) // the first offer's «Печать купона»
	time.Sleep(2 * time.Second)
	w.shot("desk-coupon-print")
	w.key("space")
	var couponPath string
	w.waitFor("the coupon's PDF is kept", 60*time.Second, func() (bool, error) {
		files, err := filepath.Glob(filepath.Join(w.deskDir, "printed", "coupon-*.pdf"))
		if len(files) == 1 {
			couponPath = files[0]
		}
		return len(files) == 1, err
	})
	w.printedAs(queue, couponPath, "the coupon")
	w.shot("desk-coupon-printed")
	dev, err := sync.LoadDevice(w.deskDir)
	w.check(err, "reading the desk's device file")
	claims, err := showroom.VerifyCoupon(dev.SigningKey.Public().(ed25519.PublicKey), w.qr(couponPath, "coupon"))
	if err != nil {
		w.fail("the coupon's QR code does not verify with the desk's key: %v", err)
	}
	wantCode := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(couponPath), "coupon-"), ".pdf")
	if claims.VIN != vin || claims.Code != wantCode {
		w.fail("the coupon's QR code names %s for VIN %s, not %s for %s", claims.Code, claims.VIN, wantCode, vin)
	}
	w.waitFor("the portal has the coupon", 60*time.Second, func() (bool, error) {
		s, err := query(w.portalDB, `SELECT count(*) FROM coupons WHERE code = ?`, wantCode)
		return s == "1", err
	})
	w.deskProc.stop()
}

func (w *world) deskDB() string { return filepath.Join(w.deskDir, "showroom.db") }

// printedAs waits for the queue's next job and checks that it is the kept
// PDF, byte for byte.
func (w *world) printedAs(q *cupsQueue, kept, what string) []byte {
	var job []byte
	w.waitFor(what+" is printed", 90*time.Second, func() (bool, error) {
		job = q.take()
		return job != nil, nil
	})
	pdf, err := os.ReadFile(kept)
	w.check(err, "reading the kept PDF of "+what)
	os.WriteFile(filepath.Join(w.artefacts, filepath.Base(kept)), pdf, 0o644)
	if !bytes.Equal(job, pdf) {
		w.fail("the printer got %d bytes for %s, the kept PDF %s has %d", len(job), what, kept, len(pdf))
	}
	return job
}

// qr renders a PDF's first page and decodes its QR code.
func (w *world) qr(pdf, name string) string {
	prefix := filepath.Join(w.artefacts, name)
	if out, err := exec.Command("pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, prefix).CombinedOutput(); err != nil {
		w.fail("pdftoppm %s: %v\n%s", pdf, err, out)
	}
	pages, _ := filepath.Glob(prefix + "*.png")
	if len(pages) == 0 {
		w.fail("pdftoppm made no page of %s", pdf)
	}
	out, err := exec.Command("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", pages[0]).Output()
	if err != nil {
		w.fail("no QR code found on %s: %v", pages[0], err)
	}
	return strings.TrimSpace(string(out))
}
