package showroom

// Cabinet is everything the My Renault cabinet holds for one customer: the
// profile, the virtual garage, orders, saved dealers, messages and consents.
// It is the unit in which demo data is generated and bulk-loaded.
type Cabinet struct {
	Customer     Customer      `json:"customer"`
	Garage       []Vehicle     `json:"garage,omitempty"`
	Orders       []Order       `json:"orders,omitempty"`
	SavedDealers []SavedDealer `json:"saved_dealers,omitempty"`
	Messages     []Message     `json:"messages,omitempty"`
	Consents     []Consent     `json:"consents,omitempty"`
}
