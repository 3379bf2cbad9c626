package demo

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
)

func TestOrders(t *testing.T) {
	d := defaultSet()
	now := d.g.Now()
	statuses := map[showroom.OrderStatus]int{}
	fresh, announced := 0, 0
	for _, c := range d.cabinets {
		if len(c.Orders) > 1 {
			t.Errorf("customer %s has %d orders", c.Customer.Ref, len(c.Orders))
		}
		for _, o := range c.Orders {
			statuses[o.Status]++
			if len(o.History) != int(o.Status) {
				t.Errorf("order %s in status %d has %d events", o.Number, o.Status, len(o.History))
			}
			for k, e := range o.History {
				if e.Status != showroom.OrderStatus(k+1) || e.At.After(now) || k > 0 && !e.At.After(o.History[k-1].At) {
					t.Errorf("order %s: events out of order: %+v", o.Number, o.History)
				}
			}
			if (o.VIN != "") != (o.Status >= showroom.OrderOnTheWay) && o.Status != showroom.OrderInProduction {
				t.Errorf("order %s in status %d, VIN %q", o.Number, o.Status, o.VIN)
			}
			if !o.AnnouncedAt.IsZero() {
				announced++
				if o.Status != showroom.OrderAtDealer || o.AnnouncedAt.Before(o.History[3].At) || o.AnnouncedAt.After(now) {
					t.Errorf("order %s announced at %v", o.Number, o.AnnouncedAt)
				}
			}
			if o.Status == showroom.OrderAtDealer && o.AnnouncedAt.IsZero() && now.Sub(o.History[3].At) < showroom.ArrivalDelay {
				fresh++
			}
			i := slices.IndexFunc(c.Garage, func(v showroom.Vehicle) bool { return v.OrderNumber == o.Number })
			if i < 0 || c.Garage[i].VIN != o.VIN {
				t.Errorf("order %s is not in the garage with its VIN", o.Number)
			}
		}
	}
	for s := showroom.OrderReceived; s <= showroom.OrderAtDealer; s++ {
		if statuses[s] < 5 {
			t.Errorf("%d orders in status %d, want several of each: %v", statuses[s], s, statuses)
		}
	}
	if fresh < 3 || announced < 3 {
		t.Errorf("%d arrivals to announce and %d announced, want some of each", fresh, announced)
	}
}

func TestShowcase(t *testing.T) {
	// However few customers, the showcase is there.
	d := collect(New(99, Sizes{Dealers: 5, Customers: 6}))
	c0 := d.cabinets[0]
	if c0.Customer.Personal.LastName != "Игнатьева" || c0.Customer.Personal.FirstName != "Полина" ||
		len(c0.Garage) == 0 || c0.Garage[0].VIN != "VF1LZBR0542606589" || c0.Garage[0].Model != "Fluence" {
		t.Errorf("customer 0: %+v, garage %+v", c0.Customer.Personal, c0.Garage)
	}
	if d.cabinets[1].Customer.Personal.LastName != "Игнатьев" {
		t.Errorf("customer 1 is %+v", d.cabinets[1].Customer.Personal)
	}
	var recall showroom.Recall
	for _, r := range d.recalls {
		if r.Campaign == "0BCF" {
			recall = r
		}
	}
	if !slices.Contains(recall.VINs, "VF1LZBR0542606589") {
		t.Errorf("recall 0BCF does not name the showcase Fluence: %v", recall.VINs)
	}
	if !slices.ContainsFunc(c0.Messages, func(m showroom.Message) bool {
		return strings.Contains(m.Subject, "0BCF") && strings.Contains(m.Body, "31 января 2012: Ваш автомобиль VIN VF1LZBR0542606589")
	}) {
		t.Error("customer 0 has no notice of recall 0BCF")
	}
	for i, want := range []showroom.OrderStatus{1, 2, 3, 4, 4} {
		c := d.cabinets[i+1]
		if len(c.Orders) != 1 || c.Orders[0].Status != want {
			t.Errorf("customer %d: orders %+v, want one in status %d", i+1, c.Orders, want)
		}
	}
	if o := d.cabinets[4].Orders[0]; !o.AnnouncedAt.IsZero() || d.g.Now().Sub(o.History[3].At) >= showroom.ArrivalDelay {
		t.Errorf("customer 4's order is not a fresh arrival to announce: %+v", o)
	}
	if o := d.cabinets[5].Orders[0]; o.AnnouncedAt.IsZero() {
		t.Errorf("customer 5's order is not announced: %+v", o)
	}
}

