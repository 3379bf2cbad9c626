-- The local store: a cache of the portal's data for this dealer, the
-- customers registered on this device, and the outbox of changes not yet
-- pushed. Times are UTC text in a fixed-width RFC 3339 form, so that they
-- sort as text; dates are YYYY-MM-DD. Lists are JSON arrays.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE dealers (
	code    TEXT PRIMARY KEY CHECK (length(code) = 6),
	name    TEXT NOT NULL,
	region  TEXT NOT NULL DEFAULT '',
	city    TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	phone   TEXT NOT NULL DEFAULT '',
	email   TEXT NOT NULL DEFAULT '',
	lat     REAL,
	lon     REAL
) WITHOUT ROWID;

-- id is local only (the full-text index's rowid and the target of foreign
-- keys); ref is the device-made key; customer_id is the portal's ID, NULL
-- until the portal assigns it.
CREATE TABLE customers (
	id                INTEGER PRIMARY KEY,
	ref               TEXT NOT NULL UNIQUE,
	customer_id       TEXT UNIQUE,
	state             TEXT NOT NULL CHECK (state IN ('pending', 'active', 'withdrawn')),
	dealer_code       TEXT NOT NULL DEFAULT '',
	source            TEXT NOT NULL DEFAULT '',
	staff_id          TEXT NOT NULL DEFAULT '',
	first_name        TEXT NOT NULL,
	last_name         TEXT NOT NULL,
	gender            TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'male', 'female')),
	birth_date        TEXT,
	email             TEXT NOT NULL,
	preferred_channel TEXT NOT NULL DEFAULT '' CHECK (preferred_channel IN ('', 'email', 'sms', 'phone')),
	marketing_consent INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)),
	country           TEXT NOT NULL DEFAULT '',
	region            TEXT NOT NULL DEFAULT '',
	postcode          TEXT NOT NULL DEFAULT '',
	city              TEXT NOT NULL DEFAULT '',
	district          TEXT NOT NULL DEFAULT '',
	street_type       TEXT NOT NULL DEFAULT '',
	street            TEXT NOT NULL DEFAULT '',
	house             TEXT NOT NULL DEFAULT '',
	flat              TEXT NOT NULL DEFAULT '',
	home_phone        TEXT NOT NULL DEFAULT '',
	mobile_phone      TEXT NOT NULL DEFAULT '',
	mobile_phone_type TEXT NOT NULL DEFAULT '',
	work_phone        TEXT NOT NULL DEFAULT '',
	children          INTEGER CHECK (children >= 0),
	interests         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(interests)),
	profession        TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX customers_email ON customers (email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX customers_mobile ON customers (mobile_phone) WHERE mobile_phone <> '';

CREATE TABLE consents (
	id           INTEGER PRIMARY KEY,
	customer     INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	text_version TEXT NOT NULL,
	text_sha256  TEXT NOT NULL,
	purpose      TEXT NOT NULL,
	marketing    INTEGER NOT NULL CHECK (marketing IN (0, 1)),
	given_at     TEXT NOT NULL,
	device_id    TEXT NOT NULL DEFAULT '',
	staff_id     TEXT NOT NULL DEFAULT '',
	withdrawn_at TEXT
);
CREATE INDEX consents_customer ON consents (customer);

-- The virtual garage. vin and order_number are NULL when unknown, so that
-- an ordered car and a car in use are told apart and (customer, vin) can be
-- unique. The limit of 5 cars is the repository's rule.
CREATE TABLE vehicles (
	id            TEXT PRIMARY KEY,
	customer      INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	vin           TEXT CHECK (length(vin) = 17),
	engine_number TEXT NOT NULL DEFAULT '',
	order_number  TEXT,
	nickname      TEXT NOT NULL DEFAULT '',
	model         TEXT NOT NULL DEFAULT '',
	version       TEXT NOT NULL DEFAULT '',
	body          TEXT NOT NULL DEFAULT '',
	plate         TEXT NOT NULL DEFAULT '',
	mileage       INTEGER NOT NULL DEFAULT 0 CHECK (mileage >= 0),
	equipment     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(equipment)),
	build_date    TEXT,
	verified      INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
	added_at      TEXT NOT NULL,
	CHECK (vin IS NOT NULL OR order_number IS NOT NULL)
);
CREATE UNIQUE INDEX vehicles_garage ON vehicles (customer, vin);
CREATE INDEX vehicles_vin ON vehicles (vin) WHERE vin IS NOT NULL;
CREATE INDEX vehicles_order ON vehicles (order_number) WHERE order_number IS NOT NULL;

