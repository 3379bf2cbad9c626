package sync

import (
	"context"
	"errors"
	"net/http"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// PushStats counts what one push did to the outbox.
type PushStats struct {
	Applied   int // applied now
	Duplicate int // the portal had applied them already (an earlier answer was lost)
	Rejected  int // moved to the attention list
	Failed    int // kept for a later round
}

func (s *PushStats) add(o PushStats) {
	s.Applied += o.Applied
	s.Duplicate += o.Duplicate
	s.Rejected += o.Rejected
	s.Failed += o.Failed
}

// push sends the outbox in order, in batches of up to e.batch, until it is
// empty or a batch makes no progress. A mutation leaves the outbox only
// when the portal answers applied or duplicate; a rejected one moves to the
// attention list with the portal's code and message and is never pushed
// again; anything else keeps it for the next round.
func (e *Engine) push(ctx context.Context) (PushStats, error) {
	var st PushStats
	size := e.batch
	for {
		pending, err := e.db.PendingMutations(ctx, size)
		if err != nil || len(pending) == 0 {
			return st, err
		}
		ms := make([]api.Mutation, len(pending))
		for i, m := range pending {
			ms[i] = api.Mutation{ID: m.ID, Type: m.Type, At: m.At, Data: m.Data}
		}
		results, err := e.client.Push(ctx, ms)
		var ae *APIError
		switch {
		case errors.As(err, &ae) && ae.Status == http.StatusRequestEntityTooLarge && len(pending) > 1:
			// The body outgrew the portal's limit: smaller batches.
			size = max(1, len(pending)/2)
			continue
		case errors.As(err, &ae) && ae.Status == http.StatusRequestEntityTooLarge:
			// One mutation alone is too large: the portal will never take
			// it, so it needs staff rather than a retry.
			st.Rejected++
			err := e.db.SettlePush(ctx, localdb.PushOutcome{Rejected: []localdb.Rejection{{ID: pending[0].ID,
				Code: string(api.CodeTooLarge), Message: "The change is larger than the portal accepts."}}})
			if err != nil {
				return st, err
			}
			continue
		case err != nil:
			st.Failed += len(ms)
			if ctx.Err() == nil {
				// Counting the attempt is bookkeeping: a failure to write it
				// must not hide the push's own error.
				_ = e.db.SettlePush(ctx, failAll(pending, failReason(err)))
			}
			return st, err
		}
		out := settle(pending, results, &st)
		if err := e.db.SettlePush(ctx, out); err != nil {
			return st, err
		}
		if len(out.Failed) == len(pending) || len(pending) < size {
			return st, nil
		}
	}
}

// settle sorts a batch's results. Results come one per mutation in order;
// one whose id does not match is treated as not answered.
func settle(pending []localdb.Mutation, results []api.Result, st *PushStats) localdb.PushOutcome {
	var out localdb.PushOutcome
	for i, m := range pending {
		r := results[i]
		switch {
		case r.ID != m.ID:
			out.Failed = append(out.Failed, localdb.Failure{ID: m.ID, Reason: "result_mismatch"})
			st.Failed++
		case r.Status == api.StatusApplied:
			out.Done = append(out.Done, m.ID)
			st.Applied++
		case r.Status == api.StatusDuplicate:
			out.Done = append(out.Done, m.ID)
			st.Duplicate++
		case r.Status == api.StatusRejected && r.Code == showroom.EInternal:
			// The portal did not store this answer: the mutation may be
			// pushed again.
			out.Failed = append(out.Failed, localdb.Failure{ID: m.ID, Reason: string(r.Code)})
			st.Failed++
		case r.Status == api.StatusRejected:
			out.Rejected = append(out.Rejected, localdb.Rejection{ID: m.ID, Code: string(r.Code),
				Message: r.Message, Field: r.Field})
			st.Rejected++
		default:
			out.Failed = append(out.Failed, localdb.Failure{ID: m.ID, Reason: "unknown_status"})
			st.Failed++
		}
	}
	return out
}

func failAll(pending []localdb.Mutation, reason string) localdb.PushOutcome {
	out := localdb.PushOutcome{Failed: make([]localdb.Failure, len(pending))}
	for i, m := range pending {
		out.Failed[i] = localdb.Failure{ID: m.ID, Reason: reason}
	}
	return out
}

// failReason is the short code kept with a failed attempt.
func failReason(err error) string {
	var ae *APIError
	switch {
	case errors.As(err, &ae) && ae.Code != "":
		return string(ae.Code)
	case errors.As(err, &ae):
		return "http_" + itoa(ae.Status)
	case errors.Is(err, ErrOffline):
		return "offline"
	}
	return "error"
}
