package showroom

import "time"

// SaleKind separates the sales the registration goal counts (retail) from
// those it excludes (corporate and key-account).
type SaleKind string

// Sale kinds.
const (
	SaleRetail    SaleKind = "retail"
	SaleCorporate SaleKind = "corporate"
)

// Sale is a car sold by a dealer.
type Sale struct {
	VIN        string    `json:"vin"`
	DealerCode string    `json:"dealer_code"`
	Date       time.Time `json:"date"`
	Kind       SaleKind  `json:"kind"`
	// StaffID is the sales manager who handed the car over, when known.
	StaffID string `json:"staff_id,omitempty"`
}
