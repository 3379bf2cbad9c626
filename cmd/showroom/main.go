// Command showroom is the dealer-showroom app of the My Renault programme:
// the staff window, the kiosk (--kiosk) and a few CLI subcommands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand or opens a window; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "vin":
			return cmdVIN(args[1:], stdout, stderr)
		case "print":
			return cmdPrint(ctx, args[1:], stdout, stderr)
		case "enroll":
			return cmdEnroll(ctx, args[1:], os.Stdin, stdout, stderr)
		case "sync":
			return cmdSync(ctx, args[1:], stdout, stderr)
		case "staff":
			return cmdStaff(ctx, args[1:], os.Stdin, stdout, stderr)
		case "help", "-h", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return 2
	}
	if err := runApp(ctx, cfg); err != nil {
		fmt.Fprintln(stderr, "showroom:", err)
		return 1
	}
	return 0
}

const usage = `showroom — the My Renault dealer-showroom app

  showroom [--data DIR] [--demo] [--kiosk]   open the staff window (or the kiosk)
  showroom vin VIN                            print a VIN's decode as JSON
  showroom enroll --portal URL --code CODE    enrol this device with the portal
  showroom sync [--data DIR]                  run one sync round and print a summary
  showroom print welcome-pack|coupon …        make and print a customer's document (showroom print help)
  showroom staff list|add|pin …               the staff who sign in on this device (showroom staff help)

Flags:
  --data DIR   data folder (default: showroom under the user's config folder)
  --demo       fill a fresh data folder with demo data (default folder: .../showroom/demo)
  --kiosk      open the full-screen kiosk window for customers
  --kiosk-idle SECONDS
               how long the kiosk waits for a touch before it warns and then
               forgets the customer: 30 to 600 (default 90, or the
               kiosk.idle_seconds setting)
`
