package main

import (
	"context"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/assets"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/ui/staff"
)

// backend hands the staff window the local store through the narrow
// interface the window declares.
type backend struct{ db *localdb.DB }

var _ staff.Backend = backend{}

func (b backend) Search(ctx context.Context, q string, limit int) ([]staff.Hit, error) {
	hits, err := b.db.SearchCustomers(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	out := make([]staff.Hit, len(hits))
	for i, h := range hits {
		out[i] = staff.Hit{Ref: h.Ref, CustomerID: h.CustomerID, Name: h.FullName,
			Email: h.Email, Phone: h.Phone, VIN: h.VIN, State: h.State}
	}
	return out, nil
}

func (b backend) Cabinet(ctx context.Context, ref string) (showroom.Cabinet, error) {
	return b.db.Cabinet(ctx, ref)
}

func (b backend) Overview(ctx context.Context) (staff.Overview, error) {
	s, err := b.db.Stats(ctx)
	if err != nil {
		return staff.Overview{}, err
	}
	o := staff.Overview{Customers: s.Customers, Vehicles: s.Vehicles, Orders: s.Orders, Outbox: s.Outbox}
	code, err := b.db.Setting(ctx, localdb.SettingDealerCode)
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return o, nil // not enrolled yet
	} else if err != nil {
		return o, err
	}
	o.DealerCode = code
	if d, err := b.db.Dealer(ctx, code); err == nil {
		o.DealerName = d.Name
	}
	return o, nil
}

func iconPNG() []byte { return assets.Icon }
