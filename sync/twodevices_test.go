package sync

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// TestKioskRegistrationReachesTheDeskInOneRound: a customer registers on
// the showroom's kiosk; after one round on the kiosk and one on the sales
// desk of the same dealer, the desk holds the customer under the portal's
// customer ID and finds them by name, e-mail and that ID. A desk of
// another dealer does not receive them.
func TestKioskRegistrationReachesTheDeskInOneRound(t *testing.T) {
	p := newTestPortal(t)
	ctx := context.Background()
	open := func(dealer, kind, name string) *device {
		d := p.enrollAs(t, dealer, p.srv.URL, kind, name)
		return openDevice(t, filepath.Join(t.TempDir(), "showroom.db"), d, fastOptions())
	}
	kiosk := open(dealerA, api.KindKiosk, "Киоск 1")
	desk := open(dealerA, api.KindDesk, "Стойка менеджера")
	elsewhere := open(dealerB, api.KindDesk, "Стойка в Москве")

	r := registration(0)
	r.LastName, r.FirstName, r.Email, r.Phone = "Кузнецова", "Дарья", "daria.kuznetsova@example.ru", "+79161234567"
	c, err := kiosk.db.Register(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	s, err := kiosk.engine.Round(ctx)
	if err != nil || s.Push.Applied != 1 || s.Outbox != 0 || s.Attention != 0 {
		t.Fatalf("kiosk round %+v: %v", s, err)
	}
	ids := p.portalCustomers(t)[c.Ref]
	if len(ids) != 1 || ids[0] == "" {
		t.Fatalf("the portal holds the kiosk's registration as %v", ids)
	}
	id := ids[0]

	if s, err := desk.engine.Round(ctx); err != nil || s.Pull.Applied == 0 {
		t.Fatalf("desk round %+v: %v", s, err)
	}
	got, err := desk.db.Customer(ctx, c.Ref)
	if err != nil {
		t.Fatalf("the desk has not got the kiosk's customer: %v", err)
	}
	if got.ID != id || got.Personal.LastName != "Кузнецова" || got.Personal.FirstName != "Дарья" ||
		got.Personal.Email != r.Email || got.State != showroom.StatePending || got.Source != showroom.SourceKiosk ||
		got.DealerCode != dealerA {
		t.Fatalf("the desk holds %+v, want ID %s of the kiosk's registration", got, id)
	}
	for _, q := range []string{"Кузнецова", "кузнецова дарья", r.Email, id} {
		hits, err := desk.db.SearchCustomers(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Ref != c.Ref || hits[0].CustomerID != id {
			t.Fatalf("the desk's search for %q: %+v, want the kiosk's customer %s", q, hits, id)
		}
	}
	if hits, _ := desk.db.SearchCustomers(ctx, id, 10); len(hits) != 1 || !hits[0].Exact || hits[0].Match != localdb.MatchCustomerID {
		t.Fatalf("the customer ID is not an exact match: %+v", hits)
	}

	if _, err := elsewhere.engine.Round(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := elsewhere.db.Customer(ctx, c.Ref); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("another dealer's desk has the customer: %v", err)
	}
	if hits, err := elsewhere.db.SearchCustomers(ctx, "Кузнецова", 10); err != nil || len(hits) != 0 {
		t.Fatalf("another dealer's desk finds the customer: %+v %v", hits, err)
	}
}
