package localdb

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// Mutation is a local change waiting in the outbox to be pushed to the
// portal.
type Mutation struct {
	// ID is the idempotency key (a UUID made when the change was saved).
	ID string
	// Type is the API's mutation type, e.g. "customer.register".
	Type string
	// Data is the mutation's data in the API's wire shape.
	Data json.RawMessage
	// At is when the change was saved: the mutation's "at".
	At        time.Time
	Attempts  int
	LastError string
}

// Mutation types this package writes.
const (
	MutationRegister = "customer.register"
)

// Enqueue adds a mutation of type typ with data (marshalled to JSON) to the
// outbox and returns its id. Being part of tx, the mutation is saved if and
// only if the change it describes is.
func (tx *Tx) Enqueue(typ string, data any) (string, error) {
	body, err := json.Marshal(data)
	if err != nil {
		return "", wrap("outbox", err)
	}
	id := newUUID()
	_, err = tx.exec(`INSERT INTO outbox (id, type, body, created) VALUES (?, ?, ?, ?)`,
		id, typ, body, timeText(tx.now))
	return id, wrap("outbox", err)
}

// PendingMutations returns up to limit mutations of the outbox, oldest
// first.
func (db *DB) PendingMutations(ctx context.Context, limit int) ([]Mutation, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, type, body, created, attempts, last_error
		FROM outbox ORDER BY rowid LIMIT ?`, limit)
	if err != nil {
		return nil, wrap("outbox", err)
	}
	defer rows.Close()
	var out []Mutation
	for rows.Next() {
		var m Mutation
		var body []byte
		if err := rows.Scan(&m.ID, &m.Type, &body, nullTime{&m.At}, &m.Attempts, &m.LastError); err != nil {
			return nil, wrap("outbox", err)
		}
		m.Data = json.RawMessage(body)
		out = append(out, m)
	}
	return out, wrap("outbox", rows.Err())
}

// CompleteMutations removes the mutations the portal has acknowledged
// (applied, duplicate or rejected for good). Unknown ids are ignored.
func (db *DB) CompleteMutations(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return db.Update(ctx, func(tx *Tx) error {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		marks := strings.Repeat("?, ", len(ids)-1) + "?"
		_, err := tx.exec(`DELETE FROM outbox WHERE id IN (`+marks+`)`, args...)
		return wrap("outbox", err)
	})
}

// FailMutation records a failed attempt to push mutation id: it counts the
// attempt and keeps reason, which must not contain personal data. It
// returns an ENotFound error when the outbox has no such mutation.
func (db *DB) FailMutation(ctx context.Context, id, reason string) error {
	return db.Update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?`, reason, id)
		if err != nil {
			return wrap("outbox", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("mutation_id")
		}
		return nil
	})
}

// OutboxLen is the number of mutations waiting to be pushed.
func (db *DB) OutboxLen(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n)
	return n, wrap("outbox", err)
}

// settingCursor is the settings key of the change feed's cursor.
const settingCursor = "sync.cursor"

// Cursor returns where the portal's change feed was last read up to; ""
// before the first pull.
func (db *DB) Cursor(ctx context.Context) (string, error) {
	s, err := db.Setting(ctx, settingCursor)
	if err != nil && !isNotFound(err) {
		return "", err
	}
	return s, nil
}

// ApplyPage applies one page of the change feed: fn writes the changes and
// the cursor becomes next, in one transaction, so a page is either applied
// with its cursor or not at all.
func (db *DB) ApplyPage(ctx context.Context, next string, fn func(tx *Tx) error) error {
	return db.Update(ctx, func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return tx.SetSetting(settingCursor, next)
	})
}
