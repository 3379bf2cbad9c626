package staff

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/ui"
)

// deskFake is an empty dealer: the sign-in tests need only its overview.
type deskFake struct{}

func (deskFake) Search(context.Context, string, int) ([]Hit, error) { return nil, nil }
func (deskFake) Cabinet(context.Context, string) (showroom.Cabinet, error) {
	return showroom.Cabinet{}, nil
}
func (deskFake) Overview(context.Context) (Overview, error) {
	return Overview{DealerCode: "006122", DealerName: "Автомир-Екатеринбург"}, nil
}

// signInFake knows two members and their PINs, and locks after the third
// wrong one (the real rule, five and five minutes, is the store's and is
// tested there).
type signInFake struct{ wrong int }

var (
	anna  = Member{ID: "s1", Name: "Анна Смирнова", Role: showroom.RoleSales}
	boris = Member{ID: "s2", Name: "Борис Орлов", Role: showroom.RoleService}
)

func (f *signInFake) Members(context.Context) ([]Member, error) { return []Member{anna, boris}, nil }

func (f *signInFake) SignIn(_ context.Context, id, pin string) (Member, time.Duration, error) {
	if f.wrong >= 3 {
		return Member{}, 4*time.Minute + 10*time.Second, showroom.Errorf(showroom.ETooManyAttempts, "pin", "")
	}
	switch {
	case id == anna.ID && pin == "135790":
		return anna, 0, nil
	case id == boris.ID && pin == "246802":
		return boris, 0, nil
	}
	f.wrong++
	return Member{}, 0, showroom.Errorf(showroom.EBadCredentials, "pin", "")
}

func newSignedWindow(t *testing.T) (*Window, fyne.Window, *signInFake) {
	t.Helper()
	ui.SetLang(showroom.Russian)
	test.NewTempApp(t)
	w := New(context.Background(), deskFake{}, nil)
	w.Async = syncAsync
	w.SetReports(&reportsFake{}, nil)
	f := &signInFake{}
	w.SetSignIn(f)
	win := test.NewWindow(w.Content())
	win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(win.Close)
	w.Start()
	return w, win, f
}

func (w *Window) deskVisible() bool { return w.root.(*fyne.Container).Objects[0].Visible() }

func TestSignInStandsBeforeTheDesk(t *testing.T) {
	w, win, _ := newSignedWindow(t)
	if w.deskVisible() || !w.signin.root.Visible() {
		t.Fatal("the desk shows before anyone signed in")
	}
	test.AssertRendersToMarkup(t, "signin_ru.xml", win.Canvas())
	// Nobody chosen: asked to choose.
	test.Tap(w.signin.enter)
	if w.signin.message.Text != "Выберите себя в списке." {
		t.Fatalf("message %q", w.signin.message.Text)
	}
	w.signin.who.SetSelectedIndex(0)
	test.Type(w.signin.pin, "000000")
	test.Tap(w.signin.enter)
	if w.deskVisible() || w.signin.message.Text != "Неверный PIN-код." || w.signin.pin.Text != "" {
		t.Fatalf("wrong PIN: desk %v, message %q, PIN left %q", w.deskVisible(), w.signin.message.Text, w.signin.pin.Text)
	}
	test.Type(w.signin.pin, "135790")
	w.signin.pin.OnSubmitted(w.signin.pin.Text) // Enter
	if !w.deskVisible() || w.Member() != anna || w.signedIn.Text != "Анна Смирнова · Продажи" {
		t.Fatalf("signed in: desk %v, member %+v, %q", w.deskVisible(), w.Member(), w.signedIn.Text)
	}
	if !w.reportsBtn.Visible() {
		t.Fatal("a sales manager does not see the reports")
	}
	test.Tap(w.reportsBtn)
	test.Tap(w.lockBtn)
	if w.deskVisible() || w.Member() != (Member{}) || w.detail.Objects[0] != w.card.overview {
		t.Fatalf("after Lock: desk %v, member %+v", w.deskVisible(), w.Member())
	}
	// A service advisor does not see the registration goal.
	w.signin.who.SetSelectedIndex(1)
	test.Type(w.signin.pin, "246802")
	test.Tap(w.signin.enter)
	if !w.deskVisible() || w.reportsBtn.Visible() {
		t.Fatalf("service advisor: desk %v, reports button %v", w.deskVisible(), w.reportsBtn.Visible())
	}
}

func TestSignInSaysHowLongTheLockLasts(t *testing.T) {
	w, _, _ := newSignedWindow(t)
	w.signin.who.SetSelectedIndex(0)
	for range 3 {
		test.Type(w.signin.pin, "111111")
		test.Tap(w.signin.enter)
	}
	test.Type(w.signin.pin, "135790")
	test.Tap(w.signin.enter)
	want := "Слишком много неверных PIN-кодов. Вход заблокирован, повторите через 5 мин."
	if w.deskVisible() || w.signin.message.Text != want {
		t.Fatalf("locked: desk %v, %q", w.deskVisible(), w.signin.message.Text)
	}
}

func TestWithoutSignInTheDeskShowsEverything(t *testing.T) {
	ui.SetLang(showroom.Russian)
	test.NewTempApp(t)
	w := New(context.Background(), deskFake{}, nil)
	w.Async = syncAsync
	w.SetReports(&reportsFake{}, nil)
	if !w.reportsBtn.Visible() || w.Member() != (Member{}) {
		t.Fatal("reports hidden on a desk without sign-in")
	}
}
