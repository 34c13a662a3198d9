package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/oersite/oersite/generator/internal/diag"
)

// LanguageTexts are the settings a visitor reads, written for one language.
// They mirror the site-wide tables ([languages.it.oer] publisher = "..."
// overrides [oer] publisher on Italian pages); empty values keep the
// site-wide text. Only texts are here: licences, addresses and numbers are
// the same in every language.
type LanguageTexts struct {
	OER    LanguageOER             `toml:"oer"`
	Footer LanguageFooter          `toml:"footer"`
	Forms  map[string]LanguageForm `toml:"forms"`
	// Menus renames menu entries, matched by their url.
	Menus map[string][]Menu `toml:"menus"`
}

// LanguageOER holds the [oer] texts of one language.
type LanguageOER struct {
	Publisher         string   `toml:"publisher"`
	Funder            string   `toml:"funder"`
	GrantingAuthority string   `toml:"grantingAuthority"`
	DefaultAuthors    []string `toml:"defaultAuthors"`
}

// LanguageFooter holds the [footer] texts of one language.
type LanguageFooter struct {
	Text string `toml:"text"`
	// Links renames footer links, matched by their url.
	Links []Menu `toml:"links"`
}

// LanguageForm holds the texts of one form in one language.
type LanguageForm struct {
	Recipient string `toml:"recipient"`
}

// I18nPrefix marks a setting whose text comes from the strings files
// (i18n/<lang>.toml) instead: name = "i18n:nav.modules".
const I18nPrefix = "i18n:"

// eachText calls fn for every setting that pages show to visitors, with its
// key (as written in messages: "oer.publisher", "menus.main[modules/]") and
// a pointer through which it can be changed. This is the one list of shown
// texts: per-language overrides, i18n keys and the untranslated-text check
// all go through it. Settings a page does not show (the funder's name when
// the EU emblem stands for it) are left out.
func (c *Config) eachText(fn func(key string, s *string)) {
	fn("title", &c.Title)
	fn("oer.publisher", &c.OER.Publisher)
	if c.OER.EUEmblem {
		fn("oer.grantingAuthority", &c.OER.GrantingAuthority)
	} else {
		fn("oer.funder", &c.OER.Funder)
	}
	for i := range c.OER.DefaultAuthors {
		fn(fmt.Sprintf("oer.defaultAuthors[%d]", i), &c.OER.DefaultAuthors[i])
	}
	fn("footer.text", &c.Footer.Text)
	for i := range c.Footer.Links {
		fn("footer.links["+c.Footer.Links[i].URL+"]", &c.Footer.Links[i].Name)
	}
	for _, name := range slices.Sorted(maps.Keys(c.Forms)) {
		f := c.Forms[name]
		fn("forms."+name+".recipient", &f.Recipient)
		c.Forms[name] = f
	}
	for _, name := range slices.Sorted(maps.Keys(c.Menus)) {
		for i := range c.Menus[name] {
			fn("menus."+name+"["+c.Menus[name][i].URL+"]", &c.Menus[name][i].Name)
		}
	}
}

// Text is one setting that pages show, by its key ("oer.publisher").
type Text struct{ Key, Value string }

// Texts returns the settings that pages show, in a fixed order.
func (c Config) Texts() []Text {
	var out []Text
	cl := c.cloneTexts()
	cl.eachText(func(key string, s *string) { out = append(out, Text{key, *s}) })
	return out
}

// cloneTexts returns c with its own copies of the maps and slices that hold
// shown texts, so that changing them leaves c as it was.
func (c Config) cloneTexts() Config {
	c.OER.DefaultAuthors = slices.Clone(c.OER.DefaultAuthors)
	c.Footer.Links = slices.Clone(c.Footer.Links)
	c.Forms = maps.Clone(c.Forms)
	if c.Menus != nil {
		menus := make(map[string][]Menu, len(c.Menus))
		for k, v := range c.Menus {
			menus[k] = slices.Clone(v)
		}
		c.Menus = menus
	}
	return c
}

// overrides returns the texts language lang sets for itself, by key.
func (c Config) overrides(lang string) map[string]string {
	l, ok := c.Languages[lang]
	if !ok {
		return nil
	}
	own := Config{
		Title:  l.Title,
		OER:    OER{Publisher: l.OER.Publisher, Funder: l.OER.Funder, GrantingAuthority: l.OER.GrantingAuthority, EUEmblem: c.OER.EUEmblem, DefaultAuthors: l.OER.DefaultAuthors},
		Footer: Footer{Text: l.Footer.Text, Links: l.Footer.Links},
		Menus:  l.Menus,
		Forms:  map[string]Form{},
	}
	for name, f := range l.Forms {
		own.Forms[name] = Form{Recipient: f.Recipient}
	}
	out := map[string]string{}
	own.eachText(func(key string, s *string) {
		if *s != "" {
			out[key] = *s
		}
	})
	return out
}

