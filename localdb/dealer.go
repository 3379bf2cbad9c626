package localdb

import (
	"context"
	"database/sql"
	"errors"

	"github.com/myrenault/showroom"
)

const dealerCols = `code, name, region, city, address, phone, email, lat, lon`

const upsertDealerSQL = `INSERT INTO dealers (` + dealerCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region, city = excluded.city,
		address = excluded.address, phone = excluded.phone, email = excluded.email,
		lat = excluded.lat, lon = excluded.lon`

func dealerArgs(d *showroom.Dealer) []any {
	var lat, lon sql.NullFloat64
	if d.Lat != 0 || d.Lon != 0 {
		lat = sql.NullFloat64{Float64: d.Lat, Valid: true}
		lon = sql.NullFloat64{Float64: d.Lon, Valid: true}
	}
	return []any{d.Code, d.Name, d.Region, d.City, d.Address, d.Phone, d.Email, lat, lon}
}

func scanDealer(row scanner, d *showroom.Dealer) error {
	var lat, lon sql.NullFloat64
	if err := row.Scan(&d.Code, &d.Name, &d.Region, &d.City, &d.Address, &d.Phone, &d.Email, &lat, &lon); err != nil {
		return err
	}
	d.Lat, d.Lon = lat.Float64, lon.Float64
	return nil
}

// PutDealer inserts or replaces the directory entry of d.Code.
func (tx *Tx) PutDealer(d showroom.Dealer) error {
	_, err := tx.exec(upsertDealerSQL, dealerArgs(&d)...)
	return wrap("put dealer", err)
}

// Dealer returns the dealer with code, or an ENotFound error.
func (db *DB) Dealer(ctx context.Context, code string) (showroom.Dealer, error) {
	var d showroom.Dealer
	err := scanDealer(db.r.QueryRowContext(ctx, `SELECT `+dealerCols+` FROM dealers WHERE code = ?`, code), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return d, notFound("dealer_code")
	}
	return d, wrap("dealer", err)
}

// Dealers returns the dealer directory ordered by region, city and name.
func (db *DB) Dealers(ctx context.Context) ([]showroom.Dealer, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+dealerCols+` FROM dealers ORDER BY region, city, name, code`)
	if err != nil {
		return nil, wrap("dealers", err)
	}
	defer rows.Close()
	var out []showroom.Dealer
	for rows.Next() {
		var d showroom.Dealer
		if err := scanDealer(rows, &d); err != nil {
			return nil, wrap("dealers", err)
		}
		out = append(out, d)
	}
	return out, wrap("dealers", rows.Err())
}

// SaveDealer adds a dealer to the customer's saved dealers, or updates
// whether it is the primary one. Making a dealer primary makes the
// previous primary an ordinary saved dealer. It returns an ENotFound error
// for an unknown customer.
func (tx *Tx) SaveDealer(s showroom.SavedDealer) error {
	id, err := tx.customerKey(s.CustomerRef)
	if err != nil {
		return err
	}
	return tx.saveDealer(id, s)
}

func (tx *Tx) saveDealer(customer int64, s showroom.SavedDealer) error {
	if s.Primary {
		_, err := tx.exec(`UPDATE saved_dealers SET is_primary = 0
			WHERE customer = ? AND is_primary = 1 AND dealer_code <> ?`, customer, s.DealerCode)
		if err != nil {
			return wrap("save dealer", err)
		}
	}
	_, err := tx.exec(upsertSavedDealerSQL, customer, s.DealerCode, s.Primary)
	return wrap("save dealer", err)
}

const upsertSavedDealerSQL = `INSERT INTO saved_dealers (customer, dealer_code, is_primary) VALUES (?, ?, ?)
	ON CONFLICT (customer, dealer_code) DO UPDATE SET is_primary = excluded.is_primary`

// RemoveSavedDealer removes a dealer from the customer's saved dealers; it
// returns an ENotFound error when it was not saved.
func (tx *Tx) RemoveSavedDealer(customerRef, code string) error {
	id, err := tx.customerKey(customerRef)
	if err != nil {
		return err
	}
	res, err := tx.exec(`DELETE FROM saved_dealers WHERE customer = ? AND dealer_code = ?`, id, code)
	if err != nil {
		return wrap("remove saved dealer", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("dealer_code")
	}
	return nil
}

func readSavedDealers(ctx context.Context, tx *sql.Tx, customer int64, ref string) ([]showroom.SavedDealer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT dealer_code, is_primary FROM saved_dealers
		WHERE customer = ? ORDER BY is_primary DESC, dealer_code`, customer)
	if err != nil {
		return nil, wrap("saved dealers", err)
	}
	defer rows.Close()
	var out []showroom.SavedDealer
	for rows.Next() {
		s := showroom.SavedDealer{CustomerRef: ref}
		if err := rows.Scan(&s.DealerCode, &s.Primary); err != nil {
			return nil, wrap("saved dealers", err)
		}
		out = append(out, s)
	}
	return out, wrap("saved dealers", rows.Err())
}
