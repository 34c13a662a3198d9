package theme_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

var headingTag = regexp.MustCompile(`<h([1-6])[\s>]`)

// TestExampleSitePagesAreValidHTML checks every page of the example site:
// headings never skip a level on any layout, and the Nu Html Checker (the
// W3C validator) reports no error.
func TestExampleSitePagesAreValidHTML(t *testing.T) {
	dest := exampleSite(t)
	var pages []string
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if len(pages) < 1000 {
		t.Fatalf("only %d pages", len(pages))
	}
	t.Run("headings", func(t *testing.T) {
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
	})
	t.Run("vnu", func(t *testing.T) {
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
	})
}