func TestRecalls(t *testing.T) {
	d := defaultSet()
	var r showroom.Recall
	for _, x := range d.recalls {
		if x.Campaign == "0BCF" {
			r = x
		}
		if len(x.VINs) == 0 {
			t.Errorf("recall %s concerns no car", x.Campaign)
		}
	}
	if !r.Date.Equal(time.Date(2012, 1, 31, 0, 0, 0, 0, time.UTC)) || !r.Free ||
		!strings.Contains(r.Title+r.Text, "жгута проводов") || !strings.Contains(r.Remedy, "фиксатор") ||
		!strings.Contains(r.Remedy, "бесплатно") || !strings.Contains(r.Remedy, "дилер") {
		t.Errorf("recall 0BCF is %+v", r)
	}
	reg := map[string]showroom.FactoryRecord{}
	for _, x := range d.registry {
		reg[x.VIN] = x
	}
	for _, v := range r.VINs {
		if reg[v].Model != "Fluence" {
			t.Errorf("recall 0BCF names %s, a %s", v, reg[v].Model)
		}
	}
	if len(d.g.t.messages["recall"].body) == 0 || !strings.Contains(d.g.t.messages["recall"].body, "8-800-200-80-80") {
		t.Error("the recall notice lacks the hotline")
	}
}

func TestOffers(t *testing.T) {
	d := defaultSet()
	now := d.g.Now()
	if n := len(d.offers); n < 10 || n > 20 {
		t.Errorf("%d offers, want 10 to 20", n)
	}
	valid, ids := 0, newUnique(t, "offer ID")
	found := false
	for _, o := range d.offers {
		ids.add(o.ID)
		if o.Title == "Только для Вас: 200 ₽ на комплекс-сервис" && o.Value == "200 ₽" {
			found = true
		}
		if o.Title == "" || o.Value == "" || o.Conditions == "" || !o.ValidTo.After(o.ValidFrom) {
			t.Errorf("offer %+v", o)
		}
		if !now.Before(o.ValidFrom) && !now.After(o.ValidTo) {
			valid++
		}
		for _, code := range o.Dealers {
			if !slices.ContainsFunc(d.dealers, func(x showroom.Dealer) bool { return x.Code == code }) {
				t.Errorf("offer %s names unknown dealer %s", o.ID, code)
			}
		}
	}
	if !found {
		t.Error("no offer «Только для Вас: 200 ₽ на комплекс-сервис»")
	}
	if valid < 8 || valid == len(d.offers) {
		t.Errorf("%d of %d offers valid now, want most but not all", valid, len(d.offers))
	}
}

func TestMessagesAndConsents(t *testing.T) {
	d := defaultSet()
	now := d.g.Now()
	read, unread := 0, 0
	for _, c := range d.cabinets {
		cu := c.Customer
		if len(c.Messages) == 0 || c.Messages[0].Subject != "Добро пожаловать" ||
			!strings.HasPrefix(c.Messages[0].Body, "Добрый день! Мы рады приветствовать Вас в My Renault") {
			t.Fatalf("customer %s: first message %+v", cu.Ref, c.Messages[:1])
		}
		for k, m := range c.Messages {
			if m.At.Before(cu.CreatedAt) || m.At.After(now) || k > 0 && m.At.Before(c.Messages[k-1].At) {
				t.Errorf("customer %s: message %q at %v", cu.Ref, m.Subject, m.At)
			}
			if strings.ContainsAny(m.Subject+m.Body, "{}") {
				t.Errorf("placeholder left in %q", m.Subject+m.Body)
			}
			if m.Read {
				read++
			} else {
				unread++
			}
		}
		if len(c.Consents) == 0 || c.Consents[0].Purpose != showroom.PurposePersonalData ||
			c.Consents[0].TextVersion != ConsentTextVersion || c.Consents[0].TextSHA256 != ConsentTextSHA256 ||
			!c.Consents[0].GivenAt.Equal(cu.CreatedAt) {
			t.Errorf("customer %s: consents %+v", cu.Ref, c.Consents)
		}
		marketing := slices.ContainsFunc(c.Consents, func(x showroom.Consent) bool {
			return x.Purpose == showroom.PurposeMarketing && x.Marketing && x.WithdrawnAt.IsZero()
		})
		if marketing != cu.Personal.MarketingConsent {
			t.Errorf("customer %s: marketing consent %v but records %+v", cu.Ref, cu.Personal.MarketingConsent, c.Consents)
		}
		if (cu.State == showroom.StateWithdrawn) != !c.Consents[0].WithdrawnAt.IsZero() {
			t.Errorf("customer %s in state %s: consent %+v", cu.Ref, cu.State, c.Consents[0])
		}
		if len(c.SavedDealers) == 0 || !c.SavedDealers[0].Primary || c.SavedDealers[0].DealerCode != cu.DealerCode ||
			len(c.SavedDealers) > 1 && (c.SavedDealers[1].Primary || c.SavedDealers[1].DealerCode == cu.DealerCode) {
			t.Errorf("customer %s: saved dealers %+v", cu.Ref, c.SavedDealers)
		}
	}
	if read == 0 || unread == 0 {
		t.Errorf("%d read and %d unread messages, want both", read, unread)
	}
}

func TestConsentTextHash(t *testing.T) {
	if got := sum(sha256Of(loadTables().consentText)); got != ConsentTextSHA256 {
		t.Errorf("the consent text's SHA-256 is %s, ConsentTextSHA256 says %s", got, ConsentTextSHA256)
	}
}
