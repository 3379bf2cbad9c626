package localdb

import (
	"context"
	"strconv"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/myrenault/showroom"
)

// The kiosk's lock on staff PINs: five wrong PINs in a row lock the exit
// for five minutes.
const (
	KioskPINMaxFailures = 5
	KioskPINLock        = 5 * time.Minute
)

// Settings of the kiosk's PIN lock.
const (
	settingPINFailures    = "kiosk.pin_failures"
	settingPINLockedUntil = "kiosk.pin_locked_until"
)

// pinCost is bcrypt's work factor for staff PINs; tests lower it.
var pinCost = bcrypt.DefaultCost

// PIN lengths: staff PINs have 6 to 12 digits.
const (
	MinPINLen = 6
	MaxPINLen = 12
)

// checkPIN accepts a staff PIN of MinPINLen to MaxPINLen digits.
func checkPIN(pin string) error {
	if len(pin) < MinPINLen || len(pin) > MaxPINLen || !isAllDigits(pin) {
		return showroom.Errorf(showroom.EInvalid, "pin", "invalid")
	}
	return nil
}

func isAllDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SetStaffPIN sets the PIN of staff user id, kept as a bcrypt hash.
// Errors: EInvalid for a PIN that is not 6 to 12 digits; ENotFound for an
// unknown user.
func (db *DB) SetStaffPIN(ctx context.Context, id, pin string) error {
	if err := checkPIN(pin); err != nil {
		return err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pin), pinCost)
	if err != nil {
		return wrap("staff pin", err)
	}
	return db.Update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE staff_users SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?`, string(h), id)
		if err != nil {
			return wrap("staff pin", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("staff_id")
		}
		return nil
	})
}

// HasStaffPIN reports whether any active staff member has a PIN: without
// one, nobody could leave the kiosk.
func (db *DB) HasStaffPIN(ctx context.Context) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM staff_users WHERE active = 1 AND pin_hash <> ''`).Scan(&n)
	return n > 0, wrap("staff pin", err)
}

// CheckKioskPIN checks a PIN typed to leave the kiosk against every active
// staff member's and returns the staff ID it belongs to. The comparison is
// made outside any transaction (bcrypt is slow on purpose, and the writer
// must not wait on it); the count of wrong PINs is kept in the settings so
// that restarting the app does not lift the lock.
//
// Errors: EBadCredentials for a wrong PIN; ETooManyAttempts, with how long
// the lock lasts, after KioskPINMaxFailures wrong PINs in a row, and until
// KioskPINLock has passed.
func (db *DB) CheckKioskPIN(ctx context.Context, pin string) (string, time.Duration, error) {
	now := db.now()
	until, err := db.Setting(ctx, settingPINLockedUntil)
	if err != nil && !isNotFound(err) {
		return "", 0, err
	}
	if t, perr := time.Parse(time.RFC3339Nano, until); perr == nil && t.After(now) {
		return "", t.Sub(now), showroom.Errorf(showroom.ETooManyAttempts, "pin", "too_many_attempts")
	}
	staffID := ""
	if checkPIN(pin) == nil {
		rows, err := db.r.QueryContext(ctx, `SELECT id, pin_hash FROM staff_users WHERE active = 1 AND pin_hash <> '' ORDER BY id`)
		if err != nil {
			return "", 0, wrap("staff pin", err)
		}
		type cand struct{ id, hash string }
		var cands []cand
		for rows.Next() {
			var c cand
			if err := rows.Scan(&c.id, &c.hash); err != nil {
				rows.Close()
				return "", 0, wrap("staff pin", err)
			}
			cands = append(cands, c)
		}
		rows.Close()
		for _, c := range cands {
			if bcrypt.CompareHashAndPassword([]byte(c.hash), []byte(pin)) == nil {
				staffID = c.id
				break
			}
		}
	}
	var wait time.Duration
	err = db.Update(ctx, func(tx *Tx) error {
		if staffID != "" {
			return tx.SetSetting(settingPINFailures, "0")
		}
		s, err := tx.setting(settingPINFailures)
		if err != nil {
			return err
		}
		n, _ := strconv.Atoi(s)
		n++
		if n >= KioskPINMaxFailures {
			wait = KioskPINLock
			if err := tx.SetSetting(settingPINLockedUntil, tx.now.Add(KioskPINLock).Format(time.RFC3339Nano)); err != nil {
				return err
			}
			n = 0
		}
		return tx.SetSetting(settingPINFailures, strconv.Itoa(n))
	})
	switch {
	case err != nil:
		return "", 0, err
	case staffID != "":
		return staffID, 0, nil
	case wait > 0:
		return "", wait, showroom.Errorf(showroom.ETooManyAttempts, "pin", "too_many_attempts")
	}
	return "", 0, showroom.Errorf(showroom.EBadCredentials, "pin", "bad_credentials")
}

// StaffIDs returns the IDs of the active staff, administrators first.
func (db *DB) StaffIDs(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM staff_users WHERE active = 1
		ORDER BY role <> 'admin', id`)
	if err != nil {
		return nil, wrap("staff", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("staff", err)
		}
		ids = append(ids, id)
	}
	return ids, wrap("staff", rows.Err())
}
