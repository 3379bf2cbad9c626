package staff

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Work is what the dealer's own work at the desk consumes: registering a
// customer, handing a car over, announcing arrived cars, the service desk
// and the changes the portal refused. cmd/showroom implements it with the
// local store; every call runs off the UI goroutine.
type Work interface {
	// Register saves a customer registered by staff with their consent
	// (showroom.ValidationErrors for fields that do not pass, EEmailTaken).
	Register(ctx context.Context, r showroom.Registration) (showroom.Customer, error)
	// FindCar finds a car to hand over by its order number or VIN, with
	// its customer when one is known here; ENotFound when neither is.
	FindCar(ctx context.Context, query string) (HandoverCar, error)
	// RecordHandover records the handover of a car and its sale.
	RecordHandover(ctx context.Context, h Handover) error
	// Arrivals lists the cars at the dealer whose customers have not been
	// told.
	Arrivals(ctx context.Context) ([]Arrival, error)
	// Announce records that the customer of the order was told; from then
	// on they see the arrival.
	Announce(ctx context.Context, orderNumber string) error
	// ServiceCar gathers what the service desk shows of the car vin.
	ServiceCar(ctx context.Context, vin string) (ServiceCar, error)
	// Attention lists the changes the portal refused.
	Attention(ctx context.Context) ([]AttentionItem, error)
	// Resend sends a refused change again under a new key, with what fix
	// corrects (the zero Fix sends it as it was).
	Resend(ctx context.Context, id string, fix Fix) error
	// Discard drops a refused change for good.
	Discard(ctx context.Context, id string) error
}

// HandoverCar is the car a handover starts from.
type HandoverCar struct {
	OrderNumber  string
	VIN          string
	EngineNumber string
	Model        string
	// Customer is who ordered or owns the car; the zero Customer when
	// nobody here does.
	Customer showroom.Customer
}

// Handover is what the wizard records.
type Handover struct {
	CustomerRef  string
	VIN          string
	EngineNumber string
	Kind         showroom.SaleKind
	StaffID      string
}

// Arrival is a car at the dealer whose customer has not been told.
type Arrival struct {
	OrderNumber  string
	VIN          string
	Model        string
	CustomerRef  string
	CustomerName string
	Phone        string
	// VisibleAt is when the customer sees the arrival on their own; zero
	// when the arrival has no date and only the announcement reveals it.
	VisibleAt time.Time
}

// ServiceCar is the service desk's view of one car.
type ServiceCar struct {
	Vehicle showroom.Vehicle
	// Owner is the customer whose garage holds the car; zero when none.
	Owner    showroom.Customer
	Recalls  []showroom.Recall
	Calendar []showroom.Event
	// WarrantyEnd is zero when the model's warranty is unknown.
	WarrantyEnd time.Time
	Programs    []showroom.ServiceProgram
	Offers      []showroom.Offer
}

// AttentionItem is a change the portal refused.
type AttentionItem struct {
	ID   string
	Type string
	// Code and Field are the portal's reason; Message its text.
	Code       string
	Field      string
	Message    string
	RejectedAt time.Time
	// Registration is the refused registration, for customer.register.
	Registration *showroom.Registration
	// Fields are the other changes' fields staff may correct (a car's VIN
	// and engine number), by the domain's field names; nil when none.
	Fields map[string]string
	// What names the change for people (the order number, the VIN), never
	// more personal data than the desk shows anyway.
	What string
}

// Fix is what staff corrected in a refused change: the whole
// registration, or some fields of another change.
type Fix struct {
	Registration *showroom.Registration
	Fields       map[string]string
}

// deskWork is the window's part that does the dealer's own work: the
// buttons that open each screen and the screens themselves.
type deskWork struct {
	work      Work
	register  *registerView
	handover  *handoverView
	arrivals  *arrivalsView
	service   *serviceView
	attention *attentionView

	registerBtn  *widget.Button
	handoverBtn  *widget.Button
	arrivalsBtn  *widget.Button
	serviceBtn   *widget.Button
	attentionBtn *widget.Button
}

// mayHandOver says which roles hand cars over and announce arrivals: sales
// managers and administrators.
func mayHandOver(r showroom.Role) bool { return r == showroom.RoleSales || r == showroom.RoleAdmin }

// mayService says which roles work the service desk: service advisors and
// administrators.
func mayService(r showroom.Role) bool { return r == showroom.RoleService || r == showroom.RoleAdmin }

