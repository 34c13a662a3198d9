// Package devserver is the author's live preview: it builds the site into
// memory, serves it on 127.0.0.1, watches the site's folders with fsnotify,
// batches bursts of changes into one rebuild (re-rendering only the pages a
// body edit reaches), and tells open tabs to reload over Server-Sent Events,
// or shows the build's errors in an overlay while keeping the last good site.
// The reload script is injected into responses, never into the output.
package devserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/forms"
)

// Options configure a dev server.
type Options struct {
	Source string
	Bind   string // default 127.0.0.1
	Port   int    // default 1313; 0 picks a free port
	Drafts bool
	// Future and Expired include pages dated later, or past their expiryDate.
	Future, Expired bool
	// Now gives the build date; nil means the clock.
	Now func() time.Time
	// Log receives one line per rebuild.
	Log io.Writer
	// LogWords is the language of the failed builds' errors written to Log
	// (the zero value is English); the browser's error box follows each
	// browser's language.
	LogWords authorwords.Words
	// Mounts adds handlers under path prefixes (e.g. "/_forms/" for the form receiver).
	Mounts map[string]http.Handler
	// Debounce is how long the watcher waits for a burst of changes to end (default 80ms).
	Debounce time.Duration
	// LocalForms makes the served pages post their forms to the mounted receiver.
	LocalForms bool
	// EditLink, when set, is the browser editor's address (with its token):
	// every served page gets an "Edit this page" link to it.
	EditLink string
	// Listening, when set, is told the address the server listens on
	// (host:port, the port the system chose for port 0), once it does and
	// has logged it: the editor's own line then names the right address.
	Listening func(addr string)
	// Forms, when set, receives the site's forms at /_forms/<name> (and sets
	// LocalForms). After each build it is given the choices the site's pages
	// offer (modules, languages), so that it accepts exactly those.
	Forms *forms.Receiver
	// ReadTimeout is how long a client may take to send a whole request,
	// headers and body (default 30s): a slowly sent request is cut off
	// rather than holding a connection forever. Answers get four times as
	// long; idle connections are closed after a minute.
	ReadTimeout time.Duration
	// Poll, when above zero, looks for changes at this interval instead of
	// asking the system to report them (fsnotify), for folders where that
	// does not work. The server polls by itself when fsnotify fails.
	Poll time.Duration
}

// Server is a running dev server.
type Server struct {
	opt     Options
	session *build.Session
	hub     *hub
	words   *authorwords.Catalog // the notices' words, in the author's language

	mu     sync.RWMutex
	errors diag.List // errors of the last failed rebuild, nil when the site is good
	// built counts the site's good builds: a page carries the count it was
	// served with, and a tab that connects after a rebuild it missed (the
	// page was served while the rebuild ran) reloads.
	built int
	ready chan struct{}
	addr  string
}

// New returns a server; Run starts it.
func New(opt Options) *Server {
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Debounce == 0 {
		opt.Debounce = 80 * time.Millisecond
	}
	if opt.Forms != nil {
		opt.LocalForms = true
	}
	if opt.ReadTimeout <= 0 {
		opt.ReadTimeout = 30 * time.Second
	}
	return &Server{
		opt:     opt,
		session: build.NewSession(build.Options{Source: opt.Source, Drafts: opt.Drafts, Future: opt.Future, Expired: opt.Expired, LocalForms: opt.LocalForms}),
		hub:     newHub(),
		words:   authorwords.Builtin(),
		ready:   make(chan struct{}),
	}
}

// Addr returns the address the server listens on, once Ready is closed.
func (s *Server) Addr() string { return s.addr }

// Ready is closed when the first build is done and the server listens.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Run builds, listens and watches until ctx is done.
func (s *Server) Run(ctx context.Context) error {
	s.rebuild(ctx, nil, true)
	if s.session.Files() == nil {
		fmt.Fprintln(s.opt.Log, s.opt.LogWords.Phrases().Sayf("the first build failed; fix the errors above and the page will reload"))
	}
	w, err := newWatcher(s.opt.Source, watchOptions{poll: s.opt.Poll, log: s.opt.Log, say: s.opt.LogWords.Phrases()})
	if err != nil {
		return err
	}
	defer w.close()
	ln, err := net.Listen("tcp", net.JoinHostPort(s.opt.Bind, strconv.Itoa(s.opt.Port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s:%d: %w (another server running? try --port)", s.opt.Bind, s.opt.Port, err)
	}
	s.addr = ln.Addr().String()
	srv := s.httpServer()
	go func() { _ = srv.Serve(ln) }()
	if w := s.bindWarning(); w != "" {
		fmt.Fprintln(s.opt.Log, w)
	}
	fmt.Fprintln(s.opt.Log, s.opt.LogWords.Phrases().Sayf("serving on http://%s/ (Ctrl+C to stop)", s.addr))
	if s.opt.Listening != nil {
		s.opt.Listening(s.addr)
	}
	close(s.ready)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.loop(ctx, w.batches(ctx, s.opt.Debounce))
	}()
	<-ctx.Done()
	s.hub.close() // ends the event streams, so that Shutdown does not wait for them
	// Requests in flight get a moment to finish. A browser may also hold
	// connections it opened ahead of need, which net/http counts as busy for
	// five seconds; those are simply closed: stopping a preview server loses
	// nothing.
	shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		_ = srv.Close()
	}
	<-done
	return nil
}

// maxHeaderBytes is the most a request's headers may take.
const maxHeaderBytes = 64 << 10

