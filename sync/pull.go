package sync

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// PullStats counts what one pull did.
type PullStats struct {
	Pages   int
	Applied int // changes written (deletions included)
	// Skipped are changes this device keeps no copy of (the model
	// catalogue, a type it does not know) or that the store refused; the
	// log names their types and codes.
	Skipped int
	// Deferred are changes kept to be applied later: a customer whose
	// e-mail a local registration still holds, and what belongs to such a
	// customer. Recovered are earlier deferred changes applied now.
	Deferred  int
	Recovered int
}

// changeSavedDealer is the feed's entry of a customer's saved dealer: ID
// "customer_id/dealer_code", data showroom.SavedDealer.
const changeSavedDealer = "saved_dealer"

// changeSale is a car the dealer sold: ID "vin/time", data showroom.Sale.
const changeSale = "sale"

// pull reads the change feed from the saved cursor to its end, applying
// each page and saving its cursor in one local transaction: a crash leaves
// a page either applied with its cursor or not at all. A long catch-up
// (a new device reads its dealer's whole feed) does not hold back what is
// registered meanwhile: between pages, a grown outbox is pushed, counted
// in pushed. The next page is fetched while one is applied.
func (e *Engine) pull(ctx context.Context, pushed *PushStats) (PullStats, error) {
	var st PullStats
	cursor, err := e.db.Cursor(ctx)
	if err != nil {
		return st, err
	}
	deferred, err := e.retryDeferred(ctx, &st)
	if err != nil {
		return st, err
	}
	// While a page is applied, the next one is already asked for: the
	// portal's work and the network's round trip overlap the local writes
	// instead of adding to them. Pages are still applied in order, each
	// only after the one before it has committed, and no request outlives
	// the pull.
	fetch, cancel := context.WithCancel(ctx)
	ahead := make(chan pulledPage, 1)
	asked := false
	ask := func(since string) {
		asked = true
		go func() {
			page, err := e.client.Pull(fetch, since, e.pullLimit)
			ahead <- pulledPage{page, err}
		}()
	}
	defer func() {
		cancel()
		if asked {
			<-ahead
		}
	}()
	ask(cursor)
	for {
		got := <-ahead
		asked = false
		page, err := got.page, got.err
		if err != nil {
			return st, err
		}
		if len(page.Changes) == 0 && page.Next == cursor {
			return st, nil
		}
		if page.More {
			ask(page.Next)
		}
		var ps PullStats
		err = e.db.ApplyPage(ctx, page.Next, func(tx *localdb.Tx) error {
			ps = PullStats{Pages: 1}
			for _, c := range page.Changes {
				err := tx.Savepoint(func() error { return applyChange(tx, c) })
				key := c.Type + "\x00" + c.ID
				switch {
				case err == nil:
					ps.Applied++
					if deferred[key] {
						// A later change of the entity supersedes the kept one.
						delete(deferred, key)
						if err := tx.DropDeferred(c.Type, c.ID); err != nil {
							return err
						}
					}
				case deferrable(c, err):
					ps.Deferred++
					deferred[key] = true
					if err := tx.Defer(localdb.Deferred{Type: c.Type, EntityID: c.ID, Seq: c.Seq, Deleted: c.Deleted,
						Data: c.Data, Code: string(deferCode(err))}); err != nil {
						return err
					}
				case errors.Is(err, errSkip):
					ps.Skipped++
				case ctx.Err() != nil:
					return ctx.Err()
				default:
					ps.Skipped++
					e.log.Warn("change not applied", "type", c.Type, "seq", c.Seq, "code", showroom.ErrorCode(err))
				}
			}
			return nil
		})
		if err != nil {
			return st, err
		}
		st.Pages += ps.Pages
		st.Applied += ps.Applied
		st.Skipped += ps.Skipped
		st.Deferred += ps.Deferred
		cursor = page.Next
		if !page.More {
			return st, nil
		}
		if n, err := e.db.OutboxLen(ctx); err == nil && n > 0 && pushed != nil {
			ps, err := e.push(ctx)
			pushed.add(ps)
			if err != nil {
				return st, err
			}
		}
	}
}

