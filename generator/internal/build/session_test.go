package build_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/synth"
)

// copyExampleSite copies the repository's example site (config, content, data,
// themes) into a temporary folder, with only the languages named (all of
// them when none is): the dev-server equivalence tests build the site some
// thirty times, and English, Italian (complete) and French (half of its
// pages fall back to English) show every case the other languages would.
func copyExampleSite(t *testing.T, langs ...string) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..", "..")
	keep := func(lang string) bool { return len(langs) == 0 || slices.Contains(langs, lang) }
	for _, name := range []string{"config.toml", "content", "data", "themes"} {
		src := filepath.Join(root, name)
		err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if parts := strings.Split(filepath.ToSlash(rel), "/"); info.IsDir() && len(parts) == 2 && parts[0] == "content" && !keep(parts[1]) {
				return filepath.SkipDir
			}
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
			if rel == "config.toml" {
				data = configWithLanguages(data, keep)
			}
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// configWithLanguages drops the [languages.<code>...] tables of the
// languages not kept from a config.toml.
func configWithLanguages(data []byte, keep func(string) bool) []byte {
	table := regexp.MustCompile(`^\[languages\.([A-Za-z-]+)[\].]`)
	var out []string
	kept := true
	for _, line := range strings.Split(string(data), "\n") {
		if m := table.FindStringSubmatch(line); m != nil {
			kept = keep(m[1])
		} else if strings.HasPrefix(line, "[") {
			kept = true
		}
		if kept {
			out = append(out, line)
		}
	}
	return []byte(strings.Join(out, "\n"))
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
	outputOracle(t)
	dir := copyExampleSite(t, "en", "it", "fr")
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
		fresh, diff := settledDiff(t, sess, dir)
		if diff != "" {
			t.Fatalf("after editing %s of %s (%d pages re-rendered), the incremental output differs from a full build:\n%s", orBody(e.key), e.file, res.Pages, diff)
		}
		// Counted against the pages, not all files: how many files the search
		// index takes is none of this test's business.
		if n := htmlFiles(fresh); res.Pages > n*2/3 {
			t.Errorf("editing %s of %s re-rendered %d of %d pages: not incremental", orBody(e.key), e.file, res.Pages, n)
		}
	}
}

