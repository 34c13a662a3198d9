package build_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/spill"
)

const multilingual = baseConfig + `
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/it/_index.md --
---
title: Benvenuti
---
Benvenuti.
-- content/en/about.md --
---
title: About us
---
About the programme.
-- content/it/about.md --
---
title: Chi siamo
---
Il programma.
-- content/en/privacy.md --
---
title: Privacy notice
---
We keep little.
-- content/en/stories/a-bakery.md --
---
title: A bakery online
date: 2026-05-01
---
Story text.
`

func TestMultilingualTranslationsAndFallback(t *testing.T) {
	dir := writeSite(t, multilingual)
	buildSite(t, dir)
	assertContains(t, dir, "en/about/index.html", `<html lang="en"`, "About us", `hreflang="it" href="https://example.org/oer/it/about/"`)
	assertContains(t, dir, "it/about/index.html", `<html lang="it"`, "Chi siamo", `hreflang="en" href="https://example.org/oer/en/about/"`, `hreflang="x-default" href="https://example.org/oer/en/about/"`)
	// privacy has no Italian translation: the Italian tree shows the English page with a note.
	assertContains(t, dir, "it/privacy/index.html", "We keep little.", `class="fallback-note"`, `<html lang="en"`, `rel="canonical" href="https://example.org/oer/en/privacy/"`)
	assertNotContains(t, dir, "it/privacy/index.html", `hreflang="it"`)
	// generated pages: root language chooser, search, 404 in each language
	for _, p := range []string{"index.html", "404.html", "en/404.html", "it/404.html", "en/search/index.html", "it/stories/index.html"} {
		if !exists(dir, p) {
			t.Errorf("missing %s", p)
		}
	}
	// the 404 page is served at any address, so it links from the site root
	assertContains(t, dir, "en/404.html", `href="/oer/en/"`)
	// sections list their pages
	assertContains(t, dir, "en/stories/index.html", `href="../../en/stories/a-bakery/"`)
}

// TestStoryFactsOnlyWhenThereAreSome: a story shows its date when it has
// one; with nothing to say it shows no list of facts, where it showed an
// empty one, or "Published" with the year 1 (Go's zero date).
func TestStoryFactsOnlyWhenThereAreSome(t *testing.T) {
	dir := writeSite(t, multilingual+`-- content/en/stories/undated.md --
---
title: A story without a date
---
Told in Word, brought in without a date.
`)
	buildSite(t, dir)
	assertContains(t, dir, "en/stories/a-bakery/index.html", `<dl class="facts">`, `<time datetime="2026-05-01">`)
	assertNotContains(t, dir, "en/stories/undated/index.html", `<dl class="facts">`, "0001-01-01")
}

// A page whose front matter has no summary shows its text once: the lead
// above it is only for a summary the author wrote, while lists and the
// page's description still take the text's first words.
func TestLeadOnlyWhenWritten(t *testing.T) {
	dir := writeSite(t, multilingual+`-- content/en/stories/no-summary.md --
---
title: A story without a summary
---
Brought in from Word, it starts straight away.
-- content/en/stories/with-summary.md --
---
title: A story with a summary
description: What the author wrote above it.
---
The text itself.
`)
	buildSite(t, dir)
	got := read(t, dir, "en/stories/no-summary/index.html")
	if n := strings.Count(got, ">Brought in from Word"); n != 1 { // in an element, not in the description's attributes
		t.Errorf("the first paragraph shows %d times, want once:\n%s", n, got)
	}
	assertNotContains(t, dir, "en/stories/no-summary/index.html", `<p class="lead">`)
	assertContains(t, dir, "en/stories/with-summary/index.html", `<p class="lead">What the author wrote above it.</p>`)
	assertContains(t, dir, "en/stories/index.html", `it starts straight away.</p>`)
}

func TestFallbackCanBeTurnedOff(t *testing.T) {
	dir := writeSite(t, strings.Replace(multilingual, `defaultLanguage = "en"`, "defaultLanguage = \"en\"\nfallbackToDefault = false", 1))
	buildSite(t, dir)
	if exists(dir, "it/privacy/index.html") {
		t.Error("fallback page written although fallbackToDefault = false")
	}
}

const moduleSite = baseConfig + `
-- content/en/modules/posts/index.md --
---
title: Writing posts
summary: Posts people read.
audience: [sme-workers]
level: beginner
duration: 2h
objectives: ["Write a first line"]
digcomp: ["2.2", 3.1]
licence: CC-BY-SA-4.0
attachments:
  - file: checklist.pdf
    title: Posting checklist
---
Start with [the first lesson](01-first-line.md) and look at ![a diagram of a post](diagram.svg).
-- content/en/modules/posts/01-first-line.md --
---
title: A first line
weight: 1
---
## The first line

Then go [on](02-pictures.md#why).
-- content/en/modules/posts/02-pictures.md --
---
title: Pictures
weight: 2
---
## Why {#why}
Pictures.
-- content/en/modules/posts/03-timing.md --
---
title: Timing
---
When to post.
-- content/en/modules/posts/checklist.pdf --
%PDF-1.4 fake
-- content/en/modules/posts/diagram.svg --
<svg xmlns="http://www.w3.org/2000/svg"></svg>
`

