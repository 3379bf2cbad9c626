package localdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/myrenault/showroom"
)

// The changes staff make to a customer's cabinet for them. Each writes the
// local rows and the portal's mutation to the outbox in one transaction,
// so that the desk shows exactly what will reach the portal and nothing
// that will not. The mutations' data mirror the portal's wire types
// (portal/api); the showroom's wiring tests that they decode into them.

// Mutation types of the cabinet's edits, the portal's names.
const (
	mutCustomerUpdate = "customer.update"
	mutCarAdd         = "vehicle.add"
	mutCarAddOrder    = "vehicle.add_order"
	mutCarUpdate      = "vehicle.update"
	mutCarRemove      = "vehicle.remove"
	mutDealerSave     = "dealer.save"
	mutDealerPrimary  = "dealer.make_primary"
	mutDealerRemove   = "dealer.remove"
)

// wireKey names the customer: by the portal's ID once known, else by the
// device's ref.
type wireKey struct {
	CustomerID  string `json:"customer_id,omitempty"`
	CustomerRef string `json:"customer_ref,omitempty"`
}

func keyOf(c showroom.Customer) wireKey {
	if c.ID != "" {
		return wireKey{CustomerID: c.ID}
	}
	return wireKey{CustomerRef: c.Ref}
}

type wireCustomerUpdate struct {
	wireKey
	Personal  *showroom.PersonalData   `json:"personal,omitempty"`
	Contacts  *showroom.Contacts       `json:"contacts,omitempty"`
	Extra     *showroom.AdditionalInfo `json:"extra,omitempty"`
	FutureCar *showroom.FutureCar      `json:"future_car,omitempty"`
}

type wireVehicleAdd struct {
	wireKey
	VehicleID    string `json:"vehicle_id"`
	VIN          string `json:"vin"`
	EngineNumber string `json:"engine_number"`
	Nickname     string `json:"nickname,omitempty"`
	Plate        string `json:"plate,omitempty"`
	Mileage      int    `json:"mileage,omitempty"`
}

type wireVehicleAddOrder struct {
	wireKey
	VehicleID   string `json:"vehicle_id"`
	OrderNumber string `json:"order_number"`
}

type wireVehicleUpdate struct {
	wireKey
	VehicleID string `json:"vehicle_id"`
	Nickname  string `json:"nickname"`
	Plate     string `json:"plate"`
	Mileage   int    `json:"mileage"`
}

type wireVehicleRemove struct {
	wireKey
	VehicleID string `json:"vehicle_id"`
}

type wireSavedDealer struct {
	wireKey
	DealerCode string `json:"dealer_code"`
}

type wireMessageMark struct {
	wireKey
	MessageID string `json:"message_id"`
}

// editCustomer runs fn in a write transaction with the customer ref and
// its local id.
func (db *DB) editCustomer(ctx context.Context, ref string, fn func(tx *Tx, id int64, c showroom.Customer) error) error {
	return db.Update(ctx, func(tx *Tx) error {
		var c showroom.Customer
		id, err := readCustomer(tx.ctx, tx.tx, ref, &c)
		if err != nil {
			return err
		}
		return fn(tx, id, c)
	})
}

// UpdateProfile replaces the sections of the customer ref's profile that
// e carries, and enqueues customer.update with them. It returns the
// customer as saved. Errors: the sections' ValidationErrors (see
// showroom.ProfileEdit.Normalize), ENotFound for an unknown customer;
// nothing is written when it fails.
func (db *DB) UpdateProfile(ctx context.Context, ref string, e showroom.ProfileEdit) (showroom.Customer, error) {
	if err := e.Normalize(db.now()); err != nil {
		return showroom.Customer{}, err
	}
	var out showroom.Customer
	err := db.editCustomer(ctx, ref, func(tx *Tx, _ int64, c showroom.Customer) error {
		out = e.Apply(c)
		out.UpdatedAt = tx.now
		if _, err := tx.PutCustomer(out); err != nil {
			return err
		}
		w := wireCustomerUpdate{wireKey: keyOf(c), Contacts: e.Contacts, Extra: e.Extra, FutureCar: e.FutureCar}
		if e.Personal != nil {
			w.Personal = &out.Personal
		}
		_, err := tx.Enqueue(mutCustomerUpdate, w)
		return err
	})
	if err != nil {
		return showroom.Customer{}, err
	}
	return out, nil
}

