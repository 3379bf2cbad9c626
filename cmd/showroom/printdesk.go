package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/printing"
	"github.com/myrenault/showroom/sync"
)

// printDesk makes, saves and prints the customer documents. The command
// line (showroom print) and the staff window share it, so that a document
// is made, recorded and kept the same way whoever asks for it.
type printDesk struct {
	db      *localdb.DB
	dataDir string
	spooler printing.Spooler
	// portalURL overrides the enrolled portal's address in Welcome Packs.
	portalURL string
	now       func() time.Time
}

func newPrintDesk(db *localdb.DB, dataDir string) *printDesk {
	return &printDesk{db: db, dataDir: dataDir, now: time.Now}
}

// document is a PDF saved on disk, ready to print.
type document struct {
	Path  string
	Title string // the print job's title, which queues show: never personal data
	Code  string // the coupon code, for coupons
}

// save writes pdf to out, or to the data folder's "printed" folder under
// name when out is empty. The PDF stays there whatever printing does.
func (d *printDesk) save(pdf []byte, out, name, title string) (document, error) {
	if out == "" {
		out = filepath.Join(d.dataDir, "printed", name)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		return document{}, err
	}
	if err := os.WriteFile(out, pdf, 0o600); err != nil {
		return document{}, err
	}
	return document{Path: out, Title: title}, nil
}

// print sends doc to the CUPS queue and waits until the printer took it.
func (d *printDesk) print(ctx context.Context, queue string, doc document) (printing.Job, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return d.spooler.Print(ctx, queue, doc.Title, doc.Path)
}

// device returns the enrolled device's identity; a device that is not
// enrolled (or was enrolled before devices signed coupons) gets the error
// that says to enrol it.
func (d *printDesk) device() (sync.Device, error) {
	dev, err := sync.LoadDevice(d.dataDir)
	if errors.Is(err, sync.ErrNotEnrolled) || err == nil && (dev.SigningKey == nil || dev.CouponPrefix == "") {
		return dev, showroom.Errorf(showroom.EUnauthorized, "device", showroom.ReasonDeviceNotEnrolled)
	}
	return dev, err
}

// welcomePack makes the Welcome Pack of the customer with portal ID
// customerID in lang and saves it (to out when given). Its QR code carries a
// fresh one-time activation code; the outbox tells the portal the code's
// SHA-256 (welcome_pack.issue), never the code itself.
func (d *printDesk) welcomePack(ctx context.Context, customerID string, lang showroom.Lang, out string) (document, error) {
	portal := d.portalURL
	if portal == "" {
		if dev, err := sync.LoadDevice(d.dataDir); err == nil {
			portal = dev.PortalURL
		} else if portal, err = d.db.Setting(ctx, localdb.SettingPortalURL); err != nil {
			return document{}, fmt.Errorf("%w (no portal address: enrol the device or pass --portal URL)",
				showroom.Errorf(showroom.EUnauthorized, "device", showroom.ReasonDeviceNotEnrolled))
		}
	}
	w, err := welcomePackData(ctx, d.db, strings.TrimSpace(customerID))
	if err != nil {
		return document{}, err
	}
	code, err := showroom.NewActivationCode(nil)
	if err != nil {
		return document{}, err
	}
	w.ActivationURL = strings.TrimRight(portal, "/") + "/activate/" + code
	pdf, err := printing.WelcomePackPDF(w, lang)
	if err != nil {
		return document{}, err
	}
	sum := sha256.Sum256([]byte(code))
	err = d.db.Update(ctx, func(tx *localdb.Tx) error {
		_, err := tx.Enqueue("welcome_pack.issue", map[string]any{
			"customer_id": w.Customer.ID, "code_sha256": hex.EncodeToString(sum[:]),
			"issued_at": d.now().UTC().Format(time.RFC3339)})
		return err
	})
	if err != nil {
		return document{}, err
	}
	return d.save(pdf, out, "welcome-pack-"+w.Customer.ID+".pdf", "My Renault Welcome Pack")
}

// coupon issues a coupon of offerID for the car vin: a fresh code with the
// device's prefix, signed with the device's key, stored with its outbox row
// (coupon.issue) in one transaction, then made into a PDF in lang and saved
// (to out when given).
func (d *printDesk) coupon(ctx context.Context, offerID, vin string, lang showroom.Lang, out string) (document, error) {
	vin = showroom.NormalizeVIN(vin)
	dev, err := d.device()
	if err != nil {
		return document{}, err
	}
	sheet, err := couponData(ctx, d.db, strings.TrimSpace(offerID), vin, dev.Dealer)
	if err != nil {
		return document{}, err
	}
	// A coupon is printed only when the portal will accept it: the offer
	// applies to this car at this dealer now (verified car, validity,
	// model, age, mileage, dealer).
	now := d.now().UTC().Truncate(time.Second)
	if err := showroom.OfferApplies(sheet.Offer, sheet.Vehicle, sheet.Dealer, now); err != nil {
		return document{}, err
	}
	code, err := freshCode(ctx, d.db, dev.CouponPrefix)
	if err != nil {
		return document{}, err
	}
	sheet.Coupon = showroom.Coupon{Code: code, OfferID: sheet.Offer.ID, VIN: vin,
		CustomerRef: sheet.Customer.Ref, DeviceID: dev.DeviceID, IssuedAt: now}
	sheet.Payload = showroom.SignCoupon(dev.SigningKey, sheet.Coupon)
	pdf, err := printing.CouponPDF(sheet, lang)
	if err != nil {
		return document{}, err
	}
	if err := d.db.IssueCoupon(ctx, sheet.Coupon, sheet.Customer.ID, sheet.Payload); err != nil {
		return document{}, err
	}
	doc, err := d.save(pdf, out, "coupon-"+code+".pdf", "My Renault coupon "+code)
	doc.Code = code
	return doc, err
}

// couponData gathers the offer, the car and its owner, and the dealer.
func couponData(ctx context.Context, db *localdb.DB, offerID, vin string, dealer showroom.Dealer) (printing.CouponSheet, error) {
	var s printing.CouponSheet
	o, err := db.Offer(ctx, offerID)
	if showroom.ErrorCode(err) == showroom.ENotFound {
		return s, fmt.Errorf("no offer %q in the store", offerID)
	}
	if err != nil {
		return s, err
	}
	s.Offer = o
	s.Vehicle, s.Customer, err = db.VehicleOwner(ctx, vin)
	if err != nil {
		return s, fmt.Errorf("car %s: %w", vin, err)
	}
	completeFromRegistry(ctx, db, &s.Vehicle)
	s.Dealer, err = dealerOf(ctx, db, dealer.Code)
	if s.Dealer.Name == "" && dealer.Name != "" {
		s.Dealer = dealer
	}
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
