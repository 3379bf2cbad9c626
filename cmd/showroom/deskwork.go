package main

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// deskWork hands the staff window the dealer's own work, done in the local
// store: every change is saved with its outbox row in one transaction, so
// the desk works the same offline.
type deskWork struct {
	db      *localdb.DB
	dataDir string
	now     func() time.Time
}

var _ staff.Work = deskWork{}

func (d deskWork) Register(ctx context.Context, r showroom.Registration) (showroom.Customer, error) {
	r.Source = showroom.SourceStaff
	return d.db.Register(ctx, r)
}

// FindCar takes an order number (13 digits, spaces and hyphens allowed) or
// a VIN. A VIN that decodes is enough to start a handover even when
// nothing here knows the car yet: cars come from stock too.
func (d deskWork) FindCar(ctx context.Context, q string) (staff.HandoverCar, error) {
	var number, vin string
	if n, err := showroom.ParseOrderNumber(q); err == nil {
		number = n.String()
	} else {
		vin = showroom.NormalizeVIN(q)
		if _, verr := showroom.DecodeVIN(vin); verr != nil {
			if len(strings.TrimSpace(q)) <= 13 && strings.Trim(strings.TrimSpace(q), "0123456789 -") == "" {
				return staff.HandoverCar{}, err // the order number's own reason
			}
			return staff.HandoverCar{}, verr
		}
	}
	c, err := d.db.FindHandoverCar(ctx, number, vin)
	if showroom.ErrorCode(err) == showroom.ENotFound && vin != "" {
		return staff.HandoverCar{VIN: vin, Model: modelOfVIN(vin)}, nil
	}
	if err != nil {
		return staff.HandoverCar{}, err
	}
	out := staff.HandoverCar{OrderNumber: c.OrderNumber, VIN: c.VIN, EngineNumber: c.EngineNumber, Model: orElse(c.Model, modelOfVIN(c.VIN))}
	if c.CustomerRef != "" {
		if out.Customer, err = d.db.Customer(ctx, c.CustomerRef); err != nil {
			return staff.HandoverCar{}, err
		}
	}
	return out, nil
}

func modelOfVIN(vin string) string {
	if v, err := showroom.DecodeVIN(vin); err == nil {
		return v.Model
	}
	return ""
}

func (d deskWork) RecordHandover(ctx context.Context, h staff.Handover) error {
	return d.db.RecordHandover(ctx, localdb.Handover{CustomerRef: h.CustomerRef, VIN: h.VIN,
		EngineNumber: h.EngineNumber, Kind: h.Kind, StaffID: h.StaffID})
}

func (d deskWork) Arrivals(ctx context.Context) ([]staff.Arrival, error) {
	as, err := d.db.Arrivals(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]staff.Arrival, 0, len(as))
	for _, a := range as {
		s := staff.Arrival{OrderNumber: a.Order.Number, VIN: a.Order.VIN, Model: orElse(a.Model, modelOfVIN(a.Order.VIN)),
			CustomerRef: a.Order.CustomerRef, CustomerName: strings.TrimSpace(a.FirstName + " " + a.LastName), Phone: a.Phone}
		s.VisibleAt, _ = a.Order.ArrivalVisibleAt()
		out = append(out, s)
	}
	return out, nil
}

func (d deskWork) Announce(ctx context.Context, number string) error {
	_, err := d.db.AnnounceOrder(ctx, number)
	return err
}

// ServiceCar gathers the service desk's view of a car: the garage's car
// (or the factory registry's, when no customer here holds it), its owner,
// the recalls, the calendar, warranty and programmes from the model
// catalogue, and the offers that apply to it at this dealer.
func (d deskWork) ServiceCar(ctx context.Context, vin string) (staff.ServiceCar, error) {
	var out staff.ServiceCar
	v, owner, err := d.db.VehicleOwner(ctx, vin)
	switch {
	case err == nil:
		out.Vehicle, out.Owner = v, owner
	case showroom.ErrorCode(err) == showroom.ENotFound:
		out.Vehicle = showroom.Vehicle{VIN: vin, Model: modelOfVIN(vin)}
		if r, rerr := d.db.FactoryRecord(ctx, vin); rerr == nil {
			out.Vehicle.Model, out.Vehicle.Version = orElse(r.Model, out.Vehicle.Model), r.Version
			out.Vehicle.EngineNumber, out.Vehicle.BuildDate = r.EngineNumber, r.BuildDate
		}
	default:
		return out, err
	}
	completeFromRegistry(ctx, d.db, &out.Vehicle)
	if out.Vehicle.BuildDate.IsZero() {
		if r, rerr := d.db.FactoryRecord(ctx, vin); rerr == nil {
			out.Vehicle.BuildDate = r.BuildDate
		}
	}
	if out.Recalls, err = d.db.RecallsForVIN(ctx, vin); err != nil {
		return out, err
	}
	models, err := d.db.Models(ctx)
	if err != nil {
		return out, err
	}
	byName := map[string]showroom.ModelInfo{}
	for _, m := range models {
		byName[m.Name] = m
	}
	now := d.now()
	out.Calendar = showroom.Calendar([]showroom.Vehicle{out.Vehicle}, byName,
		map[string][]showroom.Recall{vin: out.Recalls}, now)
	if m, ok := byName[out.Vehicle.Model]; ok {
		out.WarrantyEnd, _ = showroom.WarrantyEnd(out.Vehicle, m)
	}
	programs, err := d.db.ServicePrograms(ctx)
	if err != nil {
		return out, err
	}
	for _, p := range programs {
		if showroom.ProgramEligible(p, out.Vehicle, now) == nil {
			out.Programs = append(out.Programs, p)
		}
	}
	offers, err := d.db.Offers(ctx)
	if err != nil {
		return out, err
	}
	code := ""
	if dev, err := sync.LoadDevice(d.dataDir); err == nil {
		code = dev.Dealer.Code
	}
	dealer, err := dealerOf(ctx, d.db, code)
	if err != nil {
		return out, err
	}
	for _, o := range offers {
		if showroom.OfferApplies(o, out.Vehicle, dealer, now) == nil {
			out.Offers = append(out.Offers, o)
		}
	}
	return out, nil
}

