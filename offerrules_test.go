package showroom

import (
	"testing"
	"time"
)

func TestOfferApplies(t *testing.T) {
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	offer := Offer{ID: "KS200", Models: []string{"Fluence", "Logan"}, MinAgeMonths: 12, MaxAgeMonths: 60,
		MaxMileage: 100000, Regions: []string{"Свердловская область"}, Dealers: []string{"007001"},
		ValidFrom: at.AddDate(0, -1, 0), ValidTo: at.AddDate(0, 1, 0)}
	car := Vehicle{Model: "Fluence", Verified: true, BuildDate: time.Date(2024, 11, 26, 0, 0, 0, 0, time.UTC), Mileage: 30000}
	ekb := Dealer{Code: "006122", Region: "Свердловская область"}
	tests := []struct {
		name   string
		change func(o *Offer, v *Vehicle, d *Dealer, at *time.Time)
		reason Reason
	}{
		{"applies", func(*Offer, *Vehicle, *Dealer, *time.Time) {}, ""},
		{"not verified", func(_ *Offer, v *Vehicle, _ *Dealer, _ *time.Time) { v.Verified = false }, ReasonOfferNotVerified},
		{"expired", func(_ *Offer, _ *Vehicle, _ *Dealer, t *time.Time) { *t = t.AddDate(0, 2, 0) }, ReasonOfferNotValid},
		{"not yet", func(_ *Offer, _ *Vehicle, _ *Dealer, t *time.Time) { *t = t.AddDate(0, -2, 0) }, ReasonOfferNotValid},
		{"other model", func(_ *Offer, v *Vehicle, _ *Dealer, _ *time.Time) { v.Model = "Duster" }, ReasonOfferModel},
		{"all models", func(o *Offer, v *Vehicle, _ *Dealer, _ *time.Time) { o.Models, v.Model = nil, "Duster" }, ""},
		// Built 26.11.2024, the car is 23 whole months old on 25.11.2026.
		{"too young", func(o *Offer, _ *Vehicle, _ *Dealer, _ *time.Time) { o.MinAgeMonths = 24 }, ReasonOfferAge},
		{"exactly old enough", func(o *Offer, _ *Vehicle, _ *Dealer, _ *time.Time) { o.MinAgeMonths = 23 }, ""},
		{"too old", func(o *Offer, _ *Vehicle, _ *Dealer, _ *time.Time) { o.MaxAgeMonths = 22 }, ReasonOfferAge},
		{"no build date", func(_ *Offer, v *Vehicle, _ *Dealer, _ *time.Time) { v.BuildDate = time.Time{} }, ReasonOfferAge},
		{"mileage", func(_ *Offer, v *Vehicle, _ *Dealer, _ *time.Time) { v.Mileage = 100001 }, ReasonOfferMileage},
		{"dealer by code", func(_ *Offer, _ *Vehicle, d *Dealer, _ *time.Time) {
			*d = Dealer{Code: "007001", Region: "Москва"}
		}, ""},
		{"other region", func(_ *Offer, _ *Vehicle, d *Dealer, _ *time.Time) { d.Region = "Москва" }, ReasonOfferDealer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, v, d, when := offer, car, ekb, at
			tt.change(&o, &v, &d, &when)
			err := OfferApplies(o, v, d, when)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Code != EOfferNotApplicable || e.Reason != tt.reason {
				t.Fatalf("got %v, want reason %s", err, tt.reason)
			}
			if e.Text(Russian) == "" || e.Text(English) == "" {
				t.Fatal("no text")
			}
		})
	}
}
