package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/staff"
)

// openDemo opens the real wiring on a real SQLite file filled with demo data.
func openDemo(t *testing.T) *App {
	t.Helper()
	dir := t.TempDir()
	copyDemoStore(t, dir)
	a, err := Open(context.Background(), Config{DataDir: dir, Demo: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// demoStore is a store filled with the demo once for the whole test run:
// filling one takes seconds (half a minute under the race detector), and
// every test that needs the demo gets a copy of the same file.
var demoStore struct {
	once stdsync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoStore.path != "" {
		os.RemoveAll(filepath.Dir(demoStore.path))
	}
	os.Exit(code)
}

// copyDemoStore puts a copy of the demo-filled store into the data folder
// dir, as --demo would have filled it; TestDemoFillsOnceAndKeepsWork fills
// one for real.
func copyDemoStore(t *testing.T, dir string) {
	t.Helper()
	demoStore.once.Do(func() {
		tmp, err := os.MkdirTemp("", "showroom-demo-")
		if err != nil {
			demoStore.err = err
			return
		}
		ctx := context.Background()
		db, err := localdb.Open(ctx, dbPath(tmp), localdb.Options{})
		if err != nil {
			demoStore.err = err
			return
		}
		demoStore.err = fillDemo(ctx, db, slog.New(slog.DiscardHandler))
		// Closing the last connection checkpoints the WAL into the file.
		if err := db.Close(); demoStore.err == nil {
			demoStore.err = err
		}
		demoStore.path = dbPath(tmp)
	})
	if demoStore.err != nil {
		t.Fatalf("filling the demo store: %v", demoStore.err)
	}
	b, err := os.ReadFile(demoStore.path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dbPath(dir), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// texts collects every text drawn under o.
func texts(t *testing.T, o fyne.CanvasObject) []string { return drawnTexts(t, o, false) }

// drawnTexts collects the texts drawn under o; shownOnly leaves out those
// under a hidden object.
func drawnTexts(t *testing.T, o fyne.CanvasObject, shownOnly bool) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || shownOnly && !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func contains(all []string, want string) bool {
	for _, s := range all {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// TestStaffWindowFindsAndOpensACustomer drives the staff window the way a
// sales manager does: type part of a surname, press Enter, read the cabinet.
func TestStaffWindowFindsAndOpensACustomer(t *testing.T) {
	a := openDemo(t)
	fa := test.NewTempApp(t)
	ui.SetLang(showroom.Russian)

	applied := make(chan func(), 16)
	s := staff.New(context.Background(), backend{db: a.DB}, a.Log)
	s.Async = func(work func() func()) { go func() { applied <- work() }() }
	w := fa.NewWindow("staff")
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1280, 800))
	s.Focus(w.Canvas())
	s.Start()
	wait := func(what string) {
		t.Helper()
		select {
		case apply := <-applied:
			apply()
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: nothing applied within 10 s", what)
		}
	}
	wait("overview")
	if got := texts(t, w.Content()); !contains(got, "Автомир-Екатеринбург (006122)") || !contains(got, "Клиентов в базе: 2000") {
		t.Fatalf("overview not shown: %q", got)
	}

	want := demo.New(demoSeed, demo.DefaultSizes()).Cabinet(0).Customer
	prefix := string([]rune(strings.ToLower(want.Personal.LastName))[:5]) // a prefix, any case
	test.Type(w.Canvas().Focused(), prefix)
	for range len([]rune(prefix)) - 1 {
		wait("search")
	}
	hits := s.Hits()
	found := false
	for _, h := range hits {
		found = found || h.Ref == want.Ref
	}
	if !found {
		t.Fatalf("%d hits for a prefix of %q, the customer is not among them", len(hits), want.Personal.LastName)
	}
	for i, h := range hits {
		if h.Ref == want.Ref {
			w.Content().(*fyne.Container).Objects[0].(*container.Split).Leading.(*fyne.Container).Objects[0].(*widget.List).Select(i)
		}
	}
	wait("cabinet")
	got := texts(t, w.Content())
	greeting := "Здравствуйте, " + strings.ToUpper(want.FullName())
	pct := "Данные заполнены на " + itoa(showroom.Completeness(want)) + " %"
	if !contains(got, greeting) || !contains(got, pct) {
		t.Fatalf("cabinet shows neither %q nor %q: %q", greeting, pct, got)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestDemoFillsOnceAndKeepsWork: a second --demo start must not reload or
// overwrite what the folder holds.
func TestDemoFillsOnceAndKeepsWork(t *testing.T) {
	dir := t.TempDir()
	log := slog.New(slog.DiscardHandler)
	a, err := Open(context.Background(), Config{DataDir: dir, Demo: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := a.DB.Stats(context.Background())
	if st.Customers != demo.DefaultSizes().Customers {
		t.Fatalf("demo customers: %d", st.Customers)
	}
	a.Close()
	if _, err := os.Stat(filepath.Join(dir, "showroom.db")); err != nil {
		t.Fatal(err)
	}
	a, err = Open(context.Background(), Config{DataDir: dir, Demo: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st2, _ := a.DB.Stats(context.Background())
	if st2 != st {
		t.Fatalf("second start changed the store: %+v → %+v", st, st2)
	}
}

func TestVINCommand(t *testing.T) {
	for _, tc := range []struct {
		vin   string
		code  int
		model string
		check string
		err   string
	}{
		{"VF1LZBR0542606589", 0, "Fluence", "n/a", ""},
		{" vf1lzbr0542606589 ", 0, "Fluence", "n/a", ""},
		{"1M8GDM9AXKP042788", 0, "", "ok", ""},
		{"1HGCM82633A123456", 2, "", "", "check digit"},
		{"VF1LZBR0542606O89", 2, "", "", "position 15: letter O"},
		{"VF1LZ", 2, "", "", "17"},
	} {
		var out, errb bytes.Buffer
		code := cmdVIN([]string{tc.vin}, &out, &errb)
		if code != tc.code {
			t.Errorf("%q: exit %d, want %d (stderr %q)", tc.vin, code, tc.code, errb.String())
			continue
		}
		if code != 0 {
			if !strings.Contains(errb.String(), tc.err) {
				t.Errorf("%q: stderr %q does not say %q", tc.vin, errb.String(), tc.err)
			}
			continue
		}
		var d map[string]any
		if err := json.Unmarshal(out.Bytes(), &d); err != nil {
			t.Fatalf("%q: not JSON: %v", tc.vin, err)
		}
		for _, k := range []string{"vin", "wmi", "manufacturer", "country", "model", "check_digit", "registry"} {
			if _, ok := d[k]; !ok {
				t.Errorf("%q: key %q missing from %s", tc.vin, k, out.String())
			}
		}
		if tc.model != "" && d["model"] != tc.model || d["check_digit"] != tc.check {
			t.Errorf("%q: model %v check %v", tc.vin, d["model"], d["check_digit"])
		}
	}
}

// TestIdentityMatchesFyneApp keeps the compiled-in identity and the
// packager's FyneApp.toml in step.
func TestIdentityMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`ID = "` + appID + `"`, `Name = "` + appName + `"`, `Version = "` + appVersion + `"`, `Dir = "cmd/showroom"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("FyneApp.toml lacks %s", want)
		}
	}
}

func TestFlags(t *testing.T) {
	var errb bytes.Buffer
	c, err := parseFlags([]string{"--data", "/x", "--kiosk"}, &errb)
	if err != nil || c.DataDir != "/x" || !c.Kiosk || c.Demo {
		t.Fatalf("got %+v, %v", c, err)
	}
	if _, err := parseFlags([]string{"extra"}, &errb); err == nil {
		t.Fatal("a stray argument was accepted")
	}
	c, err = parseFlags([]string{"--demo"}, &errb)
	if err != nil || filepath.Base(c.DataDir) != "demo" || filepath.Base(filepath.Dir(c.DataDir)) != "showroom" {
		t.Fatalf("demo folder: %+v, %v", c, err)
	}
}
