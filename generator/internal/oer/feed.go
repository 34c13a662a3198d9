package oer

import (
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/site"
)

// FeedSize is how many entries an Atom feed holds.
const FeedSize = 50

// FeedData is what the feed.xml template receives: one language's Atom feed.
type FeedData struct {
	Site      *site.Site
	Lang      string
	Title     string
	ID        string // the feed's own absolute address
	Alternate string // the language's home page
	Updated   string // RFC 3339
	Author    string
	Entries   []FeedEntry
}

// FeedEntry is one new or updated module, resource or webinar.
type FeedEntry struct {
	Page      *site.Page
	Title     string
	ID        string // the page's absolute address
	Published string // RFC 3339
	Updated   string // RFC 3339
	Kind      string
	Summary   string
	Rights    string // the licence's name; empty for webinars
}

// writeFeeds writes <lang>/feed.xml: new and updated modules, resources and webinars.
func (b *Builder) writeFeeds(put Put) error {
	for _, l := range b.s.Languages {
		data, err := b.execute("feed.xml", b.feed(l), 16<<10)
		if err != nil {
			return err
		}
		if err := put(site.FeedPath(l.Code), data); err != nil {
			return err
		}
	}
	return nil
}

// feed collects one language's feed, newest first.
func (b *Builder) feed(l site.Language) FeedData {
	var pages []*site.Page
	for _, p := range b.s.Pages {
		if p.Lang == l.Code && p.FallbackOf == nil && p.Source != nil &&
			(p.Kind == site.KindModule || p.Kind == site.KindResource || p.Kind == site.KindWebinar) {
			pages = append(pages, p)
		}
	}
	slices.SortStableFunc(pages, func(a, c *site.Page) int {
		if ma, mc := a.Modified(), c.Modified(); !ma.Equal(mc) {
			return mc.Compare(ma)
		}
		return strings.Compare(a.URL, c.URL)
	})
	pages = pages[:min(len(pages), FeedSize)]
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
		Site: b.s, Lang: l.Code, Title: l.Title, ID: b.s.Absolute(site.FeedPath(l.Code)), Alternate: b.s.Absolute(l.Code + "/"),
		Updated: rfc3339(updated), Author: firstNonEmpty(b.s.Config.OER.Publisher, b.s.Config.Title),
	}
	for _, p := range pages {
		created, mod := p.Published(), p.Modified()
		if created.IsZero() {
			created, mod = updated, updated
		}
		e := FeedEntry{Page: p, Title: p.Title, ID: p.Permalink(), Published: rfc3339(created), Updated: rfc3339(mod), Kind: string(p.Kind), Summary: trimmed(p.Summary)}
		if p.Kind != site.KindWebinar {
			e.Rights = p.Licence().Name
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
