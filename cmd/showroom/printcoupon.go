package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/printing"
)

// printCoupon issues a coupon of an offer for one car: a fresh code, signed
// with the device's key, saved with an outbox row (coupon.issue) in one
// transaction, then made into a PDF.
func printCoupon(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o printOpts
	var offerID, vin string
	fs := flag.NewFlagSet("print coupon", flag.ContinueOnError)
	o.register(fs)
	fs.StringVar(&offerID, "offer", "", "the offer's ID")
	fs.StringVar(&vin, "vin", "", "the car's VIN")
	if err := parsePrintFlags(fs, args, stderr, map[string]*string{"offer": &offerID, "vin": &vin}); err != nil {
		return err
	}
	lang, err := o.language()
	if err != nil {
		return err
	}
	vin = showroom.NormalizeVIN(vin)
	db, err := o.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	sheet, err := couponData(ctx, db, strings.TrimSpace(offerID), vin)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Second)
	if now.After(sheet.Offer.ValidTo) {
		return fmt.Errorf("offer %s ended on %s", sheet.Offer.ID, sheet.Offer.ValidTo.Format("02.01.2006"))
	}
	prefix, key, err := deviceSigner(ctx, db)
	if err != nil {
		return err
	}
	code, err := freshCode(ctx, db, prefix)
	if err != nil {
		return err
	}
	device, _ := db.Setting(ctx, localdb.SettingDeviceID)
	sheet.Coupon = showroom.Coupon{Code: code, OfferID: sheet.Offer.ID, VIN: vin,
		CustomerRef: sheet.Customer.Ref, DeviceID: device, IssuedAt: now}
	sheet.Payload = showroom.SignCoupon(key, sheet.Coupon)
	pdf, err := printing.CouponPDF(sheet, lang)
	if err != nil {
		return err
	}
	err = db.Update(ctx, func(tx *localdb.Tx) error {
		if err := tx.PutCoupon(sheet.Coupon); err != nil {
			return err
		}
		_, err := tx.Enqueue("coupon.issue", struct {
			showroom.Coupon
			Payload string `json:"qr_payload"`
		}{sheet.Coupon, sheet.Payload})
		return err
	})
	if err != nil {
		return err
	}
	return o.save(ctx, pdf, "coupon-"+code+".pdf", "My Renault coupon "+code, stdout)
}

// couponData gathers the offer, the car and its owner, and the dealer.
func couponData(ctx context.Context, db *localdb.DB, offerID, vin string) (printing.CouponSheet, error) {
	var s printing.CouponSheet
	offers, err := db.Offers(ctx)
	if err != nil {
		return s, err
	}
	for _, o := range offers {
		if o.ID == offerID {
			s.Offer = o
		}
	}
	if s.Offer.ID == "" {
		return s, fmt.Errorf("no offer %q in the store", offerID)
	}
	s.Vehicle, s.Customer, err = db.VehicleOwner(ctx, vin)
	if err != nil {
		return s, fmt.Errorf("car %s: %w", vin, err)
	}
	completeFromRegistry(ctx, db, &s.Vehicle)
	s.Dealer, err = dealerOf(ctx, db, "")
	return s, err
}

// freshCode makes a coupon code this device has not issued yet.
func freshCode(ctx context.Context, db *localdb.DB, prefix string) (string, error) {
	for range 5 {
		code, err := showroom.NewCouponCode(prefix, nil)
		if err != nil {
			return "", err
		}
		_, err = db.Coupon(ctx, code)
		if showroom.ErrorCode(err) == showroom.ENotFound {
			return code, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("no free coupon code after 5 tries")
}
