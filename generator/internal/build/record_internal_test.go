package build

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/oersite/oersite/generator/internal/publish"
)

// A record's long lists are written in chunks and read back whole, the
// same record; a record cut short is refused, not read in part.
func TestRecordListsInChunks(t *testing.T) {
	n := recordChunk*2 + 3
	rec := buildRecord{Magic: recordMagic, Pages: n, Surfaces: map[string][sha256.Size]byte{}}
	for i := range n {
		p := fmt.Sprintf("en/page-%06d/index.html", i)
		rec.Output = append(rec.Output, fileStamp{Path: p, Size: int64(i), ModTime: int64(i) * 1000})
		rec.Entries = append(rec.Entries, publish.Entry{Path: p, Size: int64(i), SHA256: fmt.Sprintf("%064x", i)})
		rec.Inputs.Files = append(rec.Inputs.Files, inputFile{Path: "content/" + p, Size: int64(i), Sum: sha256.Sum256([]byte(p))})
		rec.Surfaces["content/"+p] = sha256.Sum256([]byte("surface " + p))
	}
	rec.Spare.Folders = rec.Output[:recordChunk+1]
	rec.Spare.Changed = []string{"en/page-000001/index.html"}
	name := filepath.Join(t.TempDir(), "r.gob")
	if err := writeRecord(name, &rec); err != nil {
		t.Fatal(err)
	}
	got, err := readRecord(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, rec) {
		t.Error("the record read back is not the one written")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data[:len(data)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readRecord(name); err == nil {
		t.Error("a record cut short was read")
	}
}
