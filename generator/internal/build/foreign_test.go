package build_test

import (
	"context"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
)

// hasWarning reports whether a warning names file and says msg.
func hasWarning(l diag.List, file, msg string) bool {
	for _, d := range l.Warnings() {
		if d.File == file && strings.Contains(d.Message, msg) {
			return true
		}
	}
	return false
}

// foreignSite is content written for other generators: every row of the
// README table "Content written for other tools" that the site model
// decides (the Markdown rows have golden cases in markdown/_test).
const foreignSite = baseConfig + `
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/mkdocs-page.md --
Intro line of a page without front matter.
-- content/en/docs/getting-started.md --
# Getting started

First steps.
-- content/en/a-old.md --
---
title: A old
aliases: [/old-path/, /en/b-new/]
---
A.
-- content/en/b-new.md --
---
title: B new
aliases: [/old-path/, Shop hours]
---
B.
-- content/en/json.md --
{
  "title": "JSON straight into the body"
}
JSON body.
-- content/en/blog/post.md --
---
title: A post
categories: [Shop Life, News]
---
The summary, by hand.

<!--more-->

The rest of the post.
-- content/en/blog/later.md --
---
title: Scheduled for later
date: 2027-03-01
categories: [news]
---
Not yet.
-- content/en/blog/publish-later.md --
---
title: Publish date later
date: 2026-01-01
publishDate: 2027-01-01
---
Not yet either.
-- content/en/blog/expired.md --
---
title: Old offer
expiryDate: 2026-10-01
---
Gone.
-- content/en/moved.md --
---
title: Moved page
url: /about-us/history/
---
Lives elsewhere.
-- content/en/help.md --
---
title: Help
menu:
  main:
    name: Get help
    weight: 5
---
Help page.
-- content/en/sidebar.md --
---
title: Sidebar page
menu: docs
---
In a menu this theme does not have.
-- content/en/guide/_index.md --
---
title: Guide
cascade:
  layout: page
  authors: [Guide team]
---
The guide.
-- content/en/guide/one.md --
---
title: Guide one
---
One.
-- content/en/guide/two.md --
---
title: Guide two
authors: [Someone else]
---
Two.
-- content/en/callouts.md --
---
title: Callouts
---
> [!WARNING]
> GitHub.

!!! tip "MkDocs"
    Indented.

:::danger Docusaurus
Body.
:::

{{% notice info %}}
Hugo.
{{% /notice %}}

:::tutor
For the tutor.
:::

See [the guide]({{< ref "guide/one.md" >}}).
-- content/en/zola/page.md --

+++
title = "Moved from Zola"
description = "Its internal links start with @/"

[taxonomies]
tags = ["zola"]
+++   

See [the guide](@/guide/one.md) and [its second page](@/guide/two.md#two).

{{ youtube(id="dQw4w9WgXcQ") }}

{% note(header="Before you start") %}
Unplug the **iron**.
{% end %}

{% details(summary="More") %}Hidden.{% end %}

{{ quote(author="Ana", text="x") }}
-- content/it/avvisi.md --
---
title: Avvisi
---
:::warning
Fai un backup.
:::

:::tutor
Chiedi prima.
:::
`

