// Package cupstest starts a CUPS scheduler of a test's own, on a socket in
// a temporary folder, with printer queues whose backend writes each job to a
// file, so that printing is tested against the real cupsd without a printer
// and without touching the system's CUPS.
package cupstest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// captureBackend is a CUPS backend that writes each job, byte for byte, to
// the file its device URI names ("capture:/path/to/file"); a missing folder
// makes it fail like a printer that is off.
const captureBackend = `#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct capture "Unknown" "Test capture"'; exit 0; fi
out=${DEVICE_URI#capture:}
if [ -n "$6" ]; then cat "$6" > "$out" || exit 1; else cat > "$out" || exit 1; fi
`

// Server is a running cupsd of the test's own.
type Server struct {
	// Dir is the scheduler's folder; its "out" folder is writable by the
	// backend (see Out).
	Dir string
	// Socket is the scheduler's socket, which Start puts in CUPS_SERVER.
	Socket string
}

// serverBin finds the folder of CUPS's helper programs; the test's cupsd
// takes its own backend folder but needs the helpers that run it.
func serverBin(t testing.TB) string {
	t.Helper()
	for _, dir := range []string{"/usr/lib/cups", "/usr/libexec/cups", "/usr/local/lib/cups"} {
		if _, err := os.Stat(filepath.Join(dir, "daemon", "cups-exec")); err == nil {
			return dir
		}
	}
	t.Fatal("CUPS is not installed (make deps installs it)")
	return ""
}

// Start starts a cupsd in the foreground, points CUPS_SERVER at it for the
// rest of the test (so the test cannot run in parallel with others), and
// stops it when the test ends. It has no queues yet; see AddQueue.
func Start(t testing.TB) *Server {
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
	s := &Server{Dir: dir, Socket: filepath.Join(dir, "cups.sock")}
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
	if err := os.Symlink(filepath.Join(serverBin(t), "daemon"), filepath.Join(dir, "bin/daemon")); err != nil {
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
`, s.Socket)
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
	t.Setenv("CUPS_SERVER", s.Socket)
	deadline := time.Now().Add(10 * time.Second)
	for {
		// lpstat speaks the locale's language; the test reads its English.
		probe := exec.Command("lpstat", "-r")
		probe.Env = append(os.Environ(), "LC_ALL=C", "LANG=C", "CUPS_SERVER="+s.Socket)
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
	return s
}

// Out is the path of a file name in the folder the backend may write to.
func (s *Server) Out(name string) string { return filepath.Join(s.Dir, "out", name) }

// AddQueue makes a raw queue, enabled and accepting jobs, whose jobs the
// capture backend writes to the file out (see Out). A job fails, and is
// aborted, when out cannot be written.
func (s *Server) AddQueue(t testing.TB, name, out string) {
	t.Helper()
	cmd := exec.Command("lpadmin", "-p", name, "-E", "-v", "capture:"+out, "-o", "printer-error-policy=abort-job")
	cmd.Env = append(os.Environ(), "LC_ALL=C", "CUPS_SERVER="+s.Socket)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lpadmin: %v: %s", err, b)
	}
}
