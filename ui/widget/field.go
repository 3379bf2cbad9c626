package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Field is an entry that reports when it gains the focus, so that the
// on-screen keyboard follows the field the customer touched. A physical
// keyboard and a barcode scanner (which types like one) reach it as any
// focused entry.
type Field struct {
	widget.Entry
	// Kind chooses the keyboard layout the field wants.
	Kind Layout
	// OnFocus is called when the field gains the focus.
	OnFocus func(*Field)
}

// NewField makes a single-line field of the given kind.
func NewField(kind Layout) *Field {
	f := &Field{Kind: kind}
	f.ExtendBaseWidget(f)
	f.Wrapping = fyne.TextWrapOff
	return f
}

// FocusGained tells OnFocus, then does what an entry does.
func (f *Field) FocusGained() {
	f.Entry.FocusGained()
	if f.OnFocus != nil {
		f.OnFocus(f)
	}
}

// Tapped takes the focus as a touch does on the real screen; Fyne's test
// driver leaves focusing a tapped entry to the real driver.
func (f *Field) Tapped(ev *fyne.PointEvent) {
	f.Entry.Tapped(ev)
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil && c.Focused() != f {
		c.Focus(f)
	}
}
