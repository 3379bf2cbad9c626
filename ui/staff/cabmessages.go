package staff

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// messagesSection is «Мои сообщения»: the inbox, Все | Непрочитанные,
// sorted by date either way, each message marked read or «Отметить как
// непрочитанные», or deleted.
type messagesSection struct {
	v   *cabinetView
	box *fyne.Container
	msg *widget.Label

	filter *widget.RadioGroup
	sort   *widget.RadioGroup
	list   *fyne.Container
	// rows holds each shown message's buttons, by message ID.
	rows map[string]*messageRow
}

type messageRow struct {
	toggle  *widget.Button // read ↔ unread
	remove  *widget.Button
	confirm *widget.Button
}

func msgFilters() []string { return []string{ui.T("cab.messages.all"), ui.T("cab.messages.unread")} }
func msgSortings() []string {
	return []string{ui.T("cab.messages.newest"), ui.T("cab.messages.oldest")}
}

func newMessagesSection(v *cabinetView) *messagesSection {
	s := &messagesSection{v: v, msg: msgLabel(), list: container.NewVBox()}
	s.filter = widget.NewRadioGroup(msgFilters(), func(string) { s.show(s.v.cab) })
	s.filter.Horizontal = true
	s.filter.Required = true
	s.filter.Selected = msgFilters()[0]
	s.sort = widget.NewRadioGroup(msgSortings(), func(string) { s.show(s.v.cab) })
	s.sort.Horizontal = true
	s.sort.Required = true
	s.sort.Selected = msgSortings()[0]
	s.box = container.NewVBox(container.NewHBox(s.filter, widget.NewSeparator(), s.sort), s.msg, s.list)
	return s
}

func (s *messagesSection) show(cab showroom.Cabinet) {
	var shown []showroom.Message
	unreadOnly := s.filter.Selected == msgFilters()[1]
	for _, m := range cab.Messages {
		if m.Deleted || unreadOnly && m.Read {
			continue
		}
		shown = append(shown, m)
	}
	oldest := s.sort.Selected == msgSortings()[1]
	slices.SortStableFunc(shown, func(a, b showroom.Message) int {
		if oldest {
			return a.At.Compare(b.At)
		}
		return b.At.Compare(a.At)
	})
	s.rows = map[string]*messageRow{}
	objs := []fyne.CanvasObject{}
	for _, m := range shown {
		objs = append(objs, s.card(m))
	}
	if len(objs) == 0 {
		none := ui.T("messages.none")
		if unreadOnly {
			none = ui.T("cab.messages.nounread")
		}
		objs = append(objs, widget.NewLabel(none))
	}
	s.list.Objects = objs
	s.list.Refresh()
}

func (s *messagesSection) card(m showroom.Message) *widget.Card {
	sub := m.At.Local().Format("02.01.2006 15:04")
	if !m.Read {
		sub += " · " + ui.T("messages.unread")
	}
	r := &messageRow{}
	s.rows[m.ID] = r
	id := m.ID
	if m.Read {
		r.toggle = &widget.Button{Text: ui.T("cab.messages.markunread"), Icon: theme.MailComposeIcon(),
			OnTapped: func() { s.mark(id, MarkUnread, ui.T("cab.messages.marked.unread")) }}
	} else {
		r.toggle = &widget.Button{Text: ui.T("cab.messages.markread"), Icon: theme.MailSendIcon(),
			OnTapped: func() { s.mark(id, MarkRead, ui.T("cab.messages.marked.read")) }}
	}
	r.remove = &widget.Button{Text: ui.T("cab.messages.delete"), Icon: theme.DeleteIcon()}
	r.confirm = &widget.Button{Text: ui.T("cab.messages.delete.confirm"), Icon: theme.DeleteIcon(),
		Importance: widget.DangerImportance, OnTapped: func() { s.mark(id, MarkDelete, ui.T("cab.messages.deleted")) }}
	r.confirm.Hide()
	r.remove.OnTapped = func() { r.remove.Hide(); r.confirm.Show() }
	if s.v.editor == nil {
		r.toggle.Hide()
		r.remove.Hide()
	}
	// The subject stands out from the body; an unread one has a mark.
	subject := m.Subject
	if !m.Read {
		subject = "● " + subject
	}
	title := widget.NewLabelWithStyle(subject, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	return widget.NewCard("", sub, container.NewVBox(title, wrapped(m.Body), container.NewHBox(r.toggle, r.remove, r.confirm)))
}

func (s *messagesSection) mark(id string, m MessageMark, done string) {
	s.v.act(s.msg, done, func(ctx context.Context, ref string) error {
		return s.v.editor.MarkMessage(ctx, ref, id, m)
	}, nil)
}