// freshBuild builds dir from nothing in a new session.
func freshBuild(t *testing.T, dir string) *build.Session {
	t.Helper()
	fresh := build.NewSession(build.Options{Source: dir})
	if _, err := fresh.Full(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	return fresh
}

// settledDiff settles sess (a no-op after a full build), builds dir from
// nothing, and returns that build and how sess's files differ from it
// ("" when they do not).
func settledDiff(t *testing.T, sess *build.Session, dir string) (*build.Session, string) {
	t.Helper()
	if err := sess.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	fresh := freshBuild(t, dir)
	return fresh, compareFiles(sess, fresh)
}

// htmlFiles counts the pages of a session's output.
func htmlFiles(s *build.Session) int {
	n := 0
	for p := range s.Files().All() {
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
	fa, fb := a.Files(), b.Files()
	for p, data := range fb.All() {
		if skip(p) {
			continue
		}
		if got, ok := fa.Data(p); !ok {
			diffs = append(diffs, "missing "+p)
		} else if string(got) != string(data) {
			diffs = append(diffs, "differs "+p+"\n"+firstDifference(string(got), string(data)))
		}
	}
	for p := range fa.All() {
		if _, ok := fb.Data(p); !ok && !skip(p) {
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
	outputOracle(t)
	dir := copyExampleSite(t, "en", "it", "fr")
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

// TestTitleThatReordersAListMatchesAFullBuild: pages of the same weight
// and date are listed by title, so a new title may move a page in its
// lists (the stories, paginated; the modules, on the home page and in the
// request form; a term's list; a module's related resources). The edit
// stays incremental, and its output is a full build's.
func TestTitleThatReordersAListMatchesAFullBuild(t *testing.T) {
	module := "---\ntitle: %s\nsummary: A module.\naudience: [sme-workers]\nlevel: beginner\nduration: 2h\nlicence: CC-BY-SA-4.0\nkeywords: [posts]\n---\nModule text.\n"
	resource := "---\ntitle: %s\nsummary: A resource.\nlicence: CC-BY-SA-4.0\nmodules: [alpha]\n---\nResource text.\n"
	archive := strings.Replace(multilingual, `defaultLanguage = "en"`, "defaultLanguage = \"en\"\npaginate = 2", 1)
	for _, f := range []struct{ name, text string }{
		{"stories/b-garage.md", "---\ntitle: B garage\ndate: 2026-05-01\n---\nStory text.\n"},
		{"stories/c-tailor.md", "---\ntitle: C tailor\ndate: 2026-05-01\n---\nStory text.\n"},
		{"modules/alpha/index.md", fmt.Sprintf(module, "Alpha module")},
		{"modules/beta/index.md", fmt.Sprintf(module, "Beta module")},
		{"resources/one.md", fmt.Sprintf(resource, "One resource")},
		{"resources/two.md", fmt.Sprintf(resource, "Two resource")},
	} {
		archive += "-- content/en/" + f.name + " --\n" + f.text
	}
	dir := writeSite(t, archive)
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir, SearchInMemory: true})
	full, err := sess.Full(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct{ file, title string }{
		{"stories/b-garage.md", "A garage"},          // keeps its place
		{"stories/b-garage.md", "0 garage"},          // before the bakery, onto the first page
		{"stories/c-tailor.md", "00 tailor"},         // first, and the bakery to the second page
		{"modules/beta/index.md", "Aardvark module"}, // before alpha on the home page, the form, the keyword
		{"resources/two.md", "A resource"},           // first among alpha's related resources
	} {
		file := "content/en/" + e.file
		editFile(t, dir, file, "title", `"`+e.title+`"`)
		res, err := sess.Update(ctx, []string{file})
		if err != nil {
			t.Fatalf("%s titled %q: incremental update refused: %v", e.file, e.title, err)
		}
		if _, diff := settledDiff(t, sess, dir); diff != "" {
			t.Fatalf("after titling %s %q (%d pages re-rendered), the incremental output differs from a full build:\n%s", e.file, e.title, res.Pages, diff)
		}
		if res.Pages >= full.Pages {
			t.Errorf("titling %s %q re-rendered %d of %d pages: not incremental", e.file, e.title, res.Pages, full.Pages)
		}
	}
}

// TestThemeEditsMatchAFullBuild edits (appends to, or replaces "old => new"
// in) a layout, a partial, a strings file,
// the stylesheet and a static file of the example site in a dev-server
// session, and checks that each incremental update gives exactly the files
// of a full build.
func TestThemeEditsMatchAFullBuild(t *testing.T) {
	outputOracle(t)
	dir := copyExampleSite(t, "en", "it", "fr")
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
		// The learning-platform packages carry the quiz script.
		{"themes/default/assets/js/quiz.js", "\n/* quiz script edited */\n", false, false},
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
		fresh, diff := settledDiff(t, sess, dir)
		total = fresh.Files().Len()
		if diff != "" {
			t.Fatalf("after editing %s (%d pages re-rendered), the incremental output differs from a full build:\n%s", e.file, res.Pages, diff)
		}
		if e.some && res.Pages > total/3 {
			t.Errorf("editing %s re-rendered %d pages of %d files", e.file, res.Pages, total)
		}
	}
	if !strings.Contains(string(must(sess.Files().Data("en/modules/social-media-for-your-business/01-why-be-online/index.html"))), "lesson-layout-edited") {
		t.Error("the edited lesson layout is not used")
	}
	if !strings.Contains(string(must(sess.Files().Data("sitemap.xml"))), "sitemap edited") || !strings.Contains(string(must(sess.Files().Data("robots.txt"))), "Disallow: /private/") {
		t.Error("the edited sitemap.xml or robots.txt template is not used")
	}
}

// TestCachedPartialsFollowEachPage checks the header and footer that the
// default theme renders once per language, depth and navigation state: each
// page still gets its own language, relative links and current entry.
func TestCachedPartialsFollowEachPage(t *testing.T) {
	dir := copyExampleSite(t, "en", "it", "fr")
	buildSite(t, dir)
	assertContains(t, dir, "en/privacy/index.html", `<a href="../../en/privacy/" aria-current="page">Privacy`)
	assertNotContains(t, dir, "en/about/index.html", `<a href="../../en/privacy/" aria-current="page">`)
	assertContains(t, dir, "en/about/index.html", `<a href="../../en/about/" aria-current="page">`, `<a href="../../en/privacy/">Privacy`)
	assertContains(t, dir, "it/about/index.html", `<a href="../../it/privacy/">`, `action="../../it/search/"`)
	assertContains(t, dir, "en/modules/content-calendar/index.html", `<a href="../../../en/modules/" class="active">`, `action="../../../en/search/"`)
	assertContains(t, dir, "en/404.html", `action="/en/search/"`)
}

// must returns a file's content, or nil when it is missing.
func must(data []byte, _ bool) []byte { return data }

// TestStructuralEditsMatchAFullBuild makes each kind of structural edit to
// the example site in a dev-server session (a page added where a link was
// waiting for it, a new slug, a renamed file, a removed page, a page moved
// to another section, a new translation), rebuilding after each as the dev
// server does, and checks that the session's output is byte for byte a
// fresh full build's: links rendered before the edit (kept in the render
// cache) must follow it.
func TestStructuralEditsMatchAFullBuild(t *testing.T) {
	outputOracle(t)
	dir := copyExampleSite(t, "en", "it", "fr")
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	links := "\n[Kassel](a-garage-in-kassel.md), [new](a-new-story.md), [Vík](a-guesthouse-in-vik.md), [Varna](a-tailor-in-varna.md), [lesson](../modules/social-media-for-your-business/01-why-be-online.md)\n"
	write := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	move := func(from, to string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, to)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
	}
	story := "---\ntitle: %s\nsummary: A story added while the server runs.\ndate: 2026-10-30\n---\nText of the story.\n"
	edits := []struct {
		name string
		edit func()
	}{
		{"links to pages, one not written yet", func() {
			editFile(t, dir, "content/en/stories/a-bakery-in-bari.md", "", links)
			editFile(t, dir, "content/it/modules/social-media-for-your-business/index.md", "", "\n[Kassel](../../stories/a-garage-in-kassel.md)\n")
		}},
		{"the linked page is added", func() { write("content/en/stories/a-new-story.md", fmt.Sprintf(story, "A new story")) }},
		{"a linked page gets a new slug", func() { editFile(t, dir, "content/en/stories/a-garage-in-kassel.md", "slug", "garage-kassel") }},
		{"a linked page is renamed", func() { move("content/en/stories/a-new-story.md", "content/en/stories/a-newer-story.md") }},
		{"a linked page is removed", func() { os.Remove(filepath.Join(dir, "content/en/stories/a-guesthouse-in-vik.md")) }},
		{"a linked page moves to another section", func() {
			move("content/en/stories/a-tailor-in-varna.md", "content/en/resources/a-tailor-in-varna.md")
		}},
		{"a linked lesson moves to another module", func() {
			move("content/en/modules/social-media-for-your-business/01-why-be-online.md", "content/en/modules/content-calendar/04-why-be-online.md")
		}},
		{"a linked page gets a translation", func() {
			write("content/it/stories/a-garage-in-kassel.md", fmt.Sprintf(story, "Un'officina a Kassel"))
		}},
	}
	for _, e := range edits {
		e.edit()
		if _, err := sess.Full(ctx, now); err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if _, diff := settledDiff(t, sess, dir); diff != "" {
			t.Errorf("after %q, the dev server's output differs from a full build:\n%s", e.name, diff)
		}
	}
}

// outputOracle skips a test that compares a dev-server session's files
// with fresh full builds, dozens of builds of the example site, when the
// race detector runs: it checks output, not concurrency (the short session
// tests and every other build test cover that under -race), and under the
// detector it alone took 30 minutes. .ci/run runs these tests without it.
func outputOracle(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("an output oracle of some thirty builds: run without -race (.ci/run does)")
	}
}

// TestTitleEditRendersOnlyWhatShowsIt: a module's new title re-renders the
// pages that show it, not every module page (the progress box every
// module page has was taken for a site-wide list: 482 of 500 pages were
// rendered again, 3.2 s at 10,000 pages).
func TestTitleEditRendersOnlyWhatShowsIt(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Spec{Pages: 100, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	file := "content/en/modules/module-00007.md"
	editFile(t, dir, file, "title", `"An edited title"`)
	res, err := sess.Update(ctx, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	if n := htmlFiles(sess); res.Pages > n/10 {
		t.Errorf("a title edit re-rendered %d of %d pages", res.Pages, n)
	}
}

// derivedSummarySite has modules whose summaries come from the start of
// their text, as in material brought from other tools.
const derivedSummarySite = `-- config.toml --
baseURL = "https://example.org/"
title = "Summaries"
defaultLanguage = "en"
[languages.en]
name = "English"
weight = 1
-- content/en/_index.md --
---
title: "Home"
---
-- content/en/modules/_index.md --
---
title: "Modules"
---
-- content/en/modules/alpha.md --
---
title: "Alpha"
---
The first words of alpha.

The rest of alpha.
-- content/en/modules/beta.md --
---
title: "Beta"
---
The first words of beta.
`

// TestBodyEditThatChangesTheSummary edits the body of a page whose summary
// comes from its first paragraph: an edit further down re-renders the page
// alone (before, it re-rendered every list of the language: 7 pages here,
// 5.7 times slower at 10,000 pages of real text); an edit of the first
// paragraph changes the summary the lists show. Both must give what a full
// build gives.
func TestBodyEditThatChangesTheSummary(t *testing.T) {
	dir := writeSite(t, derivedSummarySite)
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	file := "content/en/modules/alpha.md"
	update := func(old, new string) *build.Result {
		t.Helper()
		p := filepath.Join(dir, file)
		data, _ := os.ReadFile(p)
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := sess.Update(ctx, []string{file})
		if err != nil {
			t.Fatalf("update refused: %v", err)
		}
		if _, diff := settledDiff(t, sess, dir); diff != "" {
			t.Fatalf("after replacing %q, the incremental output differs from a full build:\n%s", old, diff)
		}
		return res
	}
	if res := update("The rest of alpha.", "The rest of alpha, edited."); res.Pages != 1 {
		t.Errorf("an edit below the first paragraph re-rendered %d pages, want 1", res.Pages)
	}
	update("The first words of alpha.", "New opening words for alpha.")
	if list, _ := sess.Files().Data("en/modules/index.html"); !strings.Contains(string(list), "New opening words for alpha.") {
		t.Error("the modules page does not show the new summary")
	}
}

// cancelAfter is a context that reports itself cancelled from its n-th
// question on: a Settle stopped at every point it looks.
type cancelAfter struct {
	context.Context
	asked *atomic.Int64
	n     int64
}

func (c cancelAfter) Err() error {
	if c.asked.Add(1) > c.n {
		return context.Canceled
	}
	return nil
}

// TestStoppedSettleKeepsTheOldIndex stops Settle at points where it checks
// for a new edit, then publishes an update: the search index served must
// be a whole one, the last served or the one Settle finished, never a mix
// or a gap (before, the old files were dropped first, and the next update
// published a half-written index).
func TestStoppedSettleKeepsTheOldIndex(t *testing.T) {
	dir := writeSite(t, derivedSummarySite)
	ctx := context.Background()
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(ctx, now); err != nil {
		t.Fatal(err)
	}
	index := func(s *build.Session) map[string]string {
		out := map[string]string{}
		for p, data := range s.Files().All() {
			if strings.HasPrefix(p, "_search/en/") {
				out[p] = string(data)
			}
		}
		return out
	}
	file := "content/en/modules/beta.md"
	edit := func(n int64) {
		t.Helper()
		editFile(t, dir, file, "", "A line about zebras "+strconv.FormatInt(n, 10)+".")
		if _, err := sess.Update(ctx, []string{file}); err != nil {
			t.Fatal(err)
		}
	}
	edit(0)
	for n := int64(0); ; n += n/3 + 1 { // every check of the first few, then samples
		served := index(sess)
		fresh := freshBuild(t, dir)
		whole := index(fresh)
		if err := sess.Settle(cancelAfter{ctx, new(atomic.Int64), n}); err == nil {
			if got := index(sess); !maps.Equal(got, whole) {
				t.Error("the finished Settle did not write the new index")
			}
			break
		}
		if n > 1e6 {
			t.Fatal("Settle never finished")
		}
		edit(n + 1)
		if got := index(sess); !maps.Equal(got, served) && !maps.Equal(got, whole) {
			t.Fatalf("after a Settle stopped at its check %d, the search index served is neither the last one nor a new whole one (%d files, had %d)", n, len(got), len(served))
		}
	}
}
