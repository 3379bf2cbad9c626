package sync

import (
	"context"
	"errors"
	"testing"
)

// TestAnswerOverTheLimitFails: resty reads an answer whole before the
// decoder sees it, so the limit is resty's. A pull page of the real
// portal longer than the client's limit is not read on: the call fails
// at once, without a retry, saying so, and the round keeps the cursor.
// The same page within the limit is read.
func TestAnswerOverTheLimitFails(t *testing.T) {
	p := newTestPortal(t)
	kiosk := p.newDevice(t, p.srv.URL, fastOptions())
	kiosk.register(t, 0, 10)
	kiosk.converge(t)

	l, url := logPortal(t, p)
	o := fastOptions()
	o.MaxAnswer = 4 << 10
	d := p.newDevice(t, url, o)
	ctx := context.Background()
	_, err := d.engine.Round(ctx)
	const want = "portal unreachable: answer too large (over 4 KiB)"
	if !errors.Is(err, ErrAnswerTooLarge) || !errors.Is(err, ErrOffline) || OfflineReason(err) != ReasonBadAnswer ||
		err.Error() != want {
		t.Fatalf("round: %v, want %q", err, want)
	}
	if n := len(l.times("/api/v1/sync/pull")); n != 1 {
		t.Fatalf("%d pulls, want 1: an answer too large is not asked for again", n)
	}
	if cur, err := d.db.Cursor(ctx); err != nil || cur != "" {
		t.Fatalf("cursor %q %v after a page that was not read", cur, err)
	}
	st, err := d.engine.Status(ctx)
	if err != nil || st.LastError != want || st.LastErrorReason != ReasonBadAnswer {
		t.Fatalf("status %+v %v", st, err)
	}

	// The default limit is the decoder's, far above any page.
	if got := kiosk.client.r.ResponseBodyLimit; got != maxPullBody {
		t.Fatalf("default answer limit %d, want %d", got, maxPullBody)
	}
	wide, err := NewClient(d.dev, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	d.engine = New(Config{DB: d.db, Client: wide})
	if s, err := d.engine.Round(ctx); err != nil || s.Pull.Applied == 0 {
		t.Fatalf("round within the limit: %+v %v", s, err)
	}
}
