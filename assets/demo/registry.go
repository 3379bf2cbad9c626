package demo

import (
	"iter"
	"time"

	"github.com/myrenault/showroom"
)

// Registry yields the factory registry: every car in a customer's garage
// (and every ordered car the factory has built), with the same model,
// version, body, engine number and build date as the garage card; then the
// cars of the other sales; then Sizes.Registry cars of unsold stock. Like
// Cabinets it streams, and every call yields the same sequence.
func (g *Generator) Registry() iter.Seq[showroom.FactoryRecord] {
	return func(yield func(showroom.FactoryRecord) bool) {
		w := g.newWorker()
		for i := range g.s.Customers {
			for c := range w.skeleton(i).builtCars {
				if !yield(g.record(c)) {
					return
				}
			}
		}
		r := newRnd()
		for j := range g.s.Sales {
			_, c := g.sale(r, j)
			if !yield(g.record(c)) {
				return
			}
		}
		for j := range g.s.Registry {
			if !yield(g.record(g.stockCar(r, j))) {
				return
			}
		}
	}
}

// stockCar is car j of the unsold stock: built in the last year or so, a
// few older ones still waiting for a buyer.
func (g *Generator) stockCar(r *rnd, j int) car {
	r.reset(g.seed, streamStock, uint64(j))
	n := uint64(g.s.Customers)*carsPerCustomer + uint64(g.s.Sales) + uint64(j)
	build := dayOf(g.now.Add(-r.duration(5*day, 200*day)))
	if r.chance(0.1) {
		build = dayOf(g.now.Add(-r.duration(200*day, 500*day)))
	}
	return g.newCar(r, n, build)
}

// salesWindow is the start of the eight quarters of sales: the current one
// and the seven before it.
func (g *Generator) salesWindow() time.Time {
	return quarterStart(g.now).AddDate(0, -21, 0)
}

// sale is sale j of the cars bought by people who are not customers, and
// its car: at the dealer of interest for 60 % of them when Sizes.Dealer is
// set, otherwise spread over the dealers by their size; about 14 % are
// corporate.
func (g *Generator) sale(r *rnd, j int) (showroom.Sale, car) {
	r.reset(g.seed, streamSale, uint64(j))
	d := g.interest
	if g.s.Dealer == "" || r.chance(0.4) {
		d = r.weighted(g.dealerCum)
	}
	start := g.salesWindow()
	at := start.Add(r.duration(0, g.now.Sub(start))).Truncate(time.Minute)
	s := showroom.Sale{DealerCode: g.dealers[d].Code, Date: at, Kind: showroom.SaleRetail}
	if r.chance(0.14) {
		s.Kind = showroom.SaleCorporate
	}
	if d == g.interest && r.chance(0.7) {
		s.StaffID = pick(r, g.salesStaff)
	}
	n := uint64(g.s.Customers)*carsPerCustomer + uint64(j)
	c := g.newCar(r, n, dayOf(at.Add(-r.duration(10*day, 120*day))))
	s.VIN = g.vin(c)
	return s, c
}

// Sales yields the sales of the last eight quarters: first the customers'
// own new cars bought at their dealer (retail, registered at handover or
// through the Welcome Pack), then Sizes.Sales sales to other buyers. It
// streams, and every call yields the same sequence.
func (g *Generator) Sales() iter.Seq[showroom.Sale] {
	return func(yield func(showroom.Sale) bool) {
		start := g.salesWindow()
		w := g.newWorker()
		for i := range g.s.Customers {
			sk := w.skeleton(i)
			if !sk.handover || sk.sold.Before(start) {
				continue
			}
			s := showroom.Sale{VIN: g.vin(sk.cars[0]), DealerCode: g.dealers[sk.dealer].Code,
				Date: sk.sold.Truncate(time.Minute), Kind: showroom.SaleRetail, StaffID: sk.seller}
			if !yield(s) {
				return
			}
		}
		r := newRnd()
		for j := range g.s.Sales {
			s, _ := g.sale(r, j)
			if !yield(s) {
				return
			}
		}
	}
}
