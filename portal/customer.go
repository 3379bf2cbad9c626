package portal

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// firstCustomerID is where the portal's own customer IDs start: decimal
// digits, 9 of them, above the 8-digit IDs of the demo and of imports.
const firstCustomerID = 300_000_000

// nextCustomerID allocates a customer ID from the counter table; the
// caller's write transaction makes it unique.
func (m *mtx) nextCustomerID() (string, error) {
	var n int64
	err := m.queryRow(`INSERT INTO counters (name, value) VALUES ('customer', ?)
		ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`, firstCustomerID).Scan(&n)
	return strconv.FormatInt(n, 10), err
}

// emailKey is the form in which e-mail addresses are compared: mail
// systems treat the local part case-insensitively in practice, and one
// person must not get two accounts over a capital letter.
func emailKey(email string) string { return strings.ToLower(email) }

// saveCustomer writes a customer row (insert or replace) and its change.
func (m *mtx) saveCustomer(c showroom.Customer, confirmHash string) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	var email, hash any
	if c.Personal.Email != "" {
		email = emailKey(c.Personal.Email)
	}
	if confirmHash != "" {
		hash = confirmHash
	}
	err = m.exec(`INSERT INTO customers (id, ref, dealer, state, source, email, confirm_hash, created_at, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET ref = excluded.ref, dealer = excluded.dealer, state = excluded.state,
			source = excluded.source, email = excluded.email, data = excluded.data`,
		c.ID, c.Ref, c.DealerCode, c.State, c.Source, email, hash, fmtTime(c.CreatedAt), data)
	if err != nil {
		return err
	}
	return m.exec(`INSERT INTO changes (type, entity_id, deleted, data, dealer) VALUES (?, ?, 0, ?, ?)`,
		api.ChangeCustomer, c.ID, data, c.DealerCode)
}

// customer finds a customer of the device's dealer by ID or by the
// customer_ref the device made; api.CodeUnknownCustomer otherwise.
func (m *mtx) customer(k api.CustomerKey) (showroom.Customer, error) {
	var c showroom.Customer
	var data string
	var err error
	switch {
	case k.CustomerID != "":
		err = m.queryRow(`SELECT data FROM customers WHERE id = ? AND dealer = ?`, k.CustomerID, m.dev.Dealer).Scan(&data)
	case k.CustomerRef != "":
		err = m.queryRow(`SELECT data FROM customers WHERE dealer = ? AND ref = ?`, m.dev.Dealer, k.CustomerRef).Scan(&data)
	default:
		return c, showroom.Errorf(api.CodeUnknownCustomer, "customer_id", "")
	}
	if errors.Is(err, sql.ErrNoRows) {
		return c, showroom.Errorf(api.CodeUnknownCustomer, "customer_id", "")
	}
	if err != nil {
		return c, err
	}
	return c, json.Unmarshal([]byte(data), &c)
}

