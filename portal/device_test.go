package portal

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

func TestPragmas(t *testing.T) {
	p := newTestPortal(t)
	for name, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000"} {
		got, err := p.store.Pragma(context.Background(), name)
		if err != nil || got != want {
			t.Errorf("pragma %s = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestEnroll(t *testing.T) {
	p := newTestPortal(t)
	code, err := p.store.NewEnrollCode(context.Background(), dealerA, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.store.NewEnrollCode(context.Background(), "999999", time.Hour); err == nil {
		t.Error("code for an unknown dealer")
	}
	var out api.EnrollResponse
	if st := p.do(t, "POST", "/api/v1/devices/enroll", "", api.EnrollRequest{Code: strings.ToLower(code), Name: "Стол", Kind: "desk"}, &out); st != http.StatusCreated {
		t.Fatalf("status %d", st)
	}
	if out.Token == "" || out.DeviceID == "" || out.Dealer.Code != dealerA {
		t.Fatalf("answer %+v", out)
	}
	// A code made for an hour, unused when the hour is over.
	expired, err := p.store.NewEnrollCode(context.Background(), dealerA, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour + time.Minute)
	p.store.now = func() time.Time { return later }
	tests := []struct {
		name   string
		req    any
		status int
		code   string
	}{
		{"reused code", api.EnrollRequest{Code: code, Name: "x", Kind: "kiosk"}, 401, "bad_enrollment_code"},
		{"unknown code", api.EnrollRequest{Code: "AAAA-BBBB-CCCC", Name: "x", Kind: "kiosk"}, 401, "bad_enrollment_code"},
		{"expired code", api.EnrollRequest{Code: expired, Name: "x", Kind: "kiosk"}, 401, "bad_enrollment_code"},
		{"bad kind", api.EnrollRequest{Code: code, Name: "x", Kind: "phone"}, 400, "invalid"},
		{"bad json", []byte(`{"code":`), 400, "bad_json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e api.ErrorBody
			if st := p.do(t, "POST", "/api/v1/devices/enroll", "", tt.req, &e); st != tt.status || string(e.Error.Code) != tt.code {
				t.Errorf("got %d %q, want %d %q", st, e.Error.Code, tt.status, tt.code)
			}
		})
	}
	// The token works; the portal stores only its hash.
	if st := p.do(t, "GET", "/api/v1/sync/pull", out.Token, nil, nil); st != 200 {
		t.Errorf("pull with the new token: %d", st)
	}
	var n int
	p.store.r.QueryRow(`SELECT count(*) FROM devices WHERE token_hash = ?`, out.Token).Scan(&n)
	if n != 0 {
		t.Error("token stored in clear")
	}
}

func TestAuthAndErrors(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	revoked := p.enroll(t, dealerA)
	dev, _ := p.store.DeviceByToken(context.Background(), revoked)
	if err := p.store.RevokeDevice(context.Background(), dev.ID); err != nil {
		t.Fatal(err)
	}
	big := append([]byte(`{"mutations":[],"pad":"`), bytes.Repeat([]byte("x"), api.MaxBody)...)
	big = append(big, `"}`...)
	tests := []struct {
		name, method, path, token string
		body                      any
		lang                      string
		status                    int
		code, message             string
	}{
		{"no token", "GET", "/api/v1/sync/pull", "", nil, "", 401, "unauthorized", "Access denied. Please sign in again."},
		{"unknown token", "GET", "/api/v1/sync/pull", "nope", nil, "ru-RU,ru;q=0.9", 401, "unauthorized", "Доступ запрещён. Пожалуйста, войдите снова."},
		{"revoked token", "GET", "/api/v1/vins/" + knownVIN, revoked, nil, "", 401, "unauthorized", ""},
		{"push without a token", "POST", "/api/v1/sync/push", "", api.PushRequest{Mutations: []api.Mutation{mutation(api.TypeCustomerRegister, registration("r1", "r1@example.ru"))}}, "", 401, "unauthorized", ""},
		{"welcome pack login without a token", "POST", "/api/v1/welcome-pack/login", "", api.WelcomePackLogin{CustomerID: "10000042", VIN: knownVIN}, "", 401, "unauthorized", ""},
		{"report without a token", "GET", "/api/v1/reports/registrations?quarter=2012Q1", "", nil, "", 401, "unauthorized", ""},
		{"report with a revoked token", "GET", "/api/v1/reports/registrations?quarter=2012Q1", revoked, nil, "", 401, "unauthorized", ""},
		{"bad json", "POST", "/api/v1/sync/push", token, []byte(`{"mutations": [`), "ru", 400, "bad_json", "Запрос не является корректным JSON."},
		{"body over 1 MiB", "POST", "/api/v1/sync/push", token, big, "", 413, "too_large", ""},
		{"bad cursor", "GET", "/api/v1/sync/pull?since=abc", token, nil, "", 400, "bad_cursor", ""},
		{"negative cursor", "GET", "/api/v1/sync/pull?since=-1", token, nil, "", 400, "bad_cursor", ""},
		{"invalid vin", "GET", "/api/v1/vins/VF1LZBR05426065", token, nil, "", 422, "invalid_vin", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := p.raw(t, tt.method, tt.path, tt.token, tt.body, map[string]string{"Accept-Language": tt.lang})
			defer resp.Body.Close()
			var e api.ErrorBody
			decodeBody(t, resp, &e)
			if resp.StatusCode != tt.status || string(e.Error.Code) != tt.code {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, e.Error.Code, tt.status, tt.code)
			}
			if tt.message != "" && e.Error.Message != tt.message {
				t.Errorf("message %q, want %q", e.Error.Message, tt.message)
			}
		})
	}
	t.Run("batch of 500", func(t *testing.T) {
		// The limit itself is accepted and answered in order: the first and
		// the last register, the empty ones between are rejected.
		ms := make([]api.Mutation, api.MaxBatch)
		ms[0] = mutation(api.TypeCustomerRegister, registration("first", "first@example.ru"))
		ms[len(ms)-1] = mutation(api.TypeCustomerRegister, registration("last", "last@example.ru"))
		res := p.push(t, token, ms...)
		if res[0].Status != api.StatusApplied || res[0].Entity == nil || res[0].Entity.Ref != "first" ||
			res[len(res)-1].Status != api.StatusApplied || res[len(res)-1].Entity == nil || res[len(res)-1].Entity.Ref != "last" {
			t.Fatalf("first %+v, last %+v", res[0], res[len(res)-1])
		}
		for i, r := range res[1 : len(res)-1] {
			if r.Status != api.StatusRejected {
				t.Fatalf("result %d: %+v", i+1, r)
			}
		}
		// Nothing of the pushes refused for want of a token was applied.
		var n int
		p.store.r.QueryRow(`SELECT count(*) FROM customers`).Scan(&n)
		if n != 2 {
			t.Errorf("%d customers, want 2", n)
		}
	})
	t.Run("batch over 500", func(t *testing.T) {
		ms := make([]api.Mutation, api.MaxBatch+1)
		var e api.ErrorBody
		if st := p.do(t, "POST", "/api/v1/sync/push", token, api.PushRequest{Mutations: ms}, &e); st != 413 {
			t.Errorf("status %d", st)
		}
	})
}

