package kiosk

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// TestIdleWipe leaves the form alone: the warning after 90 s, «Продолжить»
// keeps it, 20 s more after the next 90 s wipe every field, the keyboard
// (switched to QWERTY and shifted by the customer), the clipboard (the
// name copied to it with the physical keyboard) and the language.
func TestIdleWipe(t *testing.T) {
	// The app's clipboard, which the kiosk wipes when given none: the one
	// a field copies to.
	r := newRig(t, func(o *Options) { o.Clipboard = nil })
	k := r.k
	test.Tap(k.language) // English
	test.Tap(k.welcome.register)
	test.Tap(k.reg.last)
	r.keys(t, "Иванова")
	clip := fyne.CurrentApp().Clipboard()
	k.reg.last.TypedShortcut(&fyne.ShortcutSelectAll{})
	k.reg.last.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if clip.Content() != "Иванова" {
		t.Fatalf("the copy did not reach the clipboard: %q", clip.Content())
	}
	test.Tap(k.keyb.Key(kw.KeyAlphabet))
	test.Tap(k.keyb.Key(kw.KeyShift))
	if k.keyb.Layout() != kw.Latin || k.keyb.Key("q") == nil || k.keyb.Key("q").Label != "Q" {
		t.Fatal("the keyboard is not QWERTY and shifted: the test proves nothing")
	}
	r.advance(DefaultIdle - time.Second)
	if k.warning != nil {
		t.Fatal("warning too early")
	}
	r.advance(time.Second)
	if k.warning == nil || k.warnTxt.Text != "What you typed will be erased in 20 s." {
		t.Fatalf("warning at 90 s: %v", k.warning != nil)
	}
	r.advance(5 * time.Second)
	if k.warnTxt.Text != "What you typed will be erased in 15 s." {
		t.Fatalf("countdown: %q", k.warnTxt.Text)
	}
	test.Tap(k.warnContinue)
	if k.warning != nil || k.draft.last != "Иванова" {
		t.Fatal("«Продолжить» keeps the form")
	}
	r.advance(DefaultIdle + IdleWarning - time.Second)
	if k.screen != scrRegister || k.keyb.Layout() != kw.Latin {
		t.Fatal("wiped too early")
	}
	old := k.reg.last
	r.advance(time.Second)
	if k.screen != scrWelcome || k.draft != (draft{}) || clip.Content() != "" || ui.Lang() != showroom.Russian {
		t.Fatalf("not wiped: screen %d, draft %+v, clipboard %q, lang %s", k.screen, k.draft, clip.Content(), ui.Lang())
	}
	assertFreshKeyboard(t, k)
	test.Tap(k.keyb.Key("а"))
	if old.Text != "Иванова" {
		t.Fatalf("the keyboard still types into the last customer's field: %q", old.Text)
	}
	test.Tap(k.welcome.register)
	if k.reg.last.Text != "" {
		t.Fatal("the next customer sees an empty form")
	}
	assertFreshKeyboard(t, k)
}

// assertFreshKeyboard expects the keyboard a new customer starts with:
// ЙЦУКЕН, unshifted.
func assertFreshKeyboard(t *testing.T, k *Kiosk) {
	t.Helper()
	if k.keyb.Layout() != kw.Cyrillic || k.keyb.Key("q") != nil || k.keyb.Key("й") == nil || k.keyb.Key("й").Label != "й" {
		label := ""
		if key := k.keyb.Key("й"); key != nil {
			label = key.Label
		}
		t.Fatalf("keyboard not reset: layout %d, й key %q, q key %v", k.keyb.Layout(), label, k.keyb.Key("q") != nil)
	}
}

