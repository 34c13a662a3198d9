package devserver_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/devserver"
	"github.com/oersite/oersite/generator/internal/editor"
)

// TestBrowserFollowsEdits opens a page served by the dev server in headless
// Chromium and edits the site under it: a stylesheet edit is swapped in
// without reloading the page, a body edit reloads it, broken front matter
// shows the error overlay over the last good page, and the fix removes it.
func TestBrowserFollowsEdits(t *testing.T) {
	ctx := browsertest.New(t)
	dir := site(t)
	writeFile(t, dir, "assets/css/site.css", "body { background: rgb(1, 2, 3); }\n")
	srv, _ := start(t, dir)
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate("http://"+srv.Addr()+"/en/about/")); err != nil {
		t.Fatal(err)
	}
	background := `getComputedStyle(document.body).backgroundColor`
	browsertest.WaitFor(t, tab, background+` === "rgb(1, 2, 3)" && !!window.EventSource`)
	// mark this page load: a reload clears the mark
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.sameLoad = true`)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "assets/css/site.css", "body { background: rgb(4, 5, 6); }\n")
	browsertest.WaitFor(t, tab, background+` === "rgb(4, 5, 6)"`)
	if same, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`window.sameLoad === true`)); !same {
		t.Error("a stylesheet edit reloaded the page; it should swap the stylesheet in place")
	}
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nSecond version.\n")
	browsertest.WaitFor(t, tab, `document.body.innerText.includes("Second version.") && window.sameLoad === undefined`)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: [broken\n---\nBroken.\n")
	browsertest.WaitFor(t, tab, `!!document.getElementById("oersite-errors") && document.getElementById("oersite-errors").innerText.includes("content/en/about.md:2") && document.getElementById("oersite-errors").innerText.includes("The last good version is still served. What to fix:")`)
	browsertest.WaitFor(t, tab, `document.body.innerText.includes("Second version.")`)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nThird version.\n")
	browsertest.WaitFor(t, tab, `!document.getElementById("oersite-errors") && document.body.innerText.includes("Third version.")`)
}

// TestPagesWorkUnderTheContentSecurityPolicy opens pages of the example
// site served by the dev server in headless Chromium, with a listener for
// Content-Security-Policy violations installed before any script of the
// page runs: the theme's scripts (lessons marked done, search, the request
// form, the video embed button), its JSON-LD and the reload script must
// work and nothing may be blocked.
func TestPagesWorkUnderTheContentSecurityPolicy(t *testing.T) {
	ctx := browsertest.New(t)
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-r", "../../../content", "../../../themes", "../../../config.toml", dir).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v %s", err, out)
	}
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nOur webinar:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n")
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: io.Discard,
		Now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }})
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(sctx) }()
	defer func() { cancel(); <-done }()
	select {
	case <-srv.Ready(): // the example site takes a while on a busy machine
	case err := <-done:
		t.Fatalf("server stopped: %v", err)
	}
	// a tab of its own with more time than browsertest.Tab's minute: the
	// example site's full rebuild under -race on a busy machine is slow
	tabCtx, closeTab := chromedp.NewContext(ctx)
	defer closeTab()
	if err := chromedp.Do(tabCtx); err != nil { // opens the tab, without a time limit
		t.Fatal(err)
	}
	tab, cancelTab := context.WithTimeout(tabCtx, 8*time.Minute)
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});`})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	base := "http://" + srv.Addr()
	for _, c := range []struct{ path, works string }{
		{"/en/", `document.querySelector("main h1, main h2") !== null`},
		{"/en/modules/social-media-for-your-business/01-why-be-online/",
			`document.querySelector('script[type="application/ld+json"]') !== null && !document.querySelector(".mark-done").hidden`},
		{"/en/search/?q=post", `document.querySelectorAll("[data-results] li").length > 0`},
		// form.js ran; and the form, sent without it, may compose its e-mail
		{"/en/request/", `document.querySelector("form[data-mailto]").noValidate && (HTMLFormElement.prototype.submit.call(document.querySelector("form[data-mailto]")), true)`},
		{"/en/about/", `(document.querySelector("figure.embed button") || {click(){}}).click() || document.querySelector("figure.embed iframe") !== null`},
	} {
		if err := chromedp.Do(tab, chromedp.Navigate(base+c.path)); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitFor(t, tab, c.works)
		// the reload script is loaded (its event stream would be reported if blocked)
		browsertest.WaitFor(t, tab, `performance.getEntriesByType("resource").some(function (e) { return e.name.endsWith("/_oersite/live.js"); })`)
		violations, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`window.cspViolations`))
		if err != nil {
			t.Fatal(err)
		}
		if len(violations) > 0 {
			t.Errorf("%s: blocked by the Content-Security-Policy: %v", c.path, violations)
		}
	}
	// the reload script's error overlay and reload work under the policy
	// too (on a small site: a full rebuild of the example site under -race
	// on a busy machine takes minutes)
	small := site(t)
	srv2, _ := start(t, small)
	if err := chromedp.Do(tab, chromedp.Navigate("http://"+srv2.Addr()+"/en/about/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `performance.getEntriesByType("resource").some(function (e) { return e.name.endsWith("/_oersite/live.js"); })`)
	writeFile(t, small, "content/en/about.md", "---\ntitle: [broken\n---\nBroken.\n")
	waitLong(t, tab, `!!document.getElementById("oersite-errors") && getComputedStyle(document.getElementById("oersite-errors")).position === "fixed"`)
	writeFile(t, small, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nReloaded under the policy.\n")
	waitLong(t, tab, `document.body.innerText.includes("Reloaded under the policy.")`)
	violations, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`window.cspViolations`))
	if err != nil || len(violations) > 0 {
		t.Errorf("the overlay and the reload: blocked by the Content-Security-Policy: %v %v", violations, err)
	}
}

