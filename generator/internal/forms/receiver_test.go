package forms

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
)

func intp(n int) *int { return &n }

func testForm() config.Form {
	return config.Form{
		Endpoint: "local", Honeypot: "website", MinSeconds: 3,
		Intents: []config.Intent{{ID: "training"}, {ID: "tutor"}},
		Fields: []config.Field{
			{Name: "organisation", Type: "text", Required: true, Intents: []string{"training"}, MaxLength: 50},
			{Name: "name", Type: "text", Required: true},
			{Name: "email", Type: "email", Required: true},
			{Name: "staff", Type: "number", Required: true, Intents: []string{"training"}, Min: intp(1), Max: intp(500)},
			{Name: "topics", Type: "multiselect", Required: true, Intents: []string{"training"}, OptionsFrom: "modules"},
			{Name: "age", Type: "select", Required: true, Intents: []string{"tutor"}, Options: []string{"18-21", "22-25"}},
			{Name: "message", Type: "textarea"},
			{Name: "consent", Type: "checkbox", Required: true},
		},
	}
}

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func receiver(t *testing.T) (*Receiver, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "requests.jsonl")
	rc := &Receiver{Store: &FileStore{Path: file}, Now: func() time.Time { return now }}
	rc.SetSpecs(Specs(map[string]config.Form{"request": testForm()}, choices))
	return rc, file
}

// choices are the options of the test site: its module slugs and languages.
func choices(from string) []string {
	if from == "modules" {
		return []string{"posts", "calendar"}
	}
	return []string{"en", "it"}
}

func valid() url.Values {
	return url.Values{
		"intent": {"training"}, "_lang": {"en"}, "_started": {fmt.Sprint(now.Add(-time.Minute).UnixMilli())},
		"organisation": {"Bäckerei Hofmann"}, "name": {"Anna"}, "email": {"anna@example.org"}, "staff": {"4"},
		"topics": {"posts", "calendar"}, "consent": {"yes"}, "website": {""},
	}
}

func post(t *testing.T, h http.Handler, path, ctype, body string, jsonReply bool) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	if jsonReply {
		r.Header.Set("Accept", "application/json")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func lines(t *testing.T, file string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("a line is not JSON: %q", sc.Text())
		}
		out = append(out, m)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatal("the file ends in a partial line")
	}
	return out
}

