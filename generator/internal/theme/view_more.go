package theme

import (
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// LanguageName returns a language's own name from the configuration, or its code.
func (v *View) LanguageName(code string) string {
	if l, ok := v.Site.Config.Languages[code]; ok && l.Name != "" {
		return l.Name
	}
	return code
}

// RequestPage returns the page of the page's language that uses the request layout, if any.
func (v *View) RequestPage() *site.Page { return v.L().Request }

// Slug returns the last segment of a page's address: a module's folder name.
func (v *View) Slug(p *site.Page) string {
	s := strings.TrimSuffix(p.URL, "/")
	return s[strings.LastIndexByte(s, '/')+1:]
}

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