// waitLong waits until a condition holds in tab, for as long as a rebuild
// may take on a busy machine with -race.
func waitLong(t *testing.T, tab context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", cond)
}

// TestErrorOverlayLeadsToTheEditor: with the editor on, a page's mistake
// shown over the preview carries a link that opens the page in the editor,
// where a page it cannot read is its text to correct; the correction saved
// there rebuilds the site and the preview shows it.
func TestErrorOverlayLeadsToTheEditor(t *testing.T) {
	ctx := browsertest.New(t)
	dir := site(t)
	ed, err := editor.New(editor.Options{Source: dir, Token: "t0k3n"})
	if err != nil {
		t.Fatal(err)
	}
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: io.Discard, Debounce: 50 * time.Millisecond,
		Mounts: map[string]http.Handler{editor.Prefix: ed}, EditLink: editor.Prefix + "?token=t0k3n"})
	ctx2, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx2) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-srv.Ready():
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	}
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate("http://"+srv.Addr()+"/en/about/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `!!window.EventSource && document.readyState === "complete"`)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: Step 1: about us\nsummary: About us.\n---\nFirst version.\n")
	browsertest.WaitFor(t, tab, `!!document.querySelector("#oersite-errors a.oersite-correct")`)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#oersite-errors a.oersite-correct"))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `location.pathname === "/_edit/" && !!document.querySelector(".ed-apply")`)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".ed-apply")), chromedp.Click(chromedp.CSS(".ed-fix button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `location.search.includes("saved=1")`)
	if err := chromedp.Do(tab, chromedp.Navigate("http://"+srv.Addr()+"/en/about/")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "content/en/about.md")); !strings.Contains(string(got), `title: "Step 1: about us"`) {
		t.Fatalf("the file:\n%s", got)
	}
	browsertest.WaitFor(t, tab, `document.title.includes("Step 1: about us") && !document.getElementById("oersite-errors")`)
}
