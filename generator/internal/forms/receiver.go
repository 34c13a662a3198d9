package forms

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/config"
)

// MaxBody is the largest submission the receiver reads.
const MaxBody = 64 << 10

// Store appends one line durably. The file implementation syncs each line.
type Store interface {
	Append(line []byte) error
}

// FileStore appends lines to a file with O_APPEND and fsync, one write per
// line under a lock; a failed write is truncated away so the file never
// holds a partial line.
type FileStore struct {
	Path string
	mu   sync.Mutex
}

// Append implements Store.
func (s *FileStore) Append(line []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.OpenFile(s.Path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if _, err := f.Write(line); err != nil {
		_ = f.Truncate(info.Size())
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Truncate(info.Size())
		return err
	}
	return nil
}

// Receiver receives the site's forms at /_forms/<name>. It is safe for
// concurrent use; SetSpecs may be called while it serves.
type Receiver struct {
	Store Store
	// Now is the clock for the time trap; nil means time.Now.
	Now func() time.Time
	// Log receives one line per submission refused as sent by a robot; nil discards them.
	Log io.Writer

	specs atomic.Pointer[map[string]Spec]
}

// Specs resolves every form of a site: choices gives the values of fields
// whose options come from the site (see Resolve).
func Specs(forms map[string]config.Form, choices func(from string) []string) map[string]Spec {
	out := make(map[string]Spec, len(forms))
	for name, f := range forms {
		out[name] = Resolve(name, f, choices)
	}
	return out
}

// SetSpecs sets the forms the receiver accepts, by name: after each build,
// since the options some fields offer come from the site.
func (rc *Receiver) SetSpecs(specs map[string]Spec) { rc.specs.Store(&specs) }

type record struct {
	ID       string              `json:"id"`
	Form     string              `json:"form"`
	Intent   string              `json:"intent,omitempty"`
	Lang     string              `json:"lang,omitempty"`
	Received string              `json:"received"`
	Fields   map[string][]string `json:"fields"`
}

// ServeHTTP implements http.Handler.
func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	specs := rc.specs.Load()
	if specs == nil {
		reply(w, wantsJSON, http.StatusServiceUnavailable, "the forms are not ready: the site has not built yet", nil)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/_forms/")
	spec, ok := (*specs)[name]
	if !ok || name == "" || strings.Contains(name, "/") {
		reply(w, wantsJSON, http.StatusNotFound, "there is no form called "+strconvQuote(name), nil)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		reply(w, wantsJSON, http.StatusMethodNotAllowed, "forms are sent with POST", nil)
		return
	}
	values, status, err := readValues(w, r)
	if err != nil {
		reply(w, wantsJSON, status, err.Error(), nil)
		return
	}
	now := time.Now
	if rc.Now != nil {
		now = rc.Now
	}
	sub, fieldErrs, err := spec.Validate(values, now())
	var spam errSpam
	switch {
	case errors.As(err, &spam):
		// Answered as a person's would be: a robot learns nothing from the answer.
		if rc.Log != nil {
			fmt.Fprintf(rc.Log, "form %s: a submission looks sent by a robot (%s); answered as if accepted, not stored\n", name, spam)
		}
		accepted(w, r, wantsJSON, newID(), values)
		return
	case err != nil:
		reply(w, wantsJSON, http.StatusBadRequest, err.Error(), nil)
		return
	case len(fieldErrs) > 0:
		reply(w, wantsJSON, http.StatusUnprocessableEntity, "some fields need attention", fieldErrs)
		return
	}
	rec := record{ID: newID(), Form: name, Intent: sub.Intent, Lang: sub.Lang, Received: now().UTC().Format(time.RFC3339), Fields: sub.Fields}
	line, err := json.Marshal(rec)
	if err != nil {
		reply(w, wantsJSON, http.StatusInternalServerError, "the submission could not be encoded", nil)
		return
	}
	if err := rc.Store.Append(append(line, '\n')); err != nil {
		reply(w, wantsJSON, http.StatusServiceUnavailable, "the submission could not be stored; nothing was lost, please try again later", nil)
		return
	}
	accepted(w, r, wantsJSON, rec.ID, values)
}

// newID returns a random submission id.
func newID() string {
	var id [8]byte
	_, _ = rand.Read(id[:])
	return hex.EncodeToString(id[:])
}

// accepted answers a submission taken: JSON clients get its id, browsers
// go on to the thank-you page.
func accepted(w http.ResponseWriter, r *http.Request, wantsJSON bool, id string, values url.Values) {
	if wantsJSON {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "id": id})
		return
	}
	http.Redirect(w, r, thanksPath(values.Get("_next"), cleanLang(values.Get("_lang"))), http.StatusSeeOther)
}

