package theme_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/site"
)

// repo is the repository root, seen from this package.
const repo = "../../.."

func keysOf(t *testing.T, path string) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.DecodeFile(path, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// TestUIStringsCompleteInEveryLanguage fails when a language of the default
// theme lacks a string English has, or has one English does not (but the
// licences' names, which English takes from the licence table).
func TestUIStringsCompleteInEveryLanguage(t *testing.T) {
	dir := filepath.Join(repo, "themes/default/i18n")
	en := keysOf(t, filepath.Join(dir, "en.toml"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(files) < 8 {
		t.Fatalf("only %d languages in %s", len(files), dir)
	}
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".toml")
		other := keysOf(t, f)
		for k, v := range en {
			ov, ok := other[k]
			if !ok {
				t.Errorf("%s: missing %q", lang, k)
				continue
			}
			if s, isStr := v.(string); isStr && lang != "en" {
				if os, _ := ov.(string); os == "" {
					t.Errorf("%s: %q is empty", lang, k)
				} else if os == s && len(s) > 14 && !strings.Contains(s, "{day}") && !strings.HasPrefix(k, "licence.version.") {
					t.Errorf("%s: %q is still in English: %q", lang, k, s)
				}
			}
		}
		for k := range other {
			// a licence's English name comes from the licence table
			if _, ok := en[k]; !ok && !strings.HasPrefix(k, "licence.name.") {
				t.Errorf("%s: %q is not in en.toml", lang, k)
			}
		}
	}
}

// TestTranslationsMatchTheirOriginals fails when a translated module has a
// different set of lessons, or lacks required metadata, compared with English.
func TestTranslationsMatchTheirOriginals(t *testing.T) {
	root := filepath.Join(repo, "content")
	if _, err := os.Stat(filepath.Join(root, "en")); err != nil {
		t.Skip("no example content")
	}
	required := []string{"title", "summary", "audience", "level", "duration", "objectives", "digcomp", "licence"}
	langs, _ := os.ReadDir(root)
	modules, _ := os.ReadDir(filepath.Join(root, "en", "modules"))
	checked := 0
	for _, l := range langs {
		if !l.IsDir() || l.Name() == "en" {
			continue
		}
		for _, m := range modules {
			if !m.IsDir() {
				continue
			}
			tdir := filepath.Join(root, l.Name(), "modules", m.Name())
			if _, err := os.Stat(filepath.Join(tdir, "index.md")); err != nil {
				continue
			}
			checked++
			data, _ := os.ReadFile(filepath.Join(tdir, "index.md"))
			var d diag.List
			src := content.ParseSource(tdir, l.Name(), "x", data, &d)
			if src == nil {
				t.Errorf("%s: %v", tdir, d)
				continue
			}
			// A translation may lack lessons English gained since (they are
			// shown in English), but only when its module says so with
			// needsTranslation, so that check reports it; it may never have
			// lessons English does not have.
			want, got := lessonFiles(filepath.Join(root, "en", "modules", m.Name())), lessonFiles(tdir)
			if strings.Join(want, ",") != strings.Join(got, ",") && !(src.Meta.NeedsTranslation && isSubset(got, want)) {
				t.Errorf("%s/modules/%s: lessons %v, English has %v (mark the module needsTranslation if lessons are still to be translated)", l.Name(), m.Name(), got, want)
			}
			for _, k := range required {
				if _, ok := src.Meta.Params[k]; !ok {
					t.Errorf("%s/modules/%s/index.md lacks %q", l.Name(), m.Name(), k)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no translated modules found")
	}
}

func lessonFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && e.Name() != "index.md" {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func isSubset(part, whole []string) bool {
	for _, p := range part {
		if !slices.Contains(whole, p) {
			return false
		}
	}
	return true
}

// TestTranslatedStoriesFilterAsTheirOriginals fails when a translated story
// lacks, or differs in, the metadata its list filters by and links from
// (country, sector, audience, modules): those values are keys, the same in
// every language, and a translation without them drops out of its list's
// filters.
func TestTranslatedStoriesFilterAsTheirOriginals(t *testing.T) {
	root := filepath.Join(repo, "content")
	stories, err := os.ReadDir(filepath.Join(root, "en", "stories"))
	if err != nil {
		t.Skip("no example content")
	}
	langs, _ := os.ReadDir(root)
	params := func(path, lang string) map[string]any {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var d diag.List
		src := content.ParseSource(path, lang, "x", data, &d)
		if src == nil {
			t.Fatalf("%s: %v", path, d)
		}
		return src.Meta.Params
	}
	checked := 0
	for _, s := range stories {
		if s.Name() == "_index.md" || !strings.HasSuffix(s.Name(), ".md") {
			continue
		}
		want := params(filepath.Join(root, "en", "stories", s.Name()), "en")
		for _, l := range langs {
			if !l.IsDir() || l.Name() == "en" {
				continue
			}
			got := params(filepath.Join(root, l.Name(), "stories", s.Name()), l.Name())
			if got == nil {
				continue // not translated: the English story is shown
			}
			checked++
			for _, k := range []string{"sector", "audience", "modules"} {
				if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) {
					t.Errorf("%s/stories/%s: %s is %v, the English story's is %v", l.Name(), s.Name(), k, got[k], want[k])
				}
			}
			// The country as a code or an English name: a name in the
			// translation's language is not one, and would make a filter of
			// its own ("Italia" beside "IT").
			c, _ := site.KnownCountry(fmt.Sprint(got["country"]))
			if w, known := site.KnownCountry(fmt.Sprint(want["country"])); c != w || !known {
				t.Errorf("%s/stories/%s: country %v is %q, the English story's %v is %q (write a two-letter code or the English name)", l.Name(), s.Name(), got["country"], c, want["country"], w)
			}
		}
	}
	if checked == 0 {
		t.Error("no translated stories found")
	}
}
