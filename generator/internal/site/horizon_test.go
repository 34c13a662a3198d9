package site

import (
	"testing"
	"time"
)

// The span narrows to the dates at which every comparison made gives the
// same answer; the day narrows it to the build's day.
func TestHorizonSpan(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var h Horizon
	if from, until := h.Span(); !from.IsZero() || !until.IsZero() {
		t.Fatalf("an empty horizon is bounded: %v %v", from, until)
	}
	past, soon, later := now.Add(-48*time.Hour), now.Add(6*time.Hour), now.Add(72*time.Hour)
	if h.After(past, now) || !h.After(later, now) || !h.After(soon, now) || h.After(now, now) {
		t.Fatal("After does not compare as time.After does")
	}
	from, until := h.Span()
	if !from.Equal(now) || !until.Equal(soon) {
		t.Errorf("span %v – %v, want %v – %v", from, until, now, soon)
	}
	var d Horizon
	day := d.Day(now.Add(-3 * time.Hour))
	from, until = d.Span()
	if want := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC); !day.Equal(want) || !from.Equal(want) || !until.Equal(want.Add(24*time.Hour)) {
		t.Errorf("day %v, span %v – %v", day, from, until)
	}
	var none *Horizon
	if !none.After(later, now) {
		t.Error("a nil horizon does not compare")
	}
}
