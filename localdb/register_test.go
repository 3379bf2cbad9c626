package localdb

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/myrenault/showroom"
)

func TestRegisterWritesCustomerConsentCarAndOutboxRow(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	if err := db.SetSetting(ctx, SettingDeviceID, "kiosk-7"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, SettingDealerCode, "006122"); err != nil {
		t.Fatal(err)
	}
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	if c.Ref == "" || c.State != showroom.StatePending || c.DealerCode != "006122" {
		t.Fatalf("registered customer = %+v", c)
	}
	cab, err := db.Cabinet(ctx, c.Ref)
	if err != nil {
		t.Fatal(err)
	}
	got := cab.Customer
	if got.Personal.Email != "Polina@example.ru" || got.Contacts.MobilePhone != "+79161234567" ||
		got.Personal.LastName != "Игнатьева" || !got.CreatedAt.Equal(testNow) {
		t.Errorf("stored customer = %+v", got)
	}
	if len(cab.Consents) != 1 || cab.Consents[0].DeviceID != "kiosk-7" ||
		cab.Consents[0].Purpose != showroom.PurposePersonalData {
		t.Errorf("consents = %+v", cab.Consents)
	}
	if len(cab.Garage) != 1 || cab.Garage[0].VIN != "VF1LZBR0542606589" || cab.Garage[0].ID == "" {
		t.Errorf("garage = %+v", cab.Garage)
	}

	ms, err := db.PendingMutations(ctx, 10)
	if err != nil || len(ms) != 1 {
		t.Fatalf("pending = %v, %v", ms, err)
	}
	m := ms[0]
	if m.Type != MutationRegister || len(m.ID) != 36 || m.ID[14] != '4' || !m.At.Equal(testNow) {
		t.Errorf("mutation = %+v", m)
	}
	var data map[string]any
	if err := json.Unmarshal(m.Data, &data); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{
		"customer_ref": c.Ref, "last_name": "Игнатьева", "email": "Polina@example.ru",
		"phone": "+79161234567", "vin": "VF1LZBR0542606589", "source": "kiosk", "staff_id": nil,
	} {
		if data[k] != want {
			t.Errorf("data[%s] = %v, want %v", k, data[k], want)
		}
	}
	if consent, _ := data["consent"].(map[string]any); consent["text_version"] != "pd-2026-01" {
		t.Errorf("data.consent = %v", data["consent"])
	}
}

func TestRegisterFailureAfterCustomerLeavesNothing(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	boom := errors.New("power cut")
	db.failAfter = func(point string) error {
		if point == "register.customer" {
			return boom
		}
		return nil
	}
	if _, err := db.Register(ctx, draft()); !errors.Is(err, boom) {
		t.Fatalf("Register = %v, want the forced failure", err)
	}
	for _, table := range []string{"customers", "consents", "vehicles", "outbox", "customer_search", "search_dirty"} {
		if n := count(t, db, table); n != 0 {
			t.Errorf("%s has %d rows after the failed registration", table, n)
		}
	}
	db.failAfter = nil
	if _, err := db.Register(ctx, draft()); err != nil {
		t.Fatalf("Register after the failure: %v", err)
	}
	if n, _ := db.OutboxLen(ctx); n != 1 {
		t.Errorf("outbox length = %d, want 1", n)
	}
}

func TestRegisterDuplicateEmail(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	if _, err := db.Register(ctx, draft()); err != nil {
		t.Fatal(err)
	}
	d := draft()
	d.Email = "  POLINA@example.ru " // the same address, typed differently
	d.FirstName = "Другая"
	_, err := db.Register(ctx, d)
	wantCode(t, err, showroom.EEmailTaken)
	var e *showroom.Error
	if !errors.As(err, &e) || e.Field != "email" {
		t.Errorf("error = %#v, want field email", err)
	}
	s, _ := db.Stats(ctx)
	if s.Customers != 1 || s.Outbox != 1 || s.Vehicles != 1 || count(t, db, "consents") != 1 {
		t.Errorf("a duplicate registration wrote something: %+v", s)
	}
}

func TestRegisterInvalidDraftWritesNothing(t *testing.T) {
	db := mustOpen(t)
	d := draft()
	d.Email = "not an e-mail"
	d.LastName = ""
	_, err := db.Register(t.Context(), d)
	var verrs showroom.ValidationErrors
	if !errors.As(err, &verrs) || len(verrs) != 2 {
		t.Fatalf("Register = %v, want two validation errors", err)
	}
	if n := count(t, db, "customers"); n != 0 {
		t.Errorf("customers = %d", n)
	}
}

func TestRegisterSameRefConflicts(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	c, err := db.Register(ctx, draft())
	if err != nil {
		t.Fatal(err)
	}
	d := draft()
	d.CustomerRef = c.Ref
	d.Email = "other@example.ru"
	_, err = db.Register(ctx, d)
	wantCode(t, err, showroom.EConflict)
}
