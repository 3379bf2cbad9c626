package demo

import (
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

func TestUniqueValues(t *testing.T) {
	d := defaultSet()
	emails, phones, ids, refs := newUnique(t, "e-mail"), newUnique(t, "mobile phone"), newUnique(t, "customer ID"), newUnique(t, "customer ref")
	vins, orders, vehicles, messages := newUnique(t, "garage VIN"), newUnique(t, "order number"), newUnique(t, "vehicle ID"), newUnique(t, "message ID")
	for _, c := range d.cabinets {
		cu := c.Customer
		emails.add(strings.ToLower(cu.Personal.Email))
		phones.add(cu.Contacts.MobilePhone)
		ids.add(cu.ID)
		refs.add(cu.Ref)
		for _, v := range c.Garage {
			vins.add(v.VIN)
			vehicles.add(v.ID)
		}
		for _, o := range c.Orders {
			orders.add(o.Number)
		}
		for _, m := range c.Messages {
			messages.add(m.ID)
		}
	}
	registry := newUnique(t, "registry VIN")
	for _, r := range d.registry {
		registry.add(r.VIN)
	}
	codes := newUnique(t, "dealer code")
	for _, x := range d.dealers {
		codes.add(x.Code)
	}
	staff := newUnique(t, "staff ID")
	for _, u := range d.staff {
		staff.add(u.ID)
	}
	sold := newUnique(t, "sold VIN")
	for _, s := range d.sales {
		sold.add(s.VIN)
	}
}

// otherSets are data sets unlike the default: customers spread over all
// dealers, and the programme's own time, the spring of 2012.
func otherSets() []*dataSet {
	return []*dataSet{
		collect(New(4, Sizes{Dealers: 150, Customers: 1500, Sales: 800, Registry: 200})),
		collect(New(5, Sizes{Dealers: 150, Customers: 1500, Sales: 800, Registry: 200, Dealer: AutomirEkaterinburg,
			Now: time.Date(2012, time.March, 31, 12, 0, 0, 0, time.UTC)})),
	}
}

func TestValuesPassTheDomainValidators(t *testing.T) {
	for _, d := range append(otherSets(), defaultSet()) {
		t.Run(d.g.Now().Format(time.DateOnly)+"/"+d.g.s.Dealer, func(t *testing.T) { checkValidators(t, d) })
	}
}

func checkValidators(t *testing.T, d *dataSet) {
	same := func(what, got, norm string, err error) {
		t.Helper()
		if err != nil || norm != got {
			t.Errorf("%s %q: normalised %q, %v", what, got, norm, err)
		}
	}
	for _, x := range d.dealers {
		if n, err := showroom.NormalizePhone(x.Phone); true {
			same("dealer phone", x.Phone, n, err)
		}
		if n, err := showroom.NormalizeEmail(x.Email); true {
			same("dealer e-mail", x.Email, n, err)
		}
		if !isDigits(x.Code, 6) {
			t.Errorf("dealer code %q", x.Code)
		}
	}
	for _, c := range d.cabinets {
		p, k := c.Customer.Personal, c.Customer.Contacts
		n, err := showroom.NormalizeEmail(p.Email)
		same("e-mail", p.Email, n, err)
		n, err = showroom.NormalizeName("first_name", p.FirstName)
		same("first name", p.FirstName, n, err)
		n, err = showroom.NormalizeName("last_name", p.LastName)
		same("last name", p.LastName, n, err)
		if k.MobilePhone != "" {
			n, err = showroom.NormalizeMobile(k.MobilePhone)
			same("mobile", k.MobilePhone, n, err)
			if !strings.HasPrefix(k.MobilePhone, "+79") || len(k.MobilePhone) != 12 {
				t.Errorf("mobile %q is not +79 and nine digits", k.MobilePhone)
			}
		}
		for _, ph := range []string{k.HomePhone, k.WorkPhone} {
			if ph != "" {
				n, err = showroom.NormalizePhone(ph)
				same("phone", ph, n, err)
			}
		}
		var garage []showroom.Vehicle
		for _, v := range c.Garage {
			if err := showroom.CheckGarageAdd(garage, v); err != nil {
				t.Errorf("customer %s: adding %s %s: %v", c.Customer.Ref, v.VIN, v.OrderNumber, err)
			}
			garage = append(garage, v)
			if v.VIN != "" {
				checkVIN(t, v.VIN, v.Model)
			}
			if v.EngineNumber != "" {
				n, err = showroom.NormalizeEngineNumber(v.EngineNumber)
				same("engine number", v.EngineNumber, n, err)
			}
		}
		for _, o := range c.Orders {
			on, err := showroom.ParseOrderNumber(o.Number)
			if err != nil || on.String() != o.Number {
				t.Errorf("order number %q: %v", o.Number, err)
			}
			if on.Dealer != c.Customer.DealerCode {
				t.Errorf("order %s of a customer of dealer %s", o.Number, c.Customer.DealerCode)
			}
		}
	}
	for _, r := range d.registry {
		checkVIN(t, r.VIN, r.Model)
		n, err := showroom.NormalizeEngineNumber(r.EngineNumber)
		same("registry engine number", r.EngineNumber, n, err)
	}
	for _, u := range d.staff {
		first, last, _ := strings.Cut(u.Name, " ")
		for _, s := range []string{first, last} {
			n, err := showroom.NormalizeName("name", s)
			same("staff name", s, n, err)
		}
	}
}

// checkVIN decodes a VIN: it must be valid, of the Renault group, and where
// the domain's table knows its model code, of the car's model (the table
// says "Sandero" for a Sandero Stepway).
func checkVIN(t *testing.T, vin, model string) {
	t.Helper()
	dec, err := showroom.DecodeVIN(vin)
	if err != nil || dec.VIN != vin {
		t.Errorf("VIN %q: %v", vin, err)
		return
	}
	if dec.WMI != "X7L" && dec.WMI != "VF1" && dec.WMI != "UU1" {
		t.Errorf("VIN %s: WMI %s is not the Renault group's", vin, dec.WMI)
	}
	if dec.Model != "" && !strings.HasPrefix(model, dec.Model) {
		t.Errorf("VIN %s decodes as %q, the car is a %s", vin, dec.Model, model)
	}
}

func TestRegistryKnowsEveryGarageCar(t *testing.T) {
	for _, d := range append(otherSets(), defaultSet()) {
		checkRegistry(t, d)
	}
}

func checkRegistry(t *testing.T, d *dataSet) {
	reg := map[string]showroom.FactoryRecord{}
	for _, r := range d.registry {
		reg[r.VIN] = r
	}
	for _, c := range d.cabinets {
		for _, v := range c.Garage {
			if v.VIN == "" {
				continue
			}
			r, ok := reg[v.VIN]
			switch {
			case !ok:
				t.Errorf("garage VIN %s not in the registry", v.VIN)
			case r.Model != v.Model || r.Version != v.Version || r.Body != v.Body || !r.BuildDate.Equal(v.BuildDate):
				t.Errorf("garage card %+v and registry %+v differ", v, r)
			case v.EngineNumber != "" && v.EngineNumber != r.EngineNumber:
				t.Errorf("VIN %s: engine %s in the garage, %s in the registry", v.VIN, v.EngineNumber, r.EngineNumber)
			case v.Verified && v.EngineNumber == "":
				t.Errorf("VIN %s verified without an engine number", v.VIN)
			}
		}
	}
	for _, s := range d.sales {
		if _, ok := reg[s.VIN]; !ok {
			t.Errorf("sold VIN %s not in the registry", s.VIN)
		}
	}
}

func TestGarages(t *testing.T) {
	for _, d := range append(otherSets(), defaultSet()) {
		checkGarages(t, d)
	}
}

func checkGarages(t *testing.T, d *dataSet) {
	verified, withVIN, sizes := 0, 0, map[int]int{}
	for _, c := range d.cabinets {
		sizes[len(c.Garage)]++
		if len(c.Garage) > showroom.MaxGarage {
			t.Errorf("customer %s has %d cars", c.Customer.Ref, len(c.Garage))
		}
		for _, v := range c.Garage {
			if v.CustomerRef != c.Customer.Ref {
				t.Errorf("vehicle %s of another customer", v.ID)
			}
			if v.VIN == "" {
				continue
			}
			withVIN++
			if v.Verified {
				verified++
			}
			if v.Plate != "" && !plateOK(v.Plate) {
				t.Errorf("plate %q", v.Plate)
			}
			years := d.g.Now().Sub(v.BuildDate).Hours() / 24 / 365.25
			if v.Mileage > int((years+0.1)*24000)+50 {
				t.Errorf("%s built %s has run %d km", v.VIN, v.BuildDate.Format(time.DateOnly), v.Mileage)
			}
			if v.BuildDate.After(d.g.Now()) || v.BuildDate.Year() < 2005 || v.OrderNumber == "" && v.BuildDate.After(v.AddedAt) {
				t.Errorf("%s built %v", v.VIN, v.BuildDate)
			}
		}
	}
	if share := float64(verified) / float64(withVIN); share < 0.8 || share == 1 {
		t.Errorf("%.0f %% of cars verified, want most but not all", share*100)
	}
	for n := range 4 {
		if sizes[n] == 0 {
			t.Errorf("no customer with %d cars: %v", n, sizes)
		}
	}
}

// plateOK checks a Russian plate: letter, three digits, two letters, a
// space and a region code of 2 or 3 digits, in the Cyrillic letters that
// look Latin.
func plateOK(p string) bool {
	r := []rune(p)
	if len(r) < 9 || len(r) > 10 || r[6] != ' ' {
		return false
	}
	letter := func(c rune) bool { return strings.ContainsRune("АВЕКМНОРСТУХ", c) }
	digit := func(c rune) bool { return c >= '0' && c <= '9' }
	ok := letter(r[0]) && digit(r[1]) && digit(r[2]) && digit(r[3]) && letter(r[4]) && letter(r[5])
	for _, c := range r[7:] {
		ok = ok && digit(c)
	}
	return ok
}
