-- Confirmation e-mails wait here, written in the registration's own
-- transaction, until the mail deliverer has sent them: a registration
-- never loses its e-mail to a crash or an SMTP outage, and the push does
-- not wait for mail. A row (and the link's secret in it) is deleted once
-- the e-mail is sent.
CREATE TABLE mail_outbox (
	id         INTEGER PRIMARY KEY,
	data       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0
);
