package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/myrenault/showroom/assets/demo"
)

// Helpers of the cabinet's tests: the demo desk with the editor, and a
// user's ways to find, type into and read its forms.

// Section tabs, in the cabinet's order.
const (
	tabHome = iota
	tabProfile
	tabGarage
	tabPreferences
	tabNotifications
	tabService
	tabOffers
	tabMessages
)

// cabinetDesk is the demo desk with the cabinet's editor, showing the
// customer ref (the demo's showcase customer when ref is empty).
func cabinetDesk(t *testing.T, ref string) (*deskUI, string) {
	t.Helper()
	return cabinetDeskOn(t, openDemo(t), ref)
}

func cabinetDeskOn(t *testing.T, a *App, ref string) (*deskUI, string) {
	t.Helper()
	d := openDeskOn(t, a, nil, nil)
	d.s.SetEditor(cabinetEditor{db: a.DB})
	if ref == "" {
		ref = demo.New(demoSeed, demo.DefaultSizes()).Cabinet(0).Customer.Ref
	}
	d.s.OpenCustomer(ref)
	d.await("the cabinet and its reference data", func() bool { return d.shows("Отзывных кампаний") })
	return d, ref
}

// await applies the results of background work until ok holds: the desk
// runs other work too (the sync status), in no fixed order with ours.
func (d *deskUI) await(what string, ok func() bool) {
	d.t.Helper()
	for !ok() {
		if d.pending.Load() == 0 {
			d.t.Fatalf("%s: never came: %q", what, d.texts())
		}
		d.wait(what)
	}
}

// shows reports whether the screen shows text, within one drawn line or
// one label (a wrapped label draws its text in several lines).
func (d *deskUI) shows(text string) bool {
	if contains(d.texts(), text) {
		return true
	}
	hit := false
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if hit || o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			hit = strings.Contains(v.Text, text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(d.t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(d.w.Content())
	return hit
}

// buttons returns the visible buttons with the text, in screen order.
func (d *deskUI) buttons(text string, n int) []*widget.Button {
	d.t.Helper()
	var out []*widget.Button
	find(d.t, d.w.Content(), func(b *widget.Button) bool {
		if b.Text == text {
			out = append(out, b)
		}
		return len(out) == n
	})
	return out
}

func (d *deskUI) tabs() *container.AppTabs {
	return find(d.t, d.w.Content(), func(*container.AppTabs) bool { return true })
}

func (d *deskUI) selectTab(i int) { d.tabs().SelectIndex(i) }

// field returns the widget of the form field labelled label and the label
// that shows its error.
func (d *deskUI) field(label string) (fyne.CanvasObject, *widget.Label) {
	d.t.Helper()
	var obj fyne.CanvasObject
	var errLine *widget.Label
	find(d.t, d.w.Content(), func(f *widget.Form) bool {
		for _, it := range f.Items {
			if it.Text == label {
				box := it.Widget.(*fyne.Container)
				obj, errLine = box.Objects[0], box.Objects[1].(*widget.Label)
				return true
			}
		}
		return false
	})
	return obj, errLine
}

// typeInto clears the entry labelled label and types text into it.
func (d *deskUI) typeInto(label, text string) *widget.Entry {
	d.t.Helper()
	o, _ := d.field(label)
	e := o.(*widget.Entry)
	e.SetText("")
	test.Type(e, text)
	return e
}

// enter presses Enter in e, which saves its form.
func enter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func (d *deskUI) fieldError(label string) string {
	_, l := d.field(label)
	if !l.Visible() {
		return ""
	}
	return l.Text
}

// decodeStrict decodes a mutation into its wire type, refusing any field
// the type does not have.
func decodeStrict(t *testing.T, data json.RawMessage, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s does not decode into %T: %v", data, v, err)
	}
}
