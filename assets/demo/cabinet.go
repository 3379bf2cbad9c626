package demo

import (
	"strconv"
	"time"

	"github.com/myrenault/showroom"
)

var channels = []showroom.Channel{showroom.ChannelEmail, showroom.ChannelSMS, showroom.ChannelPhone}
var channelCum = cumulative([]int{55, 28, 17})

var nicknames = []string{"Моя ласточка", "Семейная", "Рабочая", "Для дачи", "Белый", "Серебристый", "Мой Renault", "Машина жены", "Папина"}

// cabinet makes customer i's whole cabinet. The profile's fill level depends
// on how the customer registered: a Welcome Pack brings data from the central
// database, a kiosk registration only the three required fields.
func (w *worker) cabinet(i int) showroom.Cabinet {
	g := w.g
	sk := w.skeleton(i)
	r := w.profile
	r.reset(g.seed, streamProfile, uint64(i))
	dealer := &g.dealers[sk.dealer]
	c := g.t.cities[g.dealerCity[sk.dealer]]

	var fill float64
	switch sk.source {
	case showroom.SourceWelcomePack:
		fill = scale(0.55, 1, r.Float64())
	case showroom.SourceStaff:
		fill = scale(0.25, 0.9, r.Float64())
	case showroom.SourcePortal:
		fill = scale(0.15, 1, r.Float64())
	default:
		fill = scale(0.05, 0.55, r.Float64())
	}
	if fill > 0.93 { // a few have filled in everything
		fill = 1
	}
	p := g.t.name(r, 0.38)
	if n, ok := showcaseNames[i]; ok {
		p = n
	}
	cu := showroom.Customer{
		Ref:        uuidOf(g.seed, streamRef, uint64(i)),
		State:      sk.state,
		DealerCode: dealer.Code,
		Source:     sk.source,
		CreatedAt:  sk.created,
		UpdatedAt:  sk.created,
	}
	if sk.state != showroom.StatePending {
		cu.ID = strconv.FormatUint(10_000_000+g.ids.at(uint64(i)), 10)
	}
	if sk.source == showroom.SourceStaff && sk.dealer == g.interest {
		switch {
		case sk.seller != "":
			cu.StaffID = sk.seller
		case r.chance(0.7):
			cu.StaffID = pick(r, g.salesStaff)
		default:
			cu.StaffID = pick(r, g.serviceStaff)
		}
	}
	cu.Personal = showroom.PersonalData{FirstName: p.first, LastName: p.last, Email: w.email(r, p, i)}
	has := func(p float64) bool { return fill >= 1 || r.chance(p) }
	if has(scale(0.5, 1, fill)) {
		cu.Personal.Gender = p.gender
	}
	if has(fill) {
		cu.Personal.BirthDate = birthDate(r, g.now)
	}
	if has(fill + 0.2) {
		cu.Personal.PreferredChannel = channels[r.weighted(channelCum)]
	}
	cu.Personal.MarketingConsent = has(0.45) && sk.state != showroom.StateWithdrawn
	cu.Contacts = w.contacts(r, c, i, fill)
	cu.Extra = w.additional(r, fill)
	since := g.now.Sub(sk.created)
	if r.chance(0.5) {
		cu.UpdatedAt = sk.created.Add(r.duration(0, since)).Truncate(time.Second)
	}

	cab := showroom.Cabinet{Customer: cu}
	for k := range sk.ncars {
		cab.Garage = append(cab.Garage, w.vehicle(r, sk, k, c, cu.Ref))
	}
	if sk.hasOrder {
		o, v := w.order(r, sk, dealer.Code, cu.Ref)
		cab.Orders = []showroom.Order{o}
		cab.Garage = append(cab.Garage, v)
	}
	cab.SavedDealers = []showroom.SavedDealer{{CustomerRef: cu.Ref, DealerCode: dealer.Code, Primary: true}}
	if peers := g.peers[sk.dealer]; len(peers) > 0 && r.chance(0.25) {
		cab.SavedDealers = append(cab.SavedDealers, showroom.SavedDealer{CustomerRef: cu.Ref, DealerCode: g.dealers[pick(r, peers)].Code})
	}
	cab.Consents = w.consents(r, sk, &cab.Customer)
	cab.Messages = w.messages(sk, &cab, dealer, c)
	return cab
}

