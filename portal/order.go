package portal

import (
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// order finds an order of the device's dealer; unknown_order otherwise.
func (m *mtx) order(number string) (showroom.Order, error) {
	var o showroom.Order
	var data string
	err := m.queryRow(`SELECT data FROM orders WHERE number = ? AND dealer = ?`, number, m.dev.Dealer).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return o, showroom.Errorf(showroom.EUnknownOrder, "order_number", "")
	}
	if err != nil {
		return o, err
	}
	return o, json.Unmarshal([]byte(data), &o)
}

// saveOrder writes an order and its change, scoped to the order's dealer
// (the first 6 digits of its number).
func (m *mtx) saveOrder(o showroom.Order) error {
	data, err := json.Marshal(o)
	if err != nil {
		return err
	}
	dealer := o.Number[:6]
	err = m.exec(`INSERT INTO orders (number, dealer, data) VALUES (?, ?, ?)
		ON CONFLICT (number) DO UPDATE SET data = excluded.data`, o.Number, dealer, data)
	if err != nil {
		return err
	}
	return m.change(api.ChangeOrder, o.Number, dealer, json.RawMessage(data), false)
}

// applyOrderAnnounce stamps the time staff told the customer the car
// arrived.
func applyOrderAnnounce(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var a api.OrderAnnounce
	if err := decode(data, &a); err != nil {
		return nil, err
	}
	n, err := showroom.ParseOrderNumber(a.OrderNumber)
	if err != nil {
		return nil, err
	}
	o, err := m.order(n.String())
	if err != nil {
		return nil, err
	}
	if o.Status != showroom.OrderAtDealer {
		return nil, showroom.Errorf(showroom.EConflict, "order_number", "")
	}
	o.AnnouncedAt = a.At.UTC()
	if o.AnnouncedAt.IsZero() {
		o.AnnouncedAt = m.now
	}
	if err := m.saveOrder(o); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeOrder, ID: o.Number}, nil
}
