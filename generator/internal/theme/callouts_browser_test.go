package theme_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
)

// calloutSite is a page with every dialect's callouts, notes for tutors, a
// disclosure and a solution, in English and German.
var calloutSite = map[string]string{
	"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Callouts\"\n[languages.en]\nname = \"English\"\nweight = 1\n[languages.de]\nname = \"Deutsch\"\nweight = 2\n",
	"content/en/callouts.md": "---\ntitle: Answering reviews\n---\nA lesson.\n\n> [!NOTE]\n> Reviews are public.\n\n!!! tip \"Before you post\"\n    Read it aloud.\n\n" +
		":::info\nFrom the phone app.\n:::\n\n{{% notice warning \"Mind your tone\" %}}\nNever argue in public.\n{{% /notice %}}\n\n:::danger\nNo personal data.\n:::\n\n" +
		"??? tip \"Folded tip\"\n    Hidden until opened.\n\n:::tutor Timing\nAllow ten minutes.\n:::\n\n:::details Show an example\nThank you!\n:::\n\n:::solution\nThe cable across the aisle.\n:::\n",
	"content/de/callouts.md": "---\ntitle: Auf Bewertungen antworten\n---\n> [!WARNING]\n> Nie öffentlich streiten.\n\n:::tutor\nZehn Minuten einplanen.\n:::\n\n:::solution\nDas Kabel im Gang.\n:::\n",
}

// TestCalloutsAccessibleAndTutorNotesPrinted checks the callout component
// with axe-core, that notes for tutors and solutions are folded on screen
// and unfolded in print, that a solution says so in the page's language,
// and (with OERSITE_SCREENSHOTS=DIR) saves screenshots at 375 and 1280 px,
// light and dark.
func TestCalloutsAccessibleAndTutorNotesPrinted(t *testing.T) {
	ctx := browsertest.New(t)
	dir := t.TempDir()
	for name, data := range calloutSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	dest := filepath.Join(dir, "public")
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "de"} {
		tab := open(t, ctx, srv.URL+"/"+lang+"/callouts/")
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatal(err)
		}
		res, err := chromedp.Run(tab, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
			.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.nodes.slice(0, 2).map(n => n.target.join(" ")).join(", "))))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var violations []string
		_ = json.Unmarshal([]byte(res), &violations)
		if len(violations) > 0 {
			t.Errorf("%s: axe: %v", lang, violations)
		}
		shown := `document.querySelector(".tutor-notes > p").checkVisibility()`
		solution := `document.querySelector("details.solution > p").checkVisibility()`
		if eval[bool](t, tab, shown) || eval[bool](t, tab, solution) {
			t.Errorf("%s: notes for tutors or the solution are unfolded on screen", lang)
		}
		if got, want := eval[string](t, tab, `document.querySelector("details.solution > summary").textContent`), map[string]string{"en": "Show the solution", "de": "Lösung anzeigen"}[lang]; got != want {
			t.Errorf("%s: the solution says %q, want %q", lang, got, want)
		}
		if err := chromedp.Do(tab, media("print", "light")); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, tab, shown) || !eval[bool](t, tab, solution) {
			t.Errorf("%s: notes for tutors or the solution are folded in print", lang)
		}
		if err := chromedp.Do(tab, media("", "light")); err != nil {
			t.Fatal(err)
		}
		screenshots(t, tab, lang)
	}
}

// media emulates a media type ("print", or "" for the screen) and a colour scheme.
func media(typ, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: typ,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// screenshots saves the page at 375 and 1280 px, light and dark, into
// $OERSITE_SCREENSHOTS when it is set.
func screenshots(t *testing.T, tab context.Context, name string) {
	out := os.Getenv("OERSITE_SCREENSHOTS")
	if out == "" {
		return
	}
	for _, w := range []int64{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			if err := chromedp.Do(tab, chromedp.EmulateViewport(w, 900), media("", scheme)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(out, name+"-"+scheme+"-"+itoa(w)+".png"), png, 0o644)
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
