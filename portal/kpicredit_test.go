package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
)

// A registration is credited when the device made it, not when it
// arrives; these tests run the portal on a clock they move.

// testClock is a time the test moves while servers read it.
type testClock struct{ ns atomic.Int64 }

func newTestClock(t time.Time) *testClock {
	c := &testClock{}
	c.set(t)
	return c
}

func (c *testClock) set(t time.Time) { c.ns.Store(t.UnixNano()) }
func (c *testClock) now() time.Time  { return time.Unix(0, c.ns.Load()).UTC() }

// instant reads an RFC 3339 time written in the tests, such as
// "2026-03-31T23:30:00+03:00" (Moscow time).
func instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// newClockedPortal is newTestPortal's portal (its fixture dealers) on the
// clock c, without the mail deliverer.
func newClockedPortal(t *testing.T, c *testClock) *testPortal {
	t.Helper()
	st, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "portal.db"), c.now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Load(context.Background(), loadFixtureDealers)
	if err != nil {
		t.Fatal(err)
	}
	p := &testPortal{t: t, store: st, mail: filepath.Join(t.TempDir(), "mail")}
	p.srv = httptest.NewServer(NewServer(Config{Store: st, Mailer: DirMailer{Dir: p.mail}, PublicURL: "http://portal.test",
		Log: slog.New(slog.DiscardHandler)}))
	t.Cleanup(p.srv.Close)
	return p
}

// showroomDevice is an enrolled device with its own store on its own clock.
type showroomDevice struct {
	db     *localdb.DB
	client *sync.Client
	engine *sync.Engine
}

