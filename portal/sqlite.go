package portal

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// timeLayout is how times are stored: RFC 3339 UTC with fixed-width
// fractions, so that stored strings sort as times do.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// SQLite is the portal's store on one SQLite file: WAL, synchronous=FULL,
// foreign keys on, one writer connection and a pool of readers.
type SQLite struct {
	w   *sql.DB
	r   *sql.DB
	now func() time.Time
	// onInternal, when set, hears of mutations that failed inside the
	// store (not rule rejections); it must not log request data.
	onInternal func(error)
}

// OnInternalError sets a hook that hears of mutations that failed inside
// the store, for logging; the server sets it.
func (s *SQLite) OnInternalError(f func(error)) { s.onInternal = f }

// OpenSQLite opens (creating when needed) the store at path and applies the
// migrations it has not applied yet. now is the clock; time.Now when nil.
func OpenSQLite(ctx context.Context, path string, now func() time.Time) (*SQLite, error) {
	if now == nil {
		now = time.Now
	}
	s := &SQLite{now: func() time.Time { return now().UTC() }}
	var err error
	s.w, err = sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("portal: open: %w", err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	if err := migrate(ctx, s.w); err != nil {
		s.w.Close()
		return nil, err
	}
	s.r, err = sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		s.w.Close()
		return nil, fmt.Errorf("portal: open: %w", err)
	}
	n := max(2, runtime.NumCPU())
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)
	if err := s.r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("portal: open read pool: %w", err)
	}
	return s, nil
}

// sqliteDSN puts the pragmas in the DSN so that every pooled connection
// gets them, not just the first.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// The write lock is taken at BEGIN, so a transaction that reads
		// and then writes never fails with SQLITE_BUSY halfway.
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Path: path}
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// Close closes both pools.
func (s *SQLite) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// Ping reports whether the store answers.
func (s *SQLite) Ping(ctx context.Context) error {
	var n int
	return s.r.QueryRowContext(ctx, `SELECT 1`).Scan(&n)
}

// Pragma returns a pragma's value as the writer connection sees it; tests
// use it to check that the DSN's settings took effect.
func (s *SQLite) Pragma(ctx context.Context, name string) (string, error) {
	var v string
	err := s.w.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v)
	return v, err
}

// update runs fn in a write transaction and commits when it returns nil.
func (s *SQLite) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("portal: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("portal: commit: %w", err)
	}
	return nil
}

// migrations are NNNN_name.sql files applied in number order; a released
// file is never edited.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

func migrate(ctx context.Context, db *sql.DB) error {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	type mig struct {
		v    int
		name string
	}
	var ms []mig
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			return fmt.Errorf("portal: migration %s: name must be NNNN_name.sql", base)
		}
		ms = append(ms, mig{v, n})
	}
	slices.SortFunc(ms, func(a, b mig) int { return a.v - b.v })
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("portal: migrations table: %w", err)
	}
	for _, m := range ms {
		body, err := fs.ReadFile(migrationFS, m.name)
		if err != nil {
			return err
		}
		err = func() error {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.v).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?)`, m.v, fmtTime(time.Now())); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err != nil {
			return fmt.Errorf("portal: migration %s: %w", m.name, err)
		}
	}
	return nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}
