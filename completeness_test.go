package showroom

import (
	"reflect"
	"testing"
	"time"
)

func fullCustomer() Customer {
	zero := 0
	return Customer{
		Personal: PersonalData{
			FirstName: "Полина", LastName: "Игнатьева", Gender: GenderFemale,
			BirthDate: time.Date(1990, 4, 12, 0, 0, 0, 0, time.UTC), Email: "polina@example.ru",
			PreferredChannel: ChannelEmail, MarketingConsent: true,
		},
		Contacts: Contacts{
			Country: "Россия", Region: "Свердловская область", Postcode: "620014", City: "Екатеринбург",
			District: "Ленинский", StreetType: "улица", Street: "Малышева", House: "1", Flat: "12",
			HomePhone: "+73431234567", MobilePhone: "+79161234567", MobilePhoneType: "smartphone", WorkPhone: "+73437654321",
		},
		Extra: AdditionalInfo{Children: &zero, Interests: []string{"рыбалка"}, Profession: "инженер"},
	}
}

func TestCompleteness(t *testing.T) {
	two := 2
	tests := []struct {
		name    string
		c       Customer
		want    int
		missing []Field
	}{
		{"empty", Customer{}, 0, nil}, // missing: all, checked below
		{"full", fullCustomer(), 100, []Field{}},
		{"fresh registration", Customer{Personal: PersonalData{FirstName: "Полина", LastName: "Игнатьева", Email: "p@example.ru"}},
			30, nil},
		{"registration with phone and marketing", Customer{
			Personal: PersonalData{FirstName: "Полина", LastName: "Игнатьева", Email: "p@example.ru", MarketingConsent: true},
			Contacts: Contacts{MobilePhone: "+79161234567"},
		}, 30 + 3 + 6, nil},
		{"blank strings do not count", Customer{Personal: PersonalData{FirstName: "  ", LastName: "Игнатьева"},
			Extra: AdditionalInfo{Interests: []string{" "}}}, 10, nil},
		{"zero children is an answer", Customer{Extra: AdditionalInfo{Children: new(int)}}, 5, nil},
		{"children and address", Customer{
			Contacts: Contacts{City: "Екатеринбург", Street: "Малышева", House: "1"},
			Extra:    AdditionalInfo{Children: &two, Profession: "врач"},
		}, 4 + 3 + 3 + 5 + 6, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Completeness(tt.c); got != tt.want {
				t.Errorf("Completeness = %d, want %d", got, tt.want)
			}
			if tt.missing != nil {
				if got := MissingFields(tt.c); len(got) != len(tt.missing) || (len(got) > 0 && !reflect.DeepEqual(got, tt.missing)) {
					t.Errorf("MissingFields = %v, want %v", got, tt.missing)
				}
			}
		})
	}
}

func TestMissingFields(t *testing.T) {
	all := MissingFields(Customer{})
	if len(all) != 23 {
		t.Fatalf("an empty customer misses %d fields, want 23: %v", len(all), all)
	}
	if all[0] != FieldFirstName || all[len(all)-1] != FieldProfession {
		t.Errorf("not in the cabinet's order: %v", all)
	}
	c := fullCustomer()
	c.Personal.BirthDate = time.Time{}
	c.Contacts.Flat = ""
	c.Extra.Interests = nil
	if got, want := MissingFields(c), []Field{FieldBirthDate, FieldFlat, FieldInterests}; !reflect.DeepEqual(got, want) {
		t.Errorf("MissingFields = %v, want %v", got, want)
	}
	if got := Completeness(c); got != 100-5-2-6 {
		t.Errorf("Completeness = %d, want 87", got)
	}
}

func TestProfileWeights(t *testing.T) {
	sum := 0
	seen := map[Field]bool{}
	for _, p := range profileFields {
		if p.weight <= 0 || seen[p.field] || p.en == "" || p.ru == "" {
			t.Errorf("field %+v", p.field)
		}
		seen[p.field] = true
		sum += p.weight
	}
	if sum != 100 {
		t.Errorf("weights add up to %d, want 100", sum)
	}
	// Each field of the profile structs is counted: one per struct field.
	n := reflect.TypeFor[PersonalData]().NumField() + reflect.TypeFor[Contacts]().NumField() + reflect.TypeFor[AdditionalInfo]().NumField()
	if n != len(profileFields) {
		t.Errorf("the profile has %d fields, completeness counts %d", n, len(profileFields))
	}
	// Each field's key is its JSON name in the profile structs.
	keys := map[string]bool{}
	for _, typ := range []reflect.Type{reflect.TypeFor[PersonalData](), reflect.TypeFor[Contacts](), reflect.TypeFor[AdditionalInfo]()} {
		for f := range typ.Fields() {
			keys[jsonName(f.Tag.Get("json"))] = true
		}
	}
	for _, p := range profileFields {
		if !keys[string(p.field)] {
			t.Errorf("field key %q is no JSON name of the profile", p.field)
		}
	}
}

func jsonName(tag string) string {
	for i := range len(tag) {
		if tag[i] == ',' {
			return tag[:i]
		}
	}
	return tag
}

func TestFieldLabel(t *testing.T) {
	tests := []struct {
		f      Field
		ru, en string
	}{
		{FieldFirstName, "Имя", "First name"},
		{FieldEmail, "Эл. почта", "E-mail"},
		{FieldPreferredChannel, "Предпочтительный способ коммуникации", "Preferred way of communication"},
		{FieldMobilePhoneType, "Тип мобильного телефона", "Mobile phone type"},
		{FieldChildren, "Количество детей", "Number of children"},
		{"unknown", "unknown", "unknown"},
	}
	for _, tt := range tests {
		if got := tt.f.Label(Russian); got != tt.ru {
			t.Errorf("%s: Russian %q, want %q", tt.f, got, tt.ru)
		}
		if got := tt.f.Label(English); got != tt.en {
			t.Errorf("%s: English %q, want %q", tt.f, got, tt.en)
		}
	}
}

func FuzzCompleteness(f *testing.F) {
	f.Add("Полина", "", "p@example.ru", "Екатеринбург", " ", true, -1)
	f.Add("", "", "", "", "", false, 0)
	f.Fuzz(func(t *testing.T, first, last, email, city, profession string, marketing bool, children int) {
		c := Customer{
			Personal: PersonalData{FirstName: first, LastName: last, Email: email, MarketingConsent: marketing},
			Contacts: Contacts{City: city},
			Extra:    AdditionalInfo{Profession: profession},
		}
		if children >= 0 {
			c.Extra.Children = &children
		}
		got := Completeness(c)
		missing := 0
		for _, m := range MissingFields(c) {
			for _, p := range profileFields {
				if p.field == m {
					missing += p.weight
				}
			}
		}
		if got < 0 || got > 100 || got+missing != 100 {
			t.Fatalf("Completeness %d, missing weight %d", got, missing)
		}
	})
}
