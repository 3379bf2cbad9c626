package portal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"github.com/myrenault/showroom/portal/api"
)

// lockedBuffer is an io.Writer that a test reads while the server writes.
type lockedBuffer struct {
	mu  stdsync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestCommandServesImportsAndShutsDownGracefully runs the portal command as
// an administrator would: import a dealer directory, make an enrolment
// code, serve; a device enrols and is halfway through sending a push when
// the portal is told to stop: the push is still answered in full, new
// connections are refused, and the command exits 0.
func TestCommandServesImportsAndShutsDownGracefully(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	csv := filepath.Join(dir, "dealers.csv")
	os.WriteFile(csv, []byte("code,name,region,city,address,phone,email,lat,lon\n006122,Автомир,Свердловская область,Екатеринбург,,,,,\n"), 0o600)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("code,name,region,city,address,phone,email,lat,lon\n006123,A,R,,,,,,\n61,B,R,,,,,,\n"), 0o600)
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, out, errs := run("import", "--db", db, "dealers", csv); code != 0 || !strings.Contains(out, "1 dealers imported") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	if code, _, errs := run("import", "--db", db, "dealers", bad); code != 1 || !strings.Contains(errs, "line 3") || !strings.Contains(errs, "nothing imported") {
		t.Fatalf("bad import: %d %q", code, errs)
	}
	if code, _, errs := run("enroll-code", "--db", db, "--dealer", "999999"); code != 1 || !strings.Contains(errs, "999999") {
		t.Fatalf("enroll-code for an unknown dealer: %d %q", code, errs)
	}
	code, out, errs := run("enroll-code", "--db", db, "--dealer", "006122")
	enrollCode := strings.TrimSpace(out)
	if code != 0 || len(enrollCode) != 14 {
		t.Fatalf("enroll-code: %d %q %q", code, out, errs)
	}

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	exited := make(chan int, 1)
	go func() {
		exited <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--mail-dir", filepath.Join(dir, "mail")}, io.Discard, logs)
	}()
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the portal did not start: %s", logs)
		}
		sc := bufio.NewScanner(strings.NewReader(logs.String()))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "portal listening" {
				addr = line.Addr
			}
		}
	}
	base := "http://" + addr
	body, _ := json.Marshal(api.EnrollRequest{Code: enrollCode, Name: "Стойка 1", Kind: "desk"})
	resp, err := http.Post(base+"/api/v1/devices/enroll", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var dev api.EnrollResponse
	json.NewDecoder(resp.Body).Decode(&dev)
	resp.Body.Close()
	if resp.StatusCode != 201 || dev.Token == "" {
		t.Fatalf("enroll: %d", resp.StatusCode)
	}

	// A push whose body arrives in two parts, with the shutdown between.
	var ms []api.Mutation
	for i := range 50 {
		ref := fmt.Sprintf("g%d", i)
		ms = append(ms, mutation(api.TypeCustomerRegister, registration(ref, ref+"@example.ru")))
	}
	full, _ := json.Marshal(api.PushRequest{Mutations: ms})
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", base+"/api/v1/sync/push", pr)
	req.Header.Set("Authorization", "Bearer "+dev.Token)
	answered := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			close(answered)
			return
		}
		answered <- resp
	}()
	pw.Write(full[:len(full)/2])
	time.Sleep(200 * time.Millisecond) // the server is reading the body
	stop()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err != nil {
			break // the listener is closed: no new requests
		} else {
			c.Close()
		}
		if time.Now().After(deadline) {
			t.Fatal("the portal still accepts connections after the stop")
		}
	}
	select {
	case code := <-exited:
		t.Fatalf("the portal exited (%d) with a request in flight", code)
	default:
	}
	pw.Write(full[len(full)/2:])
	pw.Close()
	resp = <-answered
	if resp == nil {
		t.FailNow()
	}
	var pushed api.PushResponse
	json.NewDecoder(resp.Body).Decode(&pushed)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(pushed.Results) != len(ms) || pushed.Results[len(ms)-1].Status != api.StatusApplied {
		t.Fatalf("the push in flight: %d, %d results", resp.StatusCode, len(pushed.Results))
	}
	select {
	case code := <-exited:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, logs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the portal did not exit")
	}
	// The logs name routes and counts, never the people or the token.
	for _, secret := range []string{dev.Token, "example.ru", "Игнатьева", enrollCode} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
	// A normal stop is not an error.
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("errors logged: %s", logs)
	}
	if !strings.Contains(logs.String(), "finishing requests in flight") {
		t.Errorf("no shutdown in the log: %s", logs)
	}
}

// TestServeRefusesMailDirAndSMTPTogether: e-mail goes to the mail folder or
// through SMTP; given both, the command says so at the start, before the
// database is touched, instead of SMTP silently winning.
func TestServeRefusesMailDirAndSMTPTogether(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	// Were the flags taken, a stopped context ends the command at once
	// instead of serving for ever.
	ctx, stop := context.WithCancel(context.Background())
	stop()
	var out, errb bytes.Buffer
	code := Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db,
		"--mail-dir", filepath.Join(dir, "mail"), "--smtp", "127.0.0.1:25"}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "--mail-dir or --smtp, not both") {
		t.Fatalf("exit %d: %q", code, errb.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the database was made: %v", err)
	}
}
