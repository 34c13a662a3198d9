package site

import (
	"sort"
	"strings"
)

// buildTaxonomies makes, per language, a page listing each taxonomy's terms
// and a page per term listing its modules, resources and webinars.
func (s *Site) buildTaxonomies() {
	for _, l := range s.Languages {
		ls := s.Langs[l.Code]
		for _, tax := range s.taxonomies() {
			terms := map[string]*Term{}
			for _, p := range s.Pages {
				if p.Lang != l.Code || p.Kind == KindLesson || p.Source == nil {
					continue
				}
				for _, id := range termIDs(tax, p) {
					slug, err := Slugify(id)
					if err != nil {
						continue
					}
					t := terms[slug]
					if t == nil {
						t = &Term{Taxonomy: tax, ID: id, Slug: slug}
						terms[slug] = t
					}
					t.Pages = append(t.Pages, p)
					if p.Terms == nil {
						p.Terms = map[string][]*Term{}
					}
					p.Terms[tax] = append(p.Terms[tax], t)
				}
			}
			if len(terms) == 0 {
				continue
			}
			taxPage := &Page{Kind: KindTaxonomy, Lang: l.Code, URL: l.Code + "/" + tax + "/", Key: "_tax/" + tax, Taxonomy: tax, Title: tax}
			s.addPage(taxPage)
			ls.Taxonomies[tax] = taxPage
			slugs := make([]string, 0, len(terms))
			for k := range terms {
				slugs = append(slugs, k)
			}
			sort.Strings(slugs)
			if tax == "level" {
				sortByVocabulary(slugs, s.Config.Vocabulary.Levels)
			}
			for _, slug := range slugs {
				t := terms[slug]
				sortPages(t.Pages)
				tp := &Page{Kind: KindTerm, Lang: l.Code, URL: taxPage.URL + slug + "/", Key: "_tax/" + tax + "/" + slug, Taxonomy: tax, Term: t, Title: t.ID, Pages: t.Pages, Parent: taxPage}
				t.Page = tp
				s.addPage(tp)
				taxPage.Pages = append(taxPage.Pages, tp)
			}
		}
	}
}

func sortByVocabulary(ids []string, vocab []string) {
	rank := map[string]int{}
	for i, v := range vocab {
		rank[v] = i + 1
	}
	sort.SliceStable(ids, func(i, j int) bool {
		ri, rj := rank[ids[i]], rank[ids[j]]
		if ri == 0 {
			ri = len(vocab) + 1
		}
		if rj == 0 {
			rj = len(vocab) + 1
		}
		return ri < rj
	})
}

// termIDs returns the values a page has in a taxonomy.
func termIDs(tax string, p *Page) []string {
	m := p.Meta
	switch tax {
	case "audience":
		return m.Audience
	case "level":
		if m.Level != "" {
			return []string{m.Level}
		}
	case "digcomp":
		return m.DigComp
	case "categories":
		return m.Categories
	case "keywords":
		seen := map[string]bool{}
		var out []string
		for _, k := range append(append([]string{}, m.Keywords...), m.Tags...) {
			k = strings.ToLower(strings.TrimSpace(k))
			if k != "" && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
		return out
	}
	return nil
}

// taxonomies are the taxonomies this site builds pages for.
func (s *Site) taxonomies() []string {
	if s.Config.Taxonomies == nil {
		return TaxonomyNames()
	}
	var out []string
	for _, t := range TaxonomyNames() {
		for _, want := range s.Config.Taxonomies {
			if t == want {
				out = append(out, t)
			}
		}
	}
	return out
}
