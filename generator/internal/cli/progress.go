package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
)

// progress shows where a long piece of work is: on a terminal one line
// rewritten in place (stage, pages done of total, time so far), elsewhere
// (a CI log) a plain line now and then; nothing for work that ends within
// its first two seconds, and nothing at all with --quiet.
type progress struct {
	mu       sync.Mutex
	out      io.Writer
	say      diag.Phrases // the author's words
	tty      bool
	start    time.Time
	last     time.Time
	every    time.Duration // between lines: 100 ms on a terminal, 10 s elsewhere
	after    time.Duration // silence at the start
	shown    bool
	now      func() time.Time
	lastLine string
}

// newProgress reports to out in say's words; isTerminal says whether out is
// a terminal.
func newProgress(out io.Writer, isTerminal bool, say diag.Phrases, now func() time.Time) *progress {
	p := &progress{out: out, tty: isTerminal, say: say, now: now, start: now(), after: 2 * time.Second, every: 10 * time.Second}
	if isTerminal {
		p.every = 100 * time.Millisecond
	}
	return p
}

// terminal says whether w is a terminal (a character device), where a line
// can be rewritten in place.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// report takes a build's progress.
func (p *progress) report(pr build.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	elapsed := t.Sub(p.start)
	if elapsed < p.after || t.Sub(p.last) < p.every {
		return
	}
	p.last = t
	secs := int(elapsed.Round(time.Second) / time.Second)
	line := p.say.Sayf("%s · %d s", stageWords(p.say, pr.Stage), secs)
	if pr.Total > 0 {
		line = p.say.Sayf("%s: %d of %d · %d s", stageWords(p.say, pr.Stage), pr.Done, pr.Total, secs)
	}
	if !p.tty {
		fmt.Fprintln(p.out, line)
		return
	}
	pad := ""
	if n := width(p.lastLine) - width(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.out, "\r%s%s", line, pad)
	p.lastLine, p.shown = line, true
}

// done clears the terminal line, so that what follows starts on a clean one.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.shown {
		fmt.Fprintf(p.out, "\r%s\r", strings.Repeat(" ", width(p.lastLine)))
	}
}

// width is how many columns a line takes on a terminal: one a character
// (the stages' words hold no wide or combining characters).
func width(line string) int { return utf8.RuneCountInString(line) }

// stageWords says what a build stage (a Progress's Stage) is doing, in
// say's words.
func stageWords(say diag.Phrases, stage string) string {
	switch stage {
	case "load":
		return say.Sayf("reading the content")
	case "assemble":
		return say.Sayf("putting the site together")
	case "static":
		return say.Sayf("copying the files")
	case "exports":
		return say.Sayf("writing the exports")
	case "pages":
		return say.Sayf("writing the pages")
	case "metadata":
		return say.Sayf("writing the metadata")
	case "search":
		return say.Sayf("building the search index")
	case "partners":
		return say.Sayf("adding the partners' offers")
	case "offline zip":
		return say.Sayf("packing the offline copy")
	case "manifest":
		return say.Sayf("listing the files written")
	case "swap":
		return say.Sayf("putting the new site in place")
	}
	return stage
}