// TestIdleWipeEveryJourney leaves each of the other journeys half done:
// the warning, then the wipe, the welcome screen, and the journey opened
// again is empty.
func TestIdleWipeEveryJourney(t *testing.T) {
	tests := []struct {
		name  string
		start func(t *testing.T, r *rig)
		wiped func(k *Kiosk) bool
		open  func(r *rig)
		empty func(k *Kiosk) bool
	}{{
		name: "Welcome Pack",
		start: func(t *testing.T, r *rig) {
			test.Tap(r.k.welcome.welcomePack)
			r.keys(t, "RU1000042")
			test.Type(r.k.wp.vinField, "VF1LZBR0542606589")
		},
		wiped: func(k *Kiosk) bool { return k.wp == (wpState{}) },
		open:  func(r *rig) { test.Tap(r.k.welcome.welcomePack) },
		empty: func(k *Kiosk) bool {
			return k.wp.idField.Text == "" && k.wp.vinField.Text == "" && k.wp.login.Disabled()
		},
	}, {
		name: "Welcome Pack e-mail",
		start: func(t *testing.T, r *rig) {
			test.Tap(r.k.welcome.welcomePack)
			test.Type(r.k.wp.idField, "RU1000042")
			test.Type(r.k.wp.vinField, "VF1LZBR0542606589")
			test.Tap(r.k.wp.login)
			r.q.run()
			r.keys(t, "petr", "@", "mail.ru")
		},
		wiped: func(k *Kiosk) bool { return k.wp == (wpState{}) && k.draft == (draft{}) },
		open:  func(r *rig) { test.Tap(r.k.welcome.welcomePack) },
		empty: func(k *Kiosk) bool { return k.wp.idField.Text == "" && k.wp.vinField.Text == "" },
	}, {
		name: "Where is my car",
		start: func(t *testing.T, r *rig) {
			test.Tap(r.k.welcome.whereIsCar)
			r.keys(t, "0061220040234")
			test.Tap(r.k.ord.lastField)
			r.keys(t, "Семёнов")
		},
		wiped: func(k *Kiosk) bool { return k.ord == (orderState{}) },
		open:  func(r *rig) { test.Tap(r.k.welcome.whereIsCar) },
		empty: func(k *Kiosk) bool {
			return k.ord.numField.Text == "" && k.ord.lastField.Text == "" && k.ord.find.Disabled()
		},
	}, {
		name: "staff PIN",
		start: func(t *testing.T, r *rig) {
			r.k.RequestExit()
			r.keys(t, "2468")
		},
		wiped: func(k *Kiosk) bool { return k.pin == (pinState{}) },
		open:  func(r *rig) { r.k.RequestExit() },
		empty: func(k *Kiosk) bool { return k.pin.field.Text == "" && k.pin.ok.Disabled() },
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			k := r.k
			r.be.order = showroom.Order{Number: "0061220040234", Status: showroom.OrderReceived}
			tt.start(t, r)
			shown := k.screen
			if tt.wiped(k) {
				t.Fatal("nothing typed: the test proves nothing")
			}
			r.advance(DefaultIdle)
			if k.warning == nil || k.screen != shown {
				t.Fatalf("no warning at 90 s: screen %d", k.screen)
			}
			r.advance(IdleWarning)
			if k.screen != scrWelcome || k.warning != nil || !tt.wiped(k) {
				t.Fatalf("not wiped: screen %d", k.screen)
			}
			assertFreshKeyboard(t, k)
			tt.open(r)
			if !tt.empty(k) {
				t.Fatal("the journey opened again shows the last customer's fields")
			}
		})
	}
}

// TestIdleWelcomeBackToRussian: a customer taps English on the attract
// screen and walks away; after the idle timeout the next customer finds
// it in Russian, without a warning, for nothing was typed.
func TestIdleWelcomeBackToRussian(t *testing.T) {
	r := newRig(t)
	k := r.k
	test.Tap(k.language)
	r.advance(DefaultIdle - time.Second)
	if ui.Lang() != showroom.English || k.welcome.register.Text != "Register" {
		t.Fatalf("back to Russian too early: %q", k.welcome.register.Text)
	}
	r.advance(time.Second)
	if ui.Lang() != showroom.Russian || k.welcome.register.Text != "Зарегистрироваться" || k.language.Text != "English" {
		t.Fatalf("still English after 90 s: %q / %q", k.welcome.register.Text, k.language.Text)
	}
	if k.warning != nil || r.w.Canvas().Overlays().Top() != nil {
		t.Fatal("a warning over the welcome screen, where nothing was typed")
	}
	// A touch starts the count again.
	test.Tap(k.language)
	r.advance(DefaultIdle / 2)
	test.Tap(k.language) // Russian…
	test.Tap(k.language) // …and English again, a touch
	r.advance(DefaultIdle - time.Second)
	if ui.Lang() != showroom.English {
		t.Fatal("a touch did not restart the count")
	}
}

func TestClampIdle(t *testing.T) {
	for in, want := range map[time.Duration]time.Duration{
		0: DefaultIdle, time.Second: MinIdle, -time.Hour: MinIdle, 45 * time.Second: 45 * time.Second,
		time.Hour: MaxIdle,
	} {
		if got := ClampIdle(in); got != want {
			t.Errorf("ClampIdle(%v) = %v, want %v", in, got, want)
		}
	}
}
