package staff

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// editForm is an «Изменить» form of the cabinet: labelled fields, each
// with its error line, and Сохранить / Отмена. Enter in any entry saves,
// so that staff change a field without the mouse.
type editForm struct {
	fields map[string]*formField
	order  []*formField
	save   *widget.Button
	cancel *widget.Button
	root   *fyne.Container
	// relayout lays the section out again when an error line appears or
	// goes: the form's rows change height.
	relayout func()
	// focusOn puts the cursor on an entry of the form.
	focusOn func(fyne.Focusable)
}

type formField struct {
	key   string
	label string
	obj   fyne.CanvasObject
	err   *widget.Label
}

// newEditForm lays out the fields (made by the entry, choice and check
// helpers) with the buttons.
func newEditForm(fields []*formField, onSave, onCancel func()) *editForm {
	f := &editForm{fields: map[string]*formField{}, order: fields}
	f.save = &widget.Button{Text: ui.T("cab.save"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: onSave}
	f.cancel = &widget.Button{Text: ui.T("cab.cancel"), Icon: theme.CancelIcon(), OnTapped: onCancel}
	form := widget.NewForm()
	for _, fd := range fields {
		f.fields[fd.key] = fd
		fd.err = widget.NewLabel("")
		fd.err.Importance = widget.DangerImportance
		fd.err.Wrapping = fyne.TextWrapWord
		fd.err.Hide()
		if e, ok := fd.obj.(*widget.Entry); ok {
			e.OnSubmitted = func(string) { onSave() }
		}
		form.Append(fd.label, container.NewVBox(fd.obj, fd.err))
	}
	f.root = container.NewVBox(form, container.NewHBox(f.save, f.cancel))
	return f
}

func entryField(key, label, text string) *formField {
	e := widget.NewEntry()
	e.SetText(text)
	return &formField{key: key, label: label, obj: e}
}

func labelField(key, label, text string) *formField {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return &formField{key: key, label: label, obj: l}
}

// choiceField is a Select of values shown by their names; names[i] names
// values[i].
func choiceField(key, label string, values, names []string, selected string) *formField {
	s := widget.NewSelect(names, nil)
	for i, v := range values {
		if v == selected {
			s.SetSelectedIndex(i)
		}
	}
	return &formField{key: key, label: label, obj: s}
}

func checkField(key, label, text string, on bool) *formField {
	c := widget.NewCheck(text, nil)
	c.SetChecked(on)
	return &formField{key: key, label: label, obj: c}
}

func (f *editForm) entry(key string) *widget.Entry { return f.fields[key].obj.(*widget.Entry) }
func (f *editForm) text(key string) string         { return f.entry(key).Text }
func (f *editForm) choice(key string) *widget.Select {
	return f.fields[key].obj.(*widget.Select)
}
func (f *editForm) check(key string) *widget.Check { return f.fields[key].obj.(*widget.Check) }

// fieldError puts a message beside the field key; an empty one clears it.
func (f *editForm) fieldError(key, msg string) {
	fd, ok := f.fields[key]
	if !ok {
		return
	}
	if fd.err.Text == msg && fd.err.Hidden == (msg == "") {
		return
	}
	fd.err.Text = msg
	fd.err.Hidden = msg == ""
	fd.err.Refresh()
	if f.relayout != nil {
		f.relayout()
	}
}

// clearErrors empties every error line.
func (f *editForm) clearErrors() {
	for _, fd := range f.order {
		f.fieldError(fd.key, "")
	}
}

// showErrors places each validation error of err beside its field and
// reports whether any was placed.
func (f *editForm) showErrors(err error) bool {
	var ve showroom.ValidationErrors
	if !errors.As(err, &ve) {
		var e *showroom.Error
		if errors.As(err, &e) && e.Field != "" {
			ve = showroom.ValidationErrors{e}
		}
	}
	placed := false
	for _, e := range ve {
		if _, ok := f.fields[e.Field]; ok && f.fields[e.Field].err.Hidden {
			f.fieldError(e.Field, e.Text(ui.Lang()))
			placed = true
		}
	}
	return placed
}

// setBusy disables the buttons while a change is saved.
func (f *editForm) setBusy(busy bool) {
	for _, b := range []*widget.Button{f.save, f.cancel} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// focus puts the cursor into the form's first entry.
func (f *editForm) focus() {
	for _, fd := range f.order {
		if e, ok := fd.obj.(*widget.Entry); ok && f.focusOn != nil {
			e.CursorColumn = len([]rune(e.Text)) // typing adds to what is there
			f.focusOn(e)
			return
		}
	}
}
