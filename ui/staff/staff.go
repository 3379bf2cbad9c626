// Package staff is the staff window: the sales and service desks' view of a
// customer's whole My Renault cabinet. It declares the operations it needs in
// Backend and never touches storage or the network itself; every call runs
// off the UI goroutine and its result is applied with fyne.Do.
package staff

import (
	"context"

	showroom "github.com/myrenault/showroom"
)

// Hit is one row of the customer search.
type Hit struct {
	Ref        string
	CustomerID string
	Name       string
	Email      string
	Phone      string
	VIN        string
	State      showroom.CustomerState
}

// Overview is what the desk shows before a customer is chosen.
type Overview struct {
	DealerCode string
	DealerName string
	Customers  int
	Vehicles   int
	Orders     int
	Outbox     int
}

// Backend is what the staff window consumes; cmd/showroom hands it the
// local store.
type Backend interface {
	Search(ctx context.Context, query string, limit int) ([]Hit, error)
	Cabinet(ctx context.Context, ref string) (showroom.Cabinet, error)
	Overview(ctx context.Context) (Overview, error)
}
