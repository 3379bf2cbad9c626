-- The kiosk's own records. A wrong Welcome Pack login checked offline is
-- counted here, per customer ID, as the portal counts it (also for IDs that
-- do not exist, so that the answer does not tell which exist).
CREATE TABLE welcome_pack_failures (
	customer_id TEXT NOT NULL,
	at          TEXT NOT NULL
);
CREATE INDEX welcome_pack_failures_id ON welcome_pack_failures (customer_id, at);

-- A Welcome Pack login activated at the kiosk: the e-mail the customer gave
-- and the consent to the text they were shown, kept whether or not the
-- customer is cached on this device.
CREATE TABLE welcome_pack_activations (
	id                INTEGER PRIMARY KEY,
	customer_id       TEXT NOT NULL,
	email             TEXT NOT NULL,
	preferred_channel TEXT NOT NULL DEFAULT '',
	marketing         INTEGER NOT NULL CHECK (marketing IN (0, 1)),
	text_version      TEXT NOT NULL,
	text_sha256       TEXT NOT NULL,
	given_at          TEXT NOT NULL,
	device_id         TEXT NOT NULL DEFAULT ''
);
