package editor

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
var uiFiles embed.FS

// ui is the editor's own words (i18n/<lang>.toml), in every language it has
// a file for, whatever languages the site it edits is written in: a
// Bulgarian trainer editing the English pages reads the editor in Bulgarian.
type ui struct {
	cat     *i18n.Catalog
	langs   []string // English first, the fallback
	matcher language.Matcher
}

func loadUI() (*ui, error) {
	entries, err := fs.ReadDir(uiFiles, "i18n")
	if err != nil {
		return nil, err
	}
	langs := []string{"en"}
	for _, e := range entries {
		if code := strings.TrimSuffix(e.Name(), ".toml"); code != "en" {
			langs = append(langs, code)
		}
	}
	cat, diags := i18n.Load(uiFiles, []string{"i18n"}, langs, "en")
	if diags.HasErrors() {
		return nil, errors.New(diags.Report(true, 5))
	}
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	return &ui{cat: cat, langs: langs, matcher: language.NewMatcher(tags)}, nil
}

// lang is the language of the editor's words for a request: the first
// language the browser asks for (Accept-Language) that the editor has,
// else English.
func (u *ui) lang(r *http.Request) string {
	asked, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(asked) == 0 {
		return u.langs[0]
	}
	if _, i, conf := u.matcher.Match(asked...); conf != language.No {
		return u.langs[i]
	}
	return u.langs[0]
}

// words are the editor's strings in one language.
type words struct {
	ui   *ui
	lang string
}

func (u *ui) words(r *http.Request) words { return words{u, u.lang(r)} }

// T is the string of key.
func (w words) T(key string) string { return w.ui.cat.T(w.lang, key) }

// Tf is the string of key with its {name} placeholders filled from pairs.
func (w words) Tf(key string, pairs ...any) string { return w.ui.cat.Format(w.lang, key, pairs...) }

// Help is the line under a field, "" for a field that has none.
func (w words) Help(key, defaultLicence string) string {
	k := "ed.field." + key + ".help"
	if !w.ui.cat.Has(w.lang, k) && !w.ui.cat.Has(w.ui.langs[0], k) {
		return ""
	}
	return w.Tf(k, "licence", defaultLicence)
}

// UILang is the language code of the editor's words, for the page's lang.
func (w words) UILang() string { return w.lang }

// LinkText is the words of the "Edit this page" link the dev server puts
// on the site's pages, in the editor's language for the request's browser.
func (e *Editor) LinkText(r *http.Request) string { return e.ui.words(r).T("ed.link") }
