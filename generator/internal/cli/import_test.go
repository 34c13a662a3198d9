package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/sitetest"
)

// `oersite import h5p FILE` makes a module of an H5P file; with --module
// its lesson goes into a module of the site, and says so.
func TestImportH5PCommand(t *testing.T) {
	site := sitetest.Write(t, `-- config.toml --
baseURL = "https://example.org/"
title = "Shop skills"
defaultLanguage = "en"
[languages.en]
name = "English"
-- content/en/_index.md --
---
title: Home
---
-- content/en/modules/shop-photos/index.md --
---
title: Shop photos
---
`)
	var zb bytes.Buffer
	z := zip.NewWriter(&zb)
	for name, text := range map[string]string{
		"h5p.json":             `{"title":"Kind replies","mainLibrary":"H5P.TrueFalse","license":"CC BY","licenseVersion":"4.0"}`,
		"content/content.json": `{"question":"<p>Thank every reviewer.</p>","correct":"true"}`,
	} {
		w, _ := z.Create(name)
		w.Write([]byte(text))
	}
	z.Close()
	file := filepath.Join(t.TempDir(), "replies.h5p")
	if err := os.WriteFile(file, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := Run(context.Background(), []string{"import", "h5p", file, "--site", site}, &out, &errs); code != 0 || !strings.Contains(out.String(), `imported "Kind replies" as 1 module, with 0 files:`) {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errs.String())
	}
	if _, err := os.Stat(filepath.Join(site, "content/en/modules/kind-replies/01-kind-replies.md")); err != nil {
		t.Error(err)
	}
	out.Reset()
	if code := Run(context.Background(), []string{"import", "h5p", file, "--site", site, "--module", "shop-photos"}, &out, &errs); code != 0 ||
		!strings.Contains(out.String(), `imported "Kind replies" into `+filepath.ToSlash(filepath.Join(site, "content/en/modules/shop-photos"))+`, as 1 lesson with 0 files`) {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errs.String())
	}
	b, err := os.ReadFile(filepath.Join(site, "content/en/modules/shop-photos/01-kind-replies.md"))
	if err != nil || !strings.Contains(string(b), "licence: CC-BY-4.0\n") || !strings.Contains(string(b), ":::quiz Kind replies\n") {
		t.Errorf("%v\n%s", err, b)
	}
}
