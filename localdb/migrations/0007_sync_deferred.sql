-- Changes of the portal's feed this device cannot apply yet, kept so that
-- none is lost: a customer whose e-mail a local registration (refused, or
-- not yet pushed) still holds, or a car, message or saved dealer of such a
-- customer. One per entity, the latest; tried again before every pull, in
-- feed order, and removed once applied or superseded.
CREATE TABLE sync_deferred (
	type      TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	deleted   INTEGER NOT NULL CHECK (deleted IN (0, 1)),
	data      BLOB,
	code      TEXT NOT NULL,
	attempts  INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (type, entity_id)
) WITHOUT ROWID;
CREATE INDEX sync_deferred_seq ON sync_deferred (seq);
