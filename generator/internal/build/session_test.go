package build_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

// copyExampleSite copies the repository's example site (config, content,
// themes) into a temporary folder.
func copyExampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config.toml", "content", "themes"} {
		src := filepath.Join("..", "..", "..", name)
		err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", "..", ".."), p)
			dst := filepath.Join(dir, rel)
			if info.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			if strings.HasSuffix(p, ".go") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editFile rewrites one front matter key's value (or, with key "", appends to the body).
func editFile(t *testing.T, dir, file, key, value string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if key == "" {
		s += "\n" + value + "\n"
	} else {
		re := regexp.MustCompile(`(?m)^` + key + `:.*$`)
		if !re.MatchString(s) {
			s = strings.Replace(s, "---\n", "---\n"+key+": "+value+"\n", 1)
		} else {
			s = re.ReplaceAllLiteralString(s, key+": "+value)
		}
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalEditsMatchAFullBuild edits titles, summaries and bodies of
// every kind of page of the example site in a dev-server session, one at a
// time, and checks after each that the incremental update (pages, then
// Settle for the search index and site-wide files) gives exactly the files a
// full build of the edited site gives.
func TestIncrementalEditsMatchAFullBuild(t *testing.T) {
	dir := copyExampleSite(t)
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	edits := []struct{ file, key, value string }{
		{"content/en/modules/social-media-for-your-business/index.md", "title", `"Your business on social media"`},
		{"content/en/modules/social-media-for-your-business/02-which-platform.md", "title", `"Which platform suits you?"`},
		{"content/en/modules/social-media-for-your-business/02-which-platform.md", "", "One more paragraph about platforms."},
		{"content/en/webinars/answering-messages-quickly.md", "title", `"Quick replies, live"`},
		{"content/en/webinars/answering-messages-quickly.md", "presenter", `"A new presenter"`},
		{"content/en/resources/first-post-checklist/index.md", "summary", `"A checklist to go through before you publish a post."`},
		{"content/en/stories/a-bakery-in-bari.md", "title", `"A bakery in Bari, one year on"`},
		{"content/it/modules/social-media-for-your-business/index.md", "title", `"La tua impresa sui social media"`},
		{"content/en/modules/tutoring-an-adult-learner/index.md", "description", `"How to tutor an adult learner."`},
	}
	for _, e := range edits {
		editFile(t, dir, e.file, e.key, e.value)
		res, err := sess.Update(ctx, []string{e.file})
		if err != nil {
			t.Fatalf("%s %s: incremental update refused: %v", e.file, e.key, err)
		}
		if err := sess.Settle(ctx); err != nil {
			t.Fatal(err)
		}
		fresh := build.NewSession(build.Options{Source: dir})
		if _, err := fresh.Full(ctx, now); err != nil {
			t.Fatal(err)
		}
		if diff := compareFiles(sess, fresh); diff != "" {
			t.Fatalf("after editing %s of %s (%d pages re-rendered), the incremental output differs from a full build:\n%s", orBody(e.key), e.file, res.Pages, diff)
		}
		// Counted against the pages, not all files: how many files the search
		// index takes is none of this test's business.
		if n := htmlFiles(fresh); res.Pages > n*2/3 {
			t.Errorf("editing %s of %s re-rendered %d of %d pages: not incremental", orBody(e.key), e.file, res.Pages, n)
		}
	}
}

// htmlFiles counts the pages of a session's output.
func htmlFiles(s *build.Session) int {
	n := 0
	for p := range s.Files().Files {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

func orBody(key string) string {
	if key == "" {
		return "the body"
	}
	return key
}

// compareFiles lists the files that differ between two sessions' outputs,
// leaving out the offline zip (rebuilt only by full builds) and mirror.json,
// which lists its checksum.
func compareFiles(a, b *build.Session) string {
	skip := func(p string) bool { return strings.HasSuffix(p, ".zip") || p == "mirror.json" }
	var diffs []string
	fa, fb := a.Files().Files, b.Files().Files
	for p, data := range fb {
		if skip(p) {
			continue
		}
		if got, ok := fa[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if string(got) != string(data) {
			diffs = append(diffs, "differs "+p+"\n"+firstDifference(string(got), string(data)))
		}
	}
	for p := range fa {
		if _, ok := fb[p]; !ok && !skip(p) {
			diffs = append(diffs, "extra "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 8 {
		diffs = append(diffs[:8], "...")
	}
	return strings.Join(diffs, "\n")
}

func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "  incremental: …" + got[from:min(len(got), i+80)] + "\n  full build:  …" + want[from:min(len(want), i+80)]
}

// TestStructuralEditsNeedAFullBuild checks that edits moving a page or
// changing the lists it is in are not applied incrementally.
func TestStructuralEditsNeedAFullBuild(t *testing.T) {
	dir := copyExampleSite(t)
	ctx := context.Background()
	for _, e := range []struct{ file, key, value string }{
		{"content/en/modules/social-media-for-your-business/02-which-platform.md", "weight", "9"},
		{"content/en/modules/social-media-for-your-business/index.md", "audience", "[young-tutors]"},
		{"content/en/webinars/answering-messages-quickly.md", "start", "2025-01-14T17:00:00+01:00"},
		{"content/en/stories/a-bakery-in-bari.md", "slug", "bakery"},
		// a second knowledge check: progress codes and certificates everywhere count it
		{"content/en/modules/social-media-for-your-business/02-which-platform.md", "", ":::quiz\nTrue?\n\n- [x] Yes\n- [ ] No\n:::"},
	} {
		sess := build.NewSession(build.Options{Source: dir})
		if _, err := sess.Full(ctx, now); err != nil {
			t.Fatal(err)
		}
		editFile(t, dir, e.file, e.key, e.value)
		if _, err := sess.Update(ctx, []string{e.file}); !errors.Is(err, build.ErrNeedsFull) {
			t.Errorf("editing %s of %s: got %v, want ErrNeedsFull", e.key, e.file, err)
		}
	}
}

// TestTitleThatReordersAListNeedsAFullBuild: pages of the same weight and
// date are listed by title, so a new title may move a page in its list.
func TestTitleThatReordersAListNeedsAFullBuild(t *testing.T) {
	dir := writeSite(t, multilingual+`-- content/en/stories/b-garage.md --
---
title: B garage
date: 2026-05-01
---
Story text.
`)
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "content/en/stories/b-garage.md", "title", "A garage")
	if _, err := sess.Update(ctx, []string{"content/en/stories/b-garage.md"}); err != nil {
		t.Fatalf("a title keeping the order: %v", err)
	}
	editFile(t, dir, "content/en/stories/b-garage.md", "title", "0 garage")
	if _, err := sess.Update(ctx, []string{"content/en/stories/b-garage.md"}); !errors.Is(err, build.ErrNeedsFull) {
		t.Fatalf("a title moving the story before the bakery: got %v, want ErrNeedsFull", err)
	}
}

// TestThemeEditsMatchAFullBuild edits (appends to, or replaces "old => new"
// in) a layout, a partial, a strings file,
// the stylesheet and a static file of the example site in a dev-server
// session, and checks that each incremental update gives exactly the files
// of a full build.
func TestThemeEditsMatchAFullBuild(t *testing.T) {
	dir := copyExampleSite(t)
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	edit := func(file, text string) {
		p := filepath.Join(dir, filepath.FromSlash(file))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data) + text
		if old, new, ok := strings.Cut(text, " => "); ok {
			s = strings.Replace(string(data), old, new, 1)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for _, e := range []struct {
		file, text string
		some       bool // only some pages are re-rendered
		labels     bool // a strings file, which labelled pages render in their Markdown
	}{
		{"themes/default/layouts/lesson.html", `class="wrap lesson-layout" => class="wrap lesson-layout lesson-layout-edited"`, true, false},
		{"themes/default/layouts/partials/footer.html", "<!-- footer edited -->\n", false, false},
		{"themes/default/i18n/en.toml", "\n\"test.edited\" = \"An added string\"\n", false, true},
		{"themes/default/assets/css/site.css", "\n.edited { color: #222; }\n", false, false},
		{"themes/default/static/favicon.svg", "<!-- edited -->\n", true, false},
		{"themes/default/layouts/sitemap.xml", "<!-- sitemap edited -->\n", true, false},
		{"themes/default/layouts/robots.txt", "Disallow: /private/\n", true, false},
	} {
		edit(e.file, e.text)
		res, err := sess.UpdateTheme(ctx, []string{e.file})
		if errors.Is(err, build.ErrNeedsFull) && e.labels {
			// Pages that show translated labels (tutor notes, knowledge
			// checks) are rendered again from their Markdown: the dev
			// server then builds in full, as here.
			res, err = sess.Full(ctx, now)
		}
		if err != nil {
			t.Fatalf("%s: incremental update refused: %v", e.file, err)
		}
		if err := sess.Settle(ctx); err != nil {
			t.Fatal(err)
		}
		fresh := build.NewSession(build.Options{Source: dir})
		if _, err := fresh.Full(ctx, now); err != nil {
			t.Fatal(err)
		}
		total = len(fresh.Files().Files)
		if diff := compareFiles(sess, fresh); diff != "" {
			t.Fatalf("after editing %s (%d pages re-rendered), the incremental output differs from a full build:\n%s", e.file, res.Pages, diff)
		}
		if e.some && res.Pages > total/3 {
			t.Errorf("editing %s re-rendered %d pages of %d files", e.file, res.Pages, total)
		}
	}
	if !strings.Contains(string(sess.Files().Files["en/modules/social-media-for-your-business/01-why-be-online/index.html"]), "lesson-layout-edited") {
		t.Error("the edited lesson layout is not used")
	}
	if !strings.Contains(string(sess.Files().Files["sitemap.xml"]), "sitemap edited") || !strings.Contains(string(sess.Files().Files["robots.txt"]), "Disallow: /private/") {
		t.Error("the edited sitemap.xml or robots.txt template is not used")
	}
}

// TestCachedPartialsFollowEachPage checks the header and footer that the
// default theme renders once per language, depth and navigation state: each
// page still gets its own language, relative links and current entry.
func TestCachedPartialsFollowEachPage(t *testing.T) {
	dir := copyExampleSite(t)
	buildSite(t, dir)
	assertContains(t, dir, "en/privacy/index.html", `<a href="../../en/privacy/" aria-current="page">Privacy`)
	assertNotContains(t, dir, "en/about/index.html", `<a href="../../en/privacy/" aria-current="page">`)
	assertContains(t, dir, "en/about/index.html", `<a href="../../en/about/" aria-current="page">`, `<a href="../../en/privacy/">Privacy`)
	assertContains(t, dir, "it/about/index.html", `<a href="../../it/privacy/">`, `action="../../it/search/"`)
	assertContains(t, dir, "en/modules/content-calendar/index.html", `<a href="../../../en/modules/" class="active">`, `action="../../../en/search/"`)
	assertContains(t, dir, "en/404.html", `action="/en/search/"`)
}
