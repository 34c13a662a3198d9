package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
)

// TestTextEditsArePatched edits pages' bodies in the example site (English,
// Italian, and French, half of whose pages fall back to English), one
// change at a time, building into the same folder after each: an edit
// that reaches no further than the page's body is a patch build (few pages
// written again), anything else a full one, and after every build the
// output and the warnings are a fresh build's, byte for byte, and the
// build after it is up to date.
func TestTextEditsArePatched(t *testing.T) {
	outputOracle(t)
	dir := copyExampleSite(t, "en", "it", "fr")
	// French has its own stories: without them, the story below is shown
	// in French as a fallback
	if err := os.RemoveAll(filepath.Join(dir, "content", "fr", "stories")); err != nil {
		t.Fatal(err)
	}
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	later := now.Add(time.Minute)
	first := buildInto(t, dir, dest, cache, later)
	lesson := "content/en/modules/social-media-for-your-business/02-which-platform.md"
	story := "content/en/stories/a-bakery-in-bari.md" // shown in French as a fallback
	steps := []struct {
		name    string
		change  func(t *testing.T)
		patched bool
		edited  int
		// metadataKept: the metadata files show nothing that changed (the
		// lessons' edits change their modules' packages, whose sizes and
		// digests the catalogues show)
		metadataKept bool
	}{
		{"a lesson's paragraph", func(t *testing.T) {
			appendText(t, dir, lesson, "One more paragraph about platforms.")
		}, true, 1, false},
		{"a story shown in French as a fallback", func(t *testing.T) {
			replaceText(t, dir, story, "## What they did", "A short word before the next part.\n\n## What they did")
		}, true, 1, true},
		{"an Italian lesson and an English page at once", func(t *testing.T) {
			appendText(t, dir, "content/it/modules/social-media-for-your-business/01-why-be-online.md", "Un paragrafo in più.")
			appendText(t, dir, "content/en/about.md", "One more sentence about us.")
		}, true, 2, false},
		{"a new heading (other pages may show headings)", func(t *testing.T) {
			appendText(t, dir, story, "## One more heading\n\nAnd its text.")
		}, false, 1, false},
		{"a title in the front matter", func(t *testing.T) {
			replaceText(t, dir, lesson, "title:", "title: New")
		}, false, 1, false},
	}
	for _, s := range steps {
		time.Sleep(10 * time.Millisecond) // a later modification time, where the system's clock is coarse
		s.change(t)
		before := searchFiles(t, dest)
		res := buildInto(t, dir, dest, cache, later)
		switch {
		case res.UpToDate:
			t.Fatalf("%s: the build found the output up to date", s.name)
		case s.patched && (res.Patched == 0 || res.Patched > res.Pages/10):
			t.Errorf("%s: %d of %d pages written again, want a patch build", s.name, res.Patched, res.Pages)
		case !s.patched && res.Patched != 0:
			t.Errorf("%s: a patch build (%d pages), want a full one", s.name, res.Patched)
		}
		// Every build after the first takes the unchanged pages' Markdown
		// from the last build's, full or patch: all but the pages edited
		// and the three whose charts read their data files (the skills
		// page in English, Italian and French).
		if md := res.Site.Markdown; md.Files-md.Taken > s.edited+3 {
			t.Errorf("%s: %d of %d pages' Markdown taken from the last build", s.name, md.Taken, md.Files)
		}
		// The offline copy is patched with the build, and its zip takes
		// the files unchanged from the last zip.
		zipNote := timingNote(res, "offline zip")
		if copyPatched := strings.Contains(zipNote, "the copy's pages written again"); copyPatched != s.patched || !strings.Contains(zipNote, "files taken from the last zip") {
			t.Errorf("%s: the offline zip's note says %q", s.name, zipNote)
		}
		// A patch build's export writes the edited languages' search index
		// again (English in every patched step), but the files that come
		// out as they were stay the last build's (not written: links to
		// the same files).
		if s.patched {
			kept, after := 0, searchFiles(t, dest)
			for p, info := range before {
				if now, ok := after[p]; ok && os.SameFile(info, now) {
					kept++
				}
			}
			if kept == 0 || kept == len(after) {
				t.Errorf("%s: %d of the %d search files are the last build's files; want those unchanged (some, not all)", s.name, kept, len(after))
			}
		}
		// The search export takes the sizes of the files it estimated
		// before from the last build's (the output is still a fresh
		// build's: checked below).
		var found, asked int
		if _, err := fmt.Sscanf(timingNote(res, "search"), "%d of %d file size estimates", &found, &asked); err != nil || found == 0 || found > asked {
			t.Errorf("%s: the search stage's note says %q; want the sizes estimated before taken from the last build", s.name, timingNote(res, "search"))
		}
		if kept := timingNote(res, "metadata") != ""; kept != s.metadataKept {
			t.Errorf("%s: metadata kept: %v, want %v", s.name, kept, s.metadataKept)
		}
		freshDest := filepath.Join(t.TempDir(), "out")
		fresh := buildInto(t, dir, freshDest, t.TempDir(), later)
		if why, ok := sameTree(snapshot(t, dest), snapshot(t, freshDest)); !ok {
			t.Fatalf("%s: the output is not what a fresh build writes: %s", s.name, why)
		}
		if !reflect.DeepEqual(res.Diags, fresh.Diags) {
			t.Errorf("%s: warnings\n%v\nwant a fresh build's:\n%v", s.name, res.Diags, fresh.Diags)
		}
		if res.Pages != fresh.Pages || len(res.Files) != len(fresh.Files) || !reflect.DeepEqual(res.Files, fresh.Files) {
			t.Errorf("%s: %d pages, %d files; a fresh build says %d, %d", s.name, res.Pages, len(res.Files), fresh.Pages, len(fresh.Files))
		}
		if again := buildInto(t, dir, dest, cache, later); !again.UpToDate {
			t.Errorf("%s: the build after it ran again", s.name)
		}
	}
	if first.Patched != 0 {
		t.Error("the first build says it patched")
	}
}

