package staff

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// How the cabinet's sections change the store, and what they share to
// say so.

// act runs a change off the UI goroutine. msg says it is saving and, once
// the store has it, done; the card then reloads from the store. A failure
// goes to fail (which places a validation error beside its field) and msg
// says what went wrong; nothing is reloaded. A change while another runs
// is ignored: a double tap saves once.
func (v *cabinetView) act(msg *widget.Label, done string, work func(ctx context.Context, ref string) error, fail func(error)) {
	if v.editor == nil || v.busy {
		return
	}
	ref := v.cab.Customer.Ref
	v.busy = true
	setMessage(msg, ui.T("cab.saving"))
	v.async(func() func() {
		ctx, cancel := context.WithTimeout(v.ctx, 10*time.Second)
		defer cancel()
		err := work(ctx, ref)
		return func() {
			v.busy = false
			if v.cab.Customer.Ref != ref {
				return
			}
			if err != nil {
				if showroom.ErrorCode(err) == showroom.EInternal {
					v.logError("cabinet change failed", err)
				}
				if fail != nil {
					fail(err)
				}
				setMessage(msg, changeErrorText(err))
				msg.Importance = widget.DangerImportance
				msg.Refresh()
				return
			}
			// "Saved" shows with the card reloaded from the store.
			v.afterReload = func(err error) {
				if err != nil {
					done = ui.T("cab.reload.failed")
				}
				setMessage(msg, done)
			}
			v.reload(ref)
		}
	})
}

func (v *cabinetView) logError(what string, err error) {
	if v.log != nil {
		v.log.Error(what, "code", showroom.ErrorCode(err))
	}
}

// changeErrorText is the sentence for a failed change: a form's validation
// errors stand beside their fields, so the line only points at them.
func changeErrorText(err error) string {
	if _, ok := err.(showroom.ValidationErrors); ok {
		return ui.T("cab.checkfields")
	}
	return ui.ErrorText(err)
}

// msgLabel is a section's one-line account of a change.
func msgLabel() *widget.Label {
	l := wrapped("")
	l.Hide()
	return l
}

func setMessage(l *widget.Label, s string) {
	l.Importance = widget.MediumImportance
	l.Text = s
	l.Hidden = s == ""
	l.Refresh()
}

// form renders label/value rows; an empty value shows a dash.
func form(rows ...[2]string) *widget.Form {
	f := widget.NewForm()
	for _, r := range rows {
		val := r[1]
		if val == "" {
			val = ui.T("profile.notset")
		}
		l := widget.NewLabel(val)
		l.Wrapping = fyne.TextWrapWord
		f.Append(r[0], l)
	}
	return f
}

// subHeading is a section's bold sub-heading.
func subHeading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// carName is "Renault Model Version", or the order number of a car not
// yet built.
func carName(car showroom.Vehicle) string {
	if car.Model == "" && car.OrderNumber != "" {
		return ui.T("garage.order", car.OrderNumber)
	}
	return strings.TrimSpace(fmt.Sprintf("Renault %s %s", car.Model, car.Version))
}

// dmy is the cabinet's date format.
func dmy(t time.Time) string { return t.Local().Format("02.01.2006") }

// enumText names a stored enum value (gender, channel) in the current
// language; an empty value stays empty so the form shows a dash.
func enumText(prefix, v string) string {
	if v == "" {
		return ""
	}
	return ui.T(prefix + v)
}

// newForm is an «Изменить» form of the section in view.
func (v *cabinetView) newForm(fields []*formField, onSave, onCancel func()) *editForm {
	f := newEditForm(fields, onSave, onCancel)
	f.relayout = v.relayout
	f.focusOn = v.focus
	return f
}

// focus puts the cursor on o. A form just put on screen is not drawn yet,
// so the window is found through the tabs, which are.
func (v *cabinetView) focus(o fyne.Focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.tabs); c != nil {
		c.Focus(o)
	}
}

// relayout lays the section in view out again after a change of size
// within it.
func (v *cabinetView) relayout() {
	sc := v.scrolls[v.tabs.SelectedIndex()]
	sc.Content.Refresh()
	sc.Refresh()
}
