package portal

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// Fixture values: two dealers, a registry record and an order of the first.
const (
	dealerA   = "006122"
	dealerB   = "007001"
	knownVIN  = "VF1LZBR0542606589"
	knownEng  = "K4MA690C123456"
	orderNum  = "0061220040234"
	offerID   = "offer-200"
	consentSH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

type testPortal struct {
	t     *testing.T
	store *SQLite
	srv   *httptest.Server
	mail  string
}

// loadFixtureDealers loads the two dealers of the tests' portals.
func loadFixtureDealers(l *Loader) error {
	for _, d := range []showroom.Dealer{
		{Code: dealerA, Name: "Автомир-Екатеринбург", Region: "Свердловская область", City: "Екатеринбург"},
		{Code: dealerB, Name: "Автомир-Москва", Region: "Москва", City: "Москва"},
	} {
		if err := l.Dealer(d); err != nil {
			return err
		}
	}
	return nil
}

// newTestPortal starts the real server over a real SQLite file.
func newTestPortal(t testing.TB) *testPortal {
	t.Helper()
	dir := t.TempDir()
	st, err := OpenSQLite(context.Background(), filepath.Join(dir, "portal.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Load(context.Background(), func(l *Loader) error {
		if err := loadFixtureDealers(l); err != nil {
			return err
		}
		if err := l.Record(showroom.FactoryRecord{VIN: knownVIN, Model: "Fluence", Version: "Expression", Body: "sedan",
			EngineNumber: knownEng, BuildDate: time.Date(2011, 5, 3, 0, 0, 0, 0, time.UTC)}); err != nil {
			return err
		}
		if err := l.Offer(showroom.Offer{ID: offerID, Title: "200 ₽ на комплекс-сервис"}); err != nil {
			return err
		}
		return l.Order(showroom.Order{Number: orderNum, Status: showroom.OrderAtDealer})
	})
	if err != nil {
		t.Fatal(err)
	}
	mail := filepath.Join(dir, "mail")
	p := &testPortal{store: st, mail: mail}
	if tt, ok := t.(*testing.T); ok {
		p.t = tt
	}
	s := NewServer(Config{Store: st, Mailer: DirMailer{Dir: mail}, PublicURL: "http://portal.test",
		Log: slog.New(slog.DiscardHandler)})
	p.srv = httptest.NewServer(s)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.DeliverMail(ctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	t.Cleanup(p.srv.Close)
	return p
}

// keyedDevice is an enrolled device that signs coupons.
type keyedDevice struct {
	token, prefix string
	pub           ed25519.PublicKey
	key           ed25519.PrivateKey
}

// enrollKeyed enrols a desk of the dealer that registers a coupon key.
func (p *testPortal) enrollKeyed(t testing.TB, dealer string) keyedDevice {
	t.Helper()
	code, err := p.store.NewEnrollCode(context.Background(), dealer, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	pub, key, err := showroom.NewDeviceKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	var out api.EnrollResponse
	st := p.do(t, "POST", "/api/v1/devices/enroll", "", api.EnrollRequest{Code: code, Name: "Сервис 1", Kind: "desk", PublicKey: pub}, &out)
	if st != http.StatusCreated || len(out.CouponPrefix) != showroom.PrefixLen {
		t.Fatalf("enroll: status %d, prefix %q", st, out.CouponPrefix)
	}
	return keyedDevice{token: out.Token, prefix: out.CouponPrefix, pub: pub, key: key}
}

// enroll enrols a device of the dealer and returns its token.
func (p *testPortal) enroll(t testing.TB, dealer string) string {
	t.Helper()
	code, err := p.store.NewEnrollCode(context.Background(), dealer, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var out api.EnrollResponse
	st := p.do(t, "POST", "/api/v1/devices/enroll", "", api.EnrollRequest{Code: code, Name: "Киоск 1", Kind: "kiosk"}, &out)
	if st != http.StatusCreated {
		t.Fatalf("enroll: status %d", st)
	}
	return out.Token
}

// do sends a JSON request (body nil for none, a []byte as is) and decodes
// the answer into out when out is not nil; it returns the status.
func (p *testPortal) do(t testing.TB, method, path, token string, body, out any) int {
	t.Helper()
	st, err := p.try(method, path, token, body, out)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// try is do for goroutines other than the test's: it returns what went
// wrong instead of failing the test, since only the test's goroutine may
// call t.Fatal.
func (p *testPortal) try(method, path, token string, body, out any) (int, error) {
	resp, err := p.send(method, path, token, body, nil)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %w in %s", method, path, err, b)
		}
	}
	return resp.StatusCode, nil
}

func (p *testPortal) raw(t testing.TB, method, path, token string, body any, hdr map[string]string) *http.Response {
	t.Helper()
	resp, err := p.send(method, path, token, body, hdr)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// send makes a request and returns the answer, the caller closing its body.
func (p *testPortal) send(method, path, token string, body any, hdr map[string]string) (*http.Response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, p.srv.URL+path, rd)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return p.srv.Client().Do(req)
}

// push sends mutations and returns their results.
func (p *testPortal) push(t testing.TB, token string, ms ...api.Mutation) []api.Result {
	t.Helper()
	var out api.PushResponse
	if st := p.do(t, "POST", "/api/v1/sync/push", token, api.PushRequest{Mutations: ms}, &out); st != http.StatusOK {
		t.Fatalf("push: status %d", st)
	}
	if len(out.Results) != len(ms) {
		t.Fatalf("push: %d results for %d mutations", len(out.Results), len(ms))
	}
	return out.Results
}

// pullAll reads the whole feed of a device.
func (p *testPortal) pullAll(t testing.TB, token string) []api.Change {
	t.Helper()
	var all []api.Change
	cursor := ""
	for {
		var page api.PullResponse
		if st := p.do(t, "GET", "/api/v1/sync/pull?limit=2&since="+cursor, token, nil, &page); st != http.StatusOK {
			t.Fatalf("pull: status %d", st)
		}
		all = append(all, page.Changes...)
		cursor = page.Next
		if !page.More {
			return all
		}
	}
}

var mutationSeq int

// mutation builds a mutation with a fresh id.
func mutation(typ string, data any) api.Mutation {
	mutationSeq++
	b, err := json.Marshal(data)
	if err != nil {
		panic(err)
	}
	return api.Mutation{ID: fmt.Sprintf("m-%d-%d", time.Now().UnixNano(), mutationSeq), Type: typ,
		At: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), Data: b}
}

// registration is a valid kiosk registration.
func registration(ref, email string) showroom.Registration {
	return showroom.Registration{CustomerRef: ref, LastName: "Игнатьева", FirstName: "Полина", Email: email,
		Source: showroom.SourceKiosk,
		Consent: showroom.RegistrationConsent{TextVersion: "pd-2026-01", TextSHA256: consentSH,
			GivenAt: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}}
}

func decodeBody(t testing.TB, resp *http.Response, out any) {
	t.Helper()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

// emlText returns the decoded text body of an .eml file.
func emlText(t testing.TB, raw []byte) string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// waitMail waits until the mail folder holds n .eml files and returns them.
func (p *testPortal) waitMail(t testing.TB, n int) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(p.mail, "*.eml"))
		if len(files) >= n || time.Now().After(deadline) {
			if len(files) != n {
				t.Fatalf("%d e-mails, want %d", len(files), n)
			}
			return files
		}
		time.Sleep(10 * time.Millisecond)
	}
}