// A patch build never writes through the links it makes to the last
// output: a file linked elsewhere keeps the last build's bytes, and a
// patch build that fails leaves the output as it was.
func TestPatchBuildsLeaveTheLastOutput(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, now)
	page := filepath.Join(dest, "en/about/index.html")
	before, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(t.TempDir(), "about.html")
	if err := os.Link(page, aside); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	appendText(t, dir, "content/en/about.md", "We teach in small groups.")
	res := buildInto(t, dir, dest, cache, now)
	if res.Patched == 0 {
		t.Fatal("a body edit was not patched")
	}
	// Every other page's front matter comes from the last build's parse.
	var taken, files int
	if _, err := fmt.Sscanf(timingNote(res, "load"), "the front matter of %d of %d files", &taken, &files); err != nil || taken != files-1 || files < 3 {
		t.Errorf("load: %q; want the front matter of all files but the edited one taken from the last build", timingNote(res, "load"))
	}
	if got, _ := os.ReadFile(aside); !bytes.Equal(got, before) {
		t.Error("the patch build wrote through a link into the last build's file")
	}
	if got, _ := os.ReadFile(page); !bytes.Contains(got, []byte("in small groups")) {
		t.Error("the patched page does not show the edit")
	}
	// Broken front matter is an error: nothing changes.
	kept := snapshot(t, dest)
	replaceText(t, dir, "content/en/about.md", "title: About us", "title: [unclosed")
	if _, err := build.Build(t.Context(), build.Options{Source: dir, Dest: dest, CacheDir: cache, Now: now}); err == nil {
		t.Fatal("a page with broken front matter built")
	}
	if why, ok := sameTree(snapshot(t, dest), kept); !ok {
		t.Errorf("a failed patch build changed the output: %s", why)
	}
}

