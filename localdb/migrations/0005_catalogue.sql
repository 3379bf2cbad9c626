-- The portal's model catalogue and the programmes of «Мой сервис», kept
-- whole as the domain's JSON: the desk reads them all at once.
CREATE TABLE models (
	name TEXT PRIMARY KEY,
	data TEXT NOT NULL CHECK (json_valid(data))
) WITHOUT ROWID;

CREATE TABLE service_programs (
	id   TEXT PRIMARY KEY,
	data TEXT NOT NULL CHECK (json_valid(data))
) WITHOUT ROWID;
