package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// lazily returns docs with their text moved into Load, counting the loads.
func lazily(docs []Doc, loads *atomic.Int64) []Doc {
	out := make([]Doc, len(docs))
	for i, d := range docs {
		body, secs := d.Body, d.Sections
		d.Body, d.Sections = "", nil
		d.Load = func() (string, []Section) { loads.Add(1); return body, secs }
		out[i] = d
	}
	return out
}

// TestLoadedTextGivesTheSameIndex: documents whose text comes from Load
// (as a build's do: the pages' text stays on disk) export the same files
// and snapshot as documents that hold it, and the index keeps none of
// their text between loads, only their sections' anchors and headings.
func TestLoadedTextGivesTheSameIndex(t *testing.T) {
	held := docsEN()
	held[0].Body = "A tutor listens first.\nPatience\nTutoring is patient work. A tutor asks before showing."
	held[0].Sections = []Section{
		{Text: "A tutor listens first."},
		{Anchor: "patience", Heading: "Patience", Text: "Patience\nTutoring is patient work. A tutor asks before showing."},
	}
	var loads atomic.Int64 // documents are loaded on every core
	lazy := lazily(held, &loads)

	exportOf := func(docs []Doc) (*Index, exported) {
		ix, err := ExportOnly("en")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Update(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
		return ix, export(t, ix)
	}
	_, want := exportOf(held)
	ix, got := exportOf(lazy)
	if len(got.files) != len(want.files) {
		t.Fatalf("%d files exported from loaded text, %d from held text", len(got.files), len(want.files))
	}
	for name, data := range want.files {
		if !bytes.Equal(got.files[name], data) {
			t.Errorf("%s differs:\nloaded: %s\nheld:   %s", name, got.files[name], data)
		}
	}
	if n := loads.Load(); n < int64(len(held)) {
		t.Errorf("%d loads for %d documents", n, len(held))
	}
	for _, d := range ix.corpus.docs {
		if d.Body != "" {
			t.Errorf("%s: the index kept its body %q", d.URL, d.Body)
		}
		for _, s := range d.Sections {
			if s.Text != "" {
				t.Errorf("%s: the index kept section %q's text", d.URL, s.Anchor)
			}
		}
		if d.URL == held[0].URL && (len(d.Sections) != 2 || d.Sections[1].Anchor != "patience" || d.Sections[1].Heading != "Patience") {
			t.Errorf("%s: sections kept as %+v, want their anchors and headings", d.URL, d.Sections)
		}
	}

	path := filepath.Join(t.TempDir(), "en.docs")
	if err := WriteSnapshot(path, lazy); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSnapshot(path)
	if err != nil || !reflect.DeepEqual(back, held) {
		t.Errorf("snapshot of loaded documents read back as %+v, %v; want %+v", back, err, held)
	}
}

// TestExportWritesEachFileAsItIsMade: the export hands each file to put as
// soon as it is encoded (told to stop while writing its first file, it
// writes few more), and stops at the first file put refuses, returning its
// error.
func TestExportWritesEachFileAsItIsMade(t *testing.T) {
	ix := index(t, "en", bigDocs(300))
	all := export(t, ix)
	ctx, cancel := context.WithCancel(context.Background())
	written := 0
	_, err := ix.Export(ctx, func(string, []byte) error { written++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || written > 2 || len(all.files) < 10 {
		t.Errorf("told to stop at the first of %d files: wrote %d, returned %v", len(all.files), written, err)
	}
	refused := errors.New("disk full")
	for _, at := range []int{1, 3, len(all.files) - 1} {
		var written []string
		_, err := ix.Export(context.Background(), func(p string, data []byte) error {
			if len(written) == at {
				return refused
			}
			if !bytes.Equal(data, all.files[p]) {
				t.Errorf("%s differs from the whole export's", p)
			}
			written = append(written, p)
			return nil
		})
		if !errors.Is(err, refused) {
			t.Errorf("put refused file %d: Export returned %v", at+1, err)
		}
		if len(written) != at {
			t.Errorf("put refused file %d, yet %d were written", at+1, len(written))
		}
	}
}

// TestReadingOnEveryCoreGivesTheSameIndex: the pages are read (cut into
// words, looked up) by one goroutine per core, each with its own words
// met, and added in order; the index is the same whatever the number of
// cores, over more documents than readers take at a time and more words
// than a reader keeps.
func TestReadingOnEveryCoreGivesTheSameIndex(t *testing.T) {
	docs := bigDocs(3*readChunk + 7)
	perDoc := readerWords/len(docs) + 2
	for i := range docs {
		if i%3 == 0 { // words met in two spellings by different readers
			docs[i].Title = strings.ToUpper(docs[i].Title)
		}
		for k := range perDoc { // words of one page only
			docs[i].Body += fmt.Sprintf(" w%dx%d", i, k)
		}
	}
	exportWith := func(procs int) exported {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return export(t, index(t, "en", docs))
	}
	one, many := exportWith(1), exportWith(4)
	if len(one.files) != len(many.files) {
		t.Fatalf("%d files on one core, %d on four", len(one.files), len(many.files))
	}
	for name, data := range one.files {
		if !bytes.Equal(data, many.files[name]) {
			t.Errorf("%s differs between one core and four", name)
		}
	}
}
