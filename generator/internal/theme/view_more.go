package theme

import (
	"encoding/json"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/oersite/oersite/generator/internal/site"
)

// LanguageName returns a language's own name from the configuration, else
// as the language calls itself ("Ελληνικά"), else its code.
func (v *View) LanguageName(code string) string {
	if l, ok := v.Site.Config.Languages[code]; ok && l.Name != "" {
		return l.Name
	}
	if t, err := language.Parse(code); err == nil {
		if n := display.Self.Name(t); n != "" {
			return n
		}
	}
	return code
}

// LanguageLabel names a language in the page's language, as a label
// begins ("Anglais" on a French page): the language a webinar is held in,
// a filter's value. A language CLDR cannot name there gets LanguageName.
func (v *View) LanguageLabel(code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return v.LanguageName(code)
	}
	n := display.Languages(language.Make(v.Page.Lang)).Name(t)
	if n == "" {
		return v.LanguageName(code)
	}
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}

// RequestPage returns the page of the page's language that uses the request layout, if any.
func (v *View) RequestPage() *site.Page { return v.L().Request }

// Slug returns the last segment of a page's address: a module's folder name or slug.
func (v *View) Slug(p *site.Page) string { return p.Slug() }

// PrivacyPage returns the page of the page's language at privacy/, if any.
func (v *View) PrivacyPage() *site.Page { return v.pageAt("privacy/") }

// RequestThanks returns the absolute address of the thank-you page, where form services redirect.
func (v *View) RequestThanks() string {
	if p := v.pageAt("thanks/"); p != nil {
		if v.Site.Offline {
			return ""
		}
		return p.Permalink()
	}
	return ""
}

func (v *View) pageAt(rel string) *site.Page { return v.Site.PageAt(v.Page.Lang + "/" + rel) }

// LangOf returns the language a page's words are written in when it is not
// the page's own: the original's language for an untranslated page shown in
// its place, and for a keyword whose every page is such an original. Empty
// otherwise; for a module's printable or certificate page, the module's.
// Templates mark links and titles with it (lang="en"), so that
// screen readers pronounce them right and readers know what to expect.
func (v *View) LangOf(p *site.Page) string {
	if p == nil {
		return ""
	}
	if p.FallbackOf != nil {
		return p.FallbackOf.Lang
	}
	if p.Of != nil { // a module's printable or certificate page: its title is the module's
		return v.LangOf(p.Of)
	}
	if p.Kind != site.KindTerm || p.Taxonomy != "keywords" || len(p.Pages) == 0 {
		return ""
	}
	lang := ""
	for _, q := range p.Pages {
		if q.FallbackOf == nil {
			return ""
		}
		lang = q.FallbackOf.Lang
	}
	return lang
}

// Authors returns the names of the authors to credit for a page (its
// effective authors, see site.Page.Authors) in the page's language: a name
// that is the site's publisher or one of its default authors (often "the X
// partnership") is given as the page's language writes it in config.toml.
func (v *View) Authors(p *site.Page) []string {
	site, local := v.Site.Config.OER, v.Config().OER
	authors := p.Authors()
	out := make([]string, len(authors))
	for i, a := range authors {
		out[i] = a.Name
		switch j := slices.Index(site.DefaultAuthors, a.Name); {
		case a.Name == site.Publisher && site.Publisher != "":
			out[i] = local.Publisher
		case j >= 0 && j < len(local.DefaultAuthors):
			out[i] = local.DefaultAuthors[j]
		}
	}
	return out
}

// Keys returns the translation keys of pages as a JSON list, for scripts
// that keep progress the same in every language.
func (v *View) Keys(ps []*site.Page) string {
	keys := make([]string, len(ps))
	for i, p := range ps {
		keys[i] = p.Key
	}
	b, _ := json.Marshal(keys)
	return string(b)
}
