package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Config is what the command line chooses.
type Config struct {
	DataDir string
	Demo    bool
	Kiosk   bool
	// KioskIdle is the kiosk's idle timeout in seconds, 30 to 600; 0
	// leaves it to the kiosk.idle_seconds setting, or 90.
	KioskIdle int
}

func parseFlags(args []string, stderr io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("showroom", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	fs.StringVar(&c.DataDir, "data", "", "data folder")
	fs.BoolVar(&c.Demo, "demo", false, "fill a fresh data folder with demo data")
	fs.BoolVar(&c.Kiosk, "kiosk", false, "open the kiosk window")
	fs.IntVar(&c.KioskIdle, "kiosk-idle", 0, "seconds without a touch before the kiosk warns (30-600)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.KioskIdle != 0 && (c.KioskIdle < 30 || c.KioskIdle > 600) {
		fmt.Fprintln(stderr, "showroom: --kiosk-idle is 30 to 600 seconds; the kiosk always forgets a customer who left")
		return c, fmt.Errorf("kiosk idle out of range")
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "showroom: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return c, fmt.Errorf("unexpected argument")
	}
	if c.DataDir == "" {
		dir, err := defaultDataDir(c.Demo)
		if err != nil {
			fmt.Fprintln(stderr, "showroom:", err)
			return c, err
		}
		c.DataDir = dir
	}
	return c, nil
}

// defaultDataDir is the one place that knows where the data folder lives:
// "showroom" under the user's configuration folder, and its "demo"
// subfolder for demo data, so that demo data never mixes with a dealer's.
func defaultDataDir(demo bool) (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data folder: %w (choose one with --data)", err)
	}
	dir := filepath.Join(base, "showroom")
	if demo {
		dir = filepath.Join(dir, "demo")
	}
	return dir, nil
}

// dbPath is the store's file inside the data folder.
func dbPath(dataDir string) string { return filepath.Join(dataDir, "showroom.db") }
