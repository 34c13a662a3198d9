package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/oersite/oersite/generator/internal/content"
)

// The sources a build keeps for the next are those the file gives back
// exactly: a time in a named zone (kept as its offset) is named inexact and parsed
// again, a page a cascade changed is not kept, and a changed file's source
// is not taken; a file touched since the record is not read at all.
func TestKeptSourcesAreTakenOnlyWhenExact(t *testing.T) {
	src := func(path string) *content.Source {
		return &content.Source{Path: path, Lang: "en", Rel: filepath.Base(path), BodyLine: 4, Body: []byte("Body.\n"),
			Meta: content.Meta{Title: path, Date: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), Tags: []string{"a"},
				Params: map[string]any{"title": path, "tags": []any{"a"}, "weight": int64(3), "cascade": map[string]any{"level": "basic"}}}}
	}
	exact, changed, zoned, cascaded := src("content/en/a.md"), src("content/en/b.md"), src("content/en/c.md"), src("content/en/d.md")
	zoned.Meta.Lastmod = time.Date(2026, 11, 2, 0, 0, 0, 0, time.FixedZone("CET", 3600))
	cascaded.Cascaded = true
	record := filepath.Join(t.TempDir(), "builds", "x.gob")
	stamp, inexact, ok := keepParsed(parsedFile(record), []*content.Source{exact, changed, zoned, cascaded})
	if !ok || !slices.Equal(inexact, []string{zoned.Path}) {
		t.Fatalf("keepParsed: ok %v, inexact %v; want only %s", ok, inexact, zoned.Path)
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
	again.Meta.Lastmod = zoned.Meta.Lastmod
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

// A file of many sources is cut in parts, decoded on every core and given
// back in the order written; a file cut short, or of another form, gives
// nothing.
func TestFileOfSourcesInParts(t *testing.T) {
	var sources []*content.Source
	for i := range 300 {
		p := fmt.Sprintf("content/en/p%03d.md", i)
		sources = append(sources, &content.Source{Path: p, Lang: "en", Rel: p[11:],
			Meta: content.Meta{Title: p, Weight: i, Params: map[string]any{"title": p, "weight": int64(i)}}})
	}
	name := filepath.Join(t.TempDir(), "x.sources")
	if _, inexact, ok := keepParsed(name, sources); !ok || len(inexact) != 0 {
		t.Fatalf("keepParsed: ok %v, inexact %v", ok, inexact)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	parts, err := partsOf(f, info.Size())
	f.Close()
	if err != nil || len(parts) != 5 {
		t.Fatalf("the file of 300 sources has %d parts (%v); want 5 of 64", len(parts), err)
	}
	var got []string
	if err := readParsed(name, func(i int, src *content.Source) {
		if src.Meta.Weight != i || src.Meta.Params["weight"] != int64(i) {
			t.Errorf("source %d came back as %s, weight %d", i, src.Path, src.Meta.Weight)
		}
		got = append(got, src.Path)
	}); err != nil || len(got) != 300 {
		t.Fatalf("readParsed gave %d sources: %v", len(got), err)
	}

	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for what, damaged := range map[string][]byte{
		"cut short":    b[:len(b)-100],
		"another form": append([]byte("oersite sources 0\n"), b[len(sourcesMagic):]...),
		"empty":        nil,
	} {
		if err := os.WriteFile(name, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		n := 0
		if err := readParsed(name, func(int, *content.Source) { n++ }); err == nil || n != 0 {
			t.Errorf("a file of sources %s gave %d sources, error %v", what, n, err)
		}
	}
}

// A front matter value of a type the file of sources does not know comes
// back empty: its source is named inexact, parsed again by the next build.
func TestSourceOfAnUnknownValueIsInexact(t *testing.T) {
	src := content.Source{Path: "content/en/a.md", Meta: content.Meta{Title: "A", Params: map[string]any{"title": "A"}}}
	other := src
	other.Path = "content/en/b.md"
	other.Meta.Params = map[string]any{"title": "B", "odd": int32(7)}
	name := filepath.Join(t.TempDir(), "x.sources")
	if _, inexact, ok := keepParsed(name, []*content.Source{&src, &other}); !ok || !slices.Equal(inexact, []string{other.Path}) {
		t.Errorf("keepParsed: ok %v, inexact %v; want only %s (an int32 value)", ok, inexact, other.Path)
	}
}
