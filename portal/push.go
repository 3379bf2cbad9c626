package portal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// mtx is one mutation being applied inside its transaction.
type mtx struct {
	ctx context.Context
	tx  *sql.Tx
	dev Device
	now time.Time
	// at is when the device made the mutation, by its clock (the
	// mutation's "at"); now is when the portal applies it.
	at time.Time
	// st keeps tx's prepared statements; it is shared by the mutations
	// of one batch and made on first use otherwise.
	st *stmts
}

func (m *mtx) exec(q string, args ...any) error {
	return m.stmts().exec(m.ctx, q, args...)
}

func (m *mtx) queryRow(q string, args ...any) *sql.Row {
	return m.stmts().queryRow(m.ctx, q, args...)
}

func (m *mtx) stmts() *stmts {
	if m.st == nil {
		m.st = &stmts{tx: m.tx}
	}
	return m.st
}

// stmts prepares each statement of a transaction once, by its text: a
// batch runs the same few statements for every mutation in it, and SQLite
// parsing each again took a fifth of a push's time. The statements close
// with the transaction.
type stmts struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func (s *stmts) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.m[q]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if s.m == nil {
		s.m = make(map[string]*sql.Stmt)
	}
	s.m[q] = st
	return st, nil
}

func (s *stmts) exec(ctx context.Context, q string, args ...any) error {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// queryRow answers a statement that failed to prepare through the
// transaction itself, whose Row then carries the error.
func (s *stmts) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return s.tx.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// change appends an entry to the change feed. dealer "" makes it visible
// to every device.
func (m *mtx) change(typ, id, dealer string, data any, deleted bool) error {
	var body []byte
	if !deleted {
		var err error
		if body, err = json.Marshal(data); err != nil {
			return err
		}
	}
	var d any
	if dealer != "" {
		d = dealer
	}
	return m.exec(`INSERT INTO changes (type, entity_id, deleted, data, dealer) VALUES (?, ?, ?, ?, ?)`,
		typ, id, deleted, nullBytes(body), d)
}

func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// applier applies one type of mutation and returns the entity it touched.
type applier func(m *mtx, data json.RawMessage) (*api.Entity, error)

// appliers lists the mutation types the portal supports.
var appliers = map[string]applier{
	api.TypeCustomerRegister:    applyRegister,
	api.TypeCustomerUpdate:      applyCustomerUpdate,
	api.TypeConsentWithdraw:     applyConsentWithdraw,
	api.TypeVehicleAdd:          applyVehicleAdd,
	api.TypeVehicleAddOrder:     applyVehicleAddOrder,
	api.TypeVehicleUpdate:       applyVehicleUpdate,
	api.TypeVehicleRemove:       applyVehicleRemove,
	api.TypeCouponIssue:         applyCouponIssue,
	api.TypeCouponRedeem:        applyCouponRedeem,
	api.TypeOrderAnnounce:       applyOrderAnnounce,
	api.TypeDealerSave:          applyDealerSave,
	api.TypeDealerMakePrimary:   applyDealerMakePrimary,
	api.TypeDealerRemove:        applyDealerRemove,
	api.TypeMessageRead:         applyMessageRead,
	api.TypeMessageUnread:       applyMessageUnread,
	api.TypeMessageDelete:       applyMessageDelete,
	api.TypeHandoverRecord:      applyHandoverRecord,
	api.TypeWelcomePackIssue:    applyWelcomePackIssue,
	api.TypeWelcomePackActivate: applyWelcomePackActivate,
}

// bodyHash is the fingerprint a replay is compared with: the type, the
// time and the data with insignificant white space removed.
func bodyHash(m api.Mutation) string {
	var data bytes.Buffer
	if err := json.Compact(&data, m.Data); err != nil {
		data.Reset()
		data.Write(m.Data)
	}
	h := sha256.New()
	h.Write([]byte(m.Type))
	h.Write([]byte{0})
	h.Write([]byte(m.At.UTC().Format(time.RFC3339Nano)))
	h.Write([]byte{0})
	h.Write(data.Bytes())
	return hex.EncodeToString(h.Sum(nil))
}

// Apply implements Store: one mutation, in a transaction of its own.
func (s *SQLite) Apply(ctx context.Context, dev Device, mu api.Mutation, lang showroom.Lang) (api.Result, error) {
	res, err := s.ApplyBatch(ctx, dev, []api.Mutation{mu}, lang)
	if err != nil {
		return api.Result{}, err
	}
	return res[0], nil
}

// ApplyBatch implements Store. Each mutation runs in a transaction of its
// own, nested (a SAVEPOINT) in one write transaction that commits the
// batch: a rejected or failed mutation rolls back to its savepoint and
// leaves the others applied, and the batch costs one disk sync instead of
// one per mutation. No result is answered before the commit, so a crash
// before it loses nothing a device was told: it pushes the batch again.
//
// The idempotency key is checked inside the write transaction, and the
// writer is one connection, so any number of concurrent pushes of one
// mutation apply it once. A rejection is stored as the mutation's result.
// Results that are not stored, so that the mutation can be sent again: a
// missing id, an unknown type and internal failures (code "internal").
func (s *SQLite) ApplyBatch(ctx context.Context, dev Device, ms []api.Mutation, lang showroom.Lang) ([]api.Result, error) {
	out := make([]api.Result, len(ms))
	err := s.update(ctx, func(tx *sql.Tx) error {
		now := s.now()
		st := &stmts{tx: tx}
		// The statements run without ctx's cancellation, which the SQLite
		// driver watches with a goroutine of its own for every statement
		// (a tenth of a push's time); a cancelled push stops between two
		// mutations instead, and the transaction rolls back.
		sqlCtx := context.WithoutCancel(ctx)
		for i, mu := range ms {
			if err := ctx.Err(); err != nil {
				return err
			}
			res, err := applyOne(sqlCtx, st, dev, mu, lang, now)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				res = rejected(api.Result{ID: mu.ID}, err, lang)
				res.Entity = nil
				s.internal(err)
			}
			out[i] = res
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// internal reports an internal failure of one mutation to the store's
// error hook (the server logs it without request data).
func (s *SQLite) internal(err error) {
	if s.onInternal != nil {
		s.onInternal(err)
	}
}

// applyOne applies one mutation inside the batch's transaction, in its own
// savepoint. An error is an internal failure, after which the savepoint
// has been rolled back.
func applyOne(ctx context.Context, st *stmts, dev Device, mu api.Mutation, lang showroom.Lang, now time.Time) (api.Result, error) {
	res := api.Result{ID: mu.ID}
	if mu.ID == "" || len(mu.ID) > 100 {
		return rejected(res, showroom.Errorf(showroom.EInvalid, "id", ""), lang), nil
	}
	apply, ok := appliers[mu.Type]
	if !ok {
		return rejected(res, showroom.Errorf(api.CodeUnknownType, "type", ""), lang), nil
	}
	hash := bodyHash(mu)
	var storedHash, stored string
	err := st.queryRow(ctx, `SELECT body_hash, result FROM mutations WHERE id = ?`, mu.ID).Scan(&storedHash, &stored)
	switch {
	case err == nil && storedHash != hash:
		return rejected(res, showroom.Errorf(showroom.EIdempotencyConflict, "id", ""), lang), nil
	case err == nil:
		if err := json.Unmarshal([]byte(stored), &res); err != nil {
			return res, err
		}
		res.Status = api.StatusDuplicate
		return res, nil
	case !errors.Is(err, sql.ErrNoRows):
		return res, err
	}
	if err := st.exec(ctx, `SAVEPOINT mutation`); err != nil {
		return res, err
	}
	res, err = func() (api.Result, error) {
		m := &mtx{ctx: ctx, tx: st.tx, dev: dev, now: now, at: mu.At, st: st}
		ent, err := apply(m, mu.Data)
		var ruleErr *showroom.Error
		switch {
		case err == nil:
			res = api.Result{ID: mu.ID, Status: api.StatusApplied, Entity: ent}
		case errors.As(err, &ruleErr):
			if err := st.exec(ctx, `ROLLBACK TO mutation`); err != nil {
				return res, err
			}
			res = rejected(res, err, lang)
			res.Entity = ent
		default:
			return res, err
		}
		body, err := json.Marshal(res)
		if err != nil {
			return res, err
		}
		return res, st.exec(ctx, `INSERT INTO mutations (id, device_id, body_hash, result, at) VALUES (?, ?, ?, ?, ?)`,
			mu.ID, dev.ID, hash, body, fmtTime(now))
	}()
	if err != nil {
		// Undo whatever the failed mutation wrote; the batch goes on.
		if rerr := st.exec(ctx, `ROLLBACK TO mutation`); rerr != nil {
			return res, errors.Join(err, rerr)
		}
	}
	if rerr := st.exec(ctx, `RELEASE mutation`); rerr != nil {
		return res, errors.Join(err, rerr)
	}
	return res, err
}

// rejected fills a rejection from a rule's error.
func rejected(r api.Result, err error, lang showroom.Lang) api.Result {
	d := errorDetail(err, lang)
	r.Status = api.StatusRejected
	r.Code, r.Message, r.Field = d.Code, d.Message, d.Field
	return r
}

// decode reads a mutation's data; a malformed one is rejected as bad_json.
func decode(data json.RawMessage, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return showroom.Errorf(api.CodeBadJSON, "data", "")
	}
	return nil
}
