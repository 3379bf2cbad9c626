package portal

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// latest returns the last change of each entity of a type in a feed, and
// which of them are deleted.
func latest(feed []api.Change, typ string) (map[string]json.RawMessage, map[string]bool) {
	data, deleted := map[string]json.RawMessage{}, map[string]bool{}
	for _, c := range feed {
		if c.Type == typ {
			data[c.ID], deleted[c.ID] = c.Data, c.Deleted
		}
	}
	return data, deleted
}

func TestSavedDealers(t *testing.T) {
	p := newTestPortal(t)
	a, b := p.enroll(t, dealerA), p.enroll(t, dealerB)
	k := registered(t, p, a, "r1")
	steps := []struct {
		name  string
		token string
		typ   string
		code  string
		code2 string // the dealer saved, or ""
	}{
		{"save the first: primary", a, api.TypeDealerSave, "", dealerA},
		{"save a second", a, api.TypeDealerSave, "", dealerB},
		{"save again: no change", a, api.TypeDealerSave, "", dealerB},
		{"make the second primary", a, api.TypeDealerMakePrimary, "", dealerB},
		{"unknown dealer", a, api.TypeDealerSave, "not_found", "999999"},
		{"another dealer's device", b, api.TypeDealerSave, "unknown_customer", dealerB},
		{"remove the primary", a, api.TypeDealerRemove, "", dealerB},
		{"remove it again", a, api.TypeDealerRemove, "not_found", dealerB},
	}
	for _, s := range steps {
		r := p.push(t, s.token, mutation(s.typ, api.SavedDealer{CustomerKey: k, DealerCode: s.code2}))[0]
		if string(r.Code) != s.code {
			t.Fatalf("%s: got %s %s, want %q", s.name, r.Status, r.Code, s.code)
		}
	}
	cust := customerID(t, p, a, "r1")
	data, deleted := latest(p.pullAll(t, a), api.ChangeSavedDealer)
	var first showroom.SavedDealer
	json.Unmarshal(data[cust+"/"+dealerA], &first)
	// Removing the primary dealer made the remaining one primary again.
	if !first.Primary || first.CustomerRef != "r1" || !deleted[cust+"/"+dealerB] {
		t.Fatalf("saved dealers: %+v, deleted %v", first, deleted)
	}
	if d, _ := latest(p.pullAll(t, b), api.ChangeSavedDealer); len(d) != 0 {
		t.Fatalf("dealer B's device sees A's customer's dealers: %v", d)
	}
}

// customerID returns the portal's ID of a customer registered with ref.
func customerID(t *testing.T, p *testPortal, token, ref string) string {
	t.Helper()
	for _, c := range p.pullAll(t, token) {
		var cu showroom.Customer
		if c.Type == api.ChangeCustomer && json.Unmarshal(c.Data, &cu) == nil && cu.Ref == ref {
			return cu.ID
		}
	}
	t.Fatalf("no customer %s in the feed", ref)
	return ""
}

func TestRecallsReachOwnersAsMessages(t *testing.T) {
	p := newTestPortal(t)
	a := p.enroll(t, dealerA)
	k := registered(t, p, a, "r1")
	p.push(t, a, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VehicleID: "v1", VIN: knownVIN, EngineNumber: knownEng}))
	recall := showroom.Recall{Campaign: "0BCF", Date: time.Date(2012, 1, 31, 0, 0, 0, 0, time.UTC), Title: "Жгут проводов усилителя руля",
		Text: "Возможно повреждение жгута.", Remedy: "Дилер заменит жгут.", Free: true, VINs: []string{knownVIN, vinN(5)}}
	load := func() {
		if err := p.store.Load(context.Background(), func(l *Loader) error { return l.Recall(recall) }); err != nil {
			t.Fatal(err)
		}
	}
	load()
	load() // a feed imported twice tells the owner once
	// A car entering a garage after the campaign is told at once.
	p.push(t, a, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VehicleID: "v2", VIN: vinN(5)}))
	data, _ := latest(p.pullAll(t, a), api.ChangeMessage)
	var subjects []string
	var ids []string
	for id, raw := range data {
		var m showroom.Message
		json.Unmarshal(raw, &m)
		if strings.Contains(m.Subject, "0BCF") {
			subjects = append(subjects, m.Subject)
			ids = append(ids, id)
			if !strings.Contains(m.Body, "31.01.2012") || !strings.Contains(m.Body, "бесплатно") || m.CustomerRef != "r1" {
				t.Errorf("message %+v", m)
			}
		}
	}
	if len(subjects) != 2 {
		t.Fatalf("recall messages %v, want one per car", subjects)
	}

	// The customer reads, unreads and deletes a message.
	id := ids[0]
	for _, s := range []struct {
		typ, code string
	}{{api.TypeMessageRead, ""}, {api.TypeMessageUnread, ""}, {api.TypeMessageRead, ""}, {api.TypeMessageDelete, ""}, {api.TypeMessageRead, "not_found"}} {
		if r := p.push(t, a, mutation(s.typ, api.MessageMark{CustomerKey: k, MessageID: id}))[0]; string(r.Code) != s.code {
			t.Fatalf("%s: %+v", s.typ, r)
		}
	}
	if _, deleted := latest(p.pullAll(t, a), api.ChangeMessage); !deleted[id] {
		t.Fatal("a deleted message is not a deletion in the feed")
	}
}

