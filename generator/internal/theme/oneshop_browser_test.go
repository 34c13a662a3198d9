package theme_test

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

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
)

// oneShopSite has partners' harvested data, opportunities and a request
// form, in English and Italian.
var oneShopSite = map[string]string{
	"config.toml": `baseURL = "https://example.org/"
title = "Shop"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[forms.request]
endpoint = "https://forms.example.org/f/1"
recipient = "Example partnership"
retentionMonths = 12
[[forms.request.fields]]
name = "message"
type = "textarea"
[[partners]]
id = "archivio"
name = "Archivio Puglia"
country = "IT"
url = "https://archivio.example.it/oai.xml"
licence = "CC-BY-4.0"
[[partners]]
id = "edunet"
name = "Edunet"
country = "BG"
url = "https://edunet.example.bg/catalog.json"
`,
	"data/partners/archivio/items.json": `[
 {"id": "a1", "url": "https://archivio.example.it/r/1", "title": "Fotografare i prodotti", "description": "Luce e sfondo.", "languages": ["it"], "type": "video"},
 {"id": "a2", "url": "https://archivio.example.it/r/2", "title": "Selling at markets", "languages": ["en"], "type": "text", "licence": "CC-BY-SA-4.0"}
]`,
	"data/partners/edunet/items.json": `[
 {"id": "e1", "url": "https://edunet.example.bg/r/1", "title": "Безопасни пароли", "languages": ["bg"], "type": "text", "authors": ["Edunet"]}
]`,
	"data/partners/edunet/events.json": `[
 {"id": "ev1", "url": "https://edunet.example.bg/e/1", "title": "Online shops in a day", "start": "2026-12-15T16:00:00Z", "end": "2026-12-15T17:00:00Z", "language": "en"}
]`,
	"content/en/_index.md":               "---\ntitle: Home\n---\n",
	"content/it/_index.md":               "---\ntitle: Casa\n---\n",
	"content/en/request.md":              "---\ntitle: Request\nlayout: request\n---\nTell us.\n",
	"content/en/webinars/_index.md":      "---\ntitle: Webinars\n---\n",
	"content/en/opportunities/_index.md": "---\ntitle: Opportunities\n---\nOffers and needs.\n",
	"content/en/opportunities/bakery.md": "---\ntitle: A bakery in Bari needs a tutor\nsummary: Six sessions.\nkind: need\ncountry: IT\nregion: Apulia\nclose" +
		"s: 2026-11-25\ndate: 2026-11-10\n---\nOrders by message.\n",
	"content/en/opportunities/tutor.md": "---\ntitle: A tutor in Sofia offers help\nkind: offer\ncountry: BG\ncloses: 2027-03-31\ndate: 2026-11-01\n---\nEvenings.\n",
	"content/en/skills/index.md": "---\ntitle: Digital skills\n---\nIntro.\n\n:::chart Fairly digitally literate, aged 55–74\ndata: literacy.csv\nunit: %\nsource: Eurostat\n:::\n\n" +
		":::chart Two generations\ndata: two.csv\ntype: grouped\nunit: %\n:::\n\n:::chart Online, by year\ndata: years.csv\ntype: line\nunit: %\ny: Share of adults\nx: Year\n:::\n",
	"content/en/skills/literacy.csv":    "Country,Share\nUnited Kingdom,41.5\nIceland,65\nBelgium,33.4\nSpain,13\nBulgaria,6\n",
	"content/en/skills/two.csv":         "Country,Aged 55–74,Aged 16–24\nIceland,65,99\nBulgaria,6,58\n",
	"content/en/skills/years.csv":       "Year,Online,Shopping online,Banking online\n2019,50,20,30\n2020,60,30,35\n2021,70,45,38\n2022,74,52,49\n",
	"content/en/opportunities/grant.md": "---\ntitle: A grant for shops\nkind: funding\ncountry: BE\ndate: 2026-11-02\n---\nHalf the cost.\n",
}

