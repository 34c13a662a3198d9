package search_test

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// tailSite is a site of n pages where three common words ("harbour",
// "ledger", "lantern") are in most pages, each frequent in a third of them
// and rare in the rest: the best postings of each (its head) have few pages
// in common, so a query of all three must read their tails.
func tailSite(n int) string {
	var b strings.Builder
	b.WriteString("-- config.toml --\nbaseURL = \"https://tails.example.org/\"\ntitle = \"Tails\"\n[offline]\nzip = false\n[languages.en]\nname = \"English\"\nweight = 1\n")
	filler := strings.Fields("the shop opens early and the owner writes down every order in a notebook before the first customer comes in with bread and milk")
	// words in every page, between the three in alphabetical order: their
	// tails fill the files between the three words' tails
	between := strings.Fields("iron island jacket jelly kettle kitchen knot lamp laptop later laundry lawn layer leaf")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "-- content/en/modules/m%04d/index.md --\n---\ntitle: Module %d\nsummary: Page %d.\n---\n", i, i, i)
		counts := []int{1, 1, 1}
		counts[i%3] = 2 + i%13 // each page is about one of the three
		for w, word := range []string{"harbour", "ledger", "lantern"} {
			if (i+w)%9 == 0 {
				continue // not every page holds every word
			}
			for k := 0; k < counts[w]; k++ {
				b.WriteString(word + " ")
			}
		}
		b.WriteString(strings.Join(between, " ") + " ")
		for k := 0; k < 20+(i*13)%60; k++ {
			b.WriteString(filler[(i+k)%len(filler)] + " ")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestTailsLoadedUntilTheFirstResultsAreProven: when the heads cannot
// decide a query, the client reads the words' tails a file at a time until
// the first results are proven, and shows what reading every posting would:
// the same pages in the same order. (Here the heads, each within its
// word's third of the pages, have no page in common; on 100,000 pages of
// real text no query of the benchmark reads a tail since heads hold 3,000
// bytes: see NOTES.md.)
func TestTailsLoadedUntilTheFirstResultsAreProven(t *testing.T) {
	ctx := browsertest.New(t)
	dir := sitetest.Write(t, tailSite(5400))
	sitetest.Build(t, dir, func(o *build.Options) { o.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) })
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()
	const q = "harbour ledger lantern"
	type ranking struct {
		Top   []string
		Tails int
	}
	run := func(full bool) ranking {
		tab := browsertest.Tab(t, ctx)
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/search/")); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitFor(t, tab, `typeof window.oersiteSearch.rank === "function"`)
		js := fmt.Sprintf(`window.oersiteSearch.rank(%q, 10, %v).then(top => ({Top: top,
			Tails: performance.getEntriesByType("resource").filter(e => /\/p-\d+\.js$/.test(e.name)).length}))`, q, full)
		got, err := chromedp.Run(tab, chromedp.Evaluate[ranking](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	all, some := run(true), run(false)
	if len(all.Top) != 10 || all.Tails < 3 {
		t.Fatalf("the site does not make the query read tails: %d results, %d tail files", len(all.Top), all.Tails)
	}
	if strings.Join(some.Top, " ") != strings.Join(all.Top, " ") {
		t.Errorf("first results\n%v\nwant, as from every posting,\n%v", some.Top, all.Top)
	}
	if some.Tails == 0 {
		t.Errorf("read no tail file: the heads decided, and the test shows nothing")
	}
	t.Logf("%d of %d tail files read", some.Tails, all.Tails)
}

// TestEveryResultOnTheFirstScreenShowsText: a result that is no query
// word's best page has no passage; it shows its summary, on the first
// screen too, even when its title came in a word's file (a rare word's
// file holds the titles of all its pages, not their summaries).
func TestEveryResultOnTheFirstScreenShowsText(t *testing.T) {
	ctx := browsertest.New(t)
	var b strings.Builder
	b.WriteString("-- config.toml --\nbaseURL = \"https://text.example.org/\"\ntitle = \"Text\"\n[offline]\nzip = false\n[languages.en]\nname = \"English\"\nweight = 1\n")
	const n = 14 // under RareRows: the word's file holds every page's title
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "-- content/en/modules/p%02d/index.md --\n---\ntitle: Page %d\nsummary: What page %d is about.\n---\n", i, i, i)
		b.WriteString(strings.Repeat("harbour ", i+1) + strings.Repeat("ledger ", n-i) + "and some other words to read.\n")
	}
	dir := sitetest.Write(t, b.String())
	sitetest.Build(t, dir, func(o *build.Options) { o.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) })
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/search/?q=harbour+ledger")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `document.getElementById("oersite-search").dataset.state === "done"`)
	type result struct{ Title, Text string }
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]result](`Array.from(document.querySelectorAll("[data-results] > li")).map(li =>
		({Title: li.querySelector("h2").textContent, Text: (li.querySelector(".search-excerpt") || {textContent: ""}).textContent}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Fatalf("%d results on the first screen, want 5", len(got))
	}
	for _, r := range got {
		if strings.TrimSpace(r.Text) == "" {
			t.Errorf("%s shows no passage and no summary", r.Title)
		}
	}
}

// TestAWordCostsOneShard: a word whose stem sorts into another shard
// ("marketing": "market", parted by a boundary because the words between
// them, each in every page, are too large to share one file) is answered
// from the one shard it is looked up in, which carries its stem's head.
func TestAWordCostsOneShard(t *testing.T) {
	ctx := browsertest.New(t)
	var b strings.Builder
	b.WriteString("-- config.toml --\nbaseURL = \"https://family.example.org/\"\ntitle = \"Family\"\n[offline]\nzip = false\n[languages.en]\nname = \"English\"\nweight = 1\n")
	between := strings.Fields("marketb marketc marketd marketf marketg marketh marketj marketk")
	for i := 0; i < 3200; i++ {
		fmt.Fprintf(&b, "-- content/en/modules/m%04d/index.md --\n---\ntitle: Module %d\nsummary: Page %d.\n---\n", i, i, i)
		b.WriteString(strings.Repeat("market ", 1+i%5) + strings.Repeat("marketing ", 1+i%3))
		for k, w := range between {
			if h := (i*7919 + k*104729 + i*i*31) % 101; h < 80 { // in most pages, each word in others: heads that compress as real ones
				b.WriteString(strings.Repeat(w+" ", 1+h%5))
			}
		}
		b.WriteString(strings.Repeat("and more words ", i%7) + "\n")
	}
	dir := sitetest.Write(t, b.String())
	sitetest.Build(t, dir, func(o *build.Options) { o.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) })
	public := filepath.Join(dir, "public")
	manifest, err := os.ReadFile(filepath.Join(public, "_search", "en", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Keys string }
	if err := json.Unmarshal(bytes.TrimSuffix(manifest[bytes.IndexByte(manifest, '{'):], []byte(");\n")), &m); err != nil {
		t.Fatal(err)
	}
	shard := func(key string) int {
		n := 0
		for _, first := range strings.Fields(m.Keys) {
			if first <= key {
				n++
			}
		}
		return n
	}
	if shard("market") == shard("marketing") {
		t.Fatalf("market and marketing share t-%d: the test shows nothing", shard("market"))
	}
	var rec recorder
	srv := httptest.NewServer(rec.serve(public))
	defer srv.Close()
	open(t, ctx, srv.URL+"/en/search/?q=marketing")
	var shards []string
	for _, p := range rec.take() {
		if strings.Contains(p, "/t-") {
			shards = append(shards, p)
		}
	}
	if want := fmt.Sprintf("/_search/en/t-%d.js", shard("marketing")); len(shards) != 1 || shards[0] != want {
		t.Errorf("the query asked for the shards %v; want only %s", shards, want)
	}
}
