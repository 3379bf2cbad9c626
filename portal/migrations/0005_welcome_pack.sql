-- The one-time codes of printed Welcome Pack sheets: the sheet's QR code
-- leads to /activate/{code}; the portal keeps the code's SHA-256 only.
CREATE TABLE activation_codes (
	hash        TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL REFERENCES customers (id),
	issued_at   TEXT NOT NULL,
	used_at     TEXT
);
CREATE INDEX activation_codes_customer ON activation_codes (customer_id);
