package sync

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/portal"
)

// pullScope is how many changes BenchmarkPull100000's portal holds in the
// scope of the benchmark's dealer, at least.
const pullScope = 100_000

// pullSizes is the demo generator at about 4.4 times the app's demo: a
// dealer with 8,800 customers in My Renault (their cars, orders, messages —
// some deleted again — and saved dealers), the dealer's sales of 8
// quarters, and the directory, catalogue, programmes, offers and recalls
// every device receives: 100,316 changes in the dealer's feed. The factory
// registry is left out: it is not part of the feed (devices look VINs up).
func pullSizes() demo.Sizes {
	s := demo.DefaultSizes()
	s.Customers, s.Sales, s.Registry = 8_800, 52_800, 0
	return s
}

// pullPortal is the benchmark's portal store, built once per test binary:
// loading it takes longer than the pull it serves, and pulling changes
// nothing of it but the devices enrolled.
var pullPortal struct {
	once   stdsync.Once
	dir    string
	store  *portal.SQLite
	dealer string
	load   time.Duration
	err    error
}

// loadPullPortal builds pullPortal with the demo generator at pullSizes, in
// one transaction as portal.LoadDemo does.
func loadPullPortal() {
	p := &pullPortal
	ctx := context.Background()
	if p.dir, p.err = os.MkdirTemp("", "showroom-sync-pull"); p.err != nil {
		return
	}
	if p.store, p.err = portal.OpenSQLite(ctx, filepath.Join(p.dir, "portal.db"), nil); p.err != nil {
		return
	}
	g := demo.New(portal.DemoSeed, pullSizes())
	p.dealer = g.Dealer().Code
	start := time.Now()
	p.err = p.store.Load(ctx, func(l *portal.Loader) error {
		for _, d := range g.Dealers() {
			if err := l.Dealer(d); err != nil {
				return err
			}
		}
		for _, m := range g.Models() {
			if err := l.Model(m); err != nil {
				return err
			}
		}
		for _, sp := range g.ServicePrograms() {
			if err := l.ServiceProgram(sp); err != nil {
				return err
			}
		}
		for _, u := range g.Staff() {
			if err := l.Staff(u); err != nil {
				return err
			}
		}
		for _, o := range g.Offers() {
			if err := l.Offer(o); err != nil {
				return err
			}
		}
		for _, r := range g.Recalls() {
			if err := l.Recall(r); err != nil {
				return err
			}
		}
		for s := range g.Sales() {
			if err := l.Sale(s); err != nil {
				return err
			}
		}
		for c := range g.Cabinets() {
			if err := l.Cabinet(c); err != nil {
				return err
			}
		}
		return nil
	})
	p.load = time.Since(start)
}

// closePullPortal removes the benchmark's portal store, if one was built.
func closePullPortal() {
	if pullPortal.store != nil {
		pullPortal.store.Close()
	}
	if pullPortal.dir != "" {
		os.RemoveAll(pullPortal.dir)
	}
}

// BenchmarkPull100000 is a new desk's first sync: an empty device enrolled
// with a portal whose feed holds 100,316 changes in its dealer's scope
// pulls them all over loopback HTTP, in pages of 500, each page applied and
// its cursor saved in one local transaction. Each iteration is a fresh
// device against the same portal; only its round is timed.
func BenchmarkPull100000(b *testing.B) {
	pullPortal.once.Do(loadPullPortal)
	if pullPortal.err != nil {
		b.Fatal(pullPortal.err)
	}
	p := &testPortal{store: pullPortal.store, dbPath: filepath.Join(pullPortal.dir, "portal.db")}
	if n := p.count(b, `SELECT count(*) FROM changes WHERE dealer IS NULL OR dealer = ?`, pullPortal.dealer); n < pullScope {
		b.Fatalf("the portal's feed holds %d changes for dealer %s, want at least %d", n, pullPortal.dealer, pullScope)
	}
	srv := httptest.NewServer(portal.NewServer(portal.Config{Store: p.store, Mailer: portal.DirMailer{Dir: filepath.Join(pullPortal.dir, "mail")},
		PublicURL: "http://portal.test", Log: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	p.srv = srv
	b.Logf("portal loaded in %v", pullPortal.load.Round(time.Millisecond))

	ctx := context.Background()
	var changes int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		d := p.enroll(b, pullPortal.dealer, srv.URL)
		dev := openDevice(b, filepath.Join(b.TempDir(), "showroom.db"), d, Options{})
		b.StartTimer()
		s, err := dev.engine.Round(ctx)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		n := s.Pull.Applied + s.Pull.Skipped + s.Pull.Deferred
		if n < pullScope || s.Pull.Deferred != 0 {
			b.Fatalf("pulled %+v, want at least %d changes applied", s.Pull, pullScope)
		}
		st, err := dev.db.Stats(ctx)
		if err != nil || st.Customers != pullSizes().Customers {
			b.Fatalf("the device holds %+v (%v), want %d customers", st, err, pullSizes().Customers)
		}
		changes += n
		b.StartTimer()
	}
	b.ReportMetric(float64(changes)/b.Elapsed().Seconds(), "changes/s")
	b.ReportMetric(float64(changes)/float64(b.N), "changes/op")
}