func TestHealthAndMetrics(t *testing.T) {
	p := newTestPortal(t)
	var h api.Health
	if st := p.do(t, "GET", "/healthz", "", nil, &h); st != 200 || h.Status != "ok" {
		t.Fatalf("healthz %d %+v", st, h)
	}
	token := p.enroll(t, dealerA)
	p.push(t, token, mutation(api.TypeCustomerRegister, registration("r1", "m@example.ru")))
	resp := p.raw(t, "GET", "/metrics", "", nil, nil)
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	for _, want := range []string{
		`portal_http_requests_total{route="GET /healthz",status="200"} 1`,
		`portal_http_requests_total{route="POST /api/v1/sync/push",status="200"} 1`,
		`portal_push_results_total{status="applied"} 1`,
		"# TYPE portal_push_results_total counter",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
	p.store.Close()
	if st := p.do(t, "GET", "/healthz", "", nil, &h); st != 503 {
		t.Errorf("healthz with the store closed: %d", st)
	}
}

func TestUnknownPathsAndMethodsAnswerInJSON(t *testing.T) {
	p := newTestPortal(t)
	token := p.enroll(t, dealerA)
	for _, tt := range []struct {
		method, path string
		status       int
		code         showroom.Code
		allow        string
	}{
		{"GET", "/api/v1/nothing", http.StatusNotFound, showroom.ENotFound, ""},
		{"GET", "/api/v1/sync/push", http.StatusMethodNotAllowed, api.CodeMethodNotAllowed, "POST"},
		{"DELETE", "/api/v1/sync/pull", http.StatusMethodNotAllowed, api.CodeMethodNotAllowed, "GET"},
	} {
		resp := p.raw(t, tt.method, tt.path, token, nil, map[string]string{"Accept-Language": "ru"})
		var e api.ErrorBody
		decodeBody(t, resp, &e)
		resp.Body.Close()
		if resp.StatusCode != tt.status || e.Error.Code != tt.code || e.Error.Message == "" || resp.Header.Get("Allow") != tt.allow ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: %d %+v allow %q", tt.method, tt.path, resp.StatusCode, e, resp.Header.Get("Allow"))
		}
	}
}

