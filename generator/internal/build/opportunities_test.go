package build_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

// opportunitySite has opportunities in English and Italian (open, closed
// before the build date, closing on the build date, without a closing
// date), a request page, and stories whose country is a name.
const opportunitySite = baseConfig + `[forms.request]
endpoint = "https://forms.example.org/f/1"
recipient = "Example partnership"
retentionMonths = 12
[[forms.request.fields]]
name = "message"
type = "textarea"
-- content/en/_index.md --
---
title: Home
---
-- content/it/_index.md --
---
title: Benvenuti
---
-- content/en/request.md --
---
title: Request
layout: request
---
-- content/en/opportunities/_index.md --
---
title: Opportunities
---
Offers and needs.
-- content/en/opportunities/bakery-needs-tutor.md --
---
title: A bakery in Bari needs a tutor
summary: Six sessions in the afternoon.
kind: need
country: IT
region: Apulia
language: it
closes: 2027-01-31
date: 2026-11-10
---
Orders by message.
-- content/en/opportunities/tutor-offers-help.md --
---
title: A tutor in Sofia offers help
kind: offer
country: bg
date: 2026-11-01
---
Evenings.
-- content/en/opportunities/closes-today.md --
---
title: Last day to apply
kind: funding
country: BE
closes: 2026-11-23
date: 2026-10-01
---
Apply today.
-- content/en/opportunities/closed-call.md --
---
title: An old call
kind: funding
country: ES
closes: 2026-11-20
date: 2026-09-01
---
Over.
-- content/it/opportunities/_index.md --
---
title: Opportunità
---
-- content/it/opportunities/bakery-needs-tutor.md --
---
title: Un forno di Bari cerca un tutor
kind: need
country: IT
closes: 2027-01-31
date: 2026-11-10
---
Ordini per messaggio.
-- content/en/stories/_index.md --
---
title: Stories
---
-- content/en/stories/a-bakery.md --
---
title: A bakery online
country: Italy
sector: food
date: 2026-05-01
---
Story.
-- content/en/stories/a-garage.md --
---
title: A garage online
country: Germany
sector: services
date: 2026-05-02
---
Story.
-- content/it/stories/_index.md --
---
title: Storie
---
-- content/it/stories/a-bakery.md --
---
title: Un forno online
country: Italia
date: 2026-05-01
---
Storia.
-- content/it/stories/a-garage.md --
---
title: Un'officina online
country: DE
date: 2026-05-02
---
Storia.
`

// TestOpportunities: an opportunity closed at the build date is left out
// (with a warning naming the file) everywhere, one closing that day is
// still shown; lists have filters, each value a page; the Atom feed and
// opportunities.json hold the open ones; an opportunity's page replies
// through the request form and carries its closing day for the browser.
func TestOpportunities(t *testing.T) {
	dir := writeSite(t, opportunitySite)
	res := buildSite(t, dir)
	var warned bool
	for _, d := range res.Diags.Warnings() {
		warned = warned || strings.Contains(d.String(), "closed-call.md") && strings.Contains(d.String(), "closed on 20 November 2026")
	}
	if !warned {
		t.Errorf("no warning for the closed opportunity: %v", res.Diags)
	}
	list := read(t, dir, "en/opportunities/index.html")
	for _, w := range []string{"A bakery in Bari needs a tutor", "A tutor in Sofia offers help", "Last day to apply",
		`data-closes="2027-01-31"`, `data-closes="2026-11-23"`, "Looking for help", `translate="no">Apulia</span>, <span class="opp-country">Italy`,
		`opportunities/kind/need/"`, `opportunities/country/it/"`, `opportunities/language/it/"`, "opportunities/feed.xml", "js/closing."} {
		if !strings.Contains(list, w) {
			t.Errorf("the list lacks %q", w)
		}
	}
	if strings.Contains(list, "An old call") || exists(dir, "en/opportunities/closed-call/index.html") {
		t.Error("the closed opportunity is published")
	}
	assertContains(t, dir, "en/opportunities/kind/need/index.html", "A bakery in Bari needs a tutor", `aria-current="page"`)
	assertNotContains(t, dir, "en/opportunities/kind/need/index.html", "A tutor in Sofia offers help")
	assertContains(t, dir, "en/opportunities/country/bg/index.html", "A tutor in Sofia offers help")

	page := read(t, dir, "en/opportunities/bakery-needs-tutor/index.html")
	for _, w := range []string{`data-closes="2027-01-31"`, "request/?opportunity=bakery-needs-tutor", "data-open-only", "data-closed-note"} {
		if !strings.Contains(page, w) {
			t.Errorf("the opportunity's page lacks %q", w)
		}
	}
	req := read(t, dir, "en/request/index.html")
	if !strings.Contains(req, "data-opportunities=") || !strings.Contains(req, "bakery-needs-tutor") || strings.Contains(req, "closed-call") {
		t.Error("the request form does not know the open opportunities (and only them)")
	}

	feed := read(t, dir, "en/opportunities/feed.xml")
	if !strings.Contains(feed, "<title>A bakery in Bari needs a tutor</title>") || !strings.Contains(feed, `<category term="need"/>`) || strings.Contains(feed, "An old call") {
		t.Errorf("opportunities feed:\n%s", feed)
	}
	assertContains(t, dir, "it/opportunities/feed.xml", "Un forno di Bari cerca un tutor")
	var catalogue []map[string]string
	if err := json.Unmarshal([]byte(read(t, dir, "opportunities.json")), &catalogue); err != nil {
		t.Fatal(err)
	}
	if len(catalogue) != 4 {
		t.Errorf("opportunities.json: want 4 open (3 English, 1 Italian), got %d", len(catalogue))
	}
	for _, o := range catalogue {
		if o["id"] == "https://example.org/oer/en/opportunities/bakery-needs-tutor/" {
			if o["kind"] != "need" || o["country"] != "IT" || o["validThrough"] != "2027-01-31" || o["contact"] != "https://example.org/oer/en/request/?opportunity=bakery-needs-tutor" {
				t.Errorf("opportunities.json entry: %v", o)
			}
		}
	}

	// Stories filter by country whether it is written as a name or a code.
	assertContains(t, dir, "en/stories/country/it/index.html", "A bakery online")
	assertNotContains(t, dir, "en/stories/country/it/index.html", "A garage online")
	assertContains(t, dir, "en/stories/index.html", `stories/sector/food/"`, `stories/country/de/"`, "Germany")
	// A story names its country in the page's language, written as a name
	// or a code; a name in another language is shown as written (it used
	// to be upper-cased), with a warning naming the file and line.
	assertContains(t, dir, "en/stories/a-bakery/index.html", "<dd>Italy</dd>")
	assertContains(t, dir, "it/stories/a-garage/index.html", "<dd>Germania</dd>")
	assertContains(t, dir, "it/stories/index.html", `stories/country/de/"`, ">Germania <", ">Italia <")
	assertNotContains(t, dir, "it/stories/index.html", "ITALIA")
	var named bool
	for _, d := range res.Diags.Warnings() {
		named = named || strings.Contains(d.String(), "it/stories/a-bakery.md:3") && strings.Contains(d.String(), `"Italia"`)
	}
	if !named {
		t.Errorf("no warning naming it/stories/a-bakery.md:3 for the country written in Italian: %v", res.Diags)
	}

	// With --expired, the closed one is published.
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, Expired: true}); err != nil {
		t.Fatal(err)
	}
	if !exists(dir, "en/opportunities/closed-call/index.html") {
		t.Error("--expired does not publish the closed opportunity")
	}
}

