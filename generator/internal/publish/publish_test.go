package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStagingCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile(MarkerFile, []byte(testMarker)); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../x", "/abs", "a/../../x", "a\\b", "", "a//b", "./a"} {
		if err := s.WriteFile(bad, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) accepted", bad)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Fatal("dest exists before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(b) != "one" {
		t.Fatal("committed file missing")
	}
	s2, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	s2.WriteFile("b.html", []byte("two"))
	s2.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(b) != "one" {
		t.Fatal("Abort touched the destination")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// FuzzCheckPath: an accepted path never leaves the output folder.
func FuzzCheckPath(f *testing.F) {
	for _, s := range []string{"a/b.html", "../x", "/etc/passwd", "a/../b", "C:/x", "a\\..\\b", "ok/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if CheckPath(p) != nil {
			return
		}
		root := t.TempDir()
		full := filepath.Join(root, filepath.FromSlash(p))
		rel, err := filepath.Rel(root, full)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(p) {
			t.Fatalf("CheckPath accepted %q which leaves the output", p)
		}
	})
}

// A staging folder made from the last build holds its files as links until
// they are written again; writing one never changes the destination before
// Commit; a file left out is not kept; Entries lists both kinds.
func TestStagingFromTheLastBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	last := published(t, dest, map[string]string{"a/index.html": "one", "b/index.html": "two", "_search/en/t.js": "old"})
	s, err := NewStagingFrom(dest, last, func(p string) bool { return strings.HasPrefix(p, "_search/") })
	if err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	if err := s.WriteFile("a/index.html", []byte("one, again")); err != nil {
		t.Fatal(err)
	}
	if err := s.CopyFile(MarkerFile, os.DirFS(dest), MarkerFile); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(b) != "one" {
		t.Fatalf("writing into the staging folder changed the destination: %q", b)
	}
	var paths []string
	for _, e := range s.Entries() {
		paths = append(paths, e.Path)
	}
	if got := strings.Join(paths, " "); got != "a/index.html b/index.html mirror.json" {
		t.Errorf("entries: %s", got)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"a/index.html": "one, again", "b/index.html": "two"} {
		if b, _ := os.ReadFile(filepath.Join(dest, p)); string(b) != want {
			t.Errorf("%s: %q, want %q", p, b, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "_search/en/t.js")); err == nil {
		t.Error("a file left out was kept")
	}
}

