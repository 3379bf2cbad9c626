package sync

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/myrenault/showroom"
)

// DeviceFile is the name, in the data folder, of the file that holds the
// device's identity and secrets. It is written with mode 0600 and never
// logged.
const DeviceFile = "device.json"

// Device is an enrolled device's identity: the portal it talks to, its ID
// and bearer token, its dealer, and what it signs coupons with (the prefix
// the portal assigned and the Ed25519 key whose public half the portal
// learned at enrolment).
type Device struct {
	PortalURL    string             `json:"portal_url"`
	DeviceID     string             `json:"device_id"`
	Token        string             `json:"token"`
	Dealer       showroom.Dealer    `json:"dealer"`
	Kind         string             `json:"kind"`
	CouponPrefix string             `json:"coupon_prefix"`
	SigningKey   ed25519.PrivateKey `json:"signing_key"`
	// Admin is the dealer's administrator the portal made or found at
	// enrolment, when the Enrollment named one; Bind keeps them in the
	// store, so that they can be given a PIN at once. The device file does
	// not hold them: the feed brings the dealer's staff.
	Admin *showroom.StaffUser `json:"-"`
}

// String names the device without its secrets, for logs and messages.
func (d Device) String() string {
	return fmt.Sprintf("device %s of dealer %s at %s", d.DeviceID, d.Dealer.Code, d.PortalURL)
}

// GoString keeps the secrets out of %#v as well.
func (d Device) GoString() string { return d.String() }

// LogValue keeps the secrets out of structured logs: without it, a JSON
// handler would write the device with encoding/json, token and signing
// key included.
func (d Device) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("device_id", d.DeviceID),
		slog.String("dealer", d.Dealer.Code),
		slog.String("kind", d.Kind),
		slog.String("portal_url", d.PortalURL),
	)
}

// ErrNotEnrolled is returned by LoadDevice when the data folder holds no
// device file: the device has not been enrolled yet.
var ErrNotEnrolled = errors.New("this device is not enrolled with a portal")

// LoadDevice reads the device file of a data folder. It refuses a file that
// others than its owner can read, since it holds the token.
func LoadDevice(dataDir string) (Device, error) {
	path := filepath.Join(dataDir, DeviceFile)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Device{}, ErrNotEnrolled
	}
	if err != nil {
		return Device{}, err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return Device{}, fmt.Errorf("%s can be read by others (mode %v); make it private with chmod 600", path, st.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Device{}, err
	}
	var d Device
	if err := json.Unmarshal(b, &d); err != nil {
		return Device{}, fmt.Errorf("%s is damaged; enrol the device again", path)
	}
	if d.Token == "" || d.PortalURL == "" || (d.SigningKey != nil && len(d.SigningKey) != ed25519.PrivateKeySize) {
		return Device{}, fmt.Errorf("%s is incomplete; enrol the device again", path)
	}
	return d, nil
}

// SaveDevice writes the device file atomically with mode 0600: a crash
// leaves either the old file or the new one.
func SaveDevice(dataDir string, d Device) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dataDir, DeviceFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dataDir, DeviceFile)); err != nil {
		return err
	}
	if dir, err := os.Open(dataDir); err == nil {
		dir.Sync()
		dir.Close()
	}
	return nil
}
