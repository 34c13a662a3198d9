package oer

import (
	"html"
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// dublinCore returns Dublin Core <meta> elements for content pages. A
// fallback page names the original as its identifier, as its canonical link does.
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
	for _, a := range p.AuthorNames() {
		add("creator", a)
	}
	for _, k := range p.Keywords() {
		add("subject", k)
	}
	add("description", p.Summary)
	add("publisher", b.s.Config.OER.Publisher)
	add("date", day(p.Published()))
	add("type", b.dcmiType(p))
	add("format", "text/html")
	add("identifier", p.Canonical())
	add("language", p.ContentLang())
	if p.Kind == site.KindModule || p.Kind == site.KindLesson || p.Kind == site.KindResource {
		add("rights", p.Licence().URL)
	}
	if src := p.Meta.Source; src != nil {
		add("source", firstNonEmpty(src.URL, src.Title))
	}
	if p.Module != nil {
		add("relation", p.Module.Canonical())
	}
	return sb.String()
}
