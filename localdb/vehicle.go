package localdb

import (
	"context"
	"database/sql"

	"github.com/myrenault/showroom"
)

const vehicleCols = `id, customer, vin, engine_number, order_number, nickname, model, version, body,
	plate, mileage, equipment, build_date, verified, added_at`

const upsertVehicleSQL = `INSERT INTO vehicles (` + vehicleCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, vin = excluded.vin,
		engine_number = excluded.engine_number, order_number = excluded.order_number,
		nickname = excluded.nickname, model = excluded.model, version = excluded.version,
		body = excluded.body, plate = excluded.plate, mileage = excluded.mileage,
		equipment = excluded.equipment, build_date = excluded.build_date,
		verified = excluded.verified, added_at = excluded.added_at`

func vehicleArgs(customer int64, v *showroom.Vehicle) []any {
	return []any{v.ID, customer, nullText(v.VIN), v.EngineNumber, nullText(v.OrderNumber),
		v.Nickname, v.Model, v.Version, v.Body, v.Plate, v.Mileage, jsonList(v.Equipment),
		timeText(v.BuildDate), v.Verified, timeText(v.AddedAt)}
}

// AddVehicle puts a car into the virtual garage of v.CustomerRef under the
// garage rules (at most showroom.MaxGarage cars, no VIN or order number
// twice) and returns it with its ID (made when empty) and AddedAt (the
// transaction's time when zero). Errors: ENotFound for an unknown customer;
// EGarageFull, or the rule's own code, from showroom.CheckGarageAdd.
func (tx *Tx) AddVehicle(v showroom.Vehicle) (showroom.Vehicle, error) {
	id, err := tx.customerKey(v.CustomerRef)
	if err != nil {
		return v, err
	}
	garage, err := readGarage(tx.ctx, tx.tx, id, v.CustomerRef)
	if err != nil {
		return v, err
	}
	if err := showroom.CheckGarageAdd(garage, v); err != nil {
		return v, err
	}
	if v.ID == "" {
		v.ID = newUUID()
	}
	if v.AddedAt.IsZero() {
		v.AddedAt = tx.now
	}
	_, err = tx.exec(upsertVehicleSQL, vehicleArgs(id, &v)...)
	return v, wrap("add vehicle", err)
}

// PutVehicle inserts or replaces the vehicle v.ID as the portal reports it,
// without the garage rules: the portal has applied them. An empty ID gets a
// new one.
func (tx *Tx) PutVehicle(v showroom.Vehicle) error {
	id, err := tx.customerKey(v.CustomerRef)
	if err != nil {
		return err
	}
	return tx.putVehicle(id, v)
}

// putVehicle is PutVehicle for the customer of local id customer.
func (tx *Tx) putVehicle(customer int64, v showroom.Vehicle) error {
	if v.ID == "" {
		v.ID = newUUID()
	}
	_, err := tx.exec(upsertVehicleSQL, vehicleArgs(customer, &v)...)
	return wrap("put vehicle", err)
}

// RemoveVehicle takes the vehicle id out of its garage; ENotFound when
// there is no such vehicle.
func (tx *Tx) RemoveVehicle(id string) error {
	res, err := tx.exec(`DELETE FROM vehicles WHERE id = ?`, id)
	if err != nil {
		return wrap("remove vehicle", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("vehicle_id")
	}
	return nil
}

// Garage returns the cars in the virtual garage of the customer ref, in the
// order they were added; ENotFound for an unknown customer.
func (db *DB) Garage(ctx context.Context, ref string) ([]showroom.Vehicle, error) {
	var out []showroom.Vehicle
	err := db.view(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM customers WHERE ref = ?`, ref).Scan(&id)
		if err == sql.ErrNoRows {
			return notFound("customer_ref")
		}
		if err != nil {
			return wrap("garage", err)
		}
		out, err = readGarage(ctx, tx, id, ref)
		return err
	})
	return out, err
}

func readGarage(ctx context.Context, tx *sql.Tx, customer int64, ref string) ([]showroom.Vehicle, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+vehicleCols+` FROM vehicles
		WHERE customer = ? ORDER BY added_at, id`, customer)
	if err != nil {
		return nil, wrap("garage", err)
	}
	defer rows.Close()
	var out []showroom.Vehicle
	for rows.Next() {
		var v showroom.Vehicle
		var owner int64
		err := rows.Scan(&v.ID, &owner, text{&v.VIN}, &v.EngineNumber, text{&v.OrderNumber},
			&v.Nickname, &v.Model, &v.Version, &v.Body, &v.Plate, &v.Mileage, list{&v.Equipment},
			nullTime{&v.BuildDate}, &v.Verified, nullTime{&v.AddedAt})
		if err != nil {
			return nil, wrap("garage", err)
		}
		v.CustomerRef = ref
		out = append(out, v)
	}
	return out, wrap("garage", rows.Err())
}
