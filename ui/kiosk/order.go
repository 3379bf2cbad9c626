package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// orderState is «Где мой автомобиль?»: the order number and last name
// typed, and the answer.
type orderState struct {
	number, last string
	looking      bool
	numField     *kw.Field
	lastField    *kw.Field
	// numMsg says what is wrong with the number, or that no order was
	// found: one line fewer leaves the timeline its room.
	numMsg     *widget.Label
	find, back *widget.Button
	result     *fyne.Container
	order      *showroom.Order
}

func (k *Kiosk) orderContent() fyne.CanvasObject {
	s := &k.ord
	s.numMsg = message()
	s.numField = k.field(kw.Digits, s.number, func(v string) { s.number = v; s.order = nil; k.checkOrderFields() })
	s.lastField = k.field(kw.Cyrillic, s.last, func(v string) { s.last = v; s.order = nil; k.checkOrderFields() })
	s.numField.SetPlaceHolder("0061220040234")
	s.find = &widget.Button{Text: ui.T("kiosk.order.find"), Importance: widget.HighImportance, OnTapped: k.onFindOrder}
	s.back = &widget.Button{Text: ui.T("kiosk.back"), OnTapped: k.home}
	s.result = container.NewVBox()
	k.checkOrderFields()
	form := container.NewGridWithColumns(2,
		labelled(ui.T("kiosk.order.number"), s.numField, s.numMsg),
		labelled(ui.T("kiosk.field.last_name"), s.lastField, message()),
	)
	k.showTimeline()
	return k.typingPage(ui.T("kiosk.whereismycar"), ui.T("kiosk.order.hint"), container.NewVBox(form, s.result),
		s.numField, nil, s.back, s.find)
}

func (k *Kiosk) checkOrderFields() {
	s := &k.ord
	if s.find == nil {
		return
	}
	_, err := showroom.ParseOrderNumber(s.number)
	text := ""
	if err != nil && s.number != "" {
		text = ui.ErrorText(err)
	}
	setMessage(s.numMsg, text)
	_, nameErr := showroom.NormalizeName("last_name", s.last)
	if err != nil || nameErr != nil || s.looking {
		s.find.Disable()
	} else {
		s.find.Enable()
	}
	if s.order == nil {
		k.showTimeline()
	}
}

func (k *Kiosk) onFindOrder() {
	k.touch()
	s := &k.ord
	n, err := showroom.ParseOrderNumber(s.number)
	if err != nil || s.looking {
		return
	}
	s.looking = true
	k.checkOrderFields()
	last := s.last
	k.opt.Async(func() func() {
		o, err := k.be.FindOrder(k.ctx, n, last)
		return func() { k.orderFound(o, err) }
	})
}

func (k *Kiosk) orderFound(o showroom.Order, err error) {
	s := &k.ord
	s.looking = false
	if k.screen != scrOrder {
		return
	}
	k.checkOrderFields()
	if err != nil {
		s.order = nil
		setMessage(s.numMsg, ui.ErrorText(err))
		k.showTimeline()
		return
	}
	s.order = &o
	// The answer needs the room more than the keyboard does; touching a
	// field brings the keyboard back.
	k.keyb.Hide()
	if k.canvas != nil {
		k.canvas.Unfocus()
	}
	k.body.Refresh()
	k.showTimeline()
}

// showTimeline draws the four statuses, those the customer may see marked
// with their dates: the arrival only after the 5-day rule or the staff's
// announcement.
func (k *Kiosk) showTimeline() {
	s := &k.ord
	if s.result == nil {
		return
	}
	s.result.Objects = nil
	if s.order != nil {
		now := k.now()
		current := s.order.CustomerStatus(now)
		reached := map[showroom.OrderStatus]string{}
		for _, e := range s.order.CustomerTimeline(now) {
			reached[e.Status] = e.At.In(now.Location()).Format("02.01.2006")
		}
		head := widget.NewLabelWithStyle(current.Text(ui.Lang()), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		s.result.Add(head)
		for st := showroom.OrderReceived; st <= showroom.OrderAtDealer; st++ {
			mark, col := "○", ui.Light
			if st <= current {
				mark, col = "●", ui.Yellow
			}
			dot := canvas.NewText(mark, col)
			dot.TextSize = 30
			line := st.Text(ui.Lang())
			if at, ok := reached[st]; ok {
				line += " — " + at
			}
			l := widget.NewLabel(line)
			l.TextStyle.Bold = st == current
			s.result.Add(container.NewBorder(nil, nil, dot, nil, l))
		}
	}
	s.result.Refresh()
}
