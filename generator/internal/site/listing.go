package site

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
)

// Kinds of page for the one-stop shop: opportunities (Skills-Share-Sell),
// news, the partners' catalogue and the filtered views of lists.
const (
	KindOpportunity Kind = "opportunity"
	KindNews        Kind = "news"
	KindPartners    Kind = "partners"
	KindFilter      Kind = "filter"
)

// Listing is set on list pages that have filters: a section of stories or
// opportunities, one of its filtered views, the partners' catalogue.
type Listing struct {
	// Facet and Value are the filter this page applies ("country", "it");
	// empty on the whole list.
	Facet, Value string
	// All is the whole, unfiltered list.
	All *Page
	// Facets are the list's filters, each value with its count and page.
	Facets []*Facet
	// Items are the partner items this page shows (the partners' catalogue).
	Items []*PartnerItem
	// Total is the number of entries the page's list holds over all its pages.
	Total int
}

// Facet is one filter of a list ("country") and its values.
type Facet struct {
	Name   string
	Values []*FacetValue
}

// FacetValue is one value of a filter: what entries carry, how many do,
// and the page listing them.
type FacetValue struct {
	ID    string // as entries carry it: "IT", "offer", "edunet-bg"
	Label string // a name the site knows (a partner's), else empty: templates translate ID
	Slug  string
	Count int
	Page  *Page
}

// listFacets are the filters of the kinds of page that have them, and
// how each page gives its values.
var listFacets = map[Kind][]struct {
	name   string
	values func(p *Page) []string
}{
	KindStory: {
		{"country", func(p *Page) []string { return one(CountryCode(p.Meta.Country)) }},
		{"sector", func(p *Page) []string { return one(strings.ToLower(p.Meta.Sector)) }},
		{"audience", func(p *Page) []string { return p.Meta.Audience }},
	},
	KindOpportunity: {
		{"kind", func(p *Page) []string { return one(p.Meta.Offer) }},
		{"country", func(p *Page) []string { return one(CountryCode(p.Meta.Country)) }},
		{"language", func(p *Page) []string { return one(cmp.Or(p.Meta.Language, p.ContentLang())) }},
	},
}

// CountryCode returns the two-letter code of a country as content writes
// it: a code ("it", "UK") or an English name ("Italy"); else the text as
// written.
func CountryCode(s string) string {
	code, _ := KnownCountry(s)
	return code
}

// KnownCountry returns CountryCode's answer and whether s names a country
// as content may write it: a two-letter code or an English name.
func KnownCountry(s string) (code string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		return strings.ToUpper(s), true
	}
	if code, ok := englishCountries()[strings.ToLower(s)]; ok {
		return code, true
	}
	return s, false
}

// englishCountries maps the English name of each country, lower-cased, to
// its two-letter code (the first in A–Z order when two share a name). Made
// once and only read: looking a name up among every code took 50 µs, once
// per page and list that shows a country.
var englishCountries = sync.OnceValue(func() map[string]string {
	names := display.English.Regions()
	m := map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || r.String() != code || !r.IsCountry() || r.Canonicalize() != r {
				continue
			}
			if n := strings.ToLower(names.Name(r)); n != "" && m[n] == "" {
				m[n] = code
			}
		}
	}
	return m
})

func one(s string) []string {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return []string{s}
}

// FacetValues returns the values a page carries for a filter of its kind.
func (p *Page) FacetValues(facet string) []string {
	for _, f := range listFacets[p.Kind] {
		if f.name == facet {
			return f.values(p)
		}
	}
	return nil
}

// closedOpportunity reports an opportunity whose closing date has passed
// at the build date: it is not published, unless --expired. It stays open
// to the end of its closing day.
func closedOpportunity(src *content.Source, pl placement, opt Options) (diag.Diagnostic, bool) {
	c := src.Meta.Closes
	if pl.kind != KindOpportunity || c.IsZero() || opt.Expired || opt.Horizon.After(ClosingEnd(c), opt.Now) {
		return diag.Diagnostic{}, false
	}
	return diag.Warnf(src.Path, src.Meta.Lines["closes"], "build with --expired to publish it anyway, or move its closing date", "not published: it closed on %s", c.Format("2 January 2006")), true
}

// emailAddress finds what looks like an e-mail address (with or without mailto:).
var emailAddress = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

