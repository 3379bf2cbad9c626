// Package api holds the JSON wire types of the portal's HTTP API, shared by
// the portal and the showroom's sync engine. The contract they implement is
// the portal's API document, served at GET /api/v1/openapi.json.
package api

import (
	"encoding/json"
	"time"

	"github.com/myrenault/showroom"
)

// Limits of the API.
const (
	// MaxBody is the largest request body accepted; larger ones get 413.
	MaxBody = 1 << 20
	// MaxBatch is the most mutations one push may carry; more get 413.
	MaxBatch = 500
	// DefaultPullLimit and MaxPullLimit bound a pull page.
	DefaultPullLimit = 500
	MaxPullLimit     = 5000
)

// Codes the API adds to the domain's (showroom.Code) for protocol errors.
const (
	CodeBadJSON           showroom.Code = "bad_json"
	CodeBadCursor         showroom.Code = "bad_cursor"
	CodeBadQuarter        showroom.Code = "bad_quarter"
	CodeBadEnrollmentCode showroom.Code = "bad_enrollment_code"
	CodeTooLarge          showroom.Code = "too_large"
	CodeUnknownType       showroom.Code = "unknown_type"
	CodeUnknownCustomer   showroom.Code = "unknown_customer"
	CodeUnknownCoupon     showroom.Code = "unknown_coupon"
	CodeMethodNotAllowed  showroom.Code = "method_not_allowed"
)

// ErrorBody is the body of every error answer.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is a stable code, a human message (ru or en per
// Accept-Language) and the field concerned, if any.
type ErrorDetail struct {
	Code    showroom.Code `json:"code"`
	Message string        `json:"message"`
	Field   string        `json:"field,omitempty"`
}

// Device kinds.
const (
	KindKiosk = "kiosk"
	KindDesk  = "desk"
)

// EnrollRequest trades a one-time enrolment code for a device token.
//
// PublicKey is the device's Ed25519 public key (32 bytes, base64 in JSON):
// the portal verifies the QR payloads of the coupons the device signs with
// it. A device that prints coupons sends one.
//
// Admin, when given, names the dealer's administrator who enrols the
// device: the portal makes them a staff member of the dealer with the admin
// role (or finds the active administrator of that name), so that a new
// device has someone who can sign in before the feed brings the others.
type EnrollRequest struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	PublicKey []byte `json:"public_key,omitempty"`
	Admin     string `json:"admin,omitempty"`
}

// EnrollResponse is the answer to a successful enrolment (201). The token is
// shown once; the portal keeps only its SHA-256.
//
// CouponPrefix is the device's coupon code prefix (showroom.PrefixLen
// characters of showroom.CouponAlphabet), unique among devices, so that
// codes made offline on different devices never clash.
type EnrollResponse struct {
	DeviceID     string          `json:"device_id"`
	Token        string          `json:"token"`
	Dealer       showroom.Dealer `json:"dealer"`
	CouponPrefix string          `json:"coupon_prefix"`
	// Admin is the administrator the request named; nil when it named
	// none.
	Admin *showroom.StaffUser `json:"admin,omitempty"`
}

// PushRequest is a batch of at most MaxBatch mutations.
type PushRequest struct {
	Mutations []Mutation `json:"mutations"`
}

// Mutation is one change made on a device. ID (a UUID made on the device)
// is the idempotency key, kept by the portal for ever.
type Mutation struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	// At is when the device made the change, by its clock. A
	// customer.register is dated At (the customer's created_at, the
	// quarter the registration goal credits), held between the device's
	// enrolment and the portal's clock; the portal's arrival is the
	// customer's updated_at.
	At   time.Time       `json:"at"`
	Data json.RawMessage `json:"data"`
}

// Result statuses.
const (
	StatusApplied   = "applied"
	StatusDuplicate = "duplicate"
	StatusRejected  = "rejected"
)

// PushResponse answers a push: one result per mutation, in order.
type PushResponse struct {
	Results []Result `json:"results"`
}

// Result is the outcome of one mutation. A rejection carries Code, Message
// and Field. A duplicate repeats the first result's Code, Message, Field
// and Entity. The code "internal" is the only one worth retrying: such a
// result is not stored, so the same mutation may be pushed again.
type Result struct {
	ID      string        `json:"id"`
	Status  string        `json:"status"`
	Code    showroom.Code `json:"code,omitempty"`
	Message string        `json:"message,omitempty"`
	Field   string        `json:"field,omitempty"`
	Entity  *Entity       `json:"entity,omitempty"`
}

