package sync

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	stdsync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
)

var crashKills = flag.Int("sync.kills", 200, "how many times the crash test kills the registering child (10000 takes about 25 minutes: add -timeout=60m)")

// crashChildEnv names the data folder of a crash-test child: the test
// binary re-executed with it set registers customers and syncs until it
// is killed.
const crashChildEnv = "SHOWROOM_SYNC_CRASH_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		crashChild(dir)
		os.Exit(0)
	}
	code := m.Run()
	closePullPortal()
	os.Exit(code)
}

// crashChild registers customers one after another, printing "C <ref>"
// once each registration has committed, while the engine pushes and pulls
// in the background. It never stops by itself.
func crashChild(dir string) {
	ctx := context.Background()
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "child: %s: %v\n", what, err)
		os.Exit(3)
	}
	d, err := LoadDevice(dir)
	if err != nil {
		fail("device", err)
	}
	db, err := localdb.Open(ctx, filepath.Join(dir, "showroom.db"), localdb.Options{})
	if err != nil {
		fail("open", err)
	}
	c, err := NewClient(d, Options{Timeout: 5 * time.Second, Retries: 1, RetryWait: time.Millisecond, RetryMaxWait: 10 * time.Millisecond})
	if err != nil {
		fail("client", err)
	}
	e := New(Config{DB: db, Client: c, Interval: 20 * time.Millisecond, Probe: 5 * time.Millisecond,
		Watch: 2 * time.Millisecond, Batch: 20, PullLimit: 50})
	go e.Run(ctx)
	fmt.Println("READY")
	suffix := make([]byte, 6)
	for i := 0; ; i++ {
		rand.Read(suffix)
		r := registration(0)
		r.Email = fmt.Sprintf("crash.%d.%d.%s@example.ru", os.Getpid(), i, hex.EncodeToString(suffix))
		cu, err := db.Register(ctx, r)
		if err != nil {
			fail("register", err)
		}
		fmt.Printf("C %s\n", cu.Ref) // one write: a line is whole or absent
		e.Kick()
		time.Sleep(time.Duration(mrand.IntN(3)) * time.Millisecond)
	}
}

// TestCrashLosesNothingAndDuplicatesNothing kills a child that registers
// customers and syncs with SIGKILL at random moments, again and again
// (-sync.kills times), each child starting on the store the last one
// left; after every kill the store passes PRAGMA integrity_check. Then
// every registration a child reported committed must be on the
// portal exactly once, the portal must hold nothing the device does not,
// and the store must hold no half-written registration.
func TestCrashLosesNothingAndDuplicatesNothing(t *testing.T) {
	// The two long tests of the package run side by side, each busy enough
	// to keep one of two cores: the crash test in its children and
	// integrity checks, the long-offline test in SQLite on both sides.
	t.Parallel()
	p := newTestPortal(t)
	dir := t.TempDir()
	d := p.enroll(t, dealerA, p.srv.URL)
	if err := SaveDevice(dir, d); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "showroom.db")
	db, err := localdb.Open(context.Background(), dbPath, localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Bind(context.Background(), db, d); err != nil {
		t.Fatal(err)
	}
	db.Close()

	committed := map[string]bool{}
	rnd := mrand.New(mrand.NewPCG(uint64(time.Now().UnixNano()), 7))
	start := time.Now()
	early := 0
	var checking time.Duration
	for kill := 0; kill < *crashKills; kill++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan struct{})
		var refs []string
		var wg stdsync.WaitGroup
		wg.Go(func() {
			sc := bufio.NewScanner(out)
			once := false
			for sc.Scan() {
				line := sc.Text()
				if line == "READY" && !once {
					once = true
					close(ready)
					continue
				}
				if ref, ok := strings.CutPrefix(line, "C "); ok {
					refs = append(refs, ref)
				}
			}
			if !once {
				close(ready)
			}
		})
		if rnd.IntN(10) == 0 {
			// Now and then the child dies while it opens the store.
			early++
			time.Sleep(time.Duration(rnd.IntN(15)) * time.Millisecond)
		} else {
			<-ready
			time.Sleep(time.Duration(rnd.IntN(70)) * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		wg.Wait()
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("child %d ended by itself (%v):\n%s", kill, err, stderr.String())
		}
		if strings.Contains(stderr.String(), "DATA RACE") {
			t.Fatalf("child %d:\n%s", kill, stderr.String())
		}
		for _, ref := range refs {
			committed[ref] = true
		}
		// Every kill, not only the last, must leave a sound store: the
		// next start opens it, and a damage one start tolerated could be
		// written over by the next.
		c0 := time.Now()
		if err := integrity(dbPath); err != nil {
			t.Fatalf("after kill %d: %v", kill, err)
		}
		checking += time.Since(c0)
	}
	killing := time.Since(start)

	// A last, peaceful start drains the outbox.
	last := openDevice(t, dbPath, d, fastOptions())
	drained := last.converge(t)
	if _, err := last.engine.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(committed) == 0 {
		t.Fatal("no child reported a registration")
	}
	local := last.localCustomers(t)
	onPortal := p.portalCustomers(t)
	for ref := range committed {
		if len(onPortal[ref]) != 1 {
			t.Fatalf("committed registration %s is on the portal %d times", ref, len(onPortal[ref]))
		}
		if local[ref] != onPortal[ref][0] {
			t.Fatalf("committed registration %s: device knows ID %q, portal %q", ref, local[ref], onPortal[ref][0])
		}
	}
	for ref, ids := range onPortal {
		if _, ok := local[ref]; !ok || len(ids) != 1 {
			t.Fatalf("portal holds %s %d times, device has it: %v", ref, len(ids), ok)
		}
	}
	if len(local) != len(onPortal) {
		t.Fatalf("device holds %d customers, portal %d", len(local), len(onPortal))
	}
	checkWhole(t, dbPath)
	if n, _ := last.db.AttentionLen(context.Background()); n != 0 {
		t.Fatalf("%d mutations rejected", n)
	}
	t.Logf("%d kills (%d while opening) in %v, of which %v checking the store's integrity; %d registrations reported committed, %d on both sides; "+
		"the last start pushed %d (%d already applied by a killed child)",
		*crashKills, early, killing.Round(time.Millisecond), checking.Round(time.Millisecond), len(committed), len(local),
		drained.Push.Applied+drained.Push.Duplicate, drained.Push.Duplicate)
}

// checkWhole checks the store's integrity and that every customer was
// written whole: with its consent, and either still in the outbox or
// known to the portal.
func checkWhole(t *testing.T, path string) {
	t.Helper()
	if err := integrity(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM customers c WHERE
		(SELECT count(*) FROM consents WHERE customer = c.id) != 1 OR coalesce(c.customer_id, '') = ''`).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("%d customers half-written or never pushed (%v)", n, err)
	}
	var states int
	if err := db.QueryRow(`SELECT count(*) FROM customers WHERE state <> ?`, showroom.StatePending).Scan(&states); err != nil || states != 0 {
		t.Fatalf("%d customers not pending (%v)", states, err)
	}
}

// integrity runs PRAGMA integrity_check on the store at path, opened
// read-only so that the check changes nothing of what a killed child left
// (its write-ahead log included), and returns an error unless it says ok.
func integrity(path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity_check: %w", err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("integrity_check: %s", strings.Join(problems, "; "))
	}
	return nil
}
