package portal

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// The rest of the cabinet: saved dealers, messages, and the dealer's
// handovers and staff.

// savedDealerID is the change feed's ID of a saved dealer.
func savedDealerID(customerID, dealer string) string { return customerID + "/" + dealer }

// saveSavedDealer writes a customer's saved dealer and its change.
func (m *mtx) saveSavedDealer(c showroom.Customer, code string, primary bool) error {
	if err := m.exec(`INSERT INTO saved_dealers (customer_id, dealer_code, is_primary) VALUES (?, ?, ?)
		ON CONFLICT (customer_id, dealer_code) DO UPDATE SET is_primary = excluded.is_primary`, c.ID, code, primary); err != nil {
		return err
	}
	return m.change(api.ChangeSavedDealer, savedDealerID(c.ID, code), c.DealerCode,
		showroom.SavedDealer{CustomerRef: c.Ref, DealerCode: code, Primary: primary}, false)
}

// savedDealer reads a mutation naming a customer and a dealer of the
// directory.
func (m *mtx) savedDealer(data json.RawMessage) (showroom.Customer, string, error) {
	var in api.SavedDealer
	if err := decode(data, &in); err != nil {
		return showroom.Customer{}, "", err
	}
	c, err := m.customer(in.CustomerKey)
	if err != nil {
		return c, "", err
	}
	code := strings.TrimSpace(in.DealerCode)
	var n int
	if err := m.queryRow(`SELECT count(*) FROM dealers WHERE code = ?`, code).Scan(&n); err != nil {
		return c, "", err
	}
	if n == 0 {
		return c, "", showroom.Errorf(showroom.ENotFound, "dealer_code", "")
	}
	return c, code, nil
}

// applyDealerSave adds a dealer to the customer's saved dealers; the first
// one saved becomes primary. Saving one already saved changes nothing.
func applyDealerSave(m *mtx, data json.RawMessage) (*api.Entity, error) {
	c, code, err := m.savedDealer(data)
	if err != nil {
		return nil, err
	}
	var saved, primary int
	if err := m.queryRow(`SELECT count(*), coalesce(sum(dealer_code = ?), 0) FROM saved_dealers WHERE customer_id = ?`,
		code, c.ID).Scan(&saved, &primary); err != nil {
		return nil, err
	}
	ent := &api.Entity{Type: api.ChangeSavedDealer, ID: savedDealerID(c.ID, code), Ref: c.Ref}
	if primary > 0 {
		return ent, nil
	}
	return ent, m.saveSavedDealer(c, code, saved == 0)
}

// applyDealerMakePrimary makes a saved dealer the customer's primary one
// (saving it first if needed) and the others not.
func applyDealerMakePrimary(m *mtx, data json.RawMessage) (*api.Entity, error) {
	c, code, err := m.savedDealer(data)
	if err != nil {
		return nil, err
	}
	rows, err := m.tx.QueryContext(m.ctx, `SELECT dealer_code FROM saved_dealers WHERE customer_id = ? AND is_primary = 1 AND dealer_code != ?`, c.ID, code)
	if err != nil {
		return nil, err
	}
	var was []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return nil, err
		}
		was = append(was, d)
	}
	rows.Close()
	for _, d := range was {
		if err := m.saveSavedDealer(c, d, false); err != nil {
			return nil, err
		}
	}
	return &api.Entity{Type: api.ChangeSavedDealer, ID: savedDealerID(c.ID, code), Ref: c.Ref}, m.saveSavedDealer(c, code, true)
}

// applyDealerRemove takes a dealer out of the customer's saved dealers;
// when it was the primary one, the earliest saved of the rest becomes
// primary.
func applyDealerRemove(m *mtx, data json.RawMessage) (*api.Entity, error) {
	c, code, err := m.savedDealer(data)
	if err != nil {
		return nil, err
	}
	var primary bool
	err = m.queryRow(`SELECT is_primary FROM saved_dealers WHERE customer_id = ? AND dealer_code = ?`, c.ID, code).Scan(&primary)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, showroom.Errorf(showroom.ENotFound, "dealer_code", "")
	}
	if err != nil {
		return nil, err
	}
	if err := m.exec(`DELETE FROM saved_dealers WHERE customer_id = ? AND dealer_code = ?`, c.ID, code); err != nil {
		return nil, err
	}
	id := savedDealerID(c.ID, code)
	if err := m.change(api.ChangeSavedDealer, id, c.DealerCode, nil, true); err != nil {
		return nil, err
	}
	if primary {
		var next string
		err := m.queryRow(`SELECT dealer_code FROM saved_dealers WHERE customer_id = ? ORDER BY rowid LIMIT 1`, c.ID).Scan(&next)
		switch {
		case err == nil:
			if err := m.saveSavedDealer(c, next, true); err != nil {
				return nil, err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		}
	}
	return &api.Entity{Type: api.ChangeSavedDealer, ID: id, Ref: c.Ref}, nil
}

// saveMessage writes a customer's message and its change; a deleted
// message leaves the feed as a deletion.
func (m *mtx) saveMessage(c showroom.Customer, msg showroom.Message) error {
	msg.CustomerRef = c.Ref
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if err := m.exec(`INSERT INTO messages (id, customer_id, data) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET data = excluded.data`, msg.ID, c.ID, data); err != nil {
		return err
	}
	if msg.Deleted {
		return m.change(api.ChangeMessage, msg.ID, c.DealerCode, nil, true)
	}
	return m.change(api.ChangeMessage, msg.ID, c.DealerCode, json.RawMessage(data), false)
}

