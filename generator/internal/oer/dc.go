package oer

import (
	"html"
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// dublinCore returns Dublin Core <meta> elements for content pages.
func (b *Builder) dublinCore(p *site.Page) string {
	if p.Source == nil || p.Kind == site.KindHome || p.Kind == site.KindSection {
		return ""
	}
	var sb strings.Builder
	add := func(name, value string) {
		if value = trimmed(value); value != "" {
			sb.WriteString(`<meta name="DC.` + name + `" content="` + html.EscapeString(value) + `">` + "\n")
		}
	}
	sb.WriteString(`<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">` + "\n")
	add("title", p.Title)
	for _, a := range b.authors(p) {
		add("creator", a)
	}
	for _, k := range keywords(p) {
		add("subject", k)
	}
	add("description", p.Summary)
	add("publisher", b.s.Config.OER.Publisher)
	created, _ := published(p)
	add("date", day(created))
	switch p.Kind {
	case site.KindWebinar:
		add("type", "Event")
	case site.KindModule, site.KindLesson, site.KindResource:
		add("type", "InteractiveResource")
	default:
		add("type", "Text")
	}
	add("format", "text/html")
	add("identifier", p.Permalink())
	add("language", p.ContentLang())
	if p.Kind == site.KindModule || p.Kind == site.KindLesson || p.Kind == site.KindResource {
		if l := b.licence(p); l.URL != "" {
			add("rights", l.URL)
		}
	}
	if src := p.Meta.Source; src != nil {
		add("source", firstNonEmpty(src.URL, src.Title))
	}
	if p.Module != nil {
		add("relation", p.Module.Permalink())
	}
	return sb.String()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
