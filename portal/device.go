package portal

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// NewEnrollCode implements Store.
func (s *SQLite) NewEnrollCode(ctx context.Context, dealer string, ttl time.Duration) (string, error) {
	code := newEnrollCode()
	err := s.update(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM dealers WHERE code = ?`, dealer).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return showroom.Errorf(showroom.ENotFound, "dealer", "not_found")
		}
		now := s.now()
		_, err := tx.ExecContext(ctx, `INSERT INTO enroll_codes (hash, dealer, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			hashSecret(normEnrollCode(code)), dealer, fmtTime(now), fmtTime(now.Add(ttl)))
		return err
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

// Enroll implements Store.
func (s *SQLite) Enroll(ctx context.Context, req api.EnrollRequest) (api.EnrollResponse, error) {
	var out api.EnrollResponse
	kind := strings.TrimSpace(req.Kind)
	if kind != api.KindKiosk && kind != api.KindDesk {
		return out, showroom.Errorf(showroom.EInvalid, "kind", "invalid")
	}
	name := strings.TrimSpace(req.Name)
	if name == "" || len(name) > 100 {
		return out, showroom.Errorf(showroom.EInvalid, "name", "invalid")
	}
	adminName := ""
	if strings.TrimSpace(req.Admin) != "" {
		n, err := showroom.NormalizeName("admin", req.Admin)
		if err != nil {
			return out, err
		}
		adminName = n
	}
	var key any
	if len(req.PublicKey) > 0 {
		if len(req.PublicKey) != ed25519.PublicKeySize {
			return out, showroom.Errorf(showroom.EInvalid, "public_key", "invalid")
		}
		key = []byte(req.PublicKey)
	}
	token := newToken()
	err := s.update(ctx, func(tx *sql.Tx) error {
		now := s.now()
		h := hashSecret(normEnrollCode(req.Code))
		var dealer, expires string
		var used sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT dealer, expires_at, used_at FROM enroll_codes WHERE hash = ?`, h).Scan(&dealer, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) || err == nil && (used.Valid || expires <= fmtTime(now)) {
			return showroom.Errorf(api.CodeBadEnrollmentCode, "code", "")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enroll_codes SET used_at = ? WHERE hash = ?`, fmtTime(now), h); err != nil {
			return err
		}
		out.DeviceID = newID()
		if out.CouponPrefix, err = freePrefix(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO devices (id, dealer, name, kind, token_hash, created_at, public_key, coupon_prefix)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			out.DeviceID, dealer, name, kind, hashSecret(token), fmtTime(now), key, out.CouponPrefix); err != nil {
			return err
		}
		var data string
		if err := tx.QueryRowContext(ctx, `SELECT data FROM dealers WHERE code = ?`, dealer).Scan(&data); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(data), &out.Dealer); err != nil {
			return err
		}
		if adminName == "" {
			return nil
		}
		m := &mtx{ctx: ctx, tx: tx, dev: Device{ID: out.DeviceID, Dealer: dealer, Name: name, Kind: kind}, now: now}
		admin, err := m.enrollAdmin(dealer, adminName)
		out.Admin = &admin
		return err
	})
	if err != nil {
		return api.EnrollResponse{}, err
	}
	out.Token = token
	return out, nil
}

// enrollAdmin finds the dealer's active administrator named name, or
// makes one; the feed brings them to the dealer's devices.
func (m *mtx) enrollAdmin(dealer, name string) (showroom.StaffUser, error) {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT data FROM staff WHERE dealer = ? ORDER BY id`, dealer)
	if err != nil {
		return showroom.StaffUser{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return showroom.StaffUser{}, err
		}
		var u showroom.StaffUser
		if err := json.Unmarshal([]byte(data), &u); err != nil {
			return showroom.StaffUser{}, err
		}
		if u.Active && u.Role == showroom.RoleAdmin && strings.EqualFold(u.Name, name) {
			return u, nil
		}
	}
	if err := rows.Err(); err != nil {
		return showroom.StaffUser{}, err
	}
	rows.Close()
	u := showroom.StaffUser{ID: dealer + "-" + newID()[:10], DealerCode: dealer, Name: name, Role: showroom.RoleAdmin, Active: true}
	return u, m.saveStaff(u)
}

// DeviceByToken implements Store.
func (s *SQLite) DeviceByToken(ctx context.Context, token string) (Device, error) {
	var d Device
	if token == "" {
		return d, showroom.Errorf(showroom.EUnauthorized, "", "unauthorized")
	}
	err := s.r.QueryRowContext(ctx, `SELECT id, dealer, name, kind FROM devices WHERE token_hash = ? AND revoked_at IS NULL`,
		hashSecret(token)).Scan(&d.ID, &d.Dealer, &d.Name, &d.Kind)
	if errors.Is(err, sql.ErrNoRows) {
		return d, showroom.Errorf(showroom.EUnauthorized, "", "unauthorized")
	}
	return d, err
}

// RevokeDevice revokes a device's token; its next request gets 401.
func (s *SQLite) RevokeDevice(ctx context.Context, id string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE devices SET revoked_at = ? WHERE id = ?`, fmtTime(s.now()), id)
		return err
	})
}

// freePrefix draws a coupon prefix no device has yet. With 810,000
// prefixes a draw rarely meets a taken one; a few more draws settle it.
func freePrefix(ctx context.Context, tx *sql.Tx) (string, error) {
	for range 64 {
		p, err := showroom.NewDevicePrefix(nil)
		if err != nil {
			return "", err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM devices WHERE coupon_prefix = ?`, p).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return p, nil
		}
	}
	return "", errors.New("portal: no free coupon prefix found")
}

// deviceKey returns the public key and coupon prefix a device registered;
// the key is nil when it registered none.
func (m *mtx) deviceKey(id string) (ed25519.PublicKey, string, error) {
	var key []byte
	var prefix sql.NullString
	err := m.queryRow(`SELECT public_key, coupon_prefix FROM devices WHERE id = ?`, id).Scan(&key, &prefix)
	if err != nil {
		return nil, "", err
	}
	return ed25519.PublicKey(key), prefix.String, nil
}
