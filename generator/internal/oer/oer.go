// Package oer writes the metadata that makes open educational resources
// findable and reusable: JSON-LD (schema.org LearningResource that is valid
// AMB at the same time, schema.org Event for webinars), Dublin Core meta tags,
// sitemap.xml with hreflang alternates, robots.txt, Atom feeds, iCalendar
// files, an OAI-PMH static repository and catalogue exports. Every value
// comes from front matter or config.toml. It reads the site model and writes
// through the function it is given; it renders no pages.
package oer

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/site"
)

// Labeller translates a UI string key into a language ("digcomp.2.2" -> "2.2 Sharing...").
type Labeller func(lang, key string) string

// Builder makes the metadata of one site.
type Builder struct {
	s     *site.Site
	label Labeller
}

// New returns a Builder for a site.
func New(s *site.Site, label Labeller) *Builder { return &Builder{s: s, label: label} }

// Put writes one output file.
type Put func(path string, data []byte) error

// MaxOAIRecords is the most records one OAI-PMH static repository may hold.
const MaxOAIRecords = 5000

// WriteFiles writes every site-wide metadata file. It returns warnings (for
// example an OAI-PMH repository that would be too large to write).
//
// A build for opening from disk (offline) gets only the calendars: the other
// files serve harvesters and feed readers of the hosted site.
func (b *Builder) WriteFiles(put Put) (diag.List, error) {
	var warns diag.List
	if b.s.Offline {
		return warns, b.writeCalendars(put)
	}
	steps := []func(Put) error{b.writeSitemap, b.writeRobots, b.writeFeeds, b.writeCalendars, b.writeCatalog}
	for _, step := range steps {
		if err := step(put); err != nil {
			return warns, err
		}
	}
	n := len(b.items())
	if n > MaxOAIRecords {
		warns.Add(diag.Warnf("", 0, "harvesters can use sitemap.xml and catalog.json instead, or split the site",
			"oai-pmh.xml not written: %d records exceed the %d an OAI-PMH static repository may hold", n, MaxOAIRecords))
		return warns, nil
	}
	return warns, b.writeOAI(put)
}

// items are the open educational resources of the site: modules, lessons'
// modules and resources in every language, translations included, fallbacks not.
func (b *Builder) items() []*site.Page {
	var out []*site.Page
	for _, p := range b.s.Pages {
		if (p.Kind == site.KindModule || p.Kind == site.KindResource) && p.FallbackOf == nil && p.Source != nil {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// published returns a page's publication and modification dates, falling back to each other.
func published(p *site.Page) (time.Time, time.Time) {
	d, m := p.Meta.Date, p.Meta.Lastmod
	if d.IsZero() {
		d = m
	}
	if m.IsZero() {
		m = d
	}
	return d, m
}

// host is the site's host name, for stable identifiers.
func (b *Builder) host() string {
	u, err := url.Parse(b.s.Config.BaseURL)
	if err != nil || u.Host == "" {
		return "localhost"
	}
	return u.Host
}

// authors returns the page's authors, else the configured defaults, else the publisher.
func (b *Builder) authors(p *site.Page) []string {
	if len(p.Meta.Authors) > 0 {
		return p.Meta.Authors
	}
	if p.Module != nil && len(p.Module.Meta.Authors) > 0 {
		return p.Module.Meta.Authors
	}
	if a := b.s.Config.OER.DefaultAuthors; len(a) > 0 {
		return a
	}
	if pub := b.s.Config.OER.Publisher; pub != "" {
		return []string{pub}
	}
	return nil
}

// licence returns the page's licence (a lesson's is its module's).
func (b *Builder) licence(p *site.Page) site.Licence {
	id := p.Meta.Licence
	if id == "" && p.Module != nil {
		id = p.Module.Meta.Licence
	}
	if id == "" {
		id = b.s.Config.OER.DefaultLicence
	}
	return site.LicenceInfo(id)
}

// isoDuration writes a duration as ISO 8601 (PT1H30M).
func isoDuration(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	s := "PT"
	if h > 0 {
		s += fmt.Sprintf("%dH", h)
	}
	if m > 0 {
		s += fmt.Sprintf("%dM", m)
	}
	return s
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func keywords(p *site.Page) []string {
	out := append([]string{}, p.Meta.Keywords...)
	return append(out, p.Meta.Tags...)
}

func trimmed(s string) string { return strings.Join(strings.Fields(s), " ") }
