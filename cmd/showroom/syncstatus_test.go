package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	showroom "github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/sync"
	"github.com/myrenault/showroom/ui/staff"
)

func TestSyncProblemOfEveryFailure(t *testing.T) {
	for _, tc := range []struct {
		code, reason showroom.Code
		want         staff.SyncProblem
	}{
		{"", "", staff.SyncOK},
		{sync.CodeOffline, sync.ReasonNoConnection, staff.SyncNoConnection},
		{sync.CodeOffline, sync.ReasonTimeout, staff.SyncTimeout},
		{sync.CodeOffline, sync.ReasonPortalFault, staff.SyncPortalFault},
		{sync.CodeOffline, sync.ReasonBusy, staff.SyncBusy},
		{sync.CodeOffline, sync.ReasonBadAnswer, staff.SyncBadAnswer},
		{sync.CodeOffline, "", staff.SyncUnreachable},
		{showroom.EUnauthorized, "", staff.SyncTokenRefused},
		{"bad_cursor", "", staff.SyncFailed},
	} {
		if got := syncProblem(sync.Status{LastErrorCode: tc.code, LastErrorReason: tc.reason}); got != tc.want {
			t.Errorf("code %q reason %q: %v, want %v", tc.code, tc.reason, got, tc.want)
		}
	}
}

// TestSyncStatusNamesTheLastFailure: the status bar's source carries the
// engine's last failure against the real portal: a token the portal
// refuses, then a portal that is gone.
func TestSyncStatusNamesTheLastFailure(t *testing.T) {
	srv, code := startPortal(t)
	ctx := context.Background()
	d, err := sync.Enroll(ctx, sync.Enrollment{PortalURL: srv.URL, Code: code, Name: "Стойка 1"}, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := localdb.Open(ctx, filepath.Join(t.TempDir(), "showroom.db"), localdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sync.Bind(ctx, db, d); err != nil {
		t.Fatal(err)
	}
	engine := func(d sync.Device) *sync.Engine {
		c, err := sync.NewClient(d, sync.Options{Timeout: 2 * time.Second, Retries: -1})
		if err != nil {
			t.Fatal(err)
		}
		return sync.New(sync.Config{DB: db, Client: c})
	}
	state := func(e *sync.Engine) staff.SyncState {
		t.Helper()
		if _, err := e.Round(ctx); err == nil {
			t.Fatal("the round did not fail")
		}
		st, err := syncStatus{db: db, engine: func() *sync.Engine { return e }}.SyncStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	wrong := d
	wrong.Token += "x"
	if st := state(engine(wrong)); st.LastError != staff.SyncTokenRefused || st.LastErrorCode != "unauthorized" || st.LastErrorAt.IsZero() {
		t.Fatalf("refused token: %+v", st)
	}
	srv.Close()
	if st := state(engine(d)); st.LastError != staff.SyncNoConnection || st.LastErrorCode != "offline" || st.Online {
		t.Fatalf("portal gone: %+v", st)
	}
}
