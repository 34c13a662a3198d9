package search_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
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
-- content/en/modules/tutoring/index.md --
---
title: Tutoring an adult learner
summary: How a young tutor supports an older worker.
audience: [young-tutors]
level: beginner
---
Listen first, then show, then let the learner do it.
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
`

func buildSite(t *testing.T, offline bool) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(site)).Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	dest := filepath.Join(dir, "public")
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Offline: offline, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return dest
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

func TestSearchInBrowserOverHTTP(t *testing.T) {
	ctx := browsertest.New(t)
	dest := buildSite(t, false)
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	queries(t, ctx, srv.URL, false)
	// typing updates the results and the address
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/search/"), chromedp.SendKeys(chromedp.CSS("#search-q"), "calendar")); err != nil {
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
}
