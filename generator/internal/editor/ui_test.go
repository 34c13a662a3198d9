package editor

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/oersite/oersite/generator/internal/config"
)

// TestEveryFieldHasItsLabel: each field the editor offers, for every kind
// of page, has its label in the English strings, the fallback of every
// other language (a key without one would show as "ed.field.x").
func TestEveryFieldHasItsLabel(t *testing.T) {
	u, err := loadUI()
	if err != nil {
		t.Fatal(err)
	}
	var cfg config.Config
	cfg.Vocabulary.Subjects = map[string]string{"digital-skills": "x"}
	for _, kind := range []string{"module", "lesson", "webinar", "resource", "path", "page"} {
		if !u.cat.Has("en", "ed.about."+kind) {
			t.Errorf("no ed.about.%s in en.toml", kind)
		}
		for _, f := range fields(cfg, kind, func(_, id string) string { return id }) {
			if !u.cat.Has("en", "ed.field."+f.Key) {
				t.Errorf("the %s field %q has no label ed.field.%s in en.toml", kind, f.Key, f.Key)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestEditorStringsCompleteInEveryLanguage: every language file has every
// English key, no other, and the same {placeholders} in each string.
func TestEditorStringsCompleteInEveryLanguage(t *testing.T) {
	files, err := fs.Glob(uiFiles, "i18n/*.toml")
	if err != nil || len(files) < 8 {
		t.Fatalf("editor strings: %v, %v (want the eight languages of the example site)", files, err)
	}
	read := func(name string) map[string]string {
		var m map[string]string
		data, _ := fs.ReadFile(uiFiles, name)
		if err := toml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en := read("i18n/en.toml")
	for _, f := range files {
		other := read(f)
		for k, v := range en {
			o, ok := other[k]
			if !ok || strings.TrimSpace(o) == "" {
				t.Errorf("%s: no %s", f, k)
				continue
			}
			want, got := placeholder.FindAllString(v, -1), placeholder.FindAllString(o, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s: %s has placeholders %v, English %v", f, k, got, want)
			}
		}
		for k := range other {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %s is not in en.toml", f, k)
			}
		}
	}
}
