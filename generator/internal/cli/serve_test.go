package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuf collects what a command prints while it runs.
type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve runs `oersite serve args...` until the test ends and returns its
// address and terminal output.
func serve(t *testing.T, args ...string) (string, *syncBuf) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuf{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--port", "0"}, args...), &cli{stdout: out, stderr: out})
	}()
	t.Cleanup(func() { cancel(); <-done })
	addr := regexp.MustCompile(`serving on http://([^/]+)/`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		select {
		case code := <-done:
			t.Fatalf("serve stopped with %d:\n%s", code, out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start:\n%s", out)
	return "", nil
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestServeReceivesTheModulesItsFormOffers: the request form offers each
// module by its address; a module with a slug of its own (here in Italian)
// is offered and must be accepted under that slug.
func TestServeReceivesTheModulesItsFormOffers(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"config.toml": `baseURL = "https://example.org/"
title = "Forms"
defaultLanguage = "en"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[forms.request]
endpoint = "local"
minSeconds = 3
[[forms.request.fields]]
name = "topics"
type = "multiselect"
required = true
optionsFrom = "modules"
`,
		"content/en/_index.md":                  "---\ntitle: Home\nsummary: Home.\n---\nHome.\n",
		"content/en/request.md":                 "---\ntitle: Request\nsummary: Ask.\nlayout: request\n---\nAsk.\n",
		"content/en/modules/social/index.md":    "---\ntitle: Social media\nsummary: Posts.\nslug: social-media\n---\nA module.\n",
		"content/en/modules/social/01-first.md": "---\ntitle: First\nsummary: First lesson.\n---\nLesson.\n",
		"content/it/_index.md":                  "---\ntitle: Home\nsummary: Home.\n---\nHome.\n",
		"content/it/request.md":                 "---\ntitle: Richiesta\nsummary: Chiedi.\nlayout: request\n---\nChiedi.\n",
		"content/it/modules/social/index.md":    "---\ntitle: Social media (it)\nsummary: Post.\nslug: social-network\n---\nUn modulo.\n",
		"content/it/modules/social/01-first.md": "---\ntitle: Primo\nsummary: Prima lezione.\n---\nLezione.\n",
	})
	file := filepath.Join(t.TempDir(), "requests.jsonl")
	addr, out := serve(t, "--source", dir, "--forms", file)
	for _, c := range []struct{ lang, slug string }{{"en", "social-media"}, {"it", "social-network"}} {
		resp, err := http.Get("http://" + addr + "/" + c.lang + "/request/")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(page), `value="`+c.slug+`"`) {
			t.Fatalf("the %s form does not offer %q:\n%s", c.lang, c.slug, page)
		}
		v := url.Values{"topics": {c.slug}, "_lang": {c.lang}, "_started": {fmt.Sprint(time.Now().Add(-time.Minute).UnixMilli())}}
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/_forms/request", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var answer map[string]any
		json.NewDecoder(resp.Body).Decode(&answer)
		resp.Body.Close()
		if resp.StatusCode != 200 || answer["ok"] != true {
			t.Errorf("the receiver refused the %s form's own option %q: %d %v\n%s", c.lang, c.slug, resp.StatusCode, answer, out)
		}
	}
}

// TestServeWarnsWhenReachableFromOtherComputers: --bind with an address
// other computers reach prints a warning saying what that exposes.
func TestServeWarnsWhenReachableFromOtherComputers(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\ntitle = \"Bind\"\n[languages.en]\nname = \"English\"\n",
		"content/en/_index.md": "---\ntitle: Home\nsummary: Home.\n---\nHome.\n",
	})
	_, out := serve(t, "--source", dir, "--bind", "0.0.0.0")
	if !strings.Contains(out.String(), "warning: --bind 0.0.0.0") {
		t.Errorf("no warning for --bind 0.0.0.0:\n%s", out)
	}
	_, out = serve(t, "--source", dir)
	if strings.Contains(out.String(), "warning") {
		t.Errorf("a warning on 127.0.0.1:\n%s", out)
	}
}
