package localdb

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

// vins are valid VINs of the programme's example model.
var vins = []string{
	"VF1LZBR0542606589", "VF1LZBR0542606590", "VF1LZBR0542606591",
	"VF1LZBR0542606592", "VF1LZBR0542606593", "VF1LZBR0542606594",
}

func TestGarageHoldsFiveCars(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	d := draft()
	d.VIN = ""
	c, err := db.Register(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	add := func(v showroom.Vehicle) error {
		return db.Update(ctx, func(tx *Tx) error {
			_, err := tx.AddVehicle(v)
			return err
		})
	}
	for i := range showroom.MaxGarage {
		if err := add(showroom.Vehicle{CustomerRef: c.Ref, VIN: vins[i]}); err != nil {
			t.Fatalf("car %d: %v", i+1, err)
		}
	}
	wantCode(t, add(showroom.Vehicle{CustomerRef: c.Ref, VIN: vins[5]}), showroom.EGarageFull)
	wantCode(t, add(showroom.Vehicle{CustomerRef: c.Ref, OrderNumber: "0061220040234"}), showroom.EGarageFull)
	g, err := db.Garage(ctx, c.Ref)
	if err != nil || len(g) != showroom.MaxGarage {
		t.Fatalf("garage = %d cars, %v", len(g), err)
	}
	// A free place takes a car again.
	if err := db.Update(ctx, func(tx *Tx) error { return tx.RemoveVehicle(g[0].ID) }); err != nil {
		t.Fatal(err)
	}
	if err := add(showroom.Vehicle{CustomerRef: c.Ref, VIN: vins[5]}); err != nil {
		t.Errorf("after removing a car: %v", err)
	}
	wantCode(t, add(showroom.Vehicle{CustomerRef: "nobody", VIN: vins[0]}), showroom.ENotFound)
}

func TestGarageRejectsTheSameCarTwice(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	c, err := db.Register(ctx, draft()) // with vins[0]
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *Tx) error {
		_, err := tx.AddVehicle(showroom.Vehicle{CustomerRef: c.Ref, VIN: "vf1lzbr0542606589"})
		return err
	})
	wantCode(t, err, showroom.EConflict)
}

func TestNotFound(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	for name, err := range map[string]error{
		"Customer":       second(db.Customer(ctx, "nobody")),
		"Cabinet":        second(db.Cabinet(ctx, "nobody")),
		"Garage":         second(db.Garage(ctx, "nobody")),
		"Dealer":         second(db.Dealer(ctx, "000000")),
		"Setting":        second(db.Setting(ctx, "nothing")),
		"FactoryRecord":  second(db.FactoryRecord(ctx, vins[0])),
		"Coupon":         second(db.Coupon(ctx, "X")),
		"StaffUser":      second(db.StaffUser(ctx, "X")),
		"FailMutation":   db.FailMutation(ctx, "no-such-id", "timeout"),
		"DeleteCustomer": db.Update(ctx, func(tx *Tx) error { return tx.DeleteCustomer("nobody") }),
		"PutOrder": db.Update(ctx, func(tx *Tx) error {
			return tx.PutOrder(showroom.Order{Number: "0061220040234", CustomerRef: "nobody", Status: 1})
		}),
	} {
		t.Run(name, func(t *testing.T) { wantCode(t, err, showroom.ENotFound) })
	}
}

func second[T any](_ T, err error) error { return err }

