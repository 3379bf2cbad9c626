package staff

import (
	"context"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// Member is a staff member who can sign in at the desk.
type Member struct {
	ID   string
	Name string
	Role showroom.Role
}

// SignIn is what the sign-in screen consumes.
type SignIn interface {
	// Members lists the dealer's active staff.
	Members(ctx context.Context) ([]Member, error)
	// SignIn checks a member's PIN: an EBadCredentials error for a wrong
	// one, ETooManyAttempts with the wait once the member is locked.
	SignIn(ctx context.Context, id, pin string) (Member, time.Duration, error)
}

// signInView is the screen that stands before the desk: whose turn it is
// and their PIN.
type signInView struct {
	root    fyne.CanvasObject
	who     *widget.Select
	pin     *widget.Entry
	enter   *widget.Button
	message *widget.Label
	members []Member
}

// mayOpenReports says which roles see the registration goal's reports:
// sales managers and administrators.
func mayOpenReports(r showroom.Role) bool { return r == showroom.RoleSales || r == showroom.RoleAdmin }

// mayRedeem says which roles work the service desk's coupons: service
// advisors and administrators.
func mayRedeem(r showroom.Role) bool { return r == showroom.RoleService || r == showroom.RoleAdmin }

// SetSignIn puts a sign-in screen before the desk: nobody sees a customer
// until a staff member has signed in with their PIN, and what the desk
// offers follows the member's role. Call it after SetDesk and SetReports
// and before Start and Content.
func (w *Window) SetSignIn(s SignIn) {
	if s == nil {
		return
	}
	w.signIn = s
	v := &signInView{}
	v.who = widget.NewSelect(nil, nil)
	v.who.PlaceHolder = ui.T("signin.who")
	v.pin = widget.NewPasswordEntry()
	v.pin.SetPlaceHolder(ui.T("signin.pin"))
	v.pin.OnSubmitted = func(string) { w.submitPIN() }
	v.enter = &widget.Button{Text: ui.T("signin.enter"), Importance: widget.HighImportance, OnTapped: w.submitPIN}
	v.message = widget.NewLabel(ui.T("staff.status.loading"))
	v.message.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(ui.T("signin.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	form := container.NewVBox(title, v.who, v.pin, v.enter, v.message)
	v.root = container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 260), form))
	w.signin = v
	w.lockBtn = &widget.Button{Text: ui.T("signin.lock"), Icon: theme.LogoutIcon(), OnTapped: w.Lock}
	w.signedIn = widget.NewLabel("")
	w.desk = w.root
	w.root = container.NewStack(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), w.signedIn, w.lockBtn), nil, nil, w.desk), v.root)
	w.Lock()
}

// Lock hides the desk behind the sign-in screen, as at the start.
func (w *Window) Lock() {
	if w.signin == nil {
		return
	}
	w.member = Member{}
	w.signin.pin.SetText("")
	// The next member starts from the dealer's overview, not from the
	// customer the last one had open.
	w.search.SetText("")
	w.shown = w.card.overview
	w.setDetail(w.card.overview)
	w.root.(*fyne.Container).Objects[0].Hide()
	w.signin.root.Show()
	w.applyRole()
	w.focusPIN()
}

// Member is who is signed in; the zero Member before anyone has.
func (w *Window) Member() Member { return w.member }

func (w *Window) focusPIN() {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(w.signin.pin); c != nil {
			c.Focus(w.signin.pin)
		}
	}
}

// loadMembers fills the list of who may sign in.
func (w *Window) loadMembers() func() {
	ms, err := w.signIn.Members(w.ctx)
	return func() {
		v := w.signin
		if err != nil {
			v.message.SetText(ui.T("signin.failed"))
			return
		}
		v.members = ms
		names := make([]string, len(ms))
		for i, m := range ms {
			names[i] = m.Name + " — " + roleText(m.Role)
		}
		v.who.Options = names
		if len(ms) == 1 {
			v.who.SetSelectedIndex(0)
		}
		v.who.Refresh()
		if len(ms) == 0 {
			v.message.SetText(ui.T("signin.nobody"))
			return
		}
		v.message.SetText("")
	}
}

// submitPIN checks the PIN off the UI goroutine and opens the desk.
func (w *Window) submitPIN() {
	v := w.signin
	i := v.who.SelectedIndex()
	if i < 0 || i >= len(v.members) {
		v.message.SetText(ui.T("signin.choose"))
		return
	}
	id, pin := v.members[i].ID, v.pin.Text
	v.enter.Disable()
	v.message.SetText(ui.T("signin.checking"))
	w.Async(func() func() {
		m, wait, err := w.signIn.SignIn(w.ctx, id, pin)
		return func() {
			v.enter.Enable()
			v.pin.SetText("")
			switch showroom.ErrorCode(err) {
			case "":
				w.enterDesk(m)
			case showroom.ETooManyAttempts:
				v.message.SetText(ui.T("signin.locked", int(math.Ceil(wait.Minutes()))))
			case showroom.EBadCredentials:
				v.message.SetText(ui.T("signin.bad"))
				w.focusPIN()
			default:
				v.message.SetText(ui.T("signin.failed"))
			}
		}
	})
}

// enterDesk opens the desk to the member signed in.
func (w *Window) enterDesk(m Member) {
	v := w.signin
	w.member = m
	v.message.SetText("")
	v.root.Hide()
	w.root.(*fyne.Container).Objects[0].Show()
	w.signedIn.SetText(ui.T("signin.as", m.Name, roleText(m.Role)))
	w.applyRole()
	if c := fyne.CurrentApp().Driver().CanvasForObject(w.search); c != nil {
		c.Focus(w.search)
	}
}

// applyRole shows what the signed-in member's role may use; without a
// sign-in screen everything the desk was given is shown.
func (w *Window) applyRole() {
	r := w.member.Role
	all := w.signin == nil
	show := func(b *widget.Button, given, allowed bool) {
		if b == nil {
			return
		}
		if given && (all || allowed) {
			b.Show()
		} else {
			b.Hide()
		}
	}
	show(w.couponBtn, w.coupons != nil, mayRedeem(r))
	show(w.reportsBtn, w.reports != nil, mayOpenReports(r))
	show(w.settingsBtn, w.settings != nil, maySettle(r))
	if !all && w.settings != nil && !maySettle(r) && len(w.detail.Objects) > 0 && w.detail.Objects[0] == w.settings.root {
		w.setDetail(w.shown)
	}
	if !all && w.reports != nil && !mayOpenReports(r) && len(w.detail.Objects) > 0 && w.detail.Objects[0] == w.reports.Content() {
		w.setDetail(w.shown)
	}
	if !all && w.coupons != nil && !mayRedeem(r) && len(w.detail.Objects) > 0 && w.detail.Objects[0] == w.coupons.root {
		w.setDetail(w.shown)
	}
	w.applyWorkRole()
}