// attentionLimit bounds the list: more refused changes than this is a
// problem for the portal's people, not for one screen.
const attentionLimit = 200

func (d deskWork) Attention(ctx context.Context) ([]staff.AttentionItem, error) {
	as, err := d.db.AttentionItems(ctx, attentionLimit)
	if err != nil {
		return nil, err
	}
	out := make([]staff.AttentionItem, 0, len(as))
	for _, a := range as {
		it := staff.AttentionItem{ID: a.ID, Type: a.Type, Code: a.Code, Field: a.Field, Message: a.Message,
			RejectedAt: a.RejectedAt}
		it.What = describeMutation(a.Type, a.Data, &it)
		out = append(out, it)
	}
	return out, nil
}

// describeMutation names a change for the list: the customer's name for a
// registration (the desk shows it anyway), the order or the VIN otherwise.
func describeMutation(typ string, data json.RawMessage, it *staff.AttentionItem) string {
	switch typ {
	case localdb.MutationRegister:
		var r showroom.Registration
		if json.Unmarshal(data, &r) == nil {
			it.Registration = &r
			return strings.TrimSpace(r.FirstName + " " + r.LastName + " · " + r.Email)
		}
	case localdb.MutationVehicleAdd:
		var v api.VehicleAdd
		if json.Unmarshal(data, &v) == nil {
			it.Fields = map[string]string{"vin": v.VIN, "engine_number": v.EngineNumber}
		}
	}
	var keys struct {
		OrderNumber string `json:"order_number"`
		VIN         string `json:"vin"`
		Code        string `json:"code"`
		CustomerID  string `json:"customer_id"`
	}
	if json.Unmarshal(data, &keys) != nil {
		return ""
	}
	var parts []string
	for _, s := range []string{keys.OrderNumber, keys.VIN, keys.Code, keys.CustomerID} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// Resend sends a refused change again: a fixed registration whole, fixed
// fields written over the change's own data, or the change as it was.
func (d deskWork) Resend(ctx context.Context, id string, fix staff.Fix) error {
	var data json.RawMessage
	switch {
	case fix.Registration != nil:
		b, err := json.Marshal(fix.Registration)
		if err != nil {
			return err
		}
		data = b
	case fix.Fields != nil:
		items, err := d.db.AttentionItems(ctx, attentionLimit)
		if err != nil {
			return err
		}
		var fields map[string]any
		for _, a := range items {
			if a.ID == id {
				if err := json.Unmarshal(a.Data, &fields); err != nil {
					return err
				}
			}
		}
		if fields == nil {
			return showroom.Errorf(showroom.ENotFound, "mutation_id", "")
		}
		for name, v := range fix.Fields {
			if _, ok := fields[name]; ok { // only fields the change has
				fields[name] = v
			}
		}
		if data, err = json.Marshal(fields); err != nil {
			return err
		}
	}
	_, err := d.db.ResendAttention(ctx, id, data)
	return err
}

func (d deskWork) Discard(ctx context.Context, id string) error {
	return d.db.DismissAttention(ctx, id)
}

// syncStatus is the status bar's source: the app's sync engine, or on a
// device without one the store alone (offline, with its outbox and refused
// changes).
type syncStatus struct {
	db     *localdb.DB
	engine func() *sync.Engine // the App's engine, nil when not enrolled
}

var _ staff.SyncStatus = syncStatus{}

// SyncStatus reads the engine's status. Its LastError, in English and for
// the log, stays here: the bar names the failure from its code and reason.
func (s syncStatus) SyncStatus(ctx context.Context) (staff.SyncState, error) {
	if e := s.engine(); e != nil {
		st, err := e.Status(ctx)
		if err != nil {
			return staff.SyncState{}, err
		}
		return staff.SyncState{Enrolled: true, Known: st.Known, Online: st.Online, Outbox: st.Outbox,
			LastSync: st.LastSync, Attention: st.Attention, LastError: syncProblem(st),
			LastErrorCode: string(st.LastErrorCode), LastErrorAt: st.LastErrorAt}, nil
	}
	var out staff.SyncState
	var err error
	if out.Outbox, err = s.db.OutboxLen(ctx); err != nil {
		return out, err
	}
	out.Attention, err = s.db.AttentionLen(ctx)
	return out, err
}

// syncProblem says, as the status bar names it, why the engine's last
// failed round failed.
func syncProblem(st sync.Status) staff.SyncProblem {
	switch st.LastErrorCode {
	case "":
		return staff.SyncOK
	case showroom.EUnauthorized:
		return staff.SyncTokenRefused
	case sync.CodeOffline:
		switch st.LastErrorReason {
		case sync.ReasonNoConnection:
			return staff.SyncNoConnection
		case sync.ReasonTimeout:
			return staff.SyncTimeout
		case sync.ReasonPortalFault:
			return staff.SyncPortalFault
		case sync.ReasonBusy:
			return staff.SyncBusy
		case sync.ReasonBadAnswer:
			return staff.SyncBadAnswer
		}
		return staff.SyncUnreachable
	}
	return staff.SyncFailed
}
