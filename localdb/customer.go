package localdb

import (
	"context"
	"database/sql"
	"errors"

	"github.com/myrenault/showroom"
)

// customerCols are the columns of customers in the order customerArgs
// writes and scanCustomer reads them.
const customerCols = `ref, customer_id, state, dealer_code, source, staff_id,
	first_name, last_name, gender, birth_date, email, preferred_channel, marketing_consent,
	country, region, postcode, city, district, street_type, street, house, flat,
	home_phone, mobile_phone, mobile_phone_type, work_phone,
	children, interests, profession, created_at, updated_at, future_car`

const customerParams = `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`

func customerArgs(c *showroom.Customer) []any {
	p, a, x := &c.Personal, &c.Contacts, &c.Extra
	var children sql.NullInt64
	if x.Children != nil {
		children = sql.NullInt64{Int64: int64(*x.Children), Valid: true}
	}
	return []any{
		c.Ref, nullText(c.ID), string(c.State), c.DealerCode, string(c.Source), c.StaffID,
		p.FirstName, p.LastName, string(p.Gender), dateText(p.BirthDate), p.Email,
		string(p.PreferredChannel), p.MarketingConsent,
		a.Country, a.Region, a.Postcode, a.City, a.District, a.StreetType, a.Street, a.House, a.Flat,
		a.HomePhone, a.MobilePhone, a.MobilePhoneType, a.WorkPhone,
		children, jsonList(x.Interests), x.Profession, timeText(c.CreatedAt), timeText(c.UpdatedAt),
		futureCarText(c.FutureCar),
	}
}

type scanner interface{ Scan(dest ...any) error }

// scanCustomer reads the local id and the customerCols.
func scanCustomer(row scanner, id *int64, c *showroom.Customer) error {
	p, a, x := &c.Personal, &c.Contacts, &c.Extra
	var children sql.NullInt64
	err := row.Scan(id,
		&c.Ref, text{&c.ID}, &c.State, &c.DealerCode, &c.Source, &c.StaffID,
		&p.FirstName, &p.LastName, &p.Gender, nullTime{&p.BirthDate}, &p.Email,
		&p.PreferredChannel, &p.MarketingConsent,
		&a.Country, &a.Region, &a.Postcode, &a.City, &a.District, &a.StreetType, &a.Street, &a.House, &a.Flat,
		&a.HomePhone, &a.MobilePhone, &a.MobilePhoneType, &a.WorkPhone,
		&children, list{&x.Interests}, &x.Profession, nullTime{&c.CreatedAt}, nullTime{&c.UpdatedAt},
		futureCar{&c.FutureCar})
	if err != nil {
		return err
	}
	x.Children = nil
	if children.Valid {
		n := int(children.Int64)
		x.Children = &n
	}
	return nil
}

// PutCustomer saves c, inserting it or replacing the customer with the same
// Ref, and returns its local id. A zero CreatedAt or UpdatedAt is set to
// the transaction's time. It returns an EEmailTaken error when another
// customer has the e-mail.
func (tx *Tx) PutCustomer(c showroom.Customer) (int64, error) {
	if c.Ref == "" {
		return 0, showroom.Errorf(showroom.EInvalid, "customer_ref", "invalid")
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = tx.now
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = tx.now
	}
	if err := tx.checkEmailFree(c.Personal.Email, c.Ref); err != nil {
		return 0, err
	}
	var id int64
	err := tx.queryRow(`INSERT INTO customers (`+customerCols+`) VALUES (`+customerParams+`)
		ON CONFLICT (ref) DO UPDATE SET
			customer_id = excluded.customer_id, state = excluded.state, dealer_code = excluded.dealer_code,
			source = excluded.source, staff_id = excluded.staff_id,
			first_name = excluded.first_name, last_name = excluded.last_name, gender = excluded.gender,
			birth_date = excluded.birth_date, email = excluded.email,
			preferred_channel = excluded.preferred_channel, marketing_consent = excluded.marketing_consent,
			country = excluded.country, region = excluded.region, postcode = excluded.postcode,
			city = excluded.city, district = excluded.district, street_type = excluded.street_type,
			street = excluded.street, house = excluded.house, flat = excluded.flat,
			home_phone = excluded.home_phone, mobile_phone = excluded.mobile_phone,
			mobile_phone_type = excluded.mobile_phone_type, work_phone = excluded.work_phone,
			children = excluded.children, interests = excluded.interests, profession = excluded.profession,
			updated_at = excluded.updated_at, future_car = excluded.future_car
		RETURNING id`, customerArgs(&c)...).Scan(&id)
	return id, wrap("put customer", err)
}

