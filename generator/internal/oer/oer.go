// Package oer writes the metadata that makes open educational resources
// findable and reusable: JSON-LD (schema.org LearningResource and Course
// that are valid AMB at the same time, schema.org Event for webinars,
// WebSite and ItemList), Dublin Core meta tags, sitemap.xml with hreflang
// alternates, robots.txt, Atom feeds, iCalendar files, an OAI-PMH static
// repository and catalogue exports. Every value comes from the site model's
// effective metadata; the files harvesters read are executed from the
// theme's templates (sitemap.xml, robots.txt, feed.xml, oai-pmh.xml), which
// a site may override. It renders no pages.
package oer

import (
	"bytes"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/site"
)

// Labeller translates a UI string key into a language ("digcomp.2.2" -> "2.2 Sharing...").
type Labeller func(lang, key string) string

// Outputs executes the templates of the machine-readable files by name
// ("sitemap.xml", "robots.txt", "feed.xml", "oai-pmh.xml").
type Outputs interface {
	ExecuteOutput(w *bytes.Buffer, name string, data any) error
}

// Options complete what a Builder needs besides the site.
type Options struct {
	// Outputs executes the templates of the site-wide files; without it
	// WriteFiles writes only the calendars and catalogues.
	Outputs Outputs
	// File returns the SHA-256 (hex) and size of a published file by its
	// path from the site root (ok false when unknown): for `encoding` in
	// JSON-LD.
	File func(path string) (sha256 string, size int64, ok bool)
	// Workers is how many files WriteFiles writes at once (0 means one):
	// more is faster when nothing else is built meanwhile, and holds more
	// memory (a large site's catalogue and sitemap are tens of megabytes).
	Workers int
	// MaxSitemapURLs and MaxSitemapBytes bound one sitemap file; a site
	// beyond either gets a sitemap index. Zero means the sitemaps.org
	// limits (50,000 addresses, 50 MB).
	MaxSitemapURLs, MaxSitemapBytes int
}

// Builder makes the metadata of one site.
type Builder struct {
	s     *site.Site
	label Labeller
	opt   Options
}

// New returns a Builder for a site.
func New(s *site.Site, label Labeller, opt Options) *Builder {
	return &Builder{s: s, label: label, opt: opt}
}

// Out is where WriteFiles writes. WriteFiles may call either function
// from several goroutines at once (Options.Workers).
type Out struct {
	// Put writes one file whole.
	Put func(path string, data []byte) error
	// Stream, when set, writes one file from what write writes, as it is
	// made: the catalogue of a large site (tens of megabytes) is then never
	// held whole. Without it, such files are made in memory and given to Put.
	Stream func(path string, write func(io.Writer) error) error
}

// stream writes the file at path from what write writes, through Stream
// when there is one.
func (o Out) stream(path string, write func(io.Writer) error) error {
	if o.Stream != nil {
		return o.Stream(path, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return o.Put(path, buf.Bytes())
}

// MaxOAIRecords is the most records one OAI-PMH static repository may hold.
const MaxOAIRecords = 5000

// WriteFiles writes every site-wide metadata file. It returns warnings (for
// example an OAI-PMH repository that would be too large to write).
//
// A build for opening from disk (offline) gets only the calendars: the other
// files serve harvesters and feed readers of the hosted site.
func (b *Builder) WriteFiles(out Out) (diag.List, error) {
	var warns diag.List
	if b.s.Offline {
		return warns, b.writeCalendars(out)
	}
	steps := []func(Out) error{b.writeCalendars, b.writeCatalog, b.writeOpportunities}
	if b.opt.Outputs != nil {
		steps = append(steps, b.writeSitemap, b.writeRobots, b.writeFeeds)
		if n := len(b.items()); n > MaxOAIRecords {
			warns.Add(diag.Warnf("", 0, "harvesters can use sitemap.xml and catalog.json instead, or split the site",
				"oai-pmh.xml not written: %d records exceed the %d an OAI-PMH static repository may hold", n, MaxOAIRecords))
		} else {
			steps = append(steps, b.writeOAI)
		}
	}
	return warns, each(steps, out, max(1, b.opt.Workers))
}

// each runs every step with out, on as many goroutines as workers (each
// step writes files of its own; the Builder only reads the site), and
// returns the error of the first step, in order, that failed.
func each(steps []func(Out) error, out Out, workers int) error {
	errs := make([]error, len(steps))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(steps)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(steps); i = int(next.Add(1)) - 1 {
				errs[i] = steps[i](out)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// execute runs an output template into a new buffer.
func (b *Builder) execute(name string, data any, sizeHint int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	if err := b.opt.Outputs.ExecuteOutput(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// items are the open educational resources of the site: modules and
// resources in every language, translations included, fallbacks not.
func (b *Builder) items() []*site.Page {
	var out []*site.Page
	for _, p := range b.s.Pages {
		if (p.Kind == site.KindModule || p.Kind == site.KindResource) && p.FallbackOf == nil && p.Source != nil {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, c *site.Page) int { return strings.Compare(a.URL, c.URL) })
	return out
}

// host is the site's host name, for stable identifiers.
func (b *Builder) host() string {
	u, err := url.Parse(b.s.Config.BaseURL)
	if err != nil || u.Host == "" {
		return "localhost"
	}
	return u.Host
}

// absolute turns a path from the site root or a web address into a web address.
func (b *Builder) absolute(p string) string {
	if p == "" || strings.Contains(p, "://") {
		return p
	}
	return b.s.Absolute(p)
}

// logo is the publisher's logo as a web address, or "".
func (b *Builder) logo() string {
	cfg := b.s.Config
	return b.absolute(firstNonEmpty(cfg.OER.PublisherLogo, cfg.Logo))
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func trimmed(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
