package showroom

import "time"

// The Welcome Pack lock-out, which the portal and a kiosk checking its
// cached customers offline both keep: WelcomePackMaxFailures wrong logins of
// one customer ID within WelcomePackWindow lock that customer ID for
// WelcomePackLockout from the last of them.
const (
	WelcomePackMaxFailures = 5
	WelcomePackWindow      = 15 * time.Minute
	WelcomePackLockout     = 15 * time.Minute
)

// WelcomePackFailureHorizon is how far back failed logins matter to
// WelcomePackLockedFor: a lock-out that still holds began within the last
// WelcomePackLockout, and the failures that caused it lie within
// WelcomePackWindow before that.
const WelcomePackFailureHorizon = WelcomePackLockout + WelcomePackWindow

// WelcomePackLockedFor returns how long a customer ID stays locked at now,
// given the times of its failed logins since now-WelcomePackFailureHorizon,
// oldest first; 0 when it is not locked.
//
// A store records a failure only while the customer ID is not locked, so
// each failure that is the WelcomePackMaxFailures-th within WelcomePackWindow
// started a lock-out, and the latest of them is the one that may still
// hold. Unlike a sliding window, the lock does not end early when the first
// failures were long before the last: failures at 0, 1, 2, 3 and 14 minutes
// lock until minute 29, not minute 15.
func WelcomePackLockedFor(fails []time.Time, now time.Time) time.Duration {
	for i := len(fails) - 1; i >= WelcomePackMaxFailures-1; i-- {
		last := fails[i]
		if !now.Before(last.Add(WelcomePackLockout)) {
			break // this lock-out, and every earlier one, is over
		}
		if last.Sub(fails[i-WelcomePackMaxFailures+1]) < WelcomePackWindow {
			return last.Add(WelcomePackLockout).Sub(now)
		}
	}
	return 0
}
