package site

import (
	"sync"
	"time"
)

// Horizon records every comparison a build makes with its date (a page
// scheduled for later, an expiry, a webinar's end, an opportunity's closing
// day) and so knows the span of dates in which each of them would give the
// same answer: a later build of the same sources whose date falls in that
// span writes the same files. Every comparison with the build date goes
// through After; a nil Horizon compares without recording.
type Horizon struct {
	mu sync.Mutex
	// from and until bound the span: from <= date < until; zero: unbounded.
	from, until time.Time
}

// After reports whether t is after the build date now, and narrows the
// span to the dates at which that stays so.
func (h *Horizon) After(t, now time.Time) bool {
	after := t.After(now)
	if h == nil {
		return after
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if after {
		if h.until.IsZero() || t.Before(h.until) {
			h.until = t
		}
	} else if t.After(h.from) {
		h.from = t
	}
	return after
}

// Day returns the build date's day (midnight UTC), for stamps that show
// the day, and narrows the span to that day.
func (h *Horizon) Day(now time.Time) time.Time {
	day := now.UTC().Truncate(24 * time.Hour)
	h.After(day, now)
	h.After(day.Add(24*time.Hour), now)
	return day
}

// Span returns the dates between which the build's output stays the same:
// from <= date < until, a zero time meaning unbounded.
func (h *Horizon) Span() (from, until time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.from, h.until
}
