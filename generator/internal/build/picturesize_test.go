package build_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

const picturedSite = baseConfig + `
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/photos.md --
---
title: Photos
---
![The shop from the street](shop.png)

![A drawing of the counter](counter.svg)

![Not there](gone.png)
-- content/en/counter.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 640"><rect width="10" height="10"/></svg>
`

// pngOf is a PNG picture of that size.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A page's pictures carry their size in pixels (a photo's, a drawing's
// viewBox), so that the text under them keeps its place while they load;
// a picture the site lacks has none. A picture replaced by one of another
// size gets its new size in the next build, from a dev server's render
// cache and from a build that takes the last build's renderings.
func TestPicturesCarryTheirSize(t *testing.T) {
	dir := writeSite(t, picturedSite)
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "shop.png"), pngOf(t, 1200, 800), 0o644); err != nil {
		t.Fatal(err)
	}
	dest, cache, render := filepath.Join(t.TempDir(), "public"), t.TempDir(), site.NewRenderCache()
	withCache := func(o *build.Options) { o.Render = render }
	buildInto(t, dir, dest, cache, sitetest.Now, withCache)
	check := func(wants ...string) {
		t.Helper()
		got, err := os.ReadFile(filepath.Join(dest, "en", "photos", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !bytes.Contains(got, []byte(w)) {
				t.Errorf("the page lacks %s", w)
			}
		}
	}
	check(`alt="The shop from the street" width="1200" height="800" />`, `alt="A drawing of the counter" width="360" height="640" loading="lazy" />`,
		`alt="Not there" loading="lazy" />`)
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "shop.png"), pngOf(t, 600, 900), 0o644); err != nil {
		t.Fatal(err)
	}
	buildInto(t, dir, dest, cache, sitetest.Now, withCache) // the dev server's way
	check(`alt="The shop from the street" width="600" height="900" />`)
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "counter.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/>`), 0o644); err != nil {
		t.Fatal(err)
	}
	buildInto(t, dir, dest, cache, sitetest.Now) // a command's second build
	check(`alt="The shop from the street" width="600" height="900" />`, `alt="A drawing of the counter" width="300" height="200" loading="lazy" />`)
}
