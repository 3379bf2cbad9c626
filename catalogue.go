package showroom

import (
	"slices"
	"sort"
	"time"
)

// ModelInfo is a model of the catalogue the portal publishes: what
// «Мой будущий Renault» is configured from, and what the service calendar
// needs — the maintenance interval and the factory warranty.
type ModelInfo struct {
	Name     string   `json:"name"`
	Bodies   []string `json:"bodies,omitempty"`
	Engines  []string `json:"engines,omitempty"`
	Trims    []string `json:"trims,omitempty"`
	Gearbox  []string `json:"gearboxes,omitempty"`
	Colours  []string `json:"colours,omitempty"`
	OnSale   bool     `json:"on_sale"`
	PriceRUB int      `json:"price_rub,omitempty"` // from, for the configuration
	// Maintenance every ServiceKm kilometres or ServiceMonths months,
	// whichever comes first.
	ServiceKm     int `json:"service_km"`
	ServiceMonths int `json:"service_months"`
	// The factory warranty: WarrantyMonths from the build date or
	// WarrantyKm, whichever comes first.
	WarrantyMonths int `json:"warranty_months"`
	WarrantyKm     int `json:"warranty_km"`
}

// ProgramKind is one of the four offers of «Мой сервис».
type ProgramKind string

// The kinds of «Мой сервис».
const (
	ProgramMaintenance ProgramKind = "maintenance"       // Программа обслуживания
	ProgramFixedPrice  ProgramKind = "fixed_price"       // «Комплекс-сервис»
	ProgramExtended    ProgramKind = "extended_warranty" // Renault Extra
	ProgramAssistance  ProgramKind = "assistance"        // Renault Assistance
)

