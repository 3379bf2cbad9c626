package portal

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// registered registers a customer at the token's dealer and returns its key.
func registered(t *testing.T, p *testPortal, token, ref string) api.CustomerKey {
	t.Helper()
	r := p.push(t, token, mutation(api.TypeCustomerRegister, registration(ref, ref+"@example.ru")))[0]
	if r.Status != "applied" {
		t.Fatalf("register: %+v", r)
	}
	return api.CustomerKey{CustomerRef: ref}
}

// vinN is a Renault VIN differing from knownVIN in its last digit.
func vinN(i int) string { return knownVIN[:16] + strconv.Itoa(i%10) }

func TestVehicleAdd(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	k := registered(t, p, token, "r1")
	tests := []struct {
		name     string
		add      api.VehicleAdd
		status   string
		code     string
		verified bool
	}{
		{"engine mismatch", api.VehicleAdd{VIN: knownVIN, EngineNumber: "K4MA690C999999"}, "rejected", "engine_mismatch", false},
		{"bad vin", api.VehicleAdd{VIN: "VF1LZBR05426065"}, "rejected", "invalid_vin", false},
		{"match", api.VehicleAdd{VehicleID: "v1", VIN: knownVIN, EngineNumber: "k4m-a690c-123456"}, "applied", "", true},
		{"same vin again", api.VehicleAdd{VIN: knownVIN, EngineNumber: knownEng}, "rejected", "conflict", false},
		{"unknown vin", api.VehicleAdd{VehicleID: "v2", VIN: vinN(0), EngineNumber: "F4RA123456"}, "applied", "", false},
		{"unknown customer", api.VehicleAdd{VIN: vinN(1)}, "rejected", "unknown_customer", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.add.CustomerKey = k
			if tt.name == "unknown customer" {
				tt.add.CustomerKey = api.CustomerKey{CustomerRef: "nobody"}
			}
			r := p.push(t, token, mutation(api.TypeVehicleAdd, tt.add))[0]
			if r.Status != tt.status || string(r.Code) != tt.code {
				t.Fatalf("got %s %s, want %s %s", r.Status, r.Code, tt.status, tt.code)
			}
			if r.Status == "applied" && vehicleVerified(t, p, token, r.Entity.ID) != tt.verified {
				t.Errorf("verified = %v, want %v", !tt.verified, tt.verified)
			}
		})
	}
	// Garage limit: 2 cars so far, 3 more fit, the 6th is garage_full.
	for i := 2; i <= 5; i++ {
		r := p.push(t, token, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VIN: vinN(i)}))[0]
		want := "applied"
		if i == 5 {
			want = "rejected"
			if r.Code != "garage_full" {
				t.Errorf("6th car: %+v", r)
			}
		}
		if r.Status != want {
			t.Errorf("car %d: %+v", i+1, r)
		}
	}
	// Update and remove.
	if r := p.push(t, token, mutation(api.TypeVehicleUpdate, api.VehicleUpdate{CustomerKey: k, VehicleID: "v1", Nickname: "Белая", Mileage: 1200}))[0]; r.Status != "applied" {
		t.Errorf("update: %+v", r)
	}
	if r := p.push(t, token, mutation(api.TypeVehicleRemove, api.VehicleRemove{CustomerKey: k, VehicleID: "v1"}))[0]; r.Status != "applied" {
		t.Errorf("remove: %+v", r)
	}
	if r := p.push(t, token, mutation(api.TypeVehicleRemove, api.VehicleRemove{CustomerKey: k, VehicleID: "v1"}))[0]; r.Code != "not_found" {
		t.Errorf("remove again: %+v", r)
	}
	var deleted bool
	for _, c := range p.pullAll(t, token) {
		if c.Type == "vehicle" && c.ID == "v1" {
			deleted = c.Deleted && string(c.Data) == "null"
		}
	}
	if !deleted {
		t.Error("the feed does not carry the removal")
	}
	// The freed place takes another car.
	if r := p.push(t, token, mutation(api.TypeVehicleAdd, api.VehicleAdd{CustomerKey: k, VIN: vinN(6)}))[0]; r.Status != "applied" {
		t.Errorf("after removal: %+v", r)
	}
}

