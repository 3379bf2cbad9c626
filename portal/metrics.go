package portal

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// metrics counts requests and push results for GET /metrics, written in
// the Prometheus text format.
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]uint64 // route, status
	seconds  map[string]float64   // route: total seconds
	push     map[string]uint64    // result status
	mails    map[string]uint64    // sent, failed
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, seconds: map[string]float64{}, push: map[string]uint64{}, mails: map[string]uint64{}}
}

func (m *metrics) request(route string, status int, d time.Duration) {
	m.mu.Lock()
	m.requests[[2]string{route, fmt.Sprint(status)}]++
	m.seconds[route] += d.Seconds()
	m.mu.Unlock()
}

func (m *metrics) mail(outcome string) {
	m.mu.Lock()
	m.mails[outcome]++
	m.mu.Unlock()
}

func (m *metrics) pushResult(status string) {
	m.mu.Lock()
	m.push[status]++
	m.mu.Unlock()
}

// serve writes the metrics, sorted so that the output is stable.
func (m *metrics) serve(w http.ResponseWriter, _ *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP portal_http_requests_total HTTP requests by route and status.\n")
	b.WriteString("# TYPE portal_http_requests_total counter\n")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+" "+a[1], b[0]+" "+b[1]) })
	for _, k := range keys {
		fmt.Fprintf(&b, "portal_http_requests_total{route=%q,status=%q} %d\n", k[0], k[1], m.requests[k])
	}
	b.WriteString("# HELP portal_http_request_seconds_total Time spent serving requests by route.\n")
	b.WriteString("# TYPE portal_http_request_seconds_total counter\n")
	routes := make([]string, 0, len(m.seconds))
	for r := range m.seconds {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, r := range routes {
		fmt.Fprintf(&b, "portal_http_request_seconds_total{route=%q} %g\n", r, m.seconds[r])
	}
	b.WriteString("# HELP portal_push_results_total Pushed mutations by result status.\n")
	b.WriteString("# TYPE portal_push_results_total counter\n")
	statuses := make([]string, 0, len(m.push))
	for s := range m.push {
		statuses = append(statuses, s)
	}
	slices.Sort(statuses)
	for _, s := range statuses {
		fmt.Fprintf(&b, "portal_push_results_total{status=%q} %d\n", s, m.push[s])
	}
	b.WriteString("# HELP portal_mail_total Confirmation e-mails by outcome.\n")
	b.WriteString("# TYPE portal_mail_total counter\n")
	for _, o := range []string{"sent", "failed"} {
		fmt.Fprintf(&b, "portal_mail_total{outcome=%q} %d\n", o, m.mails[o])
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Write([]byte(b.String()))
}
