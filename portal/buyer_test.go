package portal

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

const salesBuyerHead = "vin,dealer,date,kind,staff_id,engine_number,last_name,first_name,email,phone\n"

// importSales imports a sales file and fails the test when it does not
// load.
func importSales(t *testing.T, p *testPortal, csv string) {
	t.Helper()
	if _, err := p.store.Import(context.Background(), "sales", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
}

// feedCabinets gathers the customers of a device's feed by customer ID,
// with their cars and saved dealers.
func feedCabinets(t *testing.T, p *testPortal, token string) map[string]*showroom.Cabinet {
	t.Helper()
	byRef := map[string]*showroom.Cabinet{}
	cab := func(ref string) *showroom.Cabinet {
		if byRef[ref] == nil {
			byRef[ref] = &showroom.Cabinet{}
		}
		return byRef[ref]
	}
	for _, ch := range p.pullAll(t, token) {
		switch ch.Type {
		case api.ChangeCustomer:
			var c showroom.Customer
			if err := json.Unmarshal(ch.Data, &c); err != nil {
				t.Fatal(err)
			}
			cab(c.Ref).Customer = c
		case api.ChangeVehicle:
			var v showroom.Vehicle
			if err := json.Unmarshal(ch.Data, &v); err != nil {
				t.Fatal(err)
			}
			cab(v.CustomerRef).Garage = append(cab(v.CustomerRef).Garage, v)
		case api.ChangeSavedDealer:
			var d showroom.SavedDealer
			if err := json.Unmarshal(ch.Data, &d); err != nil {
				t.Fatal(err)
			}
			cab(d.CustomerRef).SavedDealers = append(cab(d.CustomerRef).SavedDealers, d)
		}
	}
	out := map[string]*showroom.Cabinet{}
	for _, c := range byRef {
		if c.Customer.ID != "" {
			out[c.Customer.ID] = c
		}
	}
	return out
}

// TestSaleMakesAWelcomePackAccount: a retail sale with its buyer gives the
// buyer a Welcome Pack account that the selling dealer's devices receive,
// with its customer ID and the car, and whose login works.
func TestSaleMakesAWelcomePackAccount(t *testing.T) {
	p := newTestPortal(t)
	kiosk, other := p.enroll(t, dealerA), p.enroll(t, dealerB)
	registered(t, p, kiosk, "polina") // polina@example.ru has an account
	withCar := registration("owner", "owner@example.ru")
	withCar.VIN = vinN(5)
	if r := p.push(t, kiosk, mutation(api.TypeCustomerRegister, withCar))[0]; r.Status != api.StatusApplied {
		t.Fatalf("register with a car: %+v", r)
	}
	err := p.store.Load(context.Background(), func(l *Loader) error {
		return l.Recall(showroom.Recall{Campaign: "0BCF", Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Title: "Жгут", VINs: []string{vinN(1)}})
	})
	if err != nil {
		t.Fatal(err)
	}
	file := salesBuyerHead +
		knownVIN + ",006122,2026-11-20,retail,s1,K4M A690 C123456,Петров,Иван,,8 (912) 345-67-89\n" +
		vinN(1) + ",006122,2026-11-20,retail,,,Сидорова,Анна,Anna@Example.ru,+7 343 123-45-67\n" +
		vinN(2) + ",006122,2026-11-21,corporate,,,Фирмов,Олег,oleg@example.ru,\n" +
		vinN(3) + ",006122,2026-11-21,retail,,,,,,\n" +
		vinN(4) + ",006122,2026-11-22,retail,,,Игнатьева,Полина,POLINA@example.ru,\n" +
		vinN(5) + ",006122,2026-11-22,retail,,,Владельцев,Пётр,,\n"
	importSales(t, p, file)

	cabs := feedCabinets(t, p, kiosk)
	var ivan, anna *showroom.Cabinet
	for _, c := range cabs {
		if c.Customer.Source != showroom.SourceWelcomePack {
			continue
		}
		switch c.Customer.Personal.FirstName {
		case "Иван":
			ivan = c
		case "Анна":
			anna = c
		default:
			t.Errorf("an account for %s", c.Customer.FullName())
		}
	}
	if ivan == nil || anna == nil {
		t.Fatalf("the feed lacks the buyers' accounts: Иван %v, Анна %v", ivan != nil, anna != nil)
	}
	for _, c := range []*showroom.Cabinet{ivan, anna} {
		cu := c.Customer
		if n, err := strconv.Atoi(cu.ID); err != nil || n < firstCustomerID {
			t.Errorf("customer ID %q, want one from the registrations' counter", cu.ID)
		}
		if cu.State != showroom.StateActive || cu.DealerCode != dealerA || cu.Ref == "" {
			t.Errorf("customer %+v", cu)
		}
		if len(c.Garage) != 1 || len(c.SavedDealers) != 1 || c.SavedDealers[0].DealerCode != dealerA || !c.SavedDealers[0].Primary {
			t.Errorf("%s: garage %+v, saved dealers %+v", cu.FullName(), c.Garage, c.SavedDealers)
		}
	}
	if car := ivan.Garage[0]; car.VIN != knownVIN || !car.Verified || car.Model != "Fluence" || car.Version != "Expression" {
		t.Errorf("Иван's car %+v, want the registry's Fluence, verified", car)
	}
	if ivan.Customer.Contacts.MobilePhone != "+79123456789" || ivan.Customer.Personal.Email != "" {
		t.Errorf("Иван: %+v %+v", ivan.Customer.Personal, ivan.Customer.Contacts)
	}
	if car := anna.Garage[0]; car.VIN != vinN(1) || car.Verified {
		t.Errorf("Анна's car %+v, want unverified: the registry does not know it", car)
	}
	var recalled int
	p.store.r.QueryRow(`SELECT count(*) FROM messages WHERE customer_id = ? AND id LIKE 'recall-0BCF-%'`, anna.Customer.ID).Scan(&recalled)
	if recalled != 1 {
		t.Errorf("Анна has %d messages of the recall her car is under, want 1", recalled)
	}
	if c := anna.Customer; c.Personal.Email != "Anna@example.ru" || c.Contacts.HomePhone != "+73431234567" || c.Contacts.MobilePhone != "" {
		t.Errorf("Анна: %+v %+v", c.Personal, c.Contacts)
	}
	for id := range feedCabinets(t, p, other) {
		if id == ivan.Customer.ID || id == anna.Customer.ID {
			t.Errorf("dealer B's device received dealer A's customer %s", id)
		}
	}

	// The Welcome Pack login: customer ID and VIN, as the sheet prints them.
	var who api.WelcomePackCustomer
	st := p.do(t, "POST", "/api/v1/welcome-pack/login", kiosk, api.WelcomePackLogin{CustomerID: ivan.Customer.ID, VIN: strings.ToLower(knownVIN)}, &who)
	if st != http.StatusOK || who.CustomerID != ivan.Customer.ID || who.FirstName != "Иван" || who.LastName != "Петров" {
		t.Fatalf("login: %d %+v", st, who)
	}
	if st := p.do(t, "POST", "/api/v1/welcome-pack/login", kiosk, api.WelcomePackLogin{CustomerID: ivan.Customer.ID, VIN: vinN(1)}, nil); st != http.StatusUnauthorized {
		t.Errorf("login with another buyer's VIN: %d", st)
	}

	// The corporate sale, the sale without a buyer, the e-mail that has an
	// account and the car already in a garage made none; importing the
	// file again makes no second account for anyone.
	count := func() (n int) {
		t.Helper()
		if err := p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 4 {
		t.Errorf("%d customers, want the 2 registered and the 2 buyers", n)
	}
	importSales(t, p, file)
	if n := count(); n != 4 {
		t.Errorf("after importing the file again: %d customers", n)
	}
	var made int
	p.store.r.QueryRow(`SELECT count(*) FROM sales WHERE customer_id IS NOT NULL`).Scan(&made)
	if made != 2 {
		t.Errorf("%d sales record an account, want 2", made)
	}

	// Anna's account holds the e-mail the dealer had, but no consent: she
	// activates it like any Welcome Pack account, and confirms it.
	consent := showroom.RegistrationConsent{TextVersion: "pd-2026-01", TextSHA256: consentSH, GivenAt: time.Now().UTC()}
	r := p.push(t, kiosk, mutation(api.TypeWelcomePackActivate, api.WelcomePackActivate{CustomerID: anna.Customer.ID,
		Email: "anna@example.ru", PreferredChannel: showroom.ChannelEmail, Consent: consent}))[0]
	if r.Status != api.StatusApplied {
		t.Fatalf("activation: %+v", r)
	}
	if c := feedCabinets(t, p, kiosk)[anna.Customer.ID].Customer; c.State != showroom.StatePending || c.Personal.Email != "anna@example.ru" {
		t.Errorf("after activation: %s %s", c.State, c.Personal.Email)
	}
	// Once she has confirmed it, the account is hers: activating it again
	// is refused.
	var link string
	for _, f := range p.waitMail(t, 3) { // the two registrations' and Anna's
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), "To: anna@example.ru") {
			link = regexp.MustCompile(`http://portal\.test(/confirm/[a-z0-9]+)`).FindStringSubmatch(emlText(t, raw))[1]
		}
	}
	if st, _ := page(t, p, "GET", link, nil); st != http.StatusOK {
		t.Fatalf("confirm %q: %d", link, st)
	}
	r = p.push(t, kiosk, mutation(api.TypeWelcomePackActivate, api.WelcomePackActivate{CustomerID: anna.Customer.ID,
		Email: "anna.s@example.ru", PreferredChannel: showroom.ChannelEmail, Consent: consent}))[0]
	if r.Code != showroom.EConflict {
		t.Errorf("activating a confirmed account: %+v", r)
	}
}

