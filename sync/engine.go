package sync

import (
	"context"
	"errors"
	"log/slog"
	stdsync "sync"
	"time"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/localdb"
	"github.com/myrenault/showroom/portal/api"
)

// Config configures an Engine.
type Config struct {
	DB     *localdb.DB
	Client *Client
	// Log receives counts and codes only; discarded when nil.
	Log *slog.Logger
	// Interval is the time between rounds when nothing happens; 30 s when
	// zero.
	Interval time.Duration
	// Probe is the first wait after a failed round before the portal is
	// asked again (probed first when it could not be reached); it doubles
	// with every further failure in a row, up to Interval. 1 s when zero.
	Probe time.Duration
	// Watch is how often the runner looks for changes no push has tried
	// (two small counts on the read pool); 250 ms when zero, so that a
	// registration leaves at once. Kick makes it look now.
	Watch time.Duration
	// Batch is the push batch size, at most api.MaxBatch (the default).
	Batch int
	// PullLimit is the pull page size; api.DefaultPullLimit when zero.
	PullLimit int
	// OnStatus, when set, is called (on the engine's goroutine) after
	// every round and whenever the outbox length changes.
	OnStatus func(Status)
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Engine keeps a local store and the portal in step: it pushes the outbox
// and pulls the change feed, in rounds. It is safe for concurrent use;
// rounds never overlap.
type Engine struct {
	db        *localdb.DB
	client    *Client
	log       *slog.Logger
	interval  time.Duration
	probe     time.Duration
	watch     time.Duration
	batch     int
	pullLimit int
	onStatus  func(Status)
	now       func() time.Time

	round stdsync.Mutex // one round at a time
	kick  chan struct{}

	mu syncState
}

// syncState is the status the engine keeps in memory beside what the
// store says.
type syncState struct {
	stdsync.Mutex
	known     bool
	online    bool
	lastSync  time.Time
	lastError string
	lastCode  showroom.Code
	reason    showroom.Code
	errorAt   time.Time
}

// Settings keys of the sync status, so that the last successful sync
// survives a restart.
const settingLastSync = "sync.last_ok"

// New makes an engine; Run starts its background rounds.
func New(c Config) *Engine {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Interval <= 0 {
		c.Interval = 30 * time.Second
	}
	if c.Probe <= 0 {
		c.Probe = time.Second
	}
	if c.Watch <= 0 {
		c.Watch = 250 * time.Millisecond
	}
	if c.Batch <= 0 || c.Batch > api.MaxBatch {
		c.Batch = api.MaxBatch
	}
	if c.PullLimit <= 0 {
		c.PullLimit = api.DefaultPullLimit
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Engine{db: c.DB, client: c.Client, log: c.Log, interval: c.Interval, probe: c.Probe,
		watch: c.Watch, batch: c.Batch, pullLimit: c.PullLimit, onStatus: c.OnStatus, now: c.Now,
		kick: make(chan struct{}, 1)}
}

// Summary is what one round did.
type Summary struct {
	Push PushStats
	Pull PullStats
	// Outbox and Attention are what is left after the round.
	Outbox    int
	Attention int
}

// Round pushes the outbox, then pulls the change feed to its end. The
// error wraps ErrOffline when the portal could not be reached; the summary
// holds what was done before it.
func (e *Engine) Round(ctx context.Context) (Summary, error) {
	e.round.Lock()
	defer e.round.Unlock()
	var s Summary
	var err error
	s.Push, err = e.push(ctx)
	if err == nil {
		s.Pull, err = e.pull(ctx, &s.Push)
	}
	if n, lerr := e.db.OutboxLen(ctx); lerr == nil {
		s.Outbox = n
	}
	if n, lerr := e.db.AttentionLen(ctx); lerr == nil {
		s.Attention = n
	}
	e.record(ctx, err)
	if err != nil && ctx.Err() == nil {
		e.log.Warn("sync round failed", "code", errorCode(err), "applied", s.Push.Applied,
			"duplicate", s.Push.Duplicate, "rejected", s.Push.Rejected, "outbox", s.Outbox)
	} else if s.Push != (PushStats{}) || s.Pull.Applied+s.Pull.Skipped+s.Pull.Deferred+s.Pull.Recovered > 0 {
		e.log.Info("sync round", "applied", s.Push.Applied, "duplicate", s.Push.Duplicate,
			"rejected", s.Push.Rejected, "failed", s.Push.Failed, "pulled", s.Pull.Applied,
			"skipped", s.Pull.Skipped, "deferred", s.Pull.Deferred, "recovered", s.Pull.Recovered,
			"outbox", s.Outbox, "attention", s.Attention)
	}
	return s, err
}

// record notes a round's end in the status.
func (e *Engine) record(ctx context.Context, err error) {
	now := e.now().UTC()
	e.mu.Lock()
	e.mu.known = true
	switch {
	case err == nil:
		e.mu.online, e.mu.lastSync = true, now
	case ctx.Err() != nil:
		// Stopping is not a failure.
	default:
		e.mu.online = !errors.Is(err, ErrOffline)
		e.mu.lastError, e.mu.lastCode, e.mu.errorAt = errorText(err), errorCode(err), now
		e.mu.reason = OfflineReason(err)
	}
	e.mu.Unlock()
	if err == nil {
		if werr := e.db.SetSetting(ctx, settingLastSync, now.Format(time.RFC3339Nano)); werr != nil && ctx.Err() == nil {
			e.log.Warn("sync status not saved", "err", werr)
		}
	}
}

// errorCode is the stable code of a sync error: "offline" when the portal
// could not be reached, the portal's code otherwise.
func errorCode(err error) showroom.Code {
	var ae *APIError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrOffline):
		return CodeOffline
	case errors.As(err, &ae) && ae.Code != "":
		return ae.Code
	}
	return showroom.ErrorCode(err)
}