// pulledPage is a page of the feed as the client returned it.
type pulledPage struct {
	page api.PullResponse
	err  error
}

// errSkip marks a change this device keeps no copy of.
var errSkip = errors.New("change skipped")

// errNoCustomer marks a change that belongs to a customer not cached here
// (yet): it is deferred.
var errNoCustomer = errors.New("customer not cached")

// deferrable says whether a change that failed with err is kept for later.
func deferrable(c api.Change, err error) bool {
	return errors.Is(err, errNoCustomer) ||
		c.Type == api.ChangeCustomer && showroom.ErrorCode(err) == showroom.EEmailTaken
}

func deferCode(err error) showroom.Code {
	if errors.Is(err, errNoCustomer) {
		return api.CodeUnknownCustomer
	}
	return showroom.ErrorCode(err)
}

// retryDeferred applies what earlier pulls had to keep, in feed order, in
// one transaction, and returns the entities still kept.
func (e *Engine) retryDeferred(ctx context.Context, st *PullStats) (map[string]bool, error) {
	kept := map[string]bool{}
	ds, err := e.db.DeferredChanges(ctx)
	if err != nil || len(ds) == 0 {
		return kept, err
	}
	err = e.db.Update(ctx, func(tx *localdb.Tx) error {
		for _, d := range ds {
			c := api.Change{Seq: d.Seq, Type: d.Type, ID: d.EntityID, Deleted: d.Deleted, Data: d.Data}
			err := tx.Savepoint(func() error { return applyChange(tx, c) })
			switch {
			case err == nil:
				st.Recovered++
				if err := tx.DropDeferred(d.Type, d.EntityID); err != nil {
					return err
				}
				continue
			case ctx.Err() != nil:
				return ctx.Err()
			case !deferrable(c, err):
				e.log.Warn("deferred change not applied", "type", c.Type, "seq", c.Seq, "code", showroom.ErrorCode(err))
			}
			kept[c.Type+"\x00"+c.ID] = true
			if err := tx.RetryDeferred(d.Type, d.EntityID, string(deferCode(err))); err != nil {
				return err
			}
		}
		return nil
	})
	return kept, err
}

