package showroom

import (
	"errors"
)

// Code is a stable, machine-readable error code shared by every layer: the
// domain, the local store, the sync engine, the portal's API ("code" in its
// error bodies and push results) and the UI, which maps it to human text.
type Code string

// Error codes. The generic ones come first; the specific ones name the rule
// that failed and match ../shared/API.md.
const (
	EInvalid             Code = "invalid"
	ENotFound            Code = "not_found"
	EConflict            Code = "conflict"
	EInternal            Code = "internal"
	EUnauthorized        Code = "unauthorized"
	EGarageFull          Code = "garage_full"
	EInvalidVIN          Code = "invalid_vin"
	EInvalidEmail        Code = "invalid_email"
	EInvalidPhone        Code = "invalid_phone"
	EInvalidName         Code = "invalid_name"
	EInvalidEngine       Code = "invalid_engine_number"
	EInvalidOrder        Code = "invalid_order_number"
	EEngineMismatch      Code = "engine_mismatch"
	EUnknownOrder        Code = "unknown_order"
	ECouponRedeemed      Code = "coupon_redeemed"
	EEmailTaken          Code = "email_taken"
	EIdempotencyConflict Code = "idempotency_conflict"
	ETooManyAttempts     Code = "too_many_attempts"
	EBadCredentials      Code = "bad_credentials"
)

// Error is an error with a stable code, the field it concerns (if any) and a
// reason that selects its human text, with the reason's arguments.
type Error struct {
	Code   Code
	Field  string
	Reason Reason
	Args   []any
}

// Error returns the English text.
func (e *Error) Error() string { return e.Text(English) }

// ErrorCode returns the code of err: the Code of the first *Error in its
// chain, EInternal for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// Errorf is a shorthand for an *Error.
func Errorf(code Code, field string, reason Reason, args ...any) *Error {
	return &Error{Code: code, Field: field, Reason: reason, Args: args}
}