// applyRegister creates a pending account at the device's dealer, records
// the consent with device and staff member, puts the VIN (if any) into the
// garage and queues the confirmation e-mail in the same transaction. An e-mail that already has
// an account is rejected with email_taken and creates nothing.
//
// The account is created when the device made the registration (see
// madeAt), not when it arrives: a kiosk that was offline at the end of a
// quarter credits its dealer in that quarter, as the device itself counts
// it, and the feed gives every device of the dealer the same date. The
// arrival is the account's UpdatedAt, and the confirmation e-mail is
// queued then.
func applyRegister(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var r showroom.Registration
	if err := decode(data, &r); err != nil {
		return nil, err
	}
	if err := r.Normalize(); err != nil {
		return nil, err
	}
	if r.CustomerRef == "" || len(r.CustomerRef) > 100 {
		return nil, showroom.Errorf(showroom.EInvalid, "customer_ref", "")
	}
	var n int
	if err := m.queryRow(`SELECT count(*) FROM customers WHERE email = ?`, emailKey(r.Email)).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, showroom.Errorf(showroom.EEmailTaken, "email", "")
	}
	if r.Source == "" {
		r.Source = showroom.SourceStaff
		if m.dev.Kind == api.KindKiosk {
			r.Source = showroom.SourceKiosk
		}
	}
	r.DealerCode = m.dev.Dealer
	id, err := m.nextCustomerID()
	if err != nil {
		return nil, err
	}
	made, err := m.madeAt()
	if err != nil {
		return nil, err
	}
	c := r.Customer(made)
	c.ID = id
	c.UpdatedAt = m.now
	token := newToken()
	if err := m.saveCustomer(c, hashSecret(token)); err != nil {
		return nil, err
	}
	cr := r.ConsentRecord()
	err = m.exec(`INSERT INTO consents (customer_id, text_version, text_sha256, purpose, marketing, given_at, device_id, staff_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, cr.TextVersion, cr.TextSHA256, cr.Purpose, cr.Marketing,
		fmtTime(cr.GivenAt), m.dev.ID, cr.StaffID)
	if err != nil {
		return nil, err
	}
	if v, ok := r.GarageVehicle(made); ok {
		// A registration is never lost over the car: an engine number the
		// registry contradicts leaves the car unverified instead.
		v.ID = newID()
		if err := m.verify(&v); err != nil && showroom.ErrorCode(err) != showroom.EEngineMismatch {
			return nil, err
		}
		if err := m.saveVehicle(c, v); err != nil {
			return nil, err
		}
	}
	mail, err := json.Marshal(Confirmation{CustomerID: id, Email: c.Personal.Email, FirstName: c.Personal.FirstName,
		LastName: c.Personal.LastName, Token: token})
	if err != nil {
		return nil, err
	}
	if err := m.exec(`INSERT INTO mail_outbox (data, created_at) VALUES (?, ?)`, mail, fmtTime(m.now)); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeCustomer, ID: id, Ref: c.Ref}, nil
}

// madeAt is when the mutation was made, as the registration goal credits
// it (showroom.RegistrationTime): the device's "at", held between the
// device's enrolment and the portal's clock.
func (m *mtx) madeAt() (time.Time, error) {
	var enrolled time.Time
	var at string
	err := m.queryRow(`SELECT created_at FROM devices WHERE id = ?`, m.dev.ID).Scan(&at)
	switch {
	case err == nil:
		if enrolled, err = time.Parse(timeLayout, at); err != nil {
			return time.Time{}, err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return time.Time{}, err
	}
	return showroom.RegistrationTime(m.at, enrolled, m.now).UTC(), nil
}

// applyCustomerUpdate replaces the sections of the profile the mutation
// carries, checking names and phones with the domain's validators.
func applyCustomerUpdate(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var u api.CustomerUpdate
	if err := decode(data, &u); err != nil {
		return nil, err
	}
	c, err := m.customer(u.CustomerKey)
	if err != nil {
		return nil, err
	}
	if p := u.Personal; p != nil {
		if p.FirstName, err = showroom.NormalizeName("first_name", p.FirstName); err != nil {
			return nil, err
		}
		if p.LastName, err = showroom.NormalizeName("last_name", p.LastName); err != nil {
			return nil, err
		}
		p.Email = c.Personal.Email // the e-mail is the login: not changed here
		c.Personal = *p
	}
	if k := u.Contacts; k != nil {
		for _, ph := range []*string{&k.MobilePhone, &k.HomePhone, &k.WorkPhone} {
			if *ph = strings.TrimSpace(*ph); *ph == "" {
				continue
			}
			norm := showroom.NormalizePhone
			if ph == &k.MobilePhone {
				norm = showroom.NormalizeMobile
			}
			if *ph, err = norm(*ph); err != nil {
				return nil, err
			}
		}
		c.Contacts = *k
	}
	if u.Extra != nil {
		c.Extra = *u.Extra
	}
	if u.FutureCar != nil {
		c.FutureCar = u.FutureCar
	}
	c.UpdatedAt = m.now
	if err := m.saveCustomer(c, ""); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeCustomer, ID: c.ID, Ref: c.Ref}, nil
}

// applyConsentWithdraw withdraws a consent: the personal-data one makes
// the account withdrawn, the marketing one clears «Согласие на коммуникацию».
func applyConsentWithdraw(m *mtx, data json.RawMessage) (*api.Entity, error) {
	var w api.ConsentWithdraw
	if err := decode(data, &w); err != nil {
		return nil, err
	}
	c, err := m.customer(w.CustomerKey)
	if err != nil {
		return nil, err
	}
	switch w.Purpose {
	case "", showroom.PurposePersonalData:
		if err := m.exec(`UPDATE consents SET withdrawn_at = ? WHERE customer_id = ? AND withdrawn_at IS NULL`,
			fmtTime(m.now), c.ID); err != nil {
			return nil, err
		}
		c.State = showroom.StateWithdrawn
		c.Personal.MarketingConsent = false
	case showroom.PurposeMarketing:
		if err := m.exec(`UPDATE consents SET marketing = 0 WHERE customer_id = ?`, c.ID); err != nil {
			return nil, err
		}
		c.Personal.MarketingConsent = false
	default:
		return nil, showroom.Errorf(showroom.EInvalid, "purpose", "")
	}
	c.UpdatedAt = m.now
	if err := m.saveCustomer(c, ""); err != nil {
		return nil, err
	}
	return &api.Entity{Type: api.ChangeCustomer, ID: c.ID, Ref: c.Ref}, nil
}