func TestOutboxLifecycle(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	var ids []string
	for i := range 3 {
		d := draft()
		d.Email = fmt.Sprintf("p%d@example.ru", i)
		d.VIN = ""
		if _, err := db.Register(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := db.PendingMutations(ctx, 10)
	if err != nil || len(ms) != 3 {
		t.Fatalf("pending = %d, %v", len(ms), err)
	}
	for i, m := range ms {
		ids = append(ids, m.ID)
		if want := fmt.Sprintf(`"p%d@example.ru"`, i); !strings.Contains(string(m.Data), want) {
			t.Errorf("mutation %d is not in creation order: %s", i, m.Data)
		}
	}
	if err := db.FailMutation(ctx, ids[0], "portal unreachable"); err != nil {
		t.Fatal(err)
	}
	if err := db.FailMutation(ctx, ids[0], "timeout"); err != nil {
		t.Fatal(err)
	}
	ms, _ = db.PendingMutations(ctx, 1)
	if len(ms) != 1 || ms[0].ID != ids[0] || ms[0].Attempts != 2 || ms[0].LastError != "timeout" {
		t.Errorf("after two failures: %+v", ms)
	}
	if err := db.CompleteMutations(ctx, ids[:2]); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.OutboxLen(ctx); n != 1 {
		t.Errorf("outbox length = %d, want 1", n)
	}
	ms, _ = db.PendingMutations(ctx, 10)
	if len(ms) != 1 || ms[0].ID != ids[2] {
		t.Errorf("left = %+v", ms)
	}
}

func TestApplyPageSavesCursorWithChanges(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	if c, err := db.Cursor(ctx); err != nil || c != "" {
		t.Fatalf("initial cursor = %q, %v", c, err)
	}
	dealer := showroom.Dealer{Code: "006122", Name: "Автомир-Екатеринбург", Region: "Свердловская область", City: "Екатеринбург"}
	err := db.ApplyPage(ctx, "1042", func(tx *Tx) error { return tx.PutDealer(dealer) })
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Cursor(ctx); c != "1042" {
		t.Errorf("cursor = %q", c)
	}
	// A page that fails saves neither its changes nor its cursor.
	err = db.ApplyPage(ctx, "1050", func(tx *Tx) error {
		if err := tx.PutDealer(showroom.Dealer{Code: "006123", Name: "X"}); err != nil {
			return err
		}
		return tx.PutDealer(showroom.Dealer{Code: "bad", Name: "Y"}) // violates the code's CHECK
	})
	if err == nil {
		t.Fatal("a bad page applied")
	}
	if c, _ := db.Cursor(ctx); c != "1042" {
		t.Errorf("cursor after a failed page = %q", c)
	}
	ds, err := db.Dealers(ctx)
	if err != nil || len(ds) != 1 || !reflect.DeepEqual(ds[0], dealer) {
		t.Errorf("dealers = %+v, %v", ds, err)
	}
}

// A cabinet written by ImportCabinets reads back equal.
func TestImportedCabinetReadsBackEqual(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	cab := sampleCabinet()
	n, err := db.ImportCabinets(ctx, slices.Values([]showroom.Cabinet{cab}))
	if err != nil || n != 1 {
		t.Fatalf("import = %d, %v", n, err)
	}
	got, err := db.Cabinet(ctx, cab.Customer.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, cab) {
		t.Errorf("cabinet read back\n got %+v\nwant %+v", got, cab)
	}
	if n := count(t, db, "outbox"); n != 0 {
		t.Errorf("import wrote %d outbox rows", n)
	}
	// Importing it again with a car less replaces it whole.
	cab.Garage = cab.Garage[:1]
	cab.Customer.Personal.Email = "new@example.ru"
	if _, err := db.ImportCabinets(ctx, slices.Values([]showroom.Cabinet{cab})); err != nil {
		t.Fatal(err)
	}
	got, err = db.Cabinet(ctx, cab.Customer.Ref)
	if err != nil || !reflect.DeepEqual(got, cab) {
		t.Errorf("re-imported cabinet\n got %+v\nwant %+v (%v)", got, cab, err)
	}
	if hits, _ := db.SearchCustomers(ctx, "606590", 5); len(hits) != 0 {
		t.Errorf("the removed car is still found: %+v", hits)
	}
	if hits, _ := db.SearchCustomers(ctx, "new@example.ru", 5); len(hits) != 1 {
		t.Errorf("the new e-mail is not found: %+v", hits)
	}
}

func sampleCabinet() showroom.Cabinet {
	at := func(d int) time.Time { return testNow.AddDate(0, 0, -d) }
	three := 3
	ref := "6f1c2a9e-3c1b-4d7e-9a55-0c1d2e3f4a5b"
	return showroom.Cabinet{
		Customer: showroom.Customer{
			Ref: ref, ID: "1000234567", State: showroom.StateActive, DealerCode: "006122",
			Source: showroom.SourceWelcomePack,
			Personal: showroom.PersonalData{
				FirstName: "Пётр", LastName: "Семёнов", Gender: showroom.GenderMale,
				BirthDate: time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC), Email: "semenov@example.ru",
				PreferredChannel: showroom.ChannelSMS, MarketingConsent: true,
			},
			Contacts: showroom.Contacts{
				Country: "Россия", Region: "Свердловская область", Postcode: "620014", City: "Екатеринбург",
				StreetType: "ул.", Street: "Малышева", House: "5", Flat: "12",
				HomePhone: "+73432123456", MobilePhone: "+79031234567", MobilePhoneType: "личный",
			},
			Extra:     showroom.AdditionalInfo{Children: &three, Interests: []string{"рыбалка", "путешествия"}, Profession: "инженер"},
			CreatedAt: at(400), UpdatedAt: at(10),
		},
		Garage: []showroom.Vehicle{
			{ID: "v1", CustomerRef: ref, VIN: vins[0], EngineNumber: "K4MA690C123456", Nickname: "Белая",
				Model: "Fluence", Version: "Expression 1.6 16V 106 л.с.", Plate: "А123ВС96", Mileage: 45200,
				Equipment: []string{"ABS", "кондиционер"}, BuildDate: at(900), Verified: true, AddedAt: at(300)},
			{ID: "v2", CustomerRef: ref, VIN: vins[1], Model: "Duster", AddedAt: at(200)},
			{ID: "v3", CustomerRef: ref, OrderNumber: "0061220040234", AddedAt: at(20)},
		},
		Orders: []showroom.Order{{
			Number: "0061220040234", CustomerRef: ref, Status: showroom.OrderOnTheWay,
			History: []showroom.OrderEvent{{Status: 1, At: at(20)}, {Status: 2, At: at(12)}, {Status: 3, At: at(2)}},
		}},
		SavedDealers: []showroom.SavedDealer{
			{CustomerRef: ref, DealerCode: "006122", Primary: true},
			{CustomerRef: ref, DealerCode: "006130"},
		},
		Messages: []showroom.Message{
			{ID: "m2", CustomerRef: ref, Subject: "Ваш автомобиль в пути", Body: "…", At: at(2)},
			{ID: "m1", CustomerRef: ref, Subject: "Добро пожаловать", Body: "Добрый день!", At: at(400), Read: true},
		},
		Consents: []showroom.Consent{{
			CustomerRef: ref, TextVersion: "pd-2026-01", TextSHA256: "3e42", Purpose: showroom.PurposePersonalData,
			Marketing: true, GivenAt: at(400), DeviceID: "kiosk-1",
		}},
	}
}
