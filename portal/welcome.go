package portal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// WelcomePackLogin implements Store. The login is the customer ID, the
// password a VIN in the customer's garage, and only customers of the
// device's dealer sign in. Failures are recorded per customer ID (also for
// IDs that do not exist or belong to another dealer, so that the answer
// does not tell which exist where); a success does not clear them.
func (s *SQLite) WelcomePackLogin(ctx context.Context, dev Device, customerID, vin string) (api.WelcomePackCustomer, time.Duration, error) {
	var out api.WelcomePackCustomer
	var wait time.Duration
	vin = showroom.NormalizeVIN(vin)
	err := s.update(ctx, func(tx *sql.Tx) error {
		now := s.now()
		rows, err := tx.QueryContext(ctx, `SELECT at FROM login_failures WHERE customer_id = ? AND at > ? ORDER BY at`,
			customerID, fmtTime(now.Add(-showroom.WelcomePackFailureHorizon)))
		if err != nil {
			return err
		}
		var fails []time.Time
		for rows.Next() {
			var at string
			if err := rows.Scan(&at); err != nil {
				rows.Close()
				return err
			}
			t, err := time.Parse(timeLayout, at)
			if err != nil {
				rows.Close()
				return err
			}
			fails = append(fails, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if wait = showroom.WelcomePackLockedFor(fails, now); wait > 0 {
			return showroom.Errorf(showroom.ETooManyAttempts, "customer_id", "")
		}
		var data string
		err = tx.QueryRowContext(ctx, `SELECT c.data FROM customers c JOIN vehicles v ON v.customer_id = c.id
			WHERE c.id = ? AND c.dealer = ? AND v.vin = ? AND c.state != ?`,
			customerID, dev.Dealer, vin, showroom.StateWithdrawn).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (customer_id, at) VALUES (?, ?)`, customerID, fmtTime(now)); err != nil {
				return err
			}
			return nil
		}
		if err != nil {
			return err
		}
		var c showroom.Customer
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			return err
		}
		out = api.WelcomePackCustomer{CustomerID: c.ID, FirstName: c.Personal.FirstName, LastName: c.Personal.LastName}
		return nil
	})
	if err != nil {
		return out, wait, err
	}
	if out.CustomerID == "" {
		return out, 0, showroom.Errorf(showroom.EBadCredentials, "", "")
	}
	return out, 0, nil
}
