-- The sync engine's own state. A mutation the portal rejected leaves the
-- outbox for this list, with the portal's code and message, until staff
-- resolve it: it is never pushed again blindly. The message is the
-- portal's human text and names fields, never values.
CREATE TABLE sync_attention (
	id          TEXT PRIMARY KEY,
	type        TEXT NOT NULL,
	body        BLOB NOT NULL,
	created     TEXT NOT NULL,
	code        TEXT NOT NULL,
	message     TEXT NOT NULL DEFAULT '',
	field       TEXT NOT NULL DEFAULT '',
	rejected_at TEXT NOT NULL
);
