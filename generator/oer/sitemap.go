package oer

import (
	"bytes"
	"encoding/xml"

	"github.com/oersite/oersite/generator/site"
)

// indexable reports whether a page belongs in the sitemap and feeds: real
// content, not fallbacks, aliases, generated lists or error pages.
func indexable(p *site.Page) bool {
	if p.FallbackOf != nil || p.Kind == site.KindAlias || p.Kind == site.KindNotFound || p.Kind == site.KindSearch || p.Kind == site.KindLanguages {
		return false
	}
	return p.Source != nil || p.Kind == site.KindHome || p.Kind == site.KindSection
}

func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// appendXMLText appends s escaped as xml.EscapeText escapes it.
func appendXMLText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if s[i] < 0x20 || s[i] >= 0x80 {
				// control characters and non-ASCII: the standard library's rules
				b = append(b, s[start:i]...)
				return append(b, xmlText(s[i:])...)
			}
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// writeSitemap writes sitemap.xml with an hreflang alternate for every translation.
func (b *Builder) writeSitemap(put Put) error {
	n := 256
	for _, p := range b.s.Pages {
		n += 128 + 160*len(p.Translations)
	}
	sb := make([]byte, 0, n)
	sb = append(sb, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	sb = append(sb, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`+"\n"...)
	def := b.s.DefaultLanguage()
	var group []*site.Page
	for _, p := range b.s.Pages {
		if !indexable(p) || p.Pager != nil && p.Pager.Number > 1 {
			continue
		}
		sb = append(sb, "  <url>\n    <loc>"...)
		sb = appendXMLText(sb, p.Permalink())
		sb = append(sb, "</loc>\n"...)
		if _, mod := published(p); !mod.IsZero() {
			sb = append(sb, "    <lastmod>"...)
			sb = append(sb, day(mod)...)
			sb = append(sb, "</lastmod>\n"...)
		}
		if len(p.Translations) > 0 {
			group = append(append(group[:0], p), p.Translations...)
			for _, t := range b.ordered(group) {
				link := t.Permalink()
				sb = append(sb, `    <xhtml:link rel="alternate" hreflang="`...)
				sb = append(sb, t.Lang...)
				sb = append(sb, `" href="`...)
				sb = appendXMLText(sb, link)
				sb = append(sb, `"/>`+"\n"...)
				if t.Lang == def {
					sb = append(sb, `    <xhtml:link rel="alternate" hreflang="x-default" href="`...)
					sb = appendXMLText(sb, link)
					sb = append(sb, `"/>`+"\n"...)
				}
			}
		}
		sb = append(sb, "  </url>\n"...)
	}
	sb = append(sb, "</urlset>\n"...)
	return put("sitemap.xml", sb)
}

// ordered sorts pages by the site's language order.
func (b *Builder) ordered(ps []*site.Page) []*site.Page {
	var out []*site.Page
	for _, l := range b.s.Languages {
		for _, p := range ps {
			if p.Lang == l.Code {
				out = append(out, p)
			}
		}
	}
	return out
}

// writeRobots writes robots.txt naming the sitemap.
func (b *Builder) writeRobots(put Put) error {
	return put("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+b.s.Absolute("sitemap.xml")+"\n"))
}
