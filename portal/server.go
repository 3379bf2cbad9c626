package portal

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// Server is the portal's HTTP API over a Store.
type Server struct {
	store     Store
	mailer    Mailer
	publicURL string
	log       *slog.Logger
	metrics   *metrics
	mux       *http.ServeMux
	mailKick  chan struct{}
	// routes lists the patterns the mux serves, for the OpenAPI test.
	routes []string
}

// Config configures a Server.
type Config struct {
	Store Store
	// Mailer sends confirmation e-mails; required.
	Mailer Mailer
	// PublicURL is the portal's address as customers reach it, without a
	// trailing slash; the confirmation link is PublicURL/confirm/{token}.
	PublicURL string
	// Log is the logger; slog.Default() when nil.
	Log *slog.Logger
}

// NewServer builds the handler tree. Confirmation e-mails are sent by
// DeliverMail, which the caller runs beside the server.
func NewServer(c Config) *Server {
	if c.Log == nil {
		c.Log = slog.Default()
	}
	s := &Server{store: c.Store, mailer: c.Mailer, publicURL: strings.TrimRight(c.PublicURL, "/"),
		log: c.Log, metrics: newMetrics(), mux: http.NewServeMux(), mailKick: make(chan struct{}, 1)}
	s.handle("GET /healthz", s.healthz)
	s.handle("GET /metrics", s.metrics.serve)
	s.handle("GET /confirm/{token}", s.confirm)
	s.handle("GET /activate/{code}", s.activatePage)
	s.handle("POST /activate/{code}", s.activatePage)
	s.handle("POST /api/v1/devices/enroll", s.enroll)
	s.handle("POST /api/v1/sync/push", s.auth(s.push))
	s.handle("GET /api/v1/sync/pull", s.auth(s.pull))
	s.handle("GET /api/v1/vins/{vin}", s.auth(s.vin))
	s.handle("POST /api/v1/welcome-pack/login", s.auth(s.welcomeLogin))
	s.handle("GET /api/v1/reports/registrations", s.auth(s.report))
	s.handle("GET /api/v1/coupons/{code}", s.auth(s.coupon))
	// The contract is public: a device reads it before it is enrolled.
	s.handle("GET /api/v1/openapi.json", s.openapi)
	return s
}

// Routes returns the patterns the server serves ("METHOD /path").
func (s *Server) Routes() []string { return append([]string(nil), s.routes...) }

// handle registers a route wrapped with the body limit and metrics.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		r.Body = http.MaxBytesReader(rec, r.Body, api.MaxBody)
		h(rec, r)
		s.metrics.request(pattern, rec.status, time.Since(start))
		// Paths carry tokens and VINs: the log names the route only.
		s.log.Debug("request", "route", pattern, "status", rec.status, "ms", time.Since(start).Milliseconds())
	})
}

// ServeHTTP implements http.Handler.
// Under /api/v1 an unknown path or a wrong method is answered with the
// API's JSON error body, as every other error is.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" && strings.HasPrefix(r.URL.Path, "/api/v1/") {
		var allow string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, p := s.mux.Handler(probe); p != "" {
				allow = strings.TrimPrefix(allow+", "+m, ", ")
			}
		}
		if allow != "" {
			w.Header().Set("Allow", allow)
			writeJSON(w, http.StatusMethodNotAllowed, api.ErrorBody{Error: api.ErrorDetail{Code: api.CodeMethodNotAllowed,
				Message: apiText(api.CodeMethodNotAllowed, lang(r))}})
			return
		}
		writeJSON(w, http.StatusNotFound, api.ErrorBody{Error: api.ErrorDetail{Code: showroom.ENotFound,
			Message: showroom.Errorf(showroom.ENotFound, "", "").Text(lang(r))}})
		return
	}
	s.mux.ServeHTTP(w, r)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

type ctxKey struct{}

// auth admits requests with the bearer token of an enrolled device and
// puts the device in the request's context.
func (s *Server) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		dev, err := s.store.DeviceByToken(r.Context(), strings.TrimSpace(token))
		if !ok || err != nil {
			if err != nil && showroom.ErrorCode(err) != showroom.EUnauthorized {
				s.fail(w, r, err)
				return
			}
			s.fail(w, r, showroom.Errorf(showroom.EUnauthorized, "", ""))
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, dev)))
	}
}

func device(r *http.Request) Device { return r.Context().Value(ctxKey{}).(Device) }

// lang picks Russian when Accept-Language prefers it, English otherwise.
func lang(r *http.Request) showroom.Lang {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(tag)
		switch {
		case tag == "ru" || strings.HasPrefix(tag, "ru-"):
			return showroom.Russian
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			return showroom.English
		}
	}
	return showroom.English
}

// statusOf maps an error code to its HTTP status.
func statusOf(code showroom.Code) int {
	switch code {
	case showroom.EUnauthorized, api.CodeBadEnrollmentCode, showroom.EBadCredentials:
		return http.StatusUnauthorized
	case showroom.ENotFound, api.CodeUnknownCoupon:
		return http.StatusNotFound
	case showroom.ETooManyAttempts:
		return http.StatusTooManyRequests
	case api.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case showroom.EInternal:
		return http.StatusInternalServerError
	case showroom.EInvalidVIN:
		return http.StatusUnprocessableEntity
	}
	return http.StatusBadRequest
}

// fail answers with the error body of err; internal errors are logged
// (without request data) and shown as "internal".
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	d := errorDetail(err, lang(r))
	if d.Code == showroom.EInternal {
		s.log.Error("internal error", "path", r.Pattern, "err", err)
	}
	writeJSON(w, statusOf(d.Code), api.ErrorBody{Error: d})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// readJSON decodes a request body: 413 too_large past api.MaxBody, 400
// bad_json when malformed. Unknown fields are ignored.
func readJSON(r *http.Request, v any) error { return decodeJSON(r.Body, v) }

func decodeJSON(r io.Reader, v any) error {
	err := json.NewDecoder(r).Decode(v)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return showroom.Errorf(api.CodeTooLarge, "", "")
	case err != nil:
		return showroom.Errorf(api.CodeBadJSON, "", "")
	}
	return nil
}

// DecodePush reads the body of a push: bad_json when malformed (a
// mutation's data must be a JSON value; its shape is checked when the
// mutation is applied), too_large past api.MaxBatch mutations.
func DecodePush(r io.Reader) (api.PushRequest, error) {
	var req api.PushRequest
	if err := decodeJSON(r, &req); err != nil {
		return api.PushRequest{}, err
	}
	if len(req.Mutations) > api.MaxBatch {
		return api.PushRequest{}, showroom.Errorf(api.CodeTooLarge, "mutations", "")
	}
	return req, nil
}
