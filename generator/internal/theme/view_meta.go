package theme

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// Description returns the page's description for search results and link
// previews: its summary, else a sentence naming what a generated page
// lists, in the page's language. Every page has one.
func (v *View) Description() string {
	p := v.Page
	if s := strings.Join(strings.Fields(p.Summary), " "); s != "" {
		return s
	}
	name := v.L().Language.Title
	switch p.Kind {
	case site.KindSearch:
		return v.Tf("meta.search", "site", name)
	case site.KindTaxonomy:
		return v.Tf("meta.taxonomy", "taxonomy", v.TaxonomyTitle(p.Taxonomy), "site", name)
	case site.KindTerm:
		return v.Tf("meta.term", "taxonomy", v.TaxonomyTitle(p.Taxonomy), "term", v.Title(p), "site", name)
	case site.KindNotFound:
		return v.T("notfound.title")
	case site.KindSection:
		return v.Tf("meta.section", "section", v.Title(p), "site", name)
	}
	if h := v.Site.Langs[p.Lang].Home; h != nil && h != p && h.Summary != "" {
		return strings.Join(strings.Fields(h.Summary), " ")
	}
	return name
}

// Hreflang is one language alternate of a page, with its absolute address.
type Hreflang struct{ Lang, URL string }

// Hreflangs returns the page's language alternates for <link rel="alternate"
// hreflang>: absolute addresses, x-default last. A build for opening from
// disk has none.
func (v *View) Hreflangs() []Hreflang {
	if v.Site.Offline {
		return nil
	}
	var out []Hreflang
	for _, a := range v.Page.Alternates() {
		out = append(out, Hreflang{Lang: a.Hreflang, URL: a.Page.Permalink()})
	}
	return out
}

// Webcal returns the webcal:// address of a calendar file (a path from the
// site root), which calendar programs open as a subscription; "" in a
// build for opening from disk. It is marked safe: html/template would
// refuse the webcal scheme in a link.
func (v *View) Webcal(file string) template.URL {
	if v.Site.Offline {
		return ""
	}
	abs := v.Site.Absolute(file)
	_, rest, ok := strings.Cut(abs, "://")
	if !ok {
		return ""
	}
	return template.URL("webcal://" + rest)
}

// calendarText is what online calendars show as the event's details.
func (v *View) calendarText(p *site.Page) string {
	lines := []string{strings.Join(strings.Fields(p.Summary), " ")}
	if p.Meta.Join != "" {
		lines = append(lines, p.Meta.Join)
	}
	lines = append(lines, p.Canonical())
	return strings.TrimSpace(strings.Join(lines, "\n\n"))
}

// GoogleCalendar returns an address that opens Google Calendar with the
// webinar filled in. Nothing is asked of Google until the reader follows it.
func (v *View) GoogleCalendar(p *site.Page) string {
	const layout = "20060102T150405Z"
	q := url.Values{}
	q.Set("action", "TEMPLATE")
	q.Set("text", p.Title)
	q.Set("dates", p.Meta.Start.UTC().Format(layout)+"/"+p.End().UTC().Format(layout))
	q.Set("details", v.calendarText(p))
	q.Set("location", firstNonEmpty(p.Meta.Join, p.Canonical()))
	return "https://calendar.google.com/calendar/render?" + q.Encode()
}

// OutlookCalendar returns an address that opens Outlook on the web with the
// webinar filled in. Nothing is asked of Microsoft until the reader follows it.
func (v *View) OutlookCalendar(p *site.Page) string {
	const layout = "2006-01-02T15:04:05Z"
	q := url.Values{}
	q.Set("path", "/calendar/action/compose")
	q.Set("rru", "addevent")
	q.Set("subject", p.Title)
	q.Set("startdt", p.Meta.Start.UTC().Format(layout))
	q.Set("enddt", p.End().UTC().Format(layout))
	q.Set("body", v.calendarText(p))
	q.Set("location", firstNonEmpty(p.Meta.Join, p.Canonical()))
	return "https://outlook.live.com/calendar/0/deeplink/compose?" + q.Encode()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
