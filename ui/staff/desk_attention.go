package staff

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// attentionView lists the changes the portal refused, each with the
// reason, to be fixed and sent again or discarded. A refused registration
// is fixed in its fields; other changes can be sent again as they were
// (the portal may know more by now: an order it did not know) or dropped.
type attentionView struct {
	w       *Window
	list    *fyne.Container
	message *widget.Label
	root    fyne.CanvasObject
	items   []AttentionItem
	count   int  // as the status bar last reported it
	loading bool // a load is under way

	// The fix of one change, shown instead of the list.
	fixing   *AttentionItem
	fields   *regFields
	fixMsg   *widget.Label
	fixTitle *widget.Label
	sendBtn  *widget.Button
	fixBox   *fyne.Container
	listBox  fyne.CanvasObject
	stack    *fyne.Container
	// discarding is the item whose discard waits for a second tap.
	discarding string
	seq        int
}

func newAttentionView(w *Window) *attentionView {
	v := &attentionView{w: w}
	v.list = container.NewVBox()
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(ui.T("desk.attention.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(ui.T("desk.attention.hint"))
	hint.Wrapping = fyne.TextWrapWord
	v.listBox = container.NewBorder(container.NewVBox(title, hint, v.message), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.list)))

	v.fields = newRegFields(w, v.send)
	v.fixMsg = widget.NewLabel("")
	v.fixMsg.Wrapping = fyne.TextWrapWord
	v.sendBtn = &widget.Button{Text: ui.T("desk.attention.sendfixed"), Importance: widget.HighImportance, OnTapped: v.send}
	cancel := &widget.Button{Text: ui.T("desk.attention.cancel"), OnTapped: v.closeFix}
	v.fixTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.fixBox = container.NewVBox(v.fixTitle, v.fixMsg, v.fields.form, container.NewHBox(v.sendBtn, cancel))
	fixScroll := container.NewVScroll(container.NewPadded(v.fixBox))
	fixScroll.Hide()
	v.stack = container.NewStack(v.listBox, fixScroll)
	v.root = v.stack
	return v
}

// load reads the refused changes off the UI goroutine.
func (v *attentionView) load() {
	v.seq++
	seq := v.seq
	v.loading = true
	v.message.SetText(ui.T("staff.status.loading"))
	var items []AttentionItem
	v.w.call(func(ctx context.Context) (err error) {
		items, err = v.w.work.work.Attention(ctx)
		return err
	}, func(err error) {
		if seq != v.seq {
			return
		}
		v.loading = false
		if err != nil {
			v.w.logFailure("attention list failed to load", err)
			v.message.SetText(ui.T("desk.loadfailed"))
			return
		}
		v.show(items)
	})
}

