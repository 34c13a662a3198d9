package oer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/oer"
	"github.com/oersite/oersite/generator/internal/theme"
	"github.com/oersite/oersite/themes"
)

// fixtureMetadata returns the metadata builder of the site at src, with
// the default theme's output templates and four workers (as a patch build
// writes them).
func fixtureMetadata(t *testing.T, src string, opt oer.Options) *oer.Builder {
	t.Helper()
	res, err := build.Build(context.Background(), build.Options{Source: src, DryRun: true, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	th, diags := theme.Load(themes.Default, []string{"default/layouts"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	opt.Outputs = th
	opt.Workers = 4
	return oer.New(res.Site, func(_, key string) string { return key }, opt)
}

// sitemapFiles writes the fixture's metadata with the given sitemap limits.
func sitemapFiles(t *testing.T, src string, opt oer.Options) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var mu sync.Mutex // WriteFiles writes on every core
	if _, err := fixtureMetadata(t, src, opt).WriteFiles(oer.Out{Put: func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = data
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSitemapIndexPastTheLimits: past the addresses or bytes one sitemap
// may hold, sitemap.xml becomes an index of sitemap files that together
// list every address once.
func TestSitemapIndexPastTheLimits(t *testing.T) {
	src := filepath.Dir(buildFixture(t))
	whole := checkSitemap(t, sitemapFiles(t, src, oer.Options{})["sitemap.xml"])
	for _, limits := range []oer.Options{{MaxSitemapURLs: 7}, {MaxSitemapBytes: 4000}} {
		t.Run(fmt.Sprintf("%d urls %d bytes", limits.MaxSitemapURLs, limits.MaxSitemapBytes), func(t *testing.T) {
			files := sitemapFiles(t, src, limits)
			var index struct {
				XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
				Sitemaps []struct {
					Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
					Lastmod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
				} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
			}
			if err := xml.Unmarshal(files["sitemap.xml"], &index); err != nil {
				t.Fatalf("sitemap.xml is not an index: %v", err)
			}
			if len(index.Sitemaps) < 2 {
				t.Fatalf("%d sitemaps", len(index.Sitemaps))
			}
			seen := map[string]bool{}
			for _, sm := range index.Sitemaps {
				name := strings.TrimPrefix(sm.Loc, "https://oer.example.org/")
				data, ok := files[name]
				if !ok || sm.Lastmod == "" {
					t.Fatalf("index names %s (lastmod %q), which was not written", sm.Loc, sm.Lastmod)
				}
				if limits.MaxSitemapBytes > 0 && len(data) > limits.MaxSitemapBytes {
					t.Errorf("%s is %d bytes", name, len(data))
				}
				part := checkSitemap(t, data)
				if limits.MaxSitemapURLs > 0 && len(part) > limits.MaxSitemapURLs {
					t.Errorf("%s has %d addresses", name, len(part))
				}
				for loc := range part {
					if seen[loc] {
						t.Errorf("%s listed twice", loc)
					}
					seen[loc] = true
				}
			}
			if len(seen) != len(whole) {
				t.Errorf("the sitemaps list %d addresses, the whole site has %d", len(seen), len(whole))
			}
		})
	}
}

// TestCatalogueStreamed: with Out.Stream set, the catalogue's files come
// through it (a large site's are never held whole), with the same bytes as
// made whole for Put; every other file still comes whole.
func TestCatalogueStreamed(t *testing.T) {
	b := fixtureMetadata(t, filepath.Dir(buildFixture(t)), oer.Options{})
	write := func(streaming bool) (whole, streamed map[string][]byte) {
		whole, streamed = map[string][]byte{}, map[string][]byte{}
		var mu sync.Mutex
		out := oer.Out{Put: func(p string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			whole[p] = data
			return nil
		}}
		if streaming {
			out.Stream = func(p string, write func(io.Writer) error) error {
				var buf bytes.Buffer
				if err := write(&buf); err != nil {
					return err
				}
				mu.Lock()
				defer mu.Unlock()
				streamed[p] = buf.Bytes()
				return nil
			}
		}
		if _, err := b.WriteFiles(out); err != nil {
			t.Fatal(err)
		}
		return whole, streamed
	}
	before, _ := write(false)
	whole, streamed := write(true)
	if len(streamed) != 2 || streamed["catalog.json"] == nil || streamed["catalog.csv"] == nil {
		t.Fatalf("streamed %d files, want catalog.json and catalog.csv", len(streamed))
	}
	for p, data := range before {
		got, ok := whole[p]
		if !ok {
			got, ok = streamed[p]
		}
		if !ok || !bytes.Equal(got, data) {
			t.Errorf("%s: streaming changed its bytes or lost it", p)
		}
	}
	if len(whole)+len(streamed) != len(before) {
		t.Errorf("%d files with Stream, %d without", len(whole)+len(streamed), len(before))
	}
	if !json.Valid(streamed["catalog.json"]) || !bytes.Contains(streamed["catalog.json"], []byte(`"inLanguage"`)) || !strings.HasPrefix(string(streamed["catalog.csv"]), "\ufeffid,language,") {
		t.Errorf("catalogue files malformed:\n%.200s\n%.200s", streamed["catalog.json"], streamed["catalog.csv"])
	}
}
