package portal

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/myrenault/showroom"
)

// Buyer is who bought a car in a retail sale, as the dealer's sales feed
// names them: enough for a Welcome Pack account and its printed sheet.
type Buyer struct {
	LastName, FirstName string // normalised (showroom.NormalizeName)
	Email               string // optional, normalised
	Phone               string // optional, normalised (showroom.NormalizePhone)
	// EngineNumber is the car's, when the feed has it, normalised: with it
	// the car is checked against the factory registry.
	EngineNumber string
}

// WelcomePackAccount gives the buyer of a retail sale a Welcome Pack
// account, as the programme does for everyone who buys a car: a customer
// ID from the same counter as registrations, state active with no consent
// yet (activating it at a kiosk, a desk or the sheet's page records the
// consent and confirms the e-mail), the selling dealer saved as primary,
// and the car in the garage, verified when the registry has its engine
// number and the feed gave the same. The customer and car enter the
// change feed of the selling dealer's devices, as a demo cabinet does, so
// a kiosk checks the Welcome Pack login offline too. Record the sale first
// (Sale); the account is remembered with it.
//
// No account is made, and "" returned, for a corporate sale; for a sale
// that already made one (importing a file again changes nothing of it);
// for a buyer whose e-mail already has an account; or for a car already
// in someone's garage (its owner registered it, at the handover or by its
// order). An engine number the registry contradicts is EEngineMismatch.
func (l *Loader) WelcomePackAccount(s showroom.Sale, b Buyer) (string, error) {
	if s.Kind != showroom.SaleRetail {
		return "", nil
	}
	when := fmtTime(s.Date)
	var made sql.NullString
	err := l.m.queryRow(`SELECT customer_id FROM sales WHERE vin = ? AND sold_at = ?`, s.VIN, when).Scan(&made)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errors.New("portal: WelcomePackAccount before Sale")
	}
	if err != nil || made.Valid {
		return "", err
	}
	var n int
	if err := l.m.queryRow(`SELECT (SELECT count(*) FROM customers WHERE email = ?) + (SELECT count(*) FROM vehicles WHERE vin = ?)`,
		nullStr(emailKey(b.Email)), s.VIN).Scan(&n); err != nil || n > 0 {
		return "", err
	}
	d, err := showroom.DecodeVIN(s.VIN)
	if err != nil {
		return "", err
	}
	v := showroom.Vehicle{ID: newID(), VIN: d.VIN, Model: d.Model, EngineNumber: b.EngineNumber, AddedAt: l.m.now}
	if err := l.m.verify(&v); err != nil {
		return "", err
	}
	id, err := l.m.nextCustomerID()
	if err != nil {
		return "", err
	}
	c := showroom.Customer{ID: id, Ref: id, State: showroom.StateActive, DealerCode: s.DealerCode,
		Source: showroom.SourceWelcomePack, CreatedAt: l.m.now, UpdatedAt: l.m.now,
		Personal: showroom.PersonalData{LastName: b.LastName, FirstName: b.FirstName, Email: b.Email}}
	if mobile, err := showroom.NormalizeMobile(b.Phone); err == nil {
		c.Contacts.MobilePhone = mobile
	} else {
		c.Contacts.HomePhone = b.Phone // a landline, or none
	}
	err = l.Cabinet(showroom.Cabinet{Customer: c, Garage: []showroom.Vehicle{v},
		SavedDealers: []showroom.SavedDealer{{DealerCode: s.DealerCode, Primary: true}}})
	if err != nil {
		return "", err
	}
	if err := l.m.recallMessages(v.VIN); err != nil {
		return "", err
	}
	return id, l.m.exec(`UPDATE sales SET customer_id = ? WHERE vin = ? AND sold_at = ?`, id, s.VIN, when)
}

// buyer reads the buyer columns of a sales row; ok is false when they are
// all empty. The names are required once any is given.
func (r *row) buyer() (b Buyer, ok bool, err error) {
	for _, col := range []string{"last_name", "first_name", "email", "phone"} {
		ok = ok || r.str(col) != ""
	}
	if e := r.str("engine_number"); e != "" {
		if b.EngineNumber, err = showroom.NormalizeEngineNumber(e); err != nil {
			return b, ok, r.fail("engine_number", err)
		}
	}
	if !ok {
		return b, false, nil
	}
	for _, f := range []struct {
		col string
		to  *string
	}{{"last_name", &b.LastName}, {"first_name", &b.FirstName}} {
		if *f.to, err = showroom.NormalizeName(f.col, r.str(f.col)); err != nil {
			return b, true, r.fail(f.col, err)
		}
	}
	if e := r.str("email"); e != "" {
		if b.Email, err = showroom.NormalizeEmail(e); err != nil {
			return b, true, r.fail("email", err)
		}
	}
	if p := strings.TrimSpace(r.str("phone")); p != "" {
		if b.Phone, err = showroom.NormalizePhone(p); err != nil {
			return b, true, r.fail("phone", err)
		}
	}
	return b, true, nil
}
