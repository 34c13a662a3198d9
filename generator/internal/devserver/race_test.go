package devserver

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestServingDuringRebuildsIsRaceFree hammers the file handler from several
// goroutines while full and incremental rebuilds publish new files: run with
// -race, it fails if a handler reads what a rebuild writes.
func TestServingDuringRebuildsIsRaceFree(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "baseURL = \"https://example.org/\"\ntitle = \"Race\"\n[languages.en]\nname = \"English\"\n")
	write("content/en/_index.md", "---\ntitle: Home\nsummary: Welcome.\n---\nHello.\n")
	write("content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nFirst.\n")
	s := New(Options{Source: dir, Log: io.Discard, Now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }})
	ctx := context.Background()
	s.rebuild(ctx, nil, true)
	h := s.Handler()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, p := range []string{"/en/about/", "/en/", "/sitemap.xml", "/nope/"} {
					w := httptest.NewRecorder()
					h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1/"+p[1:], nil))
					if w.Code != 200 && w.Code != 404 {
						t.Errorf("GET %s: %d", p, w.Code)
					}
				}
			}
		}()
	}
	for i := range 6 {
		if i%2 == 0 {
			write("content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nEdit "+string(rune('a'+i))+".\n")
			s.rebuild(ctx, []string{"content/en/about.md"}, false)
		} else {
			s.rebuild(ctx, []string{"+content/en/new.md"}, false)
		}
	}
	close(stop)
	wg.Wait()
}
