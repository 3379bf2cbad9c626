package portal

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets/demo"
	"github.com/myrenault/showroom/portal/api"
)

// TestReportQueryIsTheDomainRule loads a generated demo spread over
// several dealers and regions and checks the report, by dealer and by
// region, for each of twelve quarters, against CountsAsRegistration and
// CountsAsSale applied to the generated rows one by one: the query takes
// the rule from the domain, so no second copy of it can drift.
func TestReportQueryIsTheDomainRule(t *testing.T) {
	ctx := t.Context()
	st, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "portal.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	g := demo.New(DemoSeed, demo.Sizes{Dealers: 12, Regions: 3, Customers: 600, Sales: 1500, Now: now})
	region := map[string]string{}
	err = st.Load(ctx, func(l *Loader) error {
		for _, d := range g.Dealers() {
			region[d.Code] = d.Region
			if err := l.Dealer(d); err != nil {
				return err
			}
		}
		for s := range g.Sales() {
			if err := l.Sale(s); err != nil {
				return err
			}
		}
		for c := range g.Cabinets() {
			if err := l.Cabinet(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	type key struct {
		by, key string
		q       showroom.Quarter
	}
	want := map[key]*api.ReportRow{}
	add := func(dealer string, q showroom.Quarter, regs, sales int) {
		for _, k := range []key{{"dealer", dealer, q}, {"region", region[dealer], q}} {
			r := want[k]
			if r == nil {
				r = &api.ReportRow{Key: k.key}
				want[k] = r
			}
			r.Registrations += regs
			r.Sales += sales
		}
	}
	sources, kinds := map[showroom.Source]bool{}, map[showroom.SaleKind]bool{}
	for cab := range g.Cabinets() {
		c := cab.Customer
		sources[c.Source] = true
		if showroom.CountsAsRegistration(c) {
			add(c.DealerCode, showroom.QuarterOf(c.CreatedAt), 1, 0)
		}
	}
	for s := range g.Sales() {
		kinds[s.Kind] = true
		if showroom.CountsAsSale(s) {
			add(s.DealerCode, showroom.QuarterOf(s.Date), 0, 1)
		}
	}
	if len(sources) < 4 || len(kinds) < 2 {
		t.Fatalf("the demo lacks cases the rule excludes: sources %v, kinds %v", sources, kinds)
	}

	q := showroom.QuarterOf(now)
	rows := 0
	for range 12 {
		for _, by := range []string{"dealer", "region"} {
			rep, err := st.RegistrationReport(ctx, q, by)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for k := range want {
				if k.by == by && k.q == q {
					n++
				}
			}
			if len(rep.Rows) != n {
				t.Errorf("%v by %s: %d rows, the rule makes %d", q, by, len(rep.Rows), n)
			}
			for _, r := range rep.Rows {
				w := want[key{by, r.Key, q}]
				if w == nil || r.Registrations != w.Registrations || r.Sales != w.Sales {
					t.Errorf("%v by %s, %s: the report counts %d/%d, the rule %+v", q, by, r.Key, r.Registrations, r.Sales, w)
				}
			}
			rows += len(rep.Rows)
		}
		start, _ := q.Bounds()
		q = showroom.QuarterOf(start.Add(-time.Hour))
	}
	if rows == 0 {
		t.Fatal("the report had no rows at all")
	}
}
