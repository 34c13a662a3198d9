package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/importer"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// source writes testdata/<name>.txtar into a new folder: the other site.
func source(t *testing.T, name string) string {
	t.Helper()
	return sitetest.WriteFile(t, filepath.Join("testdata", name+".txtar"))
}

// imported runs an import into a new site folder and returns it.
func imported(t *testing.T, d importer.Dialect, name string) (string, *importer.Report) {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(importer.Options{Dialect: d, Source: source(t, name), Site: site})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return site, rep
}

func file(t *testing.T, site, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return string(b)
}

func contains(t *testing.T, site, p string, wants ...string) {
	t.Helper()
	got := file(t, site, p)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", p, w, got)
		}
	}
}

// builds builds the imported site: it must have no errors.
func builds(t *testing.T, site string) *build.Result {
	t.Helper()
	res, err := build.Build(context.Background(), build.Options{Source: site, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("the imported site does not build: %v", err)
	}
	return res
}

func TestImportHugo(t *testing.T) {
	site, rep := imported(t, importer.Hugo, "hugo")
	if strings.Join(rep.Languages, ",") != "en,fr" || !rep.Config {
		t.Errorf("languages %v, config written %v", rep.Languages, rep.Config)
	}
	contains(t, site, "config.toml", `baseURL = "https://shop.example.org/"`, `[languages.fr]`, `name = "français"`)
	contains(t, site, "content/en/_index.md", "[guides](guides/_index.md)")
	contains(t, site, "content/fr/_index.md", "title: Compétences", "[guides](guides/_index.md)", "[les réponses](guides/replies.md)")
	contains(t, site, "content/en/guides/_index.md", "title: Guides", "weight: 2")
	contains(t, site, "content/en/guides/posting.md", "[replies](replies.md)", "[the home page](../_index.md)", "linkTitle: Photos")
	contains(t, site, "content/fr/guides/posting.md", "[les réponses](replies.md)")
	contains(t, site, "content/en/guides/replies.md", "[photos](posting.md)", "[old photos](posting.md)", "[gone](/guides/gone/)")
	contains(t, site, "content/en/about/index.md", "title: About us", "![logo](/images/logo.png)")
	contains(t, site, "static/images/logo.png", "(a logo)")
	if rep.Unmapped["linkTitle"] != 1 {
		t.Errorf("linkTitle not reported as unmapped: %v", rep.Unmapped)
	}
	if len(rep.Links) != 1 || !strings.Contains(rep.Links[0].String(), "content/guides/replies.md:6") || !strings.Contains(rep.Links[0].What.Error(), "/guides/gone/") {
		t.Errorf("want the one broken link reported at its line, got %v", rep.Links)
	}
	if !skipped(rep, "layouts/") || !skipped(rep, "menus") {
		t.Errorf("layouts and menus not reported: %v", rep.Skipped)
	}
	res := builds(t, site)
	if res.Site.PageAt("en/guides/photos/") == nil || res.Site.PageAt("fr/guides/posting/") == nil {
		t.Error("pages not at their addresses")
	}
}

func TestImportMkDocs(t *testing.T) {
	site, rep := imported(t, importer.MkDocs, "mkdocs")
	if strings.Join(rep.Languages, ",") != "en,de" {
		t.Errorf("languages %v", rep.Languages)
	}
	contains(t, site, "content/en/index.md", "title: Tutor handbook", "weight: 1", "[sessions](sessions/index.md)")
	contains(t, site, "content/en/sessions/index.md", "title: Sessions", "[the first one](first.md#start)")
	contains(t, site, "content/en/sessions/second.md", "title: The second session", "weight: 2", "[home](../index.md)")
	contains(t, site, "content/en/sessions/first.md", "title: The first session", "weight: 3", "!!! tip")
	contains(t, site, "content/de/sessions/index.md", "title: Sitzungen", "[die zweite](second.md)")
	contains(t, site, "content/en/sessions/photo.png", "(a photo)")
	if rep.Unmapped["hide"] != 1 || len(rep.Links) != 0 {
		t.Errorf("unmapped %v, links %v", rep.Unmapped, rep.Links)
	}
	res := builds(t, site)
	sec := res.Site.PageAt("en/sessions/")
	if sec == nil || len(sec.Pages) != 2 || sec.Pages[0].Title != "The second session" {
		t.Errorf("the nav's order is lost: %+v", sec)
	}
	contains(t, site, "public/en/sessions/first/index.html", `<span class="callout-label">Tip</span> Before you start`)
	contains(t, site, "public/de/sessions/second/index.html", "The second session") // not translated: English shown
}

func TestImportDocusaurus(t *testing.T) {
	site, rep := imported(t, importer.Docusaurus, "docusaurus")
	if strings.Join(rep.Languages, ",") != "en,fr" {
		t.Errorf("languages %v", rep.Languages)
	}
	contains(t, site, "content/en/index.md", "weight: 1", "title: Welcome", "[replying](basics/replying.md)", "[the same](basics/replying.md)")
	contains(t, site, "content/en/basics/_index.md", "title: The basics", "weight: 2", "summary: What every shop needs.")
	contains(t, site, "content/en/basics/replying.md", "weight: 3", ":::tip[Be quick]", "import x from 'y';")
	contains(t, site, "content/en/basics/01-listening.md", "title: Listening first", "[reply](replying.md)")
	contains(t, site, "content/en/blog/first-post.md", "date: 2026-02-01", "<!-- truncate -->")
	contains(t, site, "content/fr/intro.md", "title: Bienvenue", "(basics/replying.md)")
	contains(t, site, "static/img/logo.svg", "<svg")
	if got := file(t, site, "content/en/basics/replying.md"); strings.Contains(got, "import Tabs") {
		t.Error("the MDX import line is still there")
	}
	if !skipped(rep, "sidebars.js") {
		t.Errorf("sidebars.js not reported: %v", rep.Skipped)
	}
	builds(t, site)
	contains(t, site, "public/en/index.html", "Start with")
	contains(t, site, "public/en/blog/index.html", "The summary.")
}

func TestImportJekyll(t *testing.T) {
	site, rep := imported(t, importer.Jekyll, "jekyll")
	if strings.Join(rep.Languages, ",") != "en,es" {
		t.Errorf("languages %v", rep.Languages)
	}
	contains(t, site, "content/en/index.md", "title: Welcome", "[the latest post](posts/first-steps.md)", "[about us](about.md)")
	contains(t, site, "content/en/about.md", "url: /about/", "aliases:", "/who-we-are/", "weight: 3")
	contains(t, site, "content/es/about-es.md", "title: Sobre nosotros", "url: /about/")
	contains(t, site, "content/en/posts/first-steps.md", "date: 2026-01-05", "summary: How we started.", "[about](../about.md)")
	contains(t, site, "content/en/posts/next-post.md", "draft: true")
	contains(t, site, "content/en/lessons/one.md", "draft: true")
	contains(t, site, "static/assets/team.jpg", "(a photo)")
	for _, p := range []string{"content/en/README.md", "content/en/_layouts/default.html"} {
		if _, err := os.Stat(filepath.Join(site, p)); err == nil {
			t.Errorf("%s imported", p)
		}
	}
	if got := file(t, site, "content/en/index.md"); strings.Contains(got, "layout:") {
		t.Errorf("layout: home would give the page oersite's home template:\n%s", got)
	}
	res := builds(t, site)
	if res.Site.PageAt("en/about/") == nil || res.Site.PageAt("es/about/") == nil || res.Site.PageAt("en/posts/first-steps/") == nil {
		t.Error("pages not at their addresses")
	}
}

func skipped(rep *importer.Report, what string) bool {
	for _, p := range rep.Skipped {
		if strings.Contains(p.String(), what) {
			return true
		}
	}
	return false
}

// TestImportIsNonDestructive: a site with content is refused without
// --force and left as it was; with --force its content is moved aside.
func TestImportIsNonDestructive(t *testing.T) {
	src := source(t, "mkdocs")
	site := t.TempDir()
	own := filepath.Join(site, "content", "en", "mine.md")
	os.MkdirAll(filepath.Dir(own), 0o755)
	os.WriteFile(own, []byte("---\ntitle: Mine\n---\n"), 0o644)
	os.WriteFile(filepath.Join(site, "config.toml"), []byte("baseURL = \"https://x.org/\"\n[languages.en]\nname = \"English\"\n"), 0o644)
	before := listing(t, site)

	if _, err := importer.Run(importer.Options{Dialect: importer.MkDocs, Source: src, Site: site}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("a non-empty content/ was not refused: %v", err)
	}
	if after := listing(t, site); after != before {
		t.Fatalf("the refused import changed the site:\n%s\nwas\n%s", after, before)
	}

	rep, err := importer.Run(importer.Options{Dialect: importer.MkDocs, Source: src, Site: site, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(site, "content.before-import", "en", "mine.md")); err != nil || !strings.Contains(string(b), "Mine") {
		t.Errorf("the site's own page was not kept aside: %v", err)
	}
	if rep.Config || file(t, site, "config.toml") != "baseURL = \"https://x.org/\"\n[languages.en]\nname = \"English\"\n" {
		t.Error("an existing config.toml was rewritten")
	}
	if !skipped(rep, `language "de"`) {
		t.Errorf("the language config.toml lacks is not reported: %v", rep.Skipped)
	}
	if entries, _ := filepath.Glob(filepath.Join(site, ".oersite-import-*")); len(entries) > 0 {
		t.Errorf("staging left behind: %v", entries)
	}
}

// TestFailedImportWritesNothing: a source without content is an error, and
// the site folder stays as it was (no staging left).
func TestFailedImportWritesNothing(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "mkdocs.yml"), []byte("site_name: Empty\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "docs"), 0o755)
	site := t.TempDir()
	_, err := importer.Run(importer.Options{Dialect: importer.MkDocs, Source: src, Site: site})
	if err == nil {
		t.Fatal("an empty source imported without error")
	}
	if got := listing(t, site); got != "" {
		t.Errorf("the failed import wrote:\n%s", got)
	}
}

func listing(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			b.WriteString(rel + "\n")
		}
		return nil
	})
	return b.String()
}

