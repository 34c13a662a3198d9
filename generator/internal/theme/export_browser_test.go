package theme_test

import (
	"context"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

// TestExportBox: with [export] on, a module page offers both packages in
// a box whose links download, with no accessibility violation; the box's
// screenshots go to $OERSITE_SCREENSHOTS when it is set.
func TestExportBox(t *testing.T) {
	files := maps.Clone(quizSite)
	files["config.toml"] += "[export]\ncartridge = true\nscorm = true\n"
	srv := buildSite(t, files)
	for _, p := range []string{"/en/modules/reviews/reviews.imscc", "/en/modules/reviews/reviews-scorm12.zip"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", p, err, resp)
		}
		resp.Body.Close()
	}
	ctx := browsertest.New(t)
	tab := browsertest.Tab(t, ctx)
	for _, lang := range []string{"en", "it"} {
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/"+lang+"/modules/reviews/")); err != nil {
			t.Fatal(err)
		}
		links, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".export-box a[download]")).map(a => a.getAttribute("href") + " " + a.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(links) != 2 || !strings.Contains(links[0], ".imscc") || !strings.Contains(links[1], "-scorm12.zip") {
			t.Errorf("%s: the box offers %q", lang, links)
		}
		if v := axeViolations(t, tab); len(v) > 0 {
			t.Errorf("%s: axe: %v", lang, v)
		}
		boxShots(t, tab, "export-box-"+lang)
	}
}

// boxShots saves the export box at 375 and 1280 px, light and dark, into
// $OERSITE_SCREENSHOTS when it is set.
func boxShots(t *testing.T, tab context.Context, name string) {
	out := os.Getenv("OERSITE_SCREENSHOTS")
	if out == "" {
		return
	}
	for _, w := range []int64{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			if err := chromedp.Do(tab, chromedp.EmulateViewport(w, 900), media("", scheme)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(tab, chromedp.Screenshot(chromedp.CSS(".export-box")))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(out, name+"-"+scheme+"-"+itoa(w)+".png"), png, 0o644)
		}
	}
}
