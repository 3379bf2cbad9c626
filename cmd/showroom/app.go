package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	stdsync "sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui"
	"github.com/myrenault/showroom/ui/kiosk"
	"github.com/myrenault/showroom/ui/staff"
)

// The app's identity; FyneApp.toml at the repository root says the same for
// the packager, and a test keeps the two in step.
const (
	appID      = "ru.myrenault.showroom"
	appName    = "Showroom"
	appVersion = "0.1.0"
)

// App is the wiring of one running showroom: its configuration and store,
// and the sync engine once StartSync has started it (see Engine).
// End-to-end tests reuse it rather than rebuilding the wiring.
type App struct {
	Config Config
	DB     *localdb.DB
	Log    *slog.Logger

	engine atomic.Pointer[sync.Engine]
	// What StartSync started runs under syncCtx and is waited for with
	// syncWG, an engine started later by an enrolment too.
	syncMu  stdsync.Mutex
	syncCtx context.Context
	syncWG  stdsync.WaitGroup
}

// Engine is the sync engine: nil before StartSync, and while the device is
// not enrolled.
func (a *App) Engine() *sync.Engine { return a.engine.Load() }

// Open prepares the data folder and the store, and fills a fresh demo
// folder with demo data.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	db, err := localdb.Open(ctx, dbPath(cfg.DataDir), localdb.Options{})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	a := &App{Config: cfg, DB: db, Log: log}
	if cfg.Demo {
		if err := fillDemo(ctx, db, log); err != nil {
			db.Close()
			return nil, fmt.Errorf("demo data: %w", err)
		}
	}
	return a, nil
}

// Close releases the store.
func (a *App) Close() error { return a.DB.Close() }

// Window builds the staff or kiosk window's content in a Fyne window.
func (a *App) Window(ctx context.Context, fa fyne.App) fyne.Window {
	w := fa.NewWindow(ui.T("app.title"))
	if a.Config.Kiosk {
		k := kiosk.New(ctx, a.kioskOptions(ctx, fa))
		w.SetContent(k.Content())
		k.SetCanvas(w.Canvas())
		w.SetCloseIntercept(k.RequestExit) // only a staff PIN closes the kiosk
		w.SetFullScreen(true)
		return w
	}
	s := staff.New(ctx, backend{db: a.DB}, a.Log)
	a.fitDesk(ctx, s, w)
	s.SetEditor(cabinetEditor{db: a.DB})
	s.Start()
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1280, 800))
	s.Focus(w.Canvas())
	return w
}

func runApp(ctx context.Context, cfg Config) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	a, err := Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()

	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: appName, Version: appVersion})
	fa := app.NewWithID(appID)
	scale := float32(1)
	if cfg.Kiosk {
		scale = 1.4 // touch targets of at least 56 px
	}
	fa.Settings().SetTheme(&ui.Theme{Scale: scale})
	fa.SetIcon(fyne.NewStaticResource("icon.png", iconPNG()))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The app works offline: a sync that cannot start is logged, not fatal.
	if stopSync, err := a.StartSync(ctx); err != nil {
		log.Error("sync not started", "err", err)
	} else {
		defer stopSync()
	}
	w := a.Window(ctx, fa)
	go func() { // closing on SIGINT/SIGTERM
		<-ctx.Done()
		fyne.Do(fa.Quit)
	}()
	w.ShowAndRun()
	return nil
}
