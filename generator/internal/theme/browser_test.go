package theme_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/site"
)

// theExample is the repository's example site, built once for the package's
// tests on first use: each test only reads it, and five builds under the race
// detector took about four minutes of CI.
var theExample struct {
	once     sync.Once
	dir      string // removed by TestMain
	warnings []string
	config   config.Config
	site     *site.Site
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if theExample.dir != "" {
		os.RemoveAll(theExample.dir)
	}
	os.Exit(code)
}

// exampleSite returns the folder of the example site's output, built on the
// first call. It must not be written to.
func exampleSite(t *testing.T) string {
	t.Helper()
	theExample.once.Do(buildExample)
	if theExample.err != nil {
		t.Fatal(theExample.err)
	}
	// every page of the example is checked: none may wait for a later date
	// than the tests' build date (the charts page did, and axe checked a
	// folder listing in its place)
	for _, w := range theExample.warnings {
		if strings.Contains(w, "after the build date") {
			t.Errorf("the example site has a page the tests do not see: %v", w)
		}
	}
	return filepath.Join(theExample.dir, "public")
}

func buildExample() {
	dir, err := os.MkdirTemp("", "oersite-theme-example")
	if err != nil {
		theExample.err = err
		return
	}
	theExample.dir = dir
	res, err := build.Build(context.Background(), build.Options{Source: repo, Dest: filepath.Join(dir, "public"),
		CacheDir: filepath.Join(dir, "cache"), Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		theExample.err = err
		return
	}
	theExample.config, theExample.site = res.Config, res.Site
	for _, d := range res.Diags.Warnings() {
		theExample.warnings = append(theExample.warnings, d.String())
	}
}

func open(t *testing.T, ctx context.Context, url string) context.Context {
	t.Helper()
	return visit(t, browsertest.LongTab(t, ctx), url)
}

// visit moves tab (a browsertest.LongTab) to url, after the steps before
// (a viewport to emulate, say), and returns it with the time limit for what
// the test (or subtest) t does on that page.
func visit(t *testing.T, tab context.Context, url string, before ...chromedp.Action[chromedp.Void]) context.Context {
	t.Helper()
	page := browsertest.Limit(t, tab)
	if err := chromedp.Do(page, append(before, chromedp.Navigate(url))...); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return page
}

func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// axeRun runs axe-core's WCAG 2.1 A and AA rules on the page in tab, and
// its heading-order rule (a best practice that Lighthouse's accessibility
// score counts: a screen reader's list of headings should not jump a
// level), and returns the violations, one line each.
func axeRun(t *testing.T, tab context.Context, axe []byte) []string {
	t.Helper()
	return axeRunOnly(t, tab, axe, `{type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, rules: {"heading-order": {enabled: true}}`)
}

// axeIn makes the tab's pages prefer the colour scheme ("light" or "dark")
// and runs axe-core on the page: every rule in light mode, the rules on
// colour in dark mode.
func axeIn(t *testing.T, tab context.Context, axe []byte, scheme string) []string {
	t.Helper()
	colorScheme(t, tab, scheme)
	if scheme == "dark" {
		return axeColours(t, tab, axe)
	}
	return axeRun(t, tab, axe)
}

// axeColours runs only axe-core's rules on colour (contrast, and links told
// apart from the text around them by more than colour): the theme's dark
// mode changes colours and nothing else, so the other rules find in dark
// mode what they found in light mode, and need not run again.
func axeColours(t *testing.T, tab context.Context, axe []byte) []string {
	t.Helper()
	return axeRunOnly(t, tab, axe, `{type: "rule", values: ["color-contrast", "link-in-text-block"]}`)
}

// axeRunOnly injects axe-core into the page unless it is there, runs it
// with only as its runOnly option (followed by other options, as axeRun's
// rules) and returns the violations, one line each.
func axeRunOnly(t *testing.T, tab context.Context, axe []byte, only string) []string {
	t.Helper()
	if loaded, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`!!window.axe`)); !loaded {
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatalf("injecting axe: %v", err)
		}
	}
	res, err := chromedp.Run(tab, chromedp.Evaluate[string](`axe.run(document, {runOnly: `+only+`})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	var violations []map[string]any
	_ = json.Unmarshal([]byte(res), &violations)
	var out []string
	for _, v := range violations {
		out = append(out, fmt.Sprintf("%v (%v): %v", v["id"], v["impact"], v["nodes"]))
	}
	return out
}

// colorScheme makes the tab's pages prefer a light or dark colour scheme,
// as a device set to dark mode does.
func colorScheme(t *testing.T, tab context.Context, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		t.Fatal(err)
	}
}

// TestAccessibilityWithAxe runs axe-core (WCAG 2.1 A and AA rules) on one
// page of every layout in English, Italian and Bulgarian, in light and in
// dark mode, and on a phone with the menu and the language chooser open.
func TestAccessibilityWithAxe(t *testing.T) {
	ctx := browsertest.New(t)
	dest := exampleSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"", "modules/", "modules/writing-posts-people-read/", "modules/writing-posts-people-read/01-a-first-line-that-stops-the-scroll/",
		"modules/tutoring-an-adult-learner/02-show-do-review/",
		"webinars/", "webinars/content-calendar-live/", "resources/", "resources/first-post-checklist/", "stories/", "stories/a-bakery-in-bari/",
		"about/", "accessibility/", "request/", "privacy/", "modules/business-page-step-by-step/04-google-business-profile/", "search/?q=post", "audience/", "audience/sme-workers/", "404.html",
		"partners/", "opportunities/", "digital-skills-across-europe/", "news/", "paths/", "paths/your-business-online/"}
	checked := 0
	tab := browsertest.LongTab(t, ctx)
	for _, lang := range []string{"en", "it", "bg"} {
		for _, p := range pages {
			t.Run(lang+"/"+p, func(t *testing.T) {
				url := srv.URL + "/" + lang + "/" + p
				tab := visit(t, tab, url)
				for _, scheme := range []string{"light", "dark"} {
					for _, v := range axeIn(t, tab, axe, scheme) {
						t.Errorf("%s (%s): %s", strings.TrimPrefix(url, srv.URL), scheme, v)
					}
					checked++
				}
			})
		}
	}
	// on a phone, with each disclosure of the header open
	for _, scheme := range []string{"light", "dark"} {
		for _, open := range []string{".lang-switch", ".nav-menu"} {
			tab := visit(t, tab, srv.URL+"/bg/", onPhone(375))
			if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(open+" summary"))); err != nil {
				t.Fatal(err)
			}
			for _, v := range axeIn(t, tab, axe, scheme) {
				t.Errorf("/bg/ on a phone with %s open (%s): %s", open, scheme, v)
			}
		}
	}
	// on a phone, a table wider than the screen scrolls sideways, and the
	// keyboard can reach it to scroll it (axe: scrollable-region-focusable)
	wide := visit(t, tab, srv.URL+"/en/modules/planning-a-one-to-one-session/02-a-session-plan/", onPhone(375))
	if !eval[bool](t, wide, `(() => { const t = document.querySelector(".prose table"); return t.scrollWidth > t.clientWidth })()`) {
		t.Error("the session plan's table fits a 375 px screen: pick a page whose table does not, or this check proves nothing")
	}
	for _, v := range axeIn(t, wide, axe, "light") {
		t.Errorf("a lesson with a wide table on a phone: %s", v)
	}
	// the check itself can fail: a planted image without alt text is found
	bad := visit(t, tab, srv.URL+"/en/about/", chromedp.EmulateViewport(1280, 900))
	chromedp.Run(bad, chromedp.Evaluate[bool](string(axe)+`;document.querySelector("main").insertAdjacentHTML("beforeend", "<img src='x.png'>");true`))
	if n, _ := chromedp.Run(bad, chromedp.Evaluate[int](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a"]}}).then(r => r.violations.length)`, chromedp.EvalAwaitPromise)); n == 0 {
		t.Error("axe did not report a planted image without alt text: the check is not running")
	}
	// and the dark-mode check finds text that is dark on the dark ground
	chromedp.Run(bad, chromedp.Evaluate[bool](`document.querySelector("main").insertAdjacentHTML("beforeend", "<p style='color: #333'>Dark grey words</p>");true`))
	if v := axeIn(t, bad, axe, "dark"); !strings.Contains(strings.Join(v, " "), "color-contrast") {
		t.Errorf("in dark mode, axe did not report dark grey text on the dark ground: %v", v)
	}
	// the root language chooser
	if v := axeIn(t, visit(t, tab, srv.URL+"/"), axe, "light"); len(v) != 0 {
		t.Errorf("root page: %v", v)
	}
	if checked < 100 {
		t.Errorf("only %d pages checked", checked)
	}
}

