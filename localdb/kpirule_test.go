package localdb

import (
	"slices"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
)

// kpiDemo is a small demo spread over several dealers and regions, with
// corporate sales and every source of customer.
func kpiDemo() *demo.Generator {
	return demo.New(6122, demo.Sizes{Dealers: 12, Regions: 3, Customers: 600, Sales: 1500,
		Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)})
}

// TestKPIQueriesAreTheDomainRule loads a generated demo and checks that
// KPI counts, for every dealer and quarter, what CountsAsRegistration and
// CountsAsSale say when applied to the generated rows one by one: the
// queries take the rule from the domain, so no second copy of it can
// drift.
func TestKPIQueriesAreTheDomainRule(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	g := kpiDemo()
	if _, err := db.ImportDealers(ctx, slices.Values(g.Dealers())); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportSales(ctx, g.Sales()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportCabinets(ctx, g.Cabinets()); err != nil {
		t.Fatal(err)
	}
	type key struct {
		dealer string
		q      showroom.Quarter
	}
	want := map[key]KPICount{}
	var sources, kinds = map[showroom.Source]bool{}, map[showroom.SaleKind]bool{}
	for cab := range g.Cabinets() {
		c := cab.Customer
		sources[c.Source] = true
		if showroom.CountsAsRegistration(c) {
			k := key{c.DealerCode, showroom.QuarterOf(c.CreatedAt)}
			w := want[k]
			w.Registrations++
			want[k] = w
		}
	}
	for s := range g.Sales() {
		kinds[s.Kind] = true
		if showroom.CountsAsSale(s) {
			k := key{s.DealerCode, showroom.QuarterOf(s.Date)}
			w := want[k]
			w.Sales++
			want[k] = w
		}
	}
	if len(sources) < 4 || len(kinds) < 2 {
		t.Fatalf("the demo lacks cases the rule excludes: sources %v, kinds %v", sources, kinds)
	}
	q := showroom.QuarterOf(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	counted := 0
	for range 12 {
		from, to := q.Bounds()
		for _, d := range g.Dealers() {
			got, err := db.KPI(ctx, d.Code, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if w := want[key{d.Code, q}]; got != w {
				t.Errorf("%s %v: the query counts %+v, the rule %+v", d.Code, q, got, w)
			}
			counted += got.Registrations + got.Sales
		}
		start := from.Add(-time.Hour)
		q = showroom.QuarterOf(start)
	}
	if counted == 0 {
		t.Fatal("nothing was counted")
	}
}
