// Command bench measures the product against the targets of
// docs/PERFORMANCE.md and prints one table: each measure's median over
// several runs, its target and whether it is met. `make bench` runs it in a
// virtual display.
//
// The measures come from the packages' own benchmarks (go test -bench),
// whose custom metrics it reads, and from starting the real app: the time
// from starting the process to the first drawn frame of its window.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A measure is one row of the table.
type measure struct {
	Name string // as the targets table names it
	run  func(ctx context.Context, r *runner) (float64, error)
}

type runner struct {
	root   string // the module's folder
	tmp    string
	quick  bool
	bin    string // the app, built once
	data   string // a data folder with the demo, filled once
	log    io.Writer
	stderr io.Writer
}

func main() {
	runs := flag.Int("runs", 3, "runs of each measure; the table shows the median")
	only := flag.String("only", "", "comma-separated measures to run (default: all)")
	quick := flag.Bool("quick", false, "smaller data sets (the search over 100,000 customers instead of 1,000,000)")
	doc := flag.String("targets", "docs/PERFORMANCE.md", "the document whose Targets table to measure against")
	flag.Parse()

	root, err := os.Getwd()
	if err != nil {
		fail(err)
	}
	targets, err := readTargets(filepath.Join(root, *doc))
	if err != nil {
		fail(err)
	}
	tmp, err := os.MkdirTemp("", "showroom-bench")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	r := &runner{root: root, tmp: tmp, quick: *quick, log: os.Stderr, stderr: os.Stderr}
	ctx, stop := signalContext()
	defer stop()

	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var rows []row
	for _, m := range measures() {
		t, ok := targets[m.Name]
		if !ok {
			fail(fmt.Errorf("%s has no target in %s", m.Name, *doc))
		}
		if len(want) > 0 && !want[m.Name] {
			continue
		}
		fmt.Fprintf(r.log, "measuring %s (%d runs)…\n", m.Name, *runs)
		var vals []float64
		var merr error
		for range *runs {
			v, err := m.run(ctx, r)
			if err != nil {
				merr = err
				break
			}
			vals = append(vals, v)
		}
		rows = append(rows, row{t: t, vals: vals, err: merr})
	}
	printTable(os.Stdout, rows)
	fmt.Printf("\n%s\n", machine())
	for _, rw := range rows {
		if rw.err != nil || !rw.t.met(median(rw.vals)) {
			os.Exit(1)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// target is a row of the Targets table: "| measure | target | unit |" with
// the target written "< 20" or "> 2000".
type target struct {
	name, unit, text string
	less             bool
	limit            float64
}

func (t target) met(v float64) bool {
	if t.less {
		return v < t.limit
	}
	return v > t.limit
}

var targetRow = regexp.MustCompile(`^\|\s*([a-z0-9-]+)\s*\|\s*([<>])\s*([0-9][0-9 ,.]*)\s*\|\s*([^|]+?)\s*\|`)

// readTargets reads the table under the "## Targets" heading.
func readTargets(path string) (map[string]target, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]target{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = strings.TrimSpace(line[3:]) == "Targets"
			continue
		}
		if !in {
			continue
		}
		m := targetRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		num := strings.NewReplacer(" ", "", ",", "").Replace(m[3])
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: target of %s: %v", path, m[1], err)
		}
		out[m[1]] = target{name: m[1], less: m[2] == "<", limit: v, unit: m[4], text: m[2] + " " + strings.TrimSpace(m[3])}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s has no Targets table", path)
	}
	return out, sc.Err()
}

type row struct {
	t    target
	vals []float64
	err  error
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func printTable(w io.Writer, rows []row) {
	fmt.Fprintf(w, "| %-22s | %12s | %-10s | %-18s | %-4s | %s\n", "measure", "median", "target", "unit", "met", "runs")
	fmt.Fprintf(w, "|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 24), strings.Repeat("-", 14), strings.Repeat("-", 12), strings.Repeat("-", 20), strings.Repeat("-", 6))
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(w, "| %-22s | %12s | %-10s | %-18s | %-4s | %v\n", r.t.name, "—", r.t.text, r.t.unit, "no", r.err)
			continue
		}
		m := median(r.vals)
		met := "yes"
		if !r.t.met(m) {
			met = "NO"
		}
		var runs []string
		for _, v := range r.vals {
			runs = append(runs, format(v))
		}
		fmt.Fprintf(w, "| %-22s | %12s | %-10s | %-18s | %-4s | %s\n", r.t.name, format(m), r.t.text, r.t.unit, met, strings.Join(runs, " "))
	}
}

func format(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// machine describes where the figures were taken.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(l[strings.Index(l, ":")+1:])
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		f := strings.Fields(string(b))
		if len(f) > 1 {
			if kb, err := strconv.Atoi(f[1]); err == nil {
				mem = fmt.Sprintf(", %d GiB", (kb+(1<<19))>>20)
			}
		}
	}
	return fmt.Sprintf("Machine: %s, %d cores%s, %s/%s, %s.", cpu, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// goBench runs one benchmark of a package and returns the value of one of
// its metrics (a unit as the benchmark reports it, e.g. "p99-ms").
func (r *runner) goBench(ctx context.Context, pkg, bench, benchtime, unit string, env ...string) (float64, error) {
	// "BenchmarkX/sub" selects a sub-benchmark.
	parts := strings.Split(bench, "/")
	for i := range parts {
		parts[i] = "^" + parts[i] + "$"
	}
	cmd := exec.CommandContext(ctx, "go", "test", "-tags", "migrated_fynedo", "-run", "^$",
		"-bench", strings.Join(parts, "/"), "-benchtime", benchtime, "-count", "1", "-timeout", "60m", pkg)
	cmd.Dir = r.root
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s %s: %v\n%s", pkg, bench, err, tail(out.String()))
	}
	return metric(out.String(), bench, unit)
}

