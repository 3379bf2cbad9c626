package localdb

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/myrenault/showroom"
)

// editFixture is the sample cabinet in a fresh store with the dealer
// directory and a factory record for a sixth VIN.
func editFixture(t *testing.T) (*DB, showroom.Cabinet) {
	t.Helper()
	db := mustOpen(t)
	cab := sampleCabinet()
	if _, err := db.ImportCabinets(t.Context(), slices.Values([]showroom.Cabinet{cab})); err != nil {
		t.Fatal(err)
	}
	err := db.Update(t.Context(), func(tx *Tx) error {
		for _, d := range []showroom.Dealer{{Code: "006122", Name: "Автомир"}, {Code: "006130", Name: "Рольф"}, {Code: "006140", Name: "Автопрага"}} {
			if err := tx.PutDealer(d); err != nil {
				return err
			}
		}
		return tx.PutFactoryRecord(showroom.FactoryRecord{VIN: vins[4], Model: "Arkana", Version: "Style TCe 150",
			EngineNumber: "H5HB470D012345", BuildDate: testNow.AddDate(-1, 0, 0), Equipment: []string{"Камера заднего вида"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, cab
}

// outbox returns the types and decoded data of the outbox, oldest first.
func outbox(t *testing.T, db *DB) ([]string, []map[string]any) {
	t.Helper()
	ms, err := db.PendingMutations(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	var data []map[string]any
	for _, m := range ms {
		var d map[string]any
		if err := json.Unmarshal(m.Data, &d); err != nil {
			t.Fatal(err)
		}
		types, data = append(types, m.Type), append(data, d)
	}
	return types, data
}

func TestUpdateProfileWritesRowAndMutationTogether(t *testing.T) {
	db, cab := editFixture(t)
	ctx := t.Context()
	ref := cab.Customer.Ref
	p := cab.Customer.Personal
	p.FirstName, p.Email = "  павел ", "someone-else@example.ru"
	c, err := db.UpdateProfile(ctx, ref, showroom.ProfileEdit{Personal: &p,
		FutureCar: &showroom.FutureCar{Model: "Arkana", Trim: "Style"}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := db.Customer(ctx, ref)
	if got.Personal.FirstName != "павел" || got.Personal.Email != "semenov@example.ru" ||
		got.FutureCar == nil || got.FutureCar.Trim != "Style" || got.Contacts.City != "Екатеринбург" || c.Personal.FirstName != "павел" {
		t.Errorf("saved %+v %+v", got.Personal, got.FutureCar)
	}
	types, data := outbox(t, db)
	if len(types) != 1 || types[0] != "customer.update" || data[0]["customer_id"] != "1000234567" ||
		data[0]["contacts"] != nil || data[0]["personal"].(map[string]any)["email"] != "semenov@example.ru" ||
		data[0]["future_car"].(map[string]any)["model"] != "Arkana" {
		t.Errorf("outbox %v %v", types, data)
	}

	// A rejected edit saves nothing and names its fields.
	bad := cab.Customer.Contacts
	bad.Postcode, bad.MobilePhone = "12", "12"
	_, err = db.UpdateProfile(ctx, ref, showroom.ProfileEdit{Contacts: &bad})
	ve, ok := err.(showroom.ValidationErrors)
	if !ok || ve.For("postcode") == nil || ve.For("mobile_phone") == nil {
		t.Fatalf("err %v", err)
	}
	if types, _ := outbox(t, db); len(types) != 1 {
		t.Errorf("a rejected edit was enqueued: %v", types)
	}
	wantCode(t, second(db.UpdateProfile(ctx, "nobody", showroom.ProfileEdit{})), showroom.ENotFound)
}

func TestGarageEdits(t *testing.T) {
	db, cab := editFixture(t)
	ctx := t.Context()
	ref := cab.Customer.Ref
	// The registry knows vins[4]: the car is verified and described.
	v, err := db.AddCar(ctx, ref, vins[4], "h5h b470 d012345", showroom.VehicleEdit{Nickname: "Новая", Plate: "в 456 ор 96"})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Verified || v.Model != "Arkana" || v.Plate != "В456ОР96" || len(v.Equipment) != 1 {
		t.Errorf("added %+v", v)
	}
	// Another engine number than the registry's: refused, nothing saved.
	wantCode(t, second(db.AddCar(ctx, ref, vins[4], "H5HB470D099999", showroom.VehicleEdit{})), showroom.EEngineMismatch)
	// A VIN the registry does not know: unverified, the model from the VIN.
	u, err := db.AddCar(ctx, ref, vins[5], "K4MA690C654321", showroom.VehicleEdit{Mileage: 1200})
	if err != nil {
		t.Fatal(err)
	}
	if u.Verified || u.Model == "" {
		t.Errorf("unknown VIN added as %+v", u)
	}
	// Five cars now: an order does not fit.
	wantCode(t, second(db.AddOrderedCar(ctx, ref, "0061220040299")), showroom.EGarageFull)
	_, err = db.AddCar(ctx, ref, "VF1", "", showroom.VehicleEdit{Mileage: -1})
	if ve, ok := err.(showroom.ValidationErrors); !ok || ve.For("vin") == nil || ve.For("engine_number") == nil || ve.For("mileage") == nil {
		t.Errorf("bad car: %v", err)
	}
	if err := db.UpdateCar(ctx, ref, u.ID, showroom.VehicleEdit{Nickname: "Рабочая", Plate: "к001кк96", Mileage: 2500}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.UpdateCar(ctx, ref, "no-such-car", showroom.VehicleEdit{}), showroom.ENotFound)
	if err := db.RemoveCar(ctx, ref, "v2"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddOrderedCar(ctx, ref, "006122-0040299"); err != nil {
		t.Fatal(err)
	}
	g, _ := db.Garage(ctx, ref)
	var names []string
	for _, c := range g {
		names = append(names, c.Nickname+c.OrderNumber)
		if c.ID == u.ID && (c.Mileage != 2500 || c.Plate != "К001КК96") {
			t.Errorf("updated car %+v", c)
		}
	}
	// The fixed clock adds the new cars at one instant: compare as a set.
	slices.Sort(names)
	if !slices.Equal(names, []string{"0061220040234", "0061220040299", "Белая", "Новая", "Рабочая"}) {
		t.Errorf("garage %v", names)
	}
	types, data := outbox(t, db)
	if !slices.Equal(types, []string{"vehicle.add", "vehicle.add", "vehicle.update", "vehicle.remove", "vehicle.add_order"}) {
		t.Fatalf("outbox %v", types)
	}
	if data[0]["engine_number"] != "H5HB470D012345" || data[0]["vehicle_id"] != v.ID || data[2]["nickname"] != "Рабочая" ||
		data[3]["vehicle_id"] != "v2" || data[4]["order_number"] != "0061220040299" {
		t.Errorf("outbox data %v", data)
	}
}

func TestOrderedCarLinksTheDealersOrder(t *testing.T) {
	db, cab := editFixture(t)
	ctx := t.Context()
	err := db.Update(ctx, func(tx *Tx) error {
		return tx.PutOrder(showroom.Order{Number: "0061220040300", Status: showroom.OrderAtDealer,
			History: []showroom.OrderEvent{{Status: 1, At: testNow.AddDate(0, -2, 0)}, {Status: 4, At: testNow.AddDate(0, 0, -1)}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddOrderedCar(ctx, cab.Customer.Ref, "0061220040300"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Cabinet(ctx, cab.Customer.Ref)
	if len(got.Orders) != 2 || got.Orders[1].Number != "0061220040300" || got.Orders[1].StaffStatus() != showroom.OrderAtDealer {
		t.Errorf("orders %+v", got.Orders)
	}
}

func TestDealerAndMessageEdits(t *testing.T) {
	db, cab := editFixture(t)
	ctx := t.Context()
	ref := cab.Customer.Ref
	if err := db.SaveDealerFor(ctx, ref, "006140"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.SaveDealerFor(ctx, ref, "006140"), showroom.EConflict)
	wantCode(t, db.SaveDealerFor(ctx, ref, "999999"), showroom.ENotFound)
	if err := db.MakePrimaryDealer(ctx, ref, "006140"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveDealerFor(ctx, ref, "006122"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.RemoveDealerFor(ctx, ref, "006122"), showroom.ENotFound)
	got, _ := db.Cabinet(ctx, ref)
	if len(got.SavedDealers) != 2 || got.SavedDealers[0].DealerCode != "006140" || !got.SavedDealers[0].Primary || got.SavedDealers[1].Primary {
		t.Errorf("saved dealers %+v", got.SavedDealers)
	}
	// Without its primary the customer gets another one.
	if err := db.RemoveDealerFor(ctx, ref, "006140"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Cabinet(ctx, ref); len(got.SavedDealers) != 1 || !got.SavedDealers[0].Primary {
		t.Errorf("after removing the primary: %+v", got.SavedDealers)
	}
	if err := db.SaveDealerFor(ctx, ref, "006140"); err != nil {
		t.Fatal(err)
	}

	if err := db.MarkMessage(ctx, ref, "m1", MarkUnread); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkMessage(ctx, ref, "m2", MarkDelete); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.MarkMessage(ctx, ref, "m2", MarkRead), showroom.ENotFound) // deleted
	got, _ = db.Cabinet(ctx, ref)
	for _, m := range got.Messages {
		if m.ID == "m1" && m.Read || m.ID == "m2" && !m.Deleted {
			t.Errorf("message %+v", m)
		}
	}
	types, data := outbox(t, db)
	if !slices.Equal(types, []string{"dealer.save", "dealer.make_primary", "dealer.remove", "dealer.remove", "dealer.save", "message.unread", "message.delete"}) {
		t.Fatalf("outbox %v", types)
	}
	if data[0]["dealer_code"] != "006140" || data[5]["message_id"] != "m1" || data[6]["customer_id"] != "1000234567" {
		t.Errorf("outbox data %v", data)
	}
}

func TestFirstSavedDealerIsPrimary(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx *Tx) error { return tx.PutDealer(showroom.Dealer{Code: "006122"}) }); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDealerFor(ctx, c.Ref, "006122"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Cabinet(ctx, c.Ref)
	if len(got.SavedDealers) != 1 || !got.SavedDealers[0].Primary {
		t.Errorf("%+v", got.SavedDealers)
	}
	// The customer has no portal ID yet: the mutation names the ref.
	_, data := outbox(t, db)
	if d := data[len(data)-1]; d["customer_ref"] != c.Ref || d["customer_id"] != nil {
		t.Errorf("key %v", d)
	}
}
