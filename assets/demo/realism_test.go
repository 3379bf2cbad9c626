package demo

import (
	"strings"
	"testing"

	"github.com/myrenault/showroom"
)

func TestProfilesVary(t *testing.T) {
	d := defaultSet()
	now := d.g.Now()
	lo, hi, latin, female := 100, 0, 0, 0
	buckets := map[int]int{}
	states := map[showroom.CustomerState]int{}
	sources := map[showroom.Source]int{}
	marketing := 0
	for _, c := range d.cabinets {
		cu := c.Customer
		n := showroom.Completeness(cu)
		lo, hi = min(lo, n), max(hi, n)
		buckets[n/20]++
		states[cu.State]++
		sources[cu.Source]++
		if cu.Personal.MarketingConsent {
			marketing++
		}
		if cu.Personal.FirstName[0] < 0x80 {
			latin++
		}
		if cu.Personal.Gender == showroom.GenderFemale {
			female++
			if strings.HasSuffix(cu.Personal.LastName, "ов") || strings.HasSuffix(cu.Personal.LastName, "ев") ||
				strings.HasSuffix(cu.Personal.LastName, "ин") || strings.HasSuffix(cu.Personal.LastName, "ский") {
				t.Errorf("a woman named %s %s", cu.Personal.FirstName, cu.Personal.LastName)
			}
		}
		if (cu.ID == "") != (cu.State == showroom.StatePending) {
			t.Errorf("customer %s in state %s has ID %q", cu.Ref, cu.State, cu.ID)
		}
		if cu.ID != "" && (len(cu.ID) < 8 || len(cu.ID) > 9 || !isDigits(cu.ID, len(cu.ID))) {
			t.Errorf("customer ID %q", cu.ID)
		}
		if cu.CreatedAt.Before(now.AddDate(-3, 0, -1)) || cu.CreatedAt.After(now) || cu.UpdatedAt.Before(cu.CreatedAt) || cu.UpdatedAt.After(now) {
			t.Errorf("customer %s created %v, updated %v", cu.Ref, cu.CreatedAt, cu.UpdatedAt)
		}
		if b := cu.Personal.BirthDate; !b.IsZero() && (now.Sub(b) < 18*365*day || now.Sub(b) > 80*366*day) {
			t.Errorf("born %v", b)
		}
		if len(cu.Ref) != 36 || cu.Ref[14] != '4' {
			t.Errorf("ref %q is not UUID-shaped", cu.Ref)
		}
	}
	if lo > 35 || hi != 100 || len(buckets) < 4 {
		t.Errorf("completeness from %d to %d %%, by fifths %v: want from about 30 to 100", lo, hi, buckets)
	}
	n := len(d.cabinets)
	if states[showroom.StateActive] < n*8/10 || states[showroom.StatePending] == 0 || states[showroom.StateWithdrawn] == 0 {
		t.Errorf("states %v", states)
	}
	if len(sources) != 4 {
		t.Errorf("sources %v", sources)
	}
	if marketing < n*35/100 || marketing > n*60/100 {
		t.Errorf("%d of %d gave marketing consent, want about half", marketing, n)
	}
	if latin == 0 || latin > n/10 || female < n/4 {
		t.Errorf("%d Latin names, %d women of %d", latin, female, n)
	}
}

