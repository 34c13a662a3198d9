package devserver_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/devserver"
)

const config = `baseURL = "https://example.org/"
title = "Dev"
[languages.en]
name = "English"
`

func writeFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// logBuf collects the server's terminal lines.
type logBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func start(t *testing.T, dir string) (*devserver.Server, *logBuf) {
	t.Helper()
	return startWith(t, dir, 50*time.Millisecond)
}

// startWith starts a server whose watcher waits debounce for a burst to end.
func startWith(t *testing.T, dir string, debounce time.Duration) (*devserver.Server, *logBuf) {
	t.Helper()
	return startLogging(t, dir, debounce, authorwords.Words{})
}

// startLogging starts a server that logs in words' language.
func startLogging(t *testing.T, dir string, debounce time.Duration, words authorwords.Words) (*devserver.Server, *logBuf) {
	t.Helper()
	log := &logBuf{}
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: log, Debounce: debounce, LogWords: words,
		Now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with %v", err)
		}
	})
	select {
	case <-srv.Ready():
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start in time")
	}
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") {
		t.Errorf("server listens on %s, want 127.0.0.1", srv.Addr())
	}
	return srv, log
}

func get(t *testing.T, srv *devserver.Server, p string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + srv.Addr() + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// events subscribes to the server's events and returns a channel of event names with data.
func events(t *testing.T, srv *devserver.Server) <-chan string {
	t.Helper()
	return eventsIn(t, srv, "", "hello")
}

// eventsIn is events for a browser asking for the languages of accept
// (Accept-Language), whose first event is named first.
func eventsIn(t *testing.T, srv *devserver.Server, accept, first string) <-chan string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+srv.Addr()+"/_oersite/events", nil)
	if accept != "" {
		req.Header.Set("Accept-Language", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	out := make(chan string, 16)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	if ev := next(t, out); !strings.HasPrefix(ev, first) {
		t.Fatalf("first event %q, want %s", ev, first)
	}
	return out
}

func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return ""
}

func site(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, dir, "config.toml", config)
	writeFile(t, dir, "content/en/_index.md", "---\ntitle: Home\nsummary: Welcome.\n---\nHello home.\n")
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nFirst version.\n")
	return dir
}

