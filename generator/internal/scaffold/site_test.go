package scaffold

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// Every language oersite has words in has a new site's pages in it, and
// each page's front matter parses with its title and summary set.
func TestSitePagesInEveryLanguage(t *testing.T) {
	langs, err := fs.ReadDir(texts, "text")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, l := range langs {
		if l.IsDir() {
			codes = append(codes, l.Name())
		}
	}
	files, inEnglish, err := Site(SiteData{Title: "Steps", Languages: codes, Date: "2026-12-05"})
	if err != nil || len(inEnglish) != 0 {
		t.Fatal(err, inEnglish)
	}
	if want := 1 + len(codes)*len(sitePages); len(files) != want {
		t.Fatalf("%d files, want %d", len(files), want)
	}
	for _, f := range files[1:] {
		fm, _, ok := strings.Cut(strings.TrimPrefix(string(f.Data), "---\n"), "\n---\n")
		var m map[string]any
		if !ok || yaml.Unmarshal([]byte(fm), &m) != nil || m["title"] == "" || m["summary"] == "" {
			t.Errorf("%s: front matter %v", f.Path, m)
		}
		translation := !strings.HasPrefix(f.Path, "content/"+codes[0]+"/")
		if _, dated := m["translatedFrom"]; dated != translation {
			t.Errorf("%s: translatedFrom %v", f.Path, m["translatedFrom"])
		}
	}
}

// A programme's name is written into config.toml and the pages' front
// matter as it is, whatever characters it holds.
func TestSiteTitleAsWritten(t *testing.T) {
	for _, title := range []string{`Digital "Steps"`, `Back\slash`, "Línea\tnueva\n# not a comment", "Ünïcödé — 数字", `'single' = "x"`} {
		files, _, err := Site(SiteData{Title: title, Languages: []string{"en"}})
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' {
				return -1
			}
			return r
		}, title)
		var cfg struct {
			Title string
			OER   struct{ Publisher string } `toml:"oer"`
		}
		if _, err := toml.Decode(string(files[0].Data), &cfg); err != nil || cfg.Title != want || cfg.OER.Publisher != want {
			t.Errorf("%q: config.toml %+v, %v", title, cfg, err)
		}
		fm, _, _ := strings.Cut(strings.TrimPrefix(string(files[1].Data), "---\n"), "\n---\n")
		var home map[string]string
		if err := yaml.Unmarshal([]byte(fm), &home); err != nil || home["title"] != want {
			t.Errorf("%q: home %v, %v", title, home, err)
		}
	}
}
