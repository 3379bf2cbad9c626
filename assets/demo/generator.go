package demo

import (
	"iter"
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// Generator makes one data set: the same seed and Sizes give the same data,
// byte for byte, on every call and every run. Its methods are safe for
// concurrent use; each iterator keeps its own scratch state.
type Generator struct {
	seed uint64
	s    Sizes
	now  time.Time
	t    *tables

	dealers    []showroom.Dealer
	dealerCity []int   // index into t.cities, per dealer
	peers      [][]int // other dealers of the same region, per dealer
	interest   int     // index of the dealer of interest
	dealerCum  []int   // cumulative dealer weights: where customers and sales go

	staff        []showroom.StaffUser
	salesStaff   []string // the dealer of interest's sales managers
	serviceStaff []string // and its service advisors

	firstYear int
	yearCum   [][]int // per build year: cumulative weights over t.versions

	vins    perm // car number → position 11 and serial
	engines perm // car number → engine serial
	ids     perm // customer index → customer ID
	phones  perm // customer index → mobile number
	mails   perm // customer index → e-mail number
	orders  perm // customer index → order request number
}

// New returns the generator of the data set for seed and s. It panics when a
// size is negative, when Dealer is not a 6-digit code, when Now is before
// 2009, or when the sizes need more than 33 million distinct VINs (about 8
// million customers).
func New(seed uint64, s Sizes) *Generator {
	if err := s.check(); err != nil {
		panic(err)
	}
	g := &Generator{seed: seed, s: s, now: s.Now, t: loadTables()}
	if g.now.IsZero() {
		g.now = referenceDate
	}
	g.now = g.now.UTC()
	g.buildDealers()
	g.buildStaff()
	g.buildVersionsByYear()
	g.vins = newPerm(seed, 1, maxCars)
	// Car 0 is the showcase Fluence; its VIN is the programme's example,
	// VF1LZBR0542606589: fix the permutation so that car 0 gets '2' and
	// serial 606589, which no other car can then get.
	g.vins.pin(0, uint64(strings.IndexByte(vinAlphabet, '2'))*1_000_000+606589)
	g.engines = newPerm(seed, 2, 1_000_000)
	g.ids = newPerm(seed, 3, 990_000_000)
	g.phones = newPerm(seed, 4, 1_000_000_000)
	g.mails = newPerm(seed, 5, mailRange(s.Customers))
	g.orders = newPerm(seed, 6, 10_000_000)
	return g
}

// Now returns the reference date the data are placed around.
func (g *Generator) Now() time.Time { return g.now }

// Sizes returns the sizes the generator was made with.
func (g *Generator) Sizes() Sizes { return g.s }

// Dealers returns the dealer directory: «Автомир-Екатеринбург» first, then
// the dealer of interest if it is another one, then the rest. The slice is a
// copy.
func (g *Generator) Dealers() []showroom.Dealer {
	return append([]showroom.Dealer(nil), g.dealers...)
}

// Dealer returns the dealer of interest: Sizes.Dealer, or 006122.
func (g *Generator) Dealer() showroom.Dealer { return g.dealers[g.interest] }

// Staff returns the staff of the dealer of interest: sales managers, service
// advisors and an administrator, without PIN hashes. The slice is a copy.
func (g *Generator) Staff() []showroom.StaffUser {
	return append([]showroom.StaffUser(nil), g.staff...)
}

// Cabinets yields the customers' cabinets in order, one at a time: memory
// stays constant however many customers there are. Every call yields the
// same sequence.
func (g *Generator) Cabinets() iter.Seq[showroom.Cabinet] {
	return func(yield func(showroom.Cabinet) bool) {
		w := g.newWorker()
		for i := range g.s.Customers {
			if !yield(w.cabinet(i)) {
				return
			}
		}
	}
}

// Cabinet returns cabinet i (0 ≤ i < Sizes.Customers) without generating
// the others, so that callers can split the work.
func (g *Generator) Cabinet(i int) showroom.Cabinet {
	if i < 0 || i >= g.s.Customers {
		panic("demo: cabinet index out of range")
	}
	return g.newWorker().cabinet(i)
}

// worker holds the scratch state of one pass over the customers.
type worker struct {
	g       *Generator
	skel    *rnd // garage, orders, dates: what the registry and sales need too
	profile *rnd // names, contacts, everything else
	msgs    *rnd
	sk      skeleton
}

func (g *Generator) newWorker() *worker {
	return &worker{g: g, skel: newRnd(), profile: newRnd(), msgs: newRnd()}
}

// mailRange is the range of the numbers in e-mail addresses: at least three
// digits, and ten times the customers so that numbers look scattered.
func mailRange(customers int) uint64 {
	n := uint64(1000)
	for n < uint64(customers)*10 {
		n *= 10
	}
	return n
}