// waitNavigated waits until the tab has left before and finished loading.
func waitNavigated(t *testing.T, tab context.Context, before string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		href, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && href != "" && href != before {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page did not change from %s", before)
}

// press sends a key to the focused element.
func press(t *testing.T, tab context.Context, key string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
}

// tabTo presses Tab until the focused element's text contains want, then Enter.
func tabTo(t *testing.T, tab context.Context, want string) {
	t.Helper()
	for i := 0; i < 80; i++ {
		press(t, tab, "\t")
		got := eval[string](t, tab, `(document.activeElement && document.activeElement.textContent || "").trim()`)
		if strings.Contains(got, want) {
			before := eval[string](t, tab, "location.href")
			press(t, tab, "\r")
			waitNavigated(t, tab, before)
			return
		}
	}
	t.Fatalf("could not reach %q with the keyboard", want)
}

func TestKeyboardPathLanguageSwitchAndProgress(t *testing.T) {
	ctx := browsertest.New(t)
	dest := exampleSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()

	tab := open(t, ctx, srv.URL+"/en/")
	tabTo(t, tab, "Modules")
	tabTo(t, tab, "Writing posts people read")
	tabTo(t, tab, "Start the first lesson")
	if title := eval[string](t, tab, "document.querySelector('h1').textContent"); title != "A first line that stops the scroll" {
		t.Fatalf("keyboard path reached %q", title)
	}
	tabTo(t, tab, "Short, clear and in your own voice")
	if path := eval[string](t, tab, "location.pathname"); path != "/en/modules/writing-posts-people-read/02-short-clear-your-voice/" {
		t.Fatalf("next lesson by keyboard reached %s", path)
	}

	// language switch lands on the translated page: the chooser is a disclosure, opened with the keyboard
	if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(`.lang-switch summary`))); err != nil {
		t.Fatal(err)
	}
	press(t, tab, "\r")
	if open := eval[bool](t, tab, `document.querySelector(".lang-switch").open`); !open {
		t.Fatal("Enter on the language chooser did not open it")
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="it"]`))); err != nil {
		t.Fatal(err)
	}
	waitNavigated(t, tab, srv.URL+"/en/modules/writing-posts-people-read/02-short-clear-your-voice/")
	if path, lang := eval[string](t, tab, "location.pathname"), eval[string](t, tab, "document.documentElement.lang"); path != "/it/modules/writing-posts-people-read/02-short-clear-your-voice/" || lang != "it" {
		t.Fatalf("language switch reached %s (lang %s)", path, lang)
	}
	if h1 := eval[string](t, tab, "document.querySelector('h1').textContent"); h1 != "Breve, chiaro e con la Sua voce" {
		t.Errorf("Italian page title %q", h1)
	}

	// mark as done survives a reload and shows on the module page
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".mark-done button"))); err != nil {
		t.Fatal(err)
	}
	chromedp.Do(tab, chromedp.Reload())
	browsertest.WaitFor(t, tab, `document.readyState === "complete" && !document.querySelector(".mark-done").hidden`)
	if pressed := eval[string](t, tab, `document.querySelector(".mark-done button").getAttribute("aria-pressed")`); pressed != "true" {
		t.Errorf("after reload the lesson is not marked done (aria-pressed=%s)", pressed)
	}
	chromedp.Do(tab, chromedp.Navigate(srv.URL+"/it/modules/writing-posts-people-read/"))
	if done := eval[int](t, tab, `document.querySelectorAll(".lessons li.done").length`); done != 1 {
		t.Errorf("module page shows %d lessons done, want 1", done)
	}
}
