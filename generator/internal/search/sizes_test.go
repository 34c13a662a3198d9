package search

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// An export that remembers its size estimates writes the same files as one
// that compresses every file, and the next export, given what the first
// remembered (through the file a build keeps), compresses none of the
// files that did not change.
func TestRememberedSizesLeaveTheExportAsItWas(t *testing.T) {
	docs := bigDocs(300)
	plain := export(t, index(t, "en", docs)).files

	ix := index(t, "en", docs)
	first := NewSizes()
	ix.RememberSizes(first)
	if got := export(t, ix).files; !maps.EqualFunc(got, plain, bytes.Equal) {
		t.Fatal("the export that remembers its sizes wrote other files than the one that does not")
	}
	if first.Found() != 0 || len(first.asked) < len(plain)/2 {
		t.Fatalf("first export: %d sizes found, %d remembered for %d files; want none found, one per file at least", first.Found(), len(first.asked), len(plain))
	}
	path := filepath.Join(t.TempDir(), "en.sizes")
	if err := first.Write(path, "program-1"); err != nil {
		t.Fatal(err)
	}

	again := ReadSizes(path, "program-1")
	if !maps.Equal(again.known, first.asked) {
		t.Fatalf("read back %d sizes, wrote %d", len(again.known), len(first.asked))
	}
	ix = index(t, "en", docs)
	ix.RememberSizes(again)
	if got := export(t, ix).files; !maps.EqualFunc(got, plain, bytes.Equal) {
		t.Fatal("the export given the last export's sizes wrote other files")
	}
	if again.Found() != len(first.asked) {
		t.Errorf("second export found %d of the %d sizes it was given; want all (nothing changed)", again.Found(), len(first.asked))
	}
}

// Sizes kept under another key (another program, whose compressor may
// differ), or in a damaged file, or behind a link, are not used.
func TestSizesOfAnotherProgramOrDamagedAreNotRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "en.sizes")
	s := NewSizes()
	k, _, _ := s.lookup([]byte("some file"))
	s.remember(k, 1234)
	if err := s.Write(path, "program-1"); err != nil {
		t.Fatal(err)
	}
	if got := ReadSizes(path, "program-1"); got.known[k] != 1234 {
		t.Fatalf("read back %v, want the size 1234", got.known)
	}
	if got := ReadSizes(path, "program-2"); len(got.known) != 0 {
		t.Errorf("sizes of another program read: %v", got.known)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"cut short":     data[:len(data)-3],
		"longer":        append(bytes.Clone(data), 0),
		"other version": bytes.Replace(data, []byte("sizes 1"), []byte("sizes 9"), 1),
		"empty":         nil,
	} {
		if err := os.WriteFile(path, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := ReadSizes(path, "program-1"); len(got.known) != 0 {
			t.Errorf("%s file read: %v", name, got.known)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "elsewhere"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "fr.sizes")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got := ReadSizes(link, "program-1"); len(got.known) != 0 {
		t.Errorf("sizes read through a link: %v", got.known)
	}
	if err := s.Write(path, "two\nlines"); err == nil {
		t.Error("a key of two lines was written")
	}
}