// httpServer returns the server with its time and size limits: a client
// sending a request byte by byte, or reading the answer that slowly, is
// cut off (the event streams lift the limits for themselves).
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: min(10*time.Second, s.opt.ReadTimeout),
		ReadTimeout:       s.opt.ReadTimeout,
		WriteTimeout:      4 * s.opt.ReadTimeout,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// rebuilt is the log line of a rebuild: what changed, how much was built
// (mode: a page's, the theme's or the whole site's), how long it took.
func rebuilt(say diag.Phrases, mode, what string, pages int, took time.Duration) string {
	ms := took.Milliseconds()
	switch mode {
	case "page":
		return say.Countf(pages, "%s: page rebuild, %d page, %d ms", "%s: page rebuild, %d pages, %d ms", what, pages, ms)
	case "theme":
		return say.Countf(pages, "%s: theme rebuild, %d page, %d ms", "%s: theme rebuild, %d pages, %d ms", what, pages, ms)
	}
	return say.Countf(pages, "%s: full rebuild, %d page, %d ms", "%s: full rebuild, %d pages, %d ms", what, pages, ms)
}

// rebuild applies one batch of changes (the first build: first) and tells
// the browsers.
func (s *Server) rebuild(ctx context.Context, changed []string, first bool) {
	start := time.Now()
	var res *build.Result
	var err error
	mode := "full"
	switch classify(changed) {
	case changePages:
		mode = "page"
		res, err = s.session.Update(ctx, changed)
	case changeTheme:
		mode = "theme"
		res, err = s.session.UpdateTheme(ctx, changed)
	}
	if errors.Is(err, build.ErrNeedsFull) {
		mode = "full"
		res, err = nil, nil
	}
	if res == nil && err == nil {
		for _, p := range changed {
			if strings.TrimPrefix(p, "+") == "config.toml" {
				s.session.ForgetMarkdown()
			}
		}
		res, err = s.session.Full(ctx, s.opt.Now())
	}
	took := time.Since(start)
	say := s.opt.LogWords.Phrases()
	what := describe(say, changed)
	if first {
		what = say.Sayf("start")
	}
	if err != nil {
		diags := build.Diagnostics(err)
		if len(diags) == 0 {
			diags = diag.List{diag.Errorf("", 0, "", "%v", err)}
		}
		s.mu.Lock()
		s.errors = diags
		s.mu.Unlock()
		fmt.Fprintln(s.opt.Log, say.Countf(len(diags), "%s: build failed with %d error in %d ms; still serving the last good site",
			"%s: build failed with %d errors in %d ms; still serving the last good site", what, len(diags), took.Milliseconds()))
		for _, d := range s.opt.LogWords.Diagnostics(diags) {
			fmt.Fprintln(s.opt.Log, "  "+d.Said(say))
		}
		s.hub.send(event{name: "error", errs: diags})
		return
	}
	s.mu.Lock()
	s.errors = nil
	s.built++
	s.mu.Unlock()
	if rc := s.opt.Forms; rc != nil {
		rc.SetSpecs(forms.Specs(res.Site.Config.Forms, res.Site.ChoiceValues))
	}
	if len(changed) > 0 {
		warns := s.opt.LogWords.Diagnostics(res.Diags.Warnings())
		warns.Sort()
		for _, g := range warns.Group() {
			fmt.Fprintln(s.opt.Log, "  "+g.Said(say))
		}
	}
	fmt.Fprintln(s.opt.Log, rebuilt(say, mode, what, res.Pages, took))
	if res.Stylesheets != nil {
		// Only stylesheets changed: open tabs swap them without reloading.
		data, _ := json.Marshal(map[string]any{"stylesheets": res.Stylesheets, "ms": took.Milliseconds()})
		s.hub.send(event{name: "css", data: string(data)})
	} else {
		s.hub.send(event{name: "reload", data: fmt.Sprintf(`{"mode":%q,"pages":%d,"ms":%d}`, mode, res.Pages, took.Milliseconds())})
	}
}

// GCPercent is the garbage collector setting `oersite serve` runs with
// (unless GOGC is set): the server holds the whole site in memory.
const GCPercent = 50

// settleDelay is how long the server waits after an incremental rebuild
// before it updates the search index and the site-wide files.
const settleDelay = 300 * time.Millisecond

// loop rebuilds for each batch of changes. After incremental rebuilds, once
// the author paused, it updates the search index and the site-wide files
// (sitemap, feeds, calendars, catalogues); a new change interrupts that
// work, which resumes at the next pause.
func (s *Server) loop(ctx context.Context, batches <-chan []string) {
	var settle <-chan time.Time
	for {
		var batch []string
		select {
		case b, ok := <-batches:
			if !ok {
				return
			}
			batch = b
		case <-settle:
			settle = nil
			sctx, cancel := context.WithCancel(ctx)
			fin := make(chan error, 1)
			t0 := time.Now()
			go func() { fin <- s.session.Settle(sctx) }()
			select {
			case err := <-fin:
				cancel()
				say := s.opt.LogWords.Phrases()
				if err != nil {
					fmt.Fprintln(s.opt.Log, "  "+say.Sayf("search index and site files not updated: %v; they will be at the next full rebuild", err))
				} else {
					fmt.Fprintln(s.opt.Log, "  "+say.Sayf("search index, sitemap and feeds updated in %d ms", time.Since(t0).Milliseconds()))
				}
				continue
			case b, ok := <-batches:
				cancel()
				<-fin
				if !ok {
					return
				}
				batch = b
			}
		}
		s.rebuild(ctx, batch, false)
		settle = nil
		if s.session.Unsettled() {
			settle = time.After(settleDelay)
		}
	}
}
