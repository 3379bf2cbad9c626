-- The model catalogue and the service programmes of «Мой сервис», which
-- every device receives.
CREATE TABLE models (
	name TEXT PRIMARY KEY,
	data TEXT NOT NULL
);

CREATE TABLE service_programs (
	id   TEXT PRIMARY KEY,
	data TEXT NOT NULL
);
