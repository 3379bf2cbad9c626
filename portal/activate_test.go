package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// welcomePackCustomer loads a customer made from a sale: an ID, a name and
// a car, no e-mail yet.
func welcomePackCustomer(t *testing.T, p *testPortal, id string) {
	t.Helper()
	err := p.store.Load(context.Background(), func(l *Loader) error {
		return l.Cabinet(showroom.Cabinet{
			Customer: showroom.Customer{ID: id, State: showroom.StateActive, DealerCode: dealerA, Source: showroom.SourceWelcomePack,
				Personal: showroom.PersonalData{FirstName: "Иван", LastName: "Петров"}},
			Garage: []showroom.Vehicle{{ID: "wp-" + id, VIN: knownVIN, Verified: true}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func page(t *testing.T, p *testPortal, method, path string, form url.Values) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, p.srv.URL+path, strings.NewReader(form.Encode()))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestWelcomePackSheetActivatesOnThePortalsPage(t *testing.T) {
	p := newTestPortal(t)
	welcomePackCustomer(t, p, "10000042")
	desk, other := p.enroll(t, dealerA), p.enroll(t, dealerB)
	code := "NB2HI4DTHIXS6MJRGIZTINJWG4"
	sum := sha256.Sum256([]byte(code))
	issue := api.WelcomePackIssue{CustomerID: "10000042", CodeSHA256: hex.EncodeToString(sum[:]), IssuedAt: time.Now()}
	for _, s := range []struct {
		name, token string
		in          api.WelcomePackIssue
		code        showroom.Code
	}{
		{"printed", desk, issue, ""},
		{"the same code again", desk, issue, showroom.EConflict},
		{"another dealer's customer", other, api.WelcomePackIssue{CustomerID: "10000042", CodeSHA256: strings.Repeat("ab", 32)}, api.CodeUnknownCustomer},
		{"not a hash", desk, api.WelcomePackIssue{CustomerID: "10000042", CodeSHA256: "abc"}, showroom.EInvalid},
	} {
		if r := p.push(t, s.token, mutation(api.TypeWelcomePackIssue, s.in))[0]; r.Code != s.code {
			t.Fatalf("%s: %+v", s.name, r)
		}
	}
	if st, body := page(t, p, "GET", "/activate/"+code, nil); st != 200 || !strings.Contains(body, "Здравствуйте, Иван!") || !strings.Contains(body, "персональных данных") {
		t.Fatalf("the page: %d\n%s", st, body)
	}
	if st, _ := page(t, p, "GET", "/activate/NOTACODE", nil); st != http.StatusNotFound {
		t.Fatalf("unknown code: %d", st)
	}
	if st, body := page(t, p, "POST", "/activate/NOTACODE", url.Values{"email": {"ivan@example.ru"}, "consent": {"yes"}}); st != http.StatusNotFound ||
		!strings.Contains(body, "Ссылка недействительна") {
		t.Fatalf("a form sent for an unknown code: %d\n%s", st, body)
	}
	// What the form gets wrong is said on the page, and nothing is used up.
	for _, f := range []struct {
		form url.Values
		says string
	}{
		{url.Values{"email": {"ivan@example.ru"}}, "согласие"},
		{url.Values{"email": {"ivan@gmail"}, "consent": {"yes"}}, "e-mail"},
	} {
		st, body := page(t, p, "POST", "/activate/"+code, f.form)
		if st != http.StatusUnprocessableEntity || !strings.Contains(strings.ToLower(body), f.says) {
			t.Fatalf("form %v: %d\n%s", f.form, st, body)
		}
	}
	st, body := page(t, p, "POST", "/activate/"+code, url.Values{"email": {"Ivan@Example.ru"}, "channel": {"sms"}, "phone": {"8 (912) 345-67-89"}, "consent": {"yes"}})
	if st != 200 || !strings.Contains(body, "Проверьте почту") {
		t.Fatalf("activation: %d\n%s", st, body)
	}
	if st, _ := page(t, p, "GET", "/activate/"+code, nil); st != http.StatusNotFound {
		t.Fatalf("the code works twice: %d", st)
	}
	// The confirmation e-mail's link makes the account active, with the
	// e-mail, the channel and the consent on record.
	raw, _ := os.ReadFile(p.waitMail(t, 1)[0])
	link := regexp.MustCompile(`http://portal\.test(/confirm/[a-z0-9]+)`).FindStringSubmatch(emlText(t, raw))
	if link == nil || !strings.Contains(string(raw), "To: Ivan@example.ru") {
		t.Fatalf("e-mail:\n%s", raw)
	}
	if st, _ := page(t, p, "GET", link[1], nil); st != 200 {
		t.Fatalf("confirm: %d", st)
	}
	var c showroom.Customer
	for _, ch := range p.pullAll(t, desk) {
		if ch.Type == api.ChangeCustomer && ch.ID == "10000042" {
			json.Unmarshal(ch.Data, &c)
		}
	}
	var consents int
	p.store.r.QueryRow(`SELECT count(*) FROM consents WHERE customer_id = '10000042' AND text_version = 'pd-2026-01'`).Scan(&consents)
	if c.State != showroom.StateActive || c.Personal.Email != "Ivan@example.ru" || c.Personal.PreferredChannel != showroom.ChannelSMS ||
		c.Contacts.MobilePhone != "+79123456789" || consents != 1 {
		t.Fatalf("customer %+v, %d consents", c, consents)
	}
}

func TestWelcomePackActivatedAtAKiosk(t *testing.T) {
	p := newTestPortal(t)
	welcomePackCustomer(t, p, "10000042")
	welcomePackCustomer(t, p, "10000043")
	kiosk := p.enroll(t, dealerA)
	registered(t, p, p.enroll(t, dealerA), "r1")
	consent := showroom.RegistrationConsent{TextVersion: "pd-2026-01", TextSHA256: consentSH, GivenAt: time.Now().UTC()}
	activate := func(id, email string) api.Result {
		return p.push(t, kiosk, mutation(api.TypeWelcomePackActivate,
			api.WelcomePackActivate{CustomerID: id, Email: email, PreferredChannel: showroom.ChannelEmail, Consent: consent}))[0]
	}
	if r := activate("10000042", "r1@example.ru"); r.Code != showroom.EEmailTaken {
		t.Fatalf("someone else's e-mail: %+v", r)
	}
	if r := activate("10000042", "ivan@example.ru"); r.Status != api.StatusApplied {
		t.Fatalf("activation: %+v", r)
	}
	if r := activate("99999999", "x@example.ru"); r.Code != api.CodeUnknownCustomer {
		t.Fatalf("unknown customer: %+v", r)
	}
	// Another dealer's kiosk cannot sign the customer in, nor activate
	// the account: to it the customer does not exist.
	other := p.enroll(t, dealerB)
	if r := p.push(t, other, mutation(api.TypeWelcomePackActivate,
		api.WelcomePackActivate{CustomerID: "10000043", Email: "x@example.ru", PreferredChannel: showroom.ChannelEmail, Consent: consent}))[0]; r.Code != api.CodeUnknownCustomer {
		t.Fatalf("another dealer's activation: %+v", r)
	}
	if r := activate("10000043", "ivan@example.ru"); r.Code != showroom.EEmailTaken {
		t.Fatalf("the e-mail just taken: %+v", r)
	}
	// r1's own confirmation and Ivan's.
	found := false
	for _, f := range p.waitMail(t, 2) {
		raw, _ := os.ReadFile(f)
		if strings.Contains(string(raw), "To: ivan@example.ru") && strings.Contains(emlText(t, raw), "10000042") {
			found = true
		}
	}
	if !found {
		t.Fatal("no confirmation e-mail for Ivan")
	}
}

// TestActivationPageServedByAnyStore: the activation page needs nothing of
// the store beyond the Store interface, so a store that wraps another (to
// trace it, say) or a store other than SQLite serves the page too, instead
// of a 404 for every code.
func TestActivationPageServedByAnyStore(t *testing.T) {
	p := newTestPortal(t)
	welcomePackCustomer(t, p, "10000042")
	code := "NB2HI4DTHIXS6MJRGIZTINJWG4"
	sum := sha256.Sum256([]byte(code))
	issue := api.WelcomePackIssue{CustomerID: "10000042", CodeSHA256: hex.EncodeToString(sum[:]), IssuedAt: time.Now()}
	if r := p.push(t, p.enroll(t, dealerA), mutation(api.TypeWelcomePackIssue, issue))[0]; r.Status != api.StatusApplied {
		t.Fatalf("issue: %+v", r)
	}
	wrapped := struct{ Store }{p.store}
	srv := httptest.NewServer(NewServer(Config{Store: wrapped, Mailer: DirMailer{Dir: p.mail}, Log: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/activate/" + code)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "Здравствуйте, Иван!") {
		t.Fatalf("the page through a wrapped store: %d\n%s", resp.StatusCode, b)
	}
}
