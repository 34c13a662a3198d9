package build_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
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
// size gets its new size in the next build: a dev server's, whose render
// cache must not give the old page (fails without the comparison of the
// picture's answer), and a command's (a changed picture makes it a full
// build, which renders every page again).
func TestPicturesCarryTheirSize(t *testing.T) {
	dir := writeSite(t, picturedSite)
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "shop.png"), pngOf(t, 1000, 800), 0o644); err != nil {
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
	check(`alt="The shop from the street" width="1000" height="800" />`, `alt="A drawing of the counter" width="360" height="640" loading="lazy" />`,
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

// jpegOf is a JPEG picture of that size.
func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A large picture gets smaller copies, which its page offers in srcset (a
// phone loads one instead of the picture): written under _pictures/ at
// 960 and 1440 pixels wide, kept in the cache folder and taken from there
// by the next build; a small one gets none; one whose header reads but
// whose pixels do not has its own bytes under the copies' names (the page
// still shows it) and a warning.
func TestLargePicturesHaveSmallerCopies(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/photos.md --
---
title: Photos
---
![The street](street.jpg)

![The till](till.jpg)

![The door](door.jpg)
`)
	broken := jpegOf(t, 2000, 1500)[:1500] // the size is there, the pixels are cut off
	for name, data := range map[string][]byte{"street.jpg": jpegOf(t, 2000, 1500), "till.jpg": jpegOf(t, 800, 600), "door.jpg": broken} {
		if err := os.WriteFile(filepath.Join(dir, "content", "en", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	res := buildInto(t, dir, dest, cache, sitetest.Now)
	page, err := os.ReadFile(filepath.Join(dest, "en", "photos", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<img src="../../en/street.jpg" alt="The street" srcset="../../_pictures/en/street.960w.jpg 960w, ../../_pictures/en/street.1440w.jpg 1440w, ../../en/street.jpg 2000w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" width="2000" height="1500" />`,
		`<img src="../../en/till.jpg" alt="The till" width="800" height="600" loading="lazy" />`,
		`srcset="../../_pictures/en/door.960w.jpg 960w, ../../_pictures/en/door.1440w.jpg 1440w, ../../en/door.jpg 2000w"`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
	copies := map[string][]byte{}
	for _, c := range []struct {
		name string
		size image.Point
	}{{"street.960w.jpg", image.Point{960, 720}}, {"street.1440w.jpg", image.Point{1440, 1080}}} {
		data, err := os.ReadFile(filepath.Join(dest, "_pictures", "en", c.name))
		if err != nil {
			t.Fatal(err)
		}
		m, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || m.Width != c.size.X || m.Height != c.size.Y {
			t.Errorf("%s: %dx%d %v, want %v", c.name, m.Width, m.Height, err, c.size)
		}
		copies[c.name] = data
	}
	if door, err := os.ReadFile(filepath.Join(dest, "_pictures", "en", "door.960w.jpg")); err != nil || !bytes.Equal(door, broken) {
		t.Errorf("the broken picture's copy: %d bytes, %v; want its own bytes", len(door), err)
	}
	if _, err := os.Stat(filepath.Join(dest, "_pictures", "en", "till.960w.jpg")); err == nil {
		t.Error("a small picture has a copy")
	}
	warned := false
	for _, d := range res.Diags {
		warned = warned || strings.Contains(d.String(), "door.jpg") && strings.Contains(d.String(), "phones load this picture at full size")
	}
	if !warned {
		t.Errorf("no warning for the broken picture: %v", res.Diags)
	}
	kept, _ := filepath.Glob(filepath.Join(cache, "pictures", "*"))
	if len(kept) != 2 {
		t.Errorf("the cache keeps %v, want the two copies of the street", kept)
	}
	// the next build takes them from the cache: a copy changed there is
	// the copy it writes
	for _, k := range kept {
		if err := os.WriteFile(k, []byte("from the cache"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	again := filepath.Join(t.TempDir(), "again")
	buildInto(t, dir, again, cache, sitetest.Now)
	if got, _ := os.ReadFile(filepath.Join(again, "_pictures", "en", "street.960w.jpg")); string(got) != "from the cache" {
		t.Errorf("the second build made its copy again (%d bytes) instead of taking the cache's", len(got))
	}
}
