package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// A wikilink to a note no folder has yet links to it once it is written,
// in any folder: a dev server's render cache must not give the old page
// (fails when the name's answer is not among those the cache compares).
func TestWikilinkFindsANoteWrittenLater(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/notes/welcome.md --
---
title: Welcome
---
Read [[Opening hours]].
`)
	dest, cache, render := filepath.Join(t.TempDir(), "public"), t.TempDir(), site.NewRenderCache()
	withCache := func(o *build.Options) { o.Render = render }
	buildInto(t, dir, dest, cache, sitetest.Now, withCache)
	page := func() string {
		t.Helper()
		got, err := os.ReadFile(filepath.Join(dest, "en", "notes", "welcome", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(got)
	}
	if want := `<a href="Opening%20hours.md">Opening hours</a>`; !strings.Contains(page(), want) {
		t.Fatalf("before: no %s", want)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "en", "shop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "shop", "opening-hours.md"), []byte("---\ntitle: Opening hours\n---\nNine to five.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	buildInto(t, dir, dest, cache, sitetest.Now, withCache) // the dev server's way
	if want := `<a href="../../../en/shop/opening-hours/">Opening hours</a>`; !strings.Contains(page(), want) {
		t.Errorf("after: no %s in\n%s", want, page())
	}
}
