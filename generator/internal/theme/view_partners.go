package theme

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/oersite/oersite/generator/internal/site"
)

// FacetLabel names a filter's value in the page's language: a partner by
// its name, a language by its own name, a country, kind, type or sector
// from the strings files, an audience as the vocabulary does.
func (v *View) FacetLabel(facet string, fv *site.FacetValue) string {
	if fv.Label != "" {
		return fv.Label
	}
	return v.ValueLabel(facet, fv.ID)
}

// ValueLabel names a value of a filter by its id ("country", "IT").
func (v *View) ValueLabel(facet, id string) string {
	switch facet {
	case "language":
		return v.LanguageLabel(id)
	case "audience":
		return v.Label("audience", id)
	case "partner":
		if p, ok := v.Site.Config.PartnerByID(id); ok {
			return p.Name
		}
		return id
	case "licence":
		return id
	}
	key := "filter." + facet + "." + strings.ToLower(id)
	if s := v.T(key); s != key {
		return s
	}
	if facet == "country" {
		return v.CountryName(id)
	}
	return id
}

// euCountryCodes are the codes the European Union writes where ISO 3166
// has others (EL for Greece, UK for the United Kingdom).
var euCountryCodes = map[string]string{"UK": "GB", "EL": "GR"}

// CountryName names a country, written as content writes it (a two-letter
// code or an English name, see site.CountryCode), in the page's language
// ("IT" and "Italy": "Italia" on an Italian page). Text that names no
// country is returned as written.
func (v *View) CountryName(country string) string {
	code, known := site.KnownCountry(country)
	iso := code
	if c, ok := euCountryCodes[code]; ok {
		iso = c
	}
	r, err := language.ParseRegion(iso)
	if err != nil || !known {
		return strings.TrimSpace(country)
	}
	if n := display.Regions(language.Make(v.Page.Lang)).Name(r); n != "" {
		return n
	}
	return code
}

// FacetTitle is the heading of a filter ("Country").
func (v *View) FacetTitle(facet string) string { return v.T("filter." + facet) }

// FilterTitle is the title of a filtered view: "Opportunities: Italy".
func (v *View) FilterTitle(p *site.Page) string {
	l := p.Listing
	if l == nil || l.Facet == "" {
		return ""
	}
	return v.FacetTitle(l.Facet) + ": " + v.ValueLabel(l.Facet, l.Value)
}

// PartnerRel is the rel attribute of a link to a partner's item: it is
// theirs (external) and, unless config.toml vouches for the partner
// (follow = true), not an endorsement (nofollow).
func (v *View) PartnerRel(it *site.PartnerItem) string {
	if it.Partner.Follow {
		return "external"
	}
	return "external nofollow"
}

// PartnerEvents returns the partners' events for the webinar lists:
// upcoming ones soonest first, past ones latest first (at most n; 0: all).
func (v *View) PartnerEvents(upcoming bool, n int) []*site.PartnerEvent {
	evs := v.Site.PartnerEventsFor(v.Page.Lang, upcoming)
	if n > 0 && len(evs) > n {
		evs = evs[:n]
	}
	return evs
}

// OtherLang returns lang when it differs from the page's language (for a
// lang attribute on text in another language), else "".
func (v *View) OtherLang(lang string) string {
	if lang == "" || lang == v.Page.Lang {
		return ""
	}
	return lang
}

// ItemLang is the language a partner item is written in, when it names
// exactly one.
func (v *View) ItemLang(it *site.PartnerItem) string {
	if len(it.Languages) == 1 {
		return it.Languages[0]
	}
	return ""
}

// listTitle is the title of the partners' catalogue and of filtered views.
func (v *View) listTitle(p *site.Page) string {
	base := v.T("partners.title")
	if p.Kind == site.KindFilter && p.Listing != nil {
		base = v.Title(p.Listing.All)
	}
	if t := v.FilterTitle(p); t != "" {
		return base + " – " + t
	}
	return base
}

// FacetData is what the list's script filters an entry by: its values for
// each filter of its kind ("country:IT sector:food"), or "" when its kind
// has no filters.
func (v *View) FacetData(p *site.Page) string {
	var parts []string
	for _, f := range site.FacetNames(p.Kind) {
		for _, val := range p.FacetValues(f) {
			parts = append(parts, f+":"+strings.ReplaceAll(val, " ", "_"))
		}
	}
	return strings.Join(parts, " ")
}

// SectionFeed links to the Atom feed of a news section (written by the
// oer stage for sections of news), or "" for other pages and offline copies.
func (v *View) SectionFeed() string {
	p := v.Page
	if v.Site.Offline || p.Kind != site.KindSection || p.FallbackOf != nil || len(p.Pages) == 0 || p.Pages[0].Kind != site.KindNews {
		return ""
	}
	return p.Rel(site.SectionFeedPath(p))
}
