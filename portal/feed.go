package portal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// pullSQL reads a page of a device's feed: the changes every device sees
// and its dealer's own, after a cursor, in seq order. Written as
// "dealer IS NULL OR dealer = ?", SQLite gathers the rowids of both from
// changes_dealer and sorts every change after the cursor for each page, so
// a new device's catch-up read the rest of the feed once per page. As two
// searches of changes_dealer merged by seq, each already in seq order, a
// page reads only the rows it returns. The two never hold the same change:
// a dealer's code is never NULL.
const pullSQL = `SELECT seq, type, entity_id, deleted, data FROM changes WHERE dealer IS NULL AND seq > ?1
	UNION ALL
	SELECT seq, type, entity_id, deleted, data FROM changes WHERE dealer = ?2 AND seq > ?1
	ORDER BY seq LIMIT ?3`

// Pull implements Store. Changes are numbered by the one writer in commit
// order, so a reader never sees a later seq before an earlier one: a
// cursor (the decimal seq of the last change read) never skips a change.
func (s *SQLite) Pull(ctx context.Context, dev Device, since int64, limit int) (api.PullResponse, error) {
	out := api.PullResponse{Changes: []api.Change{}, Next: strconv.FormatInt(since, 10)}
	rows, err := s.r.QueryContext(ctx, pullSQL, since, dev.Dealer, limit+1)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		if len(out.Changes) == limit {
			out.More = true
			break
		}
		var c api.Change
		var data sql.NullString
		if err := rows.Scan(&c.Seq, &c.Type, &c.ID, &c.Deleted, &data); err != nil {
			return out, err
		}
		c.Data = json.RawMessage("null")
		if data.Valid {
			c.Data = json.RawMessage(data.String)
		}
		out.Changes = append(out.Changes, c)
		out.Next = strconv.FormatInt(c.Seq, 10)
	}
	return out, rows.Err()
}

// ParseCursor reads a cursor of the change feed: "" is the start, anything
// else the decimal seq of the last change read. Bad cursors are
// api.CodeBadCursor.
func ParseCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, showroom.Errorf(api.CodeBadCursor, "since", "")
	}
	return n, nil
}

// Confirm implements Store.
func (s *SQLite) Confirm(ctx context.Context, token string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		var data string
		err := tx.QueryRowContext(ctx, `SELECT data FROM customers WHERE confirm_hash = ? AND state = ?`,
			hashSecret(token), showroom.StatePending).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return showroom.Errorf(showroom.ENotFound, "token", "")
		}
		if err != nil {
			return err
		}
		var c showroom.Customer
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			return err
		}
		m := &mtx{ctx: ctx, tx: tx, now: s.now()}
		c.State, c.UpdatedAt = showroom.StateActive, m.now
		if err := m.exec(`UPDATE customers SET confirm_hash = NULL WHERE id = ?`, c.ID); err != nil {
			return err
		}
		return m.saveCustomer(c, "")
	})
}

// FactoryRecord implements Store.
func (s *SQLite) FactoryRecord(ctx context.Context, vin string) (*showroom.FactoryRecord, error) {
	var data string
	err := s.r.QueryRowContext(ctx, `SELECT data FROM registry WHERE vin = ?`, vin).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r showroom.FactoryRecord
	return &r, json.Unmarshal([]byte(data), &r)
}
