//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the real SQLite files of the portal and the devices, read as they are
)

// The e2e run drives the real windows in a virtual display of this size,
// the smaller of the kiosk screens the showrooms have.
const screenW, screenH = 1280, 800

// harness holds what one run started: the binaries, the virtual display,
// the portal, and where the artefacts go.
type harness struct {
	t         *testing.T
	bin       string // folder of the built binaries
	work      string // the run's data: portal store, mail folder, devices' folders
	artefacts string // screenshots and logs kept after the run
	display   string
	env       []string
	step      string
	shots     int
	lastShot  string
}

// root is the module's root, two folders above this package.
func root(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(filepath.Dir(wd))
}

func newHarness(t *testing.T) *harness {
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (make deps installs it): %v", tool, err)
		}
	}
	r := root(t)
	h := &harness{t: t, bin: t.TempDir(), work: t.TempDir(), artefacts: filepath.Join(r, "build", "e2e")}
	if err := os.RemoveAll(h.artefacts); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(h.artefacts, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"showroom", "portal"} {
		// With the race detector, as the unit tests run: the same build of
		// every package serves both, and a race in the real windows fails
		// the run (a process that found one exits with status 66).
		b := exec.Command("go", "build", "-race", "-tags", "migrated_fynedo", "-o", filepath.Join(h.bin, cmd), "./cmd/"+cmd)
		b.Dir = r
		if out, err := b.CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", cmd, err, out)
		}
	}
	h.use(h.startXvfb())
	return h
}

// use sends what follows (taps, typing, screenshots, the processes
// started) to display, with extra variables in the environment.
func (h *harness) use(display string, extra ...string) {
	h.display = display
	h.env = append(append(os.Environ(), "DISPLAY="+display, "LANG=ru_RU.UTF-8"), extra...)
}

// startXvfb starts a virtual display of the run's own, whatever DISPLAY
// says, so that no other window is in the way of the taps, and returns
// its name. The kiosk and the desk have one each, as in a showroom.
func (h *harness) startXvfb() string {
	r, w, err := os.Pipe()
	if err != nil {
		h.t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", screenW, screenH), "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	log, err := os.Create(filepath.Join(h.artefacts, fmt.Sprintf("xvfb-%d.log", time.Now().UnixNano())))
	if err != nil {
		h.t.Fatal(err)
	}
	x.Stdout, x.Stderr = log, log
	if err := x.Start(); err != nil {
		h.t.Fatal(err)
	}
	w.Close()
	h.t.Cleanup(func() { x.Process.Kill(); x.Wait(); log.Close() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		h.t.Fatalf("Xvfb did not start: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// begin names the step that the following actions belong to.
func (h *harness) begin(step string) {
	h.step = step
	h.t.Logf("step %s", step)
}

// fail stops the run, naming the step and the screenshot of the screen as
// it was.
func (h *harness) fail(format string, args ...any) {
	h.t.Helper()
	shot := h.shot("failure")
	h.t.Fatalf("step %s: %s\nscreenshot: %s\nlogs: %s", h.step, fmt.Sprintf(format, args...), shot, h.artefacts)
}

// check fails the step on an error.
func (h *harness) check(err error, what string) {
	h.t.Helper()
	if err != nil {
		h.fail("%s: %v", what, err)
	}
}

// shot keeps a screenshot of the whole display as an artefact.
func (h *harness) shot(name string) string {
	h.shots++
	path := filepath.Join(h.artefacts, fmt.Sprintf("%02d-%s.png", h.shots, name))
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = h.env
	if out, err := cmd.CombinedOutput(); err != nil {
		h.t.Logf("screenshot %s: %v: %s", path, err, out)
	}
	h.lastShot = path
	return path
}

// x runs xdotool in the display.
func (h *harness) x(args ...string) {
	h.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = h.env
	if out, err := cmd.CombinedOutput(); err != nil {
		h.fail("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// tap touches the screen at x, y.
func (h *harness) tap(x, y int) {
	h.t.Helper()
	h.x("mousemove", strconv.Itoa(x), strconv.Itoa(y), "click", "1")
	time.Sleep(400 * time.Millisecond)
}

// typ types ASCII text on the physical keyboard.
func (h *harness) typ(s string) {
	h.t.Helper()
	h.x("type", "--delay", "60", s)
	time.Sleep(300 * time.Millisecond)
}

// waitFor polls cond until it holds or the deadline passes; the deadline
// only bounds the wait, it asserts nothing about how fast.
func (h *harness) waitFor(what string, limit time.Duration, cond func() (bool, error)) {
	h.t.Helper()
	deadline := time.Now().Add(limit)
	var last error
	for {
		ok, err := cond()
		if ok {
			return
		}
		last = err
		if time.Now().After(deadline) {
			if last != nil {
				h.fail("%s did not happen within %s: %v", what, limit, last)
			}
			h.fail("%s did not happen within %s", what, limit)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// proc is a process the run started, with its log kept as an artefact.
type proc struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

// start runs a binary in the background with its output in a log file.
func (h *harness) start(name string, args ...string) *proc {
	h.t.Helper()
	p := &proc{log: filepath.Join(h.artefacts, fmt.Sprintf("%s-%d.log", filepath.Base(name), time.Now().UnixNano())), done: make(chan struct{})}
	f, err := os.Create(p.log)
	h.check(err, "log file")
	p.cmd = exec.Command(filepath.Join(h.bin, name), args...)
	p.cmd.Env = h.env
	p.cmd.Stdout, p.cmd.Stderr = f, f
	h.check(p.cmd.Start(), "starting "+name)
	go func() { p.cmd.Wait(); f.Close(); close(p.done) }()
	h.t.Cleanup(func() {
		p.stop()
		if strings.Contains(p.output(), "WARNING: DATA RACE") {
			h.t.Errorf("%s found a data race: %s", name, p.log)
		}
	})
	return p
}

// stop ends the process gracefully (SIGTERM), then for good.
func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

func (p *proc) running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

func (p *proc) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// run runs a binary to its end and returns its standard output.
func (h *harness) run(stdin string, name string, args ...string) string {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(h.bin, name), args...)
	cmd.Env = h.env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		h.fail("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// freePort finds a loopback port the portal can listen on, then and after
// a restart.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitWindow waits for a window of the app to be shown.
func (h *harness) waitWindow(p *proc) {
	h.t.Helper()
	h.waitFor("the window appears", 60*time.Second, func() (bool, error) {
		if !p.running() {
			h.fail("the app stopped:\n%s", p.output())
		}
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(p.cmd.Process.Pid))
		cmd.Env = h.env
		return cmd.Run() == nil, nil
	})
	time.Sleep(3 * time.Second) // the first frame and the first load
}

// query opens a SQLite file read-only and returns the first column of
// the first row of a query.
func query(path, q string, args ...any) (string, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=query_only(1)")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var s sql.NullString
	err = db.QueryRow(q, args...).Scan(&s)
	return s.String, err
}
