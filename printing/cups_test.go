package printing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// captureBackend is a CUPS backend that writes each job, byte for byte, to
// the file its device URI names ("capture:/path/to/file"); a missing folder
// makes it fail like a printer that is off.
const captureBackend = `#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct capture "Unknown" "Test capture"'; exit 0; fi
out=${DEVICE_URI#capture:}
if [ -n "$6" ]; then cat "$6" > "$out" || exit 1; else cat > "$out" || exit 1; fi
`

// cupsServerBin finds the folder of CUPS's helper programs; the test's
// cupsd takes its own backend folder but needs the helpers that run it.
func cupsServerBin(t *testing.T) string {
	for _, dir := range []string{"/usr/lib/cups", "/usr/libexec/cups", "/usr/local/lib/cups"} {
		if _, err := os.Stat(filepath.Join(dir, "daemon", "cups-exec")); err == nil {
			return dir
		}
	}
	t.Fatal("CUPS is not installed (make deps installs it)")
	return ""
}

// testCUPS is a cupsd of the test's own, on a socket in a temporary folder.
type testCUPS struct {
	dir, socket string
}

// startCUPS starts a cupsd in the foreground and points CUPS_SERVER at it;
// it never touches the system's CUPS.
func startCUPS(t *testing.T) *testCUPS {
	t.Helper()
	for _, tool := range []string{"cupsd", "lp", "lpadmin", "lpstat"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (make deps installs CUPS): %v", tool, err)
		}
	}
	// A short folder name: socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "cups")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	c := &testCUPS{dir: dir, socket: filepath.Join(dir, "cups.sock")}
	for _, d := range []string{"spool", "cache", "state", "tmp", "log", "out", "bin/backend"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The backend runs as the unprivileged CUPS user when cupsd runs as
	// root; it must be able to reach and write the output folder.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "out"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bin/backend/capture"), []byte(captureBackend), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(cupsServerBin(t), "daemon"), filepath.Join(dir, "bin/daemon")); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`Listen %s
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
`, c.socket)
	files := fmt.Sprintf(`ServerRoot %[1]s
ServerBin %[1]s/bin
StateDir %[1]s/state
CacheDir %[1]s/cache
RequestRoot %[1]s/spool
TempDir %[1]s/tmp
AccessLog %[1]s/log/access_log
ErrorLog %[1]s/log/error_log
PageLog %[1]s/log/page_log
`, dir)
	if err := os.WriteFile(filepath.Join(dir, "cupsd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cups-files.conf"), []byte(files), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("cupsd", "-f", "-c", filepath.Join(dir, "cupsd.conf"), "-s", filepath.Join(dir, "cups-files.conf"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	t.Setenv("CUPS_SERVER", c.socket)
	deadline := time.Now().Add(10 * time.Second)
	for {
		// lpstat speaks the locale's language; the test reads its English.
		probe := exec.Command("lpstat", "-r")
		probe.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
		out, _ := probe.Output()
		if strings.Contains(string(out), "scheduler is running") {
			break
		}
		select {
		case <-done:
			log, _ := os.ReadFile(filepath.Join(dir, "log/error_log"))
			t.Fatalf("cupsd stopped: %s\n%s", stderr.String(), log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("cupsd did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return c
}

// addQueue makes a raw queue whose jobs the capture backend writes to out.
func (c *testCUPS) addQueue(t *testing.T, name, out string) {
	t.Helper()
	cmd := exec.Command("lpadmin", "-p", name, "-E", "-v", "capture:"+out, "-o", "printer-error-policy=abort-job")
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lpadmin: %v: %s", err, b)
	}
}

func writePDF(t *testing.T) (string, []byte) {
	t.Helper()
	c, _ := sampleCoupon(t)
	pdf, err := CouponPDF(c, showroom.Russian)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "coupon.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, pdf
}

func TestPrintThroughCUPS(t *testing.T) {
	c := startCUPS(t)
	out := filepath.Join(c.dir, "out", "printed.pdf")
	c.addQueue(t, "desk", out)
	path, pdf := writePDF(t)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := Spooler{Raw: true, Timeout: 10 * time.Second}
	job, err := s.Submit(ctx, "desk", "My Renault coupon", path)
	if err != nil {
		t.Fatal(err)
	}
	if job.Queue != "desk" || job.N <= 0 || job.ID != fmt.Sprintf("desk-%d", job.N) {
		t.Fatalf("job %+v", job)
	}
	if err := s.Wait(ctx, job); err != nil {
		t.Fatal(err)
	}
	printed, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(printed, pdf) {
		t.Fatalf("printed %d bytes, not the PDF's %d", len(printed), len(pdf))
	}
	if kept, err := os.ReadFile(path); err != nil || !bytes.Equal(kept, pdf) {
		t.Fatalf("the PDF was not kept: %v", err)
	}
}

func TestQueues(t *testing.T) {
	c := startCUPS(t)
	ctx := context.Background()
	s := Spooler{Timeout: 10 * time.Second}
	if qs, err := s.Queues(ctx); err != nil || len(qs) != 0 {
		t.Fatalf("a CUPS without queues: %q, %v", qs, err)
	}
	c.addQueue(t, "service-desk", filepath.Join(c.dir, "out", "a.pdf"))
	c.addQueue(t, "reception", filepath.Join(c.dir, "out", "b.pdf"))
	qs, err := s.Queues(ctx)
	if err != nil || strings.Join(qs, ",") != "reception,service-desk" {
		t.Fatalf("Queues = %q, %v", qs, err)
	}
	down := Spooler{Server: filepath.Join(c.dir, "nobody-listens.sock"), Timeout: 5 * time.Second}
	if _, err := down.Queues(ctx); showroom.ErrorCode(err) != showroom.EPrintUnavailable {
		t.Fatalf("CUPS not running: %v", err)
	}
}

func TestPrintFailuresSayWhatToDo(t *testing.T) {
	c := startCUPS(t)
	c.addQueue(t, "broken", filepath.Join(c.dir, "no-such-folder", "x.pdf"))
	path, _ := writePDF(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := Spooler{Raw: true, Timeout: 10 * time.Second}

	check := func(what string, err error, code showroom.Code, ru string) {
		t.Helper()
		var e *showroom.Error
		if !errors.As(err, &e) || e.Code != code {
			t.Errorf("%s: err = %v, want code %s", what, err, code)
			return
		}
		if got := e.Text(showroom.Russian); got != ru {
			t.Errorf("%s: text %q, want %q", what, got, ru)
		}
	}

	_, err := s.Submit(ctx, "nosuch", "t", path)
	check("unknown queue", err, showroom.EPrinterNotFound,
		"Принтера \"nosuch\" нет. Выберите другой принтер в настройках; PDF сохранён.")

	_, err = s.Submit(ctx, "", "t", path)
	check("no queue", err, showroom.EPrinterNotFound, "Принтер не выбран. Выберите его в настройках; PDF сохранён.")

	job, err := s.Submit(ctx, "broken", "t", path)
	if err != nil {
		t.Fatal(err)
	}
	check("failing printer", s.Wait(ctx, job), showroom.EPrintFailed,
		"Принтер \"broken\" не напечатал документ. Проверьте принтер (бумагу, питание, кабель) и повторите; PDF сохранён.")

	down := Spooler{Raw: true, Server: filepath.Join(c.dir, "nobody-listens.sock"), Timeout: 5 * time.Second}
	_, err = down.Submit(ctx, "desk", "t", path)
	check("CUPS not running", err, showroom.EPrintUnavailable,
		"Служба печати не запущена. Включите сервер печати или обратитесь к администратору; PDF сохранён.")
	_, err = down.JobState(ctx, job)
	check("CUPS not running (job state)", err, showroom.EPrintUnavailable,
		"Служба печати не запущена. Включите сервер печати или обратитесь к администратору; PDF сохранён.")

	if _, err := os.Stat(path); err != nil {
		t.Errorf("the PDF was not kept: %v", err)
	}
}
