// Package kiosk is what a customer sees on the showroom's touchscreen: a
// full-screen window, Russian by default with English one tap away, large
// touch targets in the programme's colours, the app's own keyboard, and
// nothing else of the machine reachable.
//
// The kiosk walks four journeys — registration, Welcome Pack activation,
// «Где мой автомобиль?» and the staff exit — and forgets each customer
// after a spell without a touch. It reaches the store and the portal only
// through the Backend it is given.
package kiosk

import (
	"context"
	"crypto/rand"
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// Backend is what the kiosk needs of the store and the portal.
type Backend interface {
	// Register commits a registration locally (customer, consent, car,
	// outbox row) before it returns.
	Register(ctx context.Context, r showroom.Registration) (showroom.Customer, error)
	// WelcomePackLogin checks a customer ID and VIN with the portal, or
	// offline with the cached customers; wait says how long a locked-out
	// customer ID must wait (ETooManyAttempts).
	WelcomePackLogin(ctx context.Context, customerID, vin string) (c WelcomePackCustomer, wait time.Duration, err error)
	// ActivateWelcomePack records the e-mail and consents of a Welcome
	// Pack customer.
	ActivateWelcomePack(ctx context.Context, a Activation) error
	// FindOrder returns the order with number if its customer's last name
	// is lastName (EUnknownOrder otherwise).
	FindOrder(ctx context.Context, number showroom.OrderNumber, lastName string) (showroom.Order, error)
	// CheckPIN checks a staff PIN to leave the kiosk (EBadCredentials, or
	// ETooManyAttempts with the lock's remaining time).
	CheckPIN(ctx context.Context, pin string) (wait time.Duration, err error)
	// Online reports whether the portal answers.
	Online(ctx context.Context) bool
	// PortalURL is the public address of the My Renault portal for the QR
	// code: no secret, no personal data.
	PortalURL() string
}

// WelcomePackCustomer is who a good Welcome Pack login belongs to.
type WelcomePackCustomer struct {
	CustomerID, FirstName, LastName string
}

// Activation is what a Welcome Pack customer gives to activate the account.
type Activation struct {
	CustomerID, FirstName, LastName, Email string
	PreferredChannel                       showroom.Channel
	Consent                                showroom.RegistrationConsent
}

// Idle timeout limits: the warning comes after IdleAfter without a touch
// (90 s unless configured, always between 30 s and 600 s), the wipe
// IdleWarning later.
const (
	DefaultIdle = 90 * time.Second
	MinIdle     = 30 * time.Second
	MaxIdle     = 600 * time.Second
	IdleWarning = 20 * time.Second
	// ExitPress is how long the hidden corner must be pressed.
	ExitPress = 3 * time.Second
	// benefitEvery is how long each benefit stays on the attract screen.
	benefitEvery = 6 * time.Second
	// onlineEvery is how often the kiosk asks whether the portal answers.
	onlineEvery = 15 * time.Second
)

// Options configure a Kiosk.
type Options struct {
	Backend Backend
	// Async runs backend calls off the UI goroutine; ui.Background when nil.
	Async ui.Async
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Idle is the idle timeout, clamped to MinIdle…MaxIdle; DefaultIdle
	// when zero.
	Idle time.Duration
	// OnExit is called when staff leave the kiosk with a good PIN.
	OnExit func()
	// Clipboard is wiped with the fields; the app's when nil.
	Clipboard fyne.Clipboard
	// Manual leaves the clock ticks to the caller (tests call Tick).
	Manual bool
	// Later runs f on the UI goroutine after the event being handled;
	// a goroutine handing f to fyne.Do when nil. Tests run f at once.
	Later func(f func())
}

// ClampIdle keeps an idle timeout within MinIdle…MaxIdle: it can be
// configured but never turned off.
func ClampIdle(d time.Duration) time.Duration {
	switch {
	case d == 0:
		return DefaultIdle
	case d < MinIdle:
		return MinIdle
	case d > MaxIdle:
		return MaxIdle
	}
	return d
}

// screen names the kiosk's screens.
type screen int

const (
	scrWelcome screen = iota
	scrRegister
	scrConsent
	scrPrefs
	scrDone
	scrWelcomePack
	scrActivate
	scrOrder
	scrPIN
)

// Kiosk is the kiosk window's content.
type Kiosk struct {
	ctx  context.Context
	opt  Options
	be   Backend
	now  func() time.Time
	idle time.Duration

	screen     screen
	lastTouch  time.Time
	ticks      int
	online     bool
	benefitIdx int

	draft   draft
	wp      wpState
	ord     orderState
	pin     pinState
	canvas  fyne.Canvas
	keyb    *kw.Keyboard
	warning *widget.PopUp
	warnTxt *widget.Label
	// warnContinue is the warning's «Продолжить».
	warnContinue *widget.Button

	// the frame around every screen
	heading  *canvas.Text
	language *widget.Button
	// focus is the field a screen wants focused once it is shown.
	focus  fyne.Focusable
	banner *fyne.Container
	body   *fyne.Container
	root   fyne.CanvasObject
	corner *cornerSpot

	// widgets of the screen shown, kept so that tests tap them
	welcome welcomeScreen
	reg     registerScreen
	cons    consentScreen
	prefs   prefsScreen
	done    doneScreen
}

// New builds the kiosk on its welcome screen. Its clock ticks until ctx
// ends, unless o.Manual.
func New(ctx context.Context, o Options) *Kiosk {
	k := &Kiosk{ctx: ctx, opt: o, be: o.Backend, now: o.Now, idle: ClampIdle(o.Idle), online: true}
	if k.now == nil {
		k.now = time.Now
	}
	if k.opt.Async == nil {
		k.opt.Async = ui.Background
	}
	if k.opt.Later == nil {
		k.opt.Later = func(f func()) { go fyne.Do(f) }
	}
	k.lastTouch = k.now()
	k.keyb = kw.NewKeyboard()
	k.keyb.OnKey = k.touch
	k.language = &widget.Button{OnTapped: k.onLanguage}
	offline := canvas.NewText("", ui.Light)
	offline.TextSize = 18
	offline.TextStyle.Bold = true
	offline.Alignment = fyne.TextAlignCenter
	k.banner = container.NewStack(canvas.NewRectangle(color.Transparent), container.NewPadded(offline))
	k.body = container.NewStack()
	k.corner = &cornerSpot{k: k}
	k.corner.ExtendBaseWidget(k.corner)
	k.heading = canvas.NewText("", ui.Yellow)
	k.heading.TextSize = 32
	k.heading.TextStyle.Bold = true
	k.heading.Alignment = fyne.TextAlignCenter
	top := container.NewBorder(nil, nil, k.corner, tall(k.language), k.heading)
	frame := container.NewBorder(container.NewVBox(top, k.banner), nil, nil, nil, k.body)
	k.root = container.NewStack(canvas.NewRectangle(ui.DarkGrey), frame)
	k.show(scrWelcome)
	if !o.Manual {
		go k.run(ctx)
	}
	return k
}

// Content is the kiosk's root object.
func (k *Kiosk) Content() fyne.CanvasObject { return k.root }

// SetCanvas tells the kiosk the window's canvas, for the keyboard's focus
// and the idle warning.
func (k *Kiosk) SetCanvas(c fyne.Canvas) {
	k.canvas = c
	c.SetOnTypedRune(func(rune) { k.touch() })
	c.SetOnTypedKey(func(*fyne.KeyEvent) { k.touch() })
}

// RequestExit is what closing the window does: it asks for a staff PIN.
func (k *Kiosk) RequestExit() {
	k.touch()
	k.show(scrPIN)
}

// touch records that someone is there.
func (k *Kiosk) touch() {
	k.lastTouch = k.now()
	if k.warning != nil {
		k.warning.Hide()
		k.warning = nil
	}
}

// show replaces the screen, rebuilt in the current language.
func (k *Kiosk) show(s screen) {
	k.screen = s
	k.focus = nil
	k.keyb.Show()
	k.heading.Text = ""
	k.relabelFrame()
	var content fyne.CanvasObject
	switch s {
	case scrWelcome:
		content = k.welcomeContent()
	case scrRegister:
		content = k.registerContent()
	case scrConsent:
		content = k.consentContent()
	case scrPrefs:
		content = k.prefsContent()
	case scrDone:
		content = k.doneContent()
	case scrWelcomePack:
		content = k.welcomePackContent()
	case scrActivate:
		content = k.activateContent()
	case scrOrder:
		content = k.orderContent()
	case scrPIN:
		content = k.pinContent()
	}
	k.body.Objects = []fyne.CanvasObject{content}
	k.body.Refresh()
	k.heading.Refresh()
	if k.canvas != nil && k.focus != nil {
		k.canvas.Focus(k.focus) // only once the field is on the canvas
	}
}

// setHeading names the screen in the top bar.
func (k *Kiosk) setHeading(s string) { k.heading.Text = s }

// typingPage lays out a screen the customer types on: the heading in the
// top bar, a line of help, the fields, and at the bottom the keyboard with
// the screen's buttons beside it, where a thumb ends after the last key.
// first is the field that gets the focus and the keyboard.
func (k *Kiosk) typingPage(heading, hint string, form fyne.CanvasObject, first *kw.Field, msg fyne.CanvasObject, buttons ...*widget.Button) fyne.CanvasObject {
	k.setHeading(heading)
	if first != nil {
		k.keyb.SetTarget(first, first.Kind, k.canvas)
		k.focus = first
	}
	col := []fyne.CanvasObject{}
	for i := len(buttons) - 1; i >= 0; i-- { // the main action on top
		col = append(col, container.NewGridWrap(fyne.NewSize(280, 76), buttons[i]))
	}
	side := container.NewVBox(col...)
	top := []fyne.CanvasObject{}
	if hint != "" {
		top = append(top, wrapped(hint))
	}
	bottom := container.NewBorder(nil, nil, nil, side, container.NewCenter(k.keyb))
	center := container.NewVBox(form)
	if msg != nil {
		center.Add(msg)
	}
	// The fields scroll rather than push the keyboard off a small screen
	// when messages under them take more lines than usual.
	scroll := container.NewVScroll(center)
	scroll.OnScrolled = func(fyne.Position) { k.touch() }
	return container.NewBorder(container.NewVBox(top...), bottom, nil, nil, scroll)
}

func (k *Kiosk) relabelFrame() {
	k.language.SetText(ui.T("lang.switch"))
	// The banner keeps its place when online, empty: a banner that came
	// and went would move the fields under a finger about to touch one.
	bg := k.banner.Objects[0].(*canvas.Rectangle)
	t := k.banner.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	t.Text, bg.FillColor = "", color.Transparent
	if !k.online {
		t.Text, bg.FillColor = ui.T("kiosk.offline"), color.NRGBA{R: 0x80, G: 0x5a, B: 0x00, A: 0xff}
	}
	bg.Refresh()
	t.Refresh()
}

func (k *Kiosk) onLanguage() {
	k.touch()
	if ui.Lang() == showroom.Russian {
		ui.SetLang(showroom.English)
	} else {
		ui.SetLang(showroom.Russian)
	}
	k.show(k.screen)
}

// run ticks the kiosk's clock once a second on the UI goroutine.
func (k *Kiosk) run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(k.Tick)
		}
	}
}

