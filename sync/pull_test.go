package sync

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// feedServer serves a scripted change feed: page i answers since =
// the previous page's next.
type feedServer struct {
	mu    stdsync.Mutex
	pages map[string]api.PullResponse
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	p, ok := f.pages[r.URL.Query().Get("since")]
	f.mu.Unlock()
	if !ok {
		p = api.PullResponse{Changes: []api.Change{}, Next: r.URL.Query().Get("since")}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(p)
}

func change(seq int64, typ, id string, v any) api.Change {
	if v == nil {
		return api.Change{Seq: seq, Type: typ, ID: id, Deleted: true, Data: json.RawMessage("null")}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return api.Change{Seq: seq, Type: typ, ID: id, Data: b}
}

// TestPullAppliesEveryTypeAndDeletions feeds one change of each type the
// portal sends, then their deletions, and checks the local store.
func TestPullAppliesEveryTypeAndDeletions(t *testing.T) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	const ref, id = "ref-1", "300000001"
	cu := showroom.Customer{Ref: ref, ID: id, State: showroom.StateActive, DealerCode: dealerA, Source: showroom.SourceKiosk,
		Personal: showroom.PersonalData{FirstName: "Полина", LastName: "Игнатьева", Email: "polina@example.ru"}}
	car := showroom.Vehicle{ID: "car-1", CustomerRef: ref, VIN: knownVIN, EngineNumber: knownEng, Model: "Fluence", Verified: true, AddedAt: now}
	order := showroom.Order{Number: "0061220040234", CustomerRef: ref, Status: showroom.OrderAtDealer,
		History: []showroom.OrderEvent{{At: now, Status: showroom.OrderAtDealer}}}
	stray := showroom.Order{Number: "0061220040235", CustomerRef: "not-cached", Status: showroom.OrderInProduction}
	offer := showroom.Offer{ID: offerID, Title: "200 ₽", ValidFrom: now.Add(-time.Hour), ValidTo: now.Add(24 * time.Hour)}
	coupon := showroom.Coupon{Code: "K7QM-ABCD-EFGH", OfferID: offerID, VIN: knownVIN, CustomerRef: ref, IssuedAt: now}
	recall := showroom.Recall{Campaign: "R-2026-01", Date: now, Title: "Airbag", VINs: []string{knownVIN}}
	msg := showroom.Message{ID: "msg-1", CustomerRef: ref, Subject: "Добро пожаловать", Body: "…", At: now}
	staff := showroom.StaffUser{ID: "staff-1", DealerCode: dealerA, Name: "Анна", Role: showroom.RoleSales, Active: true}
	saved := showroom.SavedDealer{CustomerRef: ref, DealerCode: dealerB, Primary: true}
	f := &feedServer{pages: map[string]api.PullResponse{
		"": {Next: "6", More: true, Changes: []api.Change{
			change(1, api.ChangeDealer, dealerB, showroom.Dealer{Code: dealerB, Name: "Автомир-Москва"}),
			change(2, api.ChangeCustomer, id, cu),
			change(3, api.ChangeVehicle, car.ID, car),
			change(4, api.ChangeOrder, order.Number, order),
			change(5, api.ChangeOrder, stray.Number, stray),
			change(6, api.ChangeOffer, offer.ID, offer),
		}},
		"6": {Next: "14", Changes: []api.Change{
			change(7, api.ChangeCoupon, coupon.Code, coupon),
			change(8, api.ChangeRecall, recall.Campaign, recall),
			change(9, api.ChangeMessage, msg.ID, msg),
			change(10, api.ChangeStaff, staff.ID, staff),
			change(11, changeSavedDealer, id+"/"+dealerB, saved),
			change(12, api.ChangeModel, "Fluence", showroom.ModelInfo{Name: "Fluence"}),
			change(13, api.ChangeVehicle, "car-x", showroom.Vehicle{ID: "car-x", CustomerRef: "not-cached", VIN: knownVIN}),
			change(14, "hovercraft", "h-1", map[string]string{}),
		}},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{DB: db, Client: c})
	s, err := e.Round(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Pull.Pages != 2 || s.Pull.Applied != 12 || s.Pull.Skipped != 1 || s.Pull.Deferred != 1 {
		t.Fatalf("pull %+v", s.Pull)
	}
	if cur, _ := db.Cursor(ctx); cur != "14" {
		t.Fatalf("cursor %q", cur)
	}
	cab, err := db.Cabinet(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if cab.Customer.ID != id || cab.Customer.State != showroom.StateActive || len(cab.Garage) != 1 ||
		cab.Garage[0].ID != "car-1" || len(cab.Orders) != 1 || len(cab.Messages) != 1 ||
		len(cab.SavedDealers) != 1 || cab.SavedDealers[0].DealerCode != dealerB {
		t.Fatalf("cabinet %+v", cab)
	}
	if d, err := db.Dealer(ctx, dealerB); err != nil || d.Name != "Автомир-Москва" {
		t.Fatalf("dealer %+v %v", d, err)
	}
	if offers, err := db.Offers(ctx); err != nil || len(offers) != 1 {
		t.Fatalf("offers %+v %v", offers, err)
	}
	if cp, err := db.Coupon(ctx, coupon.Code); err != nil || cp.OfferID != offerID {
		t.Fatalf("coupon %+v %v", cp, err)
	}
	if rs, err := db.RecallsForVIN(ctx, knownVIN); err != nil || len(rs) != 1 {
		t.Fatalf("recalls %+v %v", rs, err)
	}
	if u, err := db.StaffUser(ctx, staff.ID); err != nil || u.Name != "Анна" {
		t.Fatalf("staff %+v %v", u, err)
	}
	// The PIN is this device's own: a later change of the staff member
	// from the portal (which never sends one) keeps it.
	if err := db.SetStaffPIN(ctx, staff.ID, "482193"); err != nil {
		t.Fatal(err)
	}
	renamed := staff
	renamed.Name = "Анна Петровна"
	f.mu.Lock()
	f.pages["14"] = api.PullResponse{Next: "15", Changes: []api.Change{change(15, api.ChangeStaff, staff.ID, renamed)}}
	f.mu.Unlock()
	if _, err := e.Round(ctx); err != nil {
		t.Fatal(err)
	}
	if u, err := db.StaffUser(ctx, staff.ID); err != nil || u.Name != "Анна Петровна" || u.PINHash == "" {
		t.Fatalf("staff after a portal change: %q, PIN kept: %v (%v)", u.Name, u.PINHash != "", err)
	}
	if st, err := db.Stats(ctx); err != nil || st.Orders != 2 {
		t.Fatalf("the order of a customer not cached here is kept: %+v %v", st, err)
	}

	// The deletions.
	f.mu.Lock()
	f.pages["15"] = api.PullResponse{Next: "25", Changes: []api.Change{
		change(16, api.ChangeVehicle, car.ID, nil),
		change(17, api.ChangeMessage, msg.ID, nil),
		change(18, changeSavedDealer, id+"/"+dealerB, nil),
		change(19, api.ChangeOrder, stray.Number, nil),
		change(20, api.ChangeOffer, offer.ID, nil),
		change(21, api.ChangeCoupon, coupon.Code, nil),
		change(22, api.ChangeRecall, recall.Campaign, nil),
		change(23, api.ChangeStaff, staff.ID, nil),
		change(24, api.ChangeCustomer, id, nil),
		change(25, api.ChangeVehicle, "never-seen", nil),
	}}
	f.mu.Unlock()
	if s, err = e.Round(ctx); err != nil || s.Pull.Applied != 10 {
		t.Fatalf("deletions: %+v %v", s.Pull, err)
	}
	if _, err := db.Customer(ctx, ref); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("deleted customer: %v", err)
	}
	if offers, _ := db.Offers(ctx); len(offers) != 0 {
		t.Fatalf("deleted offer still there")
	}
	if _, err := db.Coupon(ctx, coupon.Code); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("deleted coupon: %v", err)
	}
	if rs, _ := db.RecallsForVIN(ctx, knownVIN); len(rs) != 0 {
		t.Fatalf("deleted recall still there")
	}
	if _, err := db.StaffUser(ctx, staff.ID); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("deleted staff user: %v", err)
	}
	if st, _ := db.Stats(ctx); st.Orders != 1 || st.Vehicles != 0 {
		t.Fatalf("after deletions: %+v", st)
	}
	if cur, _ := db.Cursor(ctx); cur != "25" {
		t.Fatalf("cursor %q", cur)
	}
}

// TestPullRemovesACarRemovedOnThePortal removes a car through the portal
// and sees the deletion arrive on the device.
func TestPullRemovesACarRemovedOnThePortal(t *testing.T) {
	p := newTestPortal(t)
	d := p.newDevice(t, p.srv.URL, fastOptions())
	ctx := context.Background()
	r := registration(1)
	r.VIN, r.EngineNumber = knownVIN, knownEng
	c, err := d.db.Register(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	d.converge(t)
	garage, err := d.db.Garage(ctx, c.Ref)
	if err != nil || len(garage) != 1 {
		t.Fatalf("garage %+v %v", garage, err)
	}
	err = d.db.Update(ctx, func(tx *localdb.Tx) error {
		_, err := tx.Enqueue(api.TypeVehicleRemove, api.VehicleRemove{CustomerKey: api.CustomerKey{CustomerRef: c.Ref}, VehicleID: garage[0].ID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s := d.converge(t)
	if s.Push.Applied != 1 {
		t.Fatalf("summary %+v", s)
	}
	if garage, err := d.db.Garage(ctx, c.Ref); err != nil || len(garage) != 0 {
		t.Fatalf("garage after removal %+v %v", garage, err)
	}
}

// TestPullDefersACustomerWhoseEmailIsHeldLocally: a registration made here
// was refused because the e-mail has an account already; that account's
// change (and its car) cannot be applied while the refused registration
// holds the e-mail. They are kept, not lost, and applied once staff have
// resolved the refusal.
func TestPullDefersACustomerWhoseEmailIsHeldLocally(t *testing.T) {
	ctx := context.Background()
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	local, err := db.Register(ctx, registration(1))
	if err != nil {
		t.Fatal(err)
	}
	pending, err := db.PendingMutations(ctx, 1)
	if err != nil || len(pending) != 1 {
		t.Fatalf("outbox %v %v", pending, err)
	}
	err = db.SettlePush(ctx, localdb.PushOutcome{Rejected: []localdb.Rejection{{ID: pending[0].ID, Code: "email_taken"}}})
	if err != nil {
		t.Fatal(err)
	}
	theirs := showroom.Customer{Ref: "ref-other-device", ID: "300000009", State: showroom.StatePending, DealerCode: dealerA,
		Personal: showroom.PersonalData{FirstName: "Полина", LastName: "Игнатьева", Email: registration(1).Email}}
	car := showroom.Vehicle{ID: "car-9", CustomerRef: theirs.Ref, VIN: knownVIN, AddedAt: time.Now().UTC()}
	f := &feedServer{pages: map[string]api.PullResponse{
		"": {Next: "2", Changes: []api.Change{
			change(1, api.ChangeCustomer, theirs.ID, theirs),
			change(2, api.ChangeVehicle, car.ID, car),
		}},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{DB: db, Client: c})
	s, err := e.Round(ctx)
	if err != nil || s.Pull.Deferred != 2 || s.Pull.Applied != 0 {
		t.Fatalf("first round %+v: %v", s.Pull, err)
	}
	if cur, _ := db.Cursor(ctx); cur != "2" {
		t.Fatalf("cursor %q: the feed must move on", cur)
	}
	if st, err := e.Status(ctx); err != nil || st.Deferred != 2 || st.Attention != 1 {
		t.Fatalf("status %+v %v", st, err)
	}
	// Nothing resolved yet: they stay kept.
	if s, err = e.Round(ctx); err != nil || s.Pull.Recovered != 0 {
		t.Fatalf("second round %+v: %v", s.Pull, err)
	}
	// Staff resolve the refusal: the local registration was the same
	// person, and goes.
	err = db.Update(ctx, func(tx *localdb.Tx) error { return tx.DeleteCustomer(local.Ref) })
	if err != nil {
		t.Fatal(err)
	}
	if s, err = e.Round(ctx); err != nil || s.Pull.Recovered != 2 {
		t.Fatalf("after the fix %+v: %v", s.Pull, err)
	}
	cab, err := db.Cabinet(ctx, theirs.Ref)
	if err != nil || cab.Customer.ID != theirs.ID || len(cab.Garage) != 1 {
		t.Fatalf("the kept changes were not applied: %+v %v", cab, err)
	}
	if ds, _ := db.DeferredChanges(ctx); len(ds) != 0 {
		t.Fatalf("still kept: %+v", ds)
	}
}

// TestPullCatalogueAndSales applies the model catalogue, the service
// programmes and the dealer's sales, and their deletions.
func TestPullCatalogueAndSales(t *testing.T) {
	ctx := context.Background()
	sold := time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC)
	sale := showroom.Sale{VIN: knownVIN, DealerCode: dealerA, Date: sold, Kind: showroom.SaleRetail}
	saleID := knownVIN + "/" + sold.Format(time.RFC3339Nano)
	f := &feedServer{pages: map[string]api.PullResponse{
		"": {Next: "3", Changes: []api.Change{
			change(1, api.ChangeModel, "Logan", showroom.ModelInfo{Name: "Logan", Bodies: []string{"sedan"}}),
			change(2, api.ChangeServiceProgram, "oil", showroom.ServiceProgram{ID: "oil", Title: "Масло"}),
			change(3, changeSale, saleID, sale),
		}},
		"3": {Next: "6", Changes: []api.Change{
			change(4, api.ChangeModel, "Logan", nil),
			change(5, api.ChangeServiceProgram, "oil", nil),
			change(6, changeSale, saleID, nil),
		}},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "showroom.db")
	db, err := localdb.Open(ctx, path, localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := NewClient(Device{PortalURL: srv.URL, Token: "tok"}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{DB: db, Client: c})
	// One page at a time, to look in between.
	f.mu.Lock()
	second := f.pages["3"]
	delete(f.pages, "3")
	f.mu.Unlock()
	if s, err := e.Round(ctx); err != nil || s.Pull.Applied != 3 {
		t.Fatalf("round %+v: %v", s.Pull, err)
	}
	ms, err := db.Models(ctx)
	if err != nil || len(ms) != 1 || ms[0].Name != "Logan" {
		t.Fatalf("models %+v %v", ms, err)
	}
	ps, err := db.ServicePrograms(ctx)
	if err != nil || len(ps) != 1 || ps[0].Title != "Масло" {
		t.Fatalf("programmes %+v %v", ps, err)
	}
	if n := salesCount(t, path); n != 1 {
		t.Fatalf("%d sales", n)
	}
	f.mu.Lock()
	f.pages["3"] = second
	f.mu.Unlock()
	if s, err := e.Round(ctx); err != nil || s.Pull.Applied != 3 {
		t.Fatalf("deletions %+v: %v", s.Pull, err)
	}
	if ms, _ := db.Models(ctx); len(ms) != 0 {
		t.Fatalf("models after deletion %+v", ms)
	}
	if ps, _ := db.ServicePrograms(ctx); len(ps) != 0 {
		t.Fatalf("programmes after deletion %+v", ps)
	}
	if n := salesCount(t, path); n != 0 {
		t.Fatalf("%d sales after deletion", n)
	}
}

func salesCount(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sales`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
