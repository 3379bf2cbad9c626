package demo

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// Offers returns the offers of «Мои предложения» from data/offers.txt, among
// them «Только для Вас: 200 ₽ на комплекс-сервис» (ID "KS200"). Their
// validity is placed around the reference date: most are valid now, one has
// expired and one starts later. "@interest" in the data stands for the
// dealer of interest or its region.
func (g *Generator) Offers() []showroom.Offer {
	today := dayOf(g.now)
	out := make([]showroom.Offer, 0, len(g.t.offers))
	for _, rec := range g.t.offers {
		o := showroom.Offer{
			ID:         rec.key,
			Title:      rec.get("title"),
			Value:      rec.get("value"),
			Conditions: rec.get("conditions"),
			Models:     list(rec.get("models")),
		}
		o.MinAgeMonths, o.MaxAgeMonths = pair(rec.get("age"))
		o.MinMileage, o.MaxMileage = pair(rec.get("mileage"))
		switch ds := rec.get("dealers"); ds {
		case "", "@all":
		case "@interest":
			o.Dealers = []string{g.Dealer().Code}
		default:
			o.Dealers = list(ds)
		}
		switch rs := rec.get("regions"); rs {
		case "":
		case "@interest":
			o.Regions = []string{g.Dealer().Region}
		default:
			o.Regions = list(rs)
		}
		from, to := pair(rec.get("valid"))
		o.ValidFrom = today.AddDate(0, 0, from)
		o.ValidTo = today.AddDate(0, 0, to+1).Add(-time.Second)
		out = append(out, o)
	}
	return out
}

// pair reads "min max"; an empty field is 0 0.
func pair(s string) (int, int) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return 0, 0
	}
	if len(f) != 2 {
		panic("demo: want two numbers: " + s)
	}
	return integer(f[0]), integer(f[1])
}

// recallRule is a recall campaign and the cars it concerns: these models
// built in that window.
type recallRule struct {
	recall   showroom.Recall
	models   []string
	from, to time.Time
}

func loadRecalls(t *tables) []recallRule {
	var out []recallRule
	for _, rec := range t.recalls {
		built := strings.Fields(rec.get("built"))
		rr := recallRule{
			recall: showroom.Recall{
				Campaign: rec.key,
				Date:     date(rec.get("date")),
				Title:    rec.get("title"),
				Text:     rec.get("text"),
				Remedy:   rec.get("remedy"),
				Free:     true,
			},
			models: list(rec.get("models")),
			from:   date(built[0]),
			to:     date(built[1]),
		}
		out = append(out, rr)
	}
	return out
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("demo: bad date in data: " + s)
	}
	return t
}

func (rr *recallRule) affects(model string, built time.Time) bool {
	return slices.Contains(rr.models, model) && !built.Before(rr.from) && !built.After(rr.to)
}

// recallsFor returns the campaigns that concern a car.
func (g *Generator) recallsFor(model string, built time.Time) []*showroom.Recall {
	var out []*showroom.Recall
	for k := range g.t.recallRules {
		if g.t.recallRules[k].affects(model, built) && !g.t.recallRules[k].recall.Date.After(g.now) {
			out = append(out, &g.t.recallRules[k].recall)
		}
	}
	return out
}

// Recalls returns the recall campaigns of data/recalls.txt, among them 0BCF
// of 31 January 2012 for the Fluence, each with the VINs of the generated
// cars it concerns (the registry's cars of those models built in the
// campaign's window). Campaigns dated after the reference date are left
// out. It walks the whole registry.
func (g *Generator) Recalls() []showroom.Recall {
	var rules []*recallRule
	var out []showroom.Recall
	for k := range g.t.recallRules {
		if rr := &g.t.recallRules[k]; !rr.recall.Date.After(g.now) {
			rules = append(rules, rr)
			out = append(out, rr.recall)
		}
	}
	for rec := range g.Registry() {
		for k, rr := range rules {
			if rr.affects(rec.Model, rec.BuildDate) {
				out[k].VINs = append(out[k].VINs, rec.VIN)
			}
		}
	}
	return out
}

// quarterStart is the first moment of t's quarter.
func quarterStart(t time.Time) time.Time {
	return time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
}

// quarterOf names t's quarter as the reports do: 2026Q4.
func quarterOf(t time.Time) string {
	return strconv.Itoa(t.Year()) + "Q" + strconv.Itoa(int(t.Month()-1)/3+1)
}
