package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// Options tune a Client. The zero value is the production setting.
type Options struct {
	// Timeout bounds every attempt of every call; 20 s when zero.
	Timeout time.Duration
	// Retries is how many times a call is retried after a network error,
	// 429 or 5xx; 4 when zero, none when negative.
	Retries int
	// RetryWait and RetryMaxWait bound the exponential backoff (with
	// jitter) between attempts; 250 ms and 5 s when zero. A Retry-After
	// longer than RetryMaxWait ends the call: the runner's next round
	// comes after it.
	RetryWait, RetryMaxWait time.Duration
	// MaxAnswer bounds the body of every answer, in bytes: a longer one is
	// not read on (resty would hold it all in memory) and fails with
	// ErrAnswerTooLarge. 256 MiB, the pull decoder's limit, when zero.
	MaxAnswer int
	// Log receives counts and codes only; discarded when nil.
	Log *slog.Logger
	// Transport replaces the HTTP transport (tests).
	Transport http.RoundTripper
}

func (o *Options) fill() {
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	switch {
	case o.Retries == 0:
		o.Retries = 4
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.RetryWait <= 0 {
		o.RetryWait = 250 * time.Millisecond
	}
	if o.RetryMaxWait <= 0 {
		o.RetryMaxWait = 5 * time.Second
	}
	if o.MaxAnswer <= 0 {
		o.MaxAnswer = maxPullBody
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// Client talks to the portal's API as one enrolled device. Every call takes
// the caller's context and stops when it is done. It is safe for concurrent
// use.
type Client struct {
	r         *resty.Client
	log       *slog.Logger
	timeout   time.Duration // Options.Timeout, named by a timeout's error
	maxAnswer int           // Options.MaxAnswer, named by ErrAnswerTooLarge
}

// CheckPortalURL accepts an absolute http(s) URL and refuses plain HTTP to
// anything but a loopback address: the device token must not cross a
// network in clear text.
func CheckPortalURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("portal address %q is not an http(s) URL", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("portal address must not carry credentials, a query or a fragment")
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("portal address %s uses plain HTTP: only https:// is allowed, except to this machine (127.0.0.1, ::1, localhost)", u.Host)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// NewClient makes the client of device d. It refuses a portal address
// CheckPortalURL refuses.
func NewClient(d Device, o Options) (*Client, error) {
	c, err := newClient(d.PortalURL, o)
	if err != nil {
		return nil, err
	}
	if d.Token == "" {
		return nil, ErrNotEnrolled
	}
	c.r.SetAuthToken(d.Token)
	return c, nil
}

func newClient(portalURL string, o Options) (*Client, error) {
	u, err := CheckPortalURL(portalURL)
	if err != nil {
		return nil, err
	}
	o.fill()
	r := resty.New().
		SetBaseURL(u.String()).
		SetTimeout(o.Timeout).
		SetResponseBodyLimit(o.MaxAnswer).
		SetHeader("Accept", "application/json").
		SetHeader("User-Agent", "showroom-sync/1").
		SetLogger(quietLogger{o.Log}).
		SetRetryCount(o.Retries).
		SetRetryWaitTime(o.RetryWait).
		SetRetryMaxWaitTime(o.RetryMaxWait).
		SetRetryAfter(retryAfter).
		AddRetryCondition(shouldRetry).
		// Redirects could carry the bearer token elsewhere: none are
		// followed, and the 3xx answer is final.
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}))
	if o.Transport != nil {
		r.SetTransport(o.Transport)
	}
	return &Client{r: r, log: o.Log, timeout: o.Timeout, maxAnswer: o.MaxAnswer}, nil
}

// shouldRetry is the retry policy: network errors (but not the caller's
// cancellation, nor an answer over the size limit: it would be as long
// again), 429 and 5xx are retried; every other answer is final, and so is
// a 429 to a request whose context says so (see final429).
// POST requests are retried too, which is safe only because every mutation
// of a push carries its idempotency key: the portal applies it once.
func shouldRetry(resp *resty.Response, err error) bool {
	if err != nil {
		var rl *RetryLaterError
		return !errors.Is(err, context.Canceled) && !errors.As(err, &rl) &&
			!errors.Is(err, resty.ErrResponseBodyTooLarge)
	}
	if resp == nil {
		return false
	}
	if resp.StatusCode() == http.StatusTooManyRequests && resp.Request != nil &&
		resp.Request.Context().Value(final429{}) != nil {
		return false
	}
	return retryableStatus(resp.StatusCode())
}

// final429 is the context key of a request whose 429 answer is final: a
// login the portal rate-limits per customer, where a retry would be an
// attempt the customer did not make.
type final429 struct{}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500
}

// RetryLaterError ends a call whose Retry-After is longer than the client
// waits within one call; the runner waits Wait before its next round.
type RetryLaterError struct{ Wait time.Duration }

func (e *RetryLaterError) Error() string {
	return fmt.Sprintf("portal asked to retry in %v", e.Wait.Round(time.Second))
}

