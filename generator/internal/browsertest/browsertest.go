// Package browsertest starts headless Chromium for tests. A test that needs
// the browser is skipped with a clear message when Chromium is not installed,
// and fails instead when OERSITE_REQUIRE_BROWSER=1 (as in CI).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Find returns the path of a Chromium binary, or "".
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Options are how every headless Chromium here is started, the Chromium at
// path: without a sandbox, a GPU, or network traffic of its own (updates,
// sync, QUIC). As in chromedp's and Puppeteer's defaults, its shared memory
// goes to the temporary folder, not to /dev/shm (64 MB in a default
// container, and Chromium's pages crash when it fills), and pages in tabs
// that are not in front keep their timers and rendering at full speed.
func Options(path string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
	}
}

// New returns a context driving a new headless Chromium, closed when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Find()
	if path == "" {
		if os.Getenv("OERSITE_REQUIRE_BROWSER") == "1" {
			t.Fatal("Chromium is required (OERSITE_REQUIRE_BROWSER=1) but not installed: apt-get install chromium")
		}
		t.Skip("Chromium is not installed (apt-get install chromium); skipping the browser test")
	}
	opts := append(Options(path), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser; no timeout on this first call
		cancelCtx()
		cancelAlloc()
		t.Fatalf("cannot start Chromium at %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// Tab opens a new tab in the browser of ctx, with a time limit for what runs in it.
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	return Limit(t, LongTab(t, ctx))
}

// LongTab opens a tab for many pages, one after the other, closed when the
// test ends. Moving one tab from page to page is about three times as fast
// as a new tab per page (its renderer keeps the scripts it compiled, axe-core
// among them), and leaves one tab open (tabs left open slow Chromium down for
// every page after them). It has no time limit: give each page's steps one
// with Limit.
func LongTab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	if err := chromedp.Do(tab); err != nil {
		cancel()
		t.Fatalf("cannot open a tab: %v", err)
	}
	t.Cleanup(cancel)
	return tab
}

// Limit returns the tab with the time limit for one page's steps: a page
// that never loads fails its test instead of hanging the whole run. The
// limit ends with the test (or subtest) t; the tab stays open.
func Limit(t testing.TB, tab context.Context) context.Context {
	limited, cancel := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(cancel)
	return limited
}

// WaitFor waits until a JavaScript condition holds in tab, across page
// loads (an evaluation during a navigation is simply tried again).
func WaitFor(t testing.TB, tab context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	state, _ := chromedp.Run(tab, chromedp.Evaluate[string](`location.href + " | " + Array.from(document.querySelectorAll("[role=status], .error:not([hidden])")).map(e => (e.id || "") + ":" + e.textContent).join(" | ")`))
	t.Fatalf("timed out waiting for %s\n page state: %s", cond, state)
}

// Type focuses the element css selects and types text into it as key
// events, the way a person would. It stands in for chromedp.SendKeys,
// which reads the element's attributes without the lock chromedp's DOM
// event handler writes them under (the race detector fails a test on it).
func Type(css, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Focus(chromedp.CSS(css)), chromedp.KeyEvent(text))
}
