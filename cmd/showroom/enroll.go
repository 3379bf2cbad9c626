package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
)

const enrollUsage = `showroom enroll --portal URL --code CODE [--name NAME] [--kind desk|kiosk] [--data DIR]

Enrols this device with the portal: trades the one-time code (made on the
portal with "portal enroll-code") for the device's identity, which is kept
in the data folder, readable by its owner only. The portal's address must
be https://, except on this machine.
`

// cmdEnroll is "showroom enroll".
func cmdEnroll(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("enroll", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, enrollUsage) }
	portalURL := fs.String("portal", "", "portal address")
	code := fs.String("code", "", "one-time enrolment code")
	name := fs.String("name", "", "name of this device for the portal's admin")
	kind := fs.String("kind", api.KindDesk, "desk or kiosk")
	dataDir := fs.String("data", "", "data folder")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *portalURL == "" || *code == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if *dataDir == "" {
		dir, err := defaultDataDir(false)
		if err != nil {
			fmt.Fprintln(stderr, "showroom enroll:", err)
			return 1
		}
		*dataDir = dir
	}
	if *name == "" {
		*name, _ = os.Hostname()
		if *name == "" {
			*name = "Showroom"
		}
	}
	d, err := enroll(ctx, *dataDir, sync.Enrollment{PortalURL: *portalURL, Code: *code, Name: *name, Kind: *kind}, sync.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "showroom enroll:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Enrolled: device %s of dealer %s %s at %s\n", d.DeviceID, d.Dealer.Code, d.Dealer.Name, d.PortalURL)
	return 0
}

// enroll enrols the device of a data folder and records it in the folder's
// store. It refuses a folder whose device is already enrolled: a second
// identity would orphan what the first pushed.
func enroll(ctx context.Context, dataDir string, e sync.Enrollment, o sync.Options) (sync.Device, error) {
	if _, err := sync.LoadDevice(dataDir); !errors.Is(err, sync.ErrNotEnrolled) {
		if err == nil {
			return sync.Device{}, fmt.Errorf("this data folder's device is already enrolled; use another --data folder")
		}
		return sync.Device{}, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return sync.Device{}, err
	}
	d, err := sync.Enroll(ctx, e, o)
	if err != nil {
		return sync.Device{}, enrollError(err)
	}
	if err := sync.SaveDevice(dataDir, d); err != nil {
		return sync.Device{}, err
	}
	db, err := localdb.Open(ctx, dbPath(dataDir), localdb.Options{})
	if err != nil {
		return sync.Device{}, err
	}
	defer db.Close()
	return d, sync.Bind(ctx, db, d)
}

// enrollError says what to do about a failed enrolment.
func enrollError(err error) error {
	var ae *sync.APIError
	switch {
	case errors.As(err, &ae) && ae.Code == api.CodeBadEnrollmentCode:
		return fmt.Errorf("the portal refused the code: it is wrong, used or expired; ask for a new one")
	case errors.Is(err, sync.ErrOffline):
		return fmt.Errorf("the portal could not be reached (%v); check the address and the network", err)
	}
	return err
}
