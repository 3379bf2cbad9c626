package showroom

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
)

// RegistrationTarget is the dealer's goal in the programme: registrations of
// new customers equal to 20 % of the dealer's retail car sales.
const RegistrationTarget = 0.2

// moscow is the time zone the programme's quarters are counted in. The
// zone's history matters (Moscow was UTC+4 from 2011 to 2014), so the IANA
// database is used when the system or the binary has it (a program can
// embed it by importing time/tzdata), UTC+3 otherwise. It is looked up on
// first use, after every package's init has run.
var moscow = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Moscow"); err == nil {
		return loc
	}
	return time.FixedZone("MSK", 3*60*60)
})

// Moscow returns the time zone of the programme's quarters.
func Moscow() *time.Location { return moscow() }

// Quarter is a calendar quarter, counted in Moscow time.
type Quarter struct {
	Year int
	Q    int // 1 to 4
}

// ParseQuarter reads a quarter written like 2012Q1. Errors are *Error with
// Code EInvalid and Field "quarter".
func ParseQuarter(s string) (Quarter, error) {
	bad := Errorf(EInvalid, "quarter", "")
	if len(s) != 6 || (s[4] != 'Q' && s[4] != 'q') || s[5] < '1' || s[5] > '4' {
		return Quarter{}, bad
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 2000 {
		return Quarter{}, bad
	}
	return Quarter{Year: y, Q: int(s[5] - '0')}, nil
}

// String writes the quarter like 2012Q1.
func (q Quarter) String() string { return fmt.Sprintf("%04dQ%d", q.Year, q.Q) }

// Bounds returns the instants the quarter starts (inclusive) and ends
// (exclusive): midnight in Moscow on its first day and on the next
// quarter's first day.
func (q Quarter) Bounds() (start, end time.Time) {
	start = time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, moscow())
	return start, start.AddDate(0, 3, 0)
}

// QuarterOf returns the quarter an instant falls in, in Moscow time.
func QuarterOf(t time.Time) Quarter {
	m := t.In(moscow())
	return Quarter{Year: m.Year(), Q: (int(m.Month())-1)/3 + 1}
}

// The goal's rule is these two lists; CountsAsRegistration and
// CountsAsSale read them, and the stores' queries bind them as parameters
// (CountedSources, CountedSaleKinds), so that the rule is written here
// alone and the device and the portal count alike.
var (
	// countedSources: a registration a dealer made, at its kiosk or by its
	// staff. Welcome Pack accounts (made from sales) and customers who
	// joined on the central portal are not.
	countedSources = []Source{SourceKiosk, SourceStaff}
	// countedSaleKinds: retail only; sales to key and corporate customers
	// are excluded.
	countedSaleKinds = []SaleKind{SaleRetail}
)

// CountedSources returns the sources of the customers who count towards
// the goal (see CountsAsRegistration), for a store's query to bind.
func CountedSources() []Source { return slices.Clone(countedSources) }

// CountedSaleKinds returns the kinds of sale in the goal's denominator (see
// CountsAsSale), for a store's query to bind.
func CountedSaleKinds() []SaleKind { return slices.Clone(countedSaleKinds) }

// CountsAsRegistration reports whether a customer counts towards the
// registration goal of the dealer in c.DealerCode, in the quarter of
// c.CreatedAt: a new customer registered at a dealer, at the kiosk or by
// staff. Welcome Pack accounts (made from sales) and customers who joined
// on the central portal are not registrations a dealer made. A customer
// counts whether or not a sale goes with the registration, and still counts
// after withdrawing.
func CountsAsRegistration(c Customer) bool {
	return c.DealerCode != "" && slices.Contains(countedSources, c.Source)
}

// CountsAsSale reports whether a sale is in the goal's denominator: retail
// sales only; sales to key and corporate customers are excluded.
func CountsAsSale(s Sale) bool { return slices.Contains(countedSaleKinds, s.Kind) }

// RegistrationTime is the instant a registration is credited at, so that
// it lands in the quarter it was made in wherever it is counted: made,
// when the device saved it (the mutation's "at"), which may be long before
// the portal receives it from a device that was offline. A device's clock
// can be wrong, so made is held between enrolled, when the device was
// enrolled (it registered nobody before; zero when unknown), and now, the
// receiver's clock (nothing is credited in the future). A zero made is
// now.
func RegistrationTime(made, enrolled, now time.Time) time.Time {
	switch {
	case made.IsZero() || made.After(now):
		return now
	case made.Before(enrolled) && !enrolled.After(now):
		return enrolled
	}
	return made
}

// RegistrationRate is registrations divided by retail sales; ok is false
// when there were no sales, where the rate means nothing.
func RegistrationRate(registrations, sales int) (rate float64, ok bool) {
	if sales <= 0 {
		return 0, false
	}
	return float64(registrations) / float64(sales), true
}
