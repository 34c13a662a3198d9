package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/oersite/oersite/generator/internal/content"
)

// The sources a build keeps for the next are those the file gives back
// exactly: an empty list (gob gives none back) is named inexact and parsed
// again, a page a cascade changed is not kept, and a changed file's source
// is not taken; a file touched since the record is not read at all.
func TestKeptSourcesAreTakenOnlyWhenExact(t *testing.T) {
	src := func(path string) *content.Source {
		return &content.Source{Path: path, Lang: "en", Rel: filepath.Base(path), BodyLine: 4, Body: []byte("Body.\n"),
			Meta: content.Meta{Title: path, Date: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), Tags: []string{"a"},
				Params: map[string]any{"title": path, "tags": []any{"a"}, "weight": int64(3), "cascade": map[string]any{"level": "basic"}}}}
	}
	exact, changed, empty, cascaded := src("content/en/a.md"), src("content/en/b.md"), src("content/en/c.md"), src("content/en/d.md")
	empty.Meta.Tags = []string{}
	cascaded.Cascaded = true
	record := filepath.Join(t.TempDir(), "builds", "x.gob")
	stamp, inexact, ok := keepParsed(parsedFile(record), []*content.Source{exact, changed, empty, cascaded})
	if !ok || !slices.Equal(inexact, []string{empty.Path}) {
		t.Fatalf("keepParsed: ok %v, inexact %v; want only %s", ok, inexact, empty.Path)
	}
	rec := &buildRecord{Parsed: stamp, ParsedInexact: inexact}
	got := lastParsed(record, rec, []string{changed.Path}, &lastSources{})
	if len(got) != 1 || got[exact.Path] == nil {
		t.Fatalf("lastParsed gave %d sources; want only %s", len(got), exact.Path)
	}
	want := exact.Parsed()
	if g := got[exact.Path].Parsed(); g.Meta.Title != want.Meta.Title || !g.Meta.Date.Equal(want.Meta.Date) || g.Meta.Params["weight"] != int64(3) || g.Body != nil {
		t.Errorf("the kept source came back as %+v", g)
	}

	// A patch build keeps the sources it took again unchecked (they came
	// from such a file) and checks those it parsed.
	reused := content.Reparsed(got[exact.Path], fstest.MapFS{}, content.Limits{})
	again := src("content/en/e.md")
	again.Meta.Tags = []string{}
	if _, inexact, ok := keepParsed(parsedFile(record), []*content.Source{reused, again}); !ok || !slices.Equal(inexact, []string{again.Path}) {
		t.Errorf("a patch build's keepParsed: ok %v, inexact %v; want only %s", ok, inexact, again.Path)
	}

	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(parsedFile(record), later, later); err != nil {
		t.Fatal(err)
	}
	if got := lastParsed(record, rec, nil, &lastSources{}); got != nil {
		t.Errorf("a kept file touched since its record gave %d sources", len(got))
	}
}

// A build that took most sources from the last build's file leaves that
// file as it is and writes the sources that differ from it into the patch
// file: those it parsed, and those the last patch file gave. The next
// build reads both, the patch file's over the other's; a patch file
// touched since its record is not read (nor the other).
func TestPatchFileOfSources(t *testing.T) {
	src := func(path, title string) *content.Source {
		return &content.Source{Path: path, Lang: "en", Rel: filepath.Base(path), BodyLine: 4,
			Meta: content.Meta{Title: title, Params: map[string]any{"title": title}}}
	}
	var all []*content.Source
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		all = append(all, src("content/en/"+n+".md", "first "+n))
	}
	record := filepath.Join(t.TempDir(), "builds", "x.gob")
	stamp, _, ok := keepParsed(parsedFile(record), all)
	if !ok {
		t.Fatal("keepParsed kept nothing")
	}
	rec := &buildRecord{Parsed: stamp}
	// A build that parsed b again, its title changed.
	var last lastSources
	got := lastParsed(record, rec, []string{"content/en/b.md"}, &last)
	if len(got) != len(all)-1 || !last.read {
		t.Fatalf("lastParsed gave %d sources (read %v)", len(got), last.read)
	}
	next := []*content.Source{}
	for _, s := range all {
		if s.Path == "content/en/b.md" {
			next = append(next, src(s.Path, "second b"))
		} else {
			next = append(next, content.Reparsed(got[s.Path], fstest.MapFS{}, content.Limits{}))
		}
	}
	kept, ok := keepPatch(record, next, &last, rec.Parsed)
	if !ok || kept.stamp != rec.Parsed || kept.patch.Path != parsedPatchFile(record) {
		t.Fatalf("keepPatch: ok %v, %+v", ok, kept)
	}
	if info, _ := os.Stat(parsedFile(record)); info.ModTime().UnixNano() != stamp.ModTime {
		t.Error("the file of all sources was written again")
	}
	// The next build, with d changed: b comes from the patch file.
	rec = &buildRecord{Parsed: kept.stamp, ParsedPatch: kept.patch, ParsedInexact: kept.inexact}
	last = lastSources{}
	got = lastParsed(record, rec, []string{"content/en/d.md"}, &last)
	if len(got) != len(all)-1 || got["content/en/b.md"] == nil || got["content/en/b.md"].Meta.Title != "second b" || got["content/en/d.md"] != nil {
		t.Fatalf("with the patch file: %d sources, b %+v", len(got), got["content/en/b.md"])
	}
	if !last.fromPatch["content/en/b.md"] || len(last.fromPatch) != 1 {
		t.Errorf("taken from the patch file: %v", last.fromPatch)
	}
	// Too many sources differing: the whole file is written again instead.
	var many []*content.Source
	for _, s := range all {
		many = append(many, src(s.Path, "third"))
	}
	if _, ok := keepPatch(record, many, &last, rec.Parsed); ok {
		t.Error("keepPatch kept a patch file of every source")
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(parsedPatchFile(record), later, later); err != nil {
		t.Fatal(err)
	}
	if got := lastParsed(record, rec, nil, &lastSources{}); got != nil {
		t.Errorf("a patch file touched since its record: %d sources given", len(got))
	}
}
