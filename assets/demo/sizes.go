package demo

import (
	"fmt"
	"time"
)

// AutomirEkaterinburg is the code of dealer «Автомир-Екатеринбург»,
// Екатеринбург, always in the generated directory and the default dealer of
// interest.
const AutomirEkaterinburg = "006122"

// ConsentTextVersion and ConsentTextSHA256 identify the personal-data
// consent text every generated customer accepted; the hash is the SHA-256 of
// the text in data/consent_pd-2026-01.txt.
const (
	ConsentTextVersion = "pd-2026-01"
	ConsentTextSHA256  = "3e4232e2249e836966744261b4d5d976c8ca255238bfa398eba21ee5fad98cb4"
)

// referenceDate is the generator's "now" unless Sizes.Now says otherwise:
// every date (registrations, orders, offers' validity, sales quarters) is
// placed relative to it, so the output does not depend on the clock.
var referenceDate = time.Date(2026, time.November, 25, 9, 0, 0, 0, time.UTC)

// maxCars is how many distinct VINs the generator can make: position 11 and
// the 6-digit serial (positions 12-17) carry a bijection of the car's number.
const maxCars = 33 * 1_000_000

// carsPerCustomer is the number of car numbers reserved per customer: three
// cars in use and one ordered car.
const carsPerCustomer = 4

// Sizes says how much to generate and around which dealer.
type Sizes struct {
	// Dealers is the size of the dealer directory, at least 1:
	// «Автомир-Екатеринбург» (006122) is always there, and so is Dealer.
	Dealers int
	// Regions caps the number of regions the dealers are spread over; 0 or
	// more than the embedded table holds means all of them (48).
	Regions int
	// Customers is the number of cabinets.
	Customers int
	// Registry is the number of factory records beyond the customers' cars
	// and the sold cars: unsold stock.
	Registry int
	// Sales is the number of sales of cars whose buyers are not in My
	// Renault; the customers' own new cars bought in the last 8 quarters
	// are sales too, on top of these.
	Sales int
	// Dealer is the dealer of interest: "" spreads the customers over all
	// dealers; a 6-digit code puts every customer at that dealer (a code
	// not in the directory is added to it). Staff are generated for the
	// dealer of interest, 006122 when Dealer is "".
	Dealer string
	// Now is the reference date, 2009 or later; the zero value means
	// 25 November 2026, 09:00 UTC. The app's demo mode may pass today's date so that recent
	// arrivals look recent; output is deterministic for a fixed Now.
	Now time.Time
}

// DefaultSizes is the app's demo: 160 dealers in all 48 regions, 2,000
// customers of dealer 006122, 3,000 cars of stock and enough sales for a
// registration rate around the programme's 20 % goal.
func DefaultSizes() Sizes {
	return Sizes{
		Dealers:   160,
		Customers: 2000,
		Registry:  3000,
		Sales:     12000,
		Dealer:    AutomirEkaterinburg,
		Now:       referenceDate,
	}
}

func (s Sizes) check() error {
	switch {
	case s.Dealers < 0, s.Regions < 0, s.Customers < 0, s.Registry < 0, s.Sales < 0:
		return fmt.Errorf("demo: negative size in %+v", s)
	case !s.Now.IsZero() && s.Now.Year() < 2009:
		return fmt.Errorf("demo: reference date %v is before 2009: the range starts in 2005", s.Now)
	case s.Dealer != "" && !isDigits(s.Dealer, 6):
		return fmt.Errorf("demo: dealer code %q is not 6 digits", s.Dealer)
	case uint64(s.Customers)*carsPerCustomer+uint64(s.Registry)+uint64(s.Sales) > maxCars:
		return fmt.Errorf("demo: %d customers, %d stock and %d sales need more than %d VINs",
			s.Customers, s.Registry, s.Sales, maxCars)
	}
	return nil
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
