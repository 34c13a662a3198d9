package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
)

//go:embed live.js
var liveJS []byte

// Handler serves the last good build from memory, the live-reload events and
// script, and the mounted handlers.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_oersite/events", s.events)
	mux.HandleFunc("/_oersite/live.js", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(liveJS)
	})
	for prefix, h := range s.opt.Mounts {
		mux.Handle(prefix, h)
	}
	if s.opt.Forms != nil {
		mux.Handle("/_forms/", s.opt.Forms)
	}
	mux.HandleFunc("/", s.serveFile)
	return s.secure(mux)
}

// serveFile answers from the in-memory build, with Range and conditional
// requests (a PDF or a video seeks; a reload revalidates instead of
// downloading again).
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	files := s.session.Files()
	if files == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		say := s.words.For(r)
		_, _ = w.Write(s.inject(r, []byte("<!doctype html><html lang=\""+say.Language()+"\"><title>"+html.EscapeString(say.T("dev.notbuilt.title"))+
			"</title><body><p>"+html.EscapeString(say.T("dev.notbuilt"))+"</p></body></html>")))
		return
	}
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if p == "" || strings.HasSuffix(r.URL.Path, "/") {
		p = strings.TrimSuffix(p+"/index.html", "/")
		p = strings.TrimPrefix(p, "/")
	}
	f, ok := files.Get(p)
	if !ok {
		if _, dir := files.Get(p + "/index.html"); dir {
			http.Redirect(w, r, (&url.URL{Path: "/" + p + "/"}).EscapedPath(), http.StatusMovedPermanently)
			return
		}
		data, ok := files.Data("404.html")
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write(s.inject(r, data))
		return
	}
	data := f.Data
	ctype := mime.TypeByExtension(path.Ext(p))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	// The browser asks again each time (an edit shows at once) and gets
	// 304 Not Modified when the file is unchanged.
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", f.ETag())
	if strings.HasPrefix(ctype, "text/html") {
		data = s.inject(r, data)
	}
	http.ServeContent(w, r, p, f.ModTime, bytes.NewReader(data))
}

// inject adds the live-reload script before </body>; the output files never
// hold it. With the editor on, the script's tag carries the editor's address
// (with this run's token) for the "Edit this page" link: in the page, which
// another site cannot read, not in the script, which it could include; and
// the script's words (the link, the error box) in the language the
// request's browser asks for (see authorwords).
func (s *Server) inject(r *http.Request, page []byte) []byte {
	say := s.words.For(r)
	s.mu.RLock()
	built := s.built
	s.mu.RUnlock()
	failed := say.T("dev.failed")
	if built == 0 { // no good build yet: no last good version is served
		failed = say.T("dev.failed.first")
	}
	attrs := ` data-lang="` + say.Language() + `" data-built="` + strconv.Itoa(built) + `" data-failed="` + html.EscapeString(failed) + `"`
	if s.opt.EditLink != "" {
		attrs += ` data-edit="` + html.EscapeString(s.opt.EditLink) + `" data-edit-text="` + html.EscapeString(say.T("ed.link")) +
			`" data-correct-text="` + html.EscapeString(say.T("dev.correct")) + `"`
	}
	tag := []byte(`<script src="/_oersite/live.js" defer` + attrs + `></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte(nil), page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// events streams rebuild events to one browser tab.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The stream stays open as long as the tab: the server's read and
	// write time limits, meant for requests that end, do not apply.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := s.hub.join()
	defer s.hub.leave(ch)
	s.mu.RLock()
	errs, built := s.errors, s.built
	s.mu.RUnlock()
	say := s.words.For(r)
	fmt.Fprint(w, "retry: 1000\n\n")
	if len(errs) > 0 {
		writeEvent(w, event{name: "error", data: overlayJSON(say.Diagnostics(errs))})
	} else {
		writeEvent(w, event{name: "hello", data: fmt.Sprintf(`{"built":%d}`, built)})
	}
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			if ev.errs != nil {
				ev.data = overlayJSON(say.Diagnostics(ev.errs))
			}
			writeEvent(w, ev)
			fl.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		}
	}
}

// event is what the tabs are sent; errs, when set, is the failed build's
// list, which each tab is sent as data in its author's language.
type event struct {
	name, data string
	errs       diag.List
}

func writeEvent(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
}

// overlayJSON is the error list the overlay shows.
func overlayJSON(l diag.List) string {
	b, _ := json.Marshal(struct {
		Errors diag.List `json:"errors"`
	}{l})
	return string(b)
}

// hub fans events out to every connected tab.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan event]bool{}} }

func (h *hub) join() chan event {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan event, 8)
	if h.closed {
		close(ch)
		return ch
	}
	h.clients[ch] = true
	return ch
}

func (h *hub) leave(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[ch] {
		delete(h.clients, ch)
		close(ch)
	}
}

func (h *hub) send(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- ev:
		default: // a stalled tab misses an event rather than blocking rebuilds
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		close(ch)
		delete(h.clients, ch)
	}
}