// searchFiles returns the files of the English static search index in
// dest, by path, as the system describes them.
func searchFiles(t *testing.T, dest string) map[string]os.FileInfo {
	t.Helper()
	out := map[string]os.FileInfo{}
	err := filepath.WalkDir(filepath.Join(dest, "_search", "en"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Lstat(p)
		out[p] = info
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// appendText adds a paragraph at the end of a page's body.
func appendText(t *testing.T, dir, file, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	write(t, p, strings.TrimRight(string(data), "\n")+"\n\n"+text+"\n")
}

// replaceText replaces the first old in a page's file.
func replaceText(t *testing.T, dir, file, old, new string) {
	t.Helper()
	edit(t, filepath.Join(dir, filepath.FromSlash(file)), old, new)
}

// A section's introduction is shown on every page of its list: an edit of
// it writes them all again.
func TestPatchedIntroductionOnEveryListPage(t *testing.T) {
	dir := writeSite(t, paginatedStories())
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, now)
	if _, err := os.Stat(filepath.Join(dest, "en/stories/page/2/index.html")); err != nil {
		t.Fatalf("the list is not split: %v", err)
	}
	appendText(t, dir, "content/en/stories/_index.md", "Some of them became tutors.")
	res := buildInto(t, dir, dest, cache, now)
	if res.Patched == 0 {
		t.Fatal("the edit was not patched")
	}
	if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, now)); !ok {
		t.Errorf("the output is not what a fresh build writes: %s", why)
	}
}

// The dev server follows the same rule: an edit of a section's
// introduction shows on every page of its list.
func TestSessionIntroductionOnEveryListPage(t *testing.T) {
	dir := writeSite(t, paginatedStories())
	sess := build.NewSession(build.Options{Source: dir})
	if _, err := sess.Full(t.Context(), now); err != nil {
		t.Fatal(err)
	}
	appendText(t, dir, "content/en/stories/_index.md", "Some of them became tutors.")
	if _, err := sess.Update(t.Context(), []string{"content/en/stories/_index.md"}); err != nil {
		t.Fatal(err)
	}
	if _, diff := settledDiff(t, sess, dir); diff != "" {
		t.Errorf("the dev server's pages differ from a full build's:\n%s", diff)
	}
}

// Each patch build copies the last build's kept HTML and text and adds
// the pages it renders again: once more than half of the copy is what no
// page reads any more, a build renders every page into a new file, so
// that the kept file stays within twice what the pages hold (and a
// megabyte).
func TestKeptBodiesStayBounded(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, now)
	long := strings.Repeat("A long paragraph about digital skills.\n", 5000) // 195 KB
	fresh := 0
	for i := range 16 {
		time.Sleep(10 * time.Millisecond)
		write(t, filepath.Join(dir, "content/en/about.md"), "---\ntitle: About us\n---\nWe teach digital skills.\n\n"+long+string(rune('a'+i))+"\n")
		res := buildInto(t, dir, dest, cache, now)
		if res.Site.Markdown.Taken == 0 {
			fresh++
		}
		info, err := os.Stat(keptBodiesFile(t, cache))
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > 2*int64(2*len(long))+2<<20 {
			t.Fatalf("after %d edits the kept file is %d bytes", i+1, info.Size())
		}
	}
	if fresh == 0 {
		t.Error("no build rendered every page again")
	}
}

// A kept file changed since the build that kept it is not read: every
// page is rendered again, and the output is a fresh build's.
func TestChangedKeptBodiesAreNotRead(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, now)
	kept := keptBodiesFile(t, cache)
	data, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	write(t, kept, strings.Replace(string(data), "Insegniamo", "Insegnammo", 1)) // the same size
	appendText(t, dir, "content/en/about.md", "We teach in small groups.")
	res := buildInto(t, dir, dest, cache, now)
	if res.Site.Markdown.Taken != 0 {
		t.Errorf("%d pages taken from a changed file", res.Site.Markdown.Taken)
	}
	if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, now)); !ok {
		t.Errorf("the output is not what a fresh build writes: %s", why)
	}
}

// keptBodiesFile is the one spill file the cache keeps beside the build record.
func keptBodiesFile(t *testing.T, cache string) string {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(cache, "builds", "*.bodies"))
	if len(kept) != 1 {
		t.Fatalf("kept spill files: %v", kept)
	}
	return kept[0]
}

// paginatedStories is a site whose list of five stories is split over
// three pages, each showing the section's introduction.
func paginatedStories() string {
	site := strings.Replace(baseConfig, `title = "Test OER"`, "title = \"Test OER\"\npaginate = 2", 1) + `
-- content/en/stories/_index.md --
---
title: Stories
summary: Stories of learners.
---
Read how others learnt.
`
	for i := range 5 {
		site += "-- content/en/stories/s" + string(rune('a'+i)) + ".md --\n---\ntitle: Story " + string(rune('A'+i)) + "\ndate: 2026-11-0" + string(rune('1'+i)) + "\n---\nA story.\n"
	}
	return site
}
