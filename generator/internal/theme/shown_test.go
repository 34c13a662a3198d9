package theme_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/site"
)

// sameInEveryLanguage are the texts that may show in English on pages of
// every language: names, not words to translate.
var sameInEveryLanguage = []string{
	"Learning2gether",
	// the licences' short names, the same in every language (their full
	// names are translated, as Creative Commons translates its deeds)
	"CC BY-SA 4.0", "CC BY 4.0",
	"DigComp", "EACEA", "(EACEA)",
	"cc", // the Creative Commons symbol
}

// shownAttributes are the attributes whose text a visitor sees or hears,
// directly or through the theme's script.
var shownAttributes = []string{"aria-label", "title", "placeholder", "alt", "data-embed-label", "data-enlarge-label",
	"data-label-todo", "data-label-done", "data-progress-text"}

// shownTexts returns the texts a page shows in its own language: text and
// shown attributes, leaving out the head, scripts, the Markdown body (.prose:
// the translators' work, which check's coverage table follows) and any part
// marked as being in another language (an untranslated page shown in the
// original, a language's own name) or as not to be translated (translate="no":
// a place name).
func shownTexts(doc []byte, lang string) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	type frame struct{ skip bool }
	var stack []frame
	var out []string
	add := func(s string) {
		for _, part := range strings.Split(strings.Join(strings.Fields(s), " "), " · ") { // "Beginner · 1 hour": two texts
			if part = strings.Trim(part, " ·,.:;()"); part != "" {
				out = append(out, part)
			}
		}
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			skip := len(stack) > 0 && stack[len(stack)-1].skip
			name := strings.ToLower(t.Name.Local)
			if name == "head" || name == "script" || name == "style" || name == "pre" || name == "code" {
				skip = true
			}
			for _, a := range t.Attr {
				switch {
				case a.Name.Local == "lang" && a.Value != lang:
					skip = true
				case a.Name.Local == "class" && slices.Contains(strings.Fields(a.Value), "prose"):
					skip = true
				case a.Name.Local == "translate" && a.Value == "no": // a name, the same in every language (a place, a person)
					skip = true
				}
			}
			if !skip {
				for _, a := range t.Attr {
					if slices.Contains(shownAttributes, a.Name.Local) {
						add(a.Value)
					}
				}
			}
			stack = append(stack, frame{skip})
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 && !stack[len(stack)-1].skip {
				add(string(t))
			}
		}
	}
}

// TestPagesShowNoEnglishInOtherLanguages builds the example site and reads
// every page of every language but English: no text it shows (interface
// strings, settings from config.toml, titles, dates, labels) may be an
// English text, unless the language's own strings file or its own settings
// give that word too ("Menu" is also Italian), or it is a name.
func TestPagesShowNoEnglishInOtherLanguages(t *testing.T) {
	dest := exampleSite(t)
	cfg := theExample.config
	cat, diags := i18n.Load(os.DirFS(repo), []string{"themes/default/i18n", "i18n"}, cfg.LanguageCodes(), cfg.DefaultLanguage)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	pages := func(lang string) map[string][]string {
		out := map[string][]string{}
		root := filepath.Join(dest, lang)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			texts, err := shownTexts(data, lang)
			if err != nil {
				t.Errorf("%s: %v", p, err)
			}
			out[strings.TrimPrefix(p, dest)] = texts
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	english := map[string]bool{}
	for _, texts := range pages(cfg.DefaultLanguage) {
		for _, s := range texts {
			english[s] = true
		}
	}
	// settings of config.toml, as the default language shows them: found
	// inside a longer text too ("Your answers go to {recipient}...")
	var settings []string
	for _, x := range cfg.Localized(cfg.DefaultLanguage, func(s string) string { return cat.Text(cfg.DefaultLanguage, s) }).Texts() {
		if strings.Contains(x.Value, " ") && !slices.Contains(cfg.ProperNames, x.Value) { // phrases: a single word may be part of another language's too
			settings = append(settings, x.Value)
		}
	}
	letters := regexp.MustCompile(`\pL{2}`)
	digits := regexp.MustCompile(`\d+`)
	checked := 0
	for _, lang := range cfg.LanguageCodes() {
		if lang == cfg.DefaultLanguage {
			continue
		}
		own := ownTexts(cat, cfg, theExample.site, lang)
		reported := map[string]bool{}
		for page, texts := range pages(lang) {
			for _, s := range texts {
				checked++
				for _, e := range settings {
					if strings.Contains(s, e) && s != e && !own[e] && !reported[e] {
						reported[e] = true
						t.Errorf("%s shows the setting %q in English, inside %q", page, e, s)
					}
				}
				if !english[s] || own[s] || own[digits.ReplaceAllString(s, "#")] || reported[s] || !letters.MatchString(s) || slices.Contains(sameInEveryLanguage, s) || strings.Contains(s, "@") || !hasLower(s) {
					continue
				}
				reported[s] = true
				t.Errorf("%s shows %q in English", page, s)
			}
		}
	}
	if checked < 10000 {
		t.Errorf("only %d texts checked", checked)
	}
}

// ownTexts returns every text a language gives itself: its strings file
// (plural forms with # for the number), its own config.toml settings, the
// titles, summaries, keywords and people named (presenter, tutor, business) of its translated pages, the languages'
// own names and what the partners publish; a word spelled as in English there is a translation or a name.
func ownTexts(cat *i18n.Catalog, cfg config.Config, s *site.Site, lang string) map[string]bool {
	own := map[string]bool{}
	for _, k := range cat.Keys(lang) {
		own[cat.T(lang, k)] = true
		for _, n := range []int{0, 1, 2, 3, 5, 11, 21} {
			own[strings.ReplaceAll(cat.TN(lang, k, n), strconv.Itoa(n), "#")] = true
		}
	}
	for _, l := range cfg.Languages {
		own[l.Name] = true
	}
	for _, p := range s.Pages {
		if p.Lang != lang || p.FallbackOf != nil || p.Source == nil {
			continue
		}
		own[p.Title], own[p.Summary] = true, true
		// the people it names, with their roles: "Hannah Price, trainer"
		// is Dutch too (objectives and other texts are still checked)
		for _, k := range []string{"presenter", "tutor", "business"} {
			if s, ok := p.Meta.Params[k].(string); ok {
				own[s] = true
			}
		}
		if src := p.Meta.Source; src != nil {
			own[src.Author] = true // the author of the work it adapts: a name
		}
		for _, k := range append(p.Meta.Keywords, p.Meta.Tags...) {
			own[k] = true
			own[strings.ToLower(strings.TrimSpace(k))] = true // as its keyword page shows it
		}
	}
	// partners' items are the partners' own texts, in their languages, and
	// partners' names are names: not this site's to translate
	for _, it := range s.PartnerItems {
		own[it.Partner.Name] = true
		for _, x := range []string{it.Title, it.Description} {
			own[x], own[strings.TrimSuffix(x, ".")] = true, true
		}
	}
	loc := cfg.Localized(lang, func(s string) string { return cat.Text(lang, s) }).Texts()
	def := cfg.Localized(cfg.DefaultLanguage, func(s string) string { return cat.Text(cfg.DefaultLanguage, s) }).Texts()
	for i, x := range loc {
		if x.Value != def[i].Value {
			own[x.Value] = true
		}
	}
	return own
}

// hasLower reports whether s has a lower-case letter: codes such as "UTC"
// or "PDF" are not words to translate.
func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }
