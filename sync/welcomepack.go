package sync

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// WelcomePackLogin checks a Welcome Pack login — the customer ID and the
// VIN — with the portal and returns whose it is.
//
// Errors: EBadCredentials for a wrong pair; ETooManyAttempts, with the
// portal's Retry-After, when the portal has locked the customer ID; an
// error wrapping ErrOffline when the portal cannot be reached, so that the
// caller can check the cached customers instead.
//
// A 429 is never retried, whatever its Retry-After: the lock counts failed
// logins per customer ID, so a retry once the lock ends would be a new
// attempt the customer did not make, spending one of theirs (and holding
// the kiosk's screen meanwhile). Waiting is the customer's decision.
func (c *Client) WelcomePackLogin(ctx context.Context, customerID, vin string) (api.WelcomePackCustomer, time.Duration, error) {
	var out api.WelcomePackCustomer
	resp, err := c.r.R().SetContext(context.WithValue(ctx, final429{}, true)).
		SetHeader("Content-Type", "application/json").
		SetBody(api.WelcomePackLogin{CustomerID: strings.TrimSpace(customerID), VIN: showroom.NormalizeVIN(vin)}).
		Post("/api/v1/welcome-pack/login")
	if resp != nil && resp.StatusCode() == http.StatusTooManyRequests {
		wait, _ := parseRetryAfter(resp.Header().Get("Retry-After"), time.Now())
		return out, wait, showroom.Errorf(showroom.ETooManyAttempts, "customer_id", "")
	}
	if err != nil {
		if ctx.Err() != nil {
			return out, 0, ctx.Err()
		}
		return out, 0, c.netFailure(err)
	}
	switch st := resp.StatusCode(); {
	case st == http.StatusOK:
		if err := json.Unmarshal(resp.Body(), &out); err != nil {
			return out, 0, offlinef(ReasonBadAnswer, "malformed answer")
		}
		return out, 0, nil
	case st == http.StatusUnauthorized && strings.Contains(string(resp.Body()), string(showroom.EBadCredentials)):
		return out, 0, showroom.Errorf(showroom.EBadCredentials, "customer_id", "")
	case retryableStatus(st):
		return out, 0, offlinef(ReasonPortalFault, "HTTP %d", st)
	default:
		return out, 0, decodeError(st, resp.Body())
	}
}
