package build_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/sitetest"
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

// timingNote is what the build's timings tell of a stage besides its time.
func timingNote(res *build.Result, stage string) string {
	for _, tm := range res.Timings {
		if tm.Stage == stage {
			return tm.Note
		}
	}
	return ""
}

// The next build takes the unchanged files' compressed bytes from the last
// zip only while that zip is as the last build left it: a zip changed in
// the output since (same names, other bytes) is not read.
func TestOfflineZipTakesOnlyTheZipItLeft(t *testing.T) {
	dir := writeSite(t, baseConfig+"[offline]\nzip = true\nzipName = \"copy.zip\"\n"+strings.TrimPrefix(multilingual, baseConfig))
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	res := buildInto(t, dir, dest, cache, sitetest.Now, func(o *build.Options) { o.Full = true })
	if note := timingNote(res, "offline zip"); !strings.Contains(note, "files taken from the last zip") || strings.HasPrefix(note, "0 of") {
		t.Errorf("a build in full after one left its zip: %q", note)
	}
	// the same files under the same names, each changed
	zipPath := filepath.Join(dest, "copy.zip")
	data, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var forged bytes.Buffer
	zw := zip.NewWriter(&forged)
	for _, f := range zr.File {
		fw, _ := zw.Create(f.Name)
		fw.Write([]byte("forged"))
	}
	zw.Close()
	if err := os.WriteFile(zipPath, forged.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res = buildInto(t, dir, dest, cache, sitetest.Now)
	if note := timingNote(res, "offline zip"); note != "" {
		t.Errorf("the build read a zip changed in the output: %q", note)
	}
	if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, sitetest.Now)); !ok {
		t.Errorf("the output is not what a fresh build writes: %s", why)
	}
}
