package portal

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// PendingMail implements Store.
func (s *SQLite) PendingMail(ctx context.Context, limit int) ([]QueuedMail, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, attempts, data FROM mail_outbox ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []QueuedMail
	for rows.Next() {
		var q QueuedMail
		var data string
		if err := rows.Scan(&q.ID, &q.Attempts, &data); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &q.Confirmation); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// MailDone implements Store.
func (s *SQLite) MailDone(ctx context.Context, ids ...int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `DELETE FROM mail_outbox WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// MailFailed implements Store.
func (s *SQLite) MailFailed(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET attempts = attempts + 1 WHERE id = ?`, id)
		return err
	})
}

// mailRetry is how long the deliverer waits after a failed send.
const mailRetry = 30 * time.Second

// kickMail wakes the mail deliverer without blocking.
func (s *Server) kickMail() {
	select {
	case s.mailKick <- struct{}{}:
	default:
	}
}

// DeliverMail sends the queued confirmation e-mails until ctx is done: at
// once when a registration queues one, and every mailRetry after a
// failure. An e-mail not yet sent when it stops stays queued for the next
// start. Logs name the customer ID, never the address or the link.
func (s *Server) DeliverMail(ctx context.Context) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.mailKick:
		case <-t.C:
		}
		if !s.deliverPending(ctx) {
			t.Reset(mailRetry)
		}
	}
}

// deliverPending sends what is queued; false when something failed.
func (s *Server) deliverPending(ctx context.Context) bool {
	for {
		batch, err := s.store.PendingMail(ctx, 100)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("mail queue unreadable", "err", err)
			}
			return false
		}
		if len(batch) == 0 {
			return true
		}
		var sent []int64
		// What was sent is dequeued in one transaction, also when a later
		// e-mail of the batch fails.
		// Recording what was sent finishes even when the server is
		// stopping: an e-mail sent and not recorded would go out twice.
		done := func() bool {
			if err := s.store.MailDone(context.WithoutCancel(ctx), sent...); err != nil {
				s.log.Error("mail queue", "err", err)
				return false
			}
			return true
		}
		for _, q := range batch {
			if ctx.Err() != nil {
				done()
				return false
			}
			if err := s.mailer.Send(ctx, confirmationMail(q.Confirmation, s.publicURL)); err != nil {
				s.log.Warn("confirmation e-mail not sent, will retry", "customer", q.CustomerID, "attempts", q.Attempts+1, "err", err)
				s.metrics.mail("failed")
				if err := s.store.MailFailed(ctx, q.ID); err != nil {
					s.log.Error("mail queue", "err", err)
				}
				done()
				return false
			}
			s.metrics.mail("sent")
			sent = append(sent, q.ID)
		}
		if !done() {
			return false
		}
	}
}
