package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/sync"
)

const syncUsage = `showroom sync [--data DIR]

Runs one sync round with the portal: pushes the changes waiting here, pulls
the portal's changes, prints a summary. Exits 1 when the portal could not be
reached or refused the device.
`

// cmdSync is "showroom sync".
func cmdSync(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, syncUsage) }
	dataDir := fs.String("data", "", "data folder")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if *dataDir == "" {
		dir, err := defaultDataDir(false)
		if err != nil {
			fmt.Fprintln(stderr, "showroom sync:", err)
			return 1
		}
		*dataDir = dir
	}
	d, err := sync.LoadDevice(*dataDir)
	if errors.Is(err, sync.ErrNotEnrolled) {
		fmt.Fprintln(stderr, "showroom sync: this device is not enrolled; run showroom enroll first")
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "showroom sync:", err)
		return 1
	}
	db, err := localdb.Open(ctx, dbPath(*dataDir), localdb.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "showroom sync:", err)
		return 1
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	c, err := sync.NewClient(d, sync.Options{Log: log})
	if err != nil {
		fmt.Fprintln(stderr, "showroom sync:", err)
		return 1
	}
	s, err := sync.New(sync.Config{DB: db, Client: c, Log: log}).Round(ctx)
	fmt.Fprintf(stdout, "pushed: %d applied, %d already on the portal, %d rejected, %d kept for later\n",
		s.Push.Applied, s.Push.Duplicate, s.Push.Rejected, s.Push.Failed)
	fmt.Fprintf(stdout, "pulled: %d changes in %d pages (%d not kept here)\n", s.Pull.Applied, s.Pull.Pages, s.Pull.Skipped)
	fmt.Fprintf(stdout, "waiting: %d in the outbox, %d needing attention\n", s.Outbox, s.Attention)
	if items, aerr := db.AttentionItems(ctx, 20); aerr == nil {
		for _, it := range items {
			fmt.Fprintf(stdout, "  needs attention: %s of %s refused with %s: %s\n",
				it.Type, it.At.Local().Format("2006-01-02 15:04"), it.Code, it.Message)
		}
	}
	if err != nil {
		if errors.Is(err, sync.ErrOffline) {
			fmt.Fprintf(stderr, "showroom sync: the portal could not be reached (%v); changes stay saved here\n", err)
		} else {
			fmt.Fprintln(stderr, "showroom sync:", err)
		}
		return 1
	}
	return 0
}
