package kiosk

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/container"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// cornerSpot is the hidden place, in the top left corner, that staff press
// for ExitPress to ask for the PIN. It draws nothing.
type cornerSpot struct {
	widget.BaseWidget
	k         *Kiosk
	pressedAt time.Time
}

var _ desktop.Mouseable = (*cornerSpot)(nil)

func (c *cornerSpot) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(minBox(96, 64))
}

// MouseDown starts the press (a touch on the screen arrives as a mouse
// press).
func (c *cornerSpot) MouseDown(*desktop.MouseEvent) { c.pressedAt = c.k.now() }

// MouseUp ends it: long enough, and the PIN screen opens.
func (c *cornerSpot) MouseUp(*desktop.MouseEvent) {
	held := c.k.now().Sub(c.pressedAt)
	c.pressedAt = time.Time{}
	c.k.touch()
	if held >= ExitPress && held < time.Hour {
		// After this event: the window unfocuses on a press of something
		// that takes no focus, which would take it from the PIN field.
		c.k.opt.Later(func() { c.k.show(scrPIN) })
	}
}

// pinState is the staff exit: the PIN typed and the answer.
type pinState struct {
	pin      string
	checking bool
	field    *kw.Field
	msg      *widget.Label
	ok, back *widget.Button
}

func (k *Kiosk) pinContent() fyne.CanvasObject {
	s := &k.pin
	s.pin = ""
	s.field = k.field(kw.Digits, "", func(v string) { s.pin = v; k.checkPINField() })
	s.field.Password = true
	s.msg = message()
	s.msg.Alignment = fyne.TextAlignCenter
	s.ok = &widget.Button{Text: ui.T("kiosk.pin.exit"), Importance: widget.HighImportance, OnTapped: k.onPIN}
	s.back = &widget.Button{Text: ui.T("kiosk.pin.cancel"), OnTapped: k.home}
	k.checkPINField()
	return k.typingPage(ui.T("kiosk.pin.title"), ui.T("kiosk.pin.hint"),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(360, 64), s.field)), s.field, s.msg, s.back, s.ok)
}

// minPIN is the shortest staff PIN (the store's rule: 6 to 12 digits).
const minPIN = 6

func (k *Kiosk) checkPINField() {
	s := &k.pin
	if s.ok == nil {
		return
	}
	if len(s.pin) < minPIN || s.checking {
		s.ok.Disable()
	} else {
		s.ok.Enable()
	}
}

func (k *Kiosk) onPIN() {
	k.touch()
	s := &k.pin
	if s.checking || len(s.pin) < minPIN {
		return
	}
	s.checking = true
	k.checkPINField()
	pin := s.pin
	k.opt.Async(func() func() {
		wait, err := k.be.CheckPIN(k.ctx, pin)
		return func() { k.pinChecked(wait, err) }
	})
}

func (k *Kiosk) pinChecked(wait time.Duration, err error) {
	s := &k.pin
	s.checking = false
	if k.screen != scrPIN {
		return
	}
	s.field.SetText("") // the PIN does not stay on screen, right or wrong
	k.checkPINField()
	switch showroom.ErrorCode(err) {
	case "":
		k.wipe()
		if k.opt.OnExit != nil {
			k.opt.OnExit()
		}
	case showroom.ETooManyAttempts:
		setMessage(s.msg, ui.T("kiosk.pin.locked", int(math.Ceil(wait.Minutes()))))
	case showroom.EBadCredentials:
		setMessage(s.msg, ui.T("kiosk.pin.bad"))
	default:
		setMessage(s.msg, ui.ErrorText(err))
	}
}
