package showroom

import "time"

// Vehicle is a car in a customer's «Мой виртуальный гараж»: either a car in
// use, known by VIN and engine number, or an ordered car known by its order
// number until the factory assigns a VIN.
type Vehicle struct {
	ID           string    `json:"id"`
	CustomerRef  string    `json:"customer_ref"`
	VIN          string    `json:"vin,omitempty"`
	EngineNumber string    `json:"engine_number,omitempty"`
	OrderNumber  string    `json:"order_number,omitempty"`
	Nickname     string    `json:"nickname,omitempty"`
	Model        string    `json:"model,omitempty"`
	Version      string    `json:"version,omitempty"`
	Body         string    `json:"body,omitempty"`
	Plate        string    `json:"plate,omitempty"`
	Mileage      int       `json:"mileage,omitempty"`
	Equipment    []string  `json:"equipment,omitempty"`
	BuildDate    time.Time `json:"build_date,omitzero"`
	// Verified is true once the portal's factory registry confirmed that
	// VIN and engine number belong together; only then does the customer
	// get offers for the car.
	Verified bool      `json:"verified"`
	AddedAt  time.Time `json:"added_at"`
}

// Ordered reports whether the vehicle is a factory order not yet built.
func (v Vehicle) Ordered() bool { return v.VIN == "" && v.OrderNumber != "" }

// FactoryRecord is the portal's registry entry for a VIN: what the factory
// built and with which engine.
type FactoryRecord struct {
	VIN          string    `json:"vin"`
	Model        string    `json:"model"`
	Version      string    `json:"version"`
	Body         string    `json:"body"`
	EngineNumber string    `json:"engine_number"`
	BuildDate    time.Time `json:"build_date"`
	Equipment    []string  `json:"equipment,omitempty"`
}
