package sitetest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oersite/oersite/generator/internal/sitetest"
)

func TestManifestIsSortedAndHashed(t *testing.T) {
	got := string(sitetest.Manifest(map[string][]byte{"b.html": []byte("b"), "a.html": []byte("")}))
	want := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.html\n" +
		"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.html\n"
	if got != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", got, want)
	}
}

func TestGoldenWritesThenCompares(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x", "page.html")
	sitetest.Golden(t, path, []byte("one\ntwo\n"), true)
	if b, _ := os.ReadFile(path); string(b) != "one\ntwo\n" {
		t.Fatalf("update wrote %q", b)
	}
	sitetest.Golden(t, path, []byte("one\ntwo\n"), false) // the same: passes
	dir := sitetest.Write(t, "-- config.toml --\ntitle = \"T\"\n-- content/en/a.md --\n---\ntitle: A\n---\n")
	if !fileExists(filepath.Join(dir, "content", "en", "a.md")) {
		t.Error("Write did not write the archive's files")
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
