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
	return &Receiver{
		Specs: map[string]Spec{"request": Resolve("request", testForm(), []string{"posts", "calendar"}, []string{"en", "it"})},
		Store: &FileStore{Path: file},
		Now:   func() time.Time { return now },
	}, file
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
		{"honeypot", "/_forms/request", "application/x-www-form-urlencoded", with("website", "http://spam"), 400, "robot"},
		{"too fast", "/_forms/request", "application/x-www-form-urlencoded", with("_started", fmt.Sprint(now.Add(-time.Second).UnixMilli())), 400, "seconds"},
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
	body := `{"intent":"tutor","name":"Marta","email":"marta@example.org","age":"18-21","consent":true,"_lang":"it"}`
	if w := post(t, rc, "/_forms/request", "application/json", body, true); w.Code != 200 {
		t.Fatalf("tutor intent: %d %s", w.Code, w.Body)
	}
	if got := lines(t, file); len(got) != 1 || got[0]["lang"] != "it" {
		t.Fatalf("stored %v", got)
	}
}

func TestNoOpenRedirect(t *testing.T) {
	for _, next := range []string{"https://evil.example/x", "//evil.example/", "/\\evil", "javascript:alert(1)"} {
		got := thanksPath(next, "de")
		if strings.Contains(got, "evil") || strings.Contains(got, ":") || strings.HasPrefix(got, "//") {
			t.Errorf("thanksPath(%q) = %q", next, got)
		}
	}
	if got := thanksPath("https://learning2gether.example.org/it/thanks/", "it"); got != "/it/thanks/" {
		t.Errorf("own thank-you page: %q", got)
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
