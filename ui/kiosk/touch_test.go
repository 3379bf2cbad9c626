package kiosk

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	kw "github.com/myrenault/showroom/ui/widget"
)

// minTouch is the least height a finger can be trusted to hit, in pixels
// of the kiosk's screen (Fyne's units at a scale of 1, as the kiosk runs).
const minTouch = 56

// TestTouchTargets walks every screen at the kiosk's theme and measures
// everything a finger can tap there, as laid out at 1280×800: the welcome
// screen's three actions, the form's «Далее» and «Назад», the e-mail hint,
// «Согласен», the preferences, the PIN pad, «Продолжить». Each must be at
// least 56 px high.
func TestTouchTargets(t *testing.T) {
	r := newRig(t)
	k := r.k
	key := func(label string) fyne.Tappable {
		t.Helper()
		if k.keyb.Key(label) == nil {
			t.Fatalf("no key %q on the keyboard shown", label)
		}
		return k.keyb.Key(label)
	}
	check := func(screen string, want ...fyne.Tappable) {
		t.Helper()
		found := map[fyne.CanvasObject]bool{}
		for _, o := range tappables(t, r.w.Canvas()) {
			found[o] = true
			if h := o.Size().Height; h < minTouch {
				t.Errorf("%s: %s is %.0f px high, less than %d", screen, describe(o), h, minTouch)
			}
		}
		for _, o := range want {
			if !found[o.(fyne.CanvasObject)] {
				t.Errorf("%s: %s is not on the screen to tap", screen, describe(o.(fyne.CanvasObject)))
			}
		}
	}
	check("welcome", k.welcome.register, k.welcome.welcomePack, k.welcome.whereIsCar, k.language)

	test.Tap(k.welcome.register)
	test.Type(k.reg.last, "Игнатьева")
	test.Type(k.reg.first, "Полина")
	test.Type(k.reg.email, "polina@gmail.con")
	if k.reg.suggest.Text == " " {
		t.Fatal("no e-mail hint to measure")
	}
	check("registration", k.reg.next, k.reg.back, k.reg.suggest, k.reg.last, key(kw.KeyShift), key("q"), key("gmail.com"))
	test.Tap(k.reg.suggest)
	test.Tap(k.reg.next)
	check("consent", k.cons.agree, k.cons.back)
	test.Tap(k.cons.agree)
	check("preferences", k.prefs.email, k.prefs.marketing, k.prefs.submit, k.prefs.back)
	test.Tap(k.prefs.submit)
	r.q.run()
	check("congratulations", k.done.finish)
	r.advance(DefaultIdle)
	check("idle warning", k.warnContinue)
	test.Tap(k.warnContinue)
	test.Tap(k.done.finish)

	test.Tap(k.welcome.welcomePack)
	check("Welcome Pack", k.wp.login, k.wp.back, k.wp.idField)
	test.Type(k.wp.idField, "RU1000042")
	test.Type(k.wp.vinField, "VF1LZBR0542606589")
	test.Tap(k.wp.login)
	r.q.run()
	test.Type(k.wp.email, "petr@gmail.con")
	check("Welcome Pack e-mail", k.wp.emailNext, k.wp.email, k.wp.emailMsg, key("@"))
	k.home()

	test.Tap(k.welcome.whereIsCar)
	check("where is my car", k.ord.find, k.ord.back, key("0"))
	k.home()

	k.RequestExit()
	pad := []fyne.Tappable{k.pin.ok, k.pin.back, key(kw.KeyBackspace)}
	for _, d := range "0123456789" {
		pad = append(pad, key(string(d)))
	}
	check("staff PIN", pad...)
}

// tappables lists what a finger can tap on canvas c: every visible
// Tappable of the content and of the overlays, widgets' parts included. A
// field counts as one: the entry's parts are its own.
func tappables(t *testing.T, c fyne.Canvas) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if _, ok := o.(fyne.Tappable); ok {
			out = append(out, o)
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		case *kw.Field, *widget.Button, *kw.Key:
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(c.Content())
	for _, o := range c.Overlays().List() {
		walk(o)
	}
	return out
}

// describe names a tappable for a failure message.
func describe(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Button:
		return fmt.Sprintf("button %q", v.Text)
	case *kw.Key:
		return fmt.Sprintf("key %q", v.Label)
	case *tapLabel:
		return fmt.Sprintf("tappable text %q", v.Text)
	case *kw.Field:
		return fmt.Sprintf("field %q", v.PlaceHolder)
	}
	return fmt.Sprintf("%T", o)
}
