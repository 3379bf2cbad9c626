package localdb

import (
	"context"
	"encoding/json"

	"github.com/myrenault/showroom"
)

// PutModel inserts or replaces a model of the catalogue.
func (tx *Tx) PutModel(m showroom.ModelInfo) error {
	b, err := json.Marshal(m)
	if err != nil {
		return wrap("put model", err)
	}
	_, err = tx.exec(`INSERT INTO models (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data`, m.Name, string(b))
	return wrap("put model", err)
}

// PutServiceProgram inserts or replaces a programme of «Мой сервис».
func (tx *Tx) PutServiceProgram(p showroom.ServiceProgram) error {
	b, err := json.Marshal(p)
	if err != nil {
		return wrap("put service programme", err)
	}
	_, err = tx.exec(`INSERT INTO service_programs (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data`, p.ID, string(b))
	return wrap("put service programme", err)
}

// Models returns the catalogue, by name.
func (db *DB) Models(ctx context.Context) ([]showroom.ModelInfo, error) {
	return readJSONRows[showroom.ModelInfo](ctx, db, "models", `SELECT data FROM models ORDER BY name`)
}

// ServicePrograms returns the programmes of «Мой сервис», by ID.
func (db *DB) ServicePrograms(ctx context.Context) ([]showroom.ServiceProgram, error) {
	return readJSONRows[showroom.ServiceProgram](ctx, db, "service programmes", `SELECT data FROM service_programs ORDER BY id`)
}

func readJSONRows[T any](ctx context.Context, db *DB, what, query string) ([]T, error) {
	rows, err := db.r.QueryContext(ctx, query)
	if err != nil {
		return nil, wrap(what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var raw string
		var v T
		if err := rows.Scan(&raw); err != nil {
			return nil, wrap(what, err)
		}
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return nil, wrap(what, err)
		}
		out = append(out, v)
	}
	return out, wrap(what, rows.Err())
}
