package localdb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/myrenault/showroom"
)

// The portal's limit on wrong Welcome Pack logins, the domain's rule, which
// the offline check keeps too: five per customer ID within 15 minutes lock
// it for 15 minutes from the fifth.
const (
	WelcomePackMaxFailures = showroom.WelcomePackMaxFailures
	WelcomePackWindow      = showroom.WelcomePackWindow
	WelcomePackLockout     = showroom.WelcomePackLockout
)

// WelcomePackLogin checks a Welcome Pack login — the customer ID and a VIN
// in that customer's garage — against the customers this device caches,
// for a kiosk that cannot reach the portal. It returns the customer.
//
// Errors: EBadCredentials for a wrong pair (recorded against the customer
// ID); ETooManyAttempts, with how long to wait, for WelcomePackLockout
// after WelcomePackMaxFailures wrong pairs within WelcomePackWindow.
func (db *DB) WelcomePackLogin(ctx context.Context, customerID, vin string) (showroom.Customer, time.Duration, error) {
	vin = showroom.NormalizeVIN(vin)
	var c showroom.Customer
	var wait time.Duration
	bad := false
	err := db.Update(ctx, func(tx *Tx) error {
		rows, err := tx.tx.QueryContext(ctx, `SELECT at FROM welcome_pack_failures
			WHERE customer_id = ? AND at > ? ORDER BY at`, customerID, timeText(tx.now.Add(-showroom.WelcomePackFailureHorizon)))
		if err != nil {
			return wrap("welcome pack", err)
		}
		var fails []time.Time
		for rows.Next() {
			var at time.Time
			if err := rows.Scan(nullTime{&at}); err != nil {
				rows.Close()
				return wrap("welcome pack", err)
			}
			fails = append(fails, at)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap("welcome pack", err)
		}
		if wait = showroom.WelcomePackLockedFor(fails, tx.now); wait > 0 {
			return showroom.Errorf(showroom.ETooManyAttempts, "customer_id", "too_many_attempts")
		}
		var ref string
		err = tx.tx.QueryRowContext(ctx, `SELECT c.ref FROM customers c JOIN vehicles v ON v.customer = c.id
			WHERE c.customer_id = ? AND v.vin = ? AND c.state <> ?`, customerID, vin, string(showroom.StateWithdrawn)).Scan(&ref)
		if errors.Is(err, sql.ErrNoRows) {
			if _, err := tx.exec(`INSERT INTO welcome_pack_failures (customer_id, at) VALUES (?, ?)`,
				customerID, timeText(tx.now)); err != nil {
				return wrap("welcome pack", err)
			}
			bad = true // committed: the failure must count
			return nil
		}
		if err != nil {
			return wrap("welcome pack", err)
		}
		_, err = readCustomer(ctx, tx.tx, ref, &c)
		return err
	})
	if err == nil && bad {
		return showroom.Customer{}, 0, showroom.Errorf(showroom.EBadCredentials, "customer_id", "bad_credentials")
	}
	return c, wait, err
}

// WelcomePackActivation is what a Welcome Pack customer gives at the kiosk
// to activate the account: an e-mail, a preferred channel, and the consent.
type WelcomePackActivation struct {
	CustomerID       string
	FirstName        string
	LastName         string
	Email            string
	PreferredChannel showroom.Channel
	Consent          showroom.RegistrationConsent
}

// MutationWelcomePackActivate is the portal's mutation that activates a
// Welcome Pack account with an e-mail, a channel and the consent.
const MutationWelcomePackActivate = "welcome_pack.activate"

// welcomePackActivate is that mutation's data, in the portal's wire shape.
type welcomePackActivate struct {
	CustomerID       string                       `json:"customer_id"`
	Email            string                       `json:"email"`
	PreferredChannel showroom.Channel             `json:"preferred_channel,omitempty"`
	Consent          showroom.RegistrationConsent `json:"consent"`
}

// ActivateWelcomePack records a Welcome Pack activation: the e-mail and the
// consent are checked by the domain's rules (the names come from the
// login), then kept with the device's ID together with a
// welcome_pack.activate mutation for the portal, which confirms the e-mail;
// a customer cached here also gets the consent record, the channel and the
// marketing consent at once.
//
// Errors: the domain's ValidationErrors.
func (db *DB) ActivateWelcomePack(ctx context.Context, a WelcomePackActivation) error {
	r := showroom.Registration{LastName: a.LastName, FirstName: a.FirstName, Email: a.Email,
		PreferredChannel: a.PreferredChannel, Consent: a.Consent}
	if err := r.Normalize(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		device, err := tx.setting(SettingDeviceID)
		if err != nil {
			return err
		}
		if _, err := tx.Enqueue(MutationWelcomePackActivate, welcomePackActivate{CustomerID: a.CustomerID,
			Email: r.Email, PreferredChannel: r.PreferredChannel, Consent: r.Consent}); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO welcome_pack_activations (customer_id, email, preferred_channel,
			marketing, text_version, text_sha256, given_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a.CustomerID, r.Email, string(r.PreferredChannel), r.Consent.Marketing, r.Consent.TextVersion,
			r.Consent.TextSHA256, timeText(r.Consent.GivenAt), device); err != nil {
			return wrap("activate", err)
		}
		ref, err := tx.CustomerRefByID(a.CustomerID)
		if isNotFound(err) || ref == "" {
			return nil // not cached here: the portal's answer brings the customer
		} else if err != nil {
			return err
		}
		var c showroom.Customer
		key, err := readCustomer(tx.ctx, tx.tx, ref, &c)
		if err != nil {
			return err
		}
		consent := r.ConsentRecord()
		consent.CustomerRef, consent.DeviceID = ref, device
		if err := tx.addConsent(key, consent); err != nil {
			return err
		}
		c.Personal.PreferredChannel = r.PreferredChannel
		c.Personal.MarketingConsent = r.Consent.Marketing
		_, err = tx.exec(`UPDATE customers SET preferred_channel = ?, marketing_consent = ?, updated_at = ?
			WHERE id = ?`, string(r.PreferredChannel), r.Consent.Marketing, timeText(tx.now), key)
		return wrap("activate", err)
	})
}
