package portal

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// record returns the registry's record of a VIN, nil when unknown.
func (m *mtx) record(vin string) (*showroom.FactoryRecord, error) {
	var data string
	err := m.queryRow(`SELECT data FROM registry WHERE vin = ?`, vin).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r showroom.FactoryRecord
	return &r, json.Unmarshal([]byte(data), &r)
}

// verify checks a car in use against the factory registry: a known VIN
// fills model, version, body, build date and equipment, and the car is
// verified when its engine number matches; a different engine number is
// engine_mismatch; an unknown VIN or a missing engine number leaves it
// unverified.
func (m *mtx) verify(v *showroom.Vehicle) error {
	v.Verified = false
	if v.VIN == "" {
		return nil
	}
	r, err := m.record(v.VIN)
	if err != nil || r == nil {
		return err
	}
	v.Model, v.Version, v.Body, v.BuildDate = r.Model, r.Version, r.Body, r.BuildDate
	v.Equipment = r.Equipment
	if v.EngineNumber == "" {
		return nil
	}
	want, _ := showroom.NormalizeEngineNumber(r.EngineNumber)
	if want != v.EngineNumber {
		return showroom.Errorf(showroom.EEngineMismatch, "engine_number", "")
	}
	v.Verified = true
	return nil
}

// saveVehicle writes a car of customer c and its change, scoped to the
// customer's dealer.
func (m *mtx) saveVehicle(c showroom.Customer, v showroom.Vehicle) error {
	v.CustomerRef = c.Ref
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	err = m.exec(`INSERT INTO vehicles (id, customer_id, vin, order_number, data) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET vin = excluded.vin, order_number = excluded.order_number, data = excluded.data`,
		v.ID, c.ID, nullStr(v.VIN), nullStr(v.OrderNumber), data)
	if err != nil {
		return err
	}
	return m.change(api.ChangeVehicle, v.ID, c.DealerCode, json.RawMessage(data), false)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// garage returns the cars of a customer.
func (m *mtx) garage(customerID string) ([]showroom.Vehicle, error) {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT data FROM vehicles WHERE customer_id = ? ORDER BY rowid`, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []showroom.Vehicle
	for rows.Next() {
		var data string
		var v showroom.Vehicle
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// addToGarage checks the garage rules (showroom.CheckGarageAdd: identity,
// duplicates, at most 5 cars) and saves the car.
func (m *mtx) addToGarage(c showroom.Customer, v showroom.Vehicle) (*api.Entity, error) {
	g, err := m.garage(c.ID)
	if err != nil {
		return nil, err
	}
	if err := showroom.CheckGarageAdd(g, v); err != nil {
		return nil, err
	}
	if v.ID = strings.TrimSpace(v.ID); v.ID == "" {
		v.ID = newID()
	}
	var n int
	if err := m.queryRow(`SELECT count(*) FROM vehicles WHERE id = ?`, v.ID).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, showroom.Errorf(showroom.EConflict, "vehicle_id", "")
	}
	v.AddedAt = m.now
	if err := m.saveVehicle(c, v); err != nil {
		return nil, err
	}
	if err := m.recallMessages(v.VIN); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeVehicle, ID: v.ID, Ref: c.Ref}, nil
}

// applyVehicleAdd puts a car in use into the garage, checked against the
// factory registry (see verify).
func applyVehicleAdd(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var a api.VehicleAdd
	if err := decode(data, &a); err != nil {
		return nil, err
	}
	c, err := m.customer(a.CustomerKey)
	if err != nil {
		return nil, err
	}
	d, err := showroom.DecodeVIN(a.VIN)
	if err != nil {
		return nil, err
	}
	v := showroom.Vehicle{ID: a.VehicleID, VIN: d.VIN, Model: d.Model, Nickname: a.Nickname, Plate: a.Plate, Mileage: a.Mileage}
	if strings.TrimSpace(a.EngineNumber) != "" {
		if v.EngineNumber, err = showroom.NormalizeEngineNumber(a.EngineNumber); err != nil {
			return nil, err
		}
	}
	if err := m.verify(&v); err != nil {
		return nil, err
	}
	return m.addToGarage(c, v)
}

// applyVehicleAddOrder puts an ordered car into the garage by the order
// number, which must be a known order of the device's dealer.
func applyVehicleAddOrder(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var a api.VehicleAddOrder
	if err := decode(data, &a); err != nil {
		return nil, err
	}
	c, err := m.customer(a.CustomerKey)
	if err != nil {
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
	v := showroom.Vehicle{ID: a.VehicleID, OrderNumber: o.Number, VIN: o.VIN}
	if err := m.verify(&v); err != nil {
		return nil, err
	}
	ent, err := m.addToGarage(c, v)
	if err != nil {
		return nil, err
	}
	o.CustomerRef = c.Ref
	return ent, m.saveOrder(o)
}

// vehicleOf finds a car of a customer by its ID.
func (m *mtx) vehicleOf(c showroom.Customer, id string) (showroom.Vehicle, error) {
	var v showroom.Vehicle
	var data string
	err := m.queryRow(`SELECT data FROM vehicles WHERE id = ? AND customer_id = ?`, id, c.ID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return v, showroom.Errorf(showroom.ENotFound, "vehicle_id", "")
	}
	if err != nil {
		return v, err
	}
	return v, json.Unmarshal([]byte(data), &v)
}

// applyVehicleUpdate changes nickname, plate and mileage of a car.
func applyVehicleUpdate(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var u api.VehicleUpdate
	if err := decode(data, &u); err != nil {
		return nil, err
	}
	c, err := m.customer(u.CustomerKey)
	if err != nil {
		return nil, err
	}
	v, err := m.vehicleOf(c, u.VehicleID)
	if err != nil {
		return nil, err
	}
	if u.Mileage < 0 {
		return nil, showroom.Errorf(showroom.EInvalid, "mileage", "")
	}
	v.Nickname, v.Plate, v.Mileage = strings.TrimSpace(u.Nickname), strings.TrimSpace(u.Plate), u.Mileage
	if err := m.saveVehicle(c, v); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeVehicle, ID: v.ID, Ref: c.Ref}, nil
}

// applyVehicleRemove takes a car out of the garage; the feed carries the
// deletion.
func applyVehicleRemove(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var r api.VehicleRemove
	if err := decode(data, &r); err != nil {
		return nil, err
	}
	c, err := m.customer(r.CustomerKey)
	if err != nil {
		return nil, err
	}
	v, err := m.vehicleOf(c, r.VehicleID)
	if err != nil {
		return nil, err
	}
	if err := m.exec(`DELETE FROM vehicles WHERE id = ?`, v.ID); err != nil {
		return nil, err
	}
	if err := m.change(api.ChangeVehicle, v.ID, c.DealerCode, nil, true); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeVehicle, ID: v.ID, Ref: c.Ref}, nil
}
