package localdb

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

func TestArrivalsAndTheirAnnouncement(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	arrived := testNow.Add(-2 * 24 * time.Hour)
	orders := []showroom.Order{
		{Number: "0061220040234", CustomerRef: c.Ref, Status: showroom.OrderAtDealer, VIN: "VF1LZBR0542606589",
			History: []showroom.OrderEvent{{Status: showroom.OrderOnTheWay, At: arrived.Add(-72 * time.Hour)}, {Status: showroom.OrderAtDealer, At: arrived}}},
		{Number: "0061220040235", Status: showroom.OrderAtDealer}, // no date, no customer
		{Number: "0061220040236", Status: showroom.OrderAtDealer, AnnouncedAt: arrived,
			History: []showroom.OrderEvent{{Status: showroom.OrderAtDealer, At: arrived}}},
		{Number: "0061220040237", Status: showroom.OrderOnTheWay},
	}
	err = db.Update(ctx, func(tx *Tx) error {
		for _, o := range orders {
			if err := tx.PutOrder(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	as, err := db.Arrivals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Order.Number != "0061220040234" || as[1].Order.Number != "0061220040235" {
		t.Fatalf("arrivals %+v", as)
	}
	a := as[0]
	if a.LastName != "Игнатьева" || a.Phone == "" || a.Order.CustomerRef != c.Ref || a.Model == "" {
		t.Fatalf("first arrival %+v", a)
	}
	if at, ok := a.Order.ArrivalVisibleAt(); !ok || !at.Equal(arrived.Add(showroom.ArrivalDelay)) {
		t.Fatalf("visible at %v %v", at, ok)
	}
	before := count(t, db, "outbox")
	at, err := db.AnnounceOrder(ctx, "0061220040234")
	if err != nil || !at.Equal(testNow) {
		t.Fatalf("announce: %v %v", at, err)
	}
	_, err = db.AnnounceOrder(ctx, "0061220040234")
	wantCode(t, err, showroom.EConflict)
	_, err = db.AnnounceOrder(ctx, "0061220049999")
	wantCode(t, err, showroom.ENotFound)
	if as, _ := db.Arrivals(ctx); len(as) != 1 {
		t.Fatalf("after the announcement %d arrivals", len(as))
	}
	ms, _ := db.PendingMutations(ctx, 100)
	if len(ms) != before+1 {
		t.Fatalf("outbox %d, want %d", len(ms), before+1)
	}
	last := ms[len(ms)-1]
	var data map[string]any
	if err := json.Unmarshal(last.Data, &data); err != nil || last.Type != MutationOrderAnnounce ||
		data["order_number"] != "0061220040234" || data["at"] != testNow.Format(time.RFC3339) {
		t.Fatalf("mutation %s %s", last.Type, last.Data)
	}
	cab, err := db.Cabinet(ctx, c.Ref)
	if err != nil || len(cab.Orders) != 1 || !cab.Orders[0].AnnouncedAt.Equal(testNow) {
		t.Fatalf("the order row was not updated: %+v %v", cab.Orders, err)
	}
}

func TestRecordHandoverCountsTheSaleAtOnce(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if err := db.SetSetting(ctx, SettingDealerCode, "006122"); err != nil {
		t.Fatal(err)
	}
	d := draft()
	d.VIN = ""
	c, err := db.Register(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	h := Handover{CustomerRef: c.Ref, VIN: "vf1lzbr0542606589", EngineNumber: "k4m 838 r 123456", Kind: showroom.SaleRetail, StaffID: "006122-S1"}
	if err := db.RecordHandover(ctx, h); err != nil {
		t.Fatal(err)
	}
	garage, _ := db.Garage(ctx, c.Ref)
	if len(garage) != 1 || garage[0].VIN != "VF1LZBR0542606589" || garage[0].EngineNumber == "" {
		t.Fatalf("garage %+v", garage)
	}
	from, to := testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 1)
	kpi, err := db.StaffKPIs(ctx, "006122", from, to)
	if err != nil || len(kpi) != 1 || kpi[0].StaffID != "006122-S1" || kpi[0].Handovers != 1 {
		t.Fatalf("staff KPIs %+v %v", kpi, err)
	}
	ms, _ := db.PendingMutations(ctx, 100)
	types := []string{}
	for _, m := range ms {
		types = append(types, m.Type)
	}
	if len(ms) != 3 || types[1] != MutationVehicleAdd || types[2] != MutationHandover {
		t.Fatalf("outbox %v", types)
	}
	var rec map[string]any
	json.Unmarshal(ms[2].Data, &rec)
	if rec["customer_ref"] != c.Ref || rec["vin"] != "VF1LZBR0542606589" || rec["staff_id"] != "006122-S1" {
		t.Fatalf("handover.record %s", ms[2].Data)
	}
	// The car is now in the garage: a second handover (corporate, say, on
	// another day) adds no second car.
	h.Kind = showroom.SaleCorporate
	if err := db.RecordHandover(ctx, h); err != nil {
		t.Fatal(err)
	}
	if g, _ := db.Garage(ctx, c.Ref); len(g) != 1 {
		t.Fatalf("garage has %d cars", len(g))
	}
	h.Kind = "lease"
	wantCode(t, db.RecordHandover(ctx, h), showroom.EInvalid)
	h.Kind, h.VIN = showroom.SaleRetail, "VF1LZBR054260658"
	if err := db.RecordHandover(ctx, h); err == nil {
		t.Fatal("a short VIN was accepted")
	}
}

func TestResendAttentionUnderANewKey(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := db.PendingMutations(ctx, 10)
	old := ms[0].ID
	if err := db.SettlePush(ctx, PushOutcome{Rejected: []Rejection{{ID: old, Code: "email_taken", Field: "email"}}}); err != nil {
		t.Fatal(err)
	}
	var r showroom.Registration
	if err := json.Unmarshal(ms[0].Data, &r); err != nil {
		t.Fatal(err)
	}
	r.Email = "not an e-mail"
	bad, _ := json.Marshal(r)
	if _, err := db.ResendAttention(ctx, old, bad); err == nil {
		t.Fatal("a bad e-mail was sent again")
	}
	r.Email = "Polina.I@Example.ru"
	fixed, _ := json.Marshal(r)
	id, err := db.ResendAttention(ctx, old, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if id == old || id == "" {
		t.Fatalf("new key %q, old %q", id, old)
	}
	if n, _ := db.AttentionLen(ctx); n != 0 {
		t.Fatalf("attention %d", n)
	}
	ms, _ = db.PendingMutations(ctx, 10)
	if len(ms) != 1 || ms[0].ID != id || ms[0].Type != MutationRegister {
		t.Fatalf("outbox %+v", ms)
	}
	var sent showroom.Registration
	json.Unmarshal(ms[0].Data, &sent)
	if sent.Email != "Polina.I@example.ru" || sent.CustomerRef != c.Ref {
		t.Fatalf("sent %+v", sent)
	}
	got, _ := db.Customer(ctx, c.Ref)
	if got.Personal.Email != sent.Email {
		t.Fatalf("local customer keeps %q", got.Personal.Email)
	}
	if _, err := db.ResendAttention(ctx, old, nil); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Fatalf("resending twice: %v", err)
	}
}

func TestFindHandoverCar(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *Tx) error {
		if err := tx.PutFactoryRecord(showroom.FactoryRecord{VIN: "VF1RFB00X56789012", Model: "Arkana", EngineNumber: "H5H 470 C 000111"}); err != nil {
			return err
		}
		return tx.PutOrder(showroom.Order{Number: "0061220040234", CustomerRef: c.Ref, Status: showroom.OrderAtDealer, VIN: "VF1RFB00X56789012"})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.FindHandoverCar(ctx, "0061220040234", "")
	if err != nil || got.VIN != "VF1RFB00X56789012" || got.CustomerRef != c.Ref || got.Model != "Arkana" || got.EngineNumber != "H5H 470 C 000111" {
		t.Fatalf("by order: %+v %v", got, err)
	}
	got, err = db.FindHandoverCar(ctx, "", "VF1RFB00X56789012")
	if err != nil || got.OrderNumber != "0061220040234" || got.CustomerRef != c.Ref {
		t.Fatalf("by VIN: %+v %v", got, err)
	}
	got, err = db.FindHandoverCar(ctx, "", "VF1LZBR0542606589") // the registration's car
	if err != nil || got.CustomerRef != c.Ref {
		t.Fatalf("garage car: %+v %v", got, err)
	}
	_, err = db.FindHandoverCar(ctx, "0061229999999", "")
	wantCode(t, err, showroom.ENotFound)
}

func TestResendACorrectedCar(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	d := draft()
	d.VIN = ""
	c, err := db.Register(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	h := Handover{CustomerRef: c.Ref, VIN: "VF1LZBR0542606589", EngineNumber: "K4M 838 R 000001", Kind: showroom.SaleRetail, StaffID: "s1"}
	if err := db.RecordHandover(ctx, h); err != nil {
		t.Fatal(err)
	}
	ms, _ := db.PendingMutations(ctx, 10)
	var car Mutation
	for _, m := range ms {
		if m.Type == MutationVehicleAdd {
			car = m
		}
	}
	if err := db.SettlePush(ctx, PushOutcome{Rejected: []Rejection{{ID: car.ID, Code: "engine_mismatch", Field: "engine_number"}}}); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(car.Data, &m)
	m["engine_number"], m["plate"] = "K7", "А123ВС196" // a field the desk does not know stays
	bad, _ := json.Marshal(m)
	_, err = db.ResendAttention(ctx, car.ID, bad)
	wantCode(t, err, showroom.EInvalidEngine)
	m["engine_number"] = "k4m 838 r 654321"
	fixed, _ := json.Marshal(m)
	id, err := db.ResendAttention(ctx, car.ID, fixed)
	if err != nil || id == car.ID {
		t.Fatalf("resend: %q %v", id, err)
	}
	ms, _ = db.PendingMutations(ctx, 10)
	var sent map[string]any
	json.Unmarshal(ms[len(ms)-1].Data, &sent)
	want, _ := showroom.NormalizeEngineNumber("K4M 838 R 654321")
	if ms[len(ms)-1].ID != id || sent["engine_number"] != want || sent["plate"] != "А123ВС196" || sent["vehicle_id"] != m["vehicle_id"] {
		t.Fatalf("sent %s", ms[len(ms)-1].Data)
	}
	g, _ := db.Garage(ctx, c.Ref)
	if len(g) != 1 || g[0].EngineNumber != want {
		t.Fatalf("the car here keeps %+v", g)
	}
}
