package showroom

import (
	"slices"
	"testing"
	"time"
)

func TestQuarter(t *testing.T) {
	for _, tt := range []struct {
		in   string
		ok   bool
		want string
	}{{"2012Q1", true, "2012Q1"}, {"2026q4", true, "2026Q4"}, {"2012Q5", false, ""}, {"12Q1", false, ""}, {"2012-1", false, ""}} {
		q, err := ParseQuarter(tt.in)
		if (err == nil) != tt.ok || tt.ok && q.String() != tt.want {
			t.Errorf("ParseQuarter(%q) = %v, %v", tt.in, q, err)
		}
		if err != nil && ErrorCode(err) != EInvalid {
			t.Errorf("code %s", ErrorCode(err))
		}
	}
	start, end := Quarter{2012, 1}.Bounds()
	// Moscow was UTC+4 in 2012.
	if !start.Equal(time.Date(2011, 12, 31, 20, 0, 0, 0, time.UTC)) || !end.Equal(time.Date(2012, 3, 31, 20, 0, 0, 0, time.UTC)) {
		t.Errorf("bounds %v %v", start, end)
	}
	if q := QuarterOf(time.Date(2012, 3, 31, 20, 30, 0, 0, time.UTC)); q != (Quarter{2012, 2}) {
		t.Errorf("QuarterOf = %v", q)
	}
}

func TestCounts(t *testing.T) {
	if !CountsAsRegistration(Customer{DealerCode: "006122", Source: SourceKiosk}) || CountsAsRegistration(Customer{DealerCode: "006122", Source: SourceWelcomePack}) {
		t.Error("registration rule")
	}
	if !CountsAsSale(Sale{Kind: SaleRetail}) || CountsAsSale(Sale{Kind: SaleCorporate}) {
		t.Error("sale rule")
	}
	if r, ok := RegistrationRate(1, 5); !ok || r != 0.2 {
		t.Error("rate")
	}
	if _, ok := RegistrationRate(3, 0); ok {
		t.Error("rate without sales")
	}
}

// TestRegistrationTime: a registration is credited when it was made, held
// between the device's enrolment and the receiver's clock.
func TestRegistrationTime(t *testing.T) {
	msk := Moscow()
	enrolled := time.Date(2026, 3, 1, 9, 0, 0, 0, msk)
	now := time.Date(2026, 4, 1, 9, 15, 0, 0, msk)
	made := time.Date(2026, 3, 31, 23, 30, 0, 0, msk)
	for _, tt := range []struct {
		name                 string
		made, enrolled, want time.Time
	}{
		{"made offline the day before", made, enrolled, made},
		{"a clock ahead of the portal's", now.Add(time.Hour), enrolled, now},
		{"a clock behind the enrolment", enrolled.AddDate(-1, 0, 0), enrolled, enrolled},
		{"no time sent", time.Time{}, enrolled, now},
		{"enrolment unknown", made, time.Time{}, made},
	} {
		got := RegistrationTime(tt.made, tt.enrolled, now)
		if !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if QuarterOf(RegistrationTime(made, enrolled, now)) != (Quarter{2026, 1}) {
		t.Error("the offline registration of 31 March left the first quarter")
	}
}

// TestTheRuleIsItsLists: the lists the stores bind are the rule.
func TestTheRuleIsItsLists(t *testing.T) {
	for _, src := range []Source{SourceKiosk, SourceStaff, SourceWelcomePack, SourcePortal, ""} {
		c := Customer{DealerCode: "006122", Source: src}
		if CountsAsRegistration(c) != slices.Contains(CountedSources(), src) {
			t.Errorf("source %q", src)
		}
	}
	for _, k := range []SaleKind{SaleRetail, SaleCorporate, ""} {
		if CountsAsSale(Sale{Kind: k}) != slices.Contains(CountedSaleKinds(), k) {
			t.Errorf("kind %q", k)
		}
	}
	CountedSources()[0] = SourcePortal
	if CountsAsRegistration(Customer{DealerCode: "006122", Source: SourcePortal}) {
		t.Error("a caller changed the rule through the list it was given")
	}
}
