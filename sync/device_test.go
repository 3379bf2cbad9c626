package sync

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/myrenault/showroom"
)

func TestDeviceFileRoundTripIsPrivate(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadDevice(dir); !errors.Is(err, ErrNotEnrolled) {
		t.Fatalf("empty folder: %v, want ErrNotEnrolled", err)
	}
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	d := Device{PortalURL: "http://127.0.0.1:8080", DeviceID: "d1", Token: "secret-token",
		Dealer: showroom.Dealer{Code: "006122"}, Kind: "desk", CouponPrefix: "K7QM", SigningKey: key}
	if err := SaveDevice(dir, d); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, DeviceFile))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	got, err := LoadDevice(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Token != d.Token || !got.SigningKey.Equal(key) || got.CouponPrefix != "K7QM" || got.Dealer.Code != "006122" {
		t.Fatalf("read back %+v", got)
	}
	for _, s := range []string{fmt.Sprint(got), fmt.Sprintf("%v %+v %#v", got, got, got)} {
		if strings.Contains(s, "secret-token") {
			t.Fatalf("formatted device shows its token: %s", s)
		}
	}
	if err := os.Chmod(filepath.Join(dir, DeviceFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDevice(dir); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("readable by others: %v", err)
	}
}
