package showroom

import (
	"slices"
	"time"
)

// EOfferNotApplicable is the code of an offer that does not apply to a car.
const EOfferNotApplicable Code = "offer_not_applicable"

// Reasons an offer does not apply; the comment names the arguments.
const (
	ReasonOfferNotVerified Reason = "offer_not_verified" //
	ReasonOfferNotValid    Reason = "offer_not_valid"    // valid from, valid to (dates)
	ReasonOfferModel       Reason = "offer_model"        // model
	ReasonOfferAge         Reason = "offer_age"          //
	ReasonOfferMileage     Reason = "offer_mileage"      //
	ReasonOfferDealer      Reason = "offer_dealer"       //
)

func init() {
	allCodes = append(allCodes, EOfferNotApplicable)
	allReasons = append(allReasons, ReasonOfferNotVerified, ReasonOfferNotValid, ReasonOfferModel,
		ReasonOfferAge, ReasonOfferMileage, ReasonOfferDealer)
	for r, t := range map[Reason]text{
		Reason(EOfferNotApplicable): {"The offer does not apply to this car.", "Предложение не распространяется на этот автомобиль."},
		ReasonOfferNotVerified:      {"Offers appear only for cars whose VIN and engine number are entered and verified.", "Предложения доступны только для автомобилей с указанными и подтверждёнными VIN и номером двигателя."},
		ReasonOfferNotValid:         {"The offer is valid from %s to %s.", "Предложение действует с %s по %s."},
		ReasonOfferModel:            {"The offer is not for the %s.", "Предложение не распространяется на модель %s."},
		ReasonOfferAge:              {"The offer is for cars of another age.", "Предложение рассчитано на автомобили другого возраста."},
		ReasonOfferMileage:          {"The offer is for cars with another mileage.", "Предложение рассчитано на автомобили с другим пробегом."},
		ReasonOfferDealer:           {"The offer is not valid at this dealer.", "Предложение не действует у этого дилера."},
	} {
		texts[r] = t
	}
}

// OfferApplies checks that offer o applies to car v at dealer d at time at:
// the car is verified (VIN and engine number confirmed by the factory
// registry), the offer is valid then, and the car's model, age (from its
// build date, in whole months) and mileage and the dealer (by code or
// region) are within the offer's limits. It returns nil or an
// EOfferNotApplicable error whose reason says what does not fit.
func OfferApplies(o Offer, v Vehicle, d Dealer, at time.Time) error {
	no := func(r Reason, args ...any) error { return Errorf(EOfferNotApplicable, "offer_id", r, args...) }
	switch {
	case !v.Verified:
		return no(ReasonOfferNotVerified)
	case !o.ValidFrom.IsZero() && at.Before(o.ValidFrom), !o.ValidTo.IsZero() && at.After(o.ValidTo):
		return no(ReasonOfferNotValid, o.ValidFrom.In(Moscow()).Format("02.01.2006"), o.ValidTo.In(Moscow()).Format("02.01.2006"))
	case len(o.Models) > 0 && !slices.Contains(o.Models, v.Model):
		return no(ReasonOfferModel, v.Model)
	}
	if o.MinAgeMonths > 0 || o.MaxAgeMonths > 0 {
		if v.BuildDate.IsZero() {
			return no(ReasonOfferAge)
		}
		age := monthsBetween(v.BuildDate, at)
		if age < o.MinAgeMonths || o.MaxAgeMonths > 0 && age > o.MaxAgeMonths {
			return no(ReasonOfferAge)
		}
	}
	if v.Mileage < o.MinMileage || o.MaxMileage > 0 && v.Mileage > o.MaxMileage {
		return no(ReasonOfferMileage)
	}
	if len(o.Dealers) > 0 || len(o.Regions) > 0 {
		if !slices.Contains(o.Dealers, d.Code) && !slices.Contains(o.Regions, d.Region) {
			return no(ReasonOfferDealer)
		}
	}
	return nil
}

// monthsBetween counts the whole months from a to b (0 when b is before a).
func monthsBetween(a, b time.Time) int {
	if b.Before(a) {
		return 0
	}
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return max(m, 0)
}
