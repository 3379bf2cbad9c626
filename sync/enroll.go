package sync

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// Enrollment is what a device needs to enrol with a portal.
type Enrollment struct {
	PortalURL string
	// Code is the one-time enrolment code the portal's admin made.
	Code string
	// Name names the device for the portal's admin, e.g. "Киоск 1".
	Name string
	// Kind is api.KindDesk or api.KindKiosk.
	Kind string
	// Admin, when given, names the dealer's administrator enrolling the
	// device: the portal makes them the dealer's first administrator (see
	// Device.Admin).
	Admin string
}

// Enroll trades a one-time code for the device's identity: it makes the
// device's Ed25519 coupon-signing key, sends its public half, and returns
// the Device to save with SaveDevice. Errors: an *APIError with code
// bad_enrollment_code for a wrong or used code; ErrOffline when the portal
// cannot be reached.
func Enroll(ctx context.Context, e Enrollment, o Options) (Device, error) {
	if e.Kind == "" {
		e.Kind = api.KindDesk
	}
	if e.Kind != api.KindDesk && e.Kind != api.KindKiosk {
		return Device{}, fmt.Errorf("device kind %q: use desk or kiosk", e.Kind)
	}
	if strings.TrimSpace(e.Code) == "" {
		return Device{}, fmt.Errorf("an enrolment code is required")
	}
	c, err := newClient(e.PortalURL, o)
	if err != nil {
		return Device{}, err
	}
	pub, priv, err := showroom.NewDeviceKey(nil)
	if err != nil {
		return Device{}, err
	}
	// Enrolment is not idempotent (the code is single-use): a retry after
	// a lost answer would be refused, so it is sent once.
	c.r.SetRetryCount(0)
	req := api.EnrollRequest{Code: strings.TrimSpace(e.Code), Name: e.Name, Kind: e.Kind, PublicKey: pub, Admin: strings.TrimSpace(e.Admin)}
	b, err := c.do(ctx, http.MethodPost, "/api/v1/devices/enroll", nil, req)
	if err != nil {
		return Device{}, err
	}
	out, err := decodeEnroll(b)
	if err != nil {
		return Device{}, err
	}
	u, _ := CheckPortalURL(e.PortalURL)
	return Device{PortalURL: u.String(), DeviceID: out.DeviceID, Token: out.Token, Dealer: out.Dealer,
		Kind: e.Kind, CouponPrefix: out.CouponPrefix, SigningKey: priv, Admin: out.Admin}, nil
}

// Bind records the device's identity in its local store (and the
// administrator made at enrolment, when there is one): the device ID
// goes into the consent records of registrations made here, the dealer code
// into the customers, and the portal's address into the settings. Secrets
// stay in the device file.
func Bind(ctx context.Context, db *localdb.DB, d Device) error {
	return db.Update(ctx, func(tx *localdb.Tx) error {
		for k, v := range map[string]string{
			localdb.SettingDeviceID:   d.DeviceID,
			localdb.SettingDealerCode: d.Dealer.Code,
			localdb.SettingPortalURL:  d.PortalURL,
		} {
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		if d.Admin != nil {
			if err := tx.PutPortalStaffUser(*d.Admin); err != nil {
				return err
			}
		}
		if d.Dealer.Code == "" {
			return nil
		}
		return tx.PutDealer(d.Dealer)
	})
}
