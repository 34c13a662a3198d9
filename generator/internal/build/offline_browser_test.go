package build_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
)

// TestOfflineExampleSiteFromDisk opens the example site's offline build with
// file:// and walks home, module, lesson, next lesson, language switch, a
// search and a webinar, failing on any request that does not load.
func TestOfflineExampleSiteFromDisk(t *testing.T) {
	ctx := browsertest.New(t)
	dest := filepath.Join(t.TempDir(), "offline")
	if _, err := build.Build(context.Background(), build.Options{Source: "../../..", Dest: dest, Offline: true, SearchInMemory: true, Now: now}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var failed []string
	urls := map[network.RequestID]string{}
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
		case *network.EventLoadingFailed:
			if !e.Canceled {
				failed = append(failed, urls[e.RequestID]+": "+e.ErrorText)
			}
		}
	}))
	defer cancel()
	tab, cancelTime := context.WithTimeout(tab, 60*time.Second)
	defer cancelTime()
	base := "file://" + dest
	step := func(what string, a chromedp.Action[chromedp.Void], wantPath string) {
		t.Helper()
		if err := chromedp.Do(tab, a); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			p, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
			if err == nil && strings.HasSuffix(p, wantPath) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		p, _ := chromedp.Run(tab, chromedp.Evaluate[string](`location.pathname`))
		t.Fatalf("%s: at %s, want ...%s", what, p, wantPath)
	}
	step("open home", chromedp.Navigate(base+"/en/index.html"), "/en/index.html")
	step("modules", chromedp.Click(chromedp.CSS(`.main-nav a[href$="modules/index.html"]`)), "/en/modules/index.html")
	step("module", chromedp.Click(chromedp.CSS(`a[href$="writing-posts-people-read/index.html"]`)), "/en/modules/writing-posts-people-read/index.html")
	step("first lesson", chromedp.Click(chromedp.CSS(`a.button[href$="01-a-first-line-that-stops-the-scroll/index.html"]`)), "01-a-first-line-that-stops-the-scroll/index.html")
	step("next lesson", chromedp.Click(chromedp.CSS(`a[rel=next]`)), "02-short-clear-your-voice/index.html")
	// progress from disk: a lesson done counts on the certificate page; the
	// printable module and the progress code work there too
	browsertest.WaitFor(t, tab, `!document.querySelector(".mark-done").hidden`)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.mark-done button`))); err != nil {
		t.Fatal(err)
	}
	step("certificate", chromedp.Navigate(base+"/en/modules/writing-posts-people-read/certificate/index.html"), "/certificate/index.html")
	browsertest.WaitFor(t, tab, `document.querySelector(".certificate-count").textContent.startsWith("You have done 1 of ")`)
	step("printable module", chromedp.Navigate(base+"/en/modules/writing-posts-people-read/print/index.html"), "/print/index.html")
	step("home", chromedp.Navigate(base+"/en/index.html"), "/en/index.html")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-progress-tools] > summary`)), chromedp.Click(chromedp.CSS(`[data-progress-show]`))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `/^1[0-9A-Z]{3}-/.test(document.querySelector(".progress-code code").textContent)`)
	step("back to the lesson", chromedp.Navigate(base+"/en/modules/writing-posts-people-read/02-short-clear-your-voice/index.html"), "02-short-clear-your-voice/index.html")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.lang-switch summary`))); err != nil { // the language chooser is a disclosure
		t.Fatalf("opening the language chooser: %v", err)
	}
	step("language switch", chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="de"]`)), "/de/modules/writing-posts-people-read/02-short-clear-your-voice/index.html")
	step("search", chromedp.Navigate(base+"/de/search/index.html?q=bewertungen"), "/de/search/index.html")
	deadline := time.Now().Add(10 * time.Second)
	first := ""
	for time.Now().Before(deadline) && first == "" {
		first, _ = chromedp.Run(tab, chromedp.Evaluate[string](`(document.querySelector("[data-results] li h2") || {textContent: ""}).textContent`))
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(first, "Bewertungen") {
		t.Errorf("offline search for 'bewertungen' found %q first", first)
	}
	// "needs an internet connection" shows beside the Join link only while the browser is offline
	step("webinar", chromedp.Navigate(base+"/en/webinars/content-calendar-live/index.html"), "/en/webinars/content-calendar-live/index.html")
	note := `Array.from(document.querySelectorAll(".needs-internet")).some(n => n.checkVisibility())`
	if shown, _ := chromedp.Run(tab, chromedp.Evaluate[bool](note)); shown {
		t.Error("the offline copy shows the internet note while the browser is online")
	}
	if _, err := chromedp.Call(tab, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, note)
	mu.Lock()
	real := append([]string(nil), failed...)
	mu.Unlock()
	for _, f := range real {
		t.Errorf("failed request: %s", f)
	}
	// the watch itself works: a missing picture is reported
	chromedp.Run(tab, chromedp.Evaluate[bool](`document.body.insertAdjacentHTML("beforeend", "<img src='missing-on-purpose.png' alt=''>"); true`))
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		mu.Lock()
		n := len(failed)
		mu.Unlock()
		if n > len(real) {
			return
		}
	}
	t.Error("a missing file was not reported: the failed-request watch does not work")
}
