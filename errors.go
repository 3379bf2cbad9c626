package showroom

import (
	"errors"
	"strings"
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

// allCodes lists every Code; a test checks that it names every constant
// above and that each has an English and a Russian text.
var allCodes = []Code{
	EInvalid, ENotFound, EConflict, EInternal, EUnauthorized, EGarageFull,
	EInvalidVIN, EInvalidEmail, EInvalidPhone, EInvalidName, EInvalidEngine,
	EInvalidOrder, EEngineMismatch, EUnknownOrder, ECouponRedeemed, EEmailTaken,
	EIdempotencyConflict, ETooManyAttempts, EBadCredentials,
}

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

// ErrorCode returns the code of err: EInvalid for ValidationErrors (a form
// with several field errors), otherwise the Code of the first *Error in its
// chain, EInternal for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var ve ValidationErrors
	if errors.As(err, &ve) {
		return EInvalid
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

// ValidationErrors holds every field error of a form, in the form's order,
// so that a screen can show each message beside its field instead of one at
// a time. As an error its code is EInvalid; errors.As to *Error yields the
// first field's error, whose Code is the specific one (invalid_email, …).
// A nil or empty ValidationErrors is never returned as an error.
type ValidationErrors []*Error

// Error returns the English texts of all field errors (see Text).
func (v ValidationErrors) Error() string { return v.Text(English) }

// Text renders all field errors in the given language, each prefixed with
// its field, separated by "; ". A form shows each error at its field instead.
func (v ValidationErrors) Text(l Lang) string {
	parts := make([]string, 0, len(v))
	for _, e := range v {
		if e.Field != "" {
			parts = append(parts, e.Field+": "+e.Text(l))
			continue
		}
		parts = append(parts, e.Text(l))
	}
	return strings.Join(parts, "; ")
}

// Unwrap returns the field errors, so that errors.As and errors.Is see them.
func (v ValidationErrors) Unwrap() []error {
	errs := make([]error, len(v))
	for i, e := range v {
		errs[i] = e
	}
	return errs
}

// For returns the error of the given field, or nil when the field is valid.
func (v ValidationErrors) For(field string) *Error {
	for _, e := range v {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// add appends err when it is non-nil. Any error that is not an *Error is
// wrapped as EInternal so that nothing is lost.
func (v *ValidationErrors) add(err error) {
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		e = Errorf(EInternal, "", Reason(EInternal))
	}
	*v = append(*v, e)
}

// err returns v as an error, or nil when it is empty.
func (v ValidationErrors) err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}
