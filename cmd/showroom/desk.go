package main

import (
	"time"

	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

// desk gives the staff window its print flow and coupon desk. The coupon
// desk asks the portal through the enrolled device's own client; a device
// that is not enrolled checks coupons against its store alone.
func (a *App) desk() (staff.Printing, staff.Coupons) {
	var portal couponPortal
	if dev, err := sync.LoadDevice(a.Config.DataDir); err == nil {
		// One attempt, soon over: a customer waits at the desk.
		c, err := sync.NewClient(dev, sync.Options{Timeout: 6 * time.Second, Retries: -1, Log: a.Log})
		if err == nil {
			portal = c
		} else {
			a.Log.Warn("no portal client for coupon checks", "err", err)
		}
	}
	return deskPrinting{d: newPrintDesk(a.DB, a.Config.DataDir)},
		newCouponDesk(a.DB, a.Config.DataDir, portal, a.Log)
}
