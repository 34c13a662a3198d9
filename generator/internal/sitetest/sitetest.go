// Package sitetest builds sites for tests: a txtar archive written to a
// temporary folder, built with a fixed date, and the output read, searched,
// hashed or compared with golden files. Every integration test uses it, so
// that a site is written and built the same way everywhere (Hugo's
// IntegrationTestBuilder is the model).
package sitetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/build"
)

// Now is the build date of every test site: 2026-11-23, 12:00 UTC.
var Now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// Write writes a txtar archive into a new temporary folder and returns it.
// A file name that leaves the folder fails the test.
func Write(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	WriteInto(t, dir, txtar.Parse([]byte(archive)))
	return dir
}

// WriteFile writes the txtar file at path (testdata/site.txtar) into a new
// temporary folder and returns it.
func WriteFile(t testing.TB, path string) string {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	WriteInto(t, dir, ar)
	return dir
}

// WriteInto writes the archive's files under dir, making folders.
func WriteInto(t testing.TB, dir string, ar *txtar.Archive) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, f := range ar.Files {
		name := filepath.FromSlash(f.Name)
		if err := root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := root.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
}

// Build builds the site in dir at Now into dir/public (unless opts say
// otherwise) and fails the test on an error. Each option adjusts the build
// options before the build.
func Build(t testing.TB, dir string, opts ...func(*build.Options)) *build.Result {
	t.Helper()
	o := build.Options{Source: dir, Now: Now}
	for _, f := range opts {
		f(&o)
	}
	res, err := build.Build(context.Background(), o)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return res
}

// Read returns a file of dir's output (dir/public/p).
func Read(t testing.TB, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("output file %s: %v", p, err)
	}
	return string(b)
}

// Exists says whether dir's output has the file p.
func Exists(dir, p string) bool {
	_, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(p)))
	return err == nil
}

// Contains fails the test for each want missing from the output file p.
func Contains(t testing.TB, dir, p string, wants ...string) {
	t.Helper()
	got := Read(t, dir, p)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q", p, w)
		}
	}
}

// NotContains fails the test for each bad string found in the output file p.
func NotContains(t testing.TB, dir, p string, bad ...string) {
	t.Helper()
	got := Read(t, dir, p)
	for _, w := range bad {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q", p, w)
		}
	}
}

// Snapshot reads every file under root, keyed by slash-separated path.
func Snapshot(t testing.TB, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Manifest is one line per file of the snapshot, in path order: its SHA-256
// and its path. Two builds with the same manifest wrote the same bytes.
func Manifest(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(files[p]), p)
	}
	return b.Bytes()
}

// Golden compares got with the golden file at path. With update, it writes
// got there instead (go test -run ... -update), so that a change shows as a
// diff to review. On a mismatch it names the first differing line.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		g, w := line(gl, i), line(wl, i)
		if g != w {
			t.Errorf("%s differs at line %d:\n  got:  %q\n  want: %q\n(if the change is intended, run the test with -update and review the diff)", path, i+1, g, w)
			return
		}
	}
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}
