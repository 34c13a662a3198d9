package oer

import (
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/site"
)

// FeedSize is how many entries an Atom feed holds.
const FeedSize = 50

// FeedData is what the feed.xml template receives: one Atom feed, a
// language's or one of its sections'.
type FeedData struct {
	Site      *site.Site
	Lang      string
	Title     string
	ID        string // the feed's own absolute address
	Alternate string // the page the feed follows: the language's home page or the section
	Updated   string // RFC 3339
	Author    string
	Entries   []FeedEntry
}

// FeedEntry is one new or updated page of the feed.
type FeedEntry struct {
	Page       *site.Page
	Title      string
	ID         string // the page's absolute address
	Published  string // RFC 3339
	Updated    string // RFC 3339
	Kind       string
	Categories []string // more categories: an opportunity's kind and country
	Summary    string
	Rights     string // the licence's name; empty for webinars
}

// writeFeeds writes <lang>/feed.xml (new and updated modules, resources
// and webinars) and a feed for each language's opportunities and news,
// <lang>/<section>/feed.xml, when it has entries.
func (b *Builder) writeFeeds(out Out) error {
	for _, l := range b.s.Languages {
		pages := b.feedEntries(l.Code, site.KindModule, site.KindResource, site.KindWebinar)
		if err := b.putFeed(out, site.FeedPath(l.Code), b.feed(l.Code, l.Title, site.FeedPath(l.Code), l.Code+"/", pages)); err != nil {
			return err
		}
		for _, k := range []site.Kind{site.KindOpportunity, site.KindNews} {
			pages := b.feedEntries(l.Code, k)
			if len(pages) == 0 || pages[0].Parent == nil {
				continue
			}
			sec := pages[0].Parent
			path := site.SectionFeedPath(sec)
			if err := b.putFeed(out, path, b.feed(l.Code, l.Title+": "+sec.Title, path, sec.URL, pages)); err != nil {
				return err
			}
		}
	}
	return nil
}

// putFeed executes the feed template for f and writes it at path.
func (b *Builder) putFeed(out Out, path string, f FeedData) error {
	data, err := b.execute("feed.xml", f, 16<<10)
	if err != nil {
		return err
	}
	return out.Put(path, data)
}

// feedEntries are a language's own pages of some kinds, newest first, at
// most FeedSize.
func (b *Builder) feedEntries(lang string, kinds ...site.Kind) []*site.Page {
	var pages []*site.Page
	for _, p := range b.s.Pages {
		if p.Lang == lang && p.FallbackOf == nil && p.Source != nil && slices.Contains(kinds, p.Kind) {
			pages = append(pages, p)
		}
	}
	slices.SortStableFunc(pages, func(a, c *site.Page) int {
		if ma, mc := a.Modified(), c.Modified(); !ma.Equal(mc) {
			return mc.Compare(ma)
		}
		return strings.Compare(a.URL, c.URL)
	})
	return pages[:min(len(pages), FeedSize)]
}

// feed returns the Atom feed of pages, written at path, that follows the
// page at alternate.
func (b *Builder) feed(lang, title, path, alternate string, pages []*site.Page) FeedData {
	var updated time.Time
	for _, p := range pages {
		if m := p.Modified(); m.After(updated) {
			updated = m
		}
	}
	if updated.IsZero() {
		updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f := FeedData{
		Site: b.s, Lang: lang, Title: title, ID: b.s.Absolute(path), Alternate: b.s.Absolute(alternate),
		Updated: rfc3339(updated), Author: firstNonEmpty(b.s.Config.OER.Publisher, b.s.Config.Title),
	}
	for _, p := range pages {
		f.Entries = append(f.Entries, feedEntry(p, updated))
	}
	return f
}

// feedEntry is page p in a feed last updated at updated (the date of an
// entry without dates).
func feedEntry(p *site.Page, updated time.Time) FeedEntry {
	created, mod := p.Published(), p.Modified()
	if created.IsZero() {
		created, mod = updated, updated
	}
	e := FeedEntry{Page: p, Title: p.Title, ID: p.Permalink(), Published: rfc3339(created), Updated: rfc3339(mod), Kind: string(p.Kind), Summary: trimmed(p.Summary)}
	if p.Kind == site.KindOpportunity {
		for _, c := range []string{p.Meta.Offer, p.Meta.Country} {
			if c != "" {
				e.Categories = append(e.Categories, c)
			}
		}
	}
	if p.Kind != site.KindWebinar {
		e.Rights = p.Licence().Name
	}
	return e
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
