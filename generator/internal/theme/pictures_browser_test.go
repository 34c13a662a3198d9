package theme_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// TestPicturesLoadTheCopyTheirColumnNeeds: a large photo in a lesson is
// offered with copies 960 and 1,440 px wide; on a phone, on a desktop and
// on a desktop's sharp screen, the browser loads the smallest that is as
// sharp as the default theme's column shows it (config's default
// pictureSizes is that column). Before, sizes said "as wide as the
// screen", and a 1,600 px desktop loaded the whole original for a column
// of 640 px.
func TestPicturesLoadTheCopyTheirColumnNeeds(t *testing.T) {
	ctx := browsertest.New(t)
	dir := sitetest.Write(t, `-- config.toml --
baseURL = "https://example.org/"
title = "Pictures"
-- content/en/modules/m/index.md --
---
title: Market day
summary: A stall.
---
-- content/en/modules/m/01-stall.md --
---
title: Your stall
---
![A stall with fruit](stall.jpg)

A clear picture tells customers what you sell.
`)
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, image.NewGray(image.Rect(0, 0, 2400, 1600)), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/en/modules/m/stall.jpg"), photo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sitetest.Build(t, dir)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()
	// from the smallest copy needed to the largest: a browser may show a
	// larger copy it already holds
	for _, c := range []struct {
		name   string
		width  int64
		scale  float64
		mobile bool
		want   string
	}{
		{"desktop", 1600, 1, false, "stall.960w.jpg"},
		{"phone", 375, 3, true, "stall.1440w.jpg"},
		{"sharp desktop", 1600, 2, false, "stall.1440w.jpg"},
	} {
		t.Run(c.name, func(t *testing.T) {
			view := chromedp.EmulateViewport(c.width, 800, chromedp.EmulateScale(c.scale))
			if c.mobile {
				view = chromedp.EmulateViewport(c.width, 800, chromedp.EmulateScale(c.scale), chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			tab := visit(t, browsertest.LongTab(t, ctx), srv.URL+"/en/modules/m/01-stall/", view)
			if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`new Promise(r => { const i = document.querySelector("main img"); i.complete ? r(true) : i.onload = () => r(true) })`, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatalf("the picture did not load: %v", err)
			}
			got := eval[string](t, tab, `document.querySelector("main img").currentSrc`)
			shown := eval[float64](t, tab, `document.querySelector("main img").getBoundingClientRect().width`)
			if !strings.HasSuffix(got, "/"+c.want) {
				t.Errorf("%.0f px wide at %gx: loaded %s, want %s", shown, c.scale, got, c.want)
			}
		})
	}
}
