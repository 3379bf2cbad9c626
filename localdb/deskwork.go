package localdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/myrenault/showroom"
)

// The dealer's own work at the staff desk: the cars at the dealer whose
// customers have not been told, the handover of a car, and the mutations
// the portal rejected, sent again once fixed or discarded.

// Mutation types of the desk's own work.
const (
	MutationOrderAnnounce = "order.announce"
	MutationHandover      = "handover.record"
	MutationVehicleAdd    = "vehicle.add"
)

// orderAnnounce, handoverRecord and vehicleAdd are the data of
// order.announce, handover.record and vehicle.add in the API's wire shape
// (portal/api OrderAnnounce, HandoverRecord and VehicleAdd, which this
// package does not import).
type orderAnnounce struct {
	OrderNumber string    `json:"order_number"`
	At          time.Time `json:"at"`
}

type handoverRecord struct {
	CustomerID  string    `json:"customer_id,omitempty"`
	CustomerRef string    `json:"customer_ref,omitempty"`
	VIN         string    `json:"vin"`
	StaffID     string    `json:"staff_id"`
	At          time.Time `json:"at"`
}

type vehicleAdd struct {
	CustomerID   string `json:"customer_id,omitempty"`
	CustomerRef  string `json:"customer_ref,omitempty"`
	VehicleID    string `json:"vehicle_id"`
	VIN          string `json:"vin"`
	EngineNumber string `json:"engine_number"`
}

// Arrival is a car at the dealer whose customer has not been told: the
// order with its history, and who ordered it (empty when the order is not
// linked to a customer here).
type Arrival struct {
	Order      showroom.Order
	CustomerID string
	LastName   string
	FirstName  string
	Phone      string
	Model      string
}