func TestImportZola(t *testing.T) {
	site, rep := imported(t, importer.Zola, "zola")
	if strings.Join(rep.Languages, ",") != "en,nl" || !rep.Config {
		t.Errorf("languages %v, config written %v", rep.Languages, rep.Config)
	}
	contains(t, site, "config.toml", `baseURL = "https://repair.example.org/"`, `[languages.nl]`)
	contains(t, site, "content/en/_index.md", "[the tools](tools/_index.md)")
	contains(t, site, "content/nl/_index.md", "[het gereedschap](tools/_index.md)")
	contains(t, site, "content/en/tools/screwdrivers.md", "title: Screwdrivers", "lastmod: 2026-04-02", "url: /screwdrivers-explained/",
		"tags:", "- basics", "difficulty:", "[soldering](soldering/index.md#safety)")
	contains(t, site, "content/nl/tools/screwdrivers.md", "[solderen](soldering/index.md)")
	contains(t, site, "content/en/tools/soldering/index.md", "[screwdrivers](../screwdrivers.md)", "[nothing](@/tools/gone.md)",
		"updated: 2026-05-01", "lastmod: 2026-05-02") // both kept: the page had lastmod already
	if rep.Unmapped["updated"] != 1 {
		t.Errorf("updated kept beside lastmod is not reported: %v", rep.Unmapped)
	}
	contains(t, site, "static/img/logo.svg", "<svg")
	if len(rep.Links) != 1 || !strings.Contains(rep.Links[0].What.Error(), "@/tools/gone.md") {
		t.Errorf("want the one broken link reported, got %v", rep.Links)
	}
	if !skipped(rep, "templates/") || rep.Unmapped["extra"] != 1 || rep.Unmapped["sort_by"] != 1 {
		t.Errorf("templates and unmapped keys not reported: %v %v", rep.Skipped, rep.Unmapped)
	}
	res := builds(t, site)
	if res.Site.PageAt("en/screwdrivers-explained/") == nil || res.Site.PageAt("nl/tools/screwdrivers/") == nil {
		t.Error("pages not at their addresses")
	}
}