func TestHandoverRecorded(t *testing.T) {
	p := newTestPortal(t)
	a := p.enroll(t, dealerA)
	k := registered(t, p, a, "r1")
	at := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	if r := p.push(t, a, mutation(api.TypeHandoverRecord, api.HandoverRecord{CustomerKey: k, VIN: knownVIN, StaffID: "s1", At: at}))[0]; r.Status != "applied" {
		t.Fatalf("handover: %+v", r)
	}
	if r := p.push(t, a, mutation(api.TypeHandoverRecord, api.HandoverRecord{VIN: "VF1LZBR054260658"}))[0]; r.Code != showroom.EInvalidVIN {
		t.Fatalf("bad VIN: %+v", r)
	}
	var dealer, staff, when string
	if err := p.store.r.QueryRow(`SELECT dealer, staff_id, at FROM handovers`).Scan(&dealer, &staff, &when); err != nil {
		t.Fatal(err)
	}
	if dealer != dealerA || staff != "s1" || when != fmtTime(at) {
		t.Fatalf("handover row %s %s %s", dealer, staff, when)
	}
}

func TestDemoStaffInTheDealersFeedWithoutPINs(t *testing.T) {
	p := newTestPortal(t)
	err := p.store.Load(context.Background(), func(l *Loader) error {
		return l.Staff(showroom.StaffUser{ID: "s1", DealerCode: dealerA, Name: "Анна Смирнова", Role: showroom.RoleSales,
			PINHash: "$argon2id$secret", Active: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := latest(p.pullAll(t, p.enroll(t, dealerA)), api.ChangeStaff)
	if len(data) != 1 || strings.Contains(string(data["s1"]), "argon2") || !strings.Contains(string(data["s1"]), `"role":"sales"`) {
		t.Fatalf("staff feed %s", data["s1"])
	}
	if other, _ := latest(p.pullAll(t, p.enroll(t, dealerB)), api.ChangeStaff); len(other) != 0 {
		t.Fatalf("another dealer's device sees the staff: %v", other)
	}
}

func TestSalesReachOnlyTheSellingDealer(t *testing.T) {
	p := newTestPortal(t)
	err := p.store.Load(context.Background(), func(l *Loader) error {
		return l.Sale(showroom.Sale{VIN: knownVIN, DealerCode: dealerA, Date: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
			Kind: showroom.SaleRetail, StaffID: "s1"})
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := latest(p.pullAll(t, p.enroll(t, dealerA)), api.ChangeSale)
	var s showroom.Sale
	if len(data) != 1 || json.Unmarshal(data[knownVIN+"/2026-11-20T09:00:00.000000000Z"], &s) != nil || s.StaffID != "s1" || s.Kind != showroom.SaleRetail {
		t.Fatalf("dealer A's feed: %s", data)
	}
	if other, _ := latest(p.pullAll(t, p.enroll(t, dealerB)), api.ChangeSale); len(other) != 0 {
		t.Fatalf("dealer B sees A's sale: %v", other)
	}
}

func TestCatalogueReachesEveryDevice(t *testing.T) {
	p := newTestPortal(t)
	err := p.store.Load(context.Background(), func(l *Loader) error {
		if err := l.Model(showroom.ModelInfo{Name: "Duster", ServiceKm: 15000, ServiceMonths: 12, OnSale: true}); err != nil {
			return err
		}
		return l.ServiceProgram(showroom.ServiceProgram{ID: "renault-extra", Kind: showroom.ProgramExtended, Years: 5})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dealer := range []string{dealerA, dealerB} {
		feed := p.pullAll(t, p.enroll(t, dealer))
		models, _ := latest(feed, api.ChangeModel)
		programs, _ := latest(feed, api.ChangeServiceProgram)
		var m showroom.ModelInfo
		var pr showroom.ServiceProgram
		if json.Unmarshal(models["Duster"], &m) != nil || m.ServiceKm != 15000 ||
			json.Unmarshal(programs["renault-extra"], &pr) != nil || pr.Years != 5 {
			t.Fatalf("dealer %s: models %s, programmes %s", dealer, models, programs)
		}
	}
}
