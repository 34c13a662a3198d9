package mirror

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// someFiles are files of varied sizes and contents, one with a non-ASCII name.
func someFiles(n int) []ZipFile {
	var fs []ZipFile
	for i := range n {
		fs = append(fs, ZipFile{Path: fmt.Sprintf("en/page-%03d/index.html", i),
			Data: []byte(strings.Repeat(fmt.Sprintf("<p>lesson %d, step %d</p>\n", i, i*7), 1+i*13))})
	}
	fs = append(fs, ZipFile{Path: "bg/уроци/index.html", Data: []byte("<p>Урок</p>")}, ZipFile{Path: "empty.txt"})
	return fs
}

func readZip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC-32 at the end
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(b)
		if !f.Modified.Equal(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) || f.Mode().Perm() != 0o644 {
			t.Errorf("%s: time %v, mode %v", f.Name, f.Modified, f.Mode())
		}
	}
	return out
}

// TestZipTakesUnchangedFilesFromTheLast: a zip packed with the last one's
// entries is the zip packed from nothing, byte for byte, and holds every
// file as given, changed or not.
func TestZipTakesUnchangedFilesFromTheLast(t *testing.T) {
	when := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	files := someFiles(40)
	var first bytes.Buffer
	sums, _, err := PackZip(&first, files, "site/", when, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != len(files) {
		t.Fatalf("%d sums for %d files", len(sums), len(files))
	}
	// edit two files (one keeping its size), add one, remove one
	edited := append([]ZipFile(nil), files[1:]...)
	edited[3].Data = bytes.ToUpper(edited[3].Data)
	edited[5].Data = append([]byte("<h1>new</h1>"), edited[5].Data...)
	edited = append(edited, ZipFile{Path: "fr/index.html", Data: []byte("<p>Bonjour</p>")})

	r, err := zip.NewReader(bytes.NewReader(first.Bytes()), int64(first.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var patched, fresh bytes.Buffer
	_, taken, err := PackZip(&patched, edited, "site/", when, &LastZip{Reader: r, Size: int64(first.Len()), Sums: sums})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(edited) - 3; taken != want {
		t.Errorf("%d files taken from the last zip, want %d", taken, want)
	}
	if _, _, err := PackZip(&fresh, edited, "site/", when, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(patched.Bytes(), fresh.Bytes()) {
		t.Fatal("the zip packed with the last one's entries differs from one packed from nothing")
	}
	got := readZip(t, patched.Bytes())
	if len(got) != len(edited) {
		t.Errorf("%d files, want %d", len(got), len(edited))
	}
	for _, f := range edited {
		if got["site/"+f.Path] != string(f.Data) {
			t.Errorf("%s: not as given", f.Path)
		}
	}

	// files kept without being given again: the same zip
	var given []ZipFile
	var keep []string
	for i, f := range edited {
		if i%3 == 0 && i != 3 && i != 5 && f.Path != "fr/index.html" {
			keep = append(keep, f.Path)
		} else {
			given = append(given, f)
		}
	}
	var kept bytes.Buffer
	if _, _, err := PackZip(&kept, given, "site/", when, &LastZip{Reader: r, Size: int64(first.Len()), Sums: sums, Keep: keep}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(kept.Bytes(), fresh.Bytes()) {
		t.Fatal("the zip keeping files of the last one differs from one packed from nothing")
	}
	// an entry larger than the zip said to hold it is an error, not an allocation
	if _, _, err := PackZip(io.Discard, given, "site/", when, &LastZip{Reader: r, Size: 10, Sums: sums, Keep: keep}); err == nil {
		t.Error("an entry larger than its zip was read")
	}
	// a file to keep that the last zip lacks, or given too, is an error
	if _, _, err := PackZip(io.Discard, given, "site/", when, &LastZip{Reader: r, Size: int64(first.Len()), Sums: sums, Keep: []string{"fr/index.html"}}); err == nil {
		t.Error("a file the last zip lacks was kept")
	}
	if _, _, err := PackZip(io.Discard, given, "site/", when, &LastZip{Reader: r, Size: int64(first.Len()), Sums: sums, Keep: []string{given[0].Path}}); err == nil {
		t.Error("a file both given and kept was accepted")
	}

	// digests that lie (a last zip the caller should not have vouched
	// for) are not trusted beyond the entry's size: a file whose size
	// changed is compressed again
	lying := ZipSums{}
	for p := range sums {
		lying[p] = sums[files[4].Path]
	}
	var wrong bytes.Buffer
	if _, _, err := PackZip(&wrong, edited, "site/", when, &LastZip{Reader: r, Size: int64(first.Len()), Sums: lying}); err != nil {
		t.Fatal(err)
	}
	if got := readZip(t, wrong.Bytes()); got["site/"+edited[5].Path] != string(edited[5].Data) {
		t.Error("a file whose size changed was taken from the last zip")
	}

	// the system's unzip finds nothing wrong
	if unzip, err := exec.LookPath("unzip"); err == nil {
		name := filepath.Join(t.TempDir(), "site.zip")
		if err := os.WriteFile(name, patched.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(unzip, "-t", name).CombinedOutput(); err != nil {
			t.Errorf("unzip -t: %v\n%s", err, out)
		}
	} else {
		t.Log("unzip is not installed: the zip was read by archive/zip only")
	}
}
