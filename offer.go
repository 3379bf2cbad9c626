package showroom

import "time"

// Offer is a personal offer of «Мои предложения», e.g. "Только для Вас:
// 200 ₽ на комплекс-сервис".
type Offer struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Value      string `json:"value"`
	Conditions string `json:"conditions"`
	// Models limits the offer to these models; empty means all.
	Models []string `json:"models,omitempty"`
	// Vehicle age in months and mileage in km; a zero maximum means no limit.
	MinAgeMonths int       `json:"min_age_months,omitempty"`
	MaxAgeMonths int       `json:"max_age_months,omitempty"`
	MinMileage   int       `json:"min_mileage,omitempty"`
	MaxMileage   int       `json:"max_mileage,omitempty"`
	Dealers      []string  `json:"dealers,omitempty"`
	Regions      []string  `json:"regions,omitempty"`
	ValidFrom    time.Time `json:"valid_from"`
	ValidTo      time.Time `json:"valid_to"`
}

// Coupon is an offer printed for one car.
type Coupon struct {
	Code        string    `json:"code"`
	OfferID     string    `json:"offer_id"`
	VIN         string    `json:"vin"`
	CustomerRef string    `json:"customer_ref"`
	DeviceID    string    `json:"device_id,omitempty"`
	IssuedAt    time.Time `json:"issued_at"`
	RedeemedAt  time.Time `json:"redeemed_at,omitzero"`
	// RedeemedBy is the code of the dealer that redeemed the coupon.
	RedeemedBy string `json:"redeemed_by,omitempty"`
}