// Entity names what an applied mutation created or changed. For customers,
// ID is the portal's customer ID and Ref the device's customer_ref.
type Entity struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Ref  string `json:"ref,omitempty"`
}

// Change types of the pull feed.
const (
	ChangeDealer         = "dealer"
	ChangeCustomer       = "customer"
	ChangeVehicle        = "vehicle"
	ChangeOrder          = "order"
	ChangeOffer          = "offer"
	ChangeCoupon         = "coupon"
	ChangeRecall         = "recall"
	ChangeMessage        = "message"
	ChangeStaff          = "staff"
	ChangeModel          = "model"
	ChangeServiceProgram = "service_program"
	// ChangeSavedDealer is a dealer in a customer's «Сохранённые дилеры»:
	// ID "customer_id/dealer_code", data showroom.SavedDealer.
	ChangeSavedDealer = "saved_dealer"
	// ChangeSale is a car the dealer sold (the sales feed): ID
	// "vin/date", data showroom.Sale; the registration goal counts the
	// retail ones.
	ChangeSale = "sale"
)

// PullResponse is one page of the change feed. Next is the cursor to pass
// as since for the following page; More says whether one is waiting.
type PullResponse struct {
	Changes []Change `json:"changes"`
	Next    string   `json:"next"`
	More    bool     `json:"more"`
}

// Change is one entry of the change feed. Data is the entity's whole
// current state (see the Change* constants for its Go type); it is null
// when Deleted is true.
//
//   - customer: showroom.Customer, with customer_id, state and the
//     customer_ref of the device that registered it;
//   - vehicle: showroom.Vehicle, customer_ref as in the customer's change;
//   - dealer: showroom.Dealer; order: showroom.Order; offer: showroom.Offer;
//     coupon: showroom.Coupon; recall: showroom.Recall;
//   - model: showroom.ModelInfo (ID its name); service_program:
//     showroom.ServiceProgram;
//   - message: showroom.Message; staff: showroom.StaffUser (never a PIN);
//     saved_dealer: showroom.SavedDealer.
type Change struct {
	Seq     int64           `json:"seq"`
	Type    string          `json:"type"`
	ID      string          `json:"id"`
	Deleted bool            `json:"deleted"`
	Data    json.RawMessage `json:"data"`
}

// WelcomePackLogin checks a Welcome Pack login: customer ID and VIN.
type WelcomePackLogin struct {
	CustomerID string `json:"customer_id"`
	VIN        string `json:"vin"`
}

// WelcomePackCustomer is the answer to a good Welcome Pack login.
type WelcomePackCustomer struct {
	CustomerID string `json:"customer_id"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
}

// CouponStatus is the answer of GET /api/v1/coupons/{code}: what the
// portal knows of a coupon, for any dealer's service desk. IssuerKey is the
// public key of the device that issued it, to verify the QR payload with
// showroom.VerifyCoupon. The car is named by the last 6 characters of its
// VIN only; the customer is not named.
type CouponStatus struct {
	Code           string    `json:"code"`
	OfferID        string    `json:"offer_id"`
	VINTail        string    `json:"vin_tail"`
	IssuedAt       time.Time `json:"issued_at"`
	IssuedBy       string    `json:"issued_by"`
	IssuerKey      []byte    `json:"issuer_key,omitempty"`
	RedeemedAt     time.Time `json:"redeemed_at,omitzero"`
	RedeemedBy     string    `json:"redeemed_by,omitempty"`
	RedeemedByName string    `json:"redeemed_by_name,omitempty"`
}

// Health is the answer of GET /healthz.
type Health struct {
	Status string `json:"status"`
}

// RegistrationReport is the KPI report: registrations of new customers in
// a quarter as a share of retail sales, by dealer or by region.
type RegistrationReport struct {
	Quarter string      `json:"quarter"`
	By      string      `json:"by"`
	Target  float64     `json:"target"`
	Rows    []ReportRow `json:"rows"`
}

// ReportRow is one dealer (Key its code) or region (Key its name). Rate is
// null when there were no retail sales.
type ReportRow struct {
	Key           string   `json:"key"`
	Name          string   `json:"name"`
	Registrations int      `json:"registrations"`
	Sales         int      `json:"sales"`
	Rate          *float64 `json:"rate"`
}
