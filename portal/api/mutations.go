package api

import (
	"time"

	"github.com/myrenault/showroom"
)

// Mutation types.
const (
	TypeCustomerRegister = "customer.register"
	TypeCustomerUpdate   = "customer.update"
	TypeConsentWithdraw  = "consent.withdraw"
	TypeVehicleAdd       = "vehicle.add"
	TypeVehicleAddOrder  = "vehicle.add_order"
	TypeVehicleUpdate    = "vehicle.update"
	TypeVehicleRemove    = "vehicle.remove"
	TypeCouponIssue      = "coupon.issue"
	TypeCouponRedeem     = "coupon.redeem"
	TypeOrderAnnounce    = "order.announce"
)

// The data of customer.register is showroom.Registration.

// CustomerKey names a customer in a mutation: by the portal's customer ID
// when the device knows it, otherwise by the customer_ref the device made
// when it registered the customer (a device may push changes to a customer
// before the registration's result has come back). Only customers of the
// device's dealer can be named.
type CustomerKey struct {
	CustomerID  string `json:"customer_id,omitempty"`
	CustomerRef string `json:"customer_ref,omitempty"`
}

// CustomerUpdate replaces the sections of the profile that are not null.
// The e-mail address is not changed this way.
type CustomerUpdate struct {
	CustomerKey
	Personal *showroom.PersonalData   `json:"personal,omitempty"`
	Contacts *showroom.Contacts       `json:"contacts,omitempty"`
	Extra    *showroom.AdditionalInfo `json:"extra,omitempty"`
	// FutureCar is «Мой будущий Renault» of «Мои предпочтения».
	FutureCar *showroom.FutureCar `json:"future_car,omitempty"`
}

// ConsentWithdraw withdraws the customer's consent of a purpose
// (showroom.PurposePersonalData, the default, makes the account withdrawn;
// showroom.PurposeMarketing only stops marketing).
type ConsentWithdraw struct {
	CustomerKey
	Purpose string `json:"purpose"`
}

// VehicleAdd puts a car in use into the customer's garage. VehicleID is
// the device's ID for the car; the portal keeps it as the car's ID.
type VehicleAdd struct {
	CustomerKey
	VehicleID    string `json:"vehicle_id"`
	VIN          string `json:"vin"`
	EngineNumber string `json:"engine_number"`
	Nickname     string `json:"nickname,omitempty"`
	Plate        string `json:"plate,omitempty"`
	Mileage      int    `json:"mileage,omitempty"`
}

// VehicleAddOrder puts an ordered car into the garage by its 13-digit
// order number, which the portal must know (else unknown_order).
type VehicleAddOrder struct {
	CustomerKey
	VehicleID   string `json:"vehicle_id"`
	OrderNumber string `json:"order_number"`
}

// VehicleUpdate changes what the customer says about a car.
type VehicleUpdate struct {
	CustomerKey
	VehicleID string `json:"vehicle_id"`
	Nickname  string `json:"nickname"`
	Plate     string `json:"plate"`
	Mileage   int    `json:"mileage"`
}

// VehicleRemove takes a car out of the garage.
type VehicleRemove struct {
	CustomerKey
	VehicleID string `json:"vehicle_id"`
}

// CouponIssue records a coupon printed for an offer and a car. Payload is
// the QR payload printed on it (showroom.SignCoupon); when the device
// registered a public key the portal checks that the payload is signed by
// it and names this code, offer and VIN (else invalid_coupon).
type CouponIssue struct {
	CustomerKey
	Code     string    `json:"code"`
	OfferID  string    `json:"offer_id"`
	VIN      string    `json:"vin"`
	IssuedAt time.Time `json:"issued_at,omitzero"`
	Payload  string    `json:"payload,omitempty"`
}

// CouponRedeem redeems a coupon at the device's dealer. A second
// redemption is rejected with coupon_redeemed; its entity then names the
// coupon and RedeemedInfo in the message says when and where.
type CouponRedeem struct {
	Code string `json:"code"`
}

// OrderAnnounce records that staff told the customer the ordered car
// arrived; the customer then sees the arrival without the 5-day delay.
type OrderAnnounce struct {
	OrderNumber string    `json:"order_number"`
	At          time.Time `json:"at"`
}

// More mutation types: the rest of the cabinet and the dealer's own work.
const (
	TypeDealerSave        = "dealer.save"
	TypeDealerMakePrimary = "dealer.make_primary"
	TypeDealerRemove      = "dealer.remove"
	TypeMessageRead       = "message.read"
	TypeMessageUnread     = "message.unread"
	TypeMessageDelete     = "message.delete"
	TypeHandoverRecord    = "handover.record"
)

// SavedDealer names a dealer of the directory in a customer's «Сохранённые
// дилеры» (dealer.save adds it, dealer.make_primary makes it the primary
// one, dealer.remove takes it away). A customer may save any number of
// dealers; one of them is primary.
type SavedDealer struct {
	CustomerKey
	DealerCode string `json:"dealer_code"`
}

// MessageMark marks a message of the customer read or unread, or deletes it.
type MessageMark struct {
	CustomerKey
	MessageID string `json:"message_id"`
}

// HandoverRecord records that a sales manager handed a car over to a
// customer, for the per-manager report.
type HandoverRecord struct {
	CustomerKey
	VIN     string    `json:"vin"`
	StaffID string    `json:"staff_id"`
	At      time.Time `json:"at"`
}

// Welcome Pack mutations.
const (
	TypeWelcomePackIssue    = "welcome_pack.issue"
	TypeWelcomePackActivate = "welcome_pack.activate"
)

// WelcomePackIssue records a printed Welcome Pack sheet: the SHA-256 (hex)
// of the one-time code its QR code carries to /activate/{code}. The code
// itself never leaves the sheet.
type WelcomePackIssue struct {
	CustomerID string    `json:"customer_id"`
	CodeSHA256 string    `json:"code_sha256"`
	IssuedAt   time.Time `json:"issued_at"`
}

// WelcomePackActivate activates a Welcome Pack account at a kiosk or desk:
// the e-mail to confirm it with, the preferred channel and the consent given
// on screen. The account becomes pending until the e-mail's link is opened.
type WelcomePackActivate struct {
	CustomerID       string                       `json:"customer_id"`
	Email            string                       `json:"email"`
	Phone            string                       `json:"phone,omitempty"` // mobile, needed for SMS and calls
	PreferredChannel showroom.Channel             `json:"preferred_channel,omitempty"`
	Consent          showroom.RegistrationConsent `json:"consent"`
	StaffID          string                       `json:"staff_id,omitempty"`
}
