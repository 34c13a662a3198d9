package search_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

const site = `-- config.toml --
baseURL = "https://search.example.org/"
title = "Search test"
[vocabulary.audiences]
sme-workers = "professional"
young-tutors = "peerTutor"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[languages.de]
name = "Deutsch"
weight = 3
[languages.is]
name = "Íslenska"
weight = 4
-- content/en/modules/tutoring/index.md --
---
title: Tutoring an adult learner
summary: How a young tutor supports an older worker.
audience: [young-tutors]
level: beginner
---
Listen first, then show, then let the learner do it.

## Listening first

Ask what the learner wants to do with the phone this week.

## Steps on the phone, slowly

Show each step on the learner's own phone, slowly.

## Patience

Older workers learn fast when nobody hurries them; keep a spreadsheet of what was learned.
-- content/en/modules/posts/index.md --
---
title: Writing posts people read
summary: Short posts for a small business.
audience: [sme-workers]
level: beginner
---
A tutor can help a bakery write its first post.
-- content/en/resources/calendar/index.md --
---
title: Content calendar template
summary: Plan a week of posts for your business page.
type: template
link: https://example.org/calendar
audience: [sme-workers]
level: intermediate
---
Days, platforms and topics.
-- content/it/modules/posts/index.md --
---
title: Scrivere post che la gente legge
summary: Post brevi per le piccole imprese.
audience: [sme-workers]
level: beginner
---
Un panificio e la sua prima impresa online.
-- content/it/modules/tutoring/index.md --
---
title: Affiancare un adulto che impara
summary: Come un giovane tutor sostiene un lavoratore.
audience: [young-tutors]
level: beginner
---
Prima si ascolta.
-- content/de/modules/posts/index.md --
---
title: Beiträge, die gelesen werden
summary: Kurze Beiträge für kleine Betriebe und Bewertungen.
audience: [sme-workers]
level: beginner
---
Eine Bäckerei schreibt ihren ersten Beitrag.
-- content/is/modules/posts/index.md --
---
title: Þjálfun fyrir fyrirtæki
summary: Stuttar færslur fyrir lítil fyrirtæki.
audience: [sme-workers]
level: beginner
---
Bakarí skrifar sína fyrstu færslu á samfélagsmiðla.
`

// moreItalian adds Italian stories about a bakery, enough for a second screen of results.
func moreItalian() string {
	var b strings.Builder
	for i := 1; i <= 13; i++ {
		fmt.Fprintf(&b, "-- content/it/stories/forno-%02d.md --\n---\ntitle: Storia del forno %d\n---\nUn panificio di quartiere e i suoi clienti, storia numero %d.\n", i, i, i)
	}
	return b.String()
}

func buildSite(t *testing.T, offline bool) string {
	t.Helper()
	dir := sitetest.Write(t, site+moreItalian())
	sitetest.Build(t, dir, func(o *build.Options) {
		o.Offline, o.Now = offline, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	})
	return filepath.Join(dir, "public")
}

