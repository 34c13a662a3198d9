package build_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOfflineZipOfferedAndDeterministic: a site with [offline] zip = true offers
// its offline copy in the footer, and two builds give the same zip bytes.
func TestOfflineZipOfferedAndDeterministic(t *testing.T) {
	dir := writeSite(t, baseConfig+"[offline]\nzip = true\nzipName = \"copy.zip\"\n"+strings.TrimPrefix(multilingual, baseConfig))
	buildSite(t, dir)
	first, err := os.ReadFile(filepath.Join(dir, "public", "copy.zip"))
	if err != nil {
		t.Fatal(err)
	}
	assertContains(t, dir, "en/about/index.html", `href="../../copy.zip" download`)
	assertContains(t, dir, "mirror.json", `"path": "copy.zip"`)
	buildSite(t, dir)
	second, _ := os.ReadFile(filepath.Join(dir, "public", "copy.zip"))
	if !bytes.Equal(first, second) {
		t.Fatal("two builds gave different zips")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range zr.File {
		if f.Name == "test-oer-offline/en/about/index.html" {
			rc, _ := f.Open()
			page, _ := io.ReadAll(rc)
			rc.Close()
			found = true
			if !strings.Contains(string(page), `href="../../en/index.html"`) || strings.Contains(string(page), "copy.zip") {
				t.Errorf("the zipped page is not the offline build:\n%s", page)
			}
		}
	}
	if !found {
		t.Errorf("zip lacks the offline about page; has %d files", len(zr.File))
	}
}