// ServiceProgram is a service programme of «Мой сервис» with the cars it
// is open to. Zero limits mean none.
type ServiceProgram struct {
	ID          string      `json:"id"`
	Kind        ProgramKind `json:"kind"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Models      []string    `json:"models,omitempty"`
	// The car's age in whole months from its build date, and its
	// mileage, when it joins.
	MinAgeMonths int `json:"min_age_months,omitempty"`
	MaxAgeMonths int `json:"max_age_months,omitempty"`
	MaxMileage   int `json:"max_mileage,omitempty"`
	// Years is how long the programme covers the car from its build date
	// (Renault Extra: up to 5 years).
	Years int `json:"years,omitempty"`
}

// ENotEligible is the code of a car a service programme is not open to.
const ENotEligible Code = "not_eligible"

// Reasons a programme is not open to a car.
const (
	ReasonProgramModel     Reason = "program_model"     // model
	ReasonProgramTooYoung  Reason = "program_too_young" // months
	ReasonProgramTooOld    Reason = "program_too_old"   // months
	ReasonProgramMileage   Reason = "program_mileage"   // km
	ReasonProgramBuildDate Reason = "program_build_date"
)

func init() {
	allCodes = append(allCodes, ENotEligible)
	allReasons = append(allReasons, ReasonProgramModel, ReasonProgramTooYoung, ReasonProgramTooOld,
		ReasonProgramMileage, ReasonProgramBuildDate)
	for r, t := range map[Reason]text{
		Reason(ENotEligible):   {"The programme is not open to this car.", "Программа недоступна для этого автомобиля."},
		ReasonProgramModel:     {"The programme is not for the %s.", "Программа не распространяется на модель %s."},
		ReasonProgramTooYoung:  {"The programme is for cars from %d months old.", "Программа — для автомобилей старше %d мес."},
		ReasonProgramTooOld:    {"The programme is for cars up to %d months old.", "Программа — для автомобилей не старше %d мес."},
		ReasonProgramMileage:   {"The programme is for cars with up to %d km.", "Программа — для автомобилей с пробегом до %d км."},
		ReasonProgramBuildDate: {"The car's build date is not known: enter its VIN and engine number.", "Дата выпуска автомобиля неизвестна: укажите VIN и номер двигателя."},
	} {
		texts[r] = t
	}
}

// ProgramEligible checks that programme p is open to car v at time at.
// It returns nil or an ENotEligible error whose reason says why not.
func ProgramEligible(p ServiceProgram, v Vehicle, at time.Time) error {
	no := func(r Reason, args ...any) error { return Errorf(ENotEligible, "program", r, args...) }
	if len(p.Models) > 0 && !slices.Contains(p.Models, v.Model) {
		return no(ReasonProgramModel, v.Model)
	}
	if p.MinAgeMonths > 0 || p.MaxAgeMonths > 0 {
		if v.BuildDate.IsZero() {
			return no(ReasonProgramBuildDate)
		}
		age := monthsBetween(v.BuildDate, at)
		if age < p.MinAgeMonths {
			return no(ReasonProgramTooYoung, p.MinAgeMonths)
		}
		if p.MaxAgeMonths > 0 && age > p.MaxAgeMonths {
			return no(ReasonProgramTooOld, p.MaxAgeMonths)
		}
	}
	if p.MaxMileage > 0 && v.Mileage > p.MaxMileage {
		return no(ReasonProgramMileage, p.MaxMileage)
	}
	return nil
}

// Maintenance is a car's next scheduled maintenance: the Number-th
// («ТО-N»), due at Mileage km or on Date, whichever comes first; Date is
// the earlier of the interval's date and the day the car's average
// mileage reaches Mileage.
type Maintenance struct {
	Number  int
	Mileage int
	Date    time.Time
	// ByMileage says the mileage, not the calendar, sets Date.
	ByMileage bool
}

// NextMaintenance computes car v's next maintenance from its model's
// interval, its build date and its mileage, at time at. ok is false when
// the model has no interval or the car no build date.
func NextMaintenance(v Vehicle, m ModelInfo, at time.Time) (Maintenance, bool) {
	if m.ServiceKm <= 0 || m.ServiceMonths <= 0 || v.BuildDate.IsZero() {
		return Maintenance{}, false
	}
	age := monthsBetween(v.BuildDate, at)
	nTime := age/m.ServiceMonths + 1
	nKm := max(v.Mileage, 0)/m.ServiceKm + 1
	n := max(nTime, nKm)
	due := Maintenance{Number: n, Mileage: n * m.ServiceKm, Date: v.BuildDate.AddDate(0, n*m.ServiceMonths, 0)}
	// The average day's mileage so far says when the car reaches the
	// kilometres of the next service.
	days := at.Sub(v.BuildDate).Hours() / 24
	if v.Mileage > 0 && days >= 1 {
		perDay := float64(v.Mileage) / days
		left := float64(due.Mileage - v.Mileage)
		byKm := at.Add(time.Duration(left/perDay*24) * time.Hour).Truncate(24 * time.Hour)
		if byKm.Before(due.Date) {
			due.Date, due.ByMileage = byKm, true
		}
	}
	return due, true
}

// WarrantyEnd is when the factory warranty of car v ends by the calendar.
func WarrantyEnd(v Vehicle, m ModelInfo) (time.Time, bool) {
	if m.WarrantyMonths <= 0 || v.BuildDate.IsZero() {
		return time.Time{}, false
	}
	return v.BuildDate.AddDate(0, m.WarrantyMonths, 0), true
}

// EventKind is the kind of an entry of «Мой календарь».
type EventKind string

// The calendar's entries.
const (
	EventMaintenance EventKind = "maintenance"
	EventWarrantyEnd EventKind = "warranty_end"
	EventRecall      EventKind = "recall"
)

// Event is one entry of «Мой календарь» for a car of the garage.
type Event struct {
	Kind        EventKind
	Date        time.Time
	VIN         string
	Model       string
	Maintenance Maintenance // for EventMaintenance
	Recall      Recall      // for EventRecall
}

// Calendar lists the coming events of a cabinet's cars at time at, by
// date: each car's next maintenance, the end of its factory warranty when
// it is still ahead, and a visit for each recall campaign concerning it
// (dated when the campaign was announced, or today when that has passed:
// the visit is still due). models gives each model's catalogue entry;
// recalls each VIN's campaigns.
func Calendar(garage []Vehicle, models map[string]ModelInfo, recalls map[string][]Recall, at time.Time) []Event {
	var out []Event
	day := at.Truncate(24 * time.Hour)
	for _, v := range garage {
		if v.VIN == "" {
			continue // an ordered car is not on the road yet
		}
		m, known := models[v.Model]
		if known {
			if due, ok := NextMaintenance(v, m, at); ok {
				out = append(out, Event{Kind: EventMaintenance, Date: due.Date, VIN: v.VIN, Model: v.Model, Maintenance: due})
			}
			if end, ok := WarrantyEnd(v, m); ok && end.After(at) {
				out = append(out, Event{Kind: EventWarrantyEnd, Date: end, VIN: v.VIN, Model: v.Model})
			}
		}
		for _, r := range recalls[v.VIN] {
			d := r.Date
			if d.Before(day) {
				d = day
			}
			out = append(out, Event{Kind: EventRecall, Date: d, VIN: v.VIN, Model: v.Model, Recall: r})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}
