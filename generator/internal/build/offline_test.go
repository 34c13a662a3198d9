package build_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

var hrefRE = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)

// TestOfflineBuildLinksWorkFromDisk checks every link of an offline build:
// relative, ending in index.html or naming a file, and leading to a file that exists.
func TestOfflineBuildLinksWorkFromDisk(t *testing.T) {
	dir := writeSite(t, moduleSite+strings.TrimPrefix(multilingual, baseConfig)+strings.TrimPrefix(webinarSite, baseConfig))
	dest := filepath.Join(t.TempDir(), "offline")
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Offline: true, Now: now}); err != nil {
		t.Fatal(err)
	}
	checked := 0
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, _ := os.ReadFile(p)
		page, _ := filepath.Rel(dest, p)
		if strings.Contains(string(data), "https://example.org/oer/") {
			t.Errorf("%s names the hosted site's address", page)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(data), -1) {
			link := m[1]
			if link == "" || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "mailto:") || strings.Contains(link, "://") {
				continue
			}
			target := strings.SplitN(strings.SplitN(link, "#", 2)[0], "?", 2)[0]
			if strings.HasPrefix(target, "/") {
				t.Errorf("%s: root-based link %q does not work from disk", page, link)
				continue
			}
			if strings.HasSuffix(target, "/") {
				t.Errorf("%s: directory link %q does not open from disk", page, link)
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: link %q leads nowhere", page, link)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Errorf("only %d links checked", checked)
	}
}
