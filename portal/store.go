package portal

import (
	"context"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// Store is what the HTTP handlers need from the portal's storage. SQLite
// implements it; a PostgreSQL store can implement it later without the
// handlers changing. Errors that callers act on are *showroom.Error values
// with a stable code (showroom.ENotFound, api.CodeBadEnrollmentCode, …);
// any other error is internal.
type Store interface {
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error
	// NewEnrollCode makes a one-time enrolment code for a dealer of the
	// directory, valid for ttl (ENotFound for an unknown dealer).
	NewEnrollCode(ctx context.Context, dealer string, ttl time.Duration) (string, error)
	// Enroll trades a code for a device and its token (the token is kept
	// hashed); api.CodeBadEnrollmentCode for an unknown, used or expired code.
	Enroll(ctx context.Context, req api.EnrollRequest) (api.EnrollResponse, error)
	// DeviceByToken finds the device of a bearer token; EUnauthorized when
	// the token is unknown or revoked.
	DeviceByToken(ctx context.Context, token string) (Device, error)
	// Apply applies one mutation of a device in its own transaction,
	// idempotently by the mutation's ID. A rejection is a Result, not an
	// error; the error is for failures of the store itself.
	// A registration queues its confirmation e-mail in the same
	// transaction (see PendingMail).
	Apply(ctx context.Context, dev Device, m api.Mutation, lang showroom.Lang) (api.Result, error)
	// ApplyBatch applies a push's mutations in order, each in a
	// transaction of its own, and answers one result each; one rejection
	// or failure never stops the rest. It returns only after the results
	// are durable.
	ApplyBatch(ctx context.Context, dev Device, ms []api.Mutation, lang showroom.Lang) ([]api.Result, error)
	// Pull returns up to limit changes after the cursor since, in the
	// device's dealer scope.
	Pull(ctx context.Context, dev Device, since int64, limit int) (api.PullResponse, error)
	// Confirm activates the pending account of a confirmation token, once;
	// ENotFound for an unknown or used token.
	Confirm(ctx context.Context, token string) error
	// FactoryRecord returns the registry's record of a normalised VIN, nil
	// when the registry does not know it.
	FactoryRecord(ctx context.Context, vin string) (*showroom.FactoryRecord, error)
	// WelcomePackLogin checks a customer ID and VIN for a customer of the
	// device's dealer; EBadCredentials when they do not match or the
	// customer is another dealer's, ETooManyAttempts (with the wait left)
	// for LoginLockout after MaxLoginFailures failures within LoginWindow.
	WelcomePackLogin(ctx context.Context, dev Device, customerID, vin string) (api.WelcomePackCustomer, time.Duration, error)
	// ActivationCustomer returns the first name of the customer of an
	// unused, unexpired activation code of a printed Welcome Pack sheet;
	// ENotFound for an unknown, used or expired code.
	ActivationCustomer(ctx context.Context, code string) (string, error)
	// Activate activates the account of such a code with what the
	// activation page's form says and uses the code up, queueing the
	// confirmation e-mail in the same transaction; ENotFound for an
	// unknown, used or expired code, the domain's errors for what the form
	// got wrong.
	Activate(ctx context.Context, code string, f ActivationForm) error
	// CouponStatus returns what the portal knows of a coupon, for any
	// dealer; api.CodeUnknownCoupon for a code never issued.
	CouponStatus(ctx context.Context, code string) (api.CouponStatus, error)
	// RegistrationReport is the KPI report of a quarter by "dealer" or
	// "region".
	RegistrationReport(ctx context.Context, q showroom.Quarter, by string) (api.RegistrationReport, error)
	// PendingMail returns up to limit queued confirmation e-mails, oldest
	// first; MailDone deletes those sent, MailFailed counts an attempt.
	PendingMail(ctx context.Context, limit int) ([]QueuedMail, error)
	MailDone(ctx context.Context, ids ...int64) error
	MailFailed(ctx context.Context, id int64) error
}

// QueuedMail is a confirmation e-mail waiting in the store.
type QueuedMail struct {
	ID       int64
	Attempts int
	Confirmation
}

// Device is an enrolled showroom device; everything it does is scoped to
// its dealer.
type Device struct {
	ID     string
	Dealer string
	Name   string
	Kind   string
}

// Confirmation is what the confirmation e-mail of a registration needs.
// Token is the secret of the confirmation link: the account keeps its
// hash; the queued e-mail holds it until the e-mail is sent.
type Confirmation struct {
	CustomerID string
	Email      string
	FirstName  string
	LastName   string
	Token      string
}

// Welcome Pack lock-out, the domain's rule: after MaxLoginFailures failed
// logins of one customer ID within LoginWindow the customer ID is locked
// for LoginLockout from the last of them.
const (
	MaxLoginFailures = showroom.WelcomePackMaxFailures
	LoginWindow      = showroom.WelcomePackWindow
	LoginLockout     = showroom.WelcomePackLockout
)

var _ Store = (*SQLite)(nil)