// A file a staging folder inherited, written again with the bytes it
// held, stays the last build's file (a link: nothing written) and out of
// Written, but counts as written: a second file there is an error, and
// Drop leaves it. With other bytes it is a new file, as before.
func TestWritingAnInheritedFileWithItsBytesKeepsIt(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	last := published(t, dest, map[string]string{"_search/en/a.js": "same", "_search/en/b.js": "old", "c.html": "page"})
	s, err := NewStagingFrom(dest, last, nil)
	if err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	defer s.Abort()
	if err := s.WriteFile("_search/en/a.js", []byte("same")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("_search/en/b.js", []byte("new")); err != nil {
		t.Fatal(err)
	}
	same := func(p string) bool {
		a, errA := os.Stat(filepath.Join(dest, p))
		b, errB := os.Stat(filepath.Join(s.Dir(), p))
		return errA == nil && errB == nil && os.SameFile(a, b)
	}
	if !same("_search/en/a.js") || !s.Inherited("_search/en/a.js") {
		t.Error("the file written with the bytes it held is no longer the last build's")
	}
	if same("_search/en/b.js") {
		t.Error("the file written with other bytes is still the last build's")
	}
	if got := strings.Join(s.Written(), " "); got != "_search/en/b.js" {
		t.Errorf("written: %s", got)
	}
	if err := s.WriteFile("_search/en/a.js", []byte("same")); err == nil {
		t.Error("a second file at the same path was accepted")
	}
	if err := s.Drop("_search/en/a.js"); err != nil || !same("_search/en/a.js") {
		t.Errorf("Drop removed a file written again (%v)", err)
	}
	var entries []string
	for _, e := range s.Entries() {
		entries = append(entries, e.Path+"="+e.SHA256[:8])
	}
	want := []string{"_search/en/a.js=" + hexSum("same")[:8], "_search/en/b.js=" + hexSum("new")[:8], "c.html=" + hexSum("page")[:8], MarkerFile + "=" + hexSum(testMarker)[:8]}
	if strings.Join(entries, " ") != strings.Join(want, " ") {
		t.Errorf("entries %v, want %v", entries, want)
	}
}

// testMarker is the mirror.json a test's build leaves: oersite's, so that a
// staging folder may replace the destination.
const testMarker = `{"version": "1", "files": []}`

// published writes files (and the marker) into dest as a build does and
// returns their entries: the last build a staging folder starts from.
func published(t *testing.T, dest string, files map[string]string) []Entry {
	t.Helper()
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	files[MarkerFile] = testMarker
	for p, data := range files {
		if err := s.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	entries := s.Entries()
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	return entries
}

// hexSum is the SHA-256 of s in hexadecimal, as entries give it.
func hexSum(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestWriteFileAsOSDoes: writeFile creates a file with the data, replaces a
// longer file's content whole, writes an empty file, and names the file in
// its error when it cannot.
func TestWriteFileAsOSDoes(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.html")
	for _, data := range []string{"a longer first version", "short", ""} {
		if err := writeFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != data {
			t.Errorf("file holds %q (%v), want %q", got, err, data)
		}
	}
	info, err := os.Stat(name)
	if err != nil || info.Mode().Perm() != 0o644&^umask(t) {
		t.Errorf("mode %v (%v), want 0644 less the umask", info.Mode(), err)
	}
	missing := filepath.Join(dir, "no-such-folder", "x.html")
	err = writeFile(missing, []byte("x"))
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Path != missing || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v, want one naming %s that is fs.ErrNotExist", err, missing)
	}
}

// umask is the process's file mode mask, as a file created 0777 shows it.
func umask(t *testing.T) os.FileMode {
	p := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(p, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ info.Mode().Perm()
}

// The previous version a swap left is kept aside and staged from again:
// brought up to date at the paths that changed (a file written, a file and
// its folder dropped), it holds what the destination holds, and a file
// written or dropped in it never writes through to the destination.
func TestStagingFromThePreviousVersion(t *testing.T) {
	dir := t.TempDir()
	dest, spare := filepath.Join(dir, "public"), filepath.Join(dir, "spare")
	v1 := published(t, dest, map[string]string{"a/index.html": "a1", "b/index.html": "b1", "old/gone.html": "x"})
	second, err := NewStagingFrom(dest, v1, func(p string) bool { return p == "old/gone.html" })
	if err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	if err := second.WriteFile("a/index.html", []byte("a2")); err != nil {
		t.Fatal(err)
	}
	if err := second.Swap(); err != nil {
		t.Fatal(err)
	}
	if err := second.KeepPrevious(spare); err != nil {
		t.Fatal(err)
	}
	if err := second.Remove(); err != nil {
		t.Fatal(err)
	}
	v2 := second.Entries()
	third, err := NewStagingFromTree(dest, spare, v2, []string{"a/index.html", "old/gone.html"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spare); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the staging folder did not take the previous version over")
	}
	if err := third.Drop("b/index.html"); err != nil {
		t.Fatal(err)
	}
	if err := third.WriteFile("a/index.html", []byte("a3")); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	filepath.WalkDir(third.Dir(), func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != third.Dir() {
			rel, _ := filepath.Rel(third.Dir(), p)
			b, _ := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	want := map[string]string{"a": "", "a/index.html": "a3", MarkerFile: testMarker}
	if len(got) != len(want) {
		t.Errorf("staged %v, want %v", got, want)
	}
	for p, text := range want {
		if got[p] != text {
			t.Errorf("%s holds %q, want %q", p, got[p], text)
		}
	}
	for p, text := range map[string]string{"a/index.html": "a2", "b/index.html": "b1"} {
		if b, _ := os.ReadFile(filepath.Join(dest, p)); string(b) != text {
			t.Errorf("the destination's %s holds %q, want %q: written through a link", p, b, text)
		}
	}
	if err := third.Abort(); err != nil {
		t.Fatal(err)
	}
}
