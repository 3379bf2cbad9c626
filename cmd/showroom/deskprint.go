package main

import (
	"context"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// deskPrinting is the staff window's print flow on top of printDesk, the
// path the command line takes too.
type deskPrinting struct{ d *printDesk }

var _ staff.Printing = deskPrinting{}

// Printers implements staff.Printing: the CUPS queues and the remembered
// one.
func (p deskPrinting) Printers(ctx context.Context) ([]string, string, error) {
	remembered, err := p.d.db.Setting(ctx, localdb.SettingPrinter)
	if err != nil && showroom.ErrorCode(err) != showroom.ENotFound {
		return nil, "", err
	}
	queues, err := p.d.spooler.Queues(ctx)
	return queues, remembered, err
}

// Offers implements staff.Printing: the offers valid now that apply to each
// verified car of the garage at this device's dealer.
func (p deskPrinting) Offers(ctx context.Context, garage []showroom.Vehicle) ([]staff.CarOffer, error) {
	offers, err := p.d.db.Offers(ctx)
	if err != nil {
		return nil, err
	}
	code := ""
	if dev, err := sync.LoadDevice(p.d.dataDir); err == nil {
		code = dev.Dealer.Code
	}
	dealer, err := dealerOf(ctx, p.d.db, code)
	if err != nil {
		return nil, err
	}
	now := p.d.now()
	var out []staff.CarOffer
	for _, v := range garage {
		if v.VIN == "" {
			continue
		}
		completeFromRegistry(ctx, p.d.db, &v)
		for _, o := range offers {
			if showroom.OfferApplies(o, v, dealer, now) == nil {
				out = append(out, staff.CarOffer{Offer: o, Vehicle: v})
			}
		}
	}
	return out, nil
}

// WelcomePack implements staff.Printing.
func (p deskPrinting) WelcomePack(ctx context.Context, customerID string, lang showroom.Lang) (staff.Document, error) {
	doc, err := p.d.welcomePack(ctx, customerID, lang, "")
	return staff.Document{Path: doc.Path, Title: doc.Title}, err
}

// Coupon implements staff.Printing.
func (p deskPrinting) Coupon(ctx context.Context, offerID, vin string, lang showroom.Lang) (staff.Document, error) {
	doc, err := p.d.coupon(ctx, offerID, vin, lang, "")
	return staff.Document{Path: doc.Path, Title: doc.Title, Code: doc.Code}, err
}

// Print implements staff.Printing: it prints and remembers the queue, even
// when the job failed, since the person chose it.
func (p deskPrinting) Print(ctx context.Context, queue string, doc staff.Document) (string, error) {
	if err := p.d.db.SetSetting(ctx, localdb.SettingPrinter, queue); err != nil {
		return "", err
	}
	job, err := p.d.print(ctx, queue, document{Path: doc.Path, Title: doc.Title, Code: doc.Code})
	return job.ID, err
}
