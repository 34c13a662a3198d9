package build_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/build"
)

// now is the build date of every test: 2026-11-23.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// writeSite writes a txtar archive into a new site folder and returns it.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	ar := txtar.Parse([]byte(archive))
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildSite builds dir into dir/public and fails the test on error.
func buildSite(t testing.TB, dir string) *build.Result {
	t.Helper()
	res, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return res
}

// read returns a file of the output.
func read(t testing.TB, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("output file %s: %v", p, err)
	}
	return string(b)
}

// assertContains fails unless every want is in the file.
func assertContains(t testing.TB, dir, p string, wants ...string) {
	t.Helper()
	got := read(t, dir, p)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q", p, w)
		}
	}
}

func assertNotContains(t testing.TB, dir, p string, bad ...string) {
	t.Helper()
	got := read(t, dir, p)
	for _, w := range bad {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q", p, w)
		}
	}
}

func exists(dir, p string) bool {
	_, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(p)))
	return err == nil
}

// snapshot returns every file under root with its bytes.
func snapshot(t testing.TB, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string][]byte) (string, bool) {
	if len(a) != len(b) {
		return "different number of files", false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return k, false
		}
	}
	return "", true
}

// baseConfig is a two-language config used by most tests.
const baseConfig = `-- config.toml --
baseURL = "https://example.org/oer/"
title = "Test OER"
properNames = ["Test OER"]
defaultLanguage = "en"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[vocabulary.audiences]
sme-workers = "professional"
young-tutors = "peerTutor"
`