func TestModuleWithLessonsAndAttachments(t *testing.T) {
	dir := writeSite(t, moduleSite)
	buildSite(t, dir)
	assertContains(t, dir, "en/modules/posts/index.html",
		"Writing posts", `href="../../../en/modules/posts/01-first-line/"`, `href="../../../en/modules/posts/02-pictures/"`,
		`href="../../../en/modules/posts/checklist.pdf"`, "Posting checklist", `src="../../../en/modules/posts/diagram.svg"`, `alt="a diagram of a post"`)
	// lesson order: weight, then lessons without weight by file name; prev/next within the module
	assertContains(t, dir, "en/modules/posts/02-pictures/index.html", `rel="prev" href="../../../../en/modules/posts/01-first-line/"`, `rel="next" href="../../../../en/modules/posts/03-timing/"`)
	assertContains(t, dir, "en/modules/posts/01-first-line/index.html", `href="../../../../en/modules/posts/02-pictures/#why"`)
	// attachments are copied as they are
	if got := read(t, dir, "en/modules/posts/checklist.pdf"); got != "%PDF-1.4 fake\n" {
		t.Errorf("attachment changed: %q", got)
	}
	// taxonomies get list pages per language
	assertContains(t, dir, "en/audience/sme-workers/index.html", "Writing posts")
	assertContains(t, dir, "en/digcomp/3.1/index.html", "Writing posts")
	assertContains(t, dir, "it/level/beginner/index.html", "Writing posts")
}

const webinarSite = baseConfig + `
-- content/en/webinars/past-one.md --
---
title: Past session
start: 2026-10-01T18:00:00+02:00
duration: 1h
recording: https://video.example.org/w/abc
---
Done.
-- content/en/webinars/next-one.md --
---
title: Next session
start: 2027-01-21T18:00:00+01:00
timezone: Europe/Rome
duration: 1h
join: https://meet.example.org/room
---
Soon.
-- content/en/webinars/local-time.md --
---
title: Local time session
start: 2027-02-10T10:00:00
timezone: Atlantic/Reykjavik
duration: 90m
---
Soon too.
`

func TestWebinarsUpcomingAndPastFollowTheBuildDate(t *testing.T) {
	dir := writeSite(t, webinarSite)
	buildSite(t, dir)
	page := read(t, dir, "en/webinars/index.html")
	up, past := strings.Index(page, "Next session"), strings.Index(page, "Past session")
	if up < 0 || past < 0 || up > past {
		t.Fatalf("upcoming should come before past in the list:\n%s", page)
	}
	// on a later build date, the next session has moved to the past
	res, err := build.Build(context.Background(), build.Options{Source: dir, Now: now.AddDate(0, 3, 0)})
	if err != nil {
		t.Fatal(err)
	}
	l := res.Site.Lang("en")
	if len(l.Upcoming) != 0 || len(l.Past) != 3 {
		t.Errorf("three months later: %d upcoming, %d past; want 0 and 3", len(l.Upcoming), len(l.Past))
	}
	for _, p := range l.Past {
		if p.Title == "Local time session" {
			if got := p.Meta.Start.UTC().Format("15:04"); got != "10:00" {
				t.Errorf("Reykjavik 10:00 read as %s UTC", got)
			}
		}
	}
}

func TestEveryFrontMatterFormat(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/yaml.md --
---
title: From YAML
weight: 1
---
yaml body
-- content/en/toml.md --
+++
title = "From TOML"
weight = 2
+++
toml body
-- content/en/json.md --
{
  "title": "From JSON",
  "weight": 3
}

json body
-- content/en/json-tight.md --
{
  "title": "JSON without a blank line"
}
tight body
-- content/en/none.md --
# No front matter

Just text.
`)
	// A page without a title takes its first heading, with a warning (issue 15).
	res := buildSite(t, dir)
	if !hasWarning(res.Diags, "content/en/none.md", `its first heading, "No front matter", is used`) {
		t.Errorf("no warning about the title taken from the heading: %v", res.Diags)
	}
	assertContains(t, dir, "en/none/index.html", "<title>No front matter", "Just text.")
	assertNotContains(t, dir, "en/none/index.html", `<h1 id="no-front-matter"`)
	assertContains(t, dir, "en/json-tight/index.html", "JSON without a blank line", "tight body")
	assertNotContains(t, dir, "en/json-tight/index.html", "&#34;title&#34;", "&quot;title&quot;")
	assertContains(t, dir, "en/yaml/index.html", "From YAML", "yaml body")
	assertContains(t, dir, "en/toml/index.html", "From TOML", "toml body")
	assertContains(t, dir, "en/json/index.html", "From JSON", "json body")
}

func TestUnknownFrontMatterKeysReachTemplates(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/page.md --
---
title: Custom
layout: custom
colour: teal
---
Body
-- layouts/custom.html --
{{ define "main" }}<p id="colour">{{ index .Page.Params "colour" }}</p>{{ end }}
`)
	buildSite(t, dir)
	assertContains(t, dir, "en/page/index.html", `<p id="colour">teal</p>`)
}