// SetWork gives the window the dealer's own work: registration by staff,
// the handover wizard, arrivals to announce, the service desk and the
// changes that need attention. Call it after SetDesk and before SetSignIn,
// Start and Content.
func (w *Window) SetWork(k Work) {
	if k == nil {
		return
	}
	d := &deskWork{work: k}
	w.work = d
	d.register = newRegisterView(w, w.registered)
	d.handover = newHandoverView(w)
	d.arrivals = newArrivalsView(w)
	d.service = newServiceView(w)
	d.attention = newAttentionView(w)
	d.registerBtn = &widget.Button{Text: ui.T("desk.register.open"), Icon: theme.ContentAddIcon(), OnTapped: w.ShowRegister}
	d.handoverBtn = &widget.Button{Text: ui.T("desk.handover.open"), Icon: theme.MailSendIcon(), OnTapped: w.ShowHandover}
	d.arrivalsBtn = &widget.Button{Text: ui.T("desk.arrivals.open"), Icon: theme.MailComposeIcon(), OnTapped: w.ShowArrivals}
	d.serviceBtn = &widget.Button{Text: ui.T("desk.service.open"), Icon: theme.SettingsIcon(), OnTapped: w.ShowService}
	d.attentionBtn = &widget.Button{Text: ui.T("desk.attention.open"), Icon: theme.WarningIcon(), OnTapped: w.ShowAttention}
	w.tools.Objects = append([]fyne.CanvasObject{d.registerBtn, d.handoverBtn, d.arrivalsBtn, d.serviceBtn, d.attentionBtn}, w.tools.Objects...)
	w.tools.Refresh()
	w.applyWorkRole()
}

// applyWorkRole shows the desk's own work the signed-in member's role may
// use, and forgets what a screen held once nobody is signed in.
func (w *Window) applyWorkRole() {
	d := w.work
	if d == nil {
		return
	}
	r := w.member.Role
	all := w.signin == nil
	if !all && w.member.ID == "" {
		d.reset()
	}
	// Just signed in: the cursor leaves the hidden PIN entry for the search
	// (the sign-in asks the driver for the search's canvas, which it may not
	// know yet while the desk was hidden).
	if !all && w.member.ID != "" && w.deskCanvas != nil && w.deskCanvas.Focused() == fyne.Focusable(w.signin.pin) {
		w.deskCanvas.Focus(w.search)
	}
	for _, b := range []struct {
		btn     *widget.Button
		allowed bool
	}{
		{d.registerBtn, true},
		{d.handoverBtn, mayHandOver(r)},
		{d.arrivalsBtn, mayHandOver(r)},
		{d.serviceBtn, mayService(r)},
		{d.attentionBtn, true},
	} {
		if all || b.allowed {
			b.btn.Show()
		} else {
			b.btn.Hide()
		}
	}
	w.relayout()
}

// reset wipes every screen of the desk's own work: the next member must
// not find the last one's customer in a form.
func (d *deskWork) reset() {
	d.register.reset()
	d.handover.reset()
	d.service.reset()
}

// ShowRegister opens the registration form.
func (w *Window) ShowRegister() {
	if w.work == nil {
		return
	}
	w.work.register.reset()
	w.setDetail(w.work.register.root)
	w.relayout()
	w.focus(w.work.register.fields.last)
}

// registered opens the cabinet of a customer the desk just registered.
func (w *Window) registered(c showroom.Customer) { w.open(c.Ref) }

// ShowHandover opens the handover wizard at its first step.
func (w *Window) ShowHandover() {
	if w.work == nil {
		return
	}
	w.work.handover.reset()
	w.setDetail(w.work.handover.root)
	w.relayout()
	w.focus(w.work.handover.query)
}

// ShowArrivals opens the arrivals to announce and loads them.
func (w *Window) ShowArrivals() {
	if w.work == nil {
		return
	}
	w.setDetail(w.work.arrivals.root)
	w.work.arrivals.load()
}

// ShowService opens the service desk, the cursor in its VIN entry.
func (w *Window) ShowService() {
	if w.work == nil {
		return
	}
	w.setDetail(w.work.service.root)
	w.relayout()
	w.focus(w.work.service.vin)
}

// ShowAttention opens the changes the portal refused and loads them.
func (w *Window) ShowAttention() {
	if w.work == nil {
		return
	}
	w.setDetail(w.work.attention.root)
	w.work.attention.load()
}

// call runs fn off the UI goroutine with a bounded context and applies
// done with its error on the UI goroutine.
func (w *Window) call(fn func(ctx context.Context) error, done func(error)) {
	w.Async(func() func() {
		ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
		defer cancel()
		err := fn(ctx)
		return func() { done(err) }
	})
}

// relayout lays the window out again from the top. The test driver, and
// the rendered masters with it, lay a container out only when it is
// refreshed or resized, so a label shown, hidden or rewritten deep inside
// would keep its old place; each screen calls this after it changes.
func (w *Window) relayout() {
	if w.frame != nil {
		relayout(w.frame)
		return
	}
	relayout(w.root)
}

func relayout(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *fyne.Container:
		v.Refresh()
		for _, c := range v.Objects {
			relayout(c)
		}
	case *container.Scroll:
		v.Refresh()
		relayout(v.Content)
	case *container.Split:
		v.Refresh()
		relayout(v.Leading)
		relayout(v.Trailing)
	}
}