// readValues reads a urlencoded, multipart or JSON body of at most MaxBody bytes.
func readValues(w http.ResponseWriter, r *http.Request) (url.Values, int, error) {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, http.StatusUnsupportedMediaType, errors.New("send the form as application/x-www-form-urlencoded, multipart/form-data or application/json")
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	switch ct {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return unreadable(err, "the form data could not be read")
		}
		return r.PostForm, 0, nil
	case "multipart/form-data":
		if err := r.ParseMultipartForm(MaxBody); err != nil {
			return unreadable(err, "the form data could not be read")
		}
		if r.MultipartForm != nil && len(r.MultipartForm.File) > 0 {
			return nil, http.StatusBadRequest, errors.New("files cannot be sent with this form")
		}
		return url.Values(r.MultipartForm.Value), 0, nil
	case "application/json":
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return unreadable(err, "the submission could not be read")
		}
		v, err := jsonValues(data)
		if err != nil {
			return nil, http.StatusBadRequest, err
		}
		return v, 0, nil
	}
	return nil, http.StatusUnsupportedMediaType, errors.New("send the form as application/x-www-form-urlencoded, multipart/form-data or application/json")
}

// unreadable answers a body that could not be read: too large, or broken
// (or sent too slowly: the server's read time limit ended it).
func unreadable(err error, msg string) (url.Values, int, error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the submission is larger than %d KiB", MaxBody>>10)
	}
	return nil, http.StatusBadRequest, errors.New(msg)
}

// jsonValues reads a JSON object of strings, lists of strings, booleans
// (true becomes "yes") and numbers as form values.
func jsonValues(data []byte) (url.Values, error) {
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, errors.New("the JSON could not be read")
	}
	v := url.Values{}
	for k, val := range raw {
		switch x := val.(type) {
		case string:
			v.Add(k, x)
		case []any:
			for _, e := range x {
				if s, ok := e.(string); ok {
					v.Add(k, s)
				}
			}
		case bool:
			if x {
				v.Add(k, "yes")
			}
		case float64:
			v.Add(k, strings.TrimSuffix(fmt.Sprintf("%f", x), ".000000"))
		}
	}
	return v, nil
}

// thanksPath returns where a browser goes after sending a form: the path
// of next when it names a page of this site (of an absolute URL, only the
// path is kept), else the thank-you page of the submission's language.
func thanksPath(next, lang string) string {
	if p, ok := sitePath(next); ok {
		return p
	}
	if lang == "" {
		return "/"
	}
	return "/" + lang + "/thanks/"
}

// sitePath decides on next as a browser would read it: raw white space,
// control characters and backslashes (which browsers drop or read as "/")
// refuse it, and so do they once percent-decoded; the path is cleaned (no
// "//", "." or "..") and written percent-encoded, so that the Location
// header can only name a path of this site.
func sitePath(next string) (string, bool) {
	if next == "" || len(next) > 2048 || strings.ContainsFunc(next, unsafeInPath) {
		return "", false
	}
	u, err := url.Parse(next)
	if err != nil || u.Opaque != "" || u.User != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	p := u.Path // percent-decoded
	if !strings.HasPrefix(p, "/") || !utf8.ValidString(p) || strings.ContainsFunc(p, unsafeInPath) {
		return "", false
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	out := (&url.URL{Path: clean}).EscapedPath()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") {
		return "", false
	}
	return out, true
}

// unsafeInPath reports characters a redirect path must not hold: white
// space and controls (browsers strip tabs and newlines from URLs) and
// backslashes (which they read as slashes).
func unsafeInPath(r rune) bool {
	return r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError || !unicode.IsPrint(r)
}

func reply(w http.ResponseWriter, wantsJSON bool, status int, msg string, fields []FieldError) {
	if wantsJSON {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": msg, "errors": fields})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	var b strings.Builder
	b.WriteString("<!doctype html><meta charset=utf-8><title>Form not sent</title><main><h1>Your form was not sent</h1><p>" + html.EscapeString(msg) + "</p>")
	if len(fields) > 0 {
		b.WriteString("<ul>")
		for _, f := range fields {
			b.WriteString("<li><strong>" + html.EscapeString(f.Field) + "</strong>: " + html.EscapeString(f.Message) + "</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("<p>Go back, correct the form and send it again: what you typed is still in it.</p></main>")
	_, _ = io.WriteString(w, b.String())
}

func strconvQuote(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return fmt.Sprintf("%q", s)
}