func (p *testPortal) showroomDevice(t *testing.T, kind string, c *testClock) showroomDevice {
	t.Helper()
	ctx := context.Background()
	code, err := p.store.NewEnrollCode(ctx, dealerA, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := sync.Enroll(ctx, sync.Enrollment{PortalURL: p.srv.URL, Code: code, Name: "Устройство", Kind: kind}, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := sync.Bind(ctx, db, dev); err != nil {
		t.Fatal(err)
	}
	client, err := sync.NewClient(dev, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return showroomDevice{db: db, client: client, engine: sync.New(sync.Config{DB: db, Client: client, Now: c.now})}
}

// kpi is the device's count of the quarter for dealerA.
func (d showroomDevice) kpi(t *testing.T, q showroom.Quarter) localdb.KPICount {
	t.Helper()
	from, to := q.Bounds()
	k, err := d.db.KPI(context.Background(), dealerA, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// portalKPI is dealerA's row of the portal's report, as a device asks for it.
func (d showroomDevice) portalKPI(t *testing.T, q showroom.Quarter) localdb.KPICount {
	t.Helper()
	rep, err := d.client.RegistrationReport(context.Background(), q, "dealer")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Rows {
		if r.Key == dealerA {
			return localdb.KPICount{Registrations: r.Registrations, Sales: r.Sales}
		}
	}
	return localdb.KPICount{}
}

// TestOfflineRegistrationCountsInTheQuarterItWasMade: a kiosk registers a
// customer at 23:30 Moscow time on 31 March while offline (no sync round
// runs) and pushes the registration the next morning. The portal counts it in the first
// quarter, where the kiosk counts it, and a desk of the dealer that learns
// of the customer from the feed counts it there too.
func TestOfflineRegistrationCountsInTheQuarterItWasMade(t *testing.T) {
	ctx := context.Background()
	portalClock := newTestClock(instant("2026-03-02T10:00:00+03:00"))
	p := newClockedPortal(t, portalClock)
	kioskClock := newTestClock(portalClock.now())
	kiosk := p.showroomDevice(t, api.KindKiosk, kioskClock)
	desk := p.showroomDevice(t, api.KindDesk, newTestClock(portalClock.now()))

	made := instant("2026-03-31T23:30:00+03:00")
	kioskClock.set(made)
	c, err := kiosk.db.Register(ctx, showroom.Registration{LastName: "Игнатьева", FirstName: "Полина",
		Email: "polina@example.ru", Source: showroom.SourceKiosk, VIN: knownVIN,
		Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", TextSHA256: consentSH, GivenAt: made}})
	if err != nil {
		t.Fatal(err)
	}

	arrived := instant("2026-04-01T09:15:00+03:00")
	portalClock.set(arrived)
	kioskClock.set(arrived)
	if s, err := kiosk.engine.Round(ctx); err != nil || s.Push.Applied != 1 {
		t.Fatalf("push: %+v, %v", s, err)
	}
	if _, err := desk.engine.Round(ctx); err != nil {
		t.Fatal(err)
	}

	q1, q2 := showroom.Quarter{Year: 2026, Q: 1}, showroom.Quarter{Year: 2026, Q: 2}
	for _, q := range []showroom.Quarter{q1, q2} {
		want := localdb.KPICount{}
		if q == q1 {
			want.Registrations = 1
		}
		dev, port, other := kiosk.kpi(t, q), kiosk.portalKPI(t, q), desk.kpi(t, q)
		if dev != want || port != want || other != want {
			t.Errorf("%v: the kiosk counts %+v, the portal %+v, the desk %+v; want %+v each", q, dev, port, other, want)
		}
	}

	// The feed carries when the registration was made as created_at and
	// the portal's arrival as updated_at; the car was added with it.
	got, err := desk.db.Customer(ctx, c.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(made) {
		t.Errorf("the desk has the customer created at %v, want %v", got.CreatedAt, made)
	}
	var cu showroom.Customer
	var v showroom.Vehicle
	for _, ch := range p.pullAll(t, p.enroll(t, dealerA)) {
		switch ch.Type {
		case api.ChangeCustomer:
			if err := json.Unmarshal(ch.Data, &cu); err != nil {
				t.Fatal(err)
			}
		case api.ChangeVehicle:
			if err := json.Unmarshal(ch.Data, &v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !cu.CreatedAt.Equal(made) || !cu.UpdatedAt.Equal(arrived) || !v.AddedAt.Equal(made) {
		t.Errorf("feed: created %v, updated %v, car added %v; want made %v, arrived %v", cu.CreatedAt, cu.UpdatedAt, v.AddedAt, made, arrived)
	}
}

// TestRegistrationCreditIsHeldBetweenEnrolmentAndNow: a device's clock
// may be wrong. A registration dated before the device was enrolled is
// credited at the enrolment, one dated after the portal's now at the
// portal's now, and one without a date at the portal's now.
func TestRegistrationCreditIsHeldBetweenEnrolmentAndNow(t *testing.T) {
	enrolled := instant("2026-04-02T10:00:00+03:00")
	c := newTestClock(enrolled)
	p := newClockedPortal(t, c)
	token := p.enroll(t, dealerA)
	now := instant("2026-04-05T12:00:00+03:00")
	c.set(now)
	for i, tt := range []struct {
		at, want time.Time
	}{
		{instant("2026-03-31T23:30:00+03:00"), enrolled}, // a clock behind: the quarter before the device existed
		{instant("2026-07-01T12:00:00+03:00"), now},      // a clock ahead: the quarter to come
		{time.Time{}, now},
		{instant("2026-04-03T13:00:00+03:00"), instant("2026-04-03T13:00:00+03:00")},
	} {
		ref := fmt.Sprintf("ref-credit-%d", i)
		m := mutation(api.TypeCustomerRegister, registration(ref, ref+"@example.ru"))
		m.At = tt.at
		if res := p.push(t, token, m); res[0].Status != api.StatusApplied {
			t.Fatalf("%v: %+v", tt.at, res[0])
		}
		var created string
		if err := p.store.r.QueryRow(`SELECT created_at FROM customers WHERE ref = ?`, ref).Scan(&created); err != nil {
			t.Fatal(err)
		}
		if created != fmtTime(tt.want) {
			t.Errorf("made %v: credited %s, want %s", tt.at, created, fmtTime(tt.want))
		}
	}
	for q, want := range map[showroom.Quarter]int{{Year: 2026, Q: 1}: 0, {Year: 2026, Q: 2}: 4, {Year: 2026, Q: 3}: 0} {
		rep, err := p.store.RegistrationReport(context.Background(), q, "dealer")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range rep.Rows {
			n += r.Registrations
		}
		if n != want {
			t.Errorf("%v: %d registrations, want %d", q, n, want)
		}
	}
}
