package theme_test

import (
	"context"
	"image"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
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
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":                      "baseURL = \"https://example.org/\"\ntitle = \"Pictures\"\n",
		"content/en/modules/m/index.md":    "---\ntitle: Market day\nsummary: A stall.\n---\n",
		"content/en/modules/m/01-stall.md": "---\ntitle: Your stall\n---\n![A stall with fruit](stall.jpg)\n\nA clear picture tells customers what you sell.\n",
		"content/en/modules/m/stall.jpg":   "",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	f, err := os.Create(filepath.Join(dir, "content/en/modules/m/stall.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(f, image.NewGray(image.Rect(0, 0, 2400, 1600)), nil); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dest := filepath.Join(dir, "public")
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
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
