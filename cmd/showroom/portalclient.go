package main

import (
	"context"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
)

// portalClient asks the portal as the device enrolled in a data folder,
// reading the device file at each question: a desk enrolled from its
// settings while the window is open asks the portal at once. Before the
// enrolment every question fails with sync.ErrNotEnrolled, which the
// screens take for a portal that cannot be reached.
type portalClient struct {
	dataDir string
	opts    sync.Options
}

func (p portalClient) client() (*sync.Client, error) {
	d, err := sync.LoadDevice(p.dataDir)
	if err != nil {
		return nil, err
	}
	return sync.NewClient(d, p.opts)
}

// Coupon asks the portal about a coupon (couponPortal).
func (p portalClient) Coupon(ctx context.Context, code string) (api.CouponStatus, error) {
	c, err := p.client()
	if err != nil {
		return api.CouponStatus{}, err
	}
	return c.Coupon(ctx, code)
}

// RegistrationReport asks the portal for the registration goal's report.
func (p portalClient) RegistrationReport(ctx context.Context, q showroom.Quarter, by string) (api.RegistrationReport, error) {
	c, err := p.client()
	if err != nil {
		return api.RegistrationReport{}, err
	}
	return c.RegistrationReport(ctx, q, by)
}