// Tick advances what depends on time: the rotating benefit, the idle
// warning and wipe, and the offline banner. It runs once a second.
func (k *Kiosk) Tick() {
	k.ticks++
	if k.screen == scrWelcome && k.ticks%int(benefitEvery/time.Second) == 0 {
		k.benefitIdx++
		k.relabelBenefit()
	}
	if k.ticks%int(onlineEvery/time.Second) == 1 && k.be != nil {
		k.opt.Async(func() func() {
			on := k.be.Online(k.ctx)
			return func() { k.setOnline(on) }
		})
	}
	k.checkIdle()
}

func (k *Kiosk) setOnline(on bool) {
	k.online = on
	k.relabelFrame()
}

// offlineShown reports whether the offline banner is up.
func (k *Kiosk) offlineShown() bool {
	return k.banner.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text).Text != ""
}

// touchHeight is the least height of anything a finger taps.
const touchHeight = 56

// tall makes o at least 64 units high: a finger needs 56 px.
func tall(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(minBox(1, 64), o)
}

func minBox(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

// title is a screen's heading.
func title(s string) *canvas.Text {
	t := canvas.NewText(s, ui.Yellow)
	t.TextSize = 34
	t.TextStyle.Bold = true
	t.Alignment = fyne.TextAlignCenter
	return t
}

// wrapped is a paragraph of text.
func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// actions is a row of large buttons at the bottom of a screen.
func actions(bs ...fyne.CanvasObject) fyne.CanvasObject {
	objs := []fyne.CanvasObject{layout.NewSpacer()}
	for _, b := range bs {
		objs = append(objs, container.NewGridWrap(fyne.NewSize(300, 72), b))
	}
	return container.NewHBox(append(objs, layout.NewSpacer())...)
}

// newRef makes a random (version 4) UUID for a new customer.
func newRef() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// field makes a kiosk field whose keyboard follows it.
func (k *Kiosk) field(kind kw.Layout, text string, changed func(string)) *kw.Field {
	f := kw.NewField(kind)
	f.SetText(text)
	f.OnFocus = func(f *kw.Field) {
		k.touch()
		k.keyb.SetTarget(f, f.Kind, k.canvas)
		k.keyb.Show()
	}
	f.OnChanged = func(s string) {
		k.touch()
		changed(s)
	}
	return f
}

// labelled puts a caption over a field and its message below.
func labelled(caption string, f fyne.CanvasObject, msg fyne.CanvasObject) fyne.CanvasObject {
	// A bare text rather than a label: a label's padding would cost the
	// room that a two-line message needs on a 800-pixel-high screen.
	c := canvas.NewText(caption, ui.Light)
	c.TextStyle.Bold = true
	c.TextSize = theme.TextSize()
	return container.NewVBox(c, container.NewStack(minBox(1, 58), f), msg)
}

// message is the text under a field, wrapped to the field's width: a
// message never widens the form beyond the screen.
func message() *widget.Label {
	l := widget.NewLabel(" ")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	return l
}

func setMessage(l *widget.Label, s string) {
	if s == "" {
		s = " " // keeps its height, so the form does not jump
	}
	if l.Text != s {
		l.SetText(s)
	}
}

// tapLabel is a wrapped, tappable text in the programme's yellow: the
// e-mail hint, which may be longer than its column is wide.
type tapLabel struct {
	widget.Label
	OnTapped func()
}

func newTapLabel(onTap func()) *tapLabel {
	l := &tapLabel{OnTapped: onTap}
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.HighImportance
	l.TextStyle.Bold = true
	l.ExtendBaseWidget(l)
	return l
}

// MinSize is at least a finger's height, even for a hint of one line.
func (l *tapLabel) MinSize() fyne.Size {
	s := l.Label.MinSize()
	s.Height = max(s.Height, touchHeight)
	return s
}

// Tapped takes the hint.
func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.OnTapped != nil {
		l.OnTapped()
	}
}
