package oer

import (
	"sort"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/site"
)

// FeedSize is how many entries an Atom feed holds.
const FeedSize = 50

// writeFeeds writes <lang>/feed.xml: new and updated modules, resources and webinars.
func (b *Builder) writeFeeds(put Put) error {
	for _, l := range b.s.Languages {
		var entries []*site.Page
		for _, p := range b.s.Pages {
			if p.Lang == l.Code && p.FallbackOf == nil && p.Source != nil &&
				(p.Kind == site.KindModule || p.Kind == site.KindResource || p.Kind == site.KindWebinar) {
				entries = append(entries, p)
			}
		}
		sort.SliceStable(entries, func(i, j int) bool {
			_, a := published(entries[i])
			_, c := published(entries[j])
			if !a.Equal(c) {
				return a.After(c)
			}
			return entries[i].URL < entries[j].URL
		})
		if len(entries) > FeedSize {
			entries = entries[:FeedSize]
		}
		var updated time.Time
		for _, e := range entries {
			if _, m := published(e); m.After(updated) {
				updated = m
			}
		}
		if updated.IsZero() {
			updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		feedURL := b.s.Absolute(site.FeedPath(l.Code))
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
		sb.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + l.Code + `">` + "\n")
		sb.WriteString("  <title>" + xmlText(l.Title) + "</title>\n")
		sb.WriteString("  <id>" + xmlText(feedURL) + "</id>\n")
		sb.WriteString(`  <link rel="self" type="application/atom+xml" href="` + xmlText(feedURL) + `"/>` + "\n")
		sb.WriteString(`  <link rel="alternate" type="text/html" href="` + xmlText(b.s.Absolute(l.Code+"/")) + `"/>` + "\n")
		sb.WriteString("  <updated>" + updated.UTC().Format(time.RFC3339) + "</updated>\n")
		sb.WriteString("  <author><name>" + xmlText(firstNonEmpty(b.s.Config.OER.Publisher, b.s.Config.Title)) + "</name></author>\n")
		sb.WriteString("  <generator>oersite</generator>\n")
		for _, e := range entries {
			created, mod := published(e)
			if created.IsZero() {
				created, mod = updated, updated
			}
			sb.WriteString("  <entry>\n")
			sb.WriteString("    <title>" + xmlText(e.Title) + "</title>\n")
			sb.WriteString("    <id>" + xmlText(e.Permalink()) + "</id>\n")
			sb.WriteString(`    <link rel="alternate" type="text/html" href="` + xmlText(e.Permalink()) + `"/>` + "\n")
			sb.WriteString("    <published>" + created.UTC().Format(time.RFC3339) + "</published>\n")
			sb.WriteString("    <updated>" + mod.UTC().Format(time.RFC3339) + "</updated>\n")
			sb.WriteString(`    <category term="` + string(e.Kind) + `"/>` + "\n")
			if s := trimmed(e.Summary); s != "" {
				sb.WriteString("    <summary>" + xmlText(s) + "</summary>\n")
			}
			if e.Kind != site.KindWebinar {
				sb.WriteString(`    <rights>` + xmlText(b.licence(e).Name) + "</rights>\n")
			}
			sb.WriteString("  </entry>\n")
		}
		sb.WriteString("</feed>\n")
		if err := put(site.FeedPath(l.Code), []byte(sb.String())); err != nil {
			return err
		}
	}
	return nil
}
