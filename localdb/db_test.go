package localdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/myrenault/showroom"
)

func TestPragmasTakeEffectOnBothPools(t *testing.T) {
	db := mustOpen(t)
	pools := map[string]*sql.DB{"writer": db.w, "reader": db.r}
	for name, pool := range pools {
		// Hold several connections at once, so the check covers more than
		// the pool's first connection.
		var conns []*sql.Conn
		for range 2 {
			c, err := pool.Conn(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
			if name == "writer" {
				break // the writer pool has one connection
			}
		}
		for i, c := range conns {
			get := func(p string) string {
				var v string
				if err := c.QueryRowContext(t.Context(), "PRAGMA "+p).Scan(&v); err != nil {
					t.Fatalf("%s %d: PRAGMA %s: %v", name, i, p, err)
				}
				return v
			}
			want := map[string]string{
				"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000",
			}
			if name == "reader" {
				want["query_only"] = "1"
			} else {
				want["query_only"] = "0"
			}
			for p, w := range want {
				if got := get(p); got != w {
					t.Errorf("%s conn %d: %s = %q, want %q", name, i, p, got, w)
				}
			}
		}
		for _, c := range conns {
			c.Close()
		}
	}
	if _, err := db.r.Exec(`INSERT INTO settings (key, value) VALUES ('x', 'y')`); err == nil {
		t.Error("the read pool accepted a write")
	}
}

func TestMigrationsFromEmptyAndReopen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "showroom.db")
	ms, err := loadMigrations(migrations)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 || ms[0].version != 1 {
		t.Fatalf("embedded migrations = %d, first %d", len(ms), ms[0].version)
	}
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != ms[len(ms)-1].version {
		t.Fatalf("schema version = %d, %v; want %d", v, err, ms[len(ms)-1].version)
	}
	if err := db.SetSetting(ctx, SettingDeviceID, "dev-1"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Re-opening applies nothing twice (a second CREATE TABLE would fail)
	// and keeps the data.
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("re-open: %v", err)
	}
	defer db.Close()
	if n := count(t, db, "schema_migrations"); n != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
	}
	if got, err := db.Setting(ctx, SettingDeviceID); err != nil || got != "dev-1" {
		t.Errorf("setting after re-open = %q, %v", got, err)
	}
}

func TestBrokenMigrationRollsBackWhole(t *testing.T) {
	ctx := t.Context()
	w, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "m.db"), time.Second, false))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1)
	good := fstest.MapFS{"0001_first.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)}}
	if err := migrate(ctx, w, good); err != nil {
		t.Fatal(err)
	}
	broken := fstest.MapFS{
		"0001_first.sql": good["0001_first.sql"],
		"0002_broken.sql": {Data: []byte(`CREATE TABLE b (x INTEGER);
			INSERT INTO a VALUES (1);
			INSERT INTO no_such_table VALUES (1);`)},
	}
	if err := migrate(ctx, w, broken); err == nil {
		t.Fatal("a broken migration was applied")
	}
	var n int
	w.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'b'`).Scan(&n)
	if n != 0 {
		t.Error("table b of the broken migration survived")
	}
	w.QueryRow(`SELECT count(*) FROM a`).Scan(&n)
	if n != 0 {
		t.Error("the broken migration's insert survived")
	}
	w.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&n)
	if n != 1 {
		t.Errorf("recorded version = %d, want 1", n)
	}
	// Fixed, it applies.
	broken["0002_broken.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE b (x INTEGER);`)}
	if err := migrate(ctx, w, broken); err != nil {
		t.Fatal(err)
	}
}

func TestMigrationNames(t *testing.T) {
	for _, bad := range []fstest.MapFS{
		{"init.sql": {}},
		{"0001_a.sql": {}, "01_b.sql": {}},
	} {
		if _, err := loadMigrations(bad); err == nil {
			t.Errorf("loadMigrations accepted %v", keys(bad))
		}
	}
}