func (v *attentionView) show(items []AttentionItem) {
	v.items = items
	v.count = len(items)
	v.discarding = ""
	v.list.RemoveAll()
	if len(items) == 0 {
		v.message.SetText(ui.T("desk.attention.none"))
	} else {
		v.message.SetText(ui.T("desk.attention.count", len(items)))
	}
	for i := range items {
		it := &items[i]
		head := widget.NewLabelWithStyle(joinNonEmpty(" · ", mutationText(it.Type), it.What), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		reason := widget.NewLabel(reasonText(it))
		reason.Wrapping = fyne.TextWrapWord
		reason.Importance = widget.DangerImportance
		when := widget.NewLabel(ui.T("desk.attention.when", it.RejectedAt.In(v.w.now().Location()).Format("02.01.2006 15:04")))
		var fix *widget.Button
		if it.Registration != nil || it.Fields != nil {
			fix = &widget.Button{Text: ui.T("desk.attention.fix"), Importance: widget.HighImportance, OnTapped: func() { v.openFix(it) }}
		} else {
			fix = &widget.Button{Text: ui.T("desk.attention.resend"), Importance: widget.HighImportance, OnTapped: func() { v.resend(it.ID, Fix{}) }}
		}
		discard := &widget.Button{Text: ui.T("desk.attention.discard"), Importance: widget.DangerImportance}
		discard.OnTapped = func() { v.discard(it.ID, discard) }
		v.list.Add(container.NewVBox(head, reason, when, container.NewHBox(fix, discard), widget.NewSeparator()))
	}
	v.w.relayout()
}

// mutationText names a kind of change for people.
func mutationText(typ string) string {
	key := "desk.mutation." + typ
	if t := ui.T(key); t != key {
		return t
	}
	return typ
}

// reasonText is the portal's reason: the domain's sentence for a code it
// knows, with the field; the portal's message otherwise (it names fields,
// never values).
func reasonText(it *AttentionItem) string {
	e := &showroom.Error{Code: showroom.Code(it.Code), Field: it.Field}
	generic := (&showroom.Error{Code: showroom.EInvalid}).Text(ui.Lang())
	if t := e.Text(ui.Lang()); it.Code != "" && e.Code != showroom.EInternal && (t != generic || e.Code == showroom.EInvalid) {
		if it.Message != "" && e.Code == showroom.EInvalid {
			return it.Message
		}
		return t
	}
	if it.Message != "" {
		return it.Message
	}
	return it.Code
}

func (v *attentionView) openFix(it *AttentionItem) {
	v.w.touch()
	v.fixing = it
	if it.Registration != nil {
		v.fields.set(*it.Registration)
		v.fields.only(nil)
	} else {
		v.fields.set(showroom.Registration{})
		for name, value := range it.Fields {
			v.fields.entry(name).SetText(value)
		}
		v.fields.only(it.Fields)
	}
	// The portal's reason stands beside the field it names.
	v.fields.showErrors(showroom.ValidationErrors{{Code: showroom.Code(it.Code), Field: it.Field}})
	v.fixMsg.SetText(reasonText(it))
	v.fixTitle.SetText(ui.T("desk.attention.fixtitle", joinNonEmpty(" · ", mutationText(it.Type), it.What)))
	v.sendBtn.Enable()
	v.stack.Objects[0].Hide()
	v.stack.Objects[1].Show()
	v.w.relayout()
	v.w.setFocus(v.fields.entry(it.Field))
}

func (v *attentionView) closeFix() {
	v.w.touch()
	v.fixing = nil
	v.fields.set(showroom.Registration{})
	v.stack.Objects[1].Hide()
	v.stack.Objects[0].Show()
	v.w.relayout()
}

// send sends the fixed change again.
func (v *attentionView) send() {
	it := v.fixing
	if it == nil {
		return
	}
	var fix Fix
	if it.Registration != nil {
		r := *it.Registration
		v.fields.fill(&r)
		fix.Registration = &r
	} else {
		fix.Fields = map[string]string{}
		for name := range it.Fields {
			fix.Fields[name] = v.fields.entry(name).Text
		}
	}
	v.resend(it.ID, fix)
}

// resend puts the change back into the outbox under a new key, off the UI
// goroutine.
func (v *attentionView) resend(id string, fix Fix) {
	v.w.touch()
	v.sendBtn.Disable()
	fixed := fix.Registration != nil || fix.Fields != nil
	v.w.call(func(ctx context.Context) error {
		return v.w.work.work.Resend(ctx, id, fix)
	}, func(err error) {
		v.sendBtn.Enable()
		if err != nil {
			if fixed {
				if e := (*showroom.Error)(nil); fix.Fields != nil && errors.As(err, &e) && e.Field != "" {
					err = showroom.ValidationErrors{e} // the field's own error shows at it
				}
				if rest := v.fields.showErrors(err); rest != nil {
					v.w.logFailure("resend failed", rest)
					v.fixMsg.SetText(ui.T("desk.savefailed"))
				} else {
					v.fixMsg.SetText(ui.T("desk.register.fix"))
				}
				return
			}
			v.w.logFailure("resend failed", err)
			v.message.SetText(ui.T("desk.savefailed"))
			return
		}
		if fixed {
			v.closeFix()
		}
		v.load()
		v.w.pollSync()
		v.message.SetText(ui.T("desk.attention.sent"))
	})
}

// discard drops a change on the second tap of its button.
func (v *attentionView) discard(id string, b *widget.Button) {
	v.w.touch()
	if v.discarding != id {
		v.discarding = id
		b.SetText(ui.T("desk.attention.sure"))
		v.w.relayout()
		return
	}
	v.w.call(func(ctx context.Context) error {
		return v.w.work.work.Discard(ctx, id)
	}, func(err error) {
		if err != nil {
			v.w.logFailure("discard failed", err)
			v.message.SetText(ui.T("desk.savefailed"))
			return
		}
		v.load()
		v.w.pollSync()
	})
}