func TestAcceptedSubmissionIsStoredAndRedirects(t *testing.T) {
	rc, file := receiver(t)
	w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), false)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/en/thanks/" {
		t.Fatalf("got %d %s: %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	got := lines(t, file)
	if len(got) != 1 || got[0]["form"] != "request" || got[0]["intent"] != "training" {
		t.Fatalf("stored %v", got)
	}
	if _, leaked := got[0]["fields"].(map[string]any)["website"]; leaked {
		t.Error("the honeypot field was stored")
	}
	// JSON clients get JSON
	w = post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), true)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"ok":true`) {
		t.Fatalf("JSON reply %d %s", w.Code, w.Body)
	}
}

func TestRejections(t *testing.T) {
	rc, file := receiver(t)
	with := func(k string, v ...string) string {
		vals := valid()
		if v == nil {
			vals.Del(k)
		} else {
			vals[k] = v
		}
		return vals.Encode()
	}
	cases := []struct {
		name, path, ctype, body string
		status                  int
		want                    string
	}{
		{"unknown form", "/_forms/other", "application/x-www-form-urlencoded", valid().Encode(), 404, "no form"},
		{"wrong content type", "/_forms/request", "text/plain", "hello", 415, "send the form as"},
		{"no content type", "/_forms/request", "", "x=1", 415, "send the form as"},
		{"too large", "/_forms/request", "application/x-www-form-urlencoded", "message=" + strings.Repeat("a", 70<<10), 413, "larger than"},
		{"missing required", "/_forms/request", "application/x-www-form-urlencoded", with("email"), 422, "email"},
		{"bad email", "/_forms/request", "application/x-www-form-urlencoded", with("email", "not-an-address"), 422, "e-mail"},
		{"number out of range", "/_forms/request", "application/x-www-form-urlencoded", with("staff", "9999"), 422, "between 1 and 500"},
		{"unknown option", "/_forms/request", "application/x-www-form-urlencoded", with("topics", "hacking"), 422, "options"},
		{"too long", "/_forms/request", "application/x-www-form-urlencoded", with("organisation", strings.Repeat("x", 51)), 422, "at most 50"},
		{"no consent", "/_forms/request", "application/x-www-form-urlencoded", with("consent"), 422, "consent"},
		{"unknown intent", "/_forms/request", "application/x-www-form-urlencoded", with("intent", "other"), 422, "intent"},
		{"bad JSON", "/_forms/request", "application/json", "{", 400, "JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := post(t, rc, c.path, c.ctype, c.body, true)
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.want) {
				t.Errorf("got %d %s; want %d containing %q", w.Code, w.Body, c.status, c.want)
			}
		})
	}
	r := httptest.NewRequest(http.MethodGet, "/_forms/request", nil)
	w := httptest.NewRecorder()
	rc.ServeHTTP(w, r)
	if w.Code != 405 {
		t.Errorf("GET answered %d", w.Code)
	}
	if got := lines(t, file); len(got) != 0 {
		t.Errorf("rejected submissions were stored: %v", got)
	}
}

func TestIntentDecidesRequiredFieldsAndJSONBodies(t *testing.T) {
	rc, file := receiver(t)
	body := fmt.Sprintf(`{"intent":"tutor","name":"Marta","email":"marta@example.org","age":"18-21","consent":true,"_lang":"it","_started":%d}`, now.Add(-time.Minute).UnixMilli())
	if w := post(t, rc, "/_forms/request", "application/json", body, true); w.Code != 200 {
		t.Fatalf("tutor intent: %d %s", w.Code, w.Body)
	}
	if got := lines(t, file); len(got) != 1 || got[0]["lang"] != "it" {
		t.Fatalf("stored %v", got)
	}
}

// hostileNext are _next values that tried to send the browser off-site
// (some once did: a backslash or a tab that browsers read as a slash).
var hostileNext = []string{
	"https://evil.example/x", "//evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
	"/%5Cevil.example", "/%5c%5cevil.example", "/%09/evil.example", "/\t/evil.example", "/%0a/evil.example",
	"/%0d%0aSet-Cookie:%20x=1", "https://site.example//evil.example", "https://site.example/%2F/evil.example",
	"/%2F%2Fevil.example", "%2F%2Fevil.example", "http:/\\evil.example", "https:evil.example", "/..//evil.example",
	"/.//evil.example", " //evil.example", "/\u3000/evil.example", "/%E3%80%80/evil.example", "///evil.example",
	"data:text/html,x", "/\x00/evil.example", "/%00/evil.example", "http://evil.example\\@site.example/",
}

// sameSite checks a Location the way browsers read it: a path on this site,
// never a host (no "//" or "/\" start, no raw white space, control
// characters or backslashes, which browsers drop or read as "/").
func sameSite(t *testing.T, loc string) {
	t.Helper()
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
		t.Errorf("Location %q is not a same-site path", loc)
	}
	for _, r := range loc {
		if r <= ' ' || r == 0x7f || r == '\\' || r == '\u3000' {
			t.Errorf("Location %q holds %q", loc, r)
		}
	}
	if dec, err := url.PathUnescape(loc); err == nil && (strings.HasPrefix(dec, "//") || strings.HasPrefix(dec, "/\\")) {
		t.Errorf("Location %q decodes to %q", loc, dec)
	}
	base, _ := url.Parse("http://127.0.0.1:1313/_forms/request")
	if u, err := url.Parse(loc); err != nil || base.ResolveReference(u).Host != base.Host {
		t.Errorf("Location %q leaves the site (%v)", loc, err)
	}
}

func TestNoOpenRedirect(t *testing.T) {
	rc, _ := receiver(t)
	for _, next := range hostileNext {
		v := valid()
		v.Set("_next", next)
		w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", v.Encode(), false)
		if w.Code != http.StatusSeeOther {
			t.Errorf("_next=%q: %d %s", next, w.Code, w.Body)
			continue
		}
		sameSite(t, w.Header().Get("Location"))
	}
	for next, want := range map[string]string{
		"https://learning2gether.example.org/it/thanks/": "/it/thanks/",
		"/de/danke/":     "/de/danke/",
		"/fr/merci":      "/fr/merci",
		"/bg/благодаря/": "/bg/%D0%B1%D0%BB%D0%B0%D0%B3%D0%BE%D0%B4%D0%B0%D1%80%D1%8F/",
		"":               "/en/thanks/",
	} {
		v := valid()
		v.Set("_next", next)
		if w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", v.Encode(), false); w.Header().Get("Location") != want {
			t.Errorf("_next=%q: Location %q, want %q", next, w.Header().Get("Location"), want)
		}
	}
}

// TestSpamIsAnsweredLikeSuccessButNotStored: a filled honeypot, a form sent
// too fast or without its start time get exactly the answer a person gets
// (so that robots learn nothing), are not stored, and leave a line on the
// terminal.
func TestSpamIsAnsweredLikeSuccessButNotStored(t *testing.T) {
	rc, file := receiver(t)
	var log strings.Builder
	rc.Log = &log
	good := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), false)
	goodJSON := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), true)
	stored := len(lines(t, file))
	for name, change := range map[string]func(url.Values){
		"honeypot":           func(v url.Values) { v.Set("website", "http://spam.example") },
		"too fast":           func(v url.Values) { v.Set("_started", fmt.Sprint(now.Add(-time.Second).UnixMilli())) },
		"no start time":      func(v url.Values) { v.Del("_started") },
		"empty start time":   func(v url.Values) { v.Set("_started", "") },
		"start time garbage": func(v url.Values) { v.Set("_started", "soon") },
		"start in future":    func(v url.Values) { v.Set("_started", fmt.Sprint(now.Add(time.Hour).UnixMilli())) },
	} {
		v := valid()
		change(v)
		w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", v.Encode(), false)
		if w.Code != good.Code || w.Header().Get("Location") != good.Header().Get("Location") {
			t.Errorf("%s: answered %d %q; a person gets %d %q", name, w.Code, w.Header().Get("Location"), good.Code, good.Header().Get("Location"))
		}
		w = post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", v.Encode(), true)
		if w.Code != goodJSON.Code || !strings.Contains(w.Body.String(), `"ok":true`) || !strings.Contains(w.Body.String(), `"id":"`) {
			t.Errorf("%s: JSON answer %d %s; a person gets %d %s", name, w.Code, w.Body, goodJSON.Code, goodJSON.Body)
		}
	}
	if got := len(lines(t, file)); got != stored {
		t.Errorf("%d submissions stored after the robots' posts, want %d", got, stored)
	}
	if n := strings.Count(log.String(), "not stored"); n != 12 {
		t.Errorf("%d terminal lines for 12 robot posts:\n%s", n, log.String())
	}
}