// Arrivals lists the orders at the dealer that staff have not announced,
// the earliest arrival first (orders without an arrival date last).
func (db *DB) Arrivals(ctx context.Context) ([]Arrival, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT o.number, o.status, o.vin,
			coalesce(c.ref, ''), coalesce(c.customer_id, ''), coalesce(c.last_name, ''),
			coalesce(c.first_name, ''), coalesce(c.mobile_phone, ''),
			coalesce((SELECT v.model FROM vehicles v WHERE v.order_number = o.number OR (o.vin IS NOT NULL AND v.vin = o.vin) LIMIT 1),
				(SELECT f.model FROM factory_registry f WHERE f.vin = o.vin), ''),
			(SELECT min(e.at) FROM order_events e WHERE e.order_number = o.number AND e.status = 4) AS arrived
		FROM orders o LEFT JOIN customers c ON c.id = o.customer
		WHERE o.status = 4 AND o.announced_at IS NULL
		ORDER BY arrived IS NULL, arrived, o.number`)
	if err != nil {
		return nil, wrap("arrivals", err)
	}
	defer rows.Close()
	var out []Arrival
	for rows.Next() {
		var a Arrival
		var arrived sql.NullString
		if err := rows.Scan(&a.Order.Number, &a.Order.Status, text{&a.Order.VIN}, &a.Order.CustomerRef,
			&a.CustomerID, &a.LastName, &a.FirstName, &a.Phone, &a.Model, &arrived); err != nil {
			return nil, wrap("arrivals", err)
		}
		if arrived.Valid {
			e := showroom.OrderEvent{Status: showroom.OrderAtDealer}
			if err := (nullTime{&e.At}).Scan(arrived.String); err != nil {
				return nil, wrap("arrivals", err)
			}
			a.Order.History = []showroom.OrderEvent{e}
		}
		out = append(out, a)
	}
	return out, wrap("arrivals", rows.Err())
}

// AnnounceOrder records that staff told the customer their car arrived: the
// order's AnnouncedAt becomes the transaction's time and order.announce is
// queued for the portal, in one transaction, so the customer sees the
// arrival at once. ENotFound for an unknown order; EConflict when it was
// already announced.
func (db *DB) AnnounceOrder(ctx context.Context, number string) (time.Time, error) {
	var at time.Time
	err := db.Update(ctx, func(tx *Tx) error {
		at = tx.now.UTC()
		var announced sql.NullString
		err := tx.tx.QueryRowContext(tx.ctx, `SELECT announced_at FROM orders WHERE number = ?`, number).Scan(&announced)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("order_number")
		}
		if err != nil {
			return wrap("announce", err)
		}
		if announced.Valid {
			return showroom.Errorf(showroom.EConflict, "order_number", "conflict")
		}
		if _, err := tx.exec(`UPDATE orders SET announced_at = ? WHERE number = ?`, timeText(at), number); err != nil {
			return wrap("announce", err)
		}
		_, err = tx.Enqueue(MutationOrderAnnounce, orderAnnounce{OrderNumber: number, At: at})
		return err
	})
	return at, err
}

// Handover is a car handed over to its customer by a sales manager.
type Handover struct {
	CustomerRef  string
	VIN          string
	EngineNumber string
	Kind         showroom.SaleKind
	StaffID      string
}

// RecordHandover records a handover in one transaction: the car goes into
// the customer's garage when it is not there yet (queued as vehicle.add),
// the sale is kept with its kind and the sales manager, so the
// registration goal counts it at once, and handover.record is queued for
// the portal. The VIN and engine number are checked by the domain.
//
// Errors: EInvalid (or the VIN's own code) for a bad VIN, engine number or
// kind; ENotFound for an unknown customer; the garage rules' errors.
func (db *DB) RecordHandover(ctx context.Context, h Handover) error {
	vin := showroom.NormalizeVIN(h.VIN)
	if _, err := showroom.DecodeVIN(vin); err != nil {
		return err
	}
	engine, err := showroom.NormalizeEngineNumber(h.EngineNumber)
	if err != nil {
		return err
	}
	if h.Kind != showroom.SaleRetail && h.Kind != showroom.SaleCorporate {
		return showroom.Errorf(showroom.EInvalid, "kind", "invalid")
	}
	return db.Update(ctx, func(tx *Tx) error {
		id, err := tx.customerKey(h.CustomerRef)
		if err != nil {
			return err
		}
		var customerID sql.NullString
		if err := tx.tx.QueryRowContext(tx.ctx, `SELECT customer_id FROM customers WHERE id = ?`, id).Scan(&customerID); err != nil {
			return wrap("handover", err)
		}
		key := handoverRecord{CustomerRef: h.CustomerRef}
		if customerID.Valid && customerID.String != "" {
			key = handoverRecord{CustomerID: customerID.String}
		}
		garage, err := readGarage(tx.ctx, tx.tx, id, h.CustomerRef)
		if err != nil {
			return err
		}
		inGarage := false
		for _, v := range garage {
			inGarage = inGarage || v.VIN == vin
		}
		if !inGarage {
			d, _ := showroom.DecodeVIN(vin)
			v, err := tx.AddVehicle(showroom.Vehicle{CustomerRef: h.CustomerRef, VIN: vin, EngineNumber: engine, Model: d.Model})
			if err != nil {
				return err
			}
			_, err = tx.Enqueue(MutationVehicleAdd, vehicleAdd{CustomerID: key.CustomerID, CustomerRef: key.CustomerRef,
				VehicleID: v.ID, VIN: vin, EngineNumber: engine})
			if err != nil {
				return err
			}
		}
		dealer, err := tx.setting(SettingDealerCode)
		if err != nil {
			return err
		}
		at := tx.now.UTC()
		if err := tx.PutSale(showroom.Sale{VIN: vin, DealerCode: dealer, Date: at, Kind: h.Kind, StaffID: h.StaffID}); err != nil {
			return err
		}
		key.VIN, key.StaffID, key.At = vin, h.StaffID, at
		_, err = tx.Enqueue(MutationHandover, key)
		return err
	})
}

// ResendAttention sends a rejected mutation again, with data (its corrected
// wire data; nil sends it unchanged): it leaves the attention list and
// enters the outbox under a new idempotency key, since the portal keeps
// the old key's rejection forever. A corrected registration also corrects
// the pending customer it made here. It returns the new key; ENotFound when
// there is no such item.
func (db *DB) ResendAttention(ctx context.Context, id string, data json.RawMessage) (string, error) {
	var newID string
	err := db.Update(ctx, func(tx *Tx) error {
		var typ string
		var body []byte
		err := tx.tx.QueryRowContext(tx.ctx, `SELECT type, body FROM sync_attention WHERE id = ?`, id).Scan(&typ, &body)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("mutation_id")
		}
		if err != nil {
			return wrap("resend", err)
		}
		if data == nil {
			data = body
		}
		if !json.Valid(data) {
			return showroom.Errorf(showroom.EInvalid, "data", "invalid")
		}
		switch typ {
		case MutationRegister:
			if data, err = tx.correctRegistration(data); err != nil {
				return err
			}
		case MutationVehicleAdd:
			if data, err = tx.correctVehicleAdd(data); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`DELETE FROM sync_attention WHERE id = ?`, id); err != nil {
			return wrap("resend", err)
		}
		newID, err = tx.Enqueue(typ, data)
		return err
	})
	return newID, err
}

// correctVehicleAdd checks a corrected car's VIN and engine number with
// the domain's rules and writes them to the car here. It returns the data
// with them normalised, every other field as it was (a car from the
// cabinet may carry a nickname, plate or mileage).
func (tx *Tx) correctVehicleAdd(data json.RawMessage) (json.RawMessage, error) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, showroom.Errorf(showroom.EInvalid, "data", "invalid")
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	vin := showroom.NormalizeVIN(str("vin"))
	if _, err := showroom.DecodeVIN(vin); err != nil {
		return nil, err
	}
	engine, err := showroom.NormalizeEngineNumber(str("engine_number"))
	if err != nil {
		return nil, err
	}
	m["vin"], m["engine_number"] = vin, engine
	if _, err := tx.exec(`UPDATE vehicles SET vin = ?, engine_number = ? WHERE id = ?`, vin, engine, str("vehicle_id")); err != nil {
		return nil, wrap("resend", err)
	}
	out, err := json.Marshal(m)
	return out, wrap("resend", err)
}

// correctRegistration checks a corrected registration with the domain's
// rules and writes its names, e-mail and phone to the pending customer it
// made. It returns the normalised data.
func (tx *Tx) correctRegistration(data json.RawMessage) (json.RawMessage, error) {
	var r showroom.Registration
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, showroom.Errorf(showroom.EInvalid, "data", "invalid")
	}
	if err := r.Normalize(); err != nil {
		return nil, err
	}
	if err := tx.checkEmailFree(r.Email, r.CustomerRef); err != nil {
		return nil, err
	}
	_, err := tx.exec(`UPDATE customers SET last_name = ?, first_name = ?, email = ?, mobile_phone = ?, updated_at = ?
		WHERE ref = ?`, r.LastName, r.FirstName, r.Email, r.Phone, timeText(tx.now), r.CustomerRef)
	if err != nil {
		return nil, wrap("resend", err)
	}
	out, err := json.Marshal(r)
	return out, wrap("resend", err)
}

// HandoverCar is what the store knows of a car about to be handed over.
type HandoverCar struct {
	OrderNumber  string
	VIN          string
	EngineNumber string
	Model        string
	// CustomerRef is who ordered the car or holds it in their garage; empty
	// when nobody here does.
	CustomerRef string
}

// FindHandoverCar looks a car up by its order number (when number is given)
// or by its VIN: the order, the garage that holds the car and the factory
// registry each add what they know. ENotFound when none of them knows it.
func (db *DB) FindHandoverCar(ctx context.Context, number, vin string) (HandoverCar, error) {
	c := HandoverCar{OrderNumber: number, VIN: vin}
	found := false
	err := db.view(ctx, func(tx *sql.Tx) error {
		var orderVIN, ref string
		err := tx.QueryRowContext(ctx, `SELECT o.number, coalesce(o.vin, ''), coalesce(c.ref, '')
			FROM orders o LEFT JOIN customers c ON c.id = o.customer
			WHERE o.number = ? OR (? <> '' AND o.vin = ?) ORDER BY o.number DESC LIMIT 1`, number, vin, vin).
			Scan(&c.OrderNumber, &orderVIN, &ref)
		switch {
		case err == nil:
			found = true
			c.VIN, c.CustomerRef = orElse(c.VIN, orderVIN), ref
		case !errors.Is(err, sql.ErrNoRows):
			return wrap("handover car", err)
		}
		err = tx.QueryRowContext(ctx, `SELECT coalesce(v.vin, ''), v.engine_number, v.model, c.ref
			FROM vehicles v JOIN customers c ON c.id = v.customer
			WHERE (? <> '' AND v.order_number = ?) OR (? <> '' AND v.vin = ?)
			ORDER BY v.added_at DESC, v.id DESC LIMIT 1`, c.OrderNumber, c.OrderNumber, c.VIN, c.VIN).
			Scan(&orderVIN, &c.EngineNumber, &c.Model, &ref)
		switch {
		case err == nil:
			found = true
			c.VIN, c.CustomerRef = orElse(c.VIN, orderVIN), orElse(c.CustomerRef, ref)
		case !errors.Is(err, sql.ErrNoRows):
			return wrap("handover car", err)
		}
		if c.VIN == "" {
			return nil
		}
		var model, engine string
		err = tx.QueryRowContext(ctx, `SELECT model, engine_number FROM factory_registry WHERE vin = ?`, c.VIN).Scan(&model, &engine)
		switch {
		case err == nil:
			found = true
			c.Model, c.EngineNumber = orElse(c.Model, model), orElse(c.EngineNumber, engine)
		case !errors.Is(err, sql.ErrNoRows):
			return wrap("handover car", err)
		}
		return nil
	})
	if err == nil && !found {
		err = notFound("order_number")
	}
	return c, err
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
