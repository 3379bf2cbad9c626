package main

import (
	"context"
	"errors"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/kiosk"
)

// Settings of the kiosk, set by the dealer's admin.
const (
	// settingKioskIdle is the idle timeout in seconds (30 to 600).
	settingKioskIdle = "kiosk.idle_seconds"
	// settingKioskQR is the public portal address the congratulations'
	// QR code opens; the device's portal address when unset.
	settingKioskQR = "kiosk.qr_url"
)

// demoPIN is the staff PIN a demo kiosk gives its first administrator
// when nobody has one, so that a newcomer can leave the kiosk.
const demoPIN = "246810"

// welcomePackPortal is the portal's side of the kiosk: the Welcome Pack
// login and whether the portal answers (sync.Client).
type welcomePackPortal interface {
	WelcomePackLogin(ctx context.Context, customerID, vin string) (api.WelcomePackCustomer, time.Duration, error)
	Health(ctx context.Context) error
}

// kioskBackend hands the kiosk the local store and, when the device is
// enrolled, the portal.
type kioskBackend struct {
	db        *localdb.DB
	portal    welcomePackPortal // nil when not enrolled
	portalURL string
	// demo gives the first administrator the demo PIN when nobody has
	// one; the staff arrive with the first sync, after the kiosk opens.
	demo func(context.Context)
}

var _ kiosk.Backend = (*kioskBackend)(nil)

func (b *kioskBackend) Register(ctx context.Context, r showroom.Registration) (showroom.Customer, error) {
	return b.db.Register(ctx, r) // the sync notices the outbox grow
}

// WelcomePackLogin asks the portal; when the portal cannot be reached it
// checks the customers this device caches, with the same limit of wrong
// attempts.
func (b *kioskBackend) WelcomePackLogin(ctx context.Context, id, vin string) (kiosk.WelcomePackCustomer, time.Duration, error) {
	if b.portal != nil {
		c, wait, err := b.portal.WelcomePackLogin(ctx, id, vin)
		if !errors.Is(err, sync.ErrOffline) {
			return kiosk.WelcomePackCustomer{CustomerID: c.CustomerID, FirstName: c.FirstName, LastName: c.LastName}, wait, err
		}
	}
	c, wait, err := b.db.WelcomePackLogin(ctx, id, vin)
	return kiosk.WelcomePackCustomer{CustomerID: c.ID, FirstName: c.Personal.FirstName, LastName: c.Personal.LastName}, wait, err
}

func (b *kioskBackend) ActivateWelcomePack(ctx context.Context, a kiosk.Activation) error {
	return b.db.ActivateWelcomePack(ctx, localdb.WelcomePackActivation{CustomerID: a.CustomerID,
		FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, PreferredChannel: a.PreferredChannel,
		Consent: a.Consent})
}

func (b *kioskBackend) FindOrder(ctx context.Context, n showroom.OrderNumber, lastName string) (showroom.Order, error) {
	return b.db.OrderForCustomer(ctx, n, lastName)
}

func (b *kioskBackend) CheckPIN(ctx context.Context, pin string) (time.Duration, error) {
	if b.demo != nil {
		b.demo(ctx)
	}
	_, wait, err := b.db.CheckKioskPIN(ctx, pin)
	return wait, err
}

func (b *kioskBackend) Online(ctx context.Context) bool {
	if b.portal == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return b.portal.Health(ctx) == nil
}

func (b *kioskBackend) PortalURL() string { return b.portalURL }

// kioskOptions wires the kiosk: its backend, the configured idle timeout,
// and leaving the app on a good staff PIN. It reads the settings once,
// before the window shows.
func (a *App) kioskOptions(ctx context.Context, fa fyne.App) kiosk.Options {
	b := &kioskBackend{db: a.DB}
	if dev, err := sync.LoadDevice(a.Config.DataDir); err == nil {
		// One attempt, soon over: a customer is waiting.
		c, err := sync.NewClient(dev, sync.Options{Timeout: 6 * time.Second, Retries: -1, Log: a.Log})
		if err == nil {
			b.portal, b.portalURL = c, dev.PortalURL
		} else {
			a.Log.Warn("kiosk without portal client", "err", err)
		}
	}
	if u, err := a.DB.Setting(ctx, settingKioskQR); err == nil && u != "" {
		b.portalURL = u
	}
	var idle time.Duration
	if s, err := a.DB.Setting(ctx, settingKioskIdle); err == nil {
		if n, err := strconv.Atoi(s); err == nil {
			// 0 or less would turn it off, which it must not be: the shortest.
			idle = kiosk.ClampIdle(time.Duration(max(n, 1)) * time.Second)
		}
	}
	if a.Config.KioskIdle != 0 {
		idle = kiosk.ClampIdle(time.Duration(a.Config.KioskIdle) * time.Second)
	}
	if a.Config.Demo {
		b.demo = a.ensureDemoPIN
	}
	return kiosk.Options{Backend: b, Idle: idle, OnExit: fa.Quit}
}

// ensureDemoPIN gives the demo's first administrator the demo PIN when no
// staff member has one.
func (a *App) ensureDemoPIN(ctx context.Context) {
	if has, err := a.DB.HasStaffPIN(ctx); err != nil || has {
		return
	}
	ids, err := a.DB.StaffIDs(ctx)
	if err != nil || len(ids) == 0 {
		a.Log.Warn("demo kiosk: no staff to give a PIN")
		return
	}
	if err := a.DB.SetStaffPIN(ctx, ids[0], demoPIN); err != nil {
		a.Log.Warn("demo kiosk: staff PIN not set", "err", err)
		return
	}
	a.Log.Info("demo kiosk: staff PIN set for the first administrator; see the README")
}
