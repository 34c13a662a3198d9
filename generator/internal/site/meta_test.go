package site_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/site"
)

// assemble builds the site model of files (path -> text), without writing anything.
func assemble(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, text := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg, diags, err := config.Parse([]byte(files["config.toml"]), "config.toml")
	if err != nil {
		t.Fatal(err, diags)
	}
	tree, diags := content.Load(context.Background(), fsys, content.Options{Dir: "content", Languages: cfg.LanguageCodes()})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s, diags := site.Assemble(context.Background(), cfg, tree, markdown.New(markdown.Options{}), site.Options{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return s
}

var metaSite = map[string]string{
	"config.toml": `baseURL = "https://x.example/"
[oer]
publisher = "The Partnership"
publisherURL = "https://partners.example/"
defaultLicence = "CC-BY-4.0"
[vocabulary]
defaultSubjects = ["general"]
[vocabulary.subjects]
general = "https://w3id.org/kim/hochschulfaechersystematik/n021"
tutoring = "https://w3id.org/kim/hochschulfaechersystematik/n321"
[languages.en]
name = "English"
[languages.it]
name = "Italiano"
`,
	"content/en/modules/m/index.md": "---\ntitle: M\naudience: [learners]\nlevel: beginner\ndigcomp: [\"2.2\"]\nlicence: CC0-1.0\nkeywords: [Posts, phone]\ntags: [posts, photos]\nsubjects: [tutoring]\nauthors: [\"The Partnership\", {name: Ana, type: Person, id: \"https://orcid.org/0000-0002-1825-0097\"}]\ndate: 2026-02-01\nlastmod: 2026-03-01\n---\nText.\n",
	"content/en/modules/m/01-a.md":  "---\ntitle: A\nduration: 20m\n---\n![A picture](pic.png)\n",
	"content/en/modules/m/02-b.md":  "---\ntitle: B\naudience: [tutors]\nkeywords: [own]\nlastmod: 2026-05-01\n---\nB.\n",
	"content/en/modules/m/pic.png":  "PNG",
	"content/en/resources/r.md":     "---\ntitle: R\nauthors: Bo, Cy\n---\nR.\n",
	"content/it/modules/m/index.md": "---\ntitle: M it\n---\nTesto.\n",
}

// TestEffectiveMetadata: a lesson's metadata is its own where it has it,
// else its module's, else the site's; each rule in one place.
func TestEffectiveMetadata(t *testing.T) {
	s := assemble(t, metaSite)
	mod, a, b, r := s.PageAt("en/modules/m/"), s.PageAt("en/modules/m/01-a/"), s.PageAt("en/modules/m/02-b/"), s.PageAt("en/resources/r/")
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"lesson licence", a.Licence().ID, "CC0-1.0"},
		{"resource licence", r.Licence().ID, "CC-BY-4.0"},
		{"lesson audience", a.Audience(), []string{"learners"}},
		{"own audience", b.Audience(), []string{"tutors"}},
		{"lesson level", b.Level(), "beginner"},
		{"lesson competences", a.Competences(), []string{"2.2"}},
		{"keywords once each", mod.Keywords(), []string{"Posts", "phone", "photos"}},
		{"lesson keywords", a.Keywords(), []string{"Posts", "phone", "photos"}},
		{"own keywords", b.Keywords(), []string{"own"}},
		{"lesson subjects", a.Subjects(), []string{"tutoring"}},
		{"default subjects", r.Subjects(), []string{"general"}},
		{"lesson published", a.Published().Format("2006-01-02"), "2026-02-01"},
		{"lesson modified", a.Modified().Format("2006-01-02"), "2026-03-01"},
		{"own modified, module's published", b.Published().Format("2006-01-02") + " " + b.Modified().Format("2006-01-02"), "2026-05-01 2026-05-01"},
		{"lesson time", a.TimeRequired(), 20 * time.Minute},
		{"lesson authors", fmt.Sprint(a.Authors()), "[{The Partnership Organization https://partners.example/} {Ana Person https://orcid.org/0000-0002-1825-0097}]"},
		{"resource authors", fmt.Sprint(r.Authors()), "[{Bo Person } {Cy Person }]"},
		{"picture from the text", a.Image(), "en/modules/m/pic.png"},
		{"fallback canonical", s.PageAt("it/modules/m/01-a/").Canonical(), "https://x.example/en/modules/m/01-a/"},
	} {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestAlternates: real translations and x-default; none for fallbacks and
// noindex pages; search pages, which are indexed, have theirs.
func TestAlternates(t *testing.T) {
	s := assemble(t, metaSite)
	str := func(p *site.Page) string {
		var out []string
		for _, a := range p.Alternates() {
			out = append(out, a.Hreflang+"="+a.Page.URL)
		}
		return strings.Join(out, " ")
	}
	for url, want := range map[string]string{
		"en/modules/m/":      "en=en/modules/m/ it=it/modules/m/ x-default=en/modules/m/",
		"it/modules/m/":      "en=en/modules/m/ it=it/modules/m/ x-default=en/modules/m/",
		"it/modules/m/01-a/": "",
		"en/modules/m/01-a/": "",
		"en/":                "en=en/ it=it/ x-default=",
		"":                   "en=en/ it=it/ x-default=",
		"en/search/":         "en=en/search/ it=it/search/ x-default=en/search/",
	} {
		if got := str(s.PageAt(url)); got != want {
			t.Errorf("/%s: %q, want %q", url, got, want)
		}
	}
}

// TestDigCompConcepts: KIM numbers the five areas and their 21 competences in one sequence.
func TestDigCompConcepts(t *testing.T) {
	for code, want := range map[string]string{"1.1": "g_2", "1.3": "g_4", "2.1": "g_6", "2.6": "g_11", "3.1": "g_13", "3.4": "g_16", "4.1": "g_18", "5.1": "g_23", "5.4": "g_26", "2.7": "", "6.1": "", "x": ""} {
		got := strings.TrimPrefix(site.DigCompConcept(code), "https://w3id.org/kim/digcomp/")
		if got != want {
			t.Errorf("%s -> %q, want %q", code, got, want)
		}
	}
}