// TestOpportunityWithEmailAddressFails: an e-mail address in an
// opportunity is an error naming the file and line.
func TestOpportunityWithEmailAddressFails(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/opportunities/bakery.md --
---
title: A bakery
kind: need
---
Some text.

Write to forno.lattanzio@example.it today.
`)
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	if err == nil || !strings.Contains(err.Error(), "content/en/opportunities/bakery.md:7") || !strings.Contains(err.Error(), "request form") {
		t.Errorf("want an error at bakery.md:7 pointing to the request form, got %v", err)
	}
}

// TestChartFromPageFolder: a chart reads its data from the page's folder
// (and the file is published beside the page); a name that climbs out of
// the folder is refused with a warning naming the page.
func TestChartFromPageFolder(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/skills/index.md --
---
title: Skills
---
:::chart Online last week
data: online.csv
unit: %
:::

:::chart Secret
data: ../secret.csv
:::
-- content/en/skills/online.csv --
Country,Online
Iceland,99
Bulgaria,58
-- content/en/secret.csv --
Country,Secret
A,1
`)
	res := buildSite(t, dir)
	assertContains(t, dir, "en/skills/index.html", `<figure class="chart chart-bar" id="chart-1">`, `<desc id="chart-1-d">Iceland: 99%; Bulgaria: 58%</desc>`)
	assertNotContains(t, dir, "en/skills/index.html", ">A</text>")
	var warned bool
	for _, d := range res.Diags.Warnings() {
		warned = warned || strings.Contains(d.String(), "content/en/skills/index.md:9") && strings.Contains(d.String(), "not a file in the page's folder")
	}
	if !warned {
		t.Errorf("no warning for ../secret.csv: %v", res.Diags)
	}
	if !exists(dir, "en/skills/online.csv") {
		t.Error("the data file is not published beside the page")
	}
}

// TestNewsSection: news/ pages are news, newest first in their list, with
// their own Atom feed linked from the list.
func TestNewsSection(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/news/_index.md --
---
title: News
---
-- content/en/news/older.md --
---
title: Training starts
date: 2026-10-12
---
Text.
-- content/en/news/newer.md --
---
title: A new module
date: 2026-11-04
---
Text.
`)
	buildSite(t, dir)
	list := read(t, dir, "en/news/index.html")
	if i, j := strings.Index(list, "A new module"), strings.Index(list, "Training starts"); i < 0 || j < 0 || i > j {
		t.Error("news list: want the newer first")
	}
	assertContains(t, dir, "en/news/index.html", `news/feed.xml" type="application/atom+xml"`, "card-news")
	assertContains(t, dir, "en/news/feed.xml", "<title>A new module</title>", `<category term="news"/>`)
}