func TestEditRebuildsAndReloads(t *testing.T) {
	dir := site(t)
	srv, log := start(t, dir)
	code, body := get(t, srv, "/en/about/")
	if code != 200 || !strings.Contains(body, "First version.") || !strings.Contains(body, "/_oersite/live.js") {
		t.Fatalf("GET /en/about/: %d\n%s", code, body)
	}
	ev := events(t, srv)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nSecond version.\n")
	if e := next(t, ev); !strings.HasPrefix(e, "reload") || !strings.Contains(e, `"mode":"page"`) {
		t.Errorf("event %q, want a page reload", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "Second version.") {
		t.Errorf("the edit is not served:\n%s", body)
	}
	// a title edit also re-renders the pages that show it, still without a full rebuild
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About the programme\nsummary: About us.\n---\nSecond version.\n")
	if e := next(t, ev); !strings.Contains(e, `"mode":"page"`) || strings.Contains(e, `"pages":1,`) {
		t.Errorf("event %q, want a page reload reaching more than the page", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "<h1>About the programme</h1>") {
		t.Errorf("the new title is not served:\n%s", body)
	}
	// saved as many editors save, through a temporary file renamed over it:
	// still an edit of the page
	writeFile(t, dir, "content/en/.about.md.tmp-1", "---\ntitle: About the programme\nsummary: About us.\n---\nRenamed over.\n")
	if err := os.Rename(filepath.Join(dir, "content/en/.about.md.tmp-1"), filepath.Join(dir, "content/en/about.md")); err != nil {
		t.Fatal(err)
	}
	if e := next(t, ev); !strings.Contains(e, `"mode":"page"`) {
		t.Errorf("event %q, want a page reload for a page saved by rename", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "Renamed over.") {
		t.Errorf("the edit saved by rename is not served:\n%s", body)
	}
	// once the author pauses, the search index and the site-wide files follow
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "search index, sitemap and feeds updated") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if _, body := get(t, srv, "/sitemap.xml"); !strings.Contains(body, "en/about/") {
		t.Errorf("sitemap lost the page:\n%s", body)
	}
	// a new page changes the site's structure: a full rebuild
	writeFile(t, dir, "content/en/contact.md", "---\ntitle: Contact\nsummary: Write to us.\n---\nHello.\n")
	if e := next(t, ev); !strings.Contains(e, `"mode":"full"`) {
		t.Errorf("event %q, want a full reload", e)
	}
	if _, body := get(t, srv, "/en/contact/"); !strings.Contains(body, "Hello.") {
		t.Errorf("the new page is not served:\n%s", body)
	}
	for _, want := range []string{"content/en/about.md: page rebuild, 1 page,", "search index, sitemap and feeds updated in", "full rebuild, 7 pages"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("terminal line %q missing:\n%s", want, log.String())
		}
	}
}

func TestBrokenFrontMatterShowsOverlayAndKeepsLastGoodSite(t *testing.T) {
	dir := site(t)
	srv, _ := start(t, dir)
	ev := events(t, srv)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: [broken\n---\nBroken.\n")
	e := next(t, ev)
	if !strings.HasPrefix(e, "error") || !strings.Contains(e, `"file":"content/en/about.md"`) || !strings.Contains(e, `"line":2`) {
		t.Fatalf("event %q, want an error naming the file and line", e)
	}
	if code, body := get(t, srv, "/en/about/"); code != 200 || !strings.Contains(body, "First version.") {
		t.Errorf("the last good page is not served: %d", code)
	}
	// a tab opened now gets the error at once
	resp, err := http.Get("http://" + srv.Addr() + "/_oersite/events")
	if err != nil {
		t.Fatal(err)
	}
	first := make([]byte, 200)
	n, _ := io.ReadAtLeast(resp.Body, first, 30)
	resp.Body.Close()
	if !strings.Contains(string(first[:n]), "event: error") {
		t.Errorf("a new tab does not see the error: %q", first[:n])
	}
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nFixed.\n")
	if e := next(t, ev); !strings.HasPrefix(e, "reload") {
		t.Errorf("event %q after the fix, want reload", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "Fixed.") {
		t.Error("the fix is not served")
	}
}

// TestErrorBoxInEachAuthorsLanguage: the error box of each tab says what
// to fix in its browser's language, and the terminal in English (its
// locale's, from the command line). Before, every tab read English.
func TestErrorBoxInEachAuthorsLanguage(t *testing.T) {
	dir := site(t)
	srv, log := start(t, dir)
	en, bg := events(t, srv), eventsIn(t, srv, "bg-BG,bg;q=0.9,en;q=0.5", "hello")
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\nduration: twenty minutes\n---\nBroken.\n")
	gotEN, gotBG := next(t, en), next(t, bg)
	for _, c := range []struct{ got, hint, message string }{
		{gotEN, `"hint":"write a duration such as 45m, 2h or 1h30m"`, `"message":"duration \"twenty minutes\" is not a length of time oersite can read"`},
		{gotBG, `"hint":"напишете продължителност, например 45m, 2h или 1h30m"`, `"message":"продължителността \"twenty minutes\" не е период от време, който oersite може да прочете"`},
	} {
		if !strings.HasPrefix(c.got, "error") || !strings.Contains(c.got, c.hint) || !strings.Contains(c.got, c.message) ||
			!strings.Contains(c.got, `"file":"content/en/about.md"`) || !strings.Contains(c.got, `"line":4`) {
			t.Errorf("event %s\nwant %s and %s at content/en/about.md:4", c.got, c.message, c.hint)
		}
	}
	// A tab opened now gets the error at once, in its language too
	// (eventsIn fails unless its first event is the error).
	eventsIn(t, srv, "bg", `error {"errors":[{"file":"content/en/about.md","line":4,"severity":"error","message":"продължителността`)
	if !strings.Contains(log.String(), "write a duration such as 45m") {
		t.Errorf("the terminal does not say what to fix in English:\n%s", log.String())
	}
}

// TestLogInTheAuthorsLanguage: the terminal's lines around the messages
// (what was built, how long it took, where the site is served, how many
// errors a failed build had) follow the locale too.
func TestLogInTheAuthorsLanguage(t *testing.T) {
	dir := site(t)
	bg := authorwords.Builtin().ForLocale(func(k string) string { return map[string]string{"LANG": "bg_BG.UTF-8"}[k] })
	srv, log := startLogging(t, dir, 50*time.Millisecond, bg)
	ev := events(t, srv)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\nduration: twenty minutes\n---\nBroken.\n")
	next(t, ev)
	say := bg.Phrases()
	for _, want := range []string{
		say.Sayf("serving on http://%s/ (Ctrl+C to stop)", srv.Addr()),
		say.Sayf("start") + ": ",
		say.Countf(1, "%s: build failed with %d error in %d ms; still serving the last good site", "%s: build failed with %d errors in %d ms; still serving the last good site", "content/en/about.md", 1, 0)[:40],
		"продължителността \"twenty minutes\"",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, log.String())
		}
	}
	if strings.Contains(log.String(), "serving on") || !strings.Contains(log.String(), "сайтът") {
		t.Errorf("the log is not in Bulgarian:\n%s", log.String())
	}
}

func TestBurstOfChangesGivesOneRebuild(t *testing.T) {
	dir := site(t)
	// A generous quiet period: a loaded CI machine may pause between two writes of the burst.
	srv, log := startWith(t, dir, 500*time.Millisecond)
	ev := events(t, srv)
	for i := 0; i < 500; i++ {
		writeFile(t, dir, fmt.Sprintf("content/en/many/page-%03d.md", i), fmt.Sprintf("---\ntitle: Page %d\n---\nText %d.\n", i, i))
	}
	if e := next(t, ev); !strings.HasPrefix(e, "reload") {
		t.Fatalf("event %q, want reload", e)
	}
	select {
	case e := <-ev:
		t.Errorf("a second event %q: the burst was not batched", e)
	case <-time.After(1200 * time.Millisecond):
	}
	if n := strings.Count(log.String(), "rebuild,"); n != 2 { // the first build and the burst
		t.Errorf("%d rebuild lines, want 2:\n%s", n, log.String())
	}
	if code, _ := get(t, srv, "/en/many/page-499/"); code != 200 {
		t.Errorf("new page not served: %d", code)
	}
	if code, body := get(t, srv, "/nope/"); code != 404 || !strings.Contains(body, "live.js") {
		t.Errorf("missing page: %d", code)
	}
}

func TestOutputFolderIsLeftAlone(t *testing.T) {
	dir := site(t)
	start(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}
}

func TestServedFormsPostToTheLocalReceiver(t *testing.T) {
	dir := site(t)
	writeFile(t, dir, "config.toml", config+"contact = \"a@example.org\"\n[forms.request]\nendpoint = \"https://formspree.io/f/abc\"\n[[forms.request.fields]]\nname = \"email\"\ntype = \"email\"\n")
	writeFile(t, dir, "content/en/request.md", "---\ntitle: Request\nsummary: Ask.\nlayout: request\n---\nAsk us.\n")
	log := &logBuf{}
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: log, LocalForms: true,
		Mounts: map[string]http.Handler{"/_forms/": http.NotFoundHandler()}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-srv.Ready()
	_, body := get(t, srv, "/en/request/")
	if !strings.Contains(body, `action="../../_forms/request"`) || strings.Contains(body, "formspree") {
		t.Errorf("served form does not post to the local receiver:\n%s", body)
	}
}

func TestTemplateEditRerendersWithoutReadingContent(t *testing.T) {
	dir := site(t)
	writeFile(t, dir, "layouts/partials/footer.html", `<footer class="site-footer">First footer</footer>`)
	srv, log := start(t, dir)
	ev := events(t, srv)
	writeFile(t, dir, "layouts/partials/footer.html", `<footer class="site-footer">Second footer</footer>`)
	if e := next(t, ev); !strings.Contains(e, `"mode":"theme"`) {
		t.Errorf("event %q, want a theme reload", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "Second footer") || !strings.Contains(body, "First version.") {
		t.Errorf("the edited footer is not served:\n%s", body)
	}
	// a template error: the overlay, then recovery
	writeFile(t, dir, "layouts/partials/footer.html", `<footer>{{ if }}</footer>`)
	if e := next(t, ev); !strings.HasPrefix(e, "error") || !strings.Contains(e, "footer.html") {
		t.Errorf("event %q, want an error naming the partial", e)
	}
	writeFile(t, dir, "layouts/partials/footer.html", `<footer class="site-footer">Third footer</footer>`)
	if e := next(t, ev); !strings.HasPrefix(e, "reload") {
		t.Errorf("event %q, want a reload", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "Third footer") {
		t.Errorf("the fixed footer is not served:\n%s", body)
	}
	if !strings.Contains(log.String(), "layouts/partials/footer.html: theme rebuild") {
		t.Errorf("terminal line missing:\n%s", log.String())
	}
}

// TestStopsPromptlyWithIdleBrowserConnections: browsers open connections
// ahead of need and may never send a request on them; stopping the server
// (Ctrl+C, or a test's end) must neither hang nor report an error for them.
func TestStopsPromptlyWithIdleBrowserConnections(t *testing.T) {
	dir := site(t)
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: io.Discard})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	<-srv.Ready()
	conn, err := net.Dial("tcp", srv.Addr()) // a preconnect: no request is ever sent
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ev := events(t, srv) // and an open event stream, as an open tab has
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("server stopped with %v, want a clean stop", err)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("server did not stop within 4s of being asked to")
	}
	for range ev { // the event stream ends with the server
	}
}
