package widget

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func TestKeyboardTypesIntoTheFocusedField(t *testing.T) {
	test.NewTempApp(t)
	name, email := NewField(Cyrillic), NewField(Email)
	kb := NewKeyboard()
	w := test.NewWindow(container.NewVBox(name, email, kb))
	defer w.Close()
	for _, f := range []*Field{name, email} {
		f.OnFocus = func(f *Field) { kb.SetTarget(f, f.Kind, w.Canvas()) }
	}
	keys := 0
	kb.OnKey = func() { keys++ }

	test.Tap(name) // the field takes the focus and the keyboard follows
	test.Tap(kb.Key(KeyShift))
	for _, r := range []string{"и", "в", "а", "н", "н"} {
		test.Tap(kb.Key(r))
	}
	test.Tap(kb.Key(KeyBackspace))
	if name.Text != "Иван" {
		t.Fatalf("name = %q, want Иван (shift for one letter, backspace)", name.Text)
	}
	if w.Canvas().Focused() != name {
		t.Fatal("a key took the focus from the field")
	}

	test.Tap(email)
	if kb.Layout() != Email || kb.Key("gmail.com") == nil || kb.Key("q") == nil {
		t.Fatal("an e-mail field gets the Latin letters and the e-mail keys")
	}
	for _, k := range []string{"i", "v", "a", "n", "1", "@", "yandex.ru"} {
		test.Tap(kb.Key(k))
	}
	test.Type(email, "x") // a physical keyboard types too
	test.Tap(kb.Key(KeyBackspace))
	if email.Text != "ivan1@yandex.ru" || name.Text != "Иван" {
		t.Fatalf("email = %q, name = %q", email.Text, name.Text)
	}
	if keys != 15 {
		t.Errorf("OnKey called %d times, want 15", keys)
	}

	test.Tap(kb.Key(KeyAlphabet))
	if kb.Key("й") == nil || kb.Key("q") != nil {
		t.Fatal("the alphabet key switches to ЙЦУКЕН")
	}
	kb.Reset()
	test.Tap(kb.Key("а"))
	if name.Text != "Иван" || email.Text != "ivan1@yandex.ru" {
		t.Fatal("after Reset the keyboard types nowhere")
	}
}

// TestAlphabetKeyOnANameField: «ABC» on a Cyrillic field shows QWERTY and
// types Latin letters, though the tap takes the focus from the field and
// the field, taking it back, asks for its ЙЦУКЕН.
func TestAlphabetKeyOnANameField(t *testing.T) {
	test.NewTempApp(t)
	name, vin := NewField(Cyrillic), NewField(Latin)
	kb := NewKeyboard()
	w := test.NewWindow(container.NewVBox(name, vin, kb))
	defer w.Close()
	for _, f := range []*Field{name, vin} {
		f.OnFocus = func(f *Field) { kb.SetTarget(f, f.Kind, w.Canvas()) }
	}
	test.Tap(name)
	test.Tap(kb.Key(KeyAlphabet))
	if kb.Layout() != Latin || kb.Key("q") == nil {
		t.Fatalf("«ABC» on a name field: layout %d", kb.Layout())
	}
	test.Tap(kb.Key(KeyShift))
	for _, k := range []string{"j", "o", "h", "n"} {
		test.Tap(kb.Key(k))
	}
	if name.Text != "John" {
		t.Fatalf("name = %q, want John", name.Text)
	}
	test.Tap(vin)
	test.Tap(name)
	if kb.Layout() != Cyrillic {
		t.Fatal("a field touched again gets its own layout")
	}
}

func TestDigitsLayout(t *testing.T) {
	test.NewTempApp(t)
	f := NewField(Digits)
	kb := NewKeyboard()
	w := test.NewWindow(container.NewVBox(f, kb))
	defer w.Close()
	kb.SetTarget(f, Digits, w.Canvas())
	if kb.Key("а") != nil || kb.Key("q") != nil {
		t.Fatal("digits only")
	}
	for _, d := range "0061220040234" {
		test.Tap(kb.Key(string(d)))
	}
	if f.Text != "0061220040234" {
		t.Fatalf("%q", f.Text)
	}
	for _, k := range kb.keys {
		if s := k.MinSize(); s.Height < 56 {
			t.Fatalf("key %q is %v high, less than 56", k.Label, s.Height)
		}
	}
}

func TestQR(t *testing.T) {
	if NewQR("https://my.renault.ru/", 200) == nil {
		t.Fatal("no QR code")
	}
	if img := NewQR("https://my.renault.ru/", 200); img.MinSize() != fyne.NewSize(200, 200) {
		t.Fatal("size")
	}
}

// TestKeyboardKeepsItsKeys: the keyboard makes each set of keys once: the
// shift, the alphabet and the fields' layouts switch between the same
// keys all day, and a key shifted once types capitals only while shifted.
func TestKeyboardKeepsItsKeys(t *testing.T) {
	test.NewTempApp(t)
	name, email := NewField(Cyrillic), NewField(Email)
	kb := NewKeyboard()
	w := test.NewWindow(container.NewVBox(name, email, kb))
	defer w.Close()
	for _, f := range []*Field{name, email} {
		f.OnFocus = func(f *Field) { kb.SetTarget(f, f.Kind, w.Canvas()) }
	}
	test.Tap(name)
	a := kb.Key("а")
	for range 3 {
		test.Tap(kb.Key(KeyShift))
		test.Tap(kb.Key("а"))
		test.Tap(kb.Key("а"))
	}
	if name.Text != "АаАаАа" {
		t.Fatalf("typed %q, want АаАаАа", name.Text)
	}
	test.Tap(email)
	test.Tap(name)
	if kb.Key("а") != a {
		t.Fatal("the letters were made again for a field of the same layout")
	}
	if n := len(kb.sets); n != 3 {
		t.Fatalf("%d sets of keys made, want 3 (ЙЦУКЕН, shifted, e-mail)", n)
	}
}