// CodeOffline is the status code of a portal that cannot be reached.
const CodeOffline showroom.Code = "offline"

// errorText is the error's text, which never carries personal data or the
// token: the client's errors name reasons and codes only.
func errorText(err error) string { return err.Error() }

// Kick asks the runner for a round now, e.g. after a registration.
func (e *Engine) Kick() {
	select {
	case e.kick <- struct{}{}:
	default:
	}
}

// Run runs rounds until ctx is done: at once, whenever the outbox holds a
// change no push has tried yet (made since the last round, or during it)
// or Kick is called, and every Interval. After a failed round the next
// waits: Probe after the first, twice as long after every further round
// that fails in a row, up to Interval, so that a portal that keeps
// refusing the device (a revoked token) or failing is not asked again
// every second. When the portal could not be reached, it is probed
// (GET /healthz) at those waits, still doubling up to Interval, and the
// round follows as soon as it answers. A Kick starts a round at once,
// except while the portal's Retry-After holds.
func (e *Engine) Run(ctx context.Context) {
	lastLen := -1
	fails := 0 // rounds failed in a row
	watch := time.NewTicker(e.watch)
	defer watch.Stop()
	for ctx.Err() == nil {
		_, err := e.Round(ctx)
		e.notify(ctx)
		if n, lerr := e.db.OutboxLen(ctx); lerr == nil {
			lastLen = n
		}
		failed := err != nil && ctx.Err() == nil
		if !failed {
			fails = 0
			if e.fresh(ctx) {
				continue
			}
		} else {
			fails++
		}
		wait := e.backoff(fails)
		// Only an unreachable portal is probed: one that answered and
		// refused would answer /healthz too, and the round would follow at
		// once.
		unreachable := failed && errors.Is(err, ErrOffline)
		timer := time.NewTimer(e.interval)
		var later *RetryLaterError
		hold := errors.As(err, &later)
		switch {
		case hold:
			// The portal said when: no probe and no round before then.
			timer.Reset(later.Wait)
		case failed:
			timer.Reset(wait)
		}
	idle:
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-e.kick:
				if !hold {
					break idle
				}
			case <-watch.C:
				if n, lerr := e.db.OutboxLen(ctx); lerr == nil && n != lastLen {
					lastLen = n
					e.notify(ctx)
				}
				if !failed && !hold && e.fresh(ctx) {
					break idle
				}
			case <-timer.C:
				if !unreachable || hold {
					break idle
				}
				// Ask the portal whether it is back; a round follows at once
				// when it is.
				if e.client.Health(ctx) == nil {
					break idle
				}
				wait = min(wait*2, e.interval)
				timer.Reset(wait)
			}
		}
		timer.Stop()
	}
}

// backoff is the wait after the fails-th failed round in a row: Probe,
// doubled for each further one, at most Interval.
func (e *Engine) backoff(fails int) time.Duration {
	d := e.probe
	for i := 1; i < fails && d < e.interval; i++ {
		d *= 2
	}
	return min(d, e.interval)
}

// fresh says whether the outbox holds a change no push has tried yet.
func (e *Engine) fresh(ctx context.Context) bool {
	n, err := e.db.FreshMutations(ctx)
	return err == nil && n > 0
}

func (e *Engine) notify(ctx context.Context) {
	if e.onStatus == nil || ctx.Err() != nil {
		return
	}
	st, err := e.Status(ctx)
	if err == nil {
		e.onStatus(st)
	}
}

// Status is what the UI shows of the sync: whether the portal answered
// the last round, how many changes wait, when the last successful round
// ended, the last error, and the mutations the portal rejected that need
// staff attention.
type Status struct {
	// Known is false until the first round has ended.
	Known  bool
	Online bool
	Outbox int
	// LastSync is the end of the last successful round (kept across
	// restarts); zero before the first.
	LastSync time.Time
	// LastError and LastErrorCode describe the last failed round; they stay
	// after a later success so that staff can see what happened, with
	// LastErrorAt telling when.
	LastError     string
	LastErrorCode showroom.Code
	LastErrorAt   time.Time
	// LastErrorReason says, when LastErrorCode is CodeOffline, what failed
	// (ReasonTimeout, ReasonNoConnection…); "" otherwise.
	LastErrorReason showroom.Code
	// Attention is the number of rejected mutations; AttentionItems lists
	// up to the first 50 of them.
	Attention      int
	AttentionItems []localdb.Attention
	// Deferred counts the portal's changes kept until a refused
	// registration here is resolved (see PullStats.Deferred).
	Deferred int
}

// Status returns the current status, reading the outbox and the attention
// list from the store.
func (e *Engine) Status(ctx context.Context) (Status, error) {
	e.mu.Lock()
	st := Status{Known: e.mu.known, Online: e.mu.online, LastSync: e.mu.lastSync,
		LastError: e.mu.lastError, LastErrorCode: e.mu.lastCode, LastErrorAt: e.mu.errorAt, LastErrorReason: e.mu.reason}
	e.mu.Unlock()
	var err error
	if st.Outbox, err = e.db.OutboxLen(ctx); err != nil {
		return st, err
	}
	if st.Attention, err = e.db.AttentionLen(ctx); err != nil {
		return st, err
	}
	if st.Deferred, err = e.db.DeferredLen(ctx); err != nil {
		return st, err
	}
	if st.Attention > 0 {
		if st.AttentionItems, err = e.db.AttentionItems(ctx, 50); err != nil {
			return st, err
		}
	}
	if st.LastSync.IsZero() {
		if v, serr := e.db.Setting(ctx, settingLastSync); serr == nil {
			st.LastSync, _ = time.Parse(time.RFC3339Nano, v)
		}
	}
	return st, nil
}
