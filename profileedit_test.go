package showroom

import (
	"testing"
	"time"
)

func TestProfileEditNormalize(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	two, minus := 2, -1
	tests := []struct {
		name   string
		edit   ProfileEdit
		fields []string // fields with an error, in the form's order
	}{
		{"valid", ProfileEdit{
			Personal: &PersonalData{FirstName: " полина ", LastName: "Игнатьева", BirthDate: time.Date(1990, 3, 4, 0, 0, 0, 0, time.UTC)},
			Contacts: &Contacts{Postcode: "620014", MobilePhone: "8 916 123-45-67", City: " Екатеринбург "},
			Extra:    &AdditionalInfo{Children: &two, Interests: []string{" лыжи ", ""}},
		}, nil},
		{"bad names and birth", ProfileEdit{Personal: &PersonalData{FirstName: "", LastName: "12", BirthDate: now.AddDate(0, 0, 1)}},
			[]string{"first_name", "last_name", "birth_date"}},
		{"bad contacts", ProfileEdit{Contacts: &Contacts{Postcode: "62001", MobilePhone: "12", WorkPhone: "x"}},
			[]string{"postcode", "mobile_phone", "work_phone"}},
		{"bad extra", ProfileEdit{Extra: &AdditionalInfo{Children: &minus, Profession: "a\x07"}}, []string{"children", "profession"}},
		{"future car without model", ProfileEdit{FutureCar: &FutureCar{Trim: "Style"}}, []string{"model"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.edit.Normalize(now)
			var got []string
			if ve, ok := err.(ValidationErrors); ok {
				for _, e := range ve {
					got = append(got, e.Field)
					if e.Text(Russian) == "" {
						t.Errorf("%s has no Russian text", e.Field)
					}
				}
			} else if err != nil {
				t.Fatalf("not ValidationErrors: %v", err)
			}
			if len(got) != len(tt.fields) {
				t.Fatalf("fields %v, want %v", got, tt.fields)
			}
			for i := range got {
				if got[i] != tt.fields[i] {
					t.Fatalf("fields %v, want %v", got, tt.fields)
				}
			}
		})
	}
	e := ProfileEdit{Personal: &PersonalData{FirstName: " полина ", LastName: "Игнатьева", Email: "new@x.ru"},
		Contacts: &Contacts{MobilePhone: "8 916 123-45-67", City: " Екатеринбург "}, Extra: &AdditionalInfo{Interests: []string{" лыжи ", ""}}}
	if err := e.Normalize(now); err != nil {
		t.Fatal(err)
	}
	c := e.Apply(Customer{Personal: PersonalData{Email: "old@x.ru"}})
	if c.Personal.Email != "old@x.ru" || c.Contacts.MobilePhone != "+79161234567" || c.Contacts.City != "Екатеринбург" ||
		len(c.Extra.Interests) != 1 || c.Extra.Interests[0] != "лыжи" {
		t.Errorf("applied %+v", c)
	}
}

func TestVehicleEditNormalize(t *testing.T) {
	e := VehicleEdit{Nickname: " Семейная ", Plate: "а 123 бв 66", Mileage: 42000}
	if err := e.Normalize(); err != nil || e.Plate != "А123БВ66" || e.Nickname != "Семейная" {
		t.Errorf("%+v %v", e, err)
	}
	e = VehicleEdit{Mileage: -5}
	if ve, ok := e.Normalize().(ValidationErrors); !ok || ve.For("mileage") == nil {
		t.Errorf("negative mileage accepted")
	}
}