CREATE TABLE orders (
	number       TEXT PRIMARY KEY CHECK (length(number) = 13 AND number NOT GLOB '*[^0-9]*'),
	customer     INTEGER REFERENCES customers (id) ON DELETE SET NULL,
	status       INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
	vin          TEXT,
	announced_at TEXT
) WITHOUT ROWID;
CREATE INDEX orders_customer ON orders (customer) WHERE customer IS NOT NULL;
CREATE INDEX orders_vin ON orders (vin) WHERE vin IS NOT NULL;

CREATE TABLE order_events (
	order_number TEXT NOT NULL REFERENCES orders (number) ON DELETE CASCADE,
	at           TEXT NOT NULL,
	status       INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
	PRIMARY KEY (order_number, at, status)
) WITHOUT ROWID;

-- No foreign key to dealers: the directory is a cache refreshed on its own
-- schedule and may lag behind a customer's saved dealers.
CREATE TABLE saved_dealers (
	customer    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	dealer_code TEXT NOT NULL,
	is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
	PRIMARY KEY (customer, dealer_code)
) WITHOUT ROWID;
CREATE UNIQUE INDEX saved_dealers_primary ON saved_dealers (customer) WHERE is_primary = 1;

-- A message is known by its customer and its id: one index serves both
-- the inbox and the look-up, and a bulk load appends to it in customer
-- order instead of scattering inserts over an index of random ids.
CREATE TABLE messages (
	customer INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	id       TEXT NOT NULL,
	subject  TEXT NOT NULL,
	body     TEXT NOT NULL,
	at       TEXT NOT NULL,
	read     INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
	deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	UNIQUE (customer, id)
);

CREATE TABLE offers (
	id             TEXT PRIMARY KEY,
	title          TEXT NOT NULL,
	value          TEXT NOT NULL DEFAULT '',
	conditions     TEXT NOT NULL DEFAULT '',
	models         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(models)),
	min_age_months INTEGER NOT NULL DEFAULT 0,
	max_age_months INTEGER NOT NULL DEFAULT 0,
	min_mileage    INTEGER NOT NULL DEFAULT 0,
	max_mileage    INTEGER NOT NULL DEFAULT 0,
	dealers        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dealers)),
	regions        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(regions)),
	valid_from     TEXT NOT NULL,
	valid_to       TEXT NOT NULL
) WITHOUT ROWID;

-- customer_ref, not a foreign key: a coupon may name a customer this
-- device does not cache.
CREATE TABLE coupons (
	code         TEXT PRIMARY KEY,
	offer_id     TEXT NOT NULL,
	vin          TEXT NOT NULL,
	customer_ref TEXT NOT NULL DEFAULT '',
	device_id    TEXT NOT NULL DEFAULT '',
	issued_at    TEXT NOT NULL,
	redeemed_at  TEXT,
	redeemed_by  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX coupons_vin ON coupons (vin);

CREATE TABLE recalls (
	campaign TEXT PRIMARY KEY,
	date     TEXT NOT NULL,
	title    TEXT NOT NULL,
	text     TEXT NOT NULL DEFAULT '',
	remedy   TEXT NOT NULL DEFAULT '',
	free     INTEGER NOT NULL DEFAULT 1 CHECK (free IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE recall_vins (
	vin      TEXT NOT NULL,
	campaign TEXT NOT NULL REFERENCES recalls (campaign) ON DELETE CASCADE,
	PRIMARY KEY (vin, campaign)
) WITHOUT ROWID;
CREATE INDEX recall_vins_campaign ON recall_vins (campaign);

CREATE TABLE staff_users (
	id              TEXT PRIMARY KEY,
	dealer_code     TEXT NOT NULL,
	name            TEXT NOT NULL,
	role            TEXT NOT NULL CHECK (role IN ('sales', 'service', 'admin')),
	pin_hash        TEXT NOT NULL DEFAULT '',
	failed_attempts INTEGER NOT NULL DEFAULT 0,
	locked_until    TEXT,
	active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE sales (
	vin         TEXT NOT NULL,
	date        TEXT NOT NULL,
	dealer_code TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('retail', 'corporate')),
	staff_id    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (vin, date)
) WITHOUT ROWID;
CREATE INDEX sales_dealer_date ON sales (dealer_code, date);

-- The factory registry: VIN → what the factory built.
CREATE TABLE factory_registry (
	vin           TEXT PRIMARY KEY CHECK (length(vin) = 17),
	model         TEXT NOT NULL,
	version       TEXT NOT NULL DEFAULT '',
	body          TEXT NOT NULL DEFAULT '',
	engine_number TEXT NOT NULL,
	build_date    TEXT,
	equipment     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(equipment))
) WITHOUT ROWID;

-- The outbox: local changes the portal has not yet acknowledged. id is the
-- idempotency key; body is the mutation's data in the API's wire shape.
-- Rows are pushed in rowid order, which is creation order.
CREATE TABLE outbox (
	id         TEXT PRIMARY KEY,
	type       TEXT NOT NULL,
	body       BLOB NOT NULL,
	created    TEXT NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT ''
);