func TestConcurrentSubmissionsAllStoredOnce(t *testing.T) {
	rc, file := receiver(t)
	srv := httptest.NewServer(rc)
	defer srv.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v := valid()
			v.Set("name", fmt.Sprintf("person-%03d", i))
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/_forms/request", strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				errs <- fmt.Errorf("status %d", resp.StatusCode)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := lines(t, file)
	names, ids := map[string]int{}, map[string]bool{}
	for _, l := range got {
		names[l["fields"].(map[string]any)["name"].([]any)[0].(string)]++
		ids[l["id"].(string)] = true
	}
	if len(got) != 200 || len(names) != 200 || len(ids) != 200 {
		t.Fatalf("%d lines, %d names, %d ids; want 200 each", len(got), len(names), len(ids))
	}
}

// failing fails every write, like a full disk.
type failing struct{}

func (failing) Append([]byte) error { return errors.New("no space left on device") }

func TestFullDiskAnswers503AndKeepsWhatIsStored(t *testing.T) {
	rc, file := receiver(t)
	post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), true)
	before, _ := os.ReadFile(file)
	rc.Store = failing{}
	if w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), true); w.Code != 503 {
		t.Fatalf("full disk answered %d", w.Code)
	}
	after, _ := os.ReadFile(file)
	if !bytes.Equal(before, after) {
		t.Error("stored submissions changed after a failed write")
	}
	// an unwritable file: the file store answers an error, nothing partial is left
	ro := filepath.Join(t.TempDir(), "ro.jsonl")
	os.WriteFile(ro, []byte("{\"id\":\"x\"}\n"), 0o400)
	if os.Geteuid() != 0 {
		rc.Store = &FileStore{Path: ro}
		if w := post(t, rc, "/_forms/request", "application/x-www-form-urlencoded", valid().Encode(), true); w.Code != 503 {
			t.Errorf("read-only file answered %d", w.Code)
		}
	}
}
