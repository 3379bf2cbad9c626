package kiosk

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
	kw "github.com/myrenault/showroom/ui/widget"
)

// t0 is the tests' clock start.
var t0 = time.Date(2026, time.November, 25, 10, 0, 0, 0, time.UTC)

// queue is an Async that holds the work until the test runs it, on the
// test's goroutine, in order.
type queue struct{ work []func() func() }

func (q *queue) async(w func() func()) { q.work = append(q.work, w) }

func (q *queue) run() {
	for len(q.work) > 0 {
		w := q.work[0]
		q.work = q.work[1:]
		w()()
	}
}

// fakeBackend records what the kiosk asks of the store and the portal.
type fakeBackend struct {
	registered  []showroom.Registration
	activations []Activation
	pins        []string
	registerErr error
	offline     bool
	order       showroom.Order
}

func (f *fakeBackend) Register(_ context.Context, r showroom.Registration) (showroom.Customer, error) {
	for _, old := range f.registered {
		if old.CustomerRef == r.CustomerRef {
			return showroom.Customer{}, showroom.Errorf(showroom.EConflict, "customer_ref", "conflict")
		}
	}
	if f.registerErr != nil {
		return showroom.Customer{}, f.registerErr
	}
	if err := r.Normalize(); err != nil {
		return showroom.Customer{}, err
	}
	f.registered = append(f.registered, r)
	return r.Customer(t0), nil
}

func (f *fakeBackend) WelcomePackLogin(_ context.Context, id, vin string) (WelcomePackCustomer, time.Duration, error) {
	switch {
	case id == "LOCKED":
		return WelcomePackCustomer{}, 9*time.Minute + time.Second, showroom.Errorf(showroom.ETooManyAttempts, "customer_id", "")
	case id == "RU1000042" && showroom.NormalizeVIN(vin) == "VF1LZBR0542606589":
		return WelcomePackCustomer{CustomerID: id, FirstName: "Пётр", LastName: "Семёнов"}, 0, nil
	}
	return WelcomePackCustomer{}, 0, showroom.Errorf(showroom.EBadCredentials, "customer_id", "")
}

func (f *fakeBackend) ActivateWelcomePack(_ context.Context, a Activation) error {
	f.activations = append(f.activations, a)
	return nil
}

func (f *fakeBackend) FindOrder(_ context.Context, n showroom.OrderNumber, last string) (showroom.Order, error) {
	if n.String() != f.order.Number || !strings.EqualFold(last, "Семёнов") {
		return showroom.Order{}, showroom.Errorf(showroom.EUnknownOrder, "order_number", "unknown_order")
	}
	return f.order, nil
}

// CheckPIN accepts 246810 and locks after five wrong PINs, as the store does.
func (f *fakeBackend) CheckPIN(_ context.Context, pin string) (time.Duration, error) {
	f.pins = append(f.pins, pin)
	wrong := 0
	for _, p := range f.pins {
		if p != "246810" {
			wrong++
		}
	}
	switch {
	case wrong >= 5:
		return 5 * time.Minute, showroom.Errorf(showroom.ETooManyAttempts, "pin", "")
	case pin == "246810":
		return 0, nil
	}
	return 0, showroom.Errorf(showroom.EBadCredentials, "pin", "")
}

func (f *fakeBackend) Online(context.Context) bool { return !f.offline }
func (f *fakeBackend) PortalURL() string           { return "https://my.renault.ru/" }

// rig is a kiosk in a test window with a fake backend, a queue and a clock.
type rig struct {
	k     *Kiosk
	w     fyne.Window
	be    *fakeBackend
	q     *queue
	now   time.Time
	clip  *clipboard
	exits int
}

type clipboard struct{ s string }

func (c *clipboard) Content() string     { return c.s }
func (c *clipboard) SetContent(s string) { c.s = s }

// newRig makes the rig; opts change the kiosk's options before it is built.
func newRig(t *testing.T, opts ...func(*Options)) *rig {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(&ui.Theme{Scale: 1.4})
	ui.SetLang(showroom.Russian)
	t.Cleanup(func() { ui.SetLang(showroom.Russian) })
	r := &rig{be: &fakeBackend{}, q: &queue{}, now: t0, clip: &clipboard{}}
	o := Options{Backend: r.be, Async: r.q.async, Now: func() time.Time { return r.now },
		Manual: true, Clipboard: r.clip, Later: func(f func()) { f() }, OnExit: func() { r.exits++ }}
	for _, f := range opts {
		f(&o)
	}
	r.k = New(context.Background(), o)
	r.w = test.NewWindow(r.k.Content())
	r.w.Resize(fyne.NewSize(1280, 800))
	r.k.SetCanvas(r.w.Canvas())
	t.Cleanup(r.w.Close)
	return r
}

// keys types s with the on-screen keyboard, letter by letter; capitals
// with shift, and the e-mail keys' texts as one tap each.
func (r *rig) keys(t *testing.T, s ...string) {
	t.Helper()
	for _, part := range s {
		if key := r.k.keyb.Key(part); key != nil && len([]rune(part)) > 1 {
			test.Tap(key)
			continue
		}
		for _, c := range part {
			l := strings.ToLower(string(c))
			if l != string(c) {
				test.Tap(r.k.keyb.Key(kw.KeyShift))
			}
			key := r.k.keyb.Key(l)
			if key == nil {
				test.Tap(r.k.keyb.Key(kw.KeyAlphabet))
				key = r.k.keyb.Key(l)
			}
			if key == nil {
				t.Fatalf("no key for %q", c)
			}
			test.Tap(key)
		}
	}
}

// advance moves the clock and ticks once.
func (r *rig) advance(d time.Duration) {
	r.now = r.now.Add(d)
	r.k.Tick()
}

// textOf returns the text of a label.
func textOf(o fyne.CanvasObject) string {
	if l, ok := o.(*widget.Label); ok {
		return l.Text
	}
	return ""
}
