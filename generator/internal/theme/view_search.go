package theme

import (
	"sort"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/site"
)

// SearchLabels are the strings the search client shows, in the page's language.
func (v *View) SearchLabels() map[string]any {
	group := func(prefix string, ids []string) map[string]string {
		m := map[string]string{}
		for _, id := range ids {
			m[id] = v.Label(prefix, id)
		}
		return m
	}
	kinds := map[string]string{}
	for _, k := range v.kinds() {
		kinds[k] = v.KindLabel(site.Kind(k))
	}
	langs := map[string]string{}
	for _, l := range v.Site.Languages {
		langs[l.Code] = v.LanguageLabel(l.Code)
	}
	lang := v.Page.Lang
	return map[string]any{
		"results": v.I18n.Forms(lang, "search.results"), "atLeast": v.I18n.Forms(lang, "search.atleast"),
		"noResults": v.T("search.noresults"), "loading": v.T("search.loading"),
		"error": v.T("search.error"), "anyWord": v.T("search.anyword"), "more": v.T("search.more"),
		"fallback": v.T("search.fallback"), "ignored": v.T("search.ignored"), "all": v.T("search.all"),
		"sections": v.T("search.sections"), "languages": langs,
		"kind": kinds, "audience": group("audience", v.audiences()), "level": group("level", v.Site.Config.Vocabulary.Levels),
		"digcomp": group("digcomp", v.competences()),
	}
}

// SearchBoxLabels are the strings of the search box that shows results as
// the visitor types (the header's): fewer than the search page's.
func (v *View) SearchBoxLabels() map[string]any {
	langs := map[string]string{}
	for _, l := range v.Site.Languages {
		langs[l.Code] = v.LanguageLabel(l.Code)
	}
	return map[string]any{
		"results": v.I18n.Forms(v.Page.Lang, "search.results"), "noResults": v.T("search.noresults"),
		"all": v.T("search.all"), "fallback": v.T("search.fallback"), "languages": langs,
	}
}

// kinds are the kinds of page search finds on this site: partner items
// only when partners publish some.
func (v *View) kinds() []string {
	ks := content.SearchKinds()
	if len(v.Site.PartnerItems) == 0 {
		return ks
	}
	return append(ks, "partner")
}

// Facet is one filter group of the search page.
type Facet struct {
	Name, Title string
	Options     []FacetOption
}

// FacetOption is one checkbox of a filter group.
type FacetOption struct{ Facet, Value, Label string }

// SearchFacets returns the search page's filters: kind, audience, level, competence.
func (v *View) SearchFacets() []Facet {
	opts := func(facet, prefix string, ids []string) []FacetOption {
		var out []FacetOption
		for _, id := range ids {
			l := v.Label(prefix, id)
			if prefix == "kind" {
				l = v.KindLabel(site.Kind(id))
			}
			out = append(out, FacetOption{Facet: facet, Value: id, Label: l})
		}
		return out
	}
	fs := []Facet{
		{Name: "kind", Title: v.T("search.facet.kind"), Options: opts("kind", "kind", v.kinds())},
		{Name: "audience", Title: v.TaxonomyTitle("audience"), Options: opts("audience", "audience", v.audiences())},
		{Name: "level", Title: v.TaxonomyTitle("level"), Options: opts("level", "level", v.Site.Config.Vocabulary.Levels)},
	}
	if c := v.competences(); len(c) > 0 {
		fs = append(fs, Facet{Name: "digcomp", Title: v.TaxonomyTitle("digcomp"), Options: opts("digcomp", "digcomp", c)})
	}
	return fs
}

func (v *View) audiences() []string {
	var ids []string
	for a := range v.Site.Config.Vocabulary.Audiences {
		ids = append(ids, a)
	}
	sort.Strings(ids)
	return ids
}

// competences are the DigComp codes the page's language uses.
func (v *View) competences() []string {
	var ids []string
	if tax := v.L().Taxonomies["digcomp"]; tax != nil {
		for _, p := range tax.Pages {
			if p.Term != nil && (p.Pager == nil || p.Pager.Number == 1) {
				ids = append(ids, p.Term.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}