// vehicle is car k of the garage as the customer's card shows it.
func (w *worker) vehicle(r *rnd, sk *skeleton, k int, c city, ref string) showroom.Vehicle {
	g, cr := w.g, sk.cars[k]
	rec := g.record(cr)
	v := showroom.Vehicle{
		ID:           uuidOf(g.seed, streamVehicle, uint64(sk.i)*carsPerCustomer+uint64(k)),
		CustomerRef:  ref,
		VIN:          rec.VIN,
		EngineNumber: rec.EngineNumber,
		Model:        rec.Model,
		Version:      rec.Version,
		Body:         rec.Body,
		Equipment:    rec.Equipment,
		BuildDate:    rec.BuildDate,
		Verified:     true,
		AddedAt:      sk.created.Add(r.duration(time.Minute, 10*time.Minute)),
	}
	if k > 0 {
		v.AddedAt = sk.created.Add(r.duration(0, g.now.Sub(sk.created))).Truncate(time.Second)
	}
	if r.chance(0.1) && !(sk.i == 0 && k == 0) { // typed the VIN, not yet the engine number
		v.EngineNumber, v.Verified = "", false
	}
	if r.chance(0.2) {
		v.Nickname = pick(r, nicknames)
	}
	if !(k == 0 && sk.handover && g.now.Sub(sk.sold) < 10*day) && r.chance(0.85) {
		v.Plate = plate(r, c, cr.build)
	}
	if r.chance(0.8) {
		v.Mileage = mileage(r, cr.build, g.now)
	}
	return v
}

// order is the customer's factory order and its card in the garage.
func (w *worker) order(r *rnd, sk *skeleton, dealer, ref string) (showroom.Order, showroom.Vehicle) {
	g, p := w.g, &sk.order
	req := strconv.FormatUint(g.orders.at(uint64(sk.i)), 10)
	o := showroom.Order{
		Number:      dealer + zeros[:7-len(req)] + req,
		CustomerRef: ref,
		Status:      p.status,
		History:     make([]showroom.OrderEvent, p.status),
		AnnouncedAt: p.announced,
	}
	for s := range p.status {
		o.History[s] = showroom.OrderEvent{Status: showroom.OrderStatus(s + 1), At: p.events[s]}
	}
	added := p.events[0]
	if sk.created.After(added) {
		added = sk.created
	}
	v := showroom.Vehicle{
		ID:          uuidOf(g.seed, streamVehicle, uint64(sk.i)*carsPerCustomer+3),
		CustomerRef: ref,
		OrderNumber: o.Number,
		Model:       p.car.v.model,
		Version:     p.car.versionName(),
		Body:        p.car.v.bodies[p.car.body],
		AddedAt:     added.Add(r.duration(time.Minute, 2*time.Hour)).Truncate(time.Second),
	}
	if v.AddedAt.After(g.now) {
		v.AddedAt = g.now
	}
	if p.built {
		rec := g.record(p.car)
		o.VIN = rec.VIN
		v.VIN, v.EngineNumber, v.Equipment, v.BuildDate, v.Verified = rec.VIN, rec.EngineNumber, rec.Equipment, rec.BuildDate, true
	}
	return o, v
}

const zeros = "0000000"

// consents: personal data for everyone, at registration; marketing for those
// who chose it. A withdrawn customer withdrew them both.
func (w *worker) consents(r *rnd, sk *skeleton, cu *showroom.Customer) []showroom.Consent {
	pd := showroom.Consent{
		CustomerRef: cu.Ref,
		TextVersion: ConsentTextVersion,
		TextSHA256:  ConsentTextSHA256,
		Purpose:     showroom.PurposePersonalData,
		GivenAt:     sk.created,
		StaffID:     cu.StaffID,
	}
	out := make([]showroom.Consent, 1, 2)
	marketing := cu.Personal.MarketingConsent
	if sk.state == showroom.StateWithdrawn {
		pd.WithdrawnAt = sk.created.Add(r.duration(day, w.g.now.Sub(sk.created))).Truncate(time.Second)
		cu.UpdatedAt = pd.WithdrawnAt
		marketing = r.chance(0.5) // had chosen it before withdrawing
	}
	out[0] = pd
	if marketing {
		m := pd
		m.Purpose, m.Marketing = showroom.PurposeMarketing, true
		out = append(out, m)
	}
	return out
}