func TestContentForOtherToolsBuilds(t *testing.T) {
	dir := writeSite(t, foreignSite)
	res := buildSite(t, dir)
	warned := func(file, msg string) {
		t.Helper()
		if !hasWarning(res.Diags, file, msg) {
			t.Errorf("no warning %q for %s; warnings:\n%s", msg, file, res.Diags.Warnings().Report(true, 0))
		}
	}

	t.Run("no title: the first # heading, else the file name", func(t *testing.T) {
		assertContains(t, dir, "en/docs/getting-started/index.html", "<title>Getting started", "First steps.")
		assertNotContains(t, dir, "en/docs/getting-started/index.html", `<h1 id="getting-started"`)
		warned("content/en/docs/getting-started.md", `its first heading, "Getting started", is used`)
		assertContains(t, dir, "en/mkdocs-page/index.html", "<title>Mkdocs page")
		warned("content/en/mkdocs-page.md", `"Mkdocs page", made from its file name`)
	})
	t.Run("an alias claimed twice: the first by path wins", func(t *testing.T) {
		assertContains(t, dir, "old-path/index.html", `url=../en/a-old/`)
		warned("content/en/b-new.md", "alias /old-path/ ignored: content/en/a-old.md claims it first")
	})
	t.Run("an alias with a space is a name, as Obsidian writes aliases: no redirect", func(t *testing.T) {
		if exists(dir, "en/Shop-hours/index.html") || exists(dir, "en/shop-hours/index.html") {
			t.Error("a redirect page for the name")
		}
		warned("content/en/b-new.md", `alias "Shop hours" is a name, as Obsidian writes aliases`)
	})
	t.Run("an alias that is a page's address: the page stays", func(t *testing.T) {
		assertContains(t, dir, "en/b-new/index.html", "B new", "B.")
		warned("content/en/a-old.md", "alias /en/b-new/ ignored: it is the address of content/en/b-new.md")
	})
	t.Run("JSON front matter followed directly by the body", func(t *testing.T) {
		assertContains(t, dir, "en/json/index.html", "JSON straight into the body", "JSON body.")
	})
	t.Run("<!--more--> ends the summary", func(t *testing.T) {
		assertContains(t, dir, "en/blog/index.html", "The summary, by hand.")
		assertNotContains(t, dir, "en/blog/index.html", "The rest of the post.")
		assertNotContains(t, dir, "en/blog/post/index.html", "more--", "raw-html")
	})
	t.Run("a future date or publishDate is not published", func(t *testing.T) {
		for _, p := range []string{"en/blog/later/index.html", "en/blog/publish-later/index.html"} {
			if exists(dir, p) {
				t.Errorf("%s published before its date", p)
			}
		}
		assertNotContains(t, dir, "en/blog/index.html", "Scheduled for later", "Publish date later")
		warned("content/en/blog/later.md", "not published: its date (1 March 2027) is after the build date")
		warned("content/en/blog/publish-later.md", "not published: its publishDate (1 January 2027)")
	})
	t.Run("an expired page is not published", func(t *testing.T) {
		if exists(dir, "en/blog/expired/index.html") {
			t.Error("expired page published")
		}
		warned("content/en/blog/expired.md", "not published: it expired on 1 October 2026")
	})
	t.Run("url: published at that address in its language", func(t *testing.T) {
		assertContains(t, dir, "en/about-us/history/index.html", "Lives elsewhere.")
		if exists(dir, "en/moved/index.html") {
			t.Error("the page is also at its file's address")
		}
	})
	t.Run("categories: a taxonomy", func(t *testing.T) {
		assertContains(t, dir, "en/categories/index.html", "Categories")
		assertContains(t, dir, "en/categories/shop-life/index.html", "A post")
		assertContains(t, dir, "it/categories/index.html", "Categorie")
		assertNotContains(t, dir, "en/categories/news/index.html", "Scheduled for later")
	})
	t.Run("cascade: a section's values for the pages below it", func(t *testing.T) {
		for _, p := range res.Site.Pages {
			if p.Source == nil || p.Lang != "en" {
				continue
			}
			switch p.Source.Rel {
			case "guide/one.md":
				if p.Layout != "page" || strings.Join(p.AuthorNames(), ",") != "Guide team" {
					t.Errorf("guide/one.md: layout %q, authors %v; want the cascaded page, Guide team", p.Layout, p.Meta.Authors)
				}
			case "guide/two.md":
				if strings.Join(p.AuthorNames(), ",") != "Someone else" {
					t.Errorf("guide/two.md: its own authors were overridden: %v", p.Meta.Authors)
				}
			case "help.md":
				if p.Layout != "" {
					t.Errorf("cascade reached outside its section: %q", p.Layout)
				}
			}
		}
	})
	t.Run("menu: main joins the main menu; other menus are reported", func(t *testing.T) {
		assertContains(t, dir, "en/json/index.html", ">Get help</a>")
		assertContains(t, dir, "it/json/index.html", ">Get help</a>")
		warned("content/en/sidebar.md", `menu "docs" is not shown by the theme`)
	})
	t.Run("Zola: front matter after a blank line, links from the root with @/", func(t *testing.T) {
		assertContains(t, dir, "en/zola/page/index.html", "<title>Moved from Zola", `href="../../../en/guide/one/"`, `href="../../../en/guide/two/#two"`)
		assertContains(t, dir, "en/zola/page/index.html", `data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`,
			`<div class="callout callout-note" role="note">`, "Before you start", "Unplug the <strong>iron</strong>", `<details`, "Hidden.",
			`{{ quote(author=&quot;Ana&quot;, text=&quot;x&quot;) }}`)
		assertNotContains(t, dir, "en/zola/page/index.html", `href="@/`, "{% note", "{% end %}", "{% details")
		warned("content/en/zola/page.md", `shortcode "youtube" read as a video embed`)
		warned("content/en/zola/page.md", `shortcode "quote" of another generator is shown as text`)
		for _, d := range res.Diags {
			if d.File == "content/en/zola/page.md" && !strings.Contains(d.Message, "shortcode") {
				t.Errorf("a diagnostic for the Zola page: %v", d)
			}
		}
	})
	t.Run("callouts of four dialects and notes for tutors, translated", func(t *testing.T) {
		html := read(t, dir, "en/callouts/index.html")
		for _, want := range []string{
			`<div class="callout callout-warning" role="note">`, `<span class="callout-label">Tip</span> MkDocs`,
			`<span class="callout-label">Danger</span> Docusaurus`, `<div class="callout callout-info" role="note">`,
			`<details class="tutor-notes">`, `<span class="tutor-label">For tutors</span>`, `href="../../en/guide/one/"`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("callouts page lacks %q", want)
			}
		}
		// A page not translated yet shows the English text: its labels are English too.
		assertContains(t, dir, "it/callouts/index.html", `<span class="callout-label">Warning</span>`)
		assertContains(t, dir, "it/avvisi/index.html", `<span class="callout-label">Attenzione</span>`, `<span class="tutor-label">Per i tutor</span>`)
	})
}