// TestSaleBuyerErrors: what is wrong with a buyer stops the file at its
// line and column, and nothing of it is kept — no account either.
func TestSaleBuyerErrors(t *testing.T) {
	good := vinN(1) + ",006122,2026-11-20,retail,,,Сидорова,Анна,anna@example.ru,\n"
	for _, tt := range []struct {
		name, row string
		field     string
	}{
		{"engine number the registry contradicts", knownVIN + ",006122,2026-11-20,retail,,K9K000000000,Петров,Иван,,", "engine_number"},
		{"engine number malformed", vinN(2) + ",006122,2026-11-20,retail,,??,Петров,Иван,,", "engine_number"},
		{"no first name", vinN(2) + ",006122,2026-11-20,retail,,,Петров,,ivan@example.ru,", "first_name"},
		{"no last name", vinN(2) + ",006122,2026-11-20,retail,,,,Иван,,+79123456789", "last_name"},
		{"bad e-mail", vinN(2) + ",006122,2026-11-20,retail,,,Петров,Иван,ivan@gmail,", "email"},
		{"bad phone", vinN(2) + ",006122,2026-11-20,retail,,,Петров,Иван,,12345", "phone"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPortal(t)
			before := importDigests(t, p, "sales")
			_, err := p.store.Import(context.Background(), "sales", strings.NewReader(salesBuyerHead+good+tt.row+"\n"))
			var ie *ImportError
			if !errors.As(err, &ie) || ie.Line != 3 || ie.Field != tt.field {
				t.Fatalf("got %v; want line 3, field %s", err, tt.field)
			}
			after := importDigests(t, p, "sales")
			for _, table := range importTables["sales"] {
				if after[table] != before[table] {
					t.Errorf("the failed file changed %s", table)
				}
			}
		})
	}
	// A corporate sale's buyer columns are not read: it makes no account.
	p := newTestPortal(t)
	importSales(t, p, salesBuyerHead+vinN(2)+",006122,2026-11-20,corporate,,,Петров,,not an e-mail,\n")
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
	if n != 0 {
		t.Errorf("%d customers from a corporate sale", n)
	}
}

// TestSalesHeaderMayStopBeforeTheBuyer: files made before the buyer
// columns, or with only some of them, still import; the columns keep
// their order.
func TestSalesHeaderMayStopBeforeTheBuyer(t *testing.T) {
	p := newTestPortal(t)
	for _, csv := range []string{
		"vin,dealer,date,kind,staff_id\n" + vinN(1) + ",006122,2026-11-20,retail,\n",
		"vin,dealer,date,kind,staff_id,engine_number,last_name,first_name\n" + vinN(2) + ",006122,2026-11-20,retail,,,Петров,Иван\n",
	} {
		importSales(t, p, csv)
	}
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM customers WHERE source = ?`, showroom.SourceWelcomePack).Scan(&n)
	if n != 1 {
		t.Errorf("%d accounts, want Иван's", n)
	}
	_, err := p.store.Import(context.Background(), "sales", strings.NewReader("vin,dealer,date,kind,staff_id,last_name\n"))
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Line != 1 || !strings.Contains(err.Error(), "engine_number,last_name,first_name,email,phone") {
		t.Errorf("columns out of order: %v", err)
	}
}