// AddCar puts a car in use into the customer ref's garage by its VIN and
// engine number (both required at the desk) with what the customer says
// about it, and enqueues vehicle.add. The cached factory registry, when it
// knows the VIN, gives model, version, body, build date and equipment, and
// verifies the car when the engine numbers match; otherwise the model is
// guessed from the VIN and the car stays unverified until the portal
// answers. Errors: ValidationErrors of the VIN, engine number and edit;
// EEngineMismatch when the registry has another engine number; the garage
// rules' errors (showroom.CheckGarageAdd); ENotFound.
func (db *DB) AddCar(ctx context.Context, ref, vin, engine string, e showroom.VehicleEdit) (showroom.Vehicle, error) {
	var errs showroom.ValidationErrors
	vin = showroom.NormalizeVIN(vin)
	d, err := showroom.DecodeVIN(vin)
	if err != nil {
		errs = appendField(errs, err)
	}
	engine, err = showroom.NormalizeEngineNumber(engine)
	if err != nil {
		errs = appendField(errs, err)
	}
	if err := e.Normalize(); err != nil {
		errs = append(errs, err.(showroom.ValidationErrors)...)
	}
	if len(errs) > 0 {
		return showroom.Vehicle{}, errs
	}
	v := showroom.Vehicle{CustomerRef: ref, VIN: d.VIN, EngineNumber: engine, Model: d.Model,
		Nickname: e.Nickname, Plate: e.Plate, Mileage: e.Mileage}
	if r, err := db.FactoryRecord(ctx, d.VIN); err == nil && !strings.Contains(r.EngineNumber, "*") {
		if want, _ := showroom.NormalizeEngineNumber(r.EngineNumber); want != engine {
			return showroom.Vehicle{}, showroom.Errorf(showroom.EEngineMismatch, "engine_number", "")
		}
		v.Model, v.Version, v.Body, v.BuildDate, v.Equipment = r.Model, r.Version, r.Body, r.BuildDate, r.Equipment
		v.Verified = true
	} else if err != nil && !isNotFound(err) {
		return showroom.Vehicle{}, err
	}
	err = db.editCustomer(ctx, ref, func(tx *Tx, _ int64, c showroom.Customer) error {
		var err error
		if v, err = tx.AddVehicle(v); err != nil {
			return err
		}
		_, err = tx.Enqueue(mutCarAdd, wireVehicleAdd{wireKey: keyOf(c), VehicleID: v.ID, VIN: v.VIN,
			EngineNumber: v.EngineNumber, Nickname: v.Nickname, Plate: v.Plate, Mileage: v.Mileage})
		return err
	})
	return v, err
}

