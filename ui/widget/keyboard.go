package widget

import (
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layout is a set of keys of the on-screen keyboard.
type Layout int

// Layouts. A field asks for one; the customer can switch between Cyrillic
// and Latin at any time.
const (
	Cyrillic Layout = iota // ЙЦУКЕН
	Latin                  // QWERTY
	Email                  // QWERTY with the e-mail keys
	Digits                 // digits only: order numbers, PINs
)

// Rows of letters of each alphabet.
var letterRows = map[Layout][]string{
	Cyrillic: {"йцукенгшщзхъ", "фывапролджэ", "ячсмитьбюё"},
	Latin:    {"qwertyuiop", "asdfghjkl", "zxcvbnm"},
}

// emailKeys are the keys that type the common parts of an address at once.
// "_" sits with the letters, "-" beside the last row of letters: the row
// of e-mail keys must fit the screen's width.
var emailKeys = []string{"@", ".", ".ru", ".com", "gmail.com", "yandex.ru", "mail.ru"}

// Names of the special keys, as Key looks them up.
const (
	KeyShift     = "shift"
	KeyBackspace = "backspace"
	KeySpace     = "space"
	KeyAlphabet  = "alphabet"
)

// Target is what the keyboard types into: a focused entry.
type Target interface {
	TypedRune(rune)
	TypedKey(*fyne.KeyEvent)
}

// Keyboard is the on-screen keyboard. It types into its target, which the
// screen sets to the field the customer touched (see Field), and shows the
// layout that field asks for.
type Keyboard struct {
	widget.BaseWidget

	// OnKey is called after every key, so that the kiosk knows someone is
	// there.
	OnKey func()

	target   Target
	canvas   fyne.Canvas
	layout   Layout
	alphabet Layout // the letters shown for Email and free text
	shift    bool
	keys     map[string]*Key
	box      *fyne.Container
	// sets keeps every set of keys shown so far: a kiosk switches layouts
	// and the shift all day, and building the keys afresh each time would
	// leave hundreds of widgets behind per customer.
	sets map[keySetID]keySet
}

// keySetID names a set of keys: what they type and whether shifted.
type keySetID struct {
	layout, alphabet Layout
	shift            bool
}

type keySet struct {
	rows []fyne.CanvasObject
	keys map[string]*Key
}

// NewKeyboard makes a keyboard showing Cyrillic letters.
func NewKeyboard() *Keyboard {
	k := &Keyboard{alphabet: Cyrillic, box: container.NewVBox()}
	k.ExtendBaseWidget(k)
	k.build()
	return k
}

// CreateRenderer draws the rows of keys.
func (k *Keyboard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.box)
}

// SetTarget makes the keyboard type into t, in the layout it asks for, and
// gives t the focus back after each key on canvas c (a tap on a key takes
// it away). A nil t types nowhere.
func (k *Keyboard) SetTarget(t Target, l Layout, c fyne.Canvas) {
	if t != nil && t == k.target {
		// The same field taking back its focus after a key keeps the keys
		// shown: after «ABC» on a name field, QWERTY, not the field's
		// ЙЦУКЕН again at once.
		k.canvas = c
		return
	}
	k.target, k.canvas = t, c
	switch l {
	case Cyrillic, Latin:
		k.alphabet = l
	case Email:
		k.alphabet = Latin // addresses are mostly Latin; АБВ is one tap away
	}
	if l != k.layout || k.keys == nil || l == Email {
		k.layout = l
		k.build()
	}
}

// Reset drops the target, the shift and the switched alphabet: nothing of
// the last customer stays.
func (k *Keyboard) Reset() {
	k.target, k.shift, k.alphabet, k.layout = nil, false, Cyrillic, Cyrillic
	k.build()
}

// Key returns the key labelled label (a letter in lower case, a digit, an
// e-mail key) or named by one of the Key… names, or nil.
func (k *Keyboard) Key(label string) *Key { return k.keys[label] }

// Layout is the layout shown.
func (k *Keyboard) Layout() Layout { return k.layout }

// build shows the keys of the layout, the alphabet and the shift, made
// once and kept.
func (k *Keyboard) build() {
	id := keySetID{layout: k.layout, alphabet: k.alphabet, shift: k.shift}
	if k.layout == Digits {
		id.alphabet, id.shift = 0, false
	}
	if set, ok := k.sets[id]; ok {
		k.keys = set.keys
		k.box.Objects = set.rows
		k.box.Refresh()
		return
	}
	k.make()
	if k.sets == nil {
		k.sets = map[keySetID]keySet{}
	}
	k.sets[id] = keySet{rows: k.box.Objects, keys: k.keys}
}

