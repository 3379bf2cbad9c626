package main

import (
	"time"

	"github.com/myrenault/showroom/sync"
)

// desk gives the staff window its print flow and coupon desk. The coupon
// desk asks the portal through the enrolled device's own client; a device
// that is not enrolled checks coupons against its store alone.
func (a *App) desk() (deskPrinting, *couponDesk) {
	// One attempt, soon over: a customer waits at the desk.
	portal := portalClient{dataDir: a.Config.DataDir, opts: sync.Options{Timeout: 6 * time.Second, Retries: -1, Log: a.Log}}
	return deskPrinting{d: newPrintDesk(a.DB, a.Config.DataDir)},
		newCouponDesk(a.DB, a.Config.DataDir, portal, a.Log)
}
