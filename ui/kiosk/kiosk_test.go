package kiosk

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

func TestLanguageToggle(t *testing.T) {
	test.NewTempApp(t)
	defer ui.SetLang(showroom.Russian)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	k := New(ctx)
	w := test.NewWindow(k.Content())
	defer w.Close()

	if k.register.Text != "Зарегистрироваться" || k.language.Text != "English" {
		t.Fatalf("Russian by default: got %q / %q", k.register.Text, k.language.Text)
	}
	test.Tap(k.language)
	if k.register.Text != "Register" || k.whereIsCar.Text != "Where is my car?" || k.language.Text != "Русский" {
		t.Fatalf("after one tap, English: got %q / %q / %q", k.register.Text, k.whereIsCar.Text, k.language.Text)
	}
	if k.benefit.Text != "Personal gifts and exclusive offers" {
		t.Errorf("benefit not translated: %q", k.benefit.Text)
	}
	test.Tap(k.language)
	if k.welcomePack.Text != "У меня есть логин и пароль" {
		t.Fatalf("back to Russian: got %q", k.welcomePack.Text)
	}
}

func TestBenefitsRotateThroughAll(t *testing.T) {
	test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	k := New(ctx)
	seen := map[string]bool{}
	for range benefitKeys {
		seen[k.benefit.Text] = true
		k.benefitIdx++
		k.relabel()
	}
	if len(seen) != len(benefitKeys) {
		t.Fatalf("saw %d distinct benefits, want %d", len(seen), len(benefitKeys))
	}
}
