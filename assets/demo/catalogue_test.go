package demo

import (
	"testing"
	"time"

	showroom "github.com/myrenault/showroom"
)

func TestCatalogueCoversTheRange(t *testing.T) {
	g := New(1, DefaultSizes())
	models := map[string]showroom.ModelInfo{}
	for _, m := range g.Models() {
		models[m.Name] = m
		if m.ServiceKm <= 0 || m.ServiceMonths <= 0 || m.WarrantyMonths <= 0 || len(m.Bodies) == 0 {
			t.Errorf("%s: incomplete %+v", m.Name, m)
		}
		if m.OnSale && (m.PriceRUB == 0 || len(m.Trims) == 0 || len(m.Engines) == 0 || len(m.Colours) == 0) {
			t.Errorf("%s is on sale without a price, trims, engines or colours: %+v", m.Name, m)
		}
	}
	if !models["Duster"].OnSale || models["Fluence"].OnSale {
		t.Errorf("on sale: Duster %v, Fluence %v", models["Duster"].OnSale, models["Fluence"].OnSale)
	}
	// Every car of the demo has its model in the catalogue, so that its
	// calendar can be computed.
	n := 0
	for cab := range g.Cabinets() {
		for _, v := range cab.Garage {
			if v.Model != "" {
				if _, ok := models[v.Model]; !ok {
					t.Fatalf("car model %q is not in the catalogue", v.Model)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no cars")
	}
	kinds := map[showroom.ProgramKind]bool{}
	for _, p := range g.ServicePrograms() {
		kinds[p.Kind] = true
	}
	if len(kinds) != 4 {
		t.Fatalf("programmes %v", kinds)
	}
	// The showcase Fluence (2011) is past Renault Extra's age limit.
	showcase := g.Cabinet(0)
	extra := g.ServicePrograms()[2]
	if err := showroom.ProgramEligible(extra, showcase.Garage[0], time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)); showroom.ErrorCode(err) != showroom.ENotEligible {
		t.Fatalf("Extra for the showcase car: %v", err)
	}
}