func keys(m fstest.MapFS) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Readers keep reading while the writer commits; run with -race.
func TestConcurrentReadersWhileWriting(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	const n = 60
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 16)
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for {
				select {
				case <-stop:
					return
				default:
				}
				s, err := db.Stats(ctx)
				if err != nil {
					errs <- err
					return
				}
				if s.Customers < last {
					errs <- fmt.Errorf("reader %d saw customers go from %d to %d", r, last, s.Customers)
					return
				}
				last = s.Customers
				if _, err := db.SearchCustomers(ctx, "игнат", 5); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range n {
		d := draft()
		d.Email = fmt.Sprintf("polina%d@example.ru", i)
		d.VIN = ""
		if _, err := db.Register(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := db.Stats(ctx)
	if err != nil || s.Customers != n || s.Outbox != n {
		t.Errorf("stats = %+v, %v", s, err)
	}
	hits, err := db.SearchCustomers(ctx, "игнат", 100)
	if err != nil || len(hits) != n {
		t.Errorf("search found %d, %v; want %d", len(hits), err, n)
	}
}

func TestErrorsCarryNoPersonalData(t *testing.T) {
	db := mustOpen(t)
	ctx := t.Context()
	d := draft()
	if _, err := db.Register(ctx, d); err != nil {
		t.Fatal(err)
	}
	_, err := db.Register(ctx, d)
	wantCode(t, err, showroom.EEmailTaken)
	for _, s := range []string{"polina", "Игнатьева", "9161234567"} {
		if strings.Contains(strings.ToLower(err.Error()), strings.ToLower(s)) {
			t.Errorf("error %q names personal data", err)
		}
	}
}

// TestTxPreparesEachStatementOnce: a transaction keeps the statements it
// has prepared for its later calls, reports a statement SQLite refuses as
// an error of the call, and closes them all when it ends.
func TestTxPreparesEachStatementOnce(t *testing.T) {
	db := mustOpen(t)
	var kept *Tx
	err := db.Update(t.Context(), func(tx *Tx) error {
		kept = tx
		for i := range 3 {
			if err := tx.SetSetting("k", fmt.Sprint(i)); err != nil {
				return err
			}
		}
		if v, err := tx.setting("k"); err != nil || v != "2" {
			t.Errorf("setting = %q, %v", v, err)
		}
		if n := len(tx.stmts); n != 2 {
			t.Errorf("%d statements prepared for 2 kinds of call", n)
		}
		if _, err := tx.exec(`UPDATE nowhere SET x = 1`); err == nil {
			t.Error("exec of a statement on a missing table: no error")
		}
		var x int
		if err := tx.queryRow(`SELECT x FROM nowhere`).Scan(&x); err == nil {
			t.Error("query of a missing table: no error")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if kept.stmts != nil {
		t.Errorf("%d statements left open after the commit", len(kept.stmts))
	}
	if v, err := db.Setting(t.Context(), "k"); err != nil || v != "2" {
		t.Errorf("after the commit: %q, %v", v, err)
	}
}

// TestUpdateStopsWhenItsContextEnds: the statements of a transaction run
// without the caller's cancellation (the driver would watch each with a
// goroutine), so the transaction checks the context itself: once it is
// done, the next statement fails with its error and nothing is committed.
func TestUpdateStopsWhenItsContextEnds(t *testing.T) {
	db := mustOpen(t)
	ctx, cancel := context.WithCancel(t.Context())
	err := db.Update(ctx, func(tx *Tx) error {
		if err := tx.SetSetting("k", "before"); err != nil {
			return err
		}
		cancel()
		if err := tx.SetSetting("k", "after"); !errors.Is(err, context.Canceled) {
			t.Errorf("a statement after the cancellation: %v", err)
		}
		return nil
	})
	if err == nil {
		t.Error("the transaction of a cancelled context committed")
	}
	if _, err := db.Setting(t.Context(), "k"); showroom.ErrorCode(err) != showroom.ENotFound {
		t.Errorf("setting after a cancelled transaction: %v", err)
	}
}
