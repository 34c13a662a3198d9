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
	"strings"
	"sync"
	"time"
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

// Receiver receives the site's forms at /_forms/<name>.
type Receiver struct {
	Specs map[string]Spec
	Store Store
	// Now is the clock for the time trap; nil means time.Now.
	Now func() time.Time
}

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
	name := strings.TrimPrefix(r.URL.Path, "/_forms/")
	spec, ok := rc.Specs[name]
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
	if err != nil {
		reply(w, wantsJSON, http.StatusBadRequest, err.Error(), nil)
		return
	}
	if len(fieldErrs) > 0 {
		reply(w, wantsJSON, http.StatusUnprocessableEntity, "some fields need attention", fieldErrs)
		return
	}
	var id [8]byte
	_, _ = rand.Read(id[:])
	rec := record{ID: hex.EncodeToString(id[:]), Form: name, Intent: sub.Intent, Lang: sub.Lang, Received: now().UTC().Format(time.RFC3339), Fields: sub.Fields}
	line, err := json.Marshal(rec)
	if err != nil {
		reply(w, wantsJSON, http.StatusInternalServerError, "the submission could not be encoded", nil)
		return
	}
	if err := rc.Store.Append(append(line, '\n')); err != nil {
		reply(w, wantsJSON, http.StatusServiceUnavailable, "the submission could not be stored; nothing was lost, please try again later", nil)
		return
	}
	if wantsJSON {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "id": rec.ID})
		return
	}
	http.Redirect(w, r, thanksPath(values.Get("_next"), sub.Lang), http.StatusSeeOther)
}

// readValues reads a urlencoded, multipart or JSON body of at most MaxBody bytes.
func readValues(w http.ResponseWriter, r *http.Request) (url.Values, int, error) {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, http.StatusUnsupportedMediaType, errors.New("send the form as application/x-www-form-urlencoded, multipart/form-data or application/json")
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	tooBig := func(err error) bool {
		var mbe *http.MaxBytesError
		return errors.As(err, &mbe)
	}
	switch ct {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			if tooBig(err) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the submission is larger than %d KiB", MaxBody>>10)
			}
			return nil, http.StatusBadRequest, errors.New("the form data could not be read")
		}
		return r.PostForm, 0, nil
	case "multipart/form-data":
		if err := r.ParseMultipartForm(MaxBody); err != nil {
			if tooBig(err) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the submission is larger than %d KiB", MaxBody>>10)
			}
			return nil, http.StatusBadRequest, errors.New("the form data could not be read")
		}
		if r.MultipartForm != nil && len(r.MultipartForm.File) > 0 {
			return nil, http.StatusBadRequest, errors.New("files cannot be sent with this form")
		}
		return url.Values(r.MultipartForm.Value), 0, nil
	case "application/json":
		data, err := io.ReadAll(r.Body)
		if err != nil {
			if tooBig(err) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the submission is larger than %d KiB", MaxBody>>10)
			}
			return nil, http.StatusBadRequest, errors.New("the submission could not be read")
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, http.StatusBadRequest, errors.New("the JSON could not be read")
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
		return v, 0, nil
	}
	return nil, http.StatusUnsupportedMediaType, errors.New("send the form as application/x-www-form-urlencoded, multipart/form-data or application/json")
}

// thanksPath allows only same-site relative paths as redirect targets.
func thanksPath(next, lang string) string {
	if u, err := url.Parse(next); err == nil && next != "" {
		if u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, "//") && !strings.ContainsAny(next, "\r\n\\") {
			return u.Path
		}
		if u.Path != "" && strings.HasPrefix(u.Path, "/") && !strings.ContainsAny(u.Path, "\r\n\\") {
			return u.Path // an absolute thank-you URL of the site itself: keep only its path
		}
	}
	if lang == "" {
		return "/"
	}
	return "/" + lang + "/thanks/"
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