// markMessage applies message.read, message.unread and message.delete.
func markMessage(mark func(*showroom.Message)) applier {
	return func(m *mtx, data json.RawMessage) (*api.Entity, error) {
		var in api.MessageMark
		if err := decode(data, &in); err != nil {
			return nil, err
		}
		c, err := m.customer(in.CustomerKey)
		if err != nil {
			return nil, err
		}
		var raw string
		err = m.queryRow(`SELECT data FROM messages WHERE id = ? AND customer_id = ?`, in.MessageID, c.ID).Scan(&raw)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, showroom.Errorf(showroom.ENotFound, "message_id", "")
		}
		if err != nil {
			return nil, err
		}
		var msg showroom.Message
		if err := json.Unmarshal([]byte(raw), &msg); err != nil {
			return nil, err
		}
		ent := &api.Entity{Type: api.ChangeMessage, ID: msg.ID, Ref: c.Ref}
		if msg.Deleted {
			return ent, showroom.Errorf(showroom.ENotFound, "message_id", "")
		}
		mark(&msg)
		return ent, m.saveMessage(c, msg)
	}
}

var (
	applyMessageRead   = markMessage(func(msg *showroom.Message) { msg.Read = true })
	applyMessageUnread = markMessage(func(msg *showroom.Message) { msg.Read = false })
	applyMessageDelete = markMessage(func(msg *showroom.Message) { msg.Deleted = true })
)

// applyHandoverRecord records a car handed over by a sales manager of the
// device's dealer. The customer, when named, must be the dealer's.
func applyHandoverRecord(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var in api.HandoverRecord
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	d, err := showroom.DecodeVIN(in.VIN)
	if err != nil {
		return nil, err
	}
	var customerID string
	ent := &api.Entity{Type: "handover"}
	if in.CustomerKey != (api.CustomerKey{}) {
		c, err := m.customer(in.CustomerKey)
		if err != nil {
			return nil, err
		}
		customerID, ent.Ref = c.ID, c.Ref
	}
	at := in.At.UTC()
	if at.IsZero() {
		at = m.now
	}
	ent.ID = newID()
	return ent, m.exec(`INSERT INTO handovers (id, dealer, vin, customer_id, staff_id, at) VALUES (?, ?, ?, ?, ?, ?)`,
		ent.ID, m.dev.Dealer, d.VIN, nullStr(customerID), nullStr(strings.TrimSpace(in.StaffID)), fmtTime(at))
}

// saveStaff writes a staff member of a dealer and its change; the feed
// never carries a PIN (showroom.StaffUser does not marshal one).
func (m *mtx) saveStaff(u showroom.StaffUser) error {
	data, err := json.Marshal(u)
	if err != nil {
		return err
	}
	if err := m.exec(`INSERT INTO staff (id, dealer, data) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET dealer = excluded.dealer, data = excluded.data`, u.ID, u.DealerCode, data); err != nil {
		return err
	}
	return m.change(api.ChangeStaff, u.ID, u.DealerCode, json.RawMessage(data), false)
}

// Staff adds or replaces a staff member of a dealer.
func (l *Loader) Staff(u showroom.StaffUser) error { return l.m.saveStaff(u) }

// recallMessages tells the owners of a car under recall campaigns, in «Мои
// сообщения», once per campaign, car and customer: when a campaign is
// imported (for the cars already in garages) and when a car enters a
// garage (for the campaigns already known).
func (m *mtx) recallMessages(vin string) error {
	if vin == "" {
		return nil
	}
	type hit struct {
		c showroom.Customer
		r showroom.Recall
	}
	rows, err := m.tx.QueryContext(m.ctx, `SELECT c.data, r.data FROM recall_vins rv
		JOIN recalls r ON r.campaign = rv.campaign
		JOIN vehicles v ON v.vin = rv.vin
		JOIN customers c ON c.id = v.customer_id
		WHERE rv.vin = ?`, vin)
	if err != nil {
		return err
	}
	var hits []hit
	for rows.Next() {
		var cRaw, rRaw string
		var h hit
		err := rows.Scan(&cRaw, &rRaw)
		if err == nil {
			err = json.Unmarshal([]byte(cRaw), &h.c)
		}
		if err == nil {
			err = json.Unmarshal([]byte(rRaw), &h.r)
		}
		if err != nil {
			rows.Close()
			return err
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, h := range hits {
		id := "recall-" + h.r.Campaign + "-" + vin + "-" + h.c.ID
		var n int
		if err := m.queryRow(`SELECT count(*) FROM messages WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if err := m.saveMessage(h.c, recallMessage(id, vin, h.r, m.now)); err != nil {
			return err
		}
	}
	return nil
}

// recallMessage is the notice of a recall campaign for one car: the notice
// number and date, what is wrong, what the dealer will do, and whether it
// is free of charge. Messages are the programme's Russian content.
func recallMessage(id, vin string, r showroom.Recall, now time.Time) showroom.Message {
	var b strings.Builder
	b.WriteString("Автомобиль с VIN " + vin + " попадает под отзывную кампанию № " + r.Campaign +
		" от " + r.Date.In(showroom.Moscow()).Format("02.01.2006") + ".")
	if r.Text != "" {
		b.WriteString("\n\n" + r.Text)
	}
	if r.Remedy != "" {
		b.WriteString("\n\n" + r.Remedy)
	}
	if r.Free {
		b.WriteString("\n\nРаботы выполняются бесплатно у официального дилера Renault.")
	}
	return showroom.Message{ID: id, Subject: "Отзывная кампания " + r.Campaign + ": " + r.Title, Body: b.String(), At: now}
}