// TestRegistrationRate checks the KPI the demo shows: registrations of new
// customers of 006122 per quarter against its retail sales, near the
// programme's 20 % goal, and corporate sales about 10-15 % of all.
func TestRegistrationRate(t *testing.T) {
	d := defaultSet()
	start := d.g.salesWindow()
	regs, retail := map[string]int{}, map[string]int{}
	corporate := 0
	for _, c := range d.cabinets {
		if !c.Customer.CreatedAt.Before(start) {
			regs[quarterOf(c.Customer.CreatedAt)]++
		}
	}
	staffed := 0
	for _, s := range d.sales {
		if s.Date.Before(start) || s.Date.After(d.g.Now()) {
			t.Errorf("sale on %v, outside the eight quarters", s.Date)
		}
		if s.Kind == showroom.SaleCorporate {
			corporate++
		} else if s.DealerCode == AutomirEkaterinburg {
			retail[quarterOf(s.Date)]++
		}
		if s.StaffID != "" {
			staffed++
		}
	}
	if len(retail) != 8 {
		t.Errorf("sales in %d quarters, want 8: %v", len(retail), retail)
	}
	tr, tregs := 0, 0
	for q, n := range retail {
		tr += n
		tregs += regs[q]
		if r := float64(regs[q]) / float64(n); r < 0.08 || r > 0.4 {
			t.Errorf("quarter %s: %d registrations for %d retail sales", q, regs[q], n)
		}
	}
	t.Logf("006122: %d registrations for %d retail sales (%.1f %%); by quarter %v / %v", tregs, tr, 100*float64(tregs)/float64(tr), regs, retail)
	if share := float64(corporate) / float64(len(d.sales)); share < 0.1 || share > 0.15 {
		t.Errorf("corporate sales %.1f %%", share*100)
	}
	if staffed == 0 {
		t.Error("no sale names its sales manager")
	}
}

func TestStaff(t *testing.T) {
	roles := map[showroom.Role]int{}
	for _, u := range defaultSet().staff {
		roles[u.Role]++
		if u.PINHash != "" || u.DealerCode != AutomirEkaterinburg || !strings.HasPrefix(u.ID, AutomirEkaterinburg+"-") {
			t.Errorf("staff %+v", u)
		}
	}
	if roles[showroom.RoleSales] < 3 || roles[showroom.RoleService] < 2 || roles[showroom.RoleAdmin] != 1 {
		t.Errorf("roles %v", roles)
	}
}

func TestDealersLookReal(t *testing.T) {
	d := defaultSet()
	names := newUnique(t, "dealer name")
	for k, x := range d.dealers {
		names.add(x.Name)
		c := d.g.t.cities[d.g.dealerCity[k]]
		if x.City != c.name || x.Region != c.region || abs(x.Lat-c.lat) > 0.1 || abs(x.Lon-c.lon) > 0.15 {
			t.Errorf("dealer %+v is not in %s", x, c.name)
		}
		if !strings.HasPrefix(x.Phone, "+7"+c.phoneCode) || x.Address == "" {
			t.Errorf("dealer %+v", x)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }

func TestDataTables(t *testing.T) {
	tb := loadTables()
	for _, v := range tb.versions {
		for _, s := range []string{v.wmi, v.vds, string(v.pos6), v.engineVIN} {
			for _, r := range s {
				if !strings.ContainsRune(vinAlphabet, r) {
					t.Errorf("version %+v: %q is not a VIN character", v, r)
				}
			}
		}
		if len(v.wmi) != 3 || len(v.vds) != 2 || len(v.engineVIN) != 2 || len(v.engine) != 3 || len(v.index) != 4 ||
			len(v.trims) == 0 || len(v.gearboxes) == 0 || len(v.bodies) == 0 || v.weight <= 0 || v.to != 0 && v.to < v.from {
			t.Errorf("version %+v", v)
		}
	}
	g := New(1, Sizes{})
	for y := range 22 {
		if g.yearCum[min(y, len(g.yearCum)-1)][len(tb.versions)-1] == 0 {
			t.Errorf("no version built in %d", g.firstYear+y)
		}
	}
	for _, c := range tb.cities {
		if len(c.plates) == 0 || c.weight <= 0 || len(c.phoneCode) < 3 || len(c.phoneCode) > 5 {
			t.Errorf("city %+v", c)
		}
	}
	for _, key := range append(newsKeys[:], "welcome", "recall", "order_received", "order_arrived") {
		if m, ok := tb.messages[key]; !ok || m.get("subject") == "" || m.body == "" {
			t.Errorf("message template %q missing", key)
		}
	}
	if len(tb.male) < 40 || len(tb.female) < 40 || len(tb.surnames) < 150 {
		t.Errorf("%d male, %d female names, %d surnames", len(tb.male), len(tb.female), len(tb.surnames))
	}
}
