package localdb

import (
	"context"
	"database/sql"
	"errors"

	"github.com/myrenault/showroom"
)

// Register saves a new customer registered on this device: the draft is
// normalised and checked by the domain, then the pending customer, the
// consent record, the car (when a VIN was given) and one customer.register
// mutation for the portal are written in one transaction. It returns the
// customer as saved, with the Ref made for it when the draft had none.
//
// Errors: the domain's validation errors (showroom.ValidationErrors) for a
// draft that does not pass; EEmailTaken when a customer with the e-mail is
// already known here; EConflict when the draft's CustomerRef is already
// used. Nothing is written when Register fails.
func (db *DB) Register(ctx context.Context, r showroom.Registration) (showroom.Customer, error) {
	if err := r.Normalize(); err != nil {
		return showroom.Customer{}, err
	}
	if r.CustomerRef == "" {
		r.CustomerRef = newUUID()
	}
	var c showroom.Customer
	err := db.Update(ctx, func(tx *Tx) error {
		if r.DealerCode == "" {
			code, err := tx.setting(SettingDealerCode)
			if err != nil {
				return err
			}
			r.DealerCode = code
		}
		device, err := tx.setting(SettingDeviceID)
		if err != nil {
			return err
		}
		c = r.Customer(tx.now)
		if err := tx.checkEmailFree(c.Personal.Email, ""); err != nil {
			return err
		}
		var exists int
		err = tx.tx.QueryRowContext(tx.ctx, `SELECT 1 FROM customers WHERE ref = ?`, c.Ref).Scan(&exists)
		if err == nil {
			return showroom.Errorf(showroom.EConflict, "customer_ref", "conflict")
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return wrap("register", err)
		}
		id, err := tx.PutCustomer(c)
		if err != nil {
			return err
		}
		if err := tx.fail("register.customer"); err != nil {
			return err
		}
		consent := r.ConsentRecord()
		consent.DeviceID = device
		if err := tx.addConsent(id, consent); err != nil {
			return err
		}
		if v, ok := r.GarageVehicle(tx.now); ok {
			if _, err := tx.AddVehicle(v); err != nil {
				return err
			}
		}
		_, err = tx.Enqueue(MutationRegister, r)
		return err
	})
	if err != nil {
		return showroom.Customer{}, err
	}
	return c, nil
}
