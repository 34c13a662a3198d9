package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/importer"
)

// A language that is not a language code (from --lang or from the other
// site's configuration) is refused before anything is written: as a folder
// name it would put pages outside content/, even outside the site (issue 13
// item 10).
func TestImportLanguagesMustBeCodes(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "hugo")
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("---\ntitle: A\n---\nHello\n"), 0o644)
	os.WriteFile(filepath.Join(src, "hugo.toml"), []byte("title = \"x\"\n"), 0o644)
	for i, c := range []struct{ lang, config string }{
		{lang: "../../escaped"},
		{lang: "/tmp/escaped"},
		{lang: ".."},
		{config: "[languages.\"../../escaped\"]\nweight = 2\n"},
		{config: "defaultContentLanguage = \"../escaped\"\n"},
	} {
		os.WriteFile(filepath.Join(src, "hugo.toml"), []byte("title = \"x\"\n"+c.config), 0o644)
		site := filepath.Join(dir, "sites", string(rune('a'+i)), "site")
		_, err := importer.Run(importer.Options{Dialect: importer.Hugo, Source: src, Site: site, Lang: c.lang})
		if err == nil || !strings.Contains(err.Error(), "language code") {
			t.Errorf("lang %q, config %q: %v, want a refusal naming the language code", c.lang, c.config, err)
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "sites", string(rune('a'+i)), "*escaped*")); len(m) > 0 {
			t.Errorf("lang %q, config %q: written outside the site: %v", c.lang, c.config, m)
		}
		if _, err := os.Stat(site); err == nil {
			if got := listing(t, site); got != "" {
				t.Errorf("lang %q, config %q: the refused import wrote:\n%s", c.lang, c.config, got)
			}
		}
	}
}

// The other site is read through its folder only: a content folder or file
// that is a symbolic link out of it is not read, and hidden folders are not
// content (issue 13 item 2).
func TestImportReadsNothingOutsideTheSource(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "home")
	os.MkdirAll(filepath.Join(secret, ".ssh"), 0o755)
	os.WriteFile(filepath.Join(secret, "notes.md"), []byte("---\ntitle: Private\n---\nSECRET-NOTES\n"), 0o644)
	os.WriteFile(filepath.Join(secret, ".ssh", "id_ed25519"), []byte("SECRET-KEY"), 0o600)
	src := filepath.Join(dir, "hugo")
	os.MkdirAll(filepath.Join(src, "content", "docs"), 0o755)
	os.MkdirAll(filepath.Join(src, "static"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "docs", "a.md"), []byte("---\ntitle: A\n---\nHello\n"), 0o644)
	os.Symlink(secret, filepath.Join(src, "content", "home"))
	os.Symlink(filepath.Join(secret, ".ssh", "id_ed25519"), filepath.Join(src, "static", "key.txt"))
	os.Symlink(filepath.Join(secret, ".ssh"), filepath.Join(src, "static", "ssh"))
	os.MkdirAll(filepath.Join(src, "content", ".git"), 0o755)
	os.WriteFile(filepath.Join(src, "content", ".git", "config.md"), []byte("token"), 0o644)
	os.WriteFile(filepath.Join(src, "hugo.toml"), []byte("title = \"x\"\n"), 0o644)

	site := filepath.Join(dir, "site")
	if _, err := importer.Run(importer.Options{Dialect: importer.Hugo, Source: src, Site: site}); err != nil {
		t.Fatal(err)
	}
	got := listing(t, site)
	if !strings.Contains(got, filepath.Join("content", "en", "docs", "a.md")) {
		t.Errorf("the page inside the source was not imported:\n%s", got)
	}
	filepath.Walk(site, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "SECRET") || strings.Contains(p, ".git") {
			t.Errorf("%s was imported from outside the source or from a hidden folder", p)
		}
		return nil
	})

	// contentDir pointing through a link out of the source reads nothing there
	os.WriteFile(filepath.Join(src, "hugo.toml"), []byte("title = \"x\"\ncontentDir = \"content/home\"\n"), 0o644)
	site2 := filepath.Join(dir, "site2")
	importer.Run(importer.Options{Dialect: importer.Hugo, Source: src, Site: site2})
	filepath.Walk(site2, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "SECRET") {
				t.Errorf("%s was read through a link out of the source", p)
			}
		}
		return nil
	})
}
