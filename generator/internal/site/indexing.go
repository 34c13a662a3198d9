package site

// How search engines and harvesters should see each page: its canonical
// address, its language alternates, whether it is indexed and listed in
// the sitemap. The HTML head, the sitemap and Dublin Core all read these.

// Canonical returns the absolute address search engines should index for
// the page: the original's for a fallback, which only shows it.
func (p *Page) Canonical() string {
	if p.FallbackOf != nil {
		return p.FallbackOf.Permalink()
	}
	return p.Permalink()
}

// NoIndex reports whether search engines should leave the page out of
// their index: error pages and alias redirects. A search page is indexed,
// as a way into the site (the WebSite's SearchAction names it); its results
// (?q=...) are kept from crawlers by robots.txt instead, as search engines
// ask of a site's internal search results.
func (p *Page) NoIndex() bool {
	switch p.Kind {
	case KindNotFound, KindAlias:
		return true
	}
	return false
}

// InSitemap reports whether the page is listed in sitemap.xml: every
// indexed page at its own address, taxonomy and term pages included, but
// not fallbacks (their canonical address is the original's) and not the
// second and later pages of a long list, nor search pages (a form with
// nothing of its own to find), nor the pages generated for the learner
// (a module's printable copy repeats its lessons; a certificate is filled
// in by whoever prints it).
func (p *Page) InSitemap() bool {
	switch p.Kind {
	case KindSearch, KindPrint, KindCertificate:
		return false
	}
	return !p.NoIndex() && p.FallbackOf == nil && (p.Pager == nil || p.Pager.Number == 1)
}

// Alternate is a version of a page for search engines' language targeting
// (hreflang): a language code, or "x-default" for the version shown to
// readers of any other language.
type Alternate struct {
	Hreflang string
	Page     *Page
}

// Alternates returns the language versions of a page, the page included,
// in the site's language order and then x-default. Home pages and the
// root language chooser point to every language's home, with the chooser
// as x-default; other pages to their real translations, with the default
// language's as x-default. Pages with no translation, fallbacks and pages
// outside the index have none.
func (p *Page) Alternates() []Alternate {
	if p.NoIndex() || p.FallbackOf != nil || p.Pager != nil && p.Pager.Number > 1 {
		return nil
	}
	s := p.site
	if p.Kind == KindHome || p.Kind == KindLanguages {
		return s.homeAlternates()
	}
	if len(p.Translations) == 0 {
		return nil
	}
	out := make([]Alternate, 0, len(p.Translations)+2)
	var def *Page
	for _, l := range s.Languages {
		t := p
		if l.Code != p.Lang {
			t = translationIn(p, l.Code)
		}
		if t == nil {
			continue
		}
		out = append(out, Alternate{l.Code, t})
		if l.Default {
			def = t
		}
	}
	if def != nil {
		out = append(out, Alternate{"x-default", def})
	}
	return out
}

// translationIn returns p's real translation in lang, or nil.
func translationIn(p *Page, lang string) *Page {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// homeAlternates are the alternates of every home page and of the root
// language chooser: each language's home, and the chooser as x-default.
func (s *Site) homeAlternates() []Alternate {
	var out []Alternate
	for _, l := range s.Languages {
		if h := s.Langs[l.Code].Home; h != nil && h.FallbackOf == nil {
			out = append(out, Alternate{l.Code, h})
		}
	}
	if root := s.PageAt(""); root != nil && len(out) > 0 {
		out = append(out, Alternate{"x-default", root})
	}
	return out
}
