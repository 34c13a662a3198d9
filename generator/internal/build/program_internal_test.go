package build

import (
	"crypto/sha256"
	"fmt"
	"os"
	"testing"
	"time"
)

// The program's digest (its build ID's, see programSum) is read once: the
// next build takes it from the record while the program's file has the
// same path, size and time, older than the record; any difference reads
// the file again.
func TestProgramDigestTrustsItsStamp(t *testing.T) {
	first, err := programDigest(nil)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	id := programBuildID(f) // compared with go tool buildid in TestProgramBuildIDIsTheGoCommands
	f.Close()
	want := sha256.Sum256(data)
	if goCommandID(id) {
		want = sha256.Sum256(fmt.Appendf(nil, "go build ID\x00%s\x00%d", id, len(data)))
	}
	if first.Sum != want {
		t.Fatal("the program's digest is neither its build ID's nor the SHA-256 of its file")
	}
	record := func(prog inputFile, at time.Time) *buildRecord {
		prog.Sum = [sha256.Size]byte{1, 2, 3} // a digest only the record knows
		return &buildRecord{Inputs: inputState{Program: prog, HashedAt: at}}
	}
	later := time.Unix(0, first.ModTime).Add(time.Minute)
	if got, _ := programDigest(record(first, later)); got.Sum != [sha256.Size]byte{1, 2, 3} {
		t.Error("the same program file, recorded after it was written, was read again")
	}
	resized := first
	resized.Size++
	moved := first
	moved.Path += ".old"
	for name, prev := range map[string]*buildRecord{
		"another size":                 record(resized, later),
		"another path":                 record(moved, later),
		"recorded as it was written":   record(first, time.Unix(0, first.ModTime)),
		"a record from an older build": {Inputs: inputState{HashedAt: later}},
	} {
		if got, _ := programDigest(prev); got.Sum != first.Sum {
			t.Errorf("%s: the record's digest was trusted", name)
		}
	}
}
