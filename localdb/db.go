// Package localdb is the showroom's local store: one SQLite file holding the
// portal data this device caches (dealers, customers, garages, orders,
// offers, recalls, the factory registry…), the customers registered here,
// and the outbox of local changes waiting to be pushed to the portal.
//
// Every local change commits together with its outbox row in one
// transaction, so a registration confirmed on screen is never lost or sent
// twice. All writes go through one connection; reads use a separate pool of
// read-only connections, which WAL lets run beside the writer.
//
// Errors that callers act on are *showroom.Error values with a stable code
// (showroom.ENotFound, showroom.EEmailTaken, showroom.EGarageFull, …).
// Neither errors nor logs carry personal data: they name fields, not values.
package localdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"time"

	"github.com/myrenault/showroom"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune Open. The zero value is the production setting.
type Options struct {
	// Now is the clock; time.Now when nil. Tests inject a fixed one.
	Now func() time.Time
	// BusyTimeout is how long a connection waits for a lock; 5 s when zero.
	BusyTimeout time.Duration
	// ReadConns caps the read pool; the number of CPUs (at least 2) when zero.
	ReadConns int
}

// DB is the local store. It is safe for concurrent use.
type DB struct {
	w   *sql.DB // the one writer connection
	r   *sql.DB // read-only pool
	now func() time.Time

	// failAfter, when set by a test, is called at named points inside a
	// write transaction; an error it returns aborts the transaction.
	failAfter func(point string) error
}

// Open opens the store at path, creating the file when it does not exist,
// and applies the migrations it has not yet applied.
func Open(ctx context.Context, path string, o Options) (*DB, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 5 * time.Second
	}
	if o.ReadConns <= 0 {
		o.ReadConns = max(2, runtime.NumCPU())
	}
	db := &DB{now: func() time.Time { return o.Now().UTC() }}

	var err error
	// The writer opens first: it is the connection that switches a new file
	// to WAL, which read-only connections could not do.
	db.w, err = sql.Open("sqlite", dsn(path, o.BusyTimeout, false))
	if err != nil {
		return nil, fmt.Errorf("localdb: open: %w", err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxLifetime(0)
	db.w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, db.w, migrations); err != nil {
		db.w.Close()
		return nil, err
	}
	if err := db.upgradeSearchIndex(ctx); err != nil {
		db.w.Close()
		return nil, err
	}

	db.r, err = sql.Open("sqlite", dsn(path, o.BusyTimeout, true))
	if err != nil {
		db.w.Close()
		return nil, fmt.Errorf("localdb: open: %w", err)
	}
	db.r.SetMaxOpenConns(o.ReadConns)
	db.r.SetMaxIdleConns(o.ReadConns)
	if err := db.r.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("localdb: open read pool: %w", err)
	}
	return db, nil
}

// dsn builds the driver's data source name. Pragmas go through the DSN so
// that every connection the pools open gets them, not just the first.
func dsn(path string, busy time.Duration, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Statement journals and sorts in memory: a statement journal on disk
	// costs a write per page for every constrained statement.
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "cache_size(-16384)") // 16 MiB per reader
		q.Add("_pragma", "mmap_size(268435456)")
	} else {
		q.Add("_pragma", "cache_size("+writerCacheSize+")")
		// The writer takes the write lock at BEGIN: a transaction that
		// reads first and writes later cannot then fail with SQLITE_BUSY.
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Path: path}
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// writerCacheSize is the writer's page cache: 64 MiB.
const writerCacheSize = "-65536"

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// Tx is a write transaction, handed to the function given to Update or
// ApplyPage. It is bound to the context of that call and must not be used
// after the function returns.
type Tx struct {
	ctx context.Context
	// run is ctx without its cancellation, for the statements of exec,
	// queryRow and query: the driver watches a cancellable context with a
	// goroutine per statement, a second of a new device's first pull.
	// They check ctx before each statement instead, and a cancelled ctx
	// still rolls the transaction back.
	run context.Context
	tx  *sql.Tx
	db  *DB
	now time.Time

	// stmts are the statements this transaction has prepared, by their
	// SQL. A page of the change feed runs the same few statements for each
	// of its 500 changes; without them SQLite parsed and planned each
	// statement anew every time, most of a new device's first pull.
	stmts map[string]*sql.Stmt
}

// Update runs fn in a write transaction and commits when fn returns nil.
// The customer search index is brought up to date before the commit.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("localdb: begin: %w", err)
	}
	defer sqlTx.Rollback()
	tx := db.newTx(ctx, sqlTx, db.now())
	defer tx.closeStmts()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.reindexDirty(); err != nil {
		return err
	}
	tx.closeStmts()
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("localdb: commit: %w", err)
	}
	return nil
}

// view runs fn in a read transaction on the read pool, so that the reads it
// makes see one consistent state.
func (db *DB) view(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("localdb: begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// fail lets a test abort a transaction at a named point.
func (tx *Tx) fail(point string) error {
	if tx.db.failAfter == nil {
		return nil
	}
	return tx.db.failAfter(point)
}

// newTx wraps a write transaction begun with ctx; its statements are
// closed by closeStmts.
func (db *DB) newTx(ctx context.Context, sqlTx *sql.Tx, now time.Time) *Tx {
	return &Tx{ctx: ctx, run: context.WithoutCancel(ctx), tx: sqlTx, db: db, now: now}
}

// exec runs a statement that returns no rows, prepared once per
// transaction.
func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	s, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(tx.run, args...)
}

// queryRow runs a query of at most one row, prepared once per transaction.
func (tx *Tx) queryRow(query string, args ...any) scanner {
	s, err := tx.stmt(query)
	if err != nil {
		return errRow{err}
	}
	return s.QueryRowContext(tx.run, args...)
}

// query runs a query of rows, prepared once per transaction. The caller
// closes the rows before it runs the same query again.
func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	s, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(tx.run, args...)
}

// errRow is the row of a query that could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// stmt returns the transaction's prepared statement of query, preparing
// it the first time. A statement is used by one call at a time: exec and
// queryRow are done with it when they return, query when its rows are
// closed. It returns ctx's error once ctx is done.
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	if err := tx.ctx.Err(); err != nil {
		return nil, err
	}
	if s, ok := tx.stmts[query]; ok {
		return s, nil
	}
	s, err := tx.tx.PrepareContext(tx.run, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = make(map[string]*sql.Stmt)
	}
	tx.stmts[query] = s
	return s, nil
}

// closeStmts finalizes the transaction's statements; they hold memory of
// the one writer connection until they are closed.
func (tx *Tx) closeStmts() {
	for _, s := range tx.stmts {
		s.Close()
	}
	tx.stmts = nil
}

// notFound is the error for a missing entity; field names what was looked
// up (never the value).
func notFound(field string) error {
	return showroom.Errorf(showroom.ENotFound, field, "not_found")
}

// wrap adds the operation to an unexpected error. It keeps *showroom.Error
// values as they are, so their code reaches the caller.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *showroom.Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("localdb: %s: %w", op, err)
}

func isNotFound(err error) bool { return showroom.ErrorCode(err) == showroom.ENotFound }