// make makes the keys of the layout shown.
func (k *Keyboard) make() {
	k.keys = map[string]*Key{}
	var rows []fyne.CanvasObject
	row := func(keys ...*Key) {
		objs := make([]fyne.CanvasObject, len(keys))
		for i, key := range keys {
			objs[i] = key
		}
		rows = append(rows, container.NewCenter(container.NewHBox(objs...)))
	}
	var digits []*Key
	for _, r := range "1234567890" {
		digits = append(digits, k.runeKey(r))
	}
	if k.layout == Digits {
		row(digits[:3]...)
		row(digits[3:6]...)
		row(digits[6:9]...)
		row(k.runeKey('+'), digits[9], k.special(KeyBackspace, "⌫", 2, func() { k.press(fyne.KeyBackspace) }))
		k.box.Objects = rows
		k.box.Refresh()
		return
	}
	row(append(digits, k.special(KeyBackspace, "⌫", 2, func() { k.press(fyne.KeyBackspace) }))...)
	alphabet := k.alphabet
	for i, letters := range letterRows[alphabet] {
		var keys []*Key
		if i == 2 {
			keys = append(keys, k.special(KeyShift, "⇧", 1.5, k.toggleShift))
		}
		for _, r := range letters {
			keys = append(keys, k.runeKey(r))
		}
		if i == 1 && k.layout == Email {
			keys = append(keys, k.textKey("_"))
		}
		if i == 2 {
			keys = append(keys, k.runeKey('-'))
		}
		row(keys...)
	}
	other := "ABC"
	if alphabet == Latin {
		other = "АБВ"
	}
	bottom := []*Key{k.special(KeyAlphabet, other, 1.5, k.switchAlphabet)}
	if k.layout == Email {
		for _, s := range emailKeys {
			bottom = append(bottom, k.textKey(s))
		}
	} else {
		bottom = append(bottom, k.runeKey(','), k.special(KeySpace, " ", 6, func() { k.typeText(" ") }), k.runeKey('.'))
	}
	row(bottom...)
	k.box.Objects = rows
	k.box.Refresh()
}

func (k *Keyboard) runeKey(r rune) *Key {
	label := string(r)
	if k.shift {
		label = strings.ToUpper(label)
	}
	key := newKey(label, 1, func() {
		c := r
		if k.shift {
			c = unicode.ToUpper(r)
		}
		k.typeText(string(c))
		if k.shift {
			k.shift = false
			k.build()
		}
	})
	k.keys[string(r)] = key
	return key
}

func (k *Keyboard) textKey(s string) *Key {
	w := float32(1)
	switch n := len([]rune(s)); {
	case n > 4:
		w = 2.1
	case n == 4:
		w = 1.3
	}
	key := newKey(s, w, func() { k.typeText(s) })
	k.keys[s] = key
	return key
}

func (k *Keyboard) special(name, label string, w float32, f func()) *Key {
	key := newKey(label, w, f)
	key.special = true
	k.keys[name] = key
	return key
}

func (k *Keyboard) toggleShift() {
	k.shift = !k.shift
	k.build()
	k.done()
}

func (k *Keyboard) switchAlphabet() {
	if k.alphabet == Cyrillic {
		k.alphabet = Latin
	} else {
		k.alphabet = Cyrillic
	}
	if k.layout == Cyrillic || k.layout == Latin {
		k.layout = k.alphabet
	}
	k.build()
	k.done()
}

func (k *Keyboard) typeText(s string) {
	if k.target != nil {
		for _, r := range s {
			k.target.TypedRune(r)
		}
	}
	k.done()
}

func (k *Keyboard) press(name fyne.KeyName) {
	if k.target != nil {
		k.target.TypedKey(&fyne.KeyEvent{Name: name})
	}
	k.done()
}

// done gives the focus back to the target and reports the key.
func (k *Keyboard) done() {
	if f, ok := k.target.(fyne.Focusable); ok && k.canvas != nil && k.canvas.Focused() != f {
		k.canvas.Focus(f)
	}
	if k.OnKey != nil {
		k.OnKey()
	}
}

// KeySize is the size of a one-unit key: well above the 56 px a finger
// needs.
var KeySize = fyne.NewSize(72, 56)

// Key is one key of the keyboard. It is not focusable, so that touching it
// leaves the focus where the customer is typing.
type Key struct {
	widget.BaseWidget
	Label    string
	width    float32
	special  bool
	onTapped func()
}

func newKey(label string, width float32, f func()) *Key {
	k := &Key{Label: label, width: width, onTapped: f}
	k.ExtendBaseWidget(k)
	return k
}

// Tapped runs the key.
func (k *Key) Tapped(*fyne.PointEvent) {
	if k.onTapped != nil {
		k.onTapped()
	}
}

// MinSize is the key's size.
func (k *Key) MinSize() fyne.Size {
	return fyne.NewSize(KeySize.Width*k.width+theme.Padding()*(k.width-1), KeySize.Height)
}

// CreateRenderer draws a rounded key with its label.
func (k *Key) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	if k.special {
		bg.FillColor = color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	}
	bg.CornerRadius = 6
	label := canvas.NewText(k.Label, theme.Color(theme.ColorNameForeground))
	label.TextSize = theme.TextSize() * 1.3
	label.Alignment = fyne.TextAlignCenter
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewCenter(label)))
}
