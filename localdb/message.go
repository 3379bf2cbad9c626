package localdb

import (
	"context"
	"database/sql"

	"github.com/myrenault/showroom"
)

const (
	upsertMessageSQL = `INSERT INTO messages (id, customer, subject, body, at, read, deleted)
	VALUES (?, ?, ?, ?, ?, ?, ?)` + messageConflictSQL

	// upsertMessageByRefSQL finds the customer by ref (the last argument)
	// in the same statement: a new device's first pull writes 32,000
	// messages, and a look-up of its own for each was a twentieth of it.
	// No row is written when there is no such customer. (An INSERT …
	// SELECT with an upsert needs its WHERE clause to parse.)
	upsertMessageByRefSQL = `INSERT INTO messages (id, customer, subject, body, at, read, deleted)
	SELECT ?, id, ?, ?, ?, ?, ? FROM customers WHERE ref = ?` + messageConflictSQL

	messageConflictSQL = `
	ON CONFLICT (customer, id) DO UPDATE SET subject = excluded.subject,
		body = excluded.body, at = excluded.at, read = excluded.read, deleted = excluded.deleted`
)

// PutMessage inserts or replaces the message m.ID of the inbox of
// m.CustomerRef (an ENotFound error for an unknown customer). An empty ID
// gets a new one.
func (tx *Tx) PutMessage(m showroom.Message) error {
	if m.ID == "" {
		m.ID = newUUID()
	}
	res, err := tx.exec(upsertMessageByRefSQL, m.ID, m.Subject, m.Body, timeText(m.At), m.Read, m.Deleted, m.CustomerRef)
	if err != nil {
		return wrap("put message", err)
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		return notFound("customer_ref")
	}
	return wrap("put message", err)
}

func messageArgs(customer int64, m *showroom.Message) []any {
	return []any{m.ID, customer, m.Subject, m.Body, timeText(m.At), m.Read, m.Deleted}
}

// readMessages returns the customer's messages, newest first, deleted ones
// included (the UI filters them).
func readMessages(ctx context.Context, tx *sql.Tx, customer int64, ref string) ([]showroom.Message, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, subject, body, at, read, deleted FROM messages
		WHERE customer = ? ORDER BY at DESC, id`, customer)
	if err != nil {
		return nil, wrap("messages", err)
	}
	defer rows.Close()
	var out []showroom.Message
	for rows.Next() {
		m := showroom.Message{CustomerRef: ref}
		if err := rows.Scan(&m.ID, &m.Subject, &m.Body, nullTime{&m.At}, &m.Read, &m.Deleted); err != nil {
			return nil, wrap("messages", err)
		}
		out = append(out, m)
	}
	return out, wrap("messages", rows.Err())
}
