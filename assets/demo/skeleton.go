package demo

import (
	"time"

	"github.com/myrenault/showroom"
)

const day = 24 * time.Hour

// skeleton is the part of a customer that other data sets depend on: the
// dealer, when and how they registered, the cars and the order. It has its
// own random stream, so the registry and the sales can rebuild it cheaply
// without drawing the rest of the cabinet.
type skeleton struct {
	i       int
	dealer  int
	created time.Time
	state   showroom.CustomerState
	source  showroom.Source
	cars    [3]car
	ncars   int
	// handover: car 0 was bought new at the customer's dealer on sold.
	handover bool
	sold     time.Time
	seller   string // staff ID of the sales manager who handed car 0 over, when known
	hasOrder bool
	order    orderPlan
}

// orderPlan is a factory order: its status, the time of each status reached
// (events[s-1]), and the car once the factory has built it.
type orderPlan struct {
	status    showroom.OrderStatus
	events    [4]time.Time
	car       car
	built     bool
	announced time.Time
}

var sources = []showroom.Source{showroom.SourceKiosk, showroom.SourceStaff, showroom.SourceWelcomePack, showroom.SourcePortal}
var sourceCum = cumulative([]int{30, 40, 20, 10})
var garageCum = cumulative([]int{14, 60, 20, 6})
var statusCum = cumulative([]int{20, 25, 25, 30})

// skeleton draws customer i's skeleton into w.sk.
func (w *worker) skeleton(i int) *skeleton {
	g, r, sk := w.g, w.skel, &w.sk
	r.reset(g.seed, streamSkeleton, uint64(i))
	*sk = skeleton{i: i, dealer: g.interest}
	if g.s.Dealer == "" && !isShowcase(i) {
		sk.dealer = r.weighted(g.dealerCum)
	}

	// Registrations over the last three years, more of them lately: the
	// programme grows.
	u := r.Float64()
	age := time.Duration(u * (1 + u) / 2 * float64(3*365*day))
	sk.created = dayOf(g.now.Add(-age)).Add(r.duration(4*time.Hour, 16*time.Hour)).Truncate(time.Second)
	if sk.created.After(g.now.Add(-10 * time.Minute)) {
		sk.created = g.now.Add(-r.duration(10*time.Minute, 3*time.Hour)).Truncate(time.Second)
	}
	sk.source = sources[r.weighted(sourceCum)]
	since := g.now.Sub(sk.created)
	switch {
	case isShowcase(i):
		sk.state = showroom.StateActive
	case sk.source != showroom.SourceWelcomePack && (since < 10*day && r.chance(0.45) || r.chance(0.01)):
		sk.state = showroom.StatePending
	case since > 30*day && r.chance(0.025):
		sk.state = showroom.StateWithdrawn
	default:
		sk.state = showroom.StateActive
	}

	sk.ncars = r.weighted(garageCum)
	switch sk.source {
	case showroom.SourceWelcomePack: // bought a car, got the pack by post, logged in
		sk.ncars = max(sk.ncars, 1)
		sk.handover = true
		sk.sold = sk.created.Add(-r.duration(20*day, 120*day))
	case showroom.SourceStaff, showroom.SourceKiosk:
		sk.handover = sk.ncars > 0 && r.chance(0.55)
		sk.sold = sk.created.Add(-r.duration(0, 3*day))
	case showroom.SourcePortal:
		sk.handover = sk.ncars > 0 && r.chance(0.2)
		sk.sold = sk.created.Add(-r.duration(5*day, 60*day))
	}
	if !sk.handover {
		sk.sold = time.Time{}
	} else if sk.dealer == g.interest && r.chance(0.75) {
		sk.seller = pick(r, g.salesStaff)
	}
	for k := range sk.ncars {
		var build time.Time
		if k == 0 && sk.handover {
			build = sk.sold.Add(-r.duration(10*day, 90*day))
		} else {
			span := sk.created.Sub(g.earliestBuild())
			build = sk.created.Add(-r.duration(min(100*day, span), min(13*365*day, span)))
		}
		sk.cars[k] = g.newCar(r, uint64(i)*carsPerCustomer+uint64(k), dayOf(build))
	}
	if st, last := g.showcaseOrder(i); st != 0 {
		sk.hasOrder = true
		w.planOrder(r, i, sk, st, last)
	} else if r.chance(0.08) {
		sk.hasOrder = true
		w.planOrder(r, i, sk, 0, time.Time{})
	}
	if i == 0 {
		g.showcaseFluence(sk)
	}
	return sk
}

// planOrder draws an order's history backwards from now: each status lasts
// as long as such steps take, the last one reached is recent. A non-zero
// status and last fix the status and the time it was reached.
func (w *worker) planOrder(r *rnd, i int, sk *skeleton, status showroom.OrderStatus, last time.Time) {
	g, o := w.g, &sk.order
	o.status = status
	if status == 0 {
		o.status = showroom.OrderStatus(1 + r.weighted(statusCum))
		last = g.now.Add(-r.duration(time.Hour, 14*day))
	}
	if status == 0 && o.status == showroom.OrderAtDealer {
		// A good share arrived in the last five days, the time the
		// customer does not yet see it: the sales manager should call.
		if r.chance(0.35) {
			last = g.now.Add(-r.duration(2*time.Hour, 4*day+20*time.Hour))
		} else {
			last = g.now.Add(-r.duration(5*day, 40*day))
		}
	}
	gaps := [3]time.Duration{r.duration(7*day, 30*day), r.duration(10*day, 25*day), r.duration(5*day, 30*day)}
	t := last.Truncate(time.Minute)
	for s := int(o.status); s >= 1; s-- {
		o.events[s-1] = t
		if s > 1 {
			t = t.Add(-gaps[s-2])
		}
	}
	build := dayOf(o.events[0].Add(gaps[0] + r.duration(day, 6*day)))
	o.car = g.newCar(r, uint64(i)*carsPerCustomer+3, dayOf(g.now))
	o.car.build = build
	o.built = o.status >= showroom.OrderOnTheWay || o.status == showroom.OrderInProduction && (r.chance(0.5) || status != 0)
	if o.status >= showroom.OrderOnTheWay && build.After(o.events[2]) {
		o.car.build = dayOf(o.events[2])
	}
	if o.built && build.After(g.now) {
		o.car.build = dayOf(g.now)
	}
	if o.status == showroom.OrderAtDealer {
		arrived := o.events[3]
		fresh := g.now.Sub(arrived) < 5*day
		if status != 0 && !fresh || status == 0 && (fresh && r.chance(0.35) || !fresh && r.chance(0.8)) {
			o.announced = arrived.Add(r.duration(time.Hour, min(4*day, g.now.Sub(arrived)))).Truncate(time.Minute)
			if o.announced.After(g.now) {
				o.announced = g.now
			}
		}
	}
}

// garageCars yields the cars the factory has built for the customer: those
// in use and the ordered one once built.
func (sk *skeleton) builtCars(yield func(car) bool) {
	for k := range sk.ncars {
		if !yield(sk.cars[k]) {
			return
		}
	}
	if sk.hasOrder && sk.order.built {
		yield(sk.order.car)
	}
}

// dayOf is midnight UTC of t's day.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
