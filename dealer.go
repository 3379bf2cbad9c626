package showroom

// Dealer is an entry of the dealer directory (BIR).
type Dealer struct {
	// Code is the dealer's 6-digit code, the first half of every order
	// number it places (006122 for Автомир-Екатеринбург).
	Code    string  `json:"code"`
	Name    string  `json:"name"`
	Region  string  `json:"region"`
	City    string  `json:"city"`
	Address string  `json:"address"`
	Phone   string  `json:"phone"`
	Email   string  `json:"email,omitempty"`
	Lat     float64 `json:"lat,omitempty"`
	Lon     float64 `json:"lon,omitempty"`
}

// SavedDealer is a dealer in a customer's «Сохранённые дилеры».
type SavedDealer struct {
	CustomerRef string `json:"customer_ref"`
	DealerCode  string `json:"dealer_code"`
	Primary     bool   `json:"primary"`
}