// applyChange writes one change of the feed into the local store.
func applyChange(tx *localdb.Tx, c api.Change) error {
	if c.Deleted {
		return applyDeletion(tx, c)
	}
	switch c.Type {
	case api.ChangeCustomer:
		var cu showroom.Customer
		if err := unmarshal(c.Data, &cu); err != nil {
			return err
		}
		if cu.ID == "" {
			cu.ID = c.ID
		}
		if cu.Ref == "" {
			cu.Ref = cu.ID // a customer the portal made itself
		}
		// The portal's ID is unique: a cached copy under another ref is
		// stale and gives way.
		if ref, err := tx.CustomerRefByID(cu.ID); err == nil && ref != cu.Ref {
			if err := tx.DeleteCached(localdb.KindCustomer, cu.ID); err != nil {
				return err
			}
		}
		_, err := tx.PutCustomer(cu)
		return err
	case api.ChangeVehicle:
		var v showroom.Vehicle
		if err := unmarshal(c.Data, &v); err != nil {
			return err
		}
		if v.ID == "" {
			v.ID = c.ID
		}
		return noCustomer(tx.PutPortalVehicle(v))
	case api.ChangeOrder:
		var o showroom.Order
		if err := unmarshal(c.Data, &o); err != nil {
			return err
		}
		err := tx.PutOrder(o)
		if showroom.ErrorCode(err) == showroom.ENotFound && o.CustomerRef != "" {
			// The order of a customer not cached here is still this
			// dealer's order.
			o.CustomerRef = ""
			err = tx.PutOrder(o)
		}
		return err
	case api.ChangeOffer:
		var o showroom.Offer
		if err := unmarshal(c.Data, &o); err != nil {
			return err
		}
		return tx.PutOffer(o)
	case api.ChangeCoupon:
		var cp showroom.Coupon
		if err := unmarshal(c.Data, &cp); err != nil {
			return err
		}
		return tx.PutCoupon(cp)
	case api.ChangeRecall:
		var r showroom.Recall
		if err := unmarshal(c.Data, &r); err != nil {
			return err
		}
		return tx.PutRecall(r)
	case api.ChangeDealer:
		var d showroom.Dealer
		if err := unmarshal(c.Data, &d); err != nil {
			return err
		}
		return tx.PutDealer(d)
	case api.ChangeMessage:
		var m showroom.Message
		if err := unmarshal(c.Data, &m); err != nil {
			return err
		}
		return noCustomer(tx.PutMessage(m))
	case api.ChangeStaff:
		var u showroom.StaffUser
		if err := unmarshal(c.Data, &u); err != nil {
			return err
		}
		return tx.PutPortalStaffUser(u)
	case changeSavedDealer:
		var s showroom.SavedDealer
		if err := unmarshal(c.Data, &s); err != nil {
			return err
		}
		return noCustomer(tx.SaveDealer(s))
	case api.ChangeModel:
		var m showroom.ModelInfo
		if err := unmarshal(c.Data, &m); err != nil {
			return err
		}
		if m.Name == "" {
			m.Name = c.ID
		}
		return tx.PutModel(m)
	case api.ChangeServiceProgram:
		var p showroom.ServiceProgram
		if err := unmarshal(c.Data, &p); err != nil {
			return err
		}
		if p.ID == "" {
			p.ID = c.ID
		}
		return tx.PutServiceProgram(p)
	case changeSale:
		var s showroom.Sale
		if err := unmarshal(c.Data, &s); err != nil {
			return err
		}
		return tx.PutSale(s)
	}
	// Types a newer portal adds have no local copy yet.
	return errSkip
}

// applyDeletion removes what the portal deleted; deleting what is not
// here is not an error.
func applyDeletion(tx *localdb.Tx, c api.Change) error {
	kinds := map[string]string{
		api.ChangeCustomer: localdb.KindCustomer, api.ChangeVehicle: localdb.KindVehicle,
		api.ChangeOrder: localdb.KindOrder, api.ChangeOffer: localdb.KindOffer,
		api.ChangeCoupon: localdb.KindCoupon, api.ChangeRecall: localdb.KindRecall,
		api.ChangeDealer: localdb.KindDealer, api.ChangeMessage: localdb.KindMessage,
		api.ChangeStaff: localdb.KindStaff, api.ChangeModel: localdb.KindModel,
		api.ChangeServiceProgram: localdb.KindProgram,
	}
	if kind, ok := kinds[c.Type]; ok {
		return tx.DeleteCached(kind, c.ID)
	}
	if c.Type == changeSale {
		vin, at, ok := strings.Cut(c.ID, "/")
		t, err := time.Parse(time.RFC3339Nano, at)
		if !ok || err != nil {
			return errSkip
		}
		return tx.DeleteSale(vin, t)
	}
	if c.Type == changeSavedDealer {
		customerID, code, ok := strings.Cut(c.ID, "/")
		if !ok {
			return errSkip
		}
		ref, err := tx.CustomerRefByID(customerID)
		if err == nil {
			err = tx.RemoveSavedDealer(ref, code)
		}
		if showroom.ErrorCode(err) == showroom.ENotFound {
			return nil // nothing here to delete
		}
		return err
	}
	return errSkip
}

func noCustomer(err error) error {
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return errNoCustomer
	}
	return err
}

func unmarshal(data json.RawMessage, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return showroom.Errorf(api.CodeBadJSON, "data", "")
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