func vehicleVerified(t *testing.T, p *testPortal, token, id string) bool {
	var v showroom.Vehicle
	for _, c := range p.pullAll(t, token) {
		if c.Type == "vehicle" && c.ID == id && !c.Deleted {
			json.Unmarshal(c.Data, &v)
		}
	}
	return v.Verified
}

func TestOrders(t *testing.T) {
	p := newTestPortal(t)
	a, b := p.enroll(t, dealerA), p.enroll(t, dealerB)
	k := registered(t, p, a, "r1")
	kb := registered(t, p, b, "rb")
	tests := []struct {
		name, token string
		typ         string
		data        any
		code        string
	}{
		{"add order", a, api.TypeVehicleAddOrder, api.VehicleAddOrder{CustomerKey: k, OrderNumber: "006122-0040234"}, ""},
		{"same order again", a, api.TypeVehicleAddOrder, api.VehicleAddOrder{CustomerKey: k, OrderNumber: orderNum}, "conflict"},
		{"unknown order", a, api.TypeVehicleAddOrder, api.VehicleAddOrder{CustomerKey: k, OrderNumber: "0061220040235"}, "unknown_order"},
		{"bad order number", a, api.TypeVehicleAddOrder, api.VehicleAddOrder{CustomerKey: k, OrderNumber: "12"}, "invalid_order_number"},
		{"other dealer's order", b, api.TypeVehicleAddOrder, api.VehicleAddOrder{CustomerKey: kb, OrderNumber: orderNum}, "unknown_order"},
		{"announce", a, api.TypeOrderAnnounce, api.OrderAnnounce{OrderNumber: orderNum}, ""},
		{"announce elsewhere", b, api.TypeOrderAnnounce, api.OrderAnnounce{OrderNumber: orderNum}, "unknown_order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.push(t, tt.token, mutation(tt.typ, tt.data))[0]
			if string(r.Code) != tt.code || (tt.code == "") != (r.Status == "applied") {
				t.Errorf("got %s %s, want %q", r.Status, r.Code, tt.code)
			}
		})
	}
	var o showroom.Order
	for _, c := range p.pullAll(t, a) {
		if c.Type == "order" {
			json.Unmarshal(c.Data, &o)
		}
	}
	if o.AnnouncedAt.IsZero() || o.CustomerRef != "r1" {
		t.Errorf("order %+v", o)
	}
}

func TestCustomerUpdateAndWithdraw(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	k := registered(t, p, token, "r1")
	tests := []struct {
		name string
		typ  string
		data any
		code string
	}{
		{"update", api.TypeCustomerUpdate, api.CustomerUpdate{CustomerKey: k,
			Personal: &showroom.PersonalData{FirstName: "полина", LastName: "Игнатьева", Email: "x@y.ru"},
			Contacts: &showroom.Contacts{City: "Екатеринбург", MobilePhone: "8 916 123-45-67"}}, ""},
		{"bad phone", api.TypeCustomerUpdate, api.CustomerUpdate{CustomerKey: k, Contacts: &showroom.Contacts{MobilePhone: "12"}}, "invalid_phone"},
		{"future car", api.TypeCustomerUpdate, api.CustomerUpdate{CustomerKey: k,
			FutureCar: &showroom.FutureCar{Model: "Arkana", Engine: "1.3 TCe 150", Trim: "Style", Colour: "Оранжевый"}}, ""},
		{"bad purpose", api.TypeConsentWithdraw, api.ConsentWithdraw{CustomerKey: k, Purpose: "x"}, "invalid"},
		{"withdraw", api.TypeConsentWithdraw, api.ConsentWithdraw{CustomerKey: k}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.push(t, token, mutation(tt.typ, tt.data))[0]
			if string(r.Code) != tt.code {
				t.Errorf("got %s %s, want %q", r.Status, r.Code, tt.code)
			}
		})
	}
	var c showroom.Customer
	for _, ch := range p.pullAll(t, token) {
		if ch.Type == "customer" {
			json.Unmarshal(ch.Data, &c)
		}
	}
	if c.State != showroom.StateWithdrawn || c.Personal.Email != "r1@example.ru" || c.Contacts.MobilePhone != "+79161234567" || c.Contacts.City != "Екатеринбург" {
		t.Errorf("customer %+v", c)
	}
	// The future car's section replaced nothing else.
	if f := c.FutureCar; f == nil || f.Model != "Arkana" || f.Trim != "Style" || c.Personal.LastName != "Игнатьева" {
		t.Errorf("future car %+v, personal %+v", f, c.Personal)
	}
}

