package showroom

import (
	"encoding/json"
	"strings"
	"time"
)

// Registration is the draft of a new customer that a kiosk or a staff member
// submits: the data of the portal's "customer.register" mutation. Normalize
// checks and normalises it; Customer, ConsentRecord and GarageVehicle build
// what the local store saves from it.
//
// Its JSON is the mutation's "data" object; StaffID is written as null when
// empty, as the API's example has it.
type Registration struct {
	// CustomerRef is the UUID the device made for the customer; Normalize
	// does not check it, the store assigns it.
	CustomerRef string `json:"customer_ref"`
	LastName    string `json:"last_name"`
	FirstName   string `json:"first_name"`
	Email       string `json:"email"`
	// Phone is the mobile phone, optional.
	Phone string `json:"phone"`
	// VIN and EngineNumber are optional; the engine number goes with a VIN.
	VIN              string              `json:"vin"`
	EngineNumber     string              `json:"engine_number"`
	Source           Source              `json:"source"`
	StaffID          string              `json:"staff_id"`
	DealerCode       string              `json:"dealer_code"`
	PreferredChannel Channel             `json:"preferred_channel"`
	Consent          RegistrationConsent `json:"consent"`
}

// RegistrationConsent is the consent to the processing of personal data given
// with a registration: which text was shown (its version and the SHA-256 of
// the text, hex), and whether marketing communication was also agreed to.
type RegistrationConsent struct {
	TextVersion string    `json:"text_version"`
	TextSHA256  string    `json:"text_sha256"`
	Purpose     string    `json:"purpose"`
	Marketing   bool      `json:"marketing"`
	GivenAt     time.Time `json:"given_at"`
}

// MarshalJSON writes the registration with "staff_id": null when StaffID is
// empty: a customer at the kiosk registers without staff.
func (r Registration) MarshalJSON() ([]byte, error) {
	type plain Registration
	out := struct {
		plain
		StaffID *string `json:"staff_id"`
	}{plain: plain(r)}
	if r.StaffID != "" {
		out.StaffID = &r.StaffID
	}
	return json.Marshal(out)
}

// Normalize checks every field and normalises the valid ones in place:
//   - LastName and FirstName with NormalizeName (required);
//   - Email with NormalizeEmail (required);
//   - Phone, when given, with NormalizeMobile;
//   - VIN, when given, must decode (DecodeVIN; a check-digit warning is not
//     an error) and is stored normalised; EngineNumber, when given, with
//     NormalizeEngineNumber, and only together with a VIN;
//   - Source, PreferredChannel, when given, must be known values, and the
//     SMS and phone channels need a phone; DealerCode, when given, 6 digits;
//   - the consent must be to the processing of personal data (an empty
//     Purpose is taken as that), with a text version, a 64-hex-digit SHA-256
//     (lower-cased) and the time it was given (made UTC).
//
// Fields that fail keep what was typed, trimmed, so that the form can show
// it beside the message. The error is nil or a ValidationErrors holding one
// *Error per failing field in the order above (a form shows each at its
// field; ErrorCode reports EInvalid); the consent's errors have Field
// "consent".
func (r *Registration) Normalize() error {
	var errs ValidationErrors
	normalize := func(p *string, f func(string) (string, error)) {
		*p = strings.TrimSpace(*p)
		v, err := f(*p)
		if err != nil {
			errs.add(err)
			return
		}
		*p = v
	}
	normalize(&r.LastName, func(s string) (string, error) { return NormalizeName("last_name", s) })
	normalize(&r.FirstName, func(s string) (string, error) { return NormalizeName("first_name", s) })
	normalize(&r.Email, NormalizeEmail)
	if r.Phone = strings.TrimSpace(r.Phone); r.Phone != "" {
		normalize(&r.Phone, NormalizeMobile)
	}
	if r.VIN = NormalizeVIN(r.VIN); r.VIN != "" {
		if _, err := DecodeVIN(r.VIN); err != nil {
			errs.add(err)
		}
	}
	if r.EngineNumber = strings.TrimSpace(r.EngineNumber); r.EngineNumber != "" {
		if r.VIN == "" {
			errs.add(Errorf(EInvalidEngine, "engine_number", ReasonEngineWithoutVIN))
		} else {
			normalize(&r.EngineNumber, NormalizeEngineNumber)
		}
	}
	r.CustomerRef = strings.TrimSpace(r.CustomerRef)
	r.StaffID = strings.TrimSpace(r.StaffID)
	switch r.Source {
	case "", SourceKiosk, SourceStaff, SourceWelcomePack, SourcePortal:
	default:
		errs.add(Errorf(EInvalid, "source", ReasonSourceUnknown, string(r.Source)))
	}
	if r.DealerCode = strings.TrimSpace(r.DealerCode); r.DealerCode != "" && !isDigits(r.DealerCode, dealerCodeDigits) {
		errs.add(Errorf(EInvalid, "dealer_code", ReasonDealerCode))
	}
	switch r.PreferredChannel {
	case ChannelNone, ChannelEmail:
	case ChannelSMS, ChannelPhone:
		if r.Phone == "" {
			errs.add(Errorf(EInvalidPhone, "phone", ReasonChannelNeedsPhone))
		}
	default:
		errs.add(Errorf(EInvalid, "preferred_channel", ReasonChannelUnknown, string(r.PreferredChannel)))
	}
	errs.add(r.Consent.normalize())
	return errs.err()
}

