package portal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

func TestRegister(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	bad := registration("r2", "not-an-email")
	withVIN := registration("r3", "ivan@example.ru")
	withVIN.VIN, withVIN.EngineNumber = strings.ToLower(knownVIN), knownEng
	// Registered at the desk: a staff member, marketing yes, its own time.
	withVIN.Source, withVIN.StaffID = showroom.SourceStaff, "staff-7"
	withVIN.Consent.Marketing = true
	withVIN.Consent.GivenAt = time.Date(2026, 11, 25, 10, 5, 0, 0, time.FixedZone("MSK", 3*3600))
	res := p.push(t, token,
		mutation(api.TypeCustomerRegister, registration("r1", "polina@example.ru")),
		mutation(api.TypeCustomerRegister, bad),
		mutation(api.TypeCustomerRegister, registration("r4", "Polina@Example.RU")),
		mutation(api.TypeCustomerRegister, withVIN),
		mutation("customer.teleport", map[string]string{}),
		api.Mutation{Type: api.TypeCustomerRegister},
	)
	want := []struct{ status, code string }{
		{"applied", ""}, {"rejected", "invalid_email"}, {"rejected", "email_taken"}, {"applied", ""},
		{"rejected", "unknown_type"}, {"rejected", "invalid"},
	}
	for i, w := range want {
		if res[i].Status != w.status || string(res[i].Code) != w.code {
			t.Errorf("result %d: %s %s, want %s %s", i, res[i].Status, res[i].Code, w.status, w.code)
		}
	}
	if e := res[0].Entity; e == nil || e.Type != "customer" || e.Ref != "r1" || !regexp.MustCompile(`^\d{9}$`).MatchString(e.ID) {
		t.Errorf("entity %+v", res[0].Entity)
	}
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
	if n != 2 {
		t.Errorf("%d customers, want 2", n)
	}
	// The consent record: text version and hash, purpose, marketing yes or
	// no, when it was given, the device and the staff member (none at the
	// kiosk).
	dev, err := p.store.DeviceByToken(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		name, id, staff string
		marketing       bool
		given           time.Time
	}{
		{"kiosk", res[0].Entity.ID, "", false, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)},
		{"desk", res[3].Entity.ID, "staff-7", true, time.Date(2026, 11, 25, 7, 5, 0, 0, time.UTC)},
	} {
		rows, err := p.store.r.Query(`SELECT coalesce(device_id, ''), coalesce(staff_id, ''), text_version, text_sha256, purpose,
			marketing, given_at FROM consents WHERE customer_id = ?`, w.id)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
			var device, staff, version, sha, purpose, given string
			var marketing bool
			if err := rows.Scan(&device, &staff, &version, &sha, &purpose, &marketing, &given); err != nil {
				t.Fatal(err)
			}
			at, err := time.Parse(timeLayout, given)
			if device != dev.ID || staff != w.staff || version != "pd-2026-01" || sha != consentSH ||
				purpose != showroom.PurposePersonalData || marketing != w.marketing || err != nil || !at.Equal(w.given) {
				t.Errorf("%s consent: device %q staff %q version %q sha %q purpose %q marketing %v given %q; want device %q staff %q marketing %v given %v",
					w.name, device, staff, version, sha, purpose, marketing, given, dev.ID, w.staff, w.marketing, w.given)
			}
		}
		rows.Close()
		if n != 1 {
			t.Errorf("%s: %d consent records, want 1", w.name, n)
		}
	}
	// The registration's car is verified against the registry.
	var verified bool
	for _, c := range p.pullAll(t, token) {
		if c.Type == "vehicle" {
			var v showroom.Vehicle
			json.Unmarshal(c.Data, &v)
			verified = v.Verified && v.CustomerRef == "r3" && v.Model == "Fluence"
		}
	}
	if !verified {
		t.Error("registration's car not verified")
	}
}

func TestIdempotency(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	m := mutation(api.TypeCustomerRegister, registration("r1", "polina@example.ru"))
	first := p.push(t, token, m)[0]
	again := p.push(t, token, m)[0]
	if first.Status != "applied" || again.Status != "duplicate" || again.Entity == nil || again.Entity.ID != first.Entity.ID {
		t.Fatalf("first %+v, again %+v", first, again)
	}
	// Insignificant white space is the same body.
	var indented api.Mutation = m
	indented.Data, _ = json.MarshalIndent(json.RawMessage(m.Data), "", "  ")
	if r := p.push(t, token, indented)[0]; r.Status != "duplicate" {
		t.Errorf("re-indented replay: %+v", r)
	}
	other := m
	other.Data, _ = json.Marshal(registration("r1", "other@example.ru"))
	if r := p.push(t, token, other)[0]; r.Status != "rejected" || r.Code != "idempotency_conflict" {
		t.Errorf("conflicting replay: %+v", r)
	}
	// A stored rejection replays as a duplicate of the rejection.
	rej := mutation(api.TypeCustomerRegister, registration("r9", "bad"))
	p.push(t, token, rej)
	if r := p.push(t, token, rej)[0]; r.Status != "duplicate" || r.Code != "invalid_email" {
		t.Errorf("replayed rejection: %+v", r)
	}
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
	if n != 1 {
		t.Errorf("%d customers, want 1", n)
	}
}

