package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/partner"
)

// PartnerItem is an item of a partner's catalogue as pages show it: always
// with the partner it comes from and its licence, linking out.
type PartnerItem struct {
	partner.Item
	Partner *config.Partner
	// Licence is the item's licence, else the partner's default.
	Licence Licence
}

// PartnerEvent is an event a partner announces, shown beside the site's webinars.
type PartnerEvent struct {
	partner.Event
	Partner *config.Partner
}

// IsUpcoming reports whether the event ends after the build date.
func (e *PartnerEvent) IsUpcoming(s *Site) bool { return s.horizon.After(e.End, s.Now) }

// PartnerFacets are the filters of the partners' catalogue, in order.
var PartnerFacets = []string{"partner", "country", "language", "type", "licence"}

// PartnersSection is the address, inside each language, of the partners' catalogue.
const PartnersSection = "partners"

// licenceOf resolves a licence as partners write it: an SPDX id, a
// Creative Commons address or name ("CC BY 4.0").
func licenceOf(s string) Licence {
	s = strings.TrimSpace(s)
	if s == "" {
		return Licence{}
	}
	if l := LicenceInfo(s); l.URL != "" {
		return l
	}
	if l := LicenceInfo(strings.ReplaceAll(s, " ", "-")); l.URL != "" {
		return l
	}
	norm := strings.TrimSuffix(strings.Replace(strings.ToLower(s), "http://", "https://", 1), "/") + "/"
	norm = strings.Replace(norm, "/deed.en/", "/", 1)
	for _, l := range licenceTable() {
		if l.URL == norm || strings.TrimSuffix(norm, "legalcode/") == l.URL {
			return l
		}
	}
	if u := partner.WebURL(s); u != "" {
		return Licence{ID: u, Name: u, Short: u, URL: u}
	}
	return Licence{ID: s, Name: s, Short: s}
}

// facetValues returns an item's values for a filter of the catalogue.
func (it *PartnerItem) facetValues(facet string) []string {
	switch facet {
	case "partner":
		return []string{it.Partner.ID}
	case "country":
		return one(strings.ToUpper(it.Partner.Country))
	case "language":
		if len(it.Languages) > 0 {
			return it.Languages
		}
		return it.Partner.Languages
	case "type":
		return one(cmp.Or(it.Type, "other"))
	case "licence":
		return one(it.Licence.Short)
	}
	return nil
}

// FacetValues returns an item's values for a filter, for templates and scripts.
func (it *PartnerItem) FacetValues(facet string) []string { return it.facetValues(facet) }

// addPartners adds the partners' catalogue in every language (all items,
// filterable by partner, country, language, type and licence, one page per
// value for readers without JavaScript) and keeps their events for the
// webinar lists and calendars.
func (s *Site) addPartners(data []*partner.Data) {
	var items []*PartnerItem
	for _, d := range data {
		p := &d.Partner
		for _, it := range d.Items {
			pi := &PartnerItem{Item: it, Partner: p, Licence: licenceOf(cmp.Or(it.Licence, p.Licence))}
			items = append(items, pi)
		}
		if !p.NoEvents {
			for _, e := range d.Events {
				s.PartnerEvents = append(s.PartnerEvents, &PartnerEvent{Event: e, Partner: p})
			}
		}
		s.PartnerList = append(s.PartnerList, p)
	}
	slices.SortStableFunc(s.PartnerEvents, func(a, b *PartnerEvent) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Partner.ID, b.Partner.ID))
	})
	slices.SortStableFunc(items, func(a, b *PartnerItem) int {
		return cmp.Or(-cmp.Compare(a.Date, b.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.URL, b.URL))
	})
	s.PartnerItems = items
	if len(items) == 0 {
		return
	}
	for _, l := range s.Languages {
		s.addCatalogue(l.Code, items)
	}
}