// AddOrderedCar puts an ordered car into the customer ref's garage by its
// 13-digit order number and enqueues vehicle.add_order; an order of the
// dealer's cache that belongs to nobody yet is linked to the customer, so
// that its tracking shows at once. Errors: the order number's validation
// error, the garage rules' errors, ENotFound.
func (db *DB) AddOrderedCar(ctx context.Context, ref, number string) (showroom.Vehicle, error) {
	n, err := showroom.ParseOrderNumber(number)
	if err != nil {
		return showroom.Vehicle{}, err
	}
	v := showroom.Vehicle{CustomerRef: ref, OrderNumber: n.String()}
	err = db.editCustomer(ctx, ref, func(tx *Tx, id int64, c showroom.Customer) error {
		var err error
		if v, err = tx.AddVehicle(v); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE orders SET customer = ? WHERE number = ? AND customer IS NULL`, id, v.OrderNumber); err != nil {
			return wrap("link order", err)
		}
		_, err = tx.Enqueue(mutCarAddOrder, wireVehicleAddOrder{wireKey: keyOf(c), VehicleID: v.ID, OrderNumber: v.OrderNumber})
		return err
	})
	return v, err
}

// UpdateCar changes what the customer says about the car id of the garage
// of ref and enqueues vehicle.update. Errors: the edit's ValidationErrors,
// ENotFound for a car not in that garage.
func (db *DB) UpdateCar(ctx context.Context, ref, id string, e showroom.VehicleEdit) error {
	if err := e.Normalize(); err != nil {
		return err
	}
	return db.editCustomer(ctx, ref, func(tx *Tx, cid int64, c showroom.Customer) error {
		res, err := tx.exec(`UPDATE vehicles SET nickname = ?, plate = ?, mileage = ? WHERE id = ? AND customer = ?`,
			e.Nickname, e.Plate, e.Mileage, id, cid)
		if err := affected(res, err, "vehicle_id"); err != nil {
			return err
		}
		_, err = tx.Enqueue(mutCarUpdate, wireVehicleUpdate{wireKey: keyOf(c), VehicleID: id,
			Nickname: e.Nickname, Plate: e.Plate, Mileage: e.Mileage})
		return err
	})
}

// RemoveCar takes the car id out of the garage of ref and enqueues
// vehicle.remove; ENotFound for a car not in that garage.
func (db *DB) RemoveCar(ctx context.Context, ref, id string) error {
	return db.editCustomer(ctx, ref, func(tx *Tx, cid int64, c showroom.Customer) error {
		res, err := tx.exec(`DELETE FROM vehicles WHERE id = ? AND customer = ?`, id, cid)
		if err := affected(res, err, "vehicle_id"); err != nil {
			return err
		}
		_, err = tx.Enqueue(mutCarRemove, wireVehicleRemove{wireKey: keyOf(c), VehicleID: id})
		return err
	})
}

// SaveDealerFor adds the directory's dealer code to the saved dealers of
// ref (dealer.save); the first saved dealer becomes the primary one.
// Errors: ENotFound for a dealer not in the directory or an unknown
// customer; EConflict when it is saved already.
func (db *DB) SaveDealerFor(ctx context.Context, ref, code string) error {
	if _, err := db.Dealer(ctx, code); err != nil {
		return err
	}
	return db.editCustomer(ctx, ref, func(tx *Tx, cid int64, c showroom.Customer) error {
		var saved, has int
		err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*), count(*) FILTER (WHERE dealer_code = ?)
			FROM saved_dealers WHERE customer = ?`, code, cid).Scan(&saved, &has)
		if err != nil {
			return wrap("save dealer", err)
		}
		if has > 0 {
			return showroom.Errorf(showroom.EConflict, "dealer_code", showroom.Reason(showroom.EConflict))
		}
		if err := tx.saveDealer(cid, showroom.SavedDealer{DealerCode: code, Primary: saved == 0}); err != nil {
			return err
		}
		_, err = tx.Enqueue(mutDealerSave, wireSavedDealer{wireKey: keyOf(c), DealerCode: code})
		return err
	})
}

