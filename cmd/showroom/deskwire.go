package main

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"

	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// statusEvery is how often the desk reads the sync state and checks for
// idleness; tests that drive the window step by step set it to zero.
var statusEvery = 3 * time.Second

// fitDesk gives the staff window everything the desk offers: the print
// flow and coupon desk, the registration goal's reports, the dealer's own
// work, the sync status bar and the device's settings; and, on a device
// that has staff, the sign-in with its lock after IdleLock without input. An enrolled device
// always asks for a PIN (its staff come from the portal, maybe a moment
// after the window opens); one neither enrolled nor given staff opens the
// desk without a sign-in.
func (a *App) fitDesk(ctx context.Context, s *staff.Window, w fyne.Window) {
	printing, coupons := a.desk()
	s.SetDesk(printing, coupons)
	portal := portalClient{dataDir: a.Config.DataDir, opts: sync.Options{Timeout: 10 * time.Second, Retries: -1, Log: a.Log}}
	s.SetReports(reportsBackend{db: a.DB, portal: portal.RegistrationReport}, w)
	s.SetWork(deskWork{db: a.DB, dataDir: a.Config.DataDir, now: time.Now})
	s.SetSync(syncStatus{db: a.DB, engine: a.Engine})
	signIn := deskSignIn{db: a.DB, log: a.Log}
	if a.Config.Demo {
		signIn.demo = a.ensureDemoPIN
	}
	if _, enrolErr := sync.LoadDevice(a.Config.DataDir); enrolErr == nil || a.hasStaff(ctx) {
		s.SetSignIn(signIn)
	}
	s.SetSettings(deskSettings{a: a, printer: printing}, signIn)
	if statusEvery > 0 {
		s.Watch(statusEvery)
	}
}

// hasStaff says whether anyone can sign in at this device. It runs once,
// before the window shows.
func (a *App) hasStaff(ctx context.Context) bool {
	ms, err := deskSignIn{db: a.DB}.Members(ctx)
	if err != nil {
		a.Log.Error("staff not read: the desk opens with the sign-in", "err", err)
		return true // fail closed: nobody sees customers without a PIN
	}
	return len(ms) > 0
}

// deskSignIn lets the dealer's staff sign in at the desk with their PINs,
// kept in the local store as slow hashes.
type deskSignIn struct {
	db  *localdb.DB
	log *slog.Logger // nil: no log
	// demo, with --demo, gives the first staff member the demo PIN (see
	// the README) once the portal has sent the staff.
	demo func(ctx context.Context)
}

var _ staff.SignIn = deskSignIn{}

// Members lists the device dealer's active staff; none before the device
// has a dealer.
func (b deskSignIn) Members(ctx context.Context) ([]staff.Member, error) {
	if b.demo != nil {
		b.demo(ctx)
	}
	code, err := b.db.Setting(ctx, localdb.SettingDealerCode)
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	us, err := b.db.StaffMembers(ctx, code)
	if err != nil {
		return nil, err
	}
	out := make([]staff.Member, len(us))
	for i, u := range us {
		out[i] = staff.Member{ID: u.ID, Name: u.Name, Role: u.Role}
	}
	return out, nil
}

// SignIn checks the member's PIN; the store counts wrong ones and locks.
func (b deskSignIn) SignIn(ctx context.Context, id, pin string) (staff.Member, time.Duration, error) {
	u, wait, err := b.db.SignIn(ctx, id, pin)
	if err != nil {
		return staff.Member{}, wait, err
	}
	// The role only: who works at the desk is not for the log.
	if b.log != nil {
		b.log.Info("staff signed in", "role", u.Role)
	}
	return staff.Member{ID: u.ID, Name: u.Name, Role: u.Role}, 0, nil
}
