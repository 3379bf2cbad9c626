package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// maxPullBody bounds a pull page read from the network: the largest page
// the portal sends (api.MaxPullLimit changes) fits many times over.
const maxPullBody = 256 << 20

// ErrBadPage is a pull page that does not follow the API: the page is not
// applied and its cursor not saved.
var ErrBadPage = errors.New("malformed change feed page")

// DecodePull reads one page of the change feed from the network and checks
// what the puller relies on: every change has a type and an ID, sequence
// numbers rise, a deletion has no data and a change that is not deleted
// has some, and a page with changes names the cursor after them.
func DecodePull(r io.Reader) (api.PullResponse, error) {
	var p api.PullResponse
	dec := json.NewDecoder(io.LimitReader(r, maxPullBody))
	if err := dec.Decode(&p); err != nil {
		return api.PullResponse{}, fmt.Errorf("%w: %v", ErrBadPage, jsonReason(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return api.PullResponse{}, fmt.Errorf("%w: data after the page", ErrBadPage)
	}
	var last int64
	for i, c := range p.Changes {
		switch {
		case c.Type == "" || c.ID == "":
			return api.PullResponse{}, fmt.Errorf("%w: change %d has no type or id", ErrBadPage, i)
		case c.Seq <= last:
			return api.PullResponse{}, fmt.Errorf("%w: change %d is out of order", ErrBadPage, i)
		case !c.Deleted && (len(c.Data) == 0 || string(c.Data) == "null"):
			return api.PullResponse{}, fmt.Errorf("%w: change %d has no data", ErrBadPage, i)
		}
		last = c.Seq
	}
	if len(p.Changes) > 0 && p.Next == "" {
		return api.PullResponse{}, fmt.Errorf("%w: no cursor after the changes", ErrBadPage)
	}
	if p.More && len(p.Changes) == 0 {
		return api.PullResponse{}, fmt.Errorf("%w: more pages promised after an empty one", ErrBadPage)
	}
	return p, nil
}

// jsonReason names a decoding failure without quoting the input.
func jsonReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "cut short"
	case errors.As(err, &syn):
		return fmt.Sprintf("syntax error at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("wrong type for %s", typ.Field)
	}
	return "not JSON"
}

// decodePush reads the answer to a push of n mutations: one result per
// mutation (settle checks that each names its mutation). A code or field
// that is not a short token is dropped (see token).
func decodePush(b []byte, n int) ([]api.Result, error) {
	var out api.PushResponse
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, offlinef(ReasonBadAnswer, "malformed push answer: %s", jsonReason(err))
	}
	if len(out.Results) != n {
		return nil, offlinef(ReasonBadAnswer, "push answered %d results for %d mutations", len(out.Results), n)
	}
	for i := range out.Results {
		r := &out.Results[i]
		r.Code, r.Field = showroom.Code(token(string(r.Code))), token(r.Field)
		r.Message = strings.ToValidUTF8(r.Message, "\uFFFD")
	}
	return out.Results, nil
}

// decodeError reads the body of an error answer of HTTP status st: the
// portal's code, message and field when the body follows the API, the
// status alone when it does not. The code and field go into logs and the
// sync status: one that is not a short token (see token) is dropped.
func decodeError(st int, body []byte) *APIError {
	e := &APIError{Status: st}
	var eb api.ErrorBody
	if json.Unmarshal(body, &eb) == nil {
		e.Code, e.Field = showroom.Code(token(string(eb.Error.Code))), token(eb.Error.Field)
		e.Message = strings.ToValidUTF8(eb.Error.Message, "\uFFFD")
	}
	return e
}

// maxToken bounds a code or field name of the portal's answers.
const maxToken = 64

// token is s when it is a code or field name as the API makes them —
// lower-case ASCII letters, digits, '_', '.' and '-', at most maxToken —
// and "" otherwise.
func token(s string) string {
	if len(s) > maxToken {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' && c != '.' && c != '-' {
			return ""
		}
	}
	return s
}

// maxSecret bounds the device token of an enrolment answer.
const maxSecret = 1024

// decodeEnroll reads the enrolment answer. It must name the device and
// give its token, and the token must be fit for an Authorization header
// (visible ASCII): otherwise every later call would fail obscurely.
func decodeEnroll(b []byte) (api.EnrollResponse, error) {
	var out api.EnrollResponse
	if err := json.Unmarshal(b, &out); err != nil {
		return api.EnrollResponse{}, offlinef(ReasonBadAnswer, "malformed enrolment answer: %s", jsonReason(err))
	}
	switch {
	case out.Token == "" || out.DeviceID == "":
		return api.EnrollResponse{}, offlinef(ReasonBadAnswer, "enrolment answer without a token or device ID")
	case !visibleASCII(out.Token) || len(out.Token) > maxSecret:
		return api.EnrollResponse{}, offlinef(ReasonBadAnswer, "enrolment answer with an unusable token")
	case !utf8.ValidString(out.DeviceID) || hasControl(out.DeviceID) || len(out.DeviceID) > maxSecret:
		return api.EnrollResponse{}, offlinef(ReasonBadAnswer, "enrolment answer with an unusable device ID")
	}
	return out, nil
}

func visibleASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return true
		}
	}
	return false
}
