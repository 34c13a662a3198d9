package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
)

// progress shows where a long piece of work is: on a terminal one line
// rewritten in place (stage, pages done of total, time so far), elsewhere
// (a CI log) a plain line now and then; nothing for work that ends within
// its first two seconds, and nothing at all with --quiet.
type progress struct {
	mu       sync.Mutex
	out      io.Writer
	tty      bool
	start    time.Time
	last     time.Time
	every    time.Duration // between lines: 100 ms on a terminal, 10 s elsewhere
	after    time.Duration // silence at the start
	shown    bool
	now      func() time.Time
	lastLine string
}

// newProgress reports to out; isTerminal says whether out is a terminal.
func newProgress(out io.Writer, isTerminal bool, now func() time.Time) *progress {
	p := &progress{out: out, tty: isTerminal, now: now, start: now(), after: 2 * time.Second, every: 10 * time.Second}
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
	line := fmt.Sprintf("building: %s", pr.Stage)
	if pr.Total > 0 {
		line += fmt.Sprintf(", %d of %d", pr.Done, pr.Total)
	}
	line += fmt.Sprintf(" · %.0f s", elapsed.Seconds())
	if !p.tty {
		fmt.Fprintln(p.out, line)
		return
	}
	pad := ""
	if n := len(p.lastLine) - len(line); n > 0 {
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
		fmt.Fprintf(p.out, "\r%s\r", strings.Repeat(" ", len(p.lastLine)))
	}
}
