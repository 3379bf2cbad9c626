package sync

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/go-resty/resty/v2"

	"github.com/myrenault/showroom"
)

// ErrOffline wraps failures to reach the portal at all: network errors,
// timeouts, 5xx or 429 answers that outlived the retries, and answers that
// cannot be read. OfflineReason says which.
var ErrOffline = errors.New("portal unreachable")

// ErrAnswerTooLarge is an answer of the portal over the client's limit
// (Options.MaxAnswer): it is not read further, nor asked for again.
var ErrAnswerTooLarge = errors.New("answer too large")

// Reasons of an ErrOffline failure, for the UI to name what went wrong.
const (
	// ReasonNoConnection: the connection was refused or broke.
	ReasonNoConnection showroom.Code = "no_connection"
	// ReasonTimeout: no answer within Options.Timeout.
	ReasonTimeout showroom.Code = "timeout"
	// ReasonPortalFault: the portal answered 5xx, after the retries.
	ReasonPortalFault showroom.Code = "portal_fault"
	// ReasonBusy: the portal answered 429, or asked to come back later
	// than a call waits.
	ReasonBusy showroom.Code = "busy"
	// ReasonBadAnswer: the answer was malformed or over the limit.
	ReasonBadAnswer showroom.Code = "bad_answer"
)

// offlineError is a failure to reach the portal: it is ErrOffline, says
// why, and keeps its cause (an *APIError, a *RetryLaterError, ErrBadPage,
// ErrAnswerTooLarge…) for errors.As and errors.Is. Its text never quotes
// the URL, the token or an answer's body.
type offlineError struct {
	reason showroom.Code
	cause  error
}

func (e *offlineError) Error() string   { return ErrOffline.Error() + ": " + e.cause.Error() }
func (e *offlineError) Unwrap() []error { return []error{ErrOffline, e.cause} }

// offline makes the ErrOffline failure of reason, caused by cause.
func offline(reason showroom.Code, cause error) error {
	return &offlineError{reason: reason, cause: cause}
}

// offlinef is offline with a cause made by fmt.Errorf.
func offlinef(reason showroom.Code, format string, args ...any) error {
	return offline(reason, fmt.Errorf(format, args...))
}

// OfflineReason is the reason of an ErrOffline failure (ReasonTimeout…);
// "" for any other error.
func OfflineReason(err error) showroom.Code {
	var oe *offlineError
	if errors.As(err, &oe) {
		return oe.reason
	}
	return ""
}

// netFailure names a failure of the transport without its text (which
// quotes the URL): an answer over the limit, a timeout (with the wait
// that ran out), a refused connection, or a broken one.
func (c *Client) netFailure(err error) error {
	var ne net.Error
	switch {
	case errors.Is(err, resty.ErrResponseBodyTooLarge):
		return offline(ReasonBadAnswer, fmt.Errorf("%w (over %s)", ErrAnswerTooLarge, byteSize(c.maxAnswer)))
	case errors.As(err, &ne) && ne.Timeout():
		return offlinef(ReasonTimeout, "timed out: no answer within %v", c.timeout)
	case strings.Contains(err.Error(), "connection refused"):
		return offlinef(ReasonNoConnection, "connection refused")
	default:
		return offlinef(ReasonNoConnection, "connection failed")
	}
}

// byteSize writes n bytes in the largest binary unit it is a whole
// number of.
func byteSize(n int) string {
	for _, u := range []struct {
		size int
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
