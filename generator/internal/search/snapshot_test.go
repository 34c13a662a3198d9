package search

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
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