// TestEnrollMakesTheFirstAdmin: the administrator who enrols a device is
// made the dealer's administrator, once however many devices they enrol,
// and the dealer's devices get them through the feed.
func TestEnrollMakesTheFirstAdmin(t *testing.T) {
	p := newTestPortal(t)
	enrol := func(admin string) (api.EnrollResponse, int, api.ErrorBody) {
		t.Helper()
		code, err := p.store.NewEnrollCode(context.Background(), dealerA, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		raw := p.raw(t, "POST", "/api/v1/devices/enroll", "", api.EnrollRequest{Code: code, Name: "Стойка", Kind: "desk", Admin: admin}, nil)
		defer raw.Body.Close()
		var out api.EnrollResponse
		var e api.ErrorBody
		if raw.StatusCode == http.StatusCreated {
			decodeBody(t, raw, &out)
		} else {
			decodeBody(t, raw, &e)
		}
		return out, raw.StatusCode, e
	}
	first, st, _ := enrol("  Марат   Рыбаков ")
	if st != http.StatusCreated || first.Admin == nil {
		t.Fatalf("status %d, admin %+v", st, first.Admin)
	}
	a := *first.Admin
	if a.Name != "Марат Рыбаков" || a.Role != showroom.RoleAdmin || !a.Active || a.DealerCode != dealerA || a.ID == "" {
		t.Fatalf("admin %+v", a)
	}
	// The same administrator enrolling a second device is the same staff
	// member.
	second, _, _ := enrol("марат рыбаков")
	if second.Admin == nil || second.Admin.ID != a.ID {
		t.Fatalf("second enrolment's admin %+v, want %s", second.Admin, a.ID)
	}
	// Without a name, nobody is made.
	if none, _, _ := enrol(""); none.Admin != nil {
		t.Fatalf("an admin without a name: %+v", none.Admin)
	}
	// A name the domain refuses is refused, and the code stays unused.
	if _, st, e := enrol("Марат <script>"); st != http.StatusBadRequest || e.Error.Field != "admin" {
		t.Fatalf("bad admin name: %d %+v", st, e.Error)
	}
	var staff []string
	for _, c := range p.pullAll(t, first.Token) {
		if c.Type == api.ChangeStaff {
			staff = append(staff, c.ID)
		}
	}
	if len(staff) != 1 || staff[0] != a.ID {
		t.Fatalf("the feed's staff: %v, want [%s]", staff, a.ID)
	}
}