// checkEmailFree returns an EEmailTaken error when a customer other than
// ref has the e-mail (compared without regard to ASCII case, as the
// index does).
func (tx *Tx) checkEmailFree(email, ref string) error {
	if email == "" {
		return nil
	}
	var other string
	err := tx.queryRow(
		`SELECT ref FROM customers WHERE email = ? COLLATE NOCASE AND email <> ''`, email).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return wrap("check e-mail", err)
	case other != ref:
		return showroom.Errorf(showroom.EEmailTaken, "email", showroom.Reason(showroom.EEmailTaken))
	}
	return nil
}

// customerKey returns the local id of the customer with ref, or an
// ENotFound error.
func (tx *Tx) customerKey(ref string) (int64, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM customers WHERE ref = ?`, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("customer_ref")
	}
	return id, wrap("customer", err)
}

// DeleteCustomer removes the customer with ref and everything of theirs
// (garage, consents, saved dealers, messages); their orders stay, unlinked.
// It returns an ENotFound error when there is no such customer.
func (tx *Tx) DeleteCustomer(ref string) error {
	res, err := tx.exec(`DELETE FROM customers WHERE ref = ?`, ref)
	if err != nil {
		return wrap("delete customer", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("customer_ref")
	}
	return nil
}

// Customer returns the customer with ref, or an ENotFound error.
func (db *DB) Customer(ctx context.Context, ref string) (showroom.Customer, error) {
	var c showroom.Customer
	err := db.view(ctx, func(tx *sql.Tx) error {
		_, err := readCustomer(ctx, tx, ref, &c)
		return err
	})
	return c, err
}

func readCustomer(ctx context.Context, tx *sql.Tx, ref string, c *showroom.Customer) (int64, error) {
	var id int64
	row := tx.QueryRowContext(ctx, `SELECT id, `+customerCols+` FROM customers WHERE ref = ?`, ref)
	err := scanCustomer(row, &id, c)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("customer_ref")
	}
	return id, wrap("customer", err)
}

// AddConsent records a consent given by the customer c.CustomerRef.
func (tx *Tx) AddConsent(c showroom.Consent) error {
	id, err := tx.customerKey(c.CustomerRef)
	if err != nil {
		return err
	}
	return tx.addConsent(id, c)
}

func (tx *Tx) addConsent(customer int64, c showroom.Consent) error {
	_, err := tx.exec(insertConsentSQL, consentArgs(customer, &c)...)
	return wrap("add consent", err)
}

const insertConsentSQL = `INSERT INTO consents (customer, text_version, text_sha256, purpose, marketing,
	given_at, device_id, staff_id, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

func consentArgs(customer int64, c *showroom.Consent) []any {
	return []any{customer, c.TextVersion, c.TextSHA256, c.Purpose, c.Marketing,
		timeText(c.GivenAt), c.DeviceID, c.StaffID, timeText(c.WithdrawnAt)}
}

func readConsents(ctx context.Context, tx *sql.Tx, customer int64, ref string) ([]showroom.Consent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT text_version, text_sha256, purpose, marketing,
		given_at, device_id, staff_id, withdrawn_at FROM consents WHERE customer = ? ORDER BY id`, customer)
	if err != nil {
		return nil, wrap("consents", err)
	}
	defer rows.Close()
	var out []showroom.Consent
	for rows.Next() {
		c := showroom.Consent{CustomerRef: ref}
		err := rows.Scan(&c.TextVersion, &c.TextSHA256, &c.Purpose, &c.Marketing,
			nullTime{&c.GivenAt}, &c.DeviceID, &c.StaffID, nullTime{&c.WithdrawnAt})
		if err != nil {
			return nil, wrap("consents", err)
		}
		out = append(out, c)
	}
	return out, wrap("consents", rows.Err())
}
