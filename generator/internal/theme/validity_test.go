package theme_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/scaffold"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

var headingTag = regexp.MustCompile(`<h([1-6])[\s>]`)

// TestExampleSitePagesAreValidHTML checks every page of the example site:
// headings never skip a level on any layout, and the Nu Html Checker (the
// W3C validator) reports no error.
func TestExampleSitePagesAreValidHTML(t *testing.T) {
	dest := exampleSite(t)
	pages := htmlPages(dest)
	if len(pages) < 1000 {
		t.Fatalf("only %d pages", len(pages))
	}
	t.Run("headings", func(t *testing.T) { headingsInOrder(t, dest, pages) })
	t.Run("vnu", func(t *testing.T) { validHTML(t, dest) })
}

// TestNewSitePagesAreValidHTML checks every page of a site as `oersite new
// site` starts it, with a module of one lesson and its knowledge check:
// its home page has no heading of its own under the headline, and the
// progress box's headings (h3) followed the h1 there.
func TestNewSitePagesAreValidHTML(t *testing.T) {
	files, _, err := scaffold.Site(scaffold.SiteData{Title: "Digital steps", BaseURL: "https://steps.example.org/", Languages: []string{"en", "de"}, Date: "2026-11-23"})
	if err != nil {
		t.Fatal(err)
	}
	site := &txtar.Archive{Files: []txtar.File{
		{Name: "content/en/modules/first-steps/index.md", Data: []byte("---\ntitle: First steps\nsummary: Turn the phone on and find your way.\n---\n")},
		{Name: "content/en/modules/first-steps/01-on.md", Data: []byte("---\ntitle: Turn it on\n---\n\nHold the side button.\n\n:::quiz\nWhich button?\n\n- [x] The side button\n- [ ] The screen\n:::\n")},
	}}
	for _, f := range files {
		site.Files = append(site.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	dir := t.TempDir()
	sitetest.WriteInto(t, dir, site)
	sitetest.Build(t, dir)
	sitetest.Contains(t, dir, "en/index.html", "progress-tools") // the module is seen: the home page has the box
	dest := filepath.Join(dir, "public")
	headingsInOrder(t, dest, htmlPages(dest))
	t.Run("vnu", func(t *testing.T) { validHTML(t, dest) })
}

// htmlPages are the HTML files of the site at dest.
func htmlPages(dest string) []string {
	var pages []string
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	return pages
}

// headingsInOrder fails the test for every heading of pages that skips a
// level (an h3 after an h1).
func headingsInOrder(t *testing.T, dest string, pages []string) {
	t.Helper()
	skips := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, m := range headingTag.FindAllSubmatch(data, -1) {
			level := int(m[1][0] - '0')
			if level > prev+1 {
				if skips++; skips <= 10 {
					t.Errorf("%s: h%d follows h%d", strings.TrimPrefix(p, dest), level, prev)
				}
			}
			prev = level
		}
	}
	if skips > 10 {
		t.Errorf("... %d skipped heading levels in all", skips)
	}
}

// validHTML fails the test for every error the Nu Html Checker finds in
// the site at dest.
func validHTML(t *testing.T, dest string) {
	t.Helper()
	{
		java := browsertest.Java(t)
		jar := browsertest.NodeModule(t, "vnu-jar/build/dist/vnu.jar")
		out, err := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", dest).CombinedOutput()
		var report struct {
			Messages []struct {
				Type, URL, Message string
				LastLine           int
			}
		}
		if jerr := json.Unmarshal(out, &report); jerr != nil {
			t.Fatalf("the Nu Html Checker failed (%v): %s", err, out)
		}
		n := 0
		for _, m := range report.Messages {
			if m.Type != "error" {
				continue
			}
			if n++; n <= 20 {
				t.Errorf("%s:%d: %s", strings.TrimPrefix(m.URL, "file:"+dest), m.LastLine, m.Message)
			}
		}
		if n > 20 {
			t.Errorf("... %d errors in all", n)
		}
	}
}