// firstResult opens a search page URL and returns the first result's title, or the status when none.
func firstResult(t *testing.T, ctx context.Context, url string) (string, string) {
	t.Helper()
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	_, err := chromedp.Run(tab, chromedp.Poll[bool](`(document.querySelector("[data-results] li h2") !== null) || /\S/.test(document.querySelector("[data-status]").textContent) && !/Loading/.test(document.querySelector("[data-status]").textContent)`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("%s: no results or status: %v", url, err)
	}
	title, _ := chromedp.Run(tab, chromedp.Evaluate[string](`(document.querySelector("[data-results] li h2")||{textContent:""}).textContent`))
	status, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("[data-status]").textContent`))
	return title, status
}

func queries(t *testing.T, ctx context.Context, base string, fromDisk bool) {
	page := func(lang, q string) string {
		p := base + "/" + lang + "/search/"
		if fromDisk {
			p += "index.html"
		}
		return p + "?q=" + q
	}
	cases := []struct{ lang, q, want string }{
		{"en", "tutoring", "Tutoring an adult learner"},
		{"en", "tutors+bakery", "Writing posts people read"},
		{"en", "calend", "Content calendar template"},
		{"en", "calnedar", "Content calendar template"},
		{"it", "imprese", "Scrivere post che la gente legge"},
		{"it", "giovani+tutor", "Affiancare un adulto che impara"},
		{"de", "bewertung", "Beiträge, die gelesen werden"},
		{"de", "backerei", "Beiträge, die gelesen werden"},
	}
	for _, c := range cases {
		got, status := firstResult(t, ctx, page(c.lang, c.q))
		if got != c.want {
			t.Errorf("%s %q: first result %q (status %q), want %q", c.lang, c.q, got, status, c.want)
		}
	}
	if got, status := firstResult(t, ctx, page("en", "zzzqqq")); got != "" || !strings.Contains(status, "Nothing matches") {
		t.Errorf("no-match query: result %q, status %q", got, status)
	}
	// a filter narrows the results: only resources
	got, _ := firstResult(t, ctx, page("en", "posts&kind=resource"))
	if got != "Content calendar template" {
		t.Errorf("kind=resource filter: first result %q", got)
	}
}

// shown is what the search page shows for its first result.
type shown struct {
	Status, Title, Href, Section, Excerpt, Fallback string
	Marks                                           []string
	Sections                                        []string
	SectionsShown                                   []string // as rendered (innerText)
	Count                                           int
	More                                            bool
	FilterMarker                                    string
}

const shownJS = `(() => { const r = document.querySelector("[data-results] li"), q = s => r && r.querySelector(s), t = s => (q(s) || {textContent: ""}).textContent;
  return {Status: document.querySelector("[data-status]").textContent, Title: t("h2"), Href: (q("h2 a") || {}).href || "",
    Section: t(".search-section"), Excerpt: t(".search-excerpt"), Fallback: t(".search-fallback"),
    Marks: Array.from(document.querySelectorAll("[data-results] mark")).map(m => m.textContent),
    Sections: Array.from(r ? r.querySelectorAll(".search-sections a") : []).map(a => a.textContent),
    SectionsShown: Array.from(r ? r.querySelectorAll(".search-sections a") : []).map(a => a.innerText.replace(/\s+/g, " ")),
    Count: document.querySelectorAll("[data-results] > li").length, More: getComputedStyle(document.querySelector(".search-more")).display !== "none",
    FilterMarker: getComputedStyle(document.querySelector(".search-filters summary")).display}; })()`

// open loads a search page and waits until it has shown its results.
func open(t *testing.T, ctx context.Context, url string) (context.Context, shown) {
	t.Helper()
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	browsertest.WaitFor(t, tab, `document.getElementById("oersite-search").dataset.state === "done"`)
	got, err := chromedp.Run(tab, chromedp.Evaluate[shown](shownJS))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return tab, got
}

// presentation checks what results show besides their titles: the matching
// section and its passage, highlights of other forms of the words, pages
// shown in another language, stop words, accents, more results.
func presentation(t *testing.T, ctx context.Context, page func(lang, q string) string) {
	sectionsAndHighlights(t, ctx, page)
	languages(t, ctx, page)
	showMore(t, ctx, page)
}

func sectionsAndHighlights(t *testing.T, ctx context.Context, page func(lang, q string) string) {
	_, got := open(t, ctx, page("en", "spreadsheet"))
	if !strings.HasSuffix(got.Href, "#patience") || got.Section != "Patience" || strings.Contains(got.Excerpt, "Patience") || !strings.Contains(got.Excerpt, "keep a spreadsheet") || !slices.Contains(got.Marks, "spreadsheet") {
		t.Errorf("a word in a section: link %q, section %q, excerpt %q, marks %q", got.Href, got.Section, got.Excerpt, got.Marks)
	}
	if got.FilterMarker != "list-item" {
		t.Errorf("the filters' disclosure shows no marker: summary is display:%s", got.FilterMarker)
	}
	if got.More {
		t.Errorf("one result, yet a button offers more")
	}
	_, got = open(t, ctx, page("en", "phone+learner"))
	if got.Title != "Tutoring an adult learner" || !slices.Contains(got.Sections, "Steps on the phone, slowly") {
		t.Errorf("other matching sections: first %q, sections %q", got.Title, got.Sections)
	}
	// A highlighted word keeps the spaces around it ("Types ofreviewsand" was
	// shown when each piece of a link's text became a flex item).
	if !slices.Equal(got.SectionsShown, got.Sections) {
		t.Errorf("other matching sections shown as %q, their text is %q", got.SectionsShown, got.Sections)
	}
	_, got = open(t, ctx, page("en", "tutoring"))
	if !slices.ContainsFunc(got.Marks, func(m string) bool { return strings.EqualFold(m, "tutor") }) {
		t.Errorf("stemmed forms are not highlighted: marks %q", got.Marks)
	}
	_, got = open(t, ctx, page("en", "calnedar"))
	if !slices.ContainsFunc(got.Marks, func(m string) bool { return strings.EqualFold(m, "calendar") }) {
		t.Errorf("the corrected word is not highlighted: marks %q", got.Marks)
	}
}

func languages(t *testing.T, ctx context.Context, page func(lang, q string) string) {
	_, got := open(t, ctx, page("it", "calendar"))
	if got.Title != "Content calendar template" || got.Fallback != "Disponibile solo in: Inglese" || !strings.Contains(got.Href, "/it/resources/calendar/") {
		t.Errorf("Italian search for an English page shown in Italian: %+v", got)
	}
	_, got = open(t, ctx, page("it", "perch%C3%A9+imprese"))
	if got.Title != "Scrivere post che la gente legge" || !strings.Contains(got.Status, "perché") {
		t.Errorf("a stop word in the query: first %q, status %q", got.Title, got.Status)
	}
	// Icelandic has no stemmer: a word also finds the words it begins ("faersl": færslur, færslu).
	for _, q := range []string{"thjalfun", "%C3%9Ej%C3%A1lfun", "fyrirtaeki", "FYRIRT%C3%86KI", "faersl+bakari"} {
		if _, got = open(t, ctx, page("is", q)); got.Title != "Þjálfun fyrir fyrirtæki" {
			t.Errorf("Icelandic %q: first %q, status %q", q, got.Title, got.Status)
		}
	}
}

func showMore(t *testing.T, ctx context.Context, page func(lang, q string) string) {
	tab, got := open(t, ctx, page("it", "panificio"))
	if got.Count != 5 || !got.More || !strings.HasPrefix(got.Status, "14 ") {
		t.Fatalf("14 matches: %d shown, more button %v, status %q", got.Count, got.More, got.Status)
	}
	for _, step := range []struct{ count, firstNew int }{{10, 5}, {14, 10}} {
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".search-more"))); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitFor(t, tab, fmt.Sprintf(`document.querySelectorAll("[data-results] > li").length === %d && document.activeElement === document.querySelectorAll("[data-results] > li")[%d].querySelector("a")`, step.count, step.firstNew))
	}
	browsertest.WaitFor(t, tab, `getComputedStyle(document.querySelector(".search-more")).display === "none" && document.querySelectorAll("[data-results] .search-excerpt").length === 14`)
}

// TestSearchBoxShowsResultsAsYouType types into the header's box on a
// lesson page: the first results show under it, reachable with the arrow key.
func TestSearchBoxShowsResultsAsYouType(t *testing.T) {
	ctx := browsertest.New(t)
	dest := buildSite(t, false)
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/modules/posts/"), chromedp.Click(chromedp.CSS("#header-q")), browsertest.Type("#header-q", "calend")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `!document.querySelector(".search-suggest").hidden && document.querySelector(".search-suggest a").textContent === "Content calendar template"`)
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `document.activeElement === document.querySelector(".search-suggest a") && document.querySelector(".header-search [role=status]").textContent !== ""`)
	axeClean(t, tab, "the search box's results")
	results, _ := open(t, ctx, srv.URL+"/it/search/?q=calendar+post")
	axeClean(t, results, "the search page's results")
	dark := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	for _, tb := range []context.Context{tab, results} {
		if _, err := chromedp.Call(tb, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: dark}); err != nil {
			t.Fatal(err)
		}
	}
	axeClean(t, tab, "the search box's results in dark mode")
	axeClean(t, results, "the search page's results in dark mode")
}

// axeClean runs axe-core's WCAG 2.1 A and AA rules on the tab's page.
func axeClean(t *testing.T, tab context.Context, what string) {
	t.Helper()
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(tab, chromedp.Evaluate[string](string(axe)+`;axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.nodes.slice(0, 2).map(n => n.target.join(" ")).join(", "))))`, chromedp.EvalAwaitPromise))
	if err != nil || res != "[]" {
		t.Errorf("axe on %s: %s %v", what, res, err)
	}
}

// recorder serves dir and remembers the paths asked for under /_search/.
type recorder struct {
	mu    sync.Mutex
	paths []string
}

func (r *recorder) serve(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasPrefix(req.URL.Path, "/_search/") {
			r.mu.Lock()
			r.paths = append(r.paths, req.URL.Path)
			r.mu.Unlock()
		}
		files.ServeHTTP(w, req)
	})
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.paths
	r.paths = nil
	return p
}

// TestFirstQueryLoadsClientAndManifestAsOneFile: the search page and the
// header's box load their language's client, which carries the manifest,
// so that the first query's word files are asked for in the next round
// trip, not the one after.
func TestFirstQueryLoadsClientAndManifestAsOneFile(t *testing.T) {
	ctx := browsertest.New(t)
	dest := buildSite(t, false)
	var rec recorder
	srv := httptest.NewServer(rec.serve(dest))
	defer srv.Close()
	open(t, ctx, srv.URL+"/it/search/?q=calendario")
	got := rec.take()
	if !slices.Contains(got, "/_search/it/search.js") || slices.Contains(got, "/_search/it/index.js") || slices.Contains(got, "/_search/search.js") {
		t.Errorf("the search page asked for %v; want /_search/it/search.js, and neither the shared client nor index.js", got)
	}
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/modules/posts/"), chromedp.Click(chromedp.CSS("#header-q")), browsertest.Type("#header-q", "calend")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `!document.querySelector(".search-suggest").hidden && document.querySelector(".search-suggest a").textContent === "Content calendar template"`)
	got = rec.take()
	if !slices.Contains(got, "/_search/en/search.js") || slices.Contains(got, "/_search/en/index.js") {
		t.Errorf("the header's search box asked for %v; want /_search/en/search.js and no index.js", got)
	}
}

func TestSearchInBrowserOverHTTP(t *testing.T) {
	ctx := browsertest.New(t)
	dest := buildSite(t, false)
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	queries(t, ctx, srv.URL, false)
	presentation(t, ctx, func(lang, q string) string { return srv.URL + "/" + lang + "/search/?q=" + q })
	// typing updates the results and the address
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/search/"), browsertest.Type("#search-q", "calendar")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](`location.search === "?q=calendar" && document.querySelectorAll("[data-results] li").length > 0`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("typing did not update results and URL: %v", err)
	}
}

func TestSearchInBrowserFromDisk(t *testing.T) {
	ctx := browsertest.New(t)
	dest := buildSite(t, true)
	queries(t, ctx, "file://"+dest, true)
	presentation(t, ctx, func(lang, q string) string { return "file://" + dest + "/" + lang + "/search/index.html?q=" + q })
}
