//go:build e2e

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// captureBackend is a CUPS backend that keeps each job, byte for byte, as
// a file of its own in the folder its device URI names
// ("capture:/path/to/folder"), named by the job's number.
const captureBackend = `#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct capture "Unknown" "Test capture"'; exit 0; fi
out=${DEVICE_URI#capture:}/job-$(printf %06d "$1").pdf
if [ -n "$6" ]; then cat "$6" > "$out.part" || exit 1; else cat > "$out.part" || exit 1; fi
mv "$out.part" "$out"
`

// runCUPS is the run's own cupsd, on a socket in a temporary folder; the
// system's CUPS is never touched.
type runCUPS struct {
	h           *harness
	dir, socket string
}

// cupsQueue is a queue whose printer is a folder of the jobs it printed.
type cupsQueue struct {
	name, dir string
	seen      map[string]bool
}

func startCUPS(h *harness) *runCUPS {
	h.t.Helper()
	bin := ""
	for _, dir := range []string{"/usr/lib/cups", "/usr/libexec/cups", "/usr/local/lib/cups"} {
		if _, err := os.Stat(filepath.Join(dir, "daemon", "cups-exec")); err == nil {
			bin = dir
		}
	}
	if bin == "" {
		h.fail("CUPS is not installed (make deps installs it)")
	}
	// A short folder name: socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "cups")
	h.check(err, "the CUPS folder")
	h.t.Cleanup(func() { os.RemoveAll(dir) })
	c := &runCUPS{h: h, dir: dir, socket: filepath.Join(dir, "cups.sock")}
	for _, d := range []string{"spool", "cache", "state", "tmp", "log", "bin/backend"} {
		h.check(os.MkdirAll(filepath.Join(dir, d), 0o755), "the CUPS folder")
	}
	// The backend runs as CUPS's unprivileged user when cupsd runs as
	// root: it must reach the folders it writes.
	h.check(os.Chmod(dir, 0o755), "the CUPS folder")
	h.check(os.WriteFile(filepath.Join(dir, "bin/backend/capture"), []byte(captureBackend), 0o755), "the backend")
	h.check(os.Symlink(filepath.Join(bin, "daemon"), filepath.Join(dir, "bin/daemon")), "CUPS's helpers")
	conf := fmt.Sprintf("Listen %s\nLogLevel info\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"+
		"<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"+
		"<Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n</Policy>\n", c.socket)
	files := fmt.Sprintf("ServerRoot %[1]s\nServerBin %[1]s/bin\nStateDir %[1]s/state\nCacheDir %[1]s/cache\n"+
		"RequestRoot %[1]s/spool\nTempDir %[1]s/tmp\nAccessLog %[1]s/log/access_log\n"+
		"ErrorLog %[1]s/log/error_log\nPageLog %[1]s/log/page_log\n", dir)
	h.check(os.WriteFile(filepath.Join(dir, "cupsd.conf"), []byte(conf), 0o644), "cupsd.conf")
	h.check(os.WriteFile(filepath.Join(dir, "cups-files.conf"), []byte(files), 0o644), "cups-files.conf")
	cmd := exec.Command("cupsd", "-f", "-c", filepath.Join(dir, "cupsd.conf"), "-s", filepath.Join(dir, "cups-files.conf"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	h.check(cmd.Start(), "starting cupsd")
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	h.t.Cleanup(func() {
		if log, err := os.ReadFile(filepath.Join(dir, "log/error_log")); err == nil {
			os.WriteFile(filepath.Join(h.artefacts, "cups-error_log"), log, 0o644)
		}
		cmd.Process.Kill()
		<-done
	})
	h.waitFor("cupsd runs", 20*time.Second, func() (bool, error) {
		select {
		case <-done:
			h.fail("cupsd stopped: %s", stderr.String())
		default:
		}
		// lpstat speaks the locale's language; the run reads its English.
		out, _ := c.cmd("lpstat", "-r").Output()
		return strings.Contains(string(out), "scheduler is running"), nil
	})
	return c
}

// cmd is a CUPS client command against the run's cupsd.
func (c *runCUPS) cmd(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "CUPS_SERVER="+c.socket, "LC_ALL=C", "LANG=C")
	return cmd
}

// addQueue adds a queue that prints into a folder of its own.
func (c *runCUPS) addQueue(name string) *cupsQueue {
	q := &cupsQueue{name: name, dir: filepath.Join(c.dir, "out-"+name), seen: map[string]bool{}}
	c.h.check(os.MkdirAll(q.dir, 0o777), "the queue's folder")
	c.h.check(os.Chmod(q.dir, 0o777), "the queue's folder")
	if out, err := c.cmd("lpadmin", "-p", name, "-E", "-v", "capture:"+q.dir, "-o", "printer-error-policy=abort-job").CombinedOutput(); err != nil {
		c.h.fail("lpadmin %s: %v\n%s", name, err, out)
	}
	return q
}

// take returns the oldest job printed since the last take, or nil.
func (q *cupsQueue) take() []byte {
	files, _ := filepath.Glob(filepath.Join(q.dir, "job-*.pdf"))
	sort.Strings(files)
	for _, f := range files {
		if q.seen[f] {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil
		}
		q.seen[f] = true
		return b
	}
	return nil
}