// A GitBook book's pages, its table of contents' order and titles, its
// blocks written as oersite's, its .gitbook/assets/ as files/. Before,
// there was no GitBook import, and a page copied from a book showed its
// hints, embeds and figures as text.
func TestImportGitBook(t *testing.T) {
	site, rep := imported(t, importer.GitBook, "gitbook")
	contains(t, site, "content/en/index.md", "title: Welcome", "description: How a small shop", "weight: 1",
		"[the first step](reviews/first.md)", "[the untitled one](reviews/untitled.md)")
	if strings.Contains(file(t, site, "content/en/index.md"), "layout") {
		t.Error("GitBook's layout settings kept")
	}
	contains(t, site, "content/en/reviews/second.md", "weight: 3", "![A reply being typed](../files/reply.png)")
	contains(t, site, "content/en/reviews/untitled.md", "title: Untitled", "weight: 5", "No heading here.")
	contains(t, site, "content/en/reviews/first.md", "title: The first step", "weight: 4",
		":::tip\nRead the whole review before you answer.\n:::",
		"::::details On a phone\nOpen the app.\n\n:::warning\nNever answer in anger.\n:::\n::::",
		":::details On a computer\nOpen the website.\n:::",
		"[How to thank a customer](https://videos.example.org/watch/42)",
		"[The reply checklist](../files/reply-checklist.pdf)",
		"![Five stars on a phone](../files/stars.png)\n\n*A good review*",
		"| 1 | Thank them.<br>By name. |",
		"```markdown\n{% hint style=\"info\" %}\nThis is how GitBook writes a hint.\n{% endhint %}\n```")
	for _, f := range []string{"content/en/files/stars.png", "content/en/files/reply-checklist.pdf"} {
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Error(err)
		}
	}
	if len(rep.Links) != 0 || strings.Join(rep.Languages, ",") != "en" {
		t.Errorf("links %v, languages %v", rep.Links, rep.Languages)
	}
	res := builds(t, site)
	for _, d := range res.Diags.Warnings() {
		if s := d.String(); strings.Contains(s, "shown as text") {
			t.Errorf("the build still shows GitBook's syntax: %s", s)
		}
	}
	sec := res.Site.PageAt("en/reviews/")
	if sec == nil || len(sec.Pages) < 2 || sec.Pages[0].Title != "The second step" {
		t.Errorf("SUMMARY.md's order is lost: %+v", sec)
	}
	contains(t, site, "public/en/reviews/first/index.html", `<span class="callout-label">Tip</span>`, `alt="Five stars on a phone"`, `files/stars.png`)
}