func TestFutureAndExpiredPagesWhenAsked(t *testing.T) {
	dir := writeSite(t, foreignSite)
	res, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, Future: true, Expired: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"en/blog/later/index.html", "en/blog/publish-later/index.html", "en/blog/expired/index.html"} {
		if !exists(dir, p) {
			t.Errorf("%s not published with --future --expired", p)
		}
	}
	if hasWarning(res.Diags, "content/en/blog/later.md", "not published") {
		t.Error("warned about a page it published")
	}
}

// TestMkDocsShapedTreeBuilds: a docs tree as MkDocs writes it, with index.md
// for the home and for sections, pages without front matter, and a folder
// holding only an index.md.
func TestMkDocsShapedTreeBuilds(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/index.md --
# Welcome to the docs

Start with the [tutorial](tutorial/index.md).
-- content/en/tutorial/index.md --
# Tutorial

The steps, in order.
-- content/en/tutorial/first-steps.md --
# First steps

Install it.

::: mypackage.Client
-- content/en/faq/index.md --
# Questions

Answers.
`)
	res := buildSite(t, dir)
	assertContains(t, dir, "en/index.html", "Start with the", `href="../en/tutorial/"`)
	assertContains(t, dir, "en/tutorial/index.html", "<title>Tutorial", "The steps, in order.", "First steps")
	assertContains(t, dir, "en/tutorial/first-steps/index.html", "::: mypackage.Client")
	assertContains(t, dir, "en/faq/index.html", "<title>Questions", "Answers.")
	if !hasWarning(res.Diags, "content/en/tutorial/first-steps.md", "is not a container but a reference of mkdocstrings") {
		t.Errorf("no warning for the mkdocstrings reference: %v", res.Diags.Warnings())
	}
}
