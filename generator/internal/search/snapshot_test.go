package search

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/outdir"
)

// TestSnapshotRoundTrip: the documents a build keeps for `oersite search`
// come back as they were; a file of another version or cut short is refused
// with a message saying to build again, and a link where the file goes is
// replaced, not followed.
func TestSnapshotRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "en.docs")
	docs := docsEN()
	docs[0].Sections = []Section{{Anchor: "a", Heading: "H", Text: "H text"}}
	outside := filepath.Join(t.TempDir(), "mine.txt")
	os.WriteFile(outside, []byte("mine"), 0o644)
	os.Symlink(outside, path)
	if err := WriteSnapshot(path, docs); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "mine" {
		t.Errorf("the file a link pointed to was written: %q", b)
	}
	got, err := ReadSnapshot(path)
	if err != nil || !reflect.DeepEqual(got, docs) {
		t.Fatalf("read back %+v, %v", got, err)
	}
	data, _ := os.ReadFile(path)
	for name, bad := range map[string][]byte{"old": append([]byte("oersite search documents 1\n"), data[27:]...), "short": data[:len(data)/2]} {
		os.WriteFile(path, bad, 0o644)
		if _, err := ReadSnapshot(path); err == nil || !strings.Contains(err.Error(), "build the site again") {
			t.Errorf("%s file: %v", name, err)
		}
	}
}

// TestStalePreparedSnapshotsAreRemoved: a prepared snapshot that a build
// killed outright left behind goes at the next preparation; a recent one
// (another build's, still running) stays.
func TestStalePreparedSnapshotsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	stale, recent := filepath.Join(dir, ".docs-1"), filepath.Join(dir, ".docs-2")
	for _, p := range []string{stale, recent} {
		os.WriteFile(p, []byte("left"), 0o644)
	}
	long := time.Now().Add(-2 * outdir.StaleAfter)
	os.Chtimes(stale, long, long)
	pending, err := PrepareSnapshot(filepath.Join(dir, "en.docs"), docsEN())
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(pending)
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale prepared snapshot stayed")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a recent prepared snapshot was removed")
	}
}

// TestSnapshotHoldsTextOnce: a build's documents, whose sections cut the
// body end to end, are kept with their text written once and come back
// whole, the sections' texts parts of the body; a file whose section
// lengths run past the body is refused, not read past its end.
func TestSnapshotHoldsTextOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "en.docs")
	body := "Before any heading. Saving files safely takes care. Sharing them takes more."
	cut := []Section{{Text: body[:20]}, {Anchor: "saving", Heading: "Saving", Text: body[20:52]}, {Anchor: "sharing", Heading: "Sharing", Text: body[52:]}}
	docs := []Doc{
		{URL: "en/a/", Lang: "en", Kind: "lesson", Title: "A", Body: body, Sections: cut},
		{URL: "en/b/", Lang: "en", Kind: "lesson", Title: "B", Body: "Whole text", Sections: []Section{{Anchor: "x", Heading: "X", Text: "Other text"}}},
		{URL: "en/c/", Lang: "en", Kind: "page", Title: "C", Body: "No headings", Keywords: []string{}},
	}
	if err := WriteSnapshot(path, docs); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "Saving files safely"); n != 1 {
		t.Errorf("the text is in the file %d times, want once", n)
	}
	got, err := ReadSnapshot(path)
	if err != nil || !reflect.DeepEqual(got, docs) {
		t.Fatalf("read back %+v, %v", got, err)
	}
	// The first section's length is its third byte after the body ends:
	// the body's length prefix, body, the cut flag, the count of sections,
	// the first section's empty anchor and heading, then its length.
	at := strings.Index(string(data), body) + len(body) + 4
	if data[at] != 2*20 { // zig-zag
		t.Fatalf("layout changed: byte %d is %d", at, data[at])
	}
	data[at] = 2 * 63 // with the next, past the body
	os.WriteFile(path, data, 0o644)
	if _, err := ReadSnapshot(path); err == nil || !strings.Contains(err.Error(), "build the site again") {
		t.Errorf("section lengths past the body: %v", err)
	}
}

// TestSnapshotOfADamagedCount: a count of documents far beyond what the
// file holds is refused once the bytes run out, without making room for
// all of them first (250,000 documents' room is about 75 MB).
func TestSnapshotOfADamagedCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "en.docs")
	data := binary.AppendUvarint([]byte(snapshotMagic), 250_000)
	data = append(data, make([]byte, 256<<10)...) // empty documents of 15 bytes each, then too few bytes
	os.WriteFile(path, data, 0o644)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := ReadSnapshot(path); err == nil || !strings.Contains(err.Error(), "build the site again") {
		t.Errorf("a damaged count: %v", err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("reading it allocated %d MB", grew>>20)
	}
}
