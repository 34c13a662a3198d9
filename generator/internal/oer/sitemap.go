package oer

import (
	"bytes"
	"encoding/xml"

	"github.com/oersite/oersite/generator/internal/site"
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

// writeSitemap writes sitemap.xml with an hreflang alternate for every translation.
func (b *Builder) writeSitemap(put Put) error {
	n := 256
	for _, p := range b.s.Pages {
		n += 128 + 160*len(p.Translations)
	}
	var sb bytes.Buffer
	sb.Grow(n)
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	sb.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	escape := func(s string) { _ = xml.EscapeText(&sb, []byte(s)) }
	def := b.s.DefaultLanguage()
	var group []*site.Page
	for _, p := range b.s.Pages {
		if !indexable(p) || p.Pager != nil && p.Pager.Number > 1 {
			continue
		}
		sb.WriteString("  <url>\n    <loc>")
		escape(p.Permalink())
		sb.WriteString("</loc>\n")
		if _, mod := published(p); !mod.IsZero() {
			sb.WriteString("    <lastmod>" + day(mod) + "</lastmod>\n")
		}
		if len(p.Translations) > 0 {
			group = append(append(group[:0], p), p.Translations...)
			for _, t := range b.ordered(group) {
				link := t.Permalink()
				sb.WriteString(`    <xhtml:link rel="alternate" hreflang="` + t.Lang + `" href="`)
				escape(link)
				sb.WriteString(`"/>` + "\n")
				if t.Lang == def {
					sb.WriteString(`    <xhtml:link rel="alternate" hreflang="x-default" href="`)
					escape(link)
					sb.WriteString(`"/>` + "\n")
				}
			}
		}
		sb.WriteString("  </url>\n")
	}
	sb.WriteString("</urlset>\n")
	return put("sitemap.xml", sb.Bytes())
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