// An mdBook (book.toml, its src/) and a legacy GitBook of one book per
// language folder (LANGS.md) are read as GitBook's are.
func TestImportMdBookAndGitBookLanguages(t *testing.T) {
	site, rep := imported(t, importer.GitBook, "mdbook")
	if strings.Join(rep.Languages, ",") != "de" {
		t.Errorf("languages %v: book.toml's", rep.Languages)
	}
	contains(t, site, "content/de/zwei.md", "title: Zweitens", "weight: 1")
	contains(t, site, "content/de/eins.md", "weight: 2")
	if _, err := os.Stat(filepath.Join(site, "content/de/SUMMARY.md")); err == nil {
		t.Error("SUMMARY.md copied as a page")
	}
	site, rep = imported(t, importer.GitBook, "gitbooklangs")
	if strings.Join(rep.Languages, ",") != "en,fr" {
		t.Errorf("languages %v: LANGS.md's, in its order", rep.Languages)
	}
	contains(t, site, "content/fr/index.md", "title: Bienvenue", "Bonjour.")
	builds(t, site)
}

// An mdBook's links to other files' text are expanded as mdBook does
// (whole files, lines, ranges, anchors, runnable samples, in fences and
// in included files); an escaped one stays as text; {{#title}} is the
// page's title; a fragment only included is no page; a link to a file
// that is not there, or outside the folder imported, stays as written
// and is reported at its line. A code block's mdBook attributes go
// ("```rust,ignore" is Rust's); mdbook-admonish's blocks are callouts.
func TestImportMdBookIncludes(t *testing.T) {
	site, rep := imported(t, importer.GitBook, "mdbookinclude")
	contains(t, site, "content/en/intro.md", "title: Welcome to the till", "Start here.\n\n> Count the float with a colleague.\n{{#include ../../missing.md}}")
	contains(t, site, "content/en/open.md",
		"```python\ndef open_till(float_eur):\n    return float_eur\n```",
		"```python\ndef open_till(float_eur):\n```",
		"Lines six to eight: def close_till(total):\n    return round(total, 2)\n",
		"From seven: def close_till(total):\n    return round(total, 2)\n# ANCHOR_END: all\n",
		"Up to two: # ANCHOR: all\n# ANCHOR: open\n",
		"```python\n# ANCHOR: all\n",
		"Write {{#include file.md}} to include a file.",
		"to include a file.\n\n> Count the float with a colleague.\n{{#include ../../missing.md}}\n\n{{#include nothere.md}}",
		"\n```rust\nfn main() {}\n```\n", "````markdown\n```rust,ignore\n```\n````",
		":::warning Count twice\nNever leave the till open.\n:::\n",
		"::::tip Keep receipts\n:::details Why\nFor the books.\n:::\n\n```text\nreceipt 1\n```\n::::\n",
		":::note\nPlain note.\n:::\n", ":::danger\nA bug.\n:::\n")
	if _, err := os.Stat(filepath.Join(site, "content/en/snippets/safety.md")); err == nil {
		t.Error("the fragment only included became a page")
	}
	var problems []string
	for _, p := range rep.Skipped {
		problems = append(problems, p.String())
	}
	if len(problems) != 5 {
		t.Errorf("problems %q, want five (the fragment's own said where it is included)", problems)
	}
	for _, want := range []string{
		"src/intro.md:4: mdBook's include of ../../missing.md: no such file",
		"src/open.md:23: mdBook's include of ../../missing.md: no such file",
		"src/open.md:25: mdBook's include of nothere.md: no such file",
		"src/open.md:27: mdBook's include of ../../../etc/passwd: the file is outside the folder imported",
		`src/open.md:29: mdBook's include of ../listings/till.py: the file has no lines "closing"`,
	} {
		if !strings.Contains(strings.Join(problems, "\n"), want) {
			t.Errorf("problems %q, want %q", problems, want)
		}
	}
	builds(t, site)
}