func TestDeterministicOutput(t *testing.T) {
	dir := writeSite(t, moduleSite+strings.TrimPrefix(multilingual, baseConfig)+strings.TrimPrefix(webinarSite, baseConfig))
	buildSite(t, dir)
	first := snapshot(t, filepath.Join(dir, "public"))
	buildSite(t, dir)
	second := snapshot(t, filepath.Join(dir, "public"))
	if f, ok := sameTree(first, second); !ok {
		t.Fatalf("two builds differ: %s", f)
	}
}

func TestRawHTMLEscapedAndScriptLinksRemoved(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/page.md --
---
title: Messy
---
<script>alert(1)</script>

A [bad link](javascript:alert(1)) and <span onclick="x()">inline</span>.

## Heading {#ok onclick="evil()"}
`)
	res := buildSite(t, dir)
	assertNotContains(t, dir, "en/page/index.html", "<script>alert", `href="javascript:`, `<span onclick`, `onclick="evil()"`)
	assertContains(t, dir, "en/page/index.html", "&lt;script&gt;alert(1)&lt;/script&gt;", `id="ok"`)
	warned := 0
	for _, d := range res.Diags {
		if d.File == "content/en/page.md" {
			warned++
		}
	}
	if warned < 3 {
		t.Errorf("want warnings for raw HTML, the script link and the heading attribute; got %v", res.Diags)
	}
}

func TestUnsafeHTMLWhenConfigAllows(t *testing.T) {
	dir := writeSite(t, baseConfig+"[markup]\nunsafeHTML = true\n"+`
-- content/en/page.md --
---
title: Trusted
---
<div class="note">trusted</div>
`)
	buildSite(t, dir)
	assertContains(t, dir, "en/page/index.html", `<div class="note">trusted</div>`)
}

// The assemble stage's time is split into rendering the Markdown, with how
// many bytes of it (for a throughput), and building the model.
func TestAssembleTimingsSplitMarkdownAndModel(t *testing.T) {
	dir := writeSite(t, multilingual)
	res := buildSite(t, dir)
	var md, model *build.Timing
	for i, tm := range res.Timings {
		switch tm.Stage {
		case " markdown":
			md = &res.Timings[i]
		case " model":
			model = &res.Timings[i]
		}
	}
	if md == nil || model == nil {
		t.Fatalf("no markdown and model parts in %v", res.Timings)
	}
	// the six files' bodies, front matter taken off
	want := int64(len("Welcome.\n") + len("Benvenuti.\n") + len("About the programme.\n") + len("Il programma.\n") + len("We keep little.\n") + len("Story text.\n"))
	if md.Bytes != want {
		t.Errorf("markdown read %d bytes, want %d", md.Bytes, want)
	}
	if res.Site.Markdown.Files != 6 {
		t.Errorf("%d files rendered, want 6 (the Italian fallbacks share the English pages' HTML)", res.Site.Markdown.Files)
	}
}

// A build whose model is not kept (the command line's, not the dev
// server's) lets each page's HTML and plain text go once nothing reads
// them, so that the languages indexed after the pages are written are
// indexed beside the model's metadata only.
func TestOneShotBuildLetsThePagesHTMLAndTextGo(t *testing.T) {
	dir := writeSite(t, multilingual)
	res := buildSite(t, dir)
	assertContains(t, dir, "en/about/index.html", "About the programme.")
	for _, p := range res.Site.Pages {
		if p.Content() != "" || p.Text() != "" {
			t.Errorf("page /%s still holds its HTML (%d bytes) and text (%d bytes) after the build", p.URL, len(p.Content()), len(p.Text()))
		}
	}
}

// A build keeps the pages' HTML and plain text in a spill file between the
// Markdown and the stages that read them; what it writes is what a build
// holding them in memory writes (one with a render cache, as the dev
// server's), byte for byte, and the spill file is gone after it.
func TestSpilledBodiesGiveTheSameSite(t *testing.T) {
	dir := copyExampleSite(t, "en", "it")
	cache := t.TempDir()
	spilled := freshOutputIn(t, dir, cache)
	held := freshOutputIn(t, dir, t.TempDir(), func(o *build.Options) { o.Render = site.NewRenderCache() })
	if name, ok := sameTree(spilled, held); !ok {
		t.Errorf("the build with its pages' bodies in a spill file differs from one holding them in memory: %s", name)
	}
	left, _ := filepath.Glob(filepath.Join(cache, spill.Prefix+"*"))
	if len(left) > 0 {
		t.Errorf("the build left %v", left)
	}
}

// freshOutputIn is what a build of dir with the cache folder cache writes.
func freshOutputIn(t *testing.T, dir, cache string, opts ...func(*build.Options)) map[string][]byte {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "out")
	buildInto(t, dir, dest, cache, now, opts...)
	return snapshot(t, dest)
}
