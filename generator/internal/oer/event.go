package oer

import (
	"github.com/oersite/oersite/generator/internal/site"
)

// eventTime is the layout of an Event's start and end: ISO 8601 with the offset the webinar states.
const eventTime = "2006-01-02T15:04:05-07:00"

// Event returns a webinar as a schema.org Event as search engines' event
// results read it: online, free, with its status, picture and, once it is
// over, its recording.
func (b *Builder) Event(p *site.Page) any {
	m := p.Meta
	o := obj{
		{"@context", "https://schema.org"},
		{"@type", "Event"},
		{"@id", p.Permalink()},
		{"url", p.Permalink()},
		{"name", p.Title},
		{"eventAttendanceMode", "https://schema.org/OnlineEventAttendanceMode"},
		{"eventStatus", schemaEventStatus(p.EventStatus())},
		{"isAccessibleForFree", true},
		{"location", obj{{"@type", "VirtualLocation"}, {"url", firstNonEmpty(m.Join, p.Permalink())}}},
		{"offers", b.freeOffer(p)},
	}
	if d := trimmed(p.Summary); d != "" {
		o = append(o, field{"description", d})
	}
	if !m.Start.IsZero() {
		o = append(o, field{"startDate", m.Start.Format(eventTime)}, field{"endDate", p.End().Format(eventTime)})
	}
	if img := b.absolute(firstNonEmpty(p.Image(), p.RecordingThumbnail())); img != "" {
		o = append(o, field{"image", []string{img}})
	} else if logo := b.logo(); logo != "" {
		o = append(o, field{"image", []string{logo}})
	}
	if m.Language != "" {
		o = append(o, field{"inLanguage", m.Language})
	}
	if m.Presenter != "" {
		o = append(o, field{"performer", obj{{"@type", "Person"}, {"name", m.Presenter}}})
	}
	if pub := b.s.Config.OER.Publisher; pub != "" {
		org := obj{{"@type", "Organization"}, {"name", pub}}
		if u := b.s.Config.OER.PublisherURL; u != "" {
			org = append(org, field{"url", u})
		}
		o = append(o, field{"organizer", org})
	}
	if rec := b.recording(p); rec != nil {
		o = append(o, field{"recordedIn", rec})
	}
	return o
}

// freeOffer states that taking part costs nothing.
func (b *Builder) freeOffer(p *site.Page) obj {
	o := obj{
		{"@type", "Offer"},
		{"price", "0"},
		{"priceCurrency", firstNonEmpty(b.s.Config.OER.Currency, "EUR")},
		{"availability", "https://schema.org/InStock"},
		{"url", p.Permalink()},
	}
	if d := day(p.Published()); d != "" {
		o = append(o, field{"validFrom", d})
	}
	return o
}

// recording returns a past webinar's recording as a VideoObject, or nil.
func (b *Builder) recording(p *site.Page) obj {
	rec := p.Meta.Recording
	if rec.URL == "" || p.IsUpcoming() {
		return nil
	}
	v := obj{{"@type", "VideoObject"}, {"name", p.Title}, {"url", rec.URL}}
	if d := trimmed(p.Summary); d != "" {
		v = append(v, field{"description", d})
	}
	if t := b.absolute(p.RecordingThumbnail()); t != "" {
		v = append(v, field{"thumbnailUrl", t})
	}
	if !rec.Uploaded.IsZero() {
		v = append(v, field{"uploadDate", day(rec.Uploaded)})
	}
	return v
}

// schemaEventStatus maps a webinar's status to schema.org's EventStatusType.
func schemaEventStatus(status string) string {
	switch status {
	case site.StatusCancelled:
		return "https://schema.org/EventCancelled"
	case site.StatusPostponed:
		return "https://schema.org/EventPostponed"
	case site.StatusRescheduled:
		return "https://schema.org/EventRescheduled"
	case site.StatusMovedOnline:
		return "https://schema.org/EventMovedOnline"
	}
	return "https://schema.org/EventScheduled"
}

// WebSite returns the site as a schema.org WebSite published by an
// Organization (with its logo), for a language's home page or for the
// root page that offers every language.
func (b *Builder) WebSite(p *site.Page) any {
	cfg := b.s.Config
	orgID := b.s.Absolute("#organization")
	org := obj{{"@type", "Organization"}, {"@id", orgID}, {"name", firstNonEmpty(cfg.OER.Publisher, cfg.Title)}}
	if cfg.OER.PublisherURL != "" {
		org = append(org, field{"url", cfg.OER.PublisherURL})
	}
	if logo := b.logo(); logo != "" {
		org = append(org, field{"logo", logo})
	}
	if cfg.Contact != "" {
		org = append(org, field{"email", cfg.Contact})
	}
	web := obj{{"@type", "WebSite"}, {"url", p.Permalink()}, {"publisher", obj{{"@id", orgID}}}}
	search := b.s.Langs[p.Lang].Search
	if p.Kind == site.KindLanguages {
		var langs []string
		for _, l := range b.s.Languages {
			langs = append(langs, l.Code)
		}
		web = append(web, field{"name", cfg.Title}, field{"inLanguage", langs})
	} else {
		web = append(web, field{"name", b.s.Langs[p.Lang].Language.Title}, field{"inLanguage", p.Lang})
	}
	if search != nil {
		web = append(web, field{"potentialAction", obj{{"@type", "SearchAction"}, {"target", search.Permalink() + "?q={query}"}, {"query-input", "required name=query"}}})
	}
	return obj{{"@context", "https://schema.org"}, {"@graph", []obj{org, web}}}
}

// CourseList returns the modules a list page shows as a schema.org
// ItemList, the summary page of search engines' course lists.
func (b *Builder) CourseList(p *site.Page) any {
	first := 1
	if g := p.Pager; g != nil {
		for _, q := range g.Pages[:g.Number-1] {
			first += len(q.Pages)
		}
	}
	var items []obj
	for i, m := range p.Pages {
		if m.Kind == site.KindModule {
			items = append(items, obj{{"@type", "ListItem"}, {"position", first + i}, {"url", m.Canonical()}})
		}
	}
	if items == nil {
		return nil
	}
	return obj{{"@context", "https://schema.org"}, {"@type", "ItemList"}, {"itemListElement", items}}
}

// LearningPath returns a learning path as a schema.org ItemList: its
// modules in the order to take them, each a ListItem naming the module's
// canonical address, as search engines read a course list.
func (b *Builder) LearningPath(p *site.Page) any {
	if len(p.Steps) == 0 {
		return nil
	}
	items := make([]obj, 0, len(p.Steps))
	for i, m := range p.Steps {
		items = append(items, obj{{"@type", "ListItem"}, {"position", i + 1}, {"url", m.Canonical()}, {"name", m.Title}})
	}
	o := obj{{"@context", "https://schema.org"}, {"@type", "ItemList"}, {"@id", p.Permalink()}, {"url", p.Canonical()},
		{"name", p.Title}, {"inLanguage", p.ContentLang()}}
	if desc := trimmed(p.Summary); desc != "" {
		o = append(o, field{"description", desc})
	}
	return append(o, field{"itemListOrder", "https://schema.org/ItemListOrderAscending"},
		field{"numberOfItems", len(items)}, field{"itemListElement", items})
}
