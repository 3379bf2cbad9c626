//go:build e2e

package e2e

import (
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const dealer = "006122" // the demo dealer, Автомир-Екатеринбург

// world is the run's portal and devices.
type world struct {
	*harness
	port      int
	url       string
	portalDB  string
	mailDir   string
	portal    *proc
	kioskDir  string
	deskDir   string
	kioskProc *proc
	deskProc  *proc
	// The kiosk's touchscreen and the sales desk's screen.
	kioskScreen, deskScreen string
}

func TestEndToEnd(t *testing.T) {
	h := newHarness(t)
	w := &world{harness: h, port: freePort(t)}
	w.url = fmt.Sprintf("http://127.0.0.1:%d", w.port)
	w.portalDB = filepath.Join(h.work, "portal.db")
	w.mailDir = filepath.Join(h.work, "mail")
	w.kioskDir = filepath.Join(h.work, "kiosk")
	w.deskDir = filepath.Join(h.work, "desk")

	w.kioskScreen, w.deskScreen = h.display, h.startXvfb()

	h.begin("0 setup: portal and kiosk")
	w.startPortal(true)
	w.enrol(w.kioskDir, "kiosk")

	w.kioskRegistration()
	w.confirmByMail()
	w.deskWork()
	w.use(w.kioskScreen)
	w.registrationThroughOutage()
}

// startPortal starts `portal serve` on the run's port and waits until it
// listens.
func (w *world) startPortal(demo bool) {
	args := []string{"serve", "--addr", fmt.Sprintf("127.0.0.1:%d", w.port), "--db", w.portalDB,
		"--public-url", w.url, "--mail-dir", w.mailDir}
	if demo {
		args = append(args, "--demo")
	}
	w.portal = w.start("portal", args...)
	w.waitFor("the portal listens", 2*time.Minute, func() (bool, error) {
		if !w.portal.running() {
			w.fail("the portal stopped:\n%s", w.portal.output())
		}
		return strings.Contains(w.portal.output(), `"portal listening"`), nil
	})
}

// enrol enrols a device folder with the portal by a one-time code.
func (w *world) enrol(dir, kind string) {
	code := strings.TrimSpace(w.run("", "portal", "enroll-code", "--db", w.portalDB, "--dealer", dealer))
	w.run("", "showroom", "enroll", "--portal", w.url, "--code", code, "--kind", kind, "--data", dir)
}

// The kiosk's layout at 1280×800, as docs/kiosk-screenshots.sh works it
// out: the three columns of a form, its rows, the buttons beside the
// keyboard, the centred buttons of a screen without a keyboard.
var (
	col2, col3 = screenW / 2, screenW * 5 / 6
	row1       = 184
	side, next = screenW - 140, screenH - 279
	mid        = (100 + screenH) / 2
	bottom     = screenH - 42
	right      = screenW/2 + 152
)

// ru types Russian on the kiosk's own ЙЦУКЕН keyboard, tap by tap: keys
// are 72 units wide with 5.6 between them; the rows are centred in the
// room the buttons beside the keyboard leave.
func (w *world) ru(s string) {
	rows := [][]rune{[]rune("йцукенгшщзхъ"), []rune("фывапролджэ"), []rune("ячсмитьбюё")}
	indent := []int{19, 58, 116}
	x0 := (screenW*10 - 2856 - 9644) / 20
	for _, c := range s {
		l := []rune(strings.ToLower(string(c)))[0]
		if l != c {
			w.tap(x0+55, screenH-31-62) // ⇧ for a capital
		}
		found := false
		for r, row := range rows {
			for j, k := range row {
				if k == l {
					w.x("mousemove", fmt.Sprint(x0+indent[r]+36+j*776/10), fmt.Sprint(screenH-31-(3-r)*62), "click", "1")
					time.Sleep(150 * time.Millisecond)
					found = true
				}
			}
		}
		if !found {
			w.fail("no key %q on the kiosk's keyboard", c)
		}
	}
}

// openKiosk starts the kiosk window on its enrolled data folder.
func (w *world) openKiosk() {
	// The longest idle timeout: the kiosk waits on its congratulations
	// screen while the desk works, and its reset would move the next tap.
	w.kioskProc = w.start("showroom", "--kiosk", "--kiosk-idle", "600", "--data", w.kioskDir)
	w.waitWindow(w.kioskProc)
}

// registerAtKiosk fills the registration form as a customer does: the
// names on the on-screen keyboard, the e-mail typed; then the consent and
// the preferences. before runs between the form and its submission.
func (w *world) registerAtKiosk(last, first, email, tag string, before func()) {
	w.tap(col2, mid-50) // Зарегистрироваться
	w.ru(last)
	w.tap(col2, row1)
	w.ru(first)
	w.tap(col3, row1)
	w.typ(email)
	w.shot(tag + "-form")
	if before != nil {
		before()
	}
	w.tap(side, next) // Далее
	w.shot(tag + "-consent")
	w.tap(right, bottom) // Согласен
	w.shot(tag + "-preferences")
	w.tap(right, bottom) // Зарегистрироваться
	time.Sleep(time.Second)
	shot := w.shot(tag + "-congratulations")
	// The congratulations screen is the one with the QR code to the
	// portal, which carries nothing but the portal's address.
	w.waitFor("the congratulations screen with its QR code to the portal", 10*time.Second, func() (bool, error) {
		out, err := exec.Command("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", shot).Output()
		if got := strings.TrimSpace(string(out)); err == nil && got != w.url {
			w.fail("the congratulations screen's QR code says %q, not the portal's address %s", got, w.url)
		}
		if err != nil {
			shot = w.shot(tag + "-congratulations")
		}
		return err == nil, nil
	})
}

// localCustomer is the state of a customer in a device's store ("" when
// the store does not have them).
func localCustomer(dir, email string) (string, error) {
	return query(filepath.Join(dir, "showroom.db"), `SELECT state FROM customers WHERE email = ?`, email)
}

func (w *world) portalCount(q string, args ...any) int {
	s, err := query(w.portalDB, q, args...)
	w.check(err, "reading the portal's store")
	var n int
	fmt.Sscan(s, &n)
	return n
}

const (
	email1 = "e2e.ignatieva@example.ru"
	email2 = "e2e.zhukova@example.ru"
)

// Step 1: a customer registers at the kiosk with Cyrillic names on the
// on-screen keyboard, and the congratulations screen appears once the
// registration is saved on the kiosk.
func (w *world) kioskRegistration() {
	w.begin("1 kiosk registration")
	w.openKiosk()
	w.shot("kiosk-welcome")
	w.registerAtKiosk("Игнатьева", "Полина", email1, "kiosk", nil)
	w.waitFor("the registration is saved on the kiosk", 10*time.Second, func() (bool, error) {
		s, err := localCustomer(w.kioskDir, email1)
		return s != "", err
	})
	names, err := query(filepath.Join(w.kioskDir, "showroom.db"), `SELECT last_name || ' ' || first_name FROM customers WHERE email = ?`, email1)
	w.check(err, "reading the kiosk's store")
	if names != "Игнатьева Полина" {
		w.fail("the kiosk saved the names %q, not the ones typed on its keyboard", names)
	}
}

// Step 2: the confirmation e-mail arrives in the portal's mail folder, its
// link is opened, and the account becomes active.
func (w *world) confirmByMail() {
	w.begin("2 confirmation e-mail")
	var body string
	w.waitFor("the confirmation e-mail arrives", 60*time.Second, func() (bool, error) {
		ms, err := mailsTo(w.mailDir, email1)
		if len(ms) > 0 {
			body = ms[0]
		}
		return len(ms) > 0, err
	})
	link := regexp.MustCompile(`https?://\S+/confirm/[A-Za-z0-9_-]+`).FindString(body)
	if !strings.HasPrefix(link, w.url+"/confirm/") {
		w.fail("no confirmation link to this portal in the e-mail:\n%s", body)
	}
	if !strings.Contains(body, "Полина") {
		w.fail("the e-mail does not greet the customer by the name typed:\n%s", body)
	}
	resp, err := http.Get(link)
	w.check(err, "opening the link")
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	os.WriteFile(filepath.Join(w.artefacts, "confirm-page.html"), page, 0o644)
	if resp.StatusCode != http.StatusOK {
		w.fail("the link answered %s:\n%s", resp.Status, page)
	}
	if n := w.portalCount(`SELECT count(*) FROM customers WHERE email = ? AND state = 'active'`, email1); n != 1 {
		w.fail("the portal has %d active accounts for %s after the link, not 1", n, email1)
	}
	// The kiosk learns it from the portal's feed.
	w.waitFor("the kiosk sees the account active", 90*time.Second, func() (bool, error) {
		s, err := localCustomer(w.kioskDir, email1)
		return s == "active", err
	})
}

// Step 4: the portal stops while a second customer registers and starts
// again; the registration reaches it once, with one e-mail.
func (w *world) registrationThroughOutage() {
	w.begin("4 registration through a portal outage")
	w.tap(col2, bottom) // Готово: back to the welcome screen
	w.registerAtKiosk("Жукова", "Ёлка", email2, "outage", func() {
		w.portal.stop()
		if w.portal.cmd.ProcessState == nil || !w.portal.cmd.ProcessState.Success() {
			w.fail("the portal did not stop gracefully:\n%s", w.portal.output())
		}
	})
	w.waitFor("the registration is saved on the kiosk while the portal is down", 10*time.Second, func() (bool, error) {
		s, err := localCustomer(w.kioskDir, email2)
		return s == "pending", err
	})
	if n := w.portalCount(`SELECT count(*) FROM customers WHERE email = ?`, email2); n != 0 {
		w.fail("the stopped portal has the registration already")
	}
	time.Sleep(2 * time.Second) // the kiosk tries, and fails, to push
	w.shot("outage-offline")
	w.startPortal(false)
	w.waitFor("the registration arrives at the portal", 90*time.Second, func() (bool, error) {
		return w.portalCount(`SELECT count(*) FROM customers WHERE email = ?`, email2) > 0, nil
	})
	w.waitFor("the kiosk's outbox is empty", 60*time.Second, func() (bool, error) {
		s, err := query(filepath.Join(w.kioskDir, "showroom.db"), `SELECT count(*) FROM outbox`)
		return s == "0", err
	})
	w.waitFor("the confirmation e-mail is sent", 60*time.Second, func() (bool, error) {
		ms, err := mailsTo(w.mailDir, email2)
		return len(ms) > 0, err
	})
	w.shot("outage-back-online")
	if n := w.portalCount(`SELECT count(*) FROM customers WHERE email = ?`, email2); n != 1 {
		w.fail("the portal has %d accounts for %s, not 1", n, email2)
	}
	if ms, _ := mailsTo(w.mailDir, email2); len(ms) != 1 {
		w.fail("%d confirmation e-mails for %s, not 1", len(ms), email2)
	}
}

// mailsTo returns the text of every .eml in the mail folder addressed to
// to.
func mailsTo(dir, to string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		m, err := mail.ReadMessage(strings.NewReader(string(b)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		addr, err := mail.ParseAddress(m.Header.Get("To"))
		if err != nil || addr.Address != to {
			continue
		}
		body, err := io.ReadAll(m.Body)
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "base64") {
			body, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(body)))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
		}
		subj, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		out = append(out, subj+"\n"+string(body))
	}
	return out, nil
}
