package searchbench

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/realtext"
	"github.com/oersite/oersite/generator/internal/search"
)

// knownItem is a page and the query that should find it: its three rarest words.
type knownItem struct {
	url, query string
}

// knownItems picks, for each page of a language, its three rarest words of
// four letters or more (fewest pages of the language contain them; ties
// alphabetically), skipping words with digits.
func knownItems(lang string, pages []realtext.Page) []knownItem {
	df := map[string]int{}
	pageWords := make([][]string, len(pages))
	for i, p := range pages {
		seen := map[string]bool{}
		text := p.Title
		for _, s := range p.Sections {
			text += " " + s.Heading + " " + strings.Join(s.Paragraphs, " ")
		}
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			k := search.Fold(lang, w)
			if len([]rune(k)) < 4 || strings.ContainsFunc(k, unicode.IsDigit) || seen[k] {
				continue
			}
			seen[k] = true
			df[k]++
			pageWords[i] = append(pageWords[i], strings.ToLower(w))
		}
	}
	var out []knownItem
	for i, ws := range pageWords {
		slices.SortStableFunc(ws, func(a, b string) int {
			return cmp.Or(cmp.Compare(df[search.Fold(lang, a)], df[search.Fold(lang, b)]), cmp.Compare(a, b))
		})
		if len(ws) >= 3 {
			out = append(out, knownItem{url: fmt.Sprintf("%s/modules/page-%05d/", lang, i), query: strings.Join(ws[:3], " ")})
		}
	}
	return out
}

// TestKnownItemRanking builds a site of real prose, 100 pages in each of
// five languages, and searches each page by its three rarest words, in the
// browser (the static index and its client) and with bleve (oersite search):
// the page should come first. It reports the mean reciprocal rank in the
// first ten (MRR@10). The corpus lives outside the repository:
// OERSITE_CORPUS=/tmp/oer-corpus (see package realtext); without it the
// test is skipped.
func TestKnownItemRanking(t *testing.T) {
	corpus := os.Getenv("OERSITE_CORPUS")
	if corpus == "" {
		t.Skip("set OERSITE_CORPUS to a corpus folder (see package realtext) to run the known-item ranking test")
	}
	langs := []string{"en", "fr", "es", "pt", "it"}
	dir := t.TempDir()
	const perLang = 100
	if err := realtext.Write(dir, realtext.Spec{Corpus: corpus, Languages: langs, Pages: perLang}); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "public"))))
	defer srv.Close()
	var sumBrowser, sumBleve float64
	n := 0
	for _, lang := range langs {
		arts, err := realtext.ReadCorpus(filepath.Join(corpus, lang), lang)
		if err != nil {
			t.Fatal(err)
		}
		items := knownItems(lang, realtext.Pick(realtext.Pages(arts), perLang))
		rb, rl := knownItemRanks(t, ctx, srv.URL, dir, lang, items)
		t.Logf("%s: %d pages, MRR@10 browser %.3f, bleve %.3f", lang, len(items), rb/float64(len(items)), rl/float64(len(items)))
		sumBrowser += rb
		sumBleve += rl
		n += len(items)
	}
	mrr := sumBrowser / float64(n)
	t.Logf("all: %d pages, MRR@10 browser %.3f, bleve %.3f", n, mrr, sumBleve/float64(n))
	if n < 100*len(langs)*9/10 || mrr < 0.8 {
		t.Errorf("known-item search: MRR@10 %.3f over %d pages", mrr, n)
	}
}

// knownItemRanks sums the reciprocal ranks of the pages for their queries,
// in the browser and with bleve.
func knownItemRanks(t *testing.T, ctx context.Context, base, site, lang string, items []knownItem) (browser, bleve float64) {
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/"+lang+"/search/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `typeof oersiteSearch.rank === "function" && document.getElementById("oersite-search").dataset.state === "done"`)
	ix, err := build.OpenSearch(context.Background(), filepath.Join(site, ".oersite"), lang)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, it := range items {
		urls, err := chromedp.Run(tab, chromedp.Evaluate[[]string](fmt.Sprintf(`oersiteSearch.rank(%q, 10)`, it.query), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s %q: %v", lang, it.query, err)
		}
		browser += reciprocal(urls, it.url)
		if reciprocal(urls, it.url) < 1 {
			t.Logf("%s %q: %s is not first: %v", lang, it.query, it.url, urls[:min(3, len(urls))])
		}
		hits, err := ix.Search(it.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.URL)
		}
		bleve += reciprocal(got, it.url)
	}
	return browser, bleve
}

func reciprocal(ranked []string, want string) float64 {
	if i := slices.Index(ranked, want); i >= 0 && i < 10 {
		return 1 / float64(i+1)
	}
	return 0
}
