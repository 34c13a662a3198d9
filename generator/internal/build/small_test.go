package build_test

import (
	"context"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

func TestOverlongSlugsAndKeywordsNameTheirFile(t *testing.T) {
	long := strings.Repeat("a", 256)
	for _, dry := range []bool{true, false} { // check, then build
		dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- content/en/slug.md --
---
title: Slug
slug: `+long+`
---
Text.
-- content/en/modules/m/index.md --
---
title: Module
keywords: [fine, `+long+`]
---
Text.
-- content/en/ok.md --
---
title: OK
slug: `+strings.Repeat("b", 255)+`
---
Text.
`)
		res, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, DryRun: dry, SearchInMemory: true})
		if err == nil {
			t.Fatalf("dry run %v: the build succeeded", dry)
		}
		errs := res.Diags.Errors()
		if !hasError(errs, "content/en/slug.md", 3, "256 bytes", "255") {
			t.Errorf("dry run %v: no error for the slug in %v", dry, errs)
		}
		if !hasError(errs, "content/en/modules/m/index.md", 3, "256 bytes", "255") {
			t.Errorf("dry run %v: no error for the keyword in %v", dry, errs)
		}
		for _, d := range errs {
			if d.File == "" || d.File == "content/en/ok.md" || strings.Contains(d.Message, "file name too long") {
				t.Errorf("dry run %v: %v", dry, d)
			}
		}
	}
}

// TestLevelPageAndKIMLevel: a level of the site's own vocabulary gets its
// page at a slug address; the JSON-LD names the KIM educational level it
// is mapped to, never the level's own words (AMB accepts only KIM ids).
func TestLevelPageAndKIMLevel(t *testing.T) {
	cfg := strings.Replace(baseConfig, "[vocabulary.audiences]", "[vocabulary]\nlevels = [\"Further training\"]\n[vocabulary.educationalLevels]\n\"Further training\" = \"level_C\"\n[vocabulary.audiences]", 1)
	dir := writeSite(t, cfg+`
-- content/en/modules/m/index.md --
---
title: Module
level: Further training
---
Text.
`)
	buildSite(t, dir)
	if !exists(dir, "en/level/further-training/index.html") {
		t.Fatal("no level page at en/level/further-training/")
	}
	assertContains(t, dir, "en/modules/m/index.html", `"educationalLevel":[{"id":"https://w3id.org/kim/educationalLevel/level_C"`)
	assertNotContains(t, dir, "en/modules/m/index.html", "level/Further", `"Further training"}`)
}

func TestUnknownLayoutWarnsWithTheLayoutsThatExist(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/about.md --
---
title: About
layout: wide
---
Text.
-- layouts/landing.html --
{{define "main"}}landing{{end}}
`)
	res := buildSite(t, dir)
	found := false
	for _, d := range res.Diags.Warnings() {
		if d.File == "content/en/about.md" && d.Line == 3 && strings.Contains(d.Message, `"wide"`) && strings.Contains(d.Hint, "landing") && strings.Contains(d.Hint, "page") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning naming the file, line and the layouts that exist: %v", res.Diags)
	}
}

// Hidden files and folders are not input: they neither fail the build nor
// reach the output.
func TestHiddenFoldersAreNotInput(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- layouts/.backup/page.html --
{{define "main"}}old backup{{end}}
-- static/.well-known/secret.txt --
secret
-- static/.env --
TOKEN=x
-- content/en/.drafts/notes.md --
---
title: Notes
---
Private.
`)
	buildSite(t, dir)
	for _, p := range []string{".well-known/secret.txt", ".env", "en/.drafts/notes/index.html", "en/notes/index.html"} {
		if exists(dir, p) {
			t.Errorf("%s was published", p)
		}
	}
}

// TestHeldBundlesKeepTheirFiles: the files of a draft's, a scheduled
// page's and a held module's folder are not published with the site
// (they were: a draft resource's PDF was online before its page).
func TestHeldBundlesKeepTheirFiles(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/resources/secret/index.md --
---
title: Secret
draft: true
---
Text.
-- content/en/resources/secret/plan.csv --
a,b
-- content/en/charts/index.md --
---
title: Charts
date: 2030-01-01
---
Text.
-- content/en/charts/data.json --
{}
-- content/en/resources/open/index.md --
---
title: Open
---
Text.
-- content/en/resources/open/sheet.csv --
a,b
`)
	buildSite(t, dir)
	for _, f := range []string{"en/resources/secret/plan.csv", "en/charts/data.json"} {
		if exists(dir, f) {
			t.Errorf("%s is published before its page", f)
		}
	}
	if !exists(dir, "en/resources/open/sheet.csv") {
		t.Error("a published resource lost its file")
	}
	assertNotContains(t, dir, "sitemap.xml", "plan.csv")
}

// TestLicenceLineWithoutAuthor: a page of a site that names no author, no
// default author and no publisher credits no one: its licence line reads
// "“Title” is licensed under …", not "“Title” by , is licensed under …".
func TestLicenceLineWithoutAuthor(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- content/en/modules/m/index.md --
---
title: Module
---
Text.
-- content/en/modules/n/index.md --
---
title: Other
authors: [Ana Ruiz]
---
Text.
`)
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, SearchInMemory: true}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"en/modules/m/index.html": `Module</a>” is licensed under`,
		"en/modules/n/index.html": `Other</a>” by Ana Ruiz is licensed under`, // no comma before the verb
	} {
		html := read(t, dir, page)
		if !strings.Contains(html, want) {
			i := strings.Index(html, `class="licence-line"`)
			t.Errorf("%s: no %q in its licence line: %.400s", page, want, html[max(i, 0):])
		}
	}
}

// TestLanguageNamedInThePagesLanguage: the language a webinar is held in
// is named in the language of the page that shows it: an Italian visitor
// reads "Inglese", not "English" (the language chooser alone names each
// language in its own words).
func TestLanguageNamedInThePagesLanguage(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/it/_index.md --
---
title: Inizio
---
Ciao.
-- content/it/webinars/_index.md --
---
title: Webinar
---
-- content/it/webinars/dal-vivo.md --
---
title: Recensioni dal vivo
start: 2026-12-09T18:00:00+01:00
timezone: Europe/Rome
duration: 1h
language: en
---
Testo.
`)
	buildSite(t, dir)
	assertContains(t, dir, "it/webinars/dal-vivo/index.html", `<dd>Inglese</dd>`)
	assertContains(t, dir, "it/webinars/index.html", ` · Inglese`)
	assertNotContains(t, dir, "it/webinars/dal-vivo/index.html", `>English<`)
}

// TestNewsAndStoriesListedWithTheirDates: a list of news or stories says
// when each was published, on its card; before, only the page itself did.
func TestNewsAndStoriesListedWithTheirDates(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- content/en/news/_index.md --
---
title: News
---
-- content/en/news/meeting.md --
---
title: Partners meet
date: 2026-11-20
---
Text.
-- content/en/stories/_index.md --
---
title: Stories
---
-- content/en/stories/bakery.md --
---
title: A bakery
date: 2026-05-14
---
Text.
-- content/en/stories/garage.md --
---
title: A garage
---
Text.
`)
	buildSite(t, dir)
	assertContains(t, dir, "en/news/index.html", `<p class="meta"><time datetime="2026-11-20">20 November 2026</time></p>`)
	assertContains(t, dir, "en/stories/index.html", `<p class="meta"><time datetime="2026-05-14">14 May 2026</time></p>`)
	if html := read(t, dir, "en/stories/index.html"); strings.Count(html, "<time") != 1 {
		t.Errorf("a story without a date got a date on its card: %d times", strings.Count(html, "<time"))
	}
}
