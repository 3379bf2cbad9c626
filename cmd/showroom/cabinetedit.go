package main

import (
	"context"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/ui/staff"
)

// cabinetEditor hands the staff window's cabinet the local store's edits:
// each writes the change and its portal mutation in one transaction.
type cabinetEditor struct{ db *localdb.DB }

var _ staff.Editor = cabinetEditor{}

func (e cabinetEditor) UpdateProfile(ctx context.Context, ref string, p showroom.ProfileEdit) error {
	_, err := e.db.UpdateProfile(ctx, ref, p)
	return err
}

func (e cabinetEditor) AddCar(ctx context.Context, ref, vin, engine string, v showroom.VehicleEdit) (showroom.Vehicle, error) {
	return e.db.AddCar(ctx, ref, vin, engine, v)
}

func (e cabinetEditor) AddOrderedCar(ctx context.Context, ref, number string) (showroom.Vehicle, error) {
	return e.db.AddOrderedCar(ctx, ref, number)
}

func (e cabinetEditor) UpdateCar(ctx context.Context, ref, id string, v showroom.VehicleEdit) error {
	return e.db.UpdateCar(ctx, ref, id, v)
}

func (e cabinetEditor) RemoveCar(ctx context.Context, ref, id string) error {
	return e.db.RemoveCar(ctx, ref, id)
}

func (e cabinetEditor) SaveDealer(ctx context.Context, ref, code string) error {
	return e.db.SaveDealerFor(ctx, ref, code)
}

func (e cabinetEditor) MakePrimaryDealer(ctx context.Context, ref, code string) error {
	return e.db.MakePrimaryDealer(ctx, ref, code)
}

func (e cabinetEditor) RemoveDealer(ctx context.Context, ref, code string) error {
	return e.db.RemoveDealerFor(ctx, ref, code)
}

var messageMarks = map[staff.MessageMark]localdb.MessageMark{
	staff.MarkRead: localdb.MarkRead, staff.MarkUnread: localdb.MarkUnread, staff.MarkDelete: localdb.MarkDelete,
}

func (e cabinetEditor) MarkMessage(ctx context.Context, ref, id string, m staff.MessageMark) error {
	return e.db.MarkMessage(ctx, ref, id, messageMarks[m])
}

// Reference reads the dealer directory, the catalogue, the programmes and
// the recalls of the garage's VINs from the local cache.
func (e cabinetEditor) Reference(ctx context.Context, garage []showroom.Vehicle) (staff.Reference, error) {
	var r staff.Reference
	var err error
	if r.Dealers, err = e.db.Dealers(ctx); err != nil {
		return r, err
	}
	if r.Models, err = e.db.Models(ctx); err != nil {
		return r, err
	}
	if r.Programs, err = e.db.ServicePrograms(ctx); err != nil {
		return r, err
	}
	r.Recalls = map[string][]showroom.Recall{}
	for _, v := range garage {
		if v.VIN == "" {
			continue
		}
		rs, err := e.db.RecallsForVIN(ctx, v.VIN)
		if err != nil {
			return r, err
		}
		if len(rs) > 0 {
			r.Recalls[v.VIN] = rs
		}
	}
	return r, nil
}
