package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
