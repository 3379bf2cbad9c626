package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	stdsync "sync"
	"time"

	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/portal"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
)

// StartSync starts what keeps this device and the portal in step while the
// app runs: with --demo, first the portal itself, in-process on loopback
// with its own store and mail folder under the data folder, with the
// device enrolled to it; then, when the device is enrolled, the background
// sync. Without an enrolment it does nothing. The returned stop waits for
// everything it started to end.
func (a *App) StartSync(ctx context.Context) (stop func(), err error) {
	ctx, cancel := context.WithCancel(ctx)
	wg := &a.syncWG
	a.syncMu.Lock()
	a.syncCtx = ctx
	a.syncMu.Unlock()
	stop = func() {
		cancel()
		wg.Wait()
		a.engine.Store(nil) // a later StartSync starts its own
	}
	if a.Config.Demo {
		if err := a.startDemoPortal(ctx, wg); err != nil {
			stop()
			return nil, fmt.Errorf("demo portal: %w", err)
		}
	}
	d, err := sync.LoadDevice(a.Config.DataDir)
	if errors.Is(err, sync.ErrNotEnrolled) {
		a.Log.Info("device not enrolled: sync is off until it is enrolled")
		return stop, nil
	}
	if err != nil {
		stop()
		return nil, err
	}
	if err := a.startEngine(d); err != nil {
		stop()
		return nil, err
	}
	return stop, nil
}

// startEngine starts the background sync of the enrolled device d, under
// what StartSync started; a device enrolled from the staff window's
// settings starts syncing at once this way.
func (a *App) startEngine(d sync.Device) error {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	if a.syncCtx == nil {
		return errors.New("sync: StartSync has not run")
	}
	if a.engine.Load() != nil {
		return nil
	}
	c, err := sync.NewClient(d, sync.Options{Log: a.Log})
	if err != nil {
		return err
	}
	e := sync.New(sync.Config{DB: a.DB, Client: c, Log: a.Log})
	a.engine.Store(e)
	ctx := a.syncCtx
	a.syncWG.Go(func() { e.Run(ctx) })
	a.Log.Info("sync started", "device", d.DeviceID, "dealer", d.Dealer.Code)
	return nil
}

// demoPortalDir is the demo portal's folder inside the data folder.
const demoPortalDir = "portal"

// startDemoPortal serves the reference portal on 127.0.0.1 with the demo
// data (the same seed as the app's) and makes sure the device is enrolled
// to it. It keeps last run's port when it is free; otherwise the device
// file is pointed at this run's address, the token staying valid as the
// portal's store is kept in the data folder.
func (a *App) startDemoPortal(ctx context.Context, wg *stdsync.WaitGroup) error {
	dir := filepath.Join(a.Config.DataDir, demoPortalDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	st, err := portal.OpenSQLite(ctx, filepath.Join(dir, "portal.db"), nil)
	if err != nil {
		return err
	}
	if _, err := portal.LoadDemo(ctx, st, time.Now()); err != nil {
		st.Close()
		return err
	}
	ln, err := listenDemo(a.Config.DataDir)
	if err != nil {
		st.Close()
		return err
	}
	url := "http://" + ln.Addr().String()
	srv := portal.NewServer(portal.Config{Store: st, Mailer: portal.DirMailer{Dir: filepath.Join(dir, "mail")},
		PublicURL: url, Log: a.Log.With("part", "portal")})
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	wg.Go(func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.Log.Error("demo portal stopped", "err", err)
		}
	})
	wg.Go(func() { srv.DeliverMail(ctx) })
	wg.Go(func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
		st.Close()
	})
	a.Log.Info("demo portal serving", "url", url, "mail", filepath.Join(dir, "mail"))

	d, err := sync.LoadDevice(a.Config.DataDir)
	switch {
	case err == nil:
		d.PortalURL = url
		if err := sync.SaveDevice(a.Config.DataDir, d); err != nil {
			return err
		}
		return sync.Bind(ctx, a.DB, d)
	case !errors.Is(err, sync.ErrNotEnrolled):
		return err
	}
	code, err := st.NewEnrollCode(ctx, demo.AutomirEkaterinburg, time.Hour)
	if err != nil {
		return err
	}
	d, err = sync.Enroll(ctx, sync.Enrollment{PortalURL: url, Code: code, Name: "Demo " + a.kind(), Kind: a.kind()}, sync.Options{})
	if err != nil {
		return err
	}
	if err := sync.SaveDevice(a.Config.DataDir, d); err != nil {
		return err
	}
	return sync.Bind(ctx, a.DB, d)
}

// listenDemo listens on the loopback address the demo portal had last
// time, so that the links it printed (Welcome Pack QR codes, confirmation
// e-mails) keep working; on a free port when that one is taken or on the
// first run.
func listenDemo(dataDir string) (net.Listener, error) {
	if d, err := sync.LoadDevice(dataDir); err == nil {
		if u, err := sync.CheckPortalURL(d.PortalURL); err == nil && u.Hostname() == "127.0.0.1" {
			if ln, err := net.Listen("tcp", u.Host); err == nil {
				return ln, nil
			}
		}
	}
	return net.Listen("tcp", "127.0.0.1:0")
}

// kind is the device kind this app runs as.
func (a *App) kind() string {
	if a.Config.Kiosk {
		return api.KindKiosk
	}
	return api.KindDesk
}
