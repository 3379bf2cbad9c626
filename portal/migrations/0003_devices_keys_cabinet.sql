-- Coupons: each device signs its coupons' QR payloads with an Ed25519 key
-- whose public half it registers at enrolment, and makes codes with a
-- prefix the portal assigns, unique among devices.
ALTER TABLE devices ADD COLUMN public_key BLOB;
ALTER TABLE devices ADD COLUMN coupon_prefix TEXT;
CREATE UNIQUE INDEX devices_coupon_prefix ON devices (coupon_prefix);

-- The rest of the cabinet: saved dealers and messages.
CREATE TABLE saved_dealers (
	customer_id TEXT NOT NULL REFERENCES customers (id),
	dealer_code TEXT NOT NULL REFERENCES dealers (code),
	is_primary  INTEGER NOT NULL,
	PRIMARY KEY (customer_id, dealer_code)
);

CREATE TABLE messages (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL REFERENCES customers (id),
	data        TEXT NOT NULL
);
CREATE INDEX messages_customer ON messages (customer_id);

-- The dealer's staff, as the dealer's devices receive them.
CREATE TABLE staff (
	id     TEXT PRIMARY KEY,
	dealer TEXT NOT NULL,
	data   TEXT NOT NULL
);

-- Cars handed over by a sales manager, for the per-manager report.
CREATE TABLE handovers (
	id          TEXT PRIMARY KEY,
	dealer      TEXT NOT NULL,
	vin         TEXT NOT NULL,
	customer_id TEXT,
	staff_id    TEXT,
	at          TEXT NOT NULL
);
CREATE INDEX handovers_dealer_at ON handovers (dealer, at);

-- Which cars each recall campaign concerns, to tell their owners.
CREATE TABLE recall_vins (
	campaign TEXT NOT NULL,
	vin      TEXT NOT NULL,
	PRIMARY KEY (vin, campaign)
);
