package main

import (
	"context"
	"errors"
	"strconv"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/kiosk"
	"github.com/myrenault/showroom/ui/staff"
)

// deskSettings is the staff window's settings screen on the app: the
// device file, the store, CUPS, and the sync engine an enrolment starts.
type deskSettings struct {
	a       *App
	printer deskPrinting
}

var _ staff.Settings = deskSettings{}

// printerNone is the printer setting of a desk that only saves PDFs: no
// CUPS queue is named with a '#'.
const printerNone = "#none"

func (s deskSettings) Device(ctx context.Context) (staff.DeviceInfo, error) {
	d, err := sync.LoadDevice(s.a.Config.DataDir)
	if errors.Is(err, sync.ErrNotEnrolled) {
		return staff.DeviceInfo{Name: hostName()}, nil
	}
	if err != nil {
		return staff.DeviceInfo{}, err
	}
	return staff.DeviceInfo{Enrolled: true, PortalURL: d.PortalURL, DeviceID: d.DeviceID, Kind: d.Kind,
		DealerCode: d.Dealer.Code, DealerName: d.Dealer.Name, Name: hostName()}, nil
}

// Enroll enrols the device as "showroom enroll --admin" does, then starts
// its sync.
func (s deskSettings) Enroll(ctx context.Context, f staff.EnrollForm) (staff.DeviceInfo, staff.Member, error) {
	d, err := enroll(ctx, s.a.DB, s.a.Config.DataDir, sync.Enrollment{PortalURL: f.PortalURL, Code: f.Code,
		Name: f.Name, Kind: f.Kind, Admin: f.AdminName}, f.AdminPIN, sync.Options{})
	if err != nil {
		return staff.DeviceInfo{}, staff.Member{}, err
	}
	if err := s.a.startEngine(d); err != nil {
		// The device is enrolled; the sync starts with the next start.
		s.a.Log.Error("sync not started after the enrolment", "err", err)
	}
	info, err := s.Device(ctx)
	var admin staff.Member
	if d.Admin != nil {
		admin = staff.Member{ID: d.Admin.ID, Name: d.Admin.Name, Role: d.Admin.Role}
	}
	return info, admin, err
}

// Printers lists the queues and the desk's printer: the one chosen, or
// the only queue when none was, as the print flow preselects it.
func (s deskSettings) Printers(ctx context.Context) ([]string, string, error) {
	queues, chosen, err := s.printer.Printers(ctx)
	switch {
	case chosen == printerNone:
		chosen = ""
	case chosen == "" && len(queues) == 1:
		chosen = queues[0]
	}
	return queues, chosen, err
}

func (s deskSettings) SetPrinter(ctx context.Context, queue string) error {
	if queue == "" {
		queue = printerNone
	}
	return s.a.DB.SetSetting(ctx, localdb.SettingPrinter, queue)
}

func (s deskSettings) Staff(ctx context.Context) ([]staff.StaffRow, error) {
	ms, err := deskSignIn{db: s.a.DB}.Members(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]staff.StaffRow, len(ms))
	for i, m := range ms {
		u, err := s.a.DB.StaffUser(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		out[i] = staff.StaffRow{Member: m, HasPIN: u.PINHash != ""}
	}
	return out, nil
}

func (s deskSettings) AddStaff(ctx context.Context, name string, role showroom.Role) (staff.StaffRow, error) {
	u, err := addLocalStaff(ctx, s.a.DB, name, role)
	if err != nil {
		return staff.StaffRow{}, err
	}
	return staff.StaffRow{Member: staff.Member{ID: u.ID, Name: u.Name, Role: u.Role}}, nil
}

func (s deskSettings) SetPIN(ctx context.Context, id, pin string) error {
	return s.a.DB.SetStaffPIN(ctx, id, pin)
}

func (s deskSettings) KioskIdle(ctx context.Context) (staff.IdleTimeout, error) {
	t := staff.IdleTimeout{Now: kiosk.DefaultIdle, Min: kiosk.MinIdle, Max: kiosk.MaxIdle}
	v, err := s.a.DB.Setting(ctx, settingKioskIdle)
	switch {
	case showroom.ErrorCode(err) == showroom.ENotFound:
		return t, nil
	case err != nil:
		return t, err
	}
	if n, err := strconv.Atoi(v); err == nil {
		t.Now = kiosk.ClampIdle(time.Duration(max(n, 1)) * time.Second)
	}
	return t, nil
}

func (s deskSettings) SetKioskIdle(ctx context.Context, d time.Duration) error {
	if d < kiosk.MinIdle || d > kiosk.MaxIdle {
		return showroom.Errorf(showroom.EInvalid, "kiosk_idle", "invalid")
	}
	return s.a.DB.SetSetting(ctx, settingKioskIdle, strconv.Itoa(int(d.Seconds())))
}