// MakePrimaryDealer makes the saved dealer code the primary one of ref
// («Сделать его основным»; dealer.make_primary). ENotFound when it is not
// saved.
func (db *DB) MakePrimaryDealer(ctx context.Context, ref, code string) error {
	return db.editCustomer(ctx, ref, func(tx *Tx, cid int64, c showroom.Customer) error {
		var n int
		err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM saved_dealers WHERE customer = ? AND dealer_code = ?`,
			cid, code).Scan(&n)
		if err != nil {
			return wrap("primary dealer", err)
		}
		if n == 0 {
			return notFound("dealer_code")
		}
		if err := tx.saveDealer(cid, showroom.SavedDealer{DealerCode: code, Primary: true}); err != nil {
			return err
		}
		_, err = tx.Enqueue(mutDealerPrimary, wireSavedDealer{wireKey: keyOf(c), DealerCode: code})
		return err
	})
}

// RemoveDealerFor takes the dealer code out of the saved dealers of ref
// («Удалить дилера»; dealer.remove). When it was the primary one, another
// saved dealer becomes primary, as the portal does (the portal picks the
// earliest saved, which its pull then brings). ENotFound when it is not
// saved.
func (db *DB) RemoveDealerFor(ctx context.Context, ref, code string) error {
	return db.editCustomer(ctx, ref, func(tx *Tx, cid int64, c showroom.Customer) error {
		if err := tx.RemoveSavedDealer(ref, code); err != nil {
			return err
		}
		_, err := tx.exec(`UPDATE saved_dealers SET is_primary = 1 WHERE customer = ?1
			AND NOT EXISTS (SELECT 1 FROM saved_dealers WHERE customer = ?1 AND is_primary = 1)
			AND dealer_code = (SELECT min(dealer_code) FROM saved_dealers WHERE customer = ?1)`, cid)
		if err != nil {
			return wrap("remove saved dealer", err)
		}
		_, err = tx.Enqueue(mutDealerRemove, wireSavedDealer{wireKey: keyOf(c), DealerCode: code})
		return err
	})
}

// MessageMark is what is done to a message of «Мои сообщения».
type MessageMark string

// Message marks: the portal's mutation types.
const (
	MarkRead   MessageMark = "message.read"
	MarkUnread MessageMark = "message.unread"
	MarkDelete MessageMark = "message.delete"
)

// MarkMessage marks the message id of ref read or unread, or deletes it,
// and enqueues the mark. Errors: EInvalid for an unknown mark, ENotFound
// for a message not in that inbox.
func (db *DB) MarkMessage(ctx context.Context, ref, id string, m MessageMark) error {
	var set string
	switch m {
	case MarkRead:
		set = `read = 1`
	case MarkUnread:
		set = `read = 0`
	case MarkDelete:
		set = `deleted = 1`
	default:
		return showroom.Errorf(showroom.EInvalid, "mark", showroom.Reason(showroom.EInvalid))
	}
	return db.editCustomer(ctx, ref, func(tx *Tx, cid int64, c showroom.Customer) error {
		res, err := tx.exec(`UPDATE messages SET `+set+` WHERE customer = ? AND id = ? AND deleted = 0`, cid, id)
		if err := affected(res, err, "message_id"); err != nil {
			return err
		}
		_, err = tx.Enqueue(string(m), wireMessageMark{wireKey: keyOf(c), MessageID: id})
		return err
	})
}

// affected turns an UPDATE or DELETE that changed no row into ENotFound.
func affected(res sql.Result, err error, field string) error {
	if err != nil {
		return wrap("edit", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(field)
	}
	return nil
}

// appendField adds a validator's *Error to errs.
func appendField(errs showroom.ValidationErrors, err error) showroom.ValidationErrors {
	if e, ok := err.(*showroom.Error); ok {
		return append(errs, e)
	}
	return append(errs, showroom.Errorf(showroom.EInternal, "", showroom.Reason(showroom.EInternal)))
}

// futureCarText is the future_car column's JSON; NULL for none.
func futureCarText(f *showroom.FutureCar) sql.NullString {
	if f == nil {
		return sql.NullString{}
	}
	b, _ := json.Marshal(f) // a struct of strings always marshals
	return sql.NullString{String: string(b), Valid: true}
}

// futureCar scans the future_car column.
type futureCar struct{ p **showroom.FutureCar }

func (f futureCar) Scan(src any) error {
	*f.p = nil
	var b []byte
	switch s := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(s)
	case []byte:
		b = s
	}
	var c showroom.FutureCar
	if err := json.Unmarshal(b, &c); err != nil {
		return wrap("future car", err)
	}
	*f.p = &c
	return nil
}