// TestOneStopShopInTheBrowser: the partners' catalogue filters every
// partner's items at once with its checkboxes; opportunities close by
// the visitor's clock (a list entry hides, the page says so and hides its
// button); a partner's event moves to the past list once over; the reply
// button starts the request form's message; axe-core
// finds nothing on these pages, light and dark.
func TestOneStopShopInTheBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	dir := t.TempDir()
	for name, data := range oneShopSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(dir, "public")
	buildDay := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Now: buildDay, SearchInMemory: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	long := browsertest.LongTab(t, ctx)
	for _, p := range []string{"/en/partners/", "/it/partners/", "/en/partners/country/it/", "/en/opportunities/", "/en/opportunities/bakery/", "/en/webinars/", "/en/skills/"} {
		t.Run(p, func(t *testing.T) {
			tab := visit(t, long, srv.URL+p, chromedp.EmulateViewport(1280, 900)) // the screenshots leave it at another size
			for _, scheme := range []string{"light", "dark"} {
				for _, v := range axeIn(t, tab, axe, scheme) {
					t.Errorf("%s (%s): %s", p, scheme, v)
				}
			}
			screenshots(t, tab, "oneshop-"+strings.ReplaceAll(strings.Trim(p, "/"), "/", "-"))
		})
	}

	// Charts: the data table opens, and axe-core still finds nothing.
	tab := open(t, ctx, srv.URL+"/en/skills/")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#chart-1 .chart-data summary"))); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, tab, `document.querySelector("#chart-1 table").checkVisibility() && document.querySelectorAll("svg[role=img]").length === 3`) {
		t.Error("the chart's table does not open, or a chart is missing")
	}
	for _, v := range axeRun(t, tab, axe) {
		t.Errorf("/en/skills/ with a table open: %s", v)
	}

	// The catalogue: ticking Italy shows Archivio's two items, not Edunet's.
	tab = open(t, ctx, srv.URL+"/en/partners/")
	browsertest.WaitFor(t, tab, `!!document.querySelector(".filters input[type=checkbox]")`)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".filters-box summary"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.filters input[name="country"][value="IT"]`))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `document.querySelectorAll("[data-list] > li").length === 2`)
	if got := eval[string](t, tab, `document.querySelector("[data-list]").textContent`); !strings.Contains(got, "Selling at markets") || strings.Contains(got, "Безопасни") {
		t.Errorf("catalogue filtered by Italy shows: %s", got)
	}
	if got := eval[string](t, tab, `document.querySelector("[data-status]").textContent`); got != "2 shown" {
		t.Errorf("status after filtering: %q", got)
	}
	if got := eval[string](t, tab, `[...document.querySelectorAll("[data-list] .kind")].map(e => e.textContent).join("|")`); got != "From Archivio Puglia|From Archivio Puglia" {
		t.Errorf("filtered cards' attribution: %q", got)
	}
	if v := axeRun(t, tab, axe); len(v) > 0 {
		t.Errorf("catalogue after filtering: %v", v)
	}

	// Opportunities: on 26 November the bakery (closing on the 25th) is over for the visitor.
	later := visitor(t, ctx, "Europe/Rome", "en_GB", time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), false)
	goTo(t, later, srv.URL+"/en/opportunities/")
	browsertest.WaitFor(t, later, `!!document.querySelector("li[data-closed]")`)
	if got := eval[string](t, later, `[...document.querySelectorAll("[data-list] > li:not([hidden]) h2")].map(e => e.textContent).join("|")`); strings.Contains(got, "bakery") || !strings.Contains(got, "tutor in Sofia") {
		t.Errorf("list on 26 November shows: %q", got)
	}
	goTo(t, later, srv.URL+"/en/opportunities/bakery/")
	browsertest.WaitFor(t, later, `!document.querySelector("[data-closed-note]").hidden`)
	if eval[bool](t, later, `document.querySelector("[data-open-only]").checkVisibility()`) {
		t.Error("a closed opportunity still shows its reply button")
	}
	// The partner's event of 15 December, the only one: in January it is in
	// the past list, which the build wrote empty and hidden, with its heading.
	january := visitor(t, ctx, "Europe/Rome", "en_GB", time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC), false)
	goTo(t, january, srv.URL+"/en/webinars/")
	browsertest.WaitFor(t, january, `document.readyState === "complete" && document.querySelector('ul[data-partner-events="upcoming"]').hidden`)
	if !eval[bool](t, january, `(() => { const ul = document.querySelector('ul[data-partner-events="past"]'); return !ul.hidden && !ul.previousElementSibling.hidden && ul.querySelectorAll("li").length === 1 && ul.textContent.includes("Online shops in a day"); })()`) {
		t.Error("a partner's event over since the build is not shown in the past list")
	}

	// On the 25th, in Rome, it is still open.
	same := visitor(t, ctx, "Europe/Rome", "en_GB", time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC), false)
	goTo(t, same, srv.URL+"/en/opportunities/bakery/")
	browsertest.WaitFor(t, same, `document.readyState === "complete"`)
	if !eval[bool](t, same, `document.querySelector("[data-closed-note]").hidden && document.querySelector("[data-open-only]").checkVisibility()`) {
		t.Error("the opportunity is shown closed on its closing day")
	}

	// The reply button: the message starts with the opportunity.
	if err := chromedp.Do(same, chromedp.Click(chromedp.CSS("[data-open-only] a.button"))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, same, `(document.querySelector('textarea[data-name="message"]') || {}).value !== undefined && document.querySelector('textarea[data-name="message"]').value !== ""`)
	if got := eval[string](t, same, `document.querySelector('textarea[data-name="message"]').value`); !strings.HasPrefix(got, "About the opportunity: A bakery in Bari needs a tutor (https://example.org/en/opportunities/bakery/)") {
		t.Errorf("request message: %q", got)
	}
}