// addCatalogue adds one language's catalogue and its filter pages.
func (s *Site) addCatalogue(lang string, items []*PartnerItem) {
	base := lang + "/" + PartnersSection + "/"
	if s.urls[base] != nil {
		return // the site has its own page there
	}
	all := &Page{Kind: KindPartners, Lang: lang, Section: PartnersSection, URL: base, Key: "_partners", Listing: &Listing{Items: items, Total: len(items)}}
	all.Listing.All = all
	s.addPage(all)
	s.Langs[lang].Partners = all
	for _, name := range PartnerFacets {
		f := &Facet{Name: name}
		byID := map[string]*FacetValue{}
		for _, it := range items {
			for _, v := range it.facetValues(name) {
				fv := byID[v]
				if fv == nil {
					slug, err := Slugify(v)
					if err != nil {
						continue
					}
					fv = &FacetValue{ID: v, Slug: slug}
					if name == "partner" {
						fv.Label = it.Partner.Name
					}
					byID[v] = fv
					f.Values = append(f.Values, fv)
				}
				fv.Count++
			}
		}
		if len(f.Values) < 2 {
			continue // one value filters nothing out: no filter, and no copy of the catalogue under it
		}
		slices.SortFunc(f.Values, func(a, b *FacetValue) int { return cmp.Compare(cmp.Or(a.Label, a.ID), cmp.Or(b.Label, b.ID)) })
		for _, fv := range f.Values {
			u := base + name + "/" + fv.Slug + "/"
			if s.urls[u] != nil {
				continue
			}
			var shown []*PartnerItem
			for _, it := range items {
				if slices.Contains(it.facetValues(name), fv.ID) {
					shown = append(shown, it)
				}
			}
			fp := &Page{Kind: KindPartners, Lang: lang, Section: PartnersSection, URL: u, Key: "_partners/" + name + "/" + fv.Slug, Parent: all,
				Listing: &Listing{Facet: name, Value: fv.ID, All: all, Items: shown, Total: len(shown)}}
			s.addPage(fp)
			fv.Page = fp
		}
		if len(f.Values) > 0 {
			all.Listing.Facets = append(all.Listing.Facets, f)
		}
	}
	for _, p := range append([]*Page(nil), s.Pages...) {
		if p.Kind == KindPartners && p.Lang == lang {
			p.Listing.Facets = all.Listing.Facets
			s.paginateItems(p)
		}
	}
}

// paginateItems splits a catalogue page holding more items than a page
// shows into page/2/, page/3/...
func (s *Site) paginateItems(p *Page) {
	per := s.Config.Paginate
	items := p.Listing.Items
	if per <= 0 || len(items) <= per {
		return
	}
	var pages []*Page
	for i := 0; i < len(items); i += per {
		q := p
		if i > 0 {
			n := i/per + 1
			cp := *p
			l := *p.Listing
			cp.Listing = &l
			cp.URL, cp.Key, cp.site = fmt.Sprintf("%spage/%d/", p.URL, n), fmt.Sprintf("%s/page/%d", p.Key, n), nil
			q = &cp
			s.addPage(q)
		}
		q.Listing.Items = items[i:min(i+per, len(items))]
		q.Pager = &Pager{Number: i/per + 1, Total: len(items)}
		pages = append(pages, q)
	}
	for _, q := range pages {
		q.Pager.Pages = pages
	}
}

// PartnerEventsFor returns the partners' events a language lists: those
// in its language or in none given, upcoming (soonest first) or past
// (latest first).
func (s *Site) PartnerEventsFor(lang string, upcoming bool) []*PartnerEvent {
	var out []*PartnerEvent
	for _, e := range s.PartnerEvents {
		if e.IsUpcoming(s) == upcoming {
			out = append(out, e)
		}
	}
	if !upcoming {
		slices.Reverse(out)
	}
	return out
}

// CataloguePath is where the partners' catalogue is written for the
// catalogue page's script, from the site root.
const CataloguePath = "_partners/catalogue.js"

// CatalogueData is the partners' catalogue as the catalogue page's script
// filters it without reloading: the partners ([id, name, country]) and,
// for each item, [title, address, summary, date, type, languages, partner
// index, licence short name, licence address, authors].
func (s *Site) CatalogueData() map[string]any {
	idx := map[string]int{}
	partners := make([]any, 0, len(s.PartnerList))
	for i, p := range s.PartnerList {
		idx[p.ID] = i
		partners = append(partners, []any{p.ID, p.Name, strings.ToUpper(p.Country), p.Follow})
	}
	rows := make([]any, 0, len(s.PartnerItems))
	for _, it := range s.PartnerItems {
		rows = append(rows, []any{it.Title, it.URL, it.Description, it.Date, strings.Join(it.facetValues("type"), " "),
			strings.Join(it.facetValues("language"), " "), idx[it.Partner.ID], it.Licence.Short, it.Licence.URL, strings.Join(it.Authors, ", ")})
	}
	return map[string]any{"partners": partners, "items": rows}
}
