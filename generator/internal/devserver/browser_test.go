package devserver_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
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
	browsertest.WaitFor(t, tab, `!!document.getElementById("oersite-errors") && document.getElementById("oersite-errors").innerText.includes("content/en/about.md:2")`)
	browsertest.WaitFor(t, tab, `document.body.innerText.includes("Second version.")`)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nThird version.\n")
	browsertest.WaitFor(t, tab, `!document.getElementById("oersite-errors") && document.body.innerText.includes("Third version.")`)
}
