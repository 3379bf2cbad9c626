-- The portal's store. Entities whose shape the domain package owns are kept
-- as their JSON (data) beside the columns that queries and constraints need.

CREATE TABLE dealers (
	code   TEXT PRIMARY KEY,
	region TEXT NOT NULL,
	data   TEXT NOT NULL
);

CREATE TABLE enroll_codes (
	hash       TEXT PRIMARY KEY,
	dealer     TEXT NOT NULL REFERENCES dealers (code),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used_at    TEXT
);

CREATE TABLE devices (
	id         TEXT PRIMARY KEY,
	dealer     TEXT NOT NULL REFERENCES dealers (code),
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	revoked_at TEXT
);

CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);

CREATE TABLE customers (
	id           TEXT PRIMARY KEY,
	ref          TEXT NOT NULL,
	dealer       TEXT NOT NULL,
	state        TEXT NOT NULL,
	source       TEXT NOT NULL,
	email        TEXT UNIQUE,
	confirm_hash TEXT UNIQUE,
	created_at   TEXT NOT NULL,
	data         TEXT NOT NULL
);
CREATE INDEX customers_ref ON customers (dealer, ref);
CREATE INDEX customers_created ON customers (created_at);

CREATE TABLE consents (
	id           INTEGER PRIMARY KEY,
	customer_id  TEXT NOT NULL REFERENCES customers (id),
	text_version TEXT NOT NULL,
	text_sha256  TEXT NOT NULL,
	purpose      TEXT NOT NULL,
	marketing    INTEGER NOT NULL,
	given_at     TEXT NOT NULL,
	device_id    TEXT,
	staff_id     TEXT,
	withdrawn_at TEXT
);
CREATE INDEX consents_customer ON consents (customer_id);

CREATE TABLE registry (
	vin  TEXT PRIMARY KEY,
	data TEXT NOT NULL
);

CREATE TABLE vehicles (
	id           TEXT PRIMARY KEY,
	customer_id  TEXT NOT NULL REFERENCES customers (id),
	vin          TEXT,
	order_number TEXT,
	data         TEXT NOT NULL
);
CREATE INDEX vehicles_customer ON vehicles (customer_id);
CREATE INDEX vehicles_vin ON vehicles (vin);

CREATE TABLE orders (
	number TEXT PRIMARY KEY,
	dealer TEXT NOT NULL,
	data   TEXT NOT NULL
);

CREATE TABLE offers (
	id   TEXT PRIMARY KEY,
	data TEXT NOT NULL
);

CREATE TABLE recalls (
	campaign TEXT PRIMARY KEY,
	data     TEXT NOT NULL
);

CREATE TABLE sales (
	vin      TEXT NOT NULL,
	dealer   TEXT NOT NULL,
	sold_at  TEXT NOT NULL,
	kind     TEXT NOT NULL,
	staff_id TEXT,
	PRIMARY KEY (vin, sold_at)
);
CREATE INDEX sales_date ON sales (sold_at);

CREATE TABLE coupons (
	code        TEXT PRIMARY KEY,
	dealer      TEXT NOT NULL,
	customer_id TEXT REFERENCES customers (id),
	data        TEXT NOT NULL
);

-- One row per mutation id, kept for ever: the idempotency key, the hash of
-- the mutation's body and the result first answered.
CREATE TABLE mutations (
	id        TEXT PRIMARY KEY,
	device_id TEXT NOT NULL,
	body_hash TEXT NOT NULL,
	result    TEXT NOT NULL,
	at        TEXT NOT NULL
);

-- The change feed. dealer is NULL for what every device sees (directory,
-- offers, recalls) and a dealer code for what only that dealer's devices see.
CREATE TABLE changes (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	type      TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	deleted   INTEGER NOT NULL,
	data      TEXT,
	dealer    TEXT
);
CREATE INDEX changes_dealer ON changes (dealer, seq);

CREATE TABLE login_failures (
	customer_id TEXT NOT NULL,
	at          TEXT NOT NULL
);
CREATE INDEX login_failures_customer ON login_failures (customer_id, at);
