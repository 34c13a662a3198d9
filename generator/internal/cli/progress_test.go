package cli

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
)

// TestProgressLine: nothing for the first two seconds; then, on a terminal,
// one line rewritten in place at most ten times a second and cleared at the
// end; in a log, a plain line every ten seconds.
func TestProgressLine(t *testing.T) {
	clock := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var tty, log strings.Builder
	pt, pl := newProgress(&tty, true, nil, now), newProgress(&log, false, nil, now)
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
	if want := "\rwriting the pages: 128 of 1000 · 3 s\rwriting the pages: 384 of 1000 · 3 s\rbuilding the search index · 13 s" + strings.Repeat(" ", 4); !strings.HasPrefix(tty.String(), want) || !strings.HasSuffix(tty.String(), "\r") {
		t.Errorf("terminal: %q", tty.String())
	}
	if want := "writing the pages: 128 of 1000 · 3 s\nbuilding the search index · 13 s\n"; log.String() != want {
		t.Errorf("log: %q, want %q", log.String(), want)
	}
}

// TestProgressLineInTheAuthorsWords: the line is said in the author's
// language, and it is padded and cleared by the columns it takes, not its
// bytes (a Cyrillic letter is two bytes and one column: clearing by bytes
// wrote twice the spaces, which wraps on a narrow terminal).
func TestProgressLineInTheAuthorsWords(t *testing.T) {
	bg := map[string]string{
		"%s: %d of %d · %d s":       "%s: %d от %d · %d с",
		"%s · %d s":                 "%s · %d с",
		"writing the pages":         "записване на страниците",
		"building the search index": "изграждане на индекса за търсене",
	}
	say := diag.Phrases(func(english string, _ int) (string, bool) { s, ok := bg[english]; return s, ok })
	clock := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var tty strings.Builder
	p := newProgress(&tty, true, say, func() time.Time { return clock })
	clock = clock.Add(3 * time.Second)
	p.report(build.Progress{Stage: "search"})
	clock = clock.Add(time.Second)
	p.report(build.Progress{Stage: "pages", Done: 5, Total: 9})
	p.done()
	first, second := "изграждане на индекса за търсене · 3 с", "записване на страниците: 5 от 9 · 4 с"
	pad := strings.Repeat(" ", utf8.RuneCountInString(first)-utf8.RuneCountInString(second))
	want := "\r" + first + "\r" + second + pad + "\r" + strings.Repeat(" ", utf8.RuneCountInString(second)) + "\r"
	if tty.String() != want {
		t.Errorf("terminal:\n%q\nwant\n%q", tty.String(), want)
	}
}

// TestEveryStageSaysWhatItDoes: each stage a build reports progress for
// has words of its own (see stageWords), not the build's name for it.
func TestEveryStageSaysWhatItDoes(t *testing.T) {
	src := writeSite(t, map[string]string{
		"config.toml":                    "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
		"content/en/_index.md":           "---\ntitle: Home\n---\nHello.\n",
		"content/en/modules/m/_index.md": "---\ntitle: A module\nsummary: What it teaches.\n---\nText.\n",
	})
	seen := map[string]bool{}
	var mu sync.Mutex
	opt := build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), SearchInMemory: true, Full: true,
		Progress: func(p build.Progress) { mu.Lock(); seen[p.Stage] = true; mu.Unlock() }}
	if _, err := build.Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	t.Logf("stages: %v", seen)
	if !seen["pages"] || !seen["search"] {
		t.Fatalf("stages reported: %v", seen)
	}
	for stage := range seen {
		if stageWords(nil, stage) == stage {
			t.Errorf("stage %q has no words of its own in stageWords", stage)
		}
	}
}
