// Package authorwords holds the words of oersite's own screens for content
// authors (the browser editor, the dev server's notices in the previewed
// pages) and the translations of its diagnostics (what check and the build
// find) and of what is said around them and to authors (counts, totals,
// headings, the lines and mistakes of new and translated: diag.Phrases),
// in every language it has a file for (i18n/<lang>.toml, diag/<lang>.toml),
// and picks the one an author's browser asks for, or the locale's on the
// command line, whatever languages the site is written in: a Bulgarian
// trainer editing English pages reads Bulgarian. It knows nothing about
// sites, pages or templates.
package authorwords

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/oersite/oersite/generator/internal/diag"

	"github.com/oersite/oersite/generator/internal/i18n"
)

//go:embed i18n/*.toml diag/*.toml
var files embed.FS

// Catalog is the authors' words in every language there is a file for.
type Catalog struct {
	cat     *i18n.Catalog
	langs   []string // English first, the fallback
	matcher language.Matcher
	// diags maps, per language, the English hints and message formats of
	// oersite's diagnostics, and the English formats of the words reports
	// say around them (diag.Phrases), to their translations
	// (diag/<lang>.toml).
	diags map[string]map[string]string
	// plurals holds the translations of diag/<lang>.toml written as a
	// table of plural forms ({one = "...", other = "..."}): a report's
	// sentence about a count (diag.Phrases.Countf), by language and English
	// format.
	plurals map[string]map[string]map[string]string
}

// Load reads the words built into oersite.
func Load() (*Catalog, error) {
	entries, err := fs.ReadDir(files, "i18n")
	if err != nil {
		return nil, err
	}
	langs := []string{"en"}
	for _, e := range entries {
		if code := strings.TrimSuffix(e.Name(), ".toml"); code != "en" {
			langs = append(langs, code)
		}
	}
	cat, diags := i18n.Load(files, []string{"i18n"}, langs, "en")
	if diags.HasErrors() {
		return nil, errors.New(diags.Report(true, 5))
	}
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	dw, plurals, err := loadDiagWords(langs[1:])
	if err != nil {
		return nil, err
	}
	return &Catalog{cat: cat, langs: langs, matcher: language.NewMatcher(tags), diags: dw, plurals: plurals}, nil
}

// loadDiagWords reads diag/<lang>.toml of each language that has one: its
// plain translations, and those written as plural forms.
func loadDiagWords(langs []string) (map[string]map[string]string, map[string]map[string]map[string]string, error) {
	out, plurals := map[string]map[string]string{}, map[string]map[string]map[string]string{}
	for _, l := range langs {
		data, err := fs.ReadFile(files, "diag/"+l+".toml")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err != nil {
			return nil, nil, fmt.Errorf("diag/%s.toml: %w", l, err)
		}
		out[l], plurals[l] = map[string]string{}, map[string]map[string]string{}
		for k, v := range m {
			switch v := v.(type) {
			case string:
				out[l][k] = v
			case map[string]any:
				forms := map[string]string{}
				for f, s := range v {
					if s, ok := s.(string); ok {
						forms[f] = s
					}
				}
				if forms["other"] == "" || len(forms) != len(v) {
					return nil, nil, fmt.Errorf("diag/%s.toml: %q: plural forms are strings, \"other\" among them", l, k)
				}
				plurals[l][k] = forms
			default:
				return nil, nil, fmt.Errorf("diag/%s.toml: %q: write a string, or a table of plural forms", l, k)
			}
		}
	}
	return out, plurals, nil
}

// Builtin is Load for callers that cannot report an error: the files are
// built into oersite and a test loads them, so it fails only on a broken
// build of oersite itself.
func Builtin() *Catalog {
	c, err := Load()
	if err != nil {
		panic("oersite's built-in words for authors do not load: " + err.Error())
	}
	return c
}

// ForLocale returns the words for the command line: in the language of
// the locale the environment sets (LC_ALL, else LC_MESSAGES, else LANG, as
// in "de_DE.UTF-8"), if there is a file for it, else English. "C" and
// "POSIX" are English.
func (c *Catalog) ForLocale(getenv func(string) string) Words {
	if tag, ok := localeTag(getenv); ok {
		if _, i, conf := c.matcher.Match(tag); conf != language.No {
			return Words{c, c.langs[i]}
		}
	}
	return Words{c, c.langs[0]}
}

// Locale is Builtin().ForLocale(getenv), without reading the catalogue
// when the locale is English (or C, or unset): then it returns the zero
// Words, which say everything in English.
func Locale(getenv func(string) string) Words {
	tag, ok := localeTag(getenv)
	if base, _ := tag.Base(); !ok || base.String() == "en" {
		return Words{}
	}
	return Builtin().ForLocale(getenv)
}

// localeTag is the language of the locale the environment sets, or false
// for none, "C" or "POSIX".
func localeTag(getenv func(string) string) (language.Tag, bool) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if v == "C" || v == "POSIX" {
			return language.Und, false
		}
		tag, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
		return tag, err == nil
	}
	return language.Und, false
}

// For returns the words for a request: in the first language the browser
// asks for (Accept-Language) that there is a file for, else English.
func (c *Catalog) For(r *http.Request) Words {
	asked, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err == nil && len(asked) > 0 {
		if _, i, conf := c.matcher.Match(asked...); conf != language.No {
			return Words{c, c.langs[i]}
		}
	}
	return Words{c, c.langs[0]}
}

// Words are the authors' words in one language. The zero Words (see
// Locale) say diagnostics and phrases in English; T, Tf and Has need
// words from a Catalog.
type Words struct {
	c    *Catalog
	lang string
}

// Language is the code of the words' language, for an HTML page's lang.
func (w Words) Language() string { return w.lang }

// T is the string of key (English where the language lacks it).
func (w Words) T(key string) string { return w.c.cat.T(w.lang, key) }

// Tf is the string of key with its {name} placeholders filled from pairs.
func (w Words) Tf(key string, pairs ...any) string { return w.c.cat.Format(w.lang, key, pairs...) }

// Diagnostics returns l with each message and hint in these words'
// language, where oersite has a translation of it (texts made at run time,
// such as a parser's error, stay English).
func (w Words) Diagnostics(l diag.List) diag.List {
	if w.c == nil {
		return l // the zero Words: English
	}
	m := w.c.diags[w.lang]
	if m == nil {
		return l
	}
	return l.Translated(func(english string) (string, bool) {
		t, ok := m[english]
		return t, ok && t != ""
	})
}

// Phrases returns the words reports say around diagnostics (counts,
// totals, headings) in these words' language; nil, English, for English
// and for the zero Words.
func (w Words) Phrases() diag.Phrases {
	if w.c == nil || (w.c.diags[w.lang] == nil && w.c.plurals[w.lang] == nil) {
		return nil
	}
	plain, plurals, tag := w.c.diags[w.lang], w.c.plurals[w.lang], language.Make(w.lang)
	return func(english string, n int) (string, bool) {
		if forms, ok := plurals[english]; ok {
			if n < 0 { // no count: the general form
				return forms["other"], true
			}
			if f, ok := forms[i18n.PluralForm(tag, n)]; ok {
				return f, true
			}
			return forms["other"], true
		}
		t, ok := plain[english]
		return t, ok && t != ""
	}
}

// Has reports whether key has words, in this language or in English.
func (w Words) Has(key string) bool {
	return w.c.cat.Has(w.lang, key) || w.c.cat.Has(w.c.langs[0], key)
}
