package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

const enrollUsage = `showroom enroll --portal URL --code CODE [--admin NAME] [--name NAME] [--kind desk|kiosk] [--data DIR]

Enrols this device with the portal: trades the one-time code (made on the
portal with "portal enroll-code") for the device's identity, which is kept
in the data folder, readable by its owner only. The portal's address must
be https://, except on this machine.

With --admin, the administrator enrolling the device becomes the dealer's
administrator, and their PIN for this device (6 to 12 digits) is read from
standard input: it is never given on the command line. The staff window's
settings enrol a device the same way.
`

// cmdEnroll is "showroom enroll".
func cmdEnroll(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("enroll", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, enrollUsage) }
	portalURL := fs.String("portal", "", "portal address")
	code := fs.String("code", "", "one-time enrolment code")
	admin := fs.String("admin", "", "the name of the administrator enrolling the device")
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
	pin := ""
	if strings.TrimSpace(*admin) != "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintln(stderr, "showroom enroll:", err)
			return 1
		}
		pin = strings.TrimSpace(line)
		if !validPIN(pin) {
			fmt.Fprintln(stderr, "showroom enroll: the administrator's PIN (on standard input) must be 6 to 12 digits")
			return 2
		}
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
		*name = hostName()
	}
	if err := os.MkdirAll(*dataDir, 0o700); err != nil {
		fmt.Fprintln(stderr, "showroom enroll:", err)
		return 1
	}
	db, err := localdb.Open(ctx, dbPath(*dataDir), localdb.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "showroom enroll:", err)
		return 1
	}
	defer db.Close()
	d, err := enroll(ctx, db, *dataDir, sync.Enrollment{PortalURL: *portalURL, Code: *code, Name: *name, Kind: *kind, Admin: *admin}, pin, sync.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "showroom enroll:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Enrolled: device %s of dealer %s %s at %s\n", d.DeviceID, d.Dealer.Code, d.Dealer.Name, d.PortalURL)
	if d.Admin != nil {
		fmt.Fprintf(stdout, "Administrator: %s (%s), PIN set on this device\n", d.Admin.Name, d.Admin.ID)
	}
	return 0
}

// hostName is the device's name the portal's admin sees when none is given.
func hostName() string {
	if n, _ := os.Hostname(); n != "" {
		return n
	}
	return "Showroom"
}

// validPIN says whether pin is a staff PIN the store takes.
func validPIN(pin string) bool {
	return len(pin) >= localdb.MinPINLen && len(pin) <= localdb.MaxPINLen && strings.Trim(pin, "0123456789") == ""
}

// enroll enrols the device of a data folder, records it in the folder's
// store db and gives the administrator the enrolment made, if any, the PIN
// adminPIN. It refuses a folder whose device is already enrolled: a second
// identity would orphan what the first pushed. Errors: staff.ErrEnrolled,
// and those of enrollError.
func enroll(ctx context.Context, db *localdb.DB, dataDir string, e sync.Enrollment, adminPIN string, o sync.Options) (sync.Device, error) {
	if _, err := sync.LoadDevice(dataDir); !errors.Is(err, sync.ErrNotEnrolled) {
		if err == nil {
			return sync.Device{}, staff.ErrEnrolled
		}
		return sync.Device{}, err
	}
	if _, err := sync.CheckPortalURL(e.PortalURL); err != nil {
		return sync.Device{}, fmt.Errorf("%w: %v", staff.ErrPortalInsecure, err)
	}
	if strings.TrimSpace(e.Admin) != "" {
		// The portal checks the name too; here it is refused in words
		// of the domain before the one-time code is spent.
		n, err := showroom.NormalizeName("admin", e.Admin)
		if err != nil {
			return sync.Device{}, err
		}
		e.Admin = n
	}
	d, err := sync.Enroll(ctx, e, o)
	if err != nil {
		return sync.Device{}, enrollError(err)
	}
	if err := sync.SaveDevice(dataDir, d); err != nil {
		return sync.Device{}, err
	}
	if err := sync.Bind(ctx, db, d); err != nil {
		return d, err
	}
	if d.Admin != nil && adminPIN != "" {
		if err := db.SetStaffPIN(ctx, d.Admin.ID, adminPIN); err != nil {
			return d, err
		}
	}
	return d, nil
}

// enrollError says what to do about a failed enrolment; the errors it
// returns wrap staff.ErrEnrollCode and staff.ErrPortalUnreachable, which
// the settings screen explains.
func enrollError(err error) error {
	var ae *sync.APIError
	switch {
	case errors.As(err, &ae) && ae.Code == api.CodeBadEnrollmentCode:
		return fmt.Errorf("%w: it is wrong, used or expired; ask for a new one", staff.ErrEnrollCode)
	case errors.Is(err, sync.ErrOffline):
		return fmt.Errorf("%w (%v); check the address and the network", staff.ErrPortalUnreachable, err)
	}
	return err
}
