package showroom

import (
	"testing"
	"time"
)

var logan = ModelInfo{Name: "Logan", ServiceKm: 15000, ServiceMonths: 12, WarrantyMonths: 36, WarrantyKm: 100000}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestNextMaintenance(t *testing.T) {
	at := day(2026, 11, 25)
	tests := []struct {
		name      string
		built     time.Time
		mileage   int
		number    int
		km        int
		date      time.Time
		byMileage bool
	}{
		// 10 months old, 5,000 km (500 km a month): the year comes first.
		{"calendar first", day(2026, 1, 25), 5000, 1, 15000, day(2027, 1, 25), false},
		// 10 months old (304 days), 14,000 km: 46 km a day, so the 1,000 km
		// left take 21 days, before the year is up.
		{"mileage first", day(2026, 1, 25), 14000, 1, 15000, day(2026, 12, 16), true},
		// 12,000 km in the same time: 3,000 km take 76 days, after the year.
		{"calendar again", day(2026, 1, 25), 12000, 1, 15000, day(2027, 1, 25), false},
		// 2 years 10 months, 40,000 km: the third service by time, 45,000 km.
		{"third", day(2024, 1, 25), 40000, 3, 45000, day(2027, 1, 25), false},
		// 22 months (669 days) but 50,000 km: the fourth service, at
		// 60,000 km, which 75 km a day reach in 134 days.
		{"mileage ahead of the calendar", day(2025, 1, 25), 50000, 4, 60000, day(2027, 4, 7), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := NextMaintenance(Vehicle{BuildDate: tt.built, Mileage: tt.mileage}, logan, at)
			if !ok || got.Number != tt.number || got.Mileage != tt.km {
				t.Fatalf("got %+v %v, want ТО-%d at %d km", got, ok, tt.number, tt.km)
			}
			if !got.Date.Equal(tt.date) || got.ByMileage != tt.byMileage {
				t.Fatalf("date %v (by mileage %v), want %v (%v)", got.Date, got.ByMileage, tt.date, tt.byMileage)
			}
		})
	}
	if _, ok := NextMaintenance(Vehicle{Mileage: 100}, logan, at); ok {
		t.Error("a car without a build date has no schedule")
	}
	if _, ok := NextMaintenance(Vehicle{BuildDate: day(2025, 1, 1)}, ModelInfo{Name: "X"}, at); ok {
		t.Error("a model without an interval has no schedule")
	}
}

func TestProgramEligible(t *testing.T) {
	at := day(2026, 11, 25)
	extra := ServiceProgram{ID: "extra", Kind: ProgramExtended, MaxAgeMonths: 30, MaxMileage: 100000, Years: 5}
	complex := ServiceProgram{ID: "ks", Kind: ProgramFixedPrice, MinAgeMonths: 36, Models: []string{"Logan", "Sandero"}}
	tests := []struct {
		name   string
		p      ServiceProgram
		v      Vehicle
		reason Reason
	}{
		{"young car: Extra", extra, Vehicle{Model: "Duster", BuildDate: day(2025, 1, 1), Mileage: 20000}, ""},
		{"too old for Extra", extra, Vehicle{Model: "Duster", BuildDate: day(2024, 1, 1)}, ReasonProgramTooOld},
		{"too far for Extra", extra, Vehicle{Model: "Duster", BuildDate: day(2025, 1, 1), Mileage: 100001}, ReasonProgramMileage},
		{"no build date", extra, Vehicle{Model: "Duster"}, ReasonProgramBuildDate},
		{"Комплекс-сервис after the warranty", complex, Vehicle{Model: "Logan", BuildDate: day(2020, 1, 1)}, ""},
		{"too young for it", complex, Vehicle{Model: "Logan", BuildDate: day(2025, 1, 1)}, ReasonProgramTooYoung},
		{"another model", complex, Vehicle{Model: "Koleos", BuildDate: day(2020, 1, 1)}, ReasonProgramModel},
		{"open to all", ServiceProgram{Kind: ProgramMaintenance}, Vehicle{Model: "Koleos"}, ""},
	}
	for _, tt := range tests {
		err := ProgramEligible(tt.p, tt.v, at)
		if tt.reason == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Code != ENotEligible || e.Reason != tt.reason || e.Text(Russian) == "" {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.reason)
		}
	}
}

func TestCalendar(t *testing.T) {
	at := day(2026, 11, 25)
	garage := []Vehicle{
		{VIN: "VF1LZBR0542606589", Model: "Logan", BuildDate: day(2025, 1, 25), Mileage: 5000},
		{OrderNumber: "0061220040234"}, // ordered: nothing yet
		{VIN: "X7LLSRB1H00000001", Model: "Unknown"},
	}
	recalls := map[string][]Recall{
		"VF1LZBR0542606589": {{Campaign: "0BCF", Date: day(2012, 1, 31)}},
		"X7LLSRB1H00000001": {{Campaign: "0CAA", Date: day(2026, 12, 10)}},
	}
	ev := Calendar(garage, map[string]ModelInfo{"Logan": logan}, recalls, at)
	var kinds []EventKind
	for i, e := range ev {
		kinds = append(kinds, e.Kind)
		if i > 0 && e.Date.Before(ev[i-1].Date) {
			t.Fatalf("not by date: %v", ev)
		}
	}
	// The old recall is still due (today), the new one on its date, the
	// Logan's second service on 25.01.2027, its warranty ends 25.01.2028.
	want := []EventKind{EventRecall, EventRecall, EventMaintenance, EventWarrantyEnd}
	if len(kinds) != len(want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("events %v, want %v", kinds, want)
		}
	}
	if !ev[0].Date.Equal(at) || ev[0].Recall.Campaign != "0BCF" || ev[2].Maintenance.Number != 2 || !ev[3].Date.Equal(day(2028, 1, 25)) {
		t.Fatalf("events %+v", ev)
	}
}
