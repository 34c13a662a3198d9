package mirror

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFolderSite writes a site with its manifest into a folder.
func writeFolderSite(t *testing.T, dir string, s site) {
	t.Helper()
	for p, c := range s {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(c), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ManifestName), s.manifest(), 0o644)
}

// besides lists what sits in dest's parent folder besides dest.
func besides(t *testing.T, dest string) []string {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(dest))
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestDestinationsThatAreNotACopyAreRefused(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site", "public")
	writeFolderSite(t, src, v1)
	mydocs := filepath.Join(root, "mydocs")
	os.MkdirAll(mydocs, 0o755)
	os.WriteFile(filepath.Join(mydocs, "thesis.txt"), []byte("years of work"), 0o644)
	afile := filepath.Join(root, "notes.txt")
	os.WriteFile(afile, []byte("x"), 0o644)
	t.Chdir(src)
	for _, dest := range []string{mydocs, afile, filepath.Join(root, "site"), filepath.Join(src, "copy"), src + "/", "."} {
		if _, err := sync1(t, src, dest); err == nil {
			t.Errorf("mirror into %s accepted", dest)
		}
	}
	if b, err := os.ReadFile(filepath.Join(mydocs, "thesis.txt")); err != nil || string(b) != "years of work" {
		t.Errorf("the user's file was touched: %q %v", b, err)
	}
	if !same(tree(t, src), v1) {
		t.Error("the source changed")
	}
	if b, _ := os.ReadFile(afile); string(b) != "x" {
		t.Error("the file given as destination changed")
	}
}

func TestMirrorIntoTheCurrentFolderLeavesNoStaging(t *testing.T) {
	s, url := newServer(t, v1)
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := sync1(t, url, dest); err != nil {
		t.Fatal(err)
	}
	s.files, s.manifest = v2, v2.manifest()
	t.Chdir(dest)
	if _, err := sync1(t, url, "."); err != nil {
		t.Fatal(err)
	}
	if !same(tree(t, dest), v2) {
		t.Error("the copy was not updated")
	}
	if l := besides(t, dest); len(l) > 0 {
		t.Errorf("left beside the copy: %v", l)
	}
	entries, _ := os.ReadDir(dest)
	for _, e := range entries {
		if strings.Contains(e.Name(), "oersite") {
			t.Errorf("left inside the copy: %s", e.Name())
		}
	}
}

// A path that was a file in an interrupted run and is a folder now (and the
// other way round) must not block every later run.
func TestFileBecomingAFolderAfterAnInterruptedRun(t *testing.T) {
	s, url := newServer(t, v1)
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := sync1(t, url, dest); err != nil {
		t.Fatal(err)
	}
	first := site{"x": "x is a file", "y/z": "y is a folder", "big.html": strings.Repeat("b", 5000)}
	s.files, s.manifest, s.cut = first, first.manifest(), "big.html"
	if _, err := sync1(t, url, dest); err == nil {
		t.Fatal("the cut run succeeded")
	}
	second := site{"x/inner": "x is a folder", "y": "y is a file", "big.html": strings.Repeat("c", 5000)}
	s.files, s.manifest, s.cut = second, second.manifest(), ""
	if _, err := sync1(t, url, dest); err != nil {
		t.Fatalf("the next run is stuck: %v", err)
	}
	if !same(tree(t, dest), second) {
		t.Errorf("copy holds %v", tree(t, dest))
	}
}

func TestFolderSourceDoesNotFollowLinkedFoldersOut(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644)
	src := t.TempDir()
	evil := site{"index.html": "home", "sub/secret.txt": "secret"}
	writeFolderSite(t, src, evil)
	os.RemoveAll(filepath.Join(src, "sub"))
	if err := os.Symlink(outside, filepath.Join(src, "sub")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := sync1(t, src, dest); err == nil {
		t.Fatal("a file behind a linked folder outside the source was copied")
	}
	if _, err := os.Stat(filepath.Join(dest, "sub", "secret.txt")); err == nil {
		t.Error("secret.txt reached the copy")
	}
}

func TestRetriesZeroMeansOneAttempt(t *testing.T) {
	s, url := newServer(t, v1)
	s.corrupt = "old.txt"
	dest := filepath.Join(t.TempDir(), "copy")
	if _, err := Sync(context.Background(), url, dest, Options{Retries: 0, Timeout: 5 * time.Second}); err == nil {
		t.Fatal("a corrupt file was accepted")
	}
	n := 0
	for _, r := range s.reset() {
		if r == "old.txt" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("old.txt was requested %d times with --retries 0; want 1", n)
	}
}
