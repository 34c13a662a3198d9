package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
)

// TestProgressLine: nothing for the first two seconds; then, on a terminal,
// one line rewritten in place at most ten times a second and cleared at the
// end; in a log, a plain line every ten seconds.
func TestProgressLine(t *testing.T) {
	clock := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var tty, log strings.Builder
	pt, pl := newProgress(&tty, true, now), newProgress(&log, false, now)
	step := func(d time.Duration, pr build.Progress) {
		clock = clock.Add(d)
		pt.report(pr)
		pl.report(pr)
	}
	step(time.Second, build.Progress{Stage: "load"})
	if tty.Len()+log.Len() != 0 {
		t.Fatalf("a line within the first two seconds: %q %q", tty.String(), log.String())
	}
	step(2*time.Second, build.Progress{Stage: "pages", Done: 128, Total: 1000})
	step(50*time.Millisecond, build.Progress{Stage: "pages", Done: 256, Total: 1000}) // too soon for either
	step(200*time.Millisecond, build.Progress{Stage: "pages", Done: 384, Total: 1000})
	step(10*time.Second, build.Progress{Stage: "search"})
	pt.done()
	if want := "\rbuilding: pages, 128 of 1000 · 3 s\rbuilding: pages, 384 of 1000 · 3 s\rbuilding: search · 13 s" + strings.Repeat(" ", 10); !strings.HasPrefix(tty.String(), want) || !strings.HasSuffix(tty.String(), "\r") {
		t.Errorf("terminal: %q", tty.String())
	}
	if want := "building: pages, 128 of 1000 · 3 s\nbuilding: search · 13 s\n"; log.String() != want {
		t.Errorf("log: %q, want %q", log.String(), want)
	}
}
