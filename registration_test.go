package showroom

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var testGivenAt = time.Date(2026, 11, 25, 13, 0, 0, 0, time.FixedZone("YEKT", 5*3600))

func validRegistration() Registration {
	return Registration{
		CustomerRef: "0b7c9a56-1f6e-4c1e-9b3a-5d2a7e0f4c11",
		LastName:    "  Игнатьева ",
		FirstName:   "Поли\u043d\u0430",
		Email:       " polina@Example.RU ",
		Phone:       "8 (916) 123-45-67",
		VIN:         " vf1lzbr0542606589",
		Source:      SourceKiosk,
		DealerCode:  "006122",
		Consent: RegistrationConsent{
			TextVersion: "pd-2026-01",
			TextSHA256:  strings.Repeat("AB", 32),
			Purpose:     PurposePersonalData,
			GivenAt:     testGivenAt,
		},
	}
}

func TestRegistrationNormalize(t *testing.T) {
	r := validRegistration()
	if err := r.Normalize(); err != nil {
		t.Fatalf("Normalize: %v", err)
	}
	want := Registration{
		CustomerRef: "0b7c9a56-1f6e-4c1e-9b3a-5d2a7e0f4c11",
		LastName:    "Игнатьева",
		FirstName:   "Полина",
		Email:       "polina@example.ru",
		Phone:       "+79161234567",
		VIN:         "VF1LZBR0542606589",
		Source:      SourceKiosk,
		DealerCode:  "006122",
		Consent: RegistrationConsent{
			TextVersion: "pd-2026-01",
			TextSHA256:  strings.Repeat("ab", 32),
			Purpose:     PurposePersonalData,
			GivenAt:     testGivenAt.UTC(),
		},
	}
	if r != want {
		t.Errorf("normalised\n got %+v\nwant %+v", r, want)
	}
	if r.Consent.GivenAt.Location() != time.UTC {
		t.Errorf("given_at not in UTC: %v", r.Consent.GivenAt)
	}
	// Normalising again changes nothing.
	again := r
	if err := again.Normalize(); err != nil || again != r {
		t.Errorf("second Normalize = %v, %+v", err, again)
	}
}

func TestRegistrationNormalizeErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Registration)
		want   []string // field:code of each error, in order
	}{
		{"minimal kiosk registration", func(r *Registration) { r.Phone, r.VIN, r.DealerCode, r.Source = "", "", "", "" }, nil},
		{"missing names and e-mail", func(r *Registration) { r.LastName, r.FirstName, r.Email = "", " ", "" },
			[]string{"last_name:invalid_name", "first_name:invalid_name", "email:invalid_email"}},
		{"landline phone", func(r *Registration) { r.Phone = "+7 495 123-45-67" }, []string{"phone:invalid_phone"}},
		{"bad VIN", func(r *Registration) { r.VIN = "VF1LZBR0542606O89" }, []string{"vin:invalid_vin"}},
		{"north american check digit", func(r *Registration) { r.VIN = "1HGCM82633A123456" }, []string{"vin:invalid_vin"}},
		{"engine number with VIN", func(r *Registration) { r.EngineNumber = "k4m a690 c123456" }, nil},
		{"engine number without VIN", func(r *Registration) { r.VIN, r.EngineNumber = "", "K4MA690C123456" },
			[]string{"engine_number:invalid_engine_number"}},
		{"bad engine number", func(r *Registration) { r.EngineNumber = "K4M" }, []string{"engine_number:invalid_engine_number"}},
		{"unknown source", func(r *Registration) { r.Source = "fax" }, []string{"source:invalid"}},
		{"short dealer code", func(r *Registration) { r.DealerCode = "6122" }, []string{"dealer_code:invalid"}},
		{"sms without phone", func(r *Registration) { r.Phone, r.PreferredChannel = "", ChannelSMS }, []string{"phone:invalid_phone"}},
		{"sms with phone", func(r *Registration) { r.PreferredChannel = ChannelSMS }, nil},
		{"unknown channel", func(r *Registration) { r.PreferredChannel = "pigeon" }, []string{"preferred_channel:invalid"}},
		{"no consent", func(r *Registration) { r.Consent = RegistrationConsent{} }, []string{"consent:invalid"}},
		{"marketing purpose only", func(r *Registration) { r.Consent.Purpose = PurposeMarketing }, []string{"consent:invalid"}},
		{"empty purpose means personal data", func(r *Registration) { r.Consent.Purpose = "" }, nil},
		{"short hash", func(r *Registration) { r.Consent.TextSHA256 = "abc" }, []string{"consent:invalid"}},
		{"hash not hex", func(r *Registration) { r.Consent.TextSHA256 = strings.Repeat("g", 64) }, []string{"consent:invalid"}},
		{"no time", func(r *Registration) { r.Consent.GivenAt = time.Time{} }, []string{"consent:invalid"}},
		{"everything wrong", func(r *Registration) {
			*r = Registration{LastName: "-", FirstName: "1", Email: "a@b", Phone: "x", VIN: "123", EngineNumber: "?"}
		}, []string{"last_name:invalid_name", "first_name:invalid_name", "email:invalid_email", "phone:invalid_phone",
			"vin:invalid_vin", "engine_number:invalid_engine_number", "consent:invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRegistration()
			tt.change(&r)
			err := r.Normalize()
			var got []string
			if err != nil {
				var ve ValidationErrors
				if !errors.As(err, &ve) {
					t.Fatalf("error %T is not ValidationErrors", err)
				}
				if ErrorCode(err) != EInvalid {
					t.Errorf("ErrorCode = %q, want invalid", ErrorCode(err))
				}
				for _, e := range ve {
					got = append(got, e.Field+":"+string(e.Code))
					checkText(t, e)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("errors = %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
}

func TestRegistrationKeepsTypedValueOfBadField(t *testing.T) {
	r := validRegistration()
	r.Email = "  polina(at)example.ru "
	err := r.Normalize()
	if r.Email != "polina(at)example.ru" {
		t.Errorf("Email = %q, want the typed value trimmed", r.Email)
	}
	var ve ValidationErrors
	if !errors.As(err, &ve) || ve.For("email") == nil || ve.For("last_name") != nil {
		t.Fatalf("For(email) missing or For(last_name) present: %v", err)
	}
	var first *Error
	if !errors.As(err, &first) || first.Code != EInvalidEmail {
		t.Errorf("errors.As to *Error = %v, want the e-mail's error", first)
	}
	if r.LastName != "Игнатьева" {
		t.Errorf("valid fields are still normalised: LastName = %q", r.LastName)
	}
}

func TestRegistrationJSON(t *testing.T) {
	r := validRegistration()
	if err := r.Normalize(); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"customer_ref", "last_name", "first_name", "email", "phone", "vin", "engine_number",
		"source", "staff_id", "dealer_code", "preferred_channel", "consent"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	if v, ok := m["staff_id"]; !ok || v != nil {
		t.Errorf("staff_id = %v, want null", v)
	}
	c := m["consent"].(map[string]any)
	for _, k := range []string{"text_version", "text_sha256", "purpose", "marketing", "given_at"} {
		if _, ok := c[k]; !ok {
			t.Errorf("consent lacks %q", k)
		}
	}
	var back Registration
	if err := json.Unmarshal(b, &back); err != nil || back != r {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, r)
	}

	r.StaffID = "s-17"
	b, _ = json.Marshal(r)
	if !strings.Contains(string(b), `"staff_id":"s-17"`) {
		t.Errorf("staff_id not written: %s", b)
	}
	if err := json.Unmarshal(b, &back); err != nil || back.StaffID != "s-17" {
		t.Errorf("staff_id round trip = %q, %v", back.StaffID, err)
	}
}

func TestRegistrationCustomer(t *testing.T) {
	r := validRegistration()
	r.Consent.Marketing = true
	r.PreferredChannel = ChannelSMS
	r.StaffID = "s-17"
	r.Source = SourceStaff
	if err := r.Normalize(); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	c := r.Customer(now)
	want := Customer{
		Ref: r.CustomerRef, State: StatePending, DealerCode: "006122", Source: SourceStaff, StaffID: "s-17",
		Personal: PersonalData{FirstName: "Полина", LastName: "Игнатьева", Email: "polina@example.ru",
			PreferredChannel: ChannelSMS, MarketingConsent: true},
		Contacts:  Contacts{MobilePhone: "+79161234567"},
		CreatedAt: now.UTC(), UpdatedAt: now.UTC(),
	}
	if c.Ref != want.Ref || c.State != want.State || c.DealerCode != want.DealerCode || c.Source != want.Source ||
		c.StaffID != want.StaffID || c.Personal != want.Personal || c.Contacts != want.Contacts ||
		!c.CreatedAt.Equal(now) || c.CreatedAt.Location() != time.UTC || !c.UpdatedAt.Equal(now) {
		t.Errorf("Customer =\n%+v\nwant\n%+v", c, want)
	}

	cr := r.ConsentRecord()
	if cr.CustomerRef != r.CustomerRef || cr.Purpose != PurposePersonalData || !cr.Marketing ||
		cr.StaffID != "s-17" || cr.TextSHA256 != strings.Repeat("ab", 32) || !cr.GivenAt.Equal(testGivenAt) {
		t.Errorf("ConsentRecord = %+v", cr)
	}

	v, ok := r.GarageVehicle(now)
	if !ok || v.VIN != "VF1LZBR0542606589" || v.Model != "Fluence" || v.CustomerRef != r.CustomerRef ||
		v.Verified || !v.AddedAt.Equal(now) {
		t.Errorf("GarageVehicle = %+v, %v", v, ok)
	}
	if err := CheckGarageAdd(nil, v); err != nil {
		t.Errorf("the registration's car cannot join an empty garage: %v", err)
	}
	r.VIN = ""
	if _, ok := r.GarageVehicle(now); ok {
		t.Error("GarageVehicle without a VIN reports a car")
	}
}

// FuzzRegistrationNormalize checks that Normalize never panics, that a
// registration it accepts is a fixed point, and that every error has a field
// and renders in both languages.
func FuzzRegistrationNormalize(f *testing.F) {
	f.Add("Игнатьева", "Полина", "polina@example.ru", "+79161234567", "VF1LZBR0542606589", "K4MA690C123456", "sms")
	f.Add(" o’brien ", "jean-luc", "A@B.C", "8 916 123 45 67", "", "", "")
	f.Add("", "", "", "", "", "", "")
	f.Add("-", "1", "a@b", "x", "1HGCM82633A123456", "k", "pigeon")
	f.Fuzz(func(t *testing.T, last, first, email, phone, vin, engine, channel string) {
		r := validRegistration()
		r.LastName, r.FirstName, r.Email, r.Phone, r.VIN, r.EngineNumber = last, first, email, phone, vin, engine
		r.PreferredChannel = Channel(channel)
		err := r.Normalize()
		if err == nil {
			again := r
			if err := again.Normalize(); err != nil || again != r {
				t.Fatalf("not a fixed point: %+v -> %+v, %v", r, again, err)
			}
			return
		}
		var ve ValidationErrors
		if !errors.As(err, &ve) || len(ve) == 0 {
			t.Fatalf("error %v is not a non-empty ValidationErrors", err)
		}
		for _, e := range ve {
			if e.Field == "" {
				t.Fatalf("field error without a field: %#v", e)
			}
			checkText(t, e)
		}
	})
}
