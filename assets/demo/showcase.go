package demo

import (
	"time"

	"github.com/myrenault/showroom"
)

// The first customers of every data set form a showcase, so that a demo or a
// test always finds each case the programme describes, however few customers
// it asks for; all are customers of the dealer of interest.
//
//	0  Игнатьева Полина, Fluence VF1LZBR0542606589 built 2011, hit by recall 0BCF
//	1  Игнатьев Павел, order «получен» (status 1)
//	2  order in production, VIN assigned (status 2)
//	3  order on its way to the dealer (status 3)
//	4  order arrived at the dealer two days ago, not yet announced (status 4)
//	5  order arrived nine days ago and announced (status 4)
const showcaseSize = 6

func isShowcase(i int) bool { return i < showcaseSize }

// showcaseOrder returns the fixed status of a showcase customer's order and
// when it was reached, or 0.
func (g *Generator) showcaseOrder(i int) (showroom.OrderStatus, time.Time) {
	ago := func(d time.Duration) time.Time { return g.now.Add(-d).Truncate(time.Minute) }
	switch i {
	case 1:
		return showroom.OrderReceived, ago(2*day + 3*time.Hour)
	case 2:
		return showroom.OrderInProduction, ago(6 * day)
	case 3:
		return showroom.OrderOnTheWay, ago(3*day + 5*time.Hour)
	case 4:
		return showroom.OrderAtDealer, ago(2*day + 4*time.Hour)
	case 5:
		return showroom.OrderAtDealer, ago(9 * day)
	}
	return 0, time.Time{}
}

// showcaseFluence gives customer 0 the programme's example car: a Fluence
// 1.6 16V built in June 2011, whose VIN is VF1LZBR0542606589.
func (g *Generator) showcaseFluence(sk *skeleton) {
	for vi := range g.t.versions {
		v := &g.t.versions[vi]
		if v.model == "Fluence" && v.engine == "K4M" {
			sk.cars[0] = car{n: 0, v: v, trim: 1, build: time.Date(2011, time.June, 14, 0, 0, 0, 0, time.UTC)}
			break
		}
	}
	sk.ncars = max(sk.ncars, 1)
	sk.handover, sk.sold, sk.seller = false, time.Time{}, ""
	sk.source = showroom.SourceStaff // registered at a service visit
}

// showcaseNames are the programme's example customers.
var showcaseNames = map[int]person{
	0: {first: "Полина", last: "Игнатьева", gender: showroom.GenderFemale},
	1: {first: "Павел", last: "Игнатьев", gender: showroom.GenderMale},
}
