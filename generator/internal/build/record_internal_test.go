package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/bincode/bincodetest"
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

// roundTrip writes list in chunks and reads it back with code.
func roundTrip[T any](t *testing.T, list []T, code func(*bincode.Coder, *T)) []T {
	t.Helper()
	var buf bytes.Buffer
	if err := encodeChunks(gob.NewEncoder(&buf), list, code); err != nil {
		t.Fatal(err)
	}
	got, err := decodeChunks(gob.NewDecoder(&buf), len(list), code)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Every field of a record's long lists comes back, in lists longer than a
// chunk too; a new field that their code leaves out fails here.
func TestRecordListsHoldEveryField(t *testing.T) {
	check := func(name string, want, got any) {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s came back as %+v; want %+v", name, got, want)
		}
	}
	var stamp fileStamp
	var input inputFile
	var entry publish.Entry
	var surf surface
	for _, v := range []any{&stamp, &input, &entry, &surf} {
		bincodetest.Fill(t, reflect.ValueOf(v).Elem(), "v")
	}
	stamps := make([]fileStamp, recordChunk+5)
	for i := range stamps {
		stamps[i] = stamp
		stamps[i].Size = int64(i)
	}
	check("file stamps", stamps, roundTrip(t, stamps, codeFileStamp))
	check("inputs", []inputFile{input, input}, roundTrip(t, []inputFile{input, input}, codeInputFile))
	check("entries", []publish.Entry{entry}, roundTrip(t, []publish.Entry{entry}, codeEntry))
	check("surfaces", []surface{surf}, roundTrip(t, []surface{surf}, codeSurface))

	var buf bytes.Buffer
	if err := encodeChunks(gob.NewEncoder(&buf), stamps[:3], codeFileStamp); err != nil {
		t.Fatal(err)
	}
	if got, err := decodeChunks(gob.NewDecoder(&buf), 2, codeFileStamp); err == nil {
		t.Errorf("a chunk of 3 read as a list of 2 gave %d items and no error", len(got))
	}
}
