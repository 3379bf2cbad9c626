package portal

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// Loader writes feed data (the dealer directory, the factory registry,
// orders, offers, recalls, sales, whole cabinets) inside one transaction;
// see SQLite.Load. Each write also enters the change feed.
type Loader struct {
	m *mtx
}

// Load runs fn in one write transaction: everything fn loads is committed
// together, or nothing when fn returns an error.
func (s *SQLite) Load(ctx context.Context, fn func(l *Loader) error) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		return fn(&Loader{m: &mtx{ctx: ctx, tx: tx, now: s.now()}})
	})
}

func (l *Loader) put(table, key string, keyVal any, extra map[string]any, change, dealer string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	cols, vals, args := key+", data", "?, ?", []any{keyVal, data}
	set := "data = excluded.data"
	for c, a := range extra {
		cols += ", " + c
		vals += ", ?"
		set += ", " + c + " = excluded." + c
		args = append(args, a)
	}
	if err := l.m.exec(`INSERT INTO `+table+` (`+cols+`) VALUES (`+vals+`) ON CONFLICT (`+key+`) DO UPDATE SET `+set, args...); err != nil {
		return err
	}
	if change == "" {
		return nil
	}
	return l.m.change(change, keyVal.(string), dealer, json.RawMessage(data), false)
}

// Dealer adds or replaces a dealer of the directory.
func (l *Loader) Dealer(d showroom.Dealer) error {
	return l.put("dealers", "code", d.Code, map[string]any{"region": d.Region}, api.ChangeDealer, "", d)
}

// Record adds or replaces a factory registry record. The registry is not
// part of the feed: devices look VINs up.
func (l *Loader) Record(r showroom.FactoryRecord) error {
	return l.put("registry", "vin", r.VIN, nil, "", "", r)
}

// Order adds or replaces an order (the DistriNet feed).
func (l *Loader) Order(o showroom.Order) error { return l.m.saveOrder(o) }

// Offer adds or replaces an offer.
func (l *Loader) Offer(o showroom.Offer) error {
	return l.put("offers", "id", o.ID, nil, api.ChangeOffer, "", o)
}

// Recall adds or replaces a recall campaign and tells the owners of the
// cars it concerns that are already in a garage.
func (l *Loader) Recall(r showroom.Recall) error {
	if err := l.put("recalls", "campaign", r.Campaign, nil, api.ChangeRecall, "", r); err != nil {
		return err
	}
	for _, vin := range r.VINs {
		if err := l.m.exec(`INSERT OR IGNORE INTO recall_vins (campaign, vin) VALUES (?, ?)`, r.Campaign, vin); err != nil {
			return err
		}
		if err := l.m.recallMessages(vin); err != nil {
			return err
		}
	}
	return nil
}

// Model adds or replaces a model of the catalogue.
func (l *Loader) Model(m showroom.ModelInfo) error {
	return l.put("models", "name", m.Name, nil, api.ChangeModel, "", m)
}

// ServiceProgram adds or replaces a programme of «Мой сервис».
func (l *Loader) ServiceProgram(p showroom.ServiceProgram) error {
	return l.put("service_programs", "id", p.ID, nil, api.ChangeServiceProgram, "", p)
}

// Sale records a car sold by a dealer; the dealer's devices receive it,
// to count their registration goal offline.
func (l *Loader) Sale(s showroom.Sale) error {
	err := l.m.exec(`INSERT INTO sales (vin, dealer, sold_at, kind, staff_id) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (vin, sold_at) DO UPDATE SET dealer = excluded.dealer, kind = excluded.kind, staff_id = excluded.staff_id`,
		s.VIN, s.DealerCode, fmtTime(s.Date), s.Kind, nullStr(s.StaffID))
	if err != nil {
		return err
	}
	return l.m.change(api.ChangeSale, s.VIN+"/"+fmtTime(s.Date), s.DealerCode, s, false)
}

// Cabinet adds a customer that already has a customer ID (a Welcome Pack
// customer or a demo cabinet) with garage, orders and consents. Customers
// without an e-mail are allowed: Welcome Pack customers may not have one.
func (l *Loader) Cabinet(c showroom.Cabinet) error {
	cu := c.Customer
	if cu.ID == "" {
		// A cabinet as a device knows it before the portal answered (the
		// demo's pending registrations): the portal gives every account
		// its customer ID at once.
		id, err := l.m.nextCustomerID()
		if err != nil {
			return err
		}
		cu.ID = id
	}
	if cu.Ref == "" {
		cu.Ref = cu.ID
	}
	if err := l.m.saveCustomer(cu, ""); err != nil {
		return err
	}
	for _, v := range c.Garage {
		if err := l.m.saveVehicle(cu, v); err != nil {
			return err
		}
	}
	for _, o := range c.Orders {
		o.CustomerRef = cu.Ref
		if err := l.m.saveOrder(o); err != nil {
			return err
		}
	}
	for i, msg := range c.Messages {
		if msg.ID == "" {
			msg.ID = cu.ID + "-" + strconv.Itoa(i+1)
		}
		if err := l.m.saveMessage(cu, msg); err != nil {
			return err
		}
	}
	for i, sd := range c.SavedDealers {
		if err := l.m.saveSavedDealer(cu, sd.DealerCode, sd.Primary || i == 0 && !anyPrimary(c.SavedDealers)); err != nil {
			return err
		}
	}
	for _, k := range c.Consents {
		err := l.m.exec(`INSERT INTO consents (customer_id, text_version, text_sha256, purpose, marketing, given_at, device_id, staff_id, withdrawn_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, cu.ID, k.TextVersion, k.TextSHA256, k.Purpose, k.Marketing,
			fmtTime(k.GivenAt), nullStr(k.DeviceID), nullStr(k.StaffID), nullTime(k.WithdrawnAt))
		if err != nil {
			return err
		}
	}
	return nil
}

func anyPrimary(l []showroom.SavedDealer) bool {
	for _, d := range l {
		if d.Primary {
			return true
		}
	}
	return false
}
