package main

import (
	"context"
	"log/slog"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// recordingApp is a test app whose windows remember what the app set on
// them, and whose Quit is counted rather than done.
type recordingApp struct {
	fyne.App
	windows []*recordingWindow
	quits   int
}

func (a *recordingApp) NewWindow(title string) fyne.Window {
	w := &recordingWindow{Window: a.App.NewWindow(title)}
	a.windows = append(a.windows, w)
	return w
}

func (a *recordingApp) Quit() { a.quits++ }

// recordingWindow keeps the close intercept, which a test window takes but
// never calls, and counts the closes.
type recordingWindow struct {
	fyne.Window
	intercept func()
	closes    int
}

func (w *recordingWindow) SetCloseIntercept(f func()) {
	w.intercept = f
	w.Window.SetCloseIntercept(f)
}

func (w *recordingWindow) Close() {
	w.closes++
	w.Window.Close()
}

// pressClose is what the window manager's close button (or Alt+F4) does to
// a Fyne window: the intercept when there is one, else the close.
func (w *recordingWindow) pressClose() {
	if w.intercept != nil {
		w.intercept()
		return
	}
	w.Close()
}

// TestKioskWindowClosesOnlyWithPIN builds the kiosk's window as the app
// does: full screen, and the window's close button asks for the staff PIN
// and leaves the window open; only a good PIN quits the app.
func TestKioskWindowClosesOnlyWithPIN(t *testing.T) {
	fa := &recordingApp{App: test.NewTempApp(t)}
	fa.Settings().SetTheme(&ui.Theme{Scale: 1.4})
	ui.SetLang(showroom.Russian)
	a, err := Open(context.Background(), Config{DataDir: t.TempDir(), Kiosk: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	w := a.Window(ctx, fa)
	// The kiosk's clock stops: its ticks would run beside the test's
	// goroutine, and none is due within the test's second.
	cancel()
	t.Cleanup(w.Close)
	if len(fa.windows) != 1 || fa.windows[0] != w {
		t.Fatalf("%d windows made", len(fa.windows))
	}
	rw := fa.windows[0]
	if !w.FullScreen() {
		t.Error("the kiosk's window is not full screen")
	}
	if rw.intercept == nil {
		t.Fatal("closing the kiosk's window is not intercepted")
	}
	if got := texts(t, w.Canvas().Content()); !contains(got, "Зарегистрироваться") || contains(got, "Выход для сотрудников") {
		t.Fatal("the kiosk does not open on its welcome screen")
	}

	rw.pressClose()
	if rw.closes != 0 || fa.quits != 0 || !slices.Contains(fa.Driver().AllWindows(), rw.Window) {
		t.Fatalf("the close button closed the kiosk: %d closes, %d quits", rw.closes, fa.quits)
	}
	got := texts(t, w.Canvas().Content())
	if !contains(got, "Выход для сотрудников") || !contains(got, "Введите PIN сотрудника салона.") || !contains(got, "Выйти") {
		t.Fatalf("the close button does not ask for the staff PIN: %q", got)
	}
	rw.pressClose() // again, on the PIN screen
	if rw.closes != 0 || fa.quits != 0 {
		t.Fatal("a second press closed the kiosk")
	}
	// What a good PIN does in the end (the PIN itself is checked by the
	// kiosk's tests on the real store): the app quits.
	a.kioskOptions(context.Background(), fa).OnExit()
	if fa.quits != 1 {
		t.Fatal("a good PIN does not quit the app")
	}
}
