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
	got := lastParsed(record, rec, []string{changed.Path})
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
	if got := lastParsed(record, rec, nil); got != nil {
		t.Errorf("a kept file touched since its record gave %d sources", len(got))
	}
}