// opportunityEmail reports an opportunity whose text or summary shows an
// e-mail address: people reply through the request form, so that nobody's
// address is published for harvesters and spammers.
func opportunityEmail(src *content.Source, pl placement) (diag.Diagnostic, bool) {
	if pl.kind != KindOpportunity {
		return diag.Diagnostic{}, false
	}
	fix := "remove the address: people reply through the request form (the page's button), and the partnership passes the message on"
	for _, k := range []string{"summary", "description", "title"} {
		if v, _ := src.Meta.Params[k].(string); emailAddress.MatchString(v) {
			return diag.Errorf(src.Path, src.Meta.Lines[k], fix, "an opportunity shows no e-mail address (%s)", k), true
		}
	}
	body, err := src.Markdown()
	if err != nil {
		return diag.Errorf(src.Path, 0, "build again", "%v", err), true
	}
	if loc := emailAddress.FindIndex(body); loc != nil {
		line := src.BodyLine + bytes.Count(body[:loc[0]], []byte("\n"))
		return diag.Errorf(src.Path, line, fix, "an opportunity shows no e-mail address"), true
	}
	return diag.Diagnostic{}, false
}

// ClosingEnd is when an opportunity closing on day c is over: the end of
// that day wherever it ends last (UTC-12), so that nobody sees it go early.
func ClosingEnd(c time.Time) time.Time {
	y, m, d := c.Date()
	return time.Date(y, m, d+1, 12, 0, 0, 0, time.UTC)
}

// addFilters gives the sections of kinds with filters one page per value
// of each filter: <section>/<filter>/<value>/, listing the entries that
// carry it. Values are kept when at least one entry has them.
func (s *Site) addFilters() {
	for _, sec := range append([]*Page(nil), s.Pages...) {
		if sec.Kind != KindSection || sec.Pager != nil && sec.Pager.Number > 1 || len(sec.Pages) == 0 {
			continue
		}
		kind := sec.Pages[0].Kind
		defs := listFacets[kind]
		if len(defs) == 0 || s.sectionIndex(sec.Lang, sec.Section) != sec {
			continue
		}
		l := &Listing{All: sec, Total: len(sec.Pages)}
		sec.Listing = l
		var views []*Page
		for _, def := range defs {
			f, pages := s.filterPages(sec, kind, def.name, def.values)
			views = append(views, pages...)
			if len(f.Values) > 0 {
				l.Facets = append(l.Facets, f)
			}
		}
		for _, p := range views {
			p.Listing.Facets = l.Facets
		}
	}
}

// filterPages adds a section's pages for one filter, one per value, and
// returns the filter with its values.
func (s *Site) filterPages(sec *Page, kind Kind, name string, values func(*Page) []string) (*Facet, []*Page) {
	f := &Facet{Name: name}
	byID := map[string]*FacetValue{}
	for _, p := range sec.Pages {
		if p.Kind != kind {
			continue
		}
		for _, v := range values(p) {
			if byID[v] == nil {
				slug, err := Slugify(v)
				if err != nil {
					continue
				}
				byID[v] = &FacetValue{ID: v, Slug: slug}
				f.Values = append(f.Values, byID[v])
			}
			byID[v].Count++
		}
	}
	if len(f.Values) < 2 {
		return &Facet{Name: name}, nil // one value filters nothing out
	}
	sort.Slice(f.Values, func(i, j int) bool { return f.Values[i].ID < f.Values[j].ID })
	var out []*Page
	for _, fv := range f.Values {
		u := sec.URL + name + "/" + fv.Slug + "/"
		if s.urls[u] != nil {
			continue
		}
		fp := &Page{Kind: KindFilter, Lang: sec.Lang, Section: sec.Section, URL: u, Key: sec.Key + "/" + name + "/" + fv.Slug, Parent: sec,
			Listing: &Listing{Facet: name, Value: fv.ID, All: sec}}
		for _, p := range sec.Pages {
			if slices.Contains(values(p), fv.ID) {
				fp.Pages = append(fp.Pages, p)
			}
		}
		fp.Listing.Total = len(fp.Pages)
		fv.Page = fp
		s.addPage(fp)
		out = append(out, fp)
	}
	return f, out
}

// IsOpen reports whether an opportunity is still open at the build date.
func (p *Page) IsOpen() bool {
	return p.Kind != KindOpportunity || p.Meta.Closes.IsZero() || p.site.horizon.After(ClosingEnd(p.Meta.Closes), p.site.Now)
}

// FacetNames returns the filters of a kind of page, in order.
func FacetNames(k Kind) []string {
	var out []string
	for _, f := range listFacets[k] {
		out = append(out, f.name)
	}
	return out
}
