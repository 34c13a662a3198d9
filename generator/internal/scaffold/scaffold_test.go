package scaffold

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
)

func TestTitleFromSlugKeepsProperNames(t *testing.T) {
	names := []string{"WhatsApp Business", "Google", "TikTok"}
	for slug, want := range map[string]string{
		"writing-posts":              "Writing posts",
		"01-setting-up":              "Setting up",
		"using-whatsapp-business":    "Using WhatsApp Business",
		"google-business-profile":    "Google business profile",
		"tiktok-for-bakers":          "TikTok for bakers",
		"googled-it":                 "Googled it", // a word that only begins like a name
		"whatsapp-business-whatsapp": "WhatsApp Business whatsapp",
	} {
		if got := TitleFromSlug(slug, names...); got != want {
			t.Errorf("TitleFromSlug(%q) = %q, want %q", slug, got, want)
		}
	}
}

// TestEveryScaffoldMarksItsPlaceholders: each kind's text to replace starts,
// in every language, with the placeholder that check reports and that
// keeps the page a draft, on as many lines as in English.
func TestEveryScaffoldMarksItsPlaceholders(t *testing.T) {
	for _, lang := range languages(t) {
		for _, kind := range Kinds() {
			en, text := scaffoldIn(t, "en", kind), scaffoldIn(t, lang, kind)
			want := strings.Count(en, content.PlaceholderIn("en"))
			if got := strings.Count(text, content.PlaceholderIn(lang)); got != want || want == 0 {
				t.Errorf("%s %s: %d lines begin with %q, English has %d", lang, kind, got, content.PlaceholderIn(lang), want)
			}
		}
	}
}

// TestScaffoldTextsMatchEnglish: every language's starting texts parse as
// a page, with the same fields (written and commented out), the same
// values where they are not words for learners, the same template fields,
// and as many quiz answers.
func TestScaffoldTextsMatchEnglish(t *testing.T) {
	words := map[string]bool{"title": true, "summary": true, "objectives": true, "presenter": true, "keywords": true}
	for _, lang := range languages(t) {
		if TextLanguage(lang) != lang || content.PlaceholderIn(lang) == content.PlaceholderIn("en") && lang != "en" {
			t.Errorf("%s: oersite has starting texts in it but no placeholder of its own", lang)
		}
		for _, kind := range Kinds() {
			en, text := scaffoldIn(t, "en", kind), scaffoldIn(t, lang, kind)
			name := lang + "/" + kind
			var diags diag.List
			src := content.ParseSource(name+".md", lang, kind+".md", []byte(text), &diags)
			if src == nil || diags.HasErrors() {
				t.Fatalf("%s does not parse as a page: %v", name, diags)
			}
			want, got := frontMatter(t, en), frontMatter(t, text)
			for k, v := range want {
				g, ok := got[k]
				switch {
				case !ok:
					t.Errorf("%s: field %q is missing", name, k)
				case k == "language":
					if g != lang {
						t.Errorf("%s: a webinar's language is %v, want the tree's, %s", name, g, lang)
					}
				case !words[k] && fmt.Sprint(g) != fmt.Sprint(v):
					t.Errorf("%s: %s is %v, English has %v (only words for learners are translated)", name, k, g, v)
				}
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("%s: field %q is not in English's", name, k)
				}
			}
			for _, k := range commentedKeys(en) {
				if !regexp.MustCompile(`(?m)^#\s*` + k + `:`).MatchString(text) {
					t.Errorf("%s: the commented-out field %q is missing", name, k)
				}
			}
			if a, b := actions(en), actions(text); !slices.Equal(a, b) {
				t.Errorf("%s: template fields %v, English has %v", name, b, a)
			}
			answer := regexp.MustCompile(`(?m)^- \[[ x]\] `)
			if a, b := len(answer.FindAllString(en, -1)), len(answer.FindAllString(text, -1)); a != b {
				t.Errorf("%s: %d quiz answers, English has %d", name, b, a)
			}
		}
	}
}

// TestTextLanguage: a page gets the words of its language, of its base
// language, or English.
func TestTextLanguage(t *testing.T) {
	for lang, want := range map[string]string{"fr": "fr", "FR": "fr", "fr-BE": "fr", "pt": "en", "": "en", "../en": "en", "x/y": "en"} {
		if got := TextLanguage(lang); got != want {
			t.Errorf("TextLanguage(%q) = %q, want %q", lang, got, want)
		}
	}
}

// scaffoldIn is the starting text of a page of kind in lang.
func scaffoldIn(t *testing.T, lang, kind string) string {
	t.Helper()
	d := NewData(config.Default(), lang, "a-page", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	d.Weight, d.Module = 1, "a-module"
	b, err := File(kind, d)
	if err != nil {
		t.Fatalf("%s %s: %v", lang, kind, err)
	}
	return string(b)
}

// frontMatter decodes a starting text's YAML front matter.
func frontMatter(t *testing.T, text string) map[string]any {
	t.Helper()
	fm, _, _ := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
	var m map[string]any
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// commentedKeys are the fields a text shows commented out ("# image: ...").
func commentedKeys(text string) []string {
	var keys []string
	for _, m := range regexp.MustCompile(`(?m)^#\s*([a-z][a-zA-Z]*):`).FindAllStringSubmatch(text, -1) {
		keys = append(keys, m[1])
	}
	return keys
}

// actions are a template's {{...}} fields, sorted.
func actions(text string) []string {
	found := regexp.MustCompile(`\{\{[^}]*\}\}`).FindAllString(text, -1)
	slices.Sort(found)
	return slices.Compact(found)
}

func TestMarkTranslatedKeepsEveryOtherByte(t *testing.T) {
	day := time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"---\r\ntitle: A\r\nneedsTranslation: true\r\ntranslatedFrom: 2026-01-01\r\n---\r\nBody\r\n", "---\r\ntitle: A\r\ntranslatedFrom: 2026-11-12\r\n---\r\nBody\r\n"},
		{"---\ntitle: A # kept\n---\nBody ---\n", "---\ntitle: A # kept\ntranslatedFrom: 2026-11-12\n---\nBody ---\n"},
		{"+++\ntitle = \"A\"\ntranslatedFrom = 2026-01-01\n+++\nBody\n", "+++\ntitle = \"A\"\ntranslatedFrom = 2026-11-12\n+++\nBody\n"},
	} {
		got, err := MarkTranslated([]byte(c.in), day)
		if err != nil || string(got) != c.want {
			t.Errorf("MarkTranslated(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := MarkTranslated([]byte("{\"title\": \"A\"}\n"), day); err == nil {
		t.Error("JSON front matter: want an error")
	}
}

// languages are the languages File writes in (text/<lang>), English among
// them.
func languages(t *testing.T) []string {
	t.Helper()
	entries, err := texts.ReadDir("text")
	if err != nil {
		t.Fatal(err)
	}
	langs := make([]string, 0, len(entries))
	for _, e := range entries {
		langs = append(langs, e.Name())
	}
	return langs
}
