package site

import (
	"github.com/oersite/oersite/generator/internal/diag"
)

// addJourneyPages gives every module with lessons a printable page (all
// its lessons in order, at <module>/print/) and a certificate page
// (<module>/certificate/), and every learning path with modules a
// certificate page, in every language the module or path is shown in.
// They are generated: not in search, feeds or the sitemap. An address a
// content page already has stays that page's, with a warning.
func (s *Site) addJourneyPages() diag.List {
	var diags diag.List
	var todo []*Page
	for _, p := range s.Pages {
		if p.Kind == KindModule && len(p.Lessons) > 0 || p.Kind == KindPath && p.LessonCount() > 0 {
			todo = append(todo, p)
		}
	}
	for _, p := range todo {
		if p.Kind == KindModule {
			p.Printable = s.addJourneyPage(p, KindPrint, "print", &diags)
		}
		p.Certificate = s.addJourneyPage(p, KindCertificate, "certificate", &diags)
	}
	return diags
}

// addJourneyPage adds one generated page under of, unless its address is
// taken.
func (s *Site) addJourneyPage(of *Page, kind Kind, slug string, diags *diag.List) *Page {
	u := of.URL + slug + "/"
	if other := s.urls[u]; other != nil {
		if of.FallbackOf == nil && of.Source != nil {
			diags.Add(diag.Warnf(pageFile(other), 0, diag.Hintf("rename the page if learners should have the %s page of %s", slug, of.Title),
				"address /%s is a page of its own: the module's %s page is left out", u, slug))
		}
		return nil
	}
	p := &Page{Kind: kind, Lang: of.Lang, Section: of.Section, URL: u, Key: of.Key + "/" + slug, Date: of.Date, Parent: of, Of: of}
	p.followOf()
	s.addPage(p)
	return p
}

// followOf gives a generated page the title, front matter (licence,
// authors, objectives) and dates of the module or path it is made from.
func (p *Page) followOf() {
	p.Title, p.Meta, p.Lastmod = p.Of.Title, p.Of.Meta, p.Of.Lastmod
}
