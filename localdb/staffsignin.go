package localdb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/myrenault/showroom"
)

// Signing in at the staff window: each staff member has a PIN of their
// own (a bcrypt hash here); five wrong PINs lock that member for five
// minutes, a lock kept in the store so that restarting the app does not
// lift it.
const (
	StaffPINMaxFailures = 5
	StaffPINLock        = 5 * time.Minute
)

// PutStaffFromPortal inserts or updates a staff member as the portal's
// feed describes them — dealer, name, role, active — and keeps the PIN
// and its lock, which only this device knows.
func (tx *Tx) PutStaffFromPortal(u showroom.StaffUser) error {
	_, err := tx.exec(`INSERT INTO staff_users (id, dealer_code, name, role, active) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET dealer_code = excluded.dealer_code, name = excluded.name,
			role = excluded.role, active = excluded.active`,
		u.ID, u.DealerCode, u.Name, string(u.Role), u.Active)
	return wrap("put staff user", err)
}

// StaffMembers returns the dealer's active staff, by name, without PINs.
func (db *DB) StaffMembers(ctx context.Context, dealer string) ([]showroom.StaffUser, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, dealer_code, name, role, active FROM staff_users
		WHERE dealer_code = ? AND active = 1 ORDER BY name, id`, dealer)
	if err != nil {
		return nil, wrap("staff", err)
	}
	defer rows.Close()
	var out []showroom.StaffUser
	for rows.Next() {
		var u showroom.StaffUser
		if err := rows.Scan(&u.ID, &u.DealerCode, &u.Name, &u.Role, &u.Active); err != nil {
			return nil, wrap("staff", err)
		}
		out = append(out, u)
	}
	return out, wrap("staff", rows.Err())
}

// SignIn checks staff member id's PIN. The bcrypt comparison runs outside
// any transaction (it is slow on purpose; the writer must not wait on it).
//
// Errors: EBadCredentials for a wrong PIN, an inactive member or one
// without a PIN (the answer does not tell which); ETooManyAttempts, with
// how long the lock lasts, once StaffPINMaxFailures wrong PINs in a row
// have locked the member, until StaffPINLock has passed.
func (db *DB) SignIn(ctx context.Context, id, pin string) (showroom.StaffUser, time.Duration, error) {
	now := db.now()
	var u showroom.StaffUser
	err := db.r.QueryRowContext(ctx, `SELECT id, dealer_code, name, role, pin_hash, failed_attempts, locked_until, active
		FROM staff_users WHERE id = ?`, id).
		Scan(&u.ID, &u.DealerCode, &u.Name, &u.Role, &u.PINHash, &u.FailedAttempts, nullTime{&u.LockedUntil}, &u.Active)
	bad := showroom.Errorf(showroom.EBadCredentials, "pin", "")
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return showroom.StaffUser{}, 0, bad
	case err != nil:
		return showroom.StaffUser{}, 0, wrap("sign in", err)
	case u.LockedUntil.After(now):
		return showroom.StaffUser{}, u.LockedUntil.Sub(now), showroom.Errorf(showroom.ETooManyAttempts, "pin", "")
	}
	ok := u.Active && u.PINHash != "" && bcrypt.CompareHashAndPassword([]byte(u.PINHash), []byte(pin)) == nil
	var wait time.Duration
	err = db.Update(ctx, func(tx *Tx) error {
		if ok {
			_, err := tx.exec(`UPDATE staff_users SET failed_attempts = 0, locked_until = NULL WHERE id = ?`, id)
			return wrap("sign in", err)
		}
		// Counted in the transaction, so that two wrong PINs at once both count.
		var n int
		if err := tx.tx.QueryRowContext(ctx, `SELECT failed_attempts FROM staff_users WHERE id = ?`, id).Scan(&n); err != nil {
			return wrap("sign in", err)
		}
		n++
		var until sql.NullString
		if n >= StaffPINMaxFailures {
			wait = StaffPINLock
			until = timeText(tx.now.Add(StaffPINLock))
			n = 0
		}
		_, err := tx.exec(`UPDATE staff_users SET failed_attempts = ?, locked_until = ? WHERE id = ?`, n, until, id)
		return wrap("sign in", err)
	})
	switch {
	case err != nil:
		return showroom.StaffUser{}, 0, err
	case ok:
		u.PINHash, u.FailedAttempts, u.LockedUntil = "", 0, time.Time{}
		return u, 0, nil
	case wait > 0:
		return showroom.StaffUser{}, wait, showroom.Errorf(showroom.ETooManyAttempts, "pin", "")
	}
	return showroom.StaffUser{}, 0, bad
}
