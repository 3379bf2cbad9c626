package staff

import (
	"context"
	"time"

	showroom "github.com/myrenault/showroom"
)

// Editor is what the cabinet's sections need to change a customer's
// cabinet for them, and to look up what the cabinet refers to; cmd/showroom
// hands it the local store. Every change is saved with the portal's
// mutation in one transaction, so that it reaches the portal however long
// the desk stays offline. Validation errors come back as
// showroom.ValidationErrors naming their fields.
type Editor interface {
	UpdateProfile(ctx context.Context, ref string, e showroom.ProfileEdit) error
	// AddCar adds a car in use by VIN and engine number; AddOrderedCar an
	// ordered car by its 13-digit order number.
	AddCar(ctx context.Context, ref, vin, engine string, e showroom.VehicleEdit) (showroom.Vehicle, error)
	AddOrderedCar(ctx context.Context, ref, number string) (showroom.Vehicle, error)
	UpdateCar(ctx context.Context, ref, id string, e showroom.VehicleEdit) error
	RemoveCar(ctx context.Context, ref, id string) error
	SaveDealer(ctx context.Context, ref, code string) error
	MakePrimaryDealer(ctx context.Context, ref, code string) error
	RemoveDealer(ctx context.Context, ref, code string) error
	MarkMessage(ctx context.Context, ref, id string, m MessageMark) error
	// Reference returns the dealer directory, the model catalogue, the
	// programmes of «Мой сервис» and the recalls of the garage's cars.
	Reference(ctx context.Context, garage []showroom.Vehicle) (Reference, error)
}

// MessageMark is what staff do to a message of «Мои сообщения».
type MessageMark int

// Message marks.
const (
	MarkRead MessageMark = iota + 1
	MarkUnread
	MarkDelete
)

// Reference is what a cabinet's sections look up beyond the cabinet.
type Reference struct {
	Dealers  []showroom.Dealer
	Models   []showroom.ModelInfo
	Programs []showroom.ServiceProgram
	// Recalls holds each garage VIN's recall campaigns.
	Recalls map[string][]showroom.Recall
}

// dealer returns the directory's entry of code; only the code when the
// directory does not know it.
func (r Reference) dealer(code string) showroom.Dealer {
	for _, d := range r.Dealers {
		if d.Code == code {
			return d
		}
	}
	return showroom.Dealer{Code: code}
}

// model returns the catalogue's entry of a model.
func (r Reference) model(name string) (showroom.ModelInfo, bool) {
	for _, m := range r.Models {
		if m.Name == name {
			return m, true
		}
	}
	return showroom.ModelInfo{}, false
}

func (r Reference) modelMap() map[string]showroom.ModelInfo {
	out := make(map[string]showroom.ModelInfo, len(r.Models))
	for _, m := range r.Models {
		out[m.Name] = m
	}
	return out
}

// SetEditor lets the cabinet change what it shows: every section gets its
// «Изменить», add and delete actions, and the notifications and service
// sections their data. Call it before Start. Without an editor the cabinet
// is read-only.
func (w *Window) SetEditor(e Editor) {
	c := w.card
	c.editor = e
	c.ctx = w.ctx
	c.log = w.log
	c.async = func(work func() func()) { w.Async(work) }
	c.reload = func(ref string) {
		w.Async(func() func() {
			ctx, cancel := context.WithTimeout(w.ctx, 10*time.Second)
			defer cancel()
			cab, err := w.backend.Cabinet(ctx, ref)
			return func() {
				if c.cab.Customer.Ref != ref {
					return // another customer was opened meanwhile
				}
				after := c.afterReload
				c.afterReload = nil
				if err != nil {
					c.logError("cabinet failed to reload", err)
					if after != nil {
						after(err)
					}
					return
				}
				c.show(cab)
				if after != nil {
					after(nil)
				}
				if w.printing != nil {
					w.loadOffers(cab)
				}
			}
		})
	}
}