func TestVINDecode(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	var d struct {
		VIN        string                  `json:"vin"`
		Model      string                  `json:"model"`
		CheckDigit string                  `json:"check_digit"`
		Registry   *showroom.FactoryRecord `json:"registry"`
	}
	if st := p.do(t, "GET", "/api/v1/vins/"+knownVIN, token, nil, &d); st != 200 {
		t.Fatalf("status %d", st)
	}
	if d.Registry == nil || d.Registry.EngineNumber != "***********456" || d.Model != "Fluence" || d.CheckDigit == "" {
		t.Errorf("decode %+v %+v", d, d.Registry)
	}
	d.Registry = nil
	if st := p.do(t, "GET", "/api/v1/vins/"+vinN(0), token, nil, &d); st != 200 || d.Registry != nil {
		t.Errorf("unknown VIN: %d %+v", st, d.Registry)
	}
}

func TestWelcomePackLogin(t *testing.T) {
	p := newTestPortal(t)
	now := time.Now()
	p.store.now = func() time.Time { return now }
	err := p.store.Load(context.Background(), func(l *Loader) error {
		return l.Cabinet(showroom.Cabinet{
			Customer: showroom.Customer{ID: "10000042", State: showroom.StateActive, DealerCode: dealerA, Source: showroom.SourceWelcomePack,
				Personal: showroom.PersonalData{FirstName: "Иван", LastName: "Петров"}},
			Garage: []showroom.Vehicle{{ID: "wp1", VIN: knownVIN, Verified: true}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	token := p.enroll(t, dealerA)
	login := func(id, vin string) (int, string, string) { return wpLogin(t, p, token, id, vin) }
	var ok api.WelcomePackCustomer
	if st := p.do(t, "POST", "/api/v1/welcome-pack/login", token, api.WelcomePackLogin{CustomerID: "10000042", VIN: "vf1lzbr0542606589"}, &ok); st != 200 || ok.FirstName != "Иван" {
		t.Fatalf("good login: %d %+v", st, ok)
	}
	for i := range MaxLoginFailures {
		if st, code, _ := login("10000042", vinN(0)); st != http.StatusUnauthorized || code != "bad_credentials" {
			t.Fatalf("failure %d: %d %s", i+1, st, code)
		}
	}
	st, code, retry := login("10000042", knownVIN)
	if st != http.StatusTooManyRequests || code != "too_many_attempts" || retry == "" {
		t.Fatalf("locked: %d %s retry %q", st, code, retry)
	}
	if retry != "900" {
		t.Errorf("Retry-After %s, want the 900 seconds left", retry)
	}
	// Another customer ID is not locked; 15 minutes after the fifth failure
	// this one is free.
	if st, _, _ := login("10000043", knownVIN); st != http.StatusUnauthorized {
		t.Errorf("other ID: %d", st)
	}
	now = now.Add(LoginLockout)
	if st, _, _ := login("10000042", knownVIN); st != 200 {
		t.Errorf("after the window: %d", st)
	}
}