// Localized returns the configuration as pages in lang show it: the
// language's own texts in place of the site-wide ones, then every text passed
// through resolve (which turns "i18n:key" into the string of that language;
// nil leaves texts as they are). c is not changed.
func (c Config) Localized(lang string, resolve func(string) string) Config {
	out := c.cloneTexts()
	if l, ok := c.Languages[lang]; ok && len(l.OER.DefaultAuthors) > 0 {
		out.OER.DefaultAuthors = slices.Clone(l.OER.DefaultAuthors)
	}
	own := c.overrides(lang)
	out.eachText(func(key string, s *string) {
		if v, ok := own[key]; ok {
			*s = v
		}
		if resolve != nil {
			*s = resolve(*s)
		}
	})
	return out
}

// UntranslatedTexts warns about every shown setting that a language shows
// exactly as the default language does: a text written once in config.toml
// and neither overridden under [languages.<code>] nor taken from that
// language's strings file. lookup(lang, s) turns "i18n:key" into the string
// of lang and reports whether lang's own strings define it. Names listed
// under properNames, addresses and numbers need no translation.
func (c Config) UntranslatedTexts(file string, lookup func(lang, s string) (string, bool)) diag.List {
	def := map[string]string{}
	base := c.Localized(c.DefaultLanguage, func(s string) string { t, _ := lookup(c.DefaultLanguage, s); return t })
	base.eachText(func(key string, s *string) { def[key] = *s })
	same := map[string][]string{} // key -> languages showing the default text
	var keys []string
	for _, lang := range c.LanguageCodes() {
		if lang == c.DefaultLanguage {
			continue
		}
		own := map[string]bool{} // texts from lang's own strings file
		loc := c.Localized(lang, func(s string) string {
			t, ok := lookup(lang, s)
			own[t] = own[t] || ok
			return t
		})
		loc.eachText(func(key string, s *string) {
			if *s != def[key] || own[*s] || !needsTranslation(*s) || slices.Contains(c.ProperNames, *s) {
				return
			}
			if same[key] == nil {
				keys = append(keys, key)
			}
			same[key] = append(same[key], lang)
		})
	}
	var l diag.List
	for _, key := range keys {
		langs := same[key]
		l.Add(diag.Warnf(file, c.lineOf(key), overrideHint(key, langs[0], def[key]),
			"%s %q is shown untranslated on the %s pages", key, def[key], strings.Join(langs, ", ")))
	}
	return l
}

// splitKey splits a shown text's key into its table, its field and, for an
// entry of a list of tables, the entry's url: "menus.main[about/]" is
// ("menus.main", "name", "about/"), "oer.defaultAuthors[0]" is ("oer",
// "defaultAuthors", "").
func splitKey(key string) (table, field, url string) {
	if base, entry, ok := strings.Cut(key, "["); ok {
		entry = strings.TrimSuffix(entry, "]")
		if strings.HasSuffix(base, ".defaultAuthors") {
			return strings.TrimSuffix(base, ".defaultAuthors"), "defaultAuthors", ""
		}
		return base, "name", entry
	}
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i], key[i+1:], ""
	}
	return "", key, ""
}

// lineOf returns the line of config.toml where a shown text is set, or 0.
func (c Config) lineOf(key string) int {
	table, field, url := splitKey(key)
	if url != "" {
		return c.lines.inTable(table, "url", `"`+url+`"`)
	}
	return c.lines.inTable(table, field, "")
}

// overrideHint tells how to translate one setting in one language (a
// hint made by diag.Hintf, one sentence per case).
func overrideHint(key, lang, value string) string {
	table, field, url := splitKey(key)
	switch {
	case url != "": // a menu or footer entry
		return diag.Hintf("add [[languages.%s.%s]] with url = %q and name = \"...\", or write its name as an i18n key (name = \"i18n:...\") translated in i18n/%s.toml, or list %q under properNames if it is a name that stays the same", lang, table, url, lang, value)
	case field == "defaultAuthors":
		return diag.Hintf("add [languages.%s.oer] with defaultAuthors = [\"...\"], or list %q under properNames if it is a name that stays the same", lang, value)
	case table == "":
		return diag.Hintf("add %s = \"...\" under [languages.%s], or list %q under properNames if it is a name that stays the same", field, lang, value)
	}
	return diag.Hintf("add [languages.%s.%s] with %s = \"...\", or list %q under properNames if it is a name that stays the same", lang, table, field, value)
}

// needsTranslation reports whether a shown text has words to translate:
// not empty, not an e-mail or web address, not only digits and signs.
func needsTranslation(s string) bool {
	if strings.Contains(s, "@") || strings.Contains(s, "://") {
		return false
	}
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