// retryAfter honours Retry-After (seconds or an HTTP date) on 429 and 503;
// otherwise the default exponential backoff with jitter applies.
func retryAfter(c *resty.Client, resp *resty.Response) (time.Duration, error) {
	if resp == nil {
		return 0, nil
	}
	wait, ok := parseRetryAfter(resp.Header().Get("Retry-After"), time.Now())
	if !ok {
		return 0, nil
	}
	if wait > c.RetryMaxWaitTime {
		return 0, &RetryLaterError{Wait: wait}
	}
	return max(wait, time.Millisecond), nil
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// quietLogger passes resty's own messages to the log without their text:
// they can quote URLs and headers. Only the fact of a warning or error
// stays.
type quietLogger struct{ log *slog.Logger }

func (l quietLogger) Errorf(string, ...any) { l.log.Warn("portal client error") }
func (l quietLogger) Warnf(string, ...any)  { l.log.Debug("portal client warning") }
func (l quietLogger) Debugf(string, ...any) {}

// call sends one request and decodes a 2xx answer into out. An error
// answer becomes an *APIError with the portal's code; a failure to reach
// the portal (also 429 and 5xx after the retries) wraps ErrOffline.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any) error {
	b, err := c.do(ctx, method, path, query, body)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return offlinef(ReasonBadAnswer, "malformed answer")
	}
	return nil
}

// do sends one request (retried by the policy) and returns the body of a
// 2xx answer.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body any) ([]byte, error) {
	req := c.r.R().SetContext(ctx)
	if query != nil {
		req.SetQueryParamsFromValues(query)
	}
	if body != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(body)
	}
	resp, err := req.Execute(method, path)
	var rl *RetryLaterError
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.As(err, &rl):
		return nil, offline(ReasonBusy, rl)
	case err != nil:
		return nil, c.netFailure(err)
	}
	st := resp.StatusCode()
	if st >= 200 && st < 300 {
		return resp.Body(), nil
	}
	e := decodeError(st, resp.Body())
	switch {
	case st == http.StatusTooManyRequests:
		return nil, offline(ReasonBusy, e)
	case retryableStatus(st):
		return nil, offline(ReasonPortalFault, e)
	}
	return nil, e
}

// APIError is an error answer of the portal: the HTTP status and the
// body's stable code, message and field.
type APIError struct {
	Status  int
	Code    showroom.Code
	Message string
	Field   string
}

func (e *APIError) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("portal answered HTTP %d", e.Status)
	}
	return fmt.Sprintf("portal answered HTTP %d %s", e.Status, e.Code)
}

// Unwrap lets showroom.ErrorCode see the code.
func (e *APIError) Unwrap() error {
	if e.Code == "" {
		return nil
	}
	return showroom.Errorf(e.Code, e.Field, "")
}

// Push sends one batch of at most api.MaxBatch mutations and returns one
// result per mutation, in order.
func (c *Client) Push(ctx context.Context, ms []api.Mutation) ([]api.Result, error) {
	if len(ms) > api.MaxBatch {
		return nil, fmt.Errorf("push: %d mutations, at most %d per batch", len(ms), api.MaxBatch)
	}
	b, err := c.do(ctx, http.MethodPost, "/api/v1/sync/push", nil, api.PushRequest{Mutations: ms})
	if err != nil {
		return nil, err
	}
	return decodePush(b, len(ms))
}

// Pull reads one page of the change feed after cursor since.
func (c *Client) Pull(ctx context.Context, since string, limit int) (api.PullResponse, error) {
	q := url.Values{"since": {since}, "limit": {strconv.Itoa(limit)}}
	b, err := c.do(ctx, http.MethodGet, "/api/v1/sync/pull", q, nil)
	if err != nil {
		return api.PullResponse{}, err
	}
	out, err := DecodePull(bytes.NewReader(b))
	if err != nil {
		return out, offline(ReasonBadAnswer, err)
	}
	return out, nil
}

// Coupon asks the portal what it knows of a coupon: an ENotFound error
// when the code is unknown.
func (c *Client) Coupon(ctx context.Context, code string) (api.CouponStatus, error) {
	var out api.CouponStatus
	code = strings.TrimSpace(code)
	if code == "" {
		return out, showroom.Errorf(showroom.ENotFound, "code", "")
	}
	err := c.call(ctx, http.MethodGet, "/api/v1/coupons/"+url.PathEscape(code), nil, nil, &out)
	// Only the portal's own "unknown coupon" means that: a 404 without it
	// (a portal without this route) is not an answer about the coupon.
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound &&
		(ae.Code == api.CodeUnknownCoupon || ae.Code == showroom.ENotFound) {
		return out, showroom.Errorf(showroom.ENotFound, "code", "")
	}
	return out, err
}

// Health checks that the portal answers and its store is reachable.
func (c *Client) Health(ctx context.Context) error {
	var out api.Health
	return c.call(ctx, http.MethodGet, "/healthz", nil, nil, &out)
}
