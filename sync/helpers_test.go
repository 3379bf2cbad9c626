package sync

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal"
	"github.com/myrenault/showroom/portal/api"
)

// Fixture values of the test portal.
const (
	dealerA   = "006122"
	dealerB   = "007001"
	knownVIN  = "VF1LZBR0542606589"
	knownEng  = "K4MA690C123456"
	offerID   = "offer-200"
	consentSH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

// testPortal is the real portal over a real SQLite file, served by
// httptest on loopback.
type testPortal struct {
	store   *portal.SQLite
	srv     *httptest.Server
	handler http.Handler
	dbPath  string
}

func newTestPortal(tb testing.TB) *testPortal {
	tb.Helper()
	return newTestPortalAt(tb, nil)
}

// newTestPortalAt is newTestPortal with the portal's store on the clock
// now (time.Now when nil).
func newTestPortalAt(tb testing.TB, now func() time.Time) *testPortal {
	tb.Helper()
	dir := tb.TempDir()
	p := &testPortal{dbPath: filepath.Join(dir, "portal.db")}
	st, err := portal.OpenSQLite(context.Background(), p.dbPath, now)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	err = st.Load(context.Background(), func(l *portal.Loader) error {
		for _, d := range []showroom.Dealer{
			{Code: dealerA, Name: "Автомир-Екатеринбург", Region: "Свердловская область", City: "Екатеринбург"},
			{Code: dealerB, Name: "Автомир-Москва", Region: "Москва", City: "Москва"},
		} {
			if err := l.Dealer(d); err != nil {
				return err
			}
		}
		if err := l.Record(showroom.FactoryRecord{VIN: knownVIN, Model: "Fluence", Version: "Expression", Body: "sedan",
			EngineNumber: knownEng, BuildDate: time.Date(2011, 5, 3, 0, 0, 0, 0, time.UTC)}); err != nil {
			return err
		}
		return l.Offer(showroom.Offer{ID: offerID, Title: "200 ₽ на комплекс-сервис",
			ValidFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ValidTo: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	})
	if err != nil {
		tb.Fatal(err)
	}
	p.store = st
	s := portal.NewServer(portal.Config{Store: st, Mailer: portal.DirMailer{Dir: filepath.Join(dir, "mail")},
		PublicURL: "http://portal.test", Log: slog.New(slog.DiscardHandler)})
	p.handler = s
	p.srv = httptest.NewServer(s)
	ctx, stop := context.WithCancel(context.Background())
	var wg stdsync.WaitGroup
	wg.Go(func() { s.DeliverMail(ctx) })
	tb.Cleanup(func() { stop(); wg.Wait() })
	tb.Cleanup(p.srv.Close)
	return p
}

// down stops the portal's server: its address refuses connections until
// up serves the portal there again.
func (p *testPortal) down() { p.srv.Close() }

// up serves the portal again on the address it had, as a portal back
// after an outage: the same store, the same URL.
func (p *testPortal) up(tb testing.TB) {
	tb.Helper()
	addr := p.srv.Listener.Addr().String()
	var ln net.Listener
	var err error
	for range 50 { // the port may take a moment to be free again
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		tb.Fatalf("portal: listen again on %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(p.handler)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	p.srv = srv
	tb.Cleanup(srv.Close)
}

// count runs a counting query on the portal's store.
func (p *testPortal) count(tb testing.TB, query string, args ...any) int {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+p.dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// fastOptions retry quickly, so that fault tests run in seconds.
func fastOptions() Options {
	return Options{Timeout: 2 * time.Second, Retries: 3, RetryWait: 5 * time.Millisecond, RetryMaxWait: 50 * time.Millisecond}
}

// enroll enrols a desk of dealer with the portal at url.
func (p *testPortal) enroll(tb testing.TB, dealer, url string) Device {
	tb.Helper()
	return p.enrollAs(tb, dealer, url, api.KindDesk, "Стойка 1")
}

// enrollAs enrols a device of dealer, of kind (api.KindDesk or
// api.KindKiosk) and name, with the portal at url.
func (p *testPortal) enrollAs(tb testing.TB, dealer, url, kind, name string) Device {
	tb.Helper()
	code, err := p.store.NewEnrollCode(context.Background(), dealer, time.Hour)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := Enroll(context.Background(), Enrollment{PortalURL: url, Code: code, Name: name, Kind: kind}, fastOptions())
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// device is a local store and a sync engine of one enrolled device.
type device struct {
	path   string
	db     *localdb.DB
	dev    Device
	client *Client
	engine *Engine
}

// newDevice enrols a device with the portal and opens its local store;
// the client talks to url (the portal itself, or a proxy in front of it).
func (p *testPortal) newDevice(tb testing.TB, url string, o Options) *device {
	tb.Helper()
	d := p.enroll(tb, dealerA, p.srv.URL)
	d.PortalURL = url
	return openDevice(tb, filepath.Join(tb.TempDir(), "showroom.db"), d, o)
}

func openDevice(tb testing.TB, path string, d Device, o Options) *device {
	tb.Helper()
	db, err := localdb.Open(context.Background(), path, localdb.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := Bind(context.Background(), db, d); err != nil {
		tb.Fatal(err)
	}
	c, err := NewClient(d, o)
	if err != nil {
		tb.Fatal(err)
	}
	return &device{path: path, db: db, dev: d, client: c, engine: New(Config{DB: db, Client: c})}
}

// registration is a valid kiosk registration with its own e-mail.
func registration(n int) showroom.Registration {
	return showroom.Registration{LastName: "Игнатьева", FirstName: "Полина",
		Email: fmt.Sprintf("polina.%d@example.ru", n), Source: showroom.SourceKiosk,
		Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", TextSHA256: consentSH,
			GivenAt: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}}
}

// register saves n registrations on the device and returns their refs.
func (d *device) register(tb testing.TB, from, n int) []string {
	tb.Helper()
	var refs []string
	for i := from; i < from+n; i++ {
		c, err := d.db.Register(context.Background(), registration(i))
		if err != nil {
			tb.Fatal(err)
		}
		refs = append(refs, c.Ref)
	}
	return refs
}

// portalCustomers returns, for each customer_ref the portal holds at
// dealerA, how many customers have it and their ID.
func (p *testPortal) portalCustomers(tb testing.TB) map[string][]string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+p.dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT ref, id FROM customers WHERE dealer = ?`, dealerA)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var ref, id string
		if err := rows.Scan(&ref, &id); err != nil {
			tb.Fatal(err)
		}
		out[ref] = append(out[ref], id)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// localCustomers returns customer_ref → portal customer ID ("" while
// unknown) of the device's store.
func (d *device) localCustomers(tb testing.TB) map[string]string {
	tb.Helper()
	return localCustomersAt(tb, d.path)
}

// localCustomersAt reads customer_ref → customer ID from a store's file.
func localCustomersAt(tb testing.TB, path string) map[string]string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT ref, coalesce(customer_id, '') FROM customers`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ref, id string
		if err := rows.Scan(&ref, &id); err != nil {
			tb.Fatal(err)
		}
		out[ref] = id
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// convergeRounds runs rounds until the outbox is empty and a round
// succeeds; a test fails after many failed rounds.
func (d *device) converge(tb testing.TB) Summary {
	tb.Helper()
	for i := 0; ; i++ {
		s, err := d.engine.Round(context.Background())
		if err == nil && s.Outbox == 0 {
			return s
		}
		if i == 50 {
			tb.Fatalf("no convergence after %d rounds: %v (outbox %d)", i, err, s.Outbox)
		}
	}
}

// requestLog serves the real portal and notes the path and time of every
// request.
type requestLog struct {
	next http.Handler
	mu   stdsync.Mutex
	reqs []loggedRequest
}

type loggedRequest struct {
	path string
	at   time.Time
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.reqs = append(l.reqs, loggedRequest{r.URL.Path, time.Now()})
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

// times returns when the requests to paths under prefix came.
func (l *requestLog) times(prefix string) []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []time.Time
	for _, r := range l.reqs {
		if strings.HasPrefix(r.path, prefix) {
			out = append(out, r.at)
		}
	}
	return out
}

// logPortal puts a requestLog in front of the portal p, on its own
// loopback address.
func logPortal(tb testing.TB, p *testPortal) (*requestLog, string) {
	tb.Helper()
	l := &requestLog{next: p.handler}
	srv := httptest.NewServer(l)
	tb.Cleanup(srv.Close)
	return l, srv.URL
}
