package localdb

import (
	"context"
	"database/sql"
	"errors"
)

// Setting keys other packages use.
const (
	SettingDeviceID   = "device.id"
	SettingDealerCode = "device.dealer_code"
	SettingPortalURL  = "portal.url"
)

// Setting returns the value of key, or an ENotFound error when it is not
// set.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("setting")
	}
	return v, wrap("setting", err)
}

// SetSetting sets key to value.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.SetSetting(key, value) })
}

// SetSetting sets key to value within tx.
func (tx *Tx) SetSetting(key, value string) error {
	_, err := tx.exec(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return wrap("setting", err)
}

// setting reads key within tx; "" when it is not set.
func (tx *Tx) setting(key string) (string, error) {
	var v string
	err := tx.queryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, wrap("setting", err)
}
