package sync

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
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

// TestDeviceLogValueHidesSecrets logs a device through slog's JSON and
// text handlers, as a value, a pointer and inside a group: the device is
// named, its token and signing key never written.
func TestDeviceLogValueHidesSecrets(t *testing.T) {
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	d := Device{PortalURL: "http://127.0.0.1:8080", DeviceID: "d1", Token: "secret-token",
		Dealer: showroom.Dealer{Code: "006122", Name: "Автомир-Екатеринбург"}, Kind: "kiosk", CouponPrefix: "K7QM", SigningKey: key}
	secrets := []string{d.Token, base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(key.Seed()),
		hex.EncodeToString(key.Seed())}

	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("enrolled", "device", d)
	log.Info("enrolled", "device", &d)
	log.Info("enrolled", slog.Group("sync", "device", d))
	log.With("device", d).Info("round")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines logged:\n%s", len(lines), buf.String())
	}
	for i, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i, err, line)
		}
		dev, _ := rec["device"].(map[string]any)
		if g, ok := rec["sync"].(map[string]any); ok {
			dev, _ = g["device"].(map[string]any)
		}
		want := map[string]any{"device_id": "d1", "dealer": "006122", "kind": "kiosk", "portal_url": "http://127.0.0.1:8080"}
		if !maps.Equal(dev, want) {
			t.Fatalf("line %d logs the device as %v, want %v", i, dev, want)
		}
	}

	var text bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("enrolled", "device", d)
	for _, out := range []string{buf.String(), text.String()} {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Fatalf("the log shows a secret of the device:\n%s", out)
			}
		}
	}
	if !strings.Contains(text.String(), "device.device_id=d1") {
		t.Fatalf("text log: %s", text.String())
	}
}