// metric finds "value unit" on the result line of a benchmark.
func metric(out, bench, unit string) (float64, error) {
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		// The name as printed: the sub-benchmark's, then "-" and the CPUs.
		if len(f) < 3 || !strings.HasPrefix(f[0], bench+"-") && f[0] != bench {
			continue
		}
		for i := 2; i+1 < len(f); i++ {
			if f[i+1] == unit {
				return strconv.ParseFloat(f[i], 64)
			}
		}
	}
	return 0, fmt.Errorf("%s reported no %s:\n%s", bench, unit, tail(out))
}

func tail(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > 15 {
		l = l[len(l)-15:]
	}
	return strings.Join(l, "\n")
}

func measures() []measure {
	bench := func(name, pkg, bench, benchtime, unit string, scale float64, env ...string) measure {
		return measure{Name: name, run: func(ctx context.Context, r *runner) (float64, error) {
			e := env
			if r.quick && name == "search-p99" {
				e = append(e, "SHOWROOM_BENCH_CUSTOMERS=100000")
			}
			v, err := r.goBench(ctx, pkg, bench, benchtime, unit, e...)
			return v * scale, err
		}}
	}
	return []measure{
		{Name: "start-staff", run: func(ctx context.Context, r *runner) (float64, error) { return r.firstFrame(ctx, false) }},
		{Name: "start-kiosk", run: func(ctx context.Context, r *runner) (float64, error) { return r.firstFrame(ctx, true) }},
		bench("register-p99", "./localdb/", "BenchmarkRegister", "4000x", "p99-ms", 1),
		bench("search-p99", "./localdb/", "BenchmarkSearch1M", "4000x", "p99-ms", 1),
		bench("card-open", "./cmd/showroom/", "BenchmarkOpenCustomerCard/home", "300x", "ms/median", 1),
		bench("coupon-pdf", "./printing/", "BenchmarkCouponPDF", "200x", "ms/median", 1),
		bench("welcome-pack-pdf", "./printing/", "BenchmarkWelcomePackPDF", "200x", "ms/median", 1),
		bench("drain-5000", "./sync/", "BenchmarkDrain5000", "1x", "ns/op", 1e-9),
		bench("pull-100000", "./sync/", "BenchmarkPull100000", "1x", "ns/op", 1e-9),
		bench("kiosk-rss-growth", "./cmd/showroom/", "BenchmarkKioskRegistrationCycles", "1x", "rss-growth-%", 1),
		bench("portal-registrations", "./portal/", "BenchmarkPushRegistrations", "300x", "registrations/s", 1),
		bench("portal-batch-p99", "./portal/", "BenchmarkPushRegistrations", "300x", "p99-batch-ms", 1),
	}
}

// build makes the app's binary and a data folder with the demo, once.
func (r *runner) build(ctx context.Context) error {
	if r.bin != "" {
		return nil
	}
	bin := filepath.Join(r.tmp, "showroom")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "migrated_fynedo", "-o", bin, "./cmd/showroom")
	cmd.Dir = r.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	r.bin = bin
	r.data = filepath.Join(r.tmp, "data")
	// The first start fills the demo; the measured starts open a store
	// that already holds it, as a showroom's app does every morning.
	_, err := r.startUntilDrawn(ctx, []string{"--demo", "--data", r.data}, 120*time.Second)
	return err
}

// firstFrame starts the app and returns the seconds from starting the
// process to its window's first drawn frame.
func (r *runner) firstFrame(ctx context.Context, kiosk bool) (float64, error) {
	if os.Getenv("DISPLAY") == "" {
		return 0, errors.New("no display: run in one (make bench starts a virtual display)")
	}
	if err := r.build(ctx); err != nil {
		return 0, err
	}
	args := []string{"--data", r.data}
	if kiosk {
		args = append(args, "--kiosk")
	}
	d, err := r.startUntilDrawn(ctx, args, 30*time.Second)
	return d.Seconds(), err
}

// startUntilDrawn starts the app, waits until its window shows a drawn
// frame (not one flat colour), stops it and returns the time that took.
func (r *runner) startUntilDrawn(ctx context.Context, args []string, limit time.Duration) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Env = append(os.Environ(), "LANG=ru_RU.UTF-8")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	pid := strconv.Itoa(cmd.Process.Pid)
	for time.Since(start) < limit {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--pid", pid).Output()
		if id := strings.TrimSpace(strings.Split(string(out), "\n")[0]); id != "" && drawn(id) {
			return time.Since(start), nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0, fmt.Errorf("no frame within %v:\n%s", limit, tail(logs.String()))
}

// drawn reports whether the window shows more than one colour.
func drawn(id string) bool {
	out, err := exec.Command("import", "-silent", "-window", id, "png:-").Output()
	if err != nil {
		return false
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		return false
	}
	return !flat(img)
}

func flat(img image.Image) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bl != b0 {
				return false
			}
		}
	}
	return true
}
