package showroom

import (
	"testing"
	"time"
)

func TestWelcomePackLockedFor(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	at := func(minutes ...float64) []time.Time {
		var out []time.Time
		for _, m := range minutes {
			out = append(out, t0.Add(time.Duration(m*float64(time.Minute))))
		}
		return out
	}
	mins := func(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }
	for _, tt := range []struct {
		name  string
		fails []time.Time
		now   float64 // minutes after t0
		want  time.Duration
	}{
		{"no failures", nil, 1, 0},
		{"four failures", at(0, 1, 2, 3), 4, 0},
		{"five in a row", at(0, 1, 2, 3, 4), 5, mins(14)},
		// The lock runs from the fifth failure, not from the first: a
		// sliding window would free this customer ID at minute 15.
		{"spread out, just after the fifth", at(0, 1, 2, 3, 14), 14.5, mins(14.5)},
		{"spread out, after the first leaves the window", at(0, 1, 2, 3, 14), 16, mins(13)},
		{"spread out, a second before the end", at(0, 1, 2, 3, 14), 28 + 59.0/60, time.Second},
		{"spread out, at the end", at(0, 1, 2, 3, 14), 29, 0},
		{"five, but not within 15 minutes", at(0, 1, 2, 3, 15), 16, 0},
		{"five within 15 minutes after an older one", at(0, 16, 17, 18, 19, 20), 21, mins(14)},
		{"a later failure that does not make five", at(0, 1, 2, 3, 4, 19), 20, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := WelcomePackLockedFor(tt.fails, t0.Add(mins(tt.now))); got != tt.want {
				t.Errorf("locked for %v, want %v", got, tt.want)
			}
		})
	}
}
