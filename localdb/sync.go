package localdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/myrenault/showroom"
)

// What the sync engine needs of the store beyond the outbox and the cursor:
// settling a push's answers, the list of rejected mutations that need staff
// attention, and applying the portal's change feed to the cached data.

// Rejection is the portal's refusal of one mutation: its stable code, its
// human message (which names fields, never values) and the field concerned.
type Rejection struct {
	ID      string
	Code    string
	Message string
	Field   string
}

// Failure is a transient failure of one mutation: it stays in the outbox
// and Reason (a code, no personal data) is kept with its attempt count.
type Failure struct {
	ID     string
	Reason string
}

// PushOutcome is what one push taught about the outbox.
type PushOutcome struct {
	// Done are acknowledged (applied or duplicate): they leave the outbox.
	Done []string
	// Rejected leave the outbox for the attention list.
	Rejected []Rejection
	// Failed stay in the outbox for a later round.
	Failed []Failure
}

// Attention is a mutation the portal rejected, kept for staff to resolve.
type Attention struct {
	Mutation
	Code       string
	Message    string
	Field      string
	RejectedAt time.Time
}

// SettlePush records the outcome of a push in one transaction: a crash
// leaves either the whole outcome recorded or none of it, and a mutation
// is never both in the outbox and in the attention list.
func (db *DB) SettlePush(ctx context.Context, o PushOutcome) error {
	if len(o.Done)+len(o.Rejected)+len(o.Failed) == 0 {
		return nil
	}
	return db.Update(ctx, func(tx *Tx) error {
		for _, id := range o.Done {
			if _, err := tx.exec(`DELETE FROM outbox WHERE id = ?`, id); err != nil {
				return wrap("settle push", err)
			}
		}
		for _, r := range o.Rejected {
			_, err := tx.exec(`INSERT INTO sync_attention (id, type, body, created, code, message, field, rejected_at)
				SELECT id, type, body, created, ?, ?, ?, ? FROM outbox WHERE id = ?
				ON CONFLICT (id) DO NOTHING`, r.Code, r.Message, r.Field, timeText(tx.now), r.ID)
			if err != nil {
				return wrap("settle push", err)
			}
			if _, err := tx.exec(`DELETE FROM outbox WHERE id = ?`, r.ID); err != nil {
				return wrap("settle push", err)
			}
		}
		for _, f := range o.Failed {
			if _, err := tx.exec(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?`, f.Reason, f.ID); err != nil {
				return wrap("settle push", err)
			}
		}
		return nil
	})
}

// AttentionItems returns up to limit rejected mutations, oldest first.
func (db *DB) AttentionItems(ctx context.Context, limit int) ([]Attention, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, type, body, created, code, message, field, rejected_at
		FROM sync_attention ORDER BY rejected_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, wrap("attention", err)
	}
	defer rows.Close()
	var out []Attention
	for rows.Next() {
		var a Attention
		var body []byte
		if err := rows.Scan(&a.ID, &a.Type, &body, nullTime{&a.At}, &a.Code, &a.Message, &a.Field, nullTime{&a.RejectedAt}); err != nil {
			return nil, wrap("attention", err)
		}
		a.Data = body
		out = append(out, a)
	}
	return out, wrap("attention", rows.Err())
}

// AttentionLen is the number of rejected mutations waiting for staff.
func (db *DB) AttentionLen(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM sync_attention`).Scan(&n)
	return n, wrap("attention", err)
}

// DismissAttention removes a rejected mutation from the list once staff
// have resolved it; ENotFound when there is no such item.
func (db *DB) DismissAttention(ctx context.Context, id string) error {
	return db.Update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM sync_attention WHERE id = ?`, id)
		if err != nil {
			return wrap("attention", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("mutation_id")
		}
		return nil
	})
}

// CustomerRefByID returns the Ref of the customer whose portal customer ID
// is id, or an ENotFound error.
func (tx *Tx) CustomerRefByID(id string) (string, error) {
	var ref string
	err := tx.queryRow(`SELECT ref FROM customers WHERE customer_id = ?`, id).Scan(&ref)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("customer_id")
	}
	return ref, wrap("customer by id", err)
}

// PutPortalVehicle saves a car as the portal reports it. The portal gives a
// car registered on this device its own ID, so a local row of the same
// customer with the same VIN or order number but another ID is the same car
// and is replaced. ENotFound when the customer is unknown here.
func (tx *Tx) PutPortalVehicle(v showroom.Vehicle) error {
	id, err := tx.customerKey(v.CustomerRef)
	if err != nil {
		return err
	}
	_, err = tx.exec(`DELETE FROM vehicles WHERE customer = ? AND id <> ?
		AND ((vin IS NOT NULL AND vin = ?) OR (order_number IS NOT NULL AND order_number = ?))`,
		id, v.ID, nullText(v.VIN), nullText(v.OrderNumber))
	if err != nil {
		return wrap("put vehicle", err)
	}
	return tx.putVehicle(id, v)
}

// Cached kinds that DeleteCached removes by key.
const (
	KindCustomer = "customer"
	KindVehicle  = "vehicle"
	KindOrder    = "order"
	KindOffer    = "offer"
	KindCoupon   = "coupon"
	KindRecall   = "recall"
	KindDealer   = "dealer"
	KindMessage  = "message"
	KindStaff    = "staff"
	KindModel    = "model"
	KindProgram  = "service_program"
)

var deleteCachedSQL = map[string]string{
	KindCustomer: `DELETE FROM customers WHERE customer_id = ?`,
	KindVehicle:  `DELETE FROM vehicles WHERE id = ?`,
	KindOrder:    `DELETE FROM orders WHERE number = ?`,
	KindOffer:    `DELETE FROM offers WHERE id = ?`,
	KindCoupon:   `DELETE FROM coupons WHERE code = ?`,
	KindRecall:   `DELETE FROM recalls WHERE campaign = ?`,
	KindDealer:   `DELETE FROM dealers WHERE code = ?`,
	KindMessage:  `DELETE FROM messages WHERE id = ?`,
	KindStaff:    `DELETE FROM staff_users WHERE id = ?`,
	KindModel:    `DELETE FROM models WHERE name = ?`,
	KindProgram:  `DELETE FROM service_programs WHERE id = ?`,
}

// DeleteCached removes the cached entity of kind with the portal's key (a
// customer by its portal customer ID, with everything of theirs). Deleting
// what is not there is not an error: the feed may repeat a deletion.
func (tx *Tx) DeleteCached(kind, key string) error {
	q, ok := deleteCachedSQL[kind]
	if !ok {
		return fmt.Errorf("localdb: delete: unknown kind %q", kind)
	}
	_, err := tx.exec(q, key)
	return wrap("delete "+kind, err)
}

// Savepoint runs fn inside a savepoint of tx: when fn fails, what it wrote
// is undone and the rest of the transaction goes on. The puller applies
// each change of a page this way, so that one change the store refuses
// does not hold back the whole feed.
func (tx *Tx) Savepoint(fn func() error) error {
	if _, err := tx.exec(`SAVEPOINT change`); err != nil {
		return wrap("savepoint", err)
	}
	if err := fn(); err != nil {
		if _, rerr := tx.exec(`ROLLBACK TO change`); rerr != nil {
			return wrap("savepoint", rerr)
		}
		if _, rerr := tx.exec(`RELEASE change`); rerr != nil {
			return wrap("savepoint", rerr)
		}
		return err
	}
	_, err := tx.exec(`RELEASE change`)
	return wrap("savepoint", err)
}

// FreshMutations is the number of mutations in the outbox that no push
// has tried yet: after a round, these are the changes made while it ran.
func (db *DB) FreshMutations(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE attempts = 0`).Scan(&n)
	return n, wrap("outbox", err)
}

// PutPortalStaffUser saves a staff member as the portal's feed reports
// them: name, role, dealer and whether active. The portal never sends a
// PIN; the PIN, the failed attempts and the lock are this device's own and
// are kept.
func (tx *Tx) PutPortalStaffUser(u showroom.StaffUser) error {
	_, err := tx.exec(`INSERT INTO staff_users (id, dealer_code, name, role, active) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET dealer_code = excluded.dealer_code, name = excluded.name,
			role = excluded.role, active = excluded.active`,
		u.ID, u.DealerCode, u.Name, string(u.Role), u.Active)
	return wrap("put staff user", err)
}

// Deferred is a change of the portal's feed kept until it can be applied.
type Deferred struct {
	Type     string
	EntityID string
	Seq      int64
	Deleted  bool
	Data     []byte
	// Code says why it could not be applied (e.g. email_taken).
	Code     string
	Attempts int
}

// Defer keeps a change that cannot be applied yet, replacing an older one
// of the same entity.
func (tx *Tx) Defer(d Deferred) error {
	_, err := tx.exec(`INSERT INTO sync_deferred (type, entity_id, seq, deleted, data, code) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (type, entity_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted,
			data = excluded.data, code = excluded.code, attempts = 1
		WHERE excluded.seq >= sync_deferred.seq`, d.Type, d.EntityID, d.Seq, d.Deleted, d.Data, d.Code)
	return wrap("defer change", err)
}

// DropDeferred forgets the deferred change of an entity, if any: it was
// applied, or a later change of the entity was.
func (tx *Tx) DropDeferred(typ, entityID string) error {
	_, err := tx.exec(`DELETE FROM sync_deferred WHERE type = ? AND entity_id = ?`, typ, entityID)
	return wrap("drop deferred", err)
}

// RetryDeferred counts another failed attempt of a deferred change.
func (tx *Tx) RetryDeferred(typ, entityID, code string) error {
	_, err := tx.exec(`UPDATE sync_deferred SET attempts = attempts + 1, code = ? WHERE type = ? AND entity_id = ?`,
		code, typ, entityID)
	return wrap("retry deferred", err)
}

// DeferredChanges returns the deferred changes in feed order.
func (db *DB) DeferredChanges(ctx context.Context) ([]Deferred, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT type, entity_id, seq, deleted, data, code, attempts
		FROM sync_deferred ORDER BY seq`)
	if err != nil {
		return nil, wrap("deferred", err)
	}
	defer rows.Close()
	var out []Deferred
	for rows.Next() {
		var d Deferred
		if err := rows.Scan(&d.Type, &d.EntityID, &d.Seq, &d.Deleted, &d.Data, &d.Code, &d.Attempts); err != nil {
			return nil, wrap("deferred", err)
		}
		out = append(out, d)
	}
	return out, wrap("deferred", rows.Err())
}

// DeferredLen is the number of feed changes kept for later.
func (db *DB) DeferredLen(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM sync_deferred`).Scan(&n)
	return n, wrap("deferred", err)
}

// DeleteSale removes the sale of vin on date, if it is here.
func (tx *Tx) DeleteSale(vin string, date time.Time) error {
	_, err := tx.exec(`DELETE FROM sales WHERE vin = ? AND date = ?`, vin, saleDateText(date))
	return wrap("delete sale", err)
}