// normalize checks the personal-data consent of a registration.
func (c *RegistrationConsent) normalize() error {
	c.TextVersion = strings.TrimSpace(c.TextVersion)
	c.TextSHA256 = strings.ToLower(strings.TrimSpace(c.TextSHA256))
	c.Purpose = strings.TrimSpace(c.Purpose)
	if c.Purpose == "" {
		c.Purpose = PurposePersonalData
	}
	switch {
	case c.Purpose != PurposePersonalData:
		return Errorf(EInvalid, "consent", ReasonConsentMissing)
	case c.TextVersion == "":
		return Errorf(EInvalid, "consent", ReasonConsentVersion)
	case !isHex(c.TextSHA256, 64):
		return Errorf(EInvalid, "consent", ReasonConsentHash)
	case c.GivenAt.IsZero():
		return Errorf(EInvalid, "consent", ReasonConsentTime)
	}
	c.GivenAt = c.GivenAt.UTC()
	return nil
}

// Customer returns the pending customer a normalised registration creates,
// made at now. The phone is the mobile phone; «Согласие на коммуникацию» is
// the consent's marketing flag.
func (r Registration) Customer(now time.Time) Customer {
	now = now.UTC()
	return Customer{
		Ref:        r.CustomerRef,
		State:      StatePending,
		DealerCode: r.DealerCode,
		Source:     r.Source,
		StaffID:    r.StaffID,
		Personal: PersonalData{
			FirstName:        r.FirstName,
			LastName:         r.LastName,
			Email:            r.Email,
			PreferredChannel: r.PreferredChannel,
			MarketingConsent: r.Consent.Marketing,
		},
		Contacts:  Contacts{MobilePhone: r.Phone},
		CreatedAt: now,
		UpdatedAt: now,
	}
}

// ConsentRecord returns the consent record of a normalised registration;
// the store adds the device.
func (r Registration) ConsentRecord() Consent {
	return Consent{
		CustomerRef: r.CustomerRef,
		TextVersion: r.Consent.TextVersion,
		TextSHA256:  r.Consent.TextSHA256,
		Purpose:     r.Consent.Purpose,
		Marketing:   r.Consent.Marketing,
		GivenAt:     r.Consent.GivenAt,
		StaffID:     r.StaffID,
	}
}

// GarageVehicle returns the car a normalised registration puts in the
// customer's virtual garage, as the programme insists ("always put the VIN
// and engine number into «Мой виртуальный гараж»"), with the model guessed
// from the VIN, added at now; ok is false when the registration has no VIN.
// The vehicle is not verified until the portal's registry confirms VIN and
// engine number; its ID is the store's to assign.
func (r Registration) GarageVehicle(now time.Time) (v Vehicle, ok bool) {
	if r.VIN == "" {
		return Vehicle{}, false
	}
	d, _ := DecodeVIN(r.VIN)
	return Vehicle{
		CustomerRef:  r.CustomerRef,
		VIN:          r.VIN,
		EngineNumber: r.EngineNumber,
		Model:        d.Model,
		AddedAt:      now.UTC(),
	}, true
}

// isDigits reports whether s is exactly n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isHex reports whether s is exactly n lower-case hexadecimal digits.
func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