// TestIdempotencyKeyKeptForWeeks: a kiosk offline for weeks replays what
// it pushed before; the key is kept for ever, so the replay is still the
// first result as a duplicate and changes nothing.
func TestIdempotencyKeyKeptForWeeks(t *testing.T) {
	p := newTestPortal(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	p.store.now = func() time.Time { return now }
	token := p.enroll(t, dealerA)
	m := mutation(api.TypeCustomerRegister, registration("r1", "polina@example.ru"))
	first := p.push(t, token, m)[0]
	if first.Status != api.StatusApplied || first.Entity == nil {
		t.Fatalf("first %+v", first)
	}
	now = now.Add(60 * 24 * time.Hour)
	again := p.push(t, token, m)[0]
	if again.Status != api.StatusDuplicate || again.Code != first.Code || again.Entity == nil || *again.Entity != *first.Entity {
		t.Fatalf("60 days later: %+v (entity %+v), first %+v (entity %+v)", again, again.Entity, first, first.Entity)
	}
	other := m
	other.Data, _ = json.Marshal(registration("r1", "other@example.ru"))
	if r := p.push(t, token, other)[0]; r.Status != api.StatusRejected || r.Code != showroom.EIdempotencyConflict {
		t.Errorf("conflicting replay 60 days later: %+v", r)
	}
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
	if n != 1 {
		t.Errorf("%d customers, want 1", n)
	}
}

func TestConcurrentReplays(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	m := mutation(api.TypeCustomerRegister, registration("r1", "polina@example.ru"))
	var wg sync.WaitGroup
	results := make([]api.Result, 100)
	errs := make([]error, len(results)) // reported here: t.Fatal only works on the test's goroutine
	for i := range results {
		wg.Go(func() {
			var out api.PushResponse
			st, err := p.try("POST", "/api/v1/sync/push", token, api.PushRequest{Mutations: []api.Mutation{m}}, &out)
			switch {
			case err != nil:
				errs[i] = err
			case st != http.StatusOK || len(out.Results) != 1:
				errs[i] = fmt.Errorf("status %d, %d results", st, len(out.Results))
			default:
				results[i] = out.Results[0]
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("replays that got no answer:\n%v", err)
	}
	applied := 0
	for _, r := range results {
		switch r.Status {
		case "applied":
			applied++
		case "duplicate":
		default:
			t.Errorf("result %+v", r)
		}
	}
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
	if applied != 1 || n != 1 {
		t.Errorf("%d applied, %d customers; want 1 and 1", applied, n)
	}
	p.waitMail(t, 1)
	time.Sleep(50 * time.Millisecond) // a second e-mail would show now
	p.waitMail(t, 1)
}

// TestEmailFlow: register → .eml in the mail folder → open the link → the
// pull shows active; the link works once.
func TestEmailFlow(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	id := p.push(t, token, mutation(api.TypeCustomerRegister, registration("r1", "polina@example.ru")))[0].Entity.ID
	files := p.waitMail(t, 1)
	raw, _ := os.ReadFile(files[0])
	text := emlText(t, raw)
	link := regexp.MustCompile(`http://portal\.test/confirm/[a-z0-9]+`).FindString(text)
	if link == "" || !strings.Contains(text, "Здравствуйте, Полина Игнатьева") || !strings.Contains(text, "Hello Полина") || !strings.Contains(text, id) {
		t.Fatalf("e-mail text:\n%s", text)
	}
	if !strings.Contains(string(raw), "To: polina@example.ru") {
		t.Error("e-mail not addressed to the customer")
	}
	if st := stateOf(t, p, token, id); st != showroom.StatePending {
		t.Fatalf("state %s before the link", st)
	}
	path := strings.TrimPrefix(link, "http://portal.test")
	for i, want := range []int{200, 404} {
		resp := p.raw(t, "GET", path, "", nil, nil)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<html") {
			t.Errorf("open %d: %d %s", i, resp.StatusCode, body)
		}
	}
	if resp := p.raw(t, "GET", "/confirm/unknown", "", nil, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d", resp.StatusCode)
	}
	if st := stateOf(t, p, token, id); st != showroom.StateActive {
		t.Errorf("state %s after the link", st)
	}
}

// stateOf returns the latest state of a customer in the device's feed.
func stateOf(t *testing.T, p *testPortal, token, id string) showroom.CustomerState {
	var st showroom.CustomerState
	for _, c := range p.pullAll(t, token) {
		if c.Type == "customer" && c.ID == id {
			var cu showroom.Customer
			if err := json.Unmarshal(c.Data, &cu); err != nil {
				t.Fatal(err)
			}
			if cu.ID != id || cu.Ref != "r1" {
				t.Errorf("customer change %+v", cu)
			}
			st = cu.State
		}
	}
	return st
}

func TestDealerScope(t *testing.T) {
	p := newTestPortal(t)
	a, b := p.enroll(t, dealerA), p.enroll(t, dealerB)
	ra := p.push(t, a, mutation(api.TypeCustomerRegister, registration("ra", "a@example.ru")))[0]
	rb := p.push(t, b, mutation(api.TypeCustomerRegister, registration("rb", "b@example.ru")))[0]
	seen := func(token string) map[string]bool {
		m := map[string]bool{}
		for _, c := range p.pullAll(t, token) {
			m[c.Type+":"+c.ID] = true
		}
		return m
	}
	sa, sb := seen(a), seen(b)
	if !sa["customer:"+ra.Entity.ID] || sa["customer:"+rb.Entity.ID] || !sa["dealer:"+dealerB] {
		t.Errorf("dealer A sees %v", sa)
	}
	if !sb["customer:"+rb.Entity.ID] || sb["customer:"+ra.Entity.ID] || sb["order:"+orderNum] {
		t.Errorf("dealer B sees %v", sb)
	}
	// Nor can B change A's customer.
	r := p.push(t, b, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: api.CustomerKey{CustomerID: ra.Entity.ID}, VIN: knownVIN}))[0]
	if r.Code != "unknown_customer" {
		t.Errorf("cross-dealer change: %+v", r)
	}
}

func TestPullPaging(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	var page api.PullResponse
	p.do(t, "GET", "/api/v1/sync/pull?limit=1", token, nil, &page)
	if len(page.Changes) != 1 || !page.More || page.Next != "1" {
		t.Fatalf("first page %+v", page)
	}
	all := p.pullAll(t, token)
	for i := 1; i < len(all); i++ {
		if all[i].Seq <= all[i-1].Seq {
			t.Fatal("changes out of order")
		}
	}
	var last api.PullResponse
	p.do(t, "GET", "/api/v1/sync/pull?since=999999", token, nil, &last)
	if len(last.Changes) != 0 || last.More || last.Next != "999999" {
		t.Errorf("past the end: %+v", last)
	}
}

// TestInternalFailureStopsOnlyItsMutation breaks the store for one kind of
// mutation (its table is gone) in the middle of a batch: that mutation is
// answered "internal" and not remembered, the others are applied, and once
// the store is mended the same mutation applies.
func TestInternalFailureStopsOnlyItsMutation(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	var failures int
	p.store.OnInternalError(func(error) { failures++ })
	if _, err := p.store.w.Exec(`ALTER TABLE handovers RENAME TO handovers_away`); err != nil {
		t.Fatal(err)
	}
	handover := mutation(api.TypeHandoverRecord, api.HandoverRecord{VIN: knownVIN, StaffID: "s1"})
	res := p.push(t, token,
		mutation(api.TypeCustomerRegister, registration("r1", "r1@example.ru")),
		handover,
		mutation(api.TypeCustomerRegister, registration("r2", "r2@example.ru")))
	if res[0].Status != "applied" || res[2].Status != "applied" {
		t.Fatalf("the neighbours: %+v %+v", res[0], res[2])
	}
	if res[1].Status != "rejected" || res[1].Code != showroom.EInternal || failures != 1 {
		t.Fatalf("the broken one: %+v, %d failures heard", res[1], failures)
	}
	if _, err := p.store.w.Exec(`ALTER TABLE handovers_away RENAME TO handovers`); err != nil {
		t.Fatal(err)
	}
	if r := p.push(t, token, handover)[0]; r.Status != "applied" {
		t.Fatalf("sent again after the repair: %+v", r)
	}
}

// cancelAfter is a context that is cancelled at its n-th look at Err: the
// push's loop looks once before each mutation, so a push over it is
// cancelled in the middle of its batch, which a client cannot time for
// real.
type cancelAfter struct {
	context.Context
	cancel context.CancelFunc
	n      int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// A push cancelled halfway (its client gone) applies nothing of its batch
// and records none of its mutations, so the device's next push applies
// them all.
func TestCancelledPushAppliesNothing(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	dev, err := p.store.DeviceByToken(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	var ms []api.Mutation
	for i := range 10 {
		ref := fmt.Sprintf("cancel-%d", i)
		ms = append(ms, mutation(api.TypeCustomerRegister, registration(ref, ref+"@example.ru")))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := p.store.ApplyBatch(&cancelAfter{Context: ctx, cancel: cancel, n: 4}, dev, ms, showroom.Russian); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled push: %v", err)
	}
	var customers, recorded int
	if err := p.store.w.QueryRow(`SELECT count(*) FROM customers WHERE ref LIKE 'cancel-%'`).Scan(&customers); err != nil {
		t.Fatal(err)
	}
	if err := p.store.w.QueryRow(`SELECT count(*) FROM mutations WHERE device_id = ?`, dev.ID).Scan(&recorded); err != nil {
		t.Fatal(err)
	}
	if customers != 0 || recorded != 0 {
		t.Fatalf("after the cancelled push: %d customers, %d mutations recorded", customers, recorded)
	}
	for i, r := range p.push(t, token, ms...) {
		if r.Status != api.StatusApplied {
			t.Errorf("mutation %d pushed again: %+v", i, r)
		}
	}
}
