// Package authorwords holds the words of oersite's own screens for content
// authors (the browser editor, the dev server's notices in the previewed
// pages), in every language it has a file for (i18n/<lang>.toml), and picks
// the one an author's browser asks for, whatever languages the site is
// written in: a Bulgarian trainer editing English pages reads Bulgarian. It
// knows nothing about sites, pages or templates.
package authorwords

import (
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"strings"

	"golang.org/x/text/language"

	"github.com/oersite/oersite/generator/internal/i18n"
)

//go:embed i18n/*.toml
var files embed.FS

// Catalog is the authors' words in every language there is a file for.
type Catalog struct {
	cat     *i18n.Catalog
	langs   []string // English first, the fallback
	matcher language.Matcher
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
	return &Catalog{cat: cat, langs: langs, matcher: language.NewMatcher(tags)}, nil
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

// Words are the authors' words in one language.
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

// Has reports whether key has words, in this language or in English.
func (w Words) Has(key string) bool {
	return w.c.cat.Has(w.lang, key) || w.c.cat.Has(w.c.langs[0], key)
}
