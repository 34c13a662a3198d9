package oer

import (
	"net/url"
	"strconv"
	"time"

	"github.com/oersite/oersite/generator/internal/site"
)

// Sitemap limits from sitemaps.org: one file holds at most this many
// addresses and bytes; a larger site gets a sitemap index.
const (
	SitemapMaxURLs  = 50000
	SitemapMaxBytes = 50 << 20
)

// SitemapData is what the sitemap.xml template receives.
type SitemapData struct {
	Site *site.Site
	URLs []SitemapURL
}

// SitemapURL is one address of a sitemap, with its language alternates.
type SitemapURL struct {
	Loc     string
	Lastmod string // YYYY-MM-DD
	// Alternates are the page's language versions, x-default last.
	Alternates []Alternate
}

// Alternate is a language version of a page for hreflang.
type Alternate struct {
	Hreflang string
	Href     string
}

// SitemapIndexData is what the sitemapindex.xml template receives when the
// site needs more than one sitemap file.
type SitemapIndexData struct {
	Site     *site.Site
	Sitemaps []SitemapRef
}

// SitemapRef is one sitemap file of an index.
type SitemapRef struct {
	Loc     string
	Lastmod string
}

// RobotsData is what the robots.txt template receives.
type RobotsData struct {
	Site *site.Site
	// Sitemap is the absolute address of sitemap.xml.
	Sitemap string
	// Disallow lists the address paths crawlers should not fetch: each
	// search page's results, "/en/search/?".
	Disallow []string
}

// Alternates returns a page's hreflang alternates with absolute addresses.
func Alternates(p *site.Page) []Alternate {
	alts := p.Alternates()
	if len(alts) == 0 {
		return nil
	}
	out := make([]Alternate, len(alts))
	for i, a := range alts {
		out[i] = Alternate{Hreflang: a.Hreflang, Href: a.Page.Permalink()}
	}
	return out
}

// sitemapURLs lists every page the sitemap names, each with a lastmod: the
// page's own date, else the newest of the pages it lists, else the newest
// date of the site.
func (b *Builder) sitemapURLs() []SitemapURL {
	newest := time.Time{}
	for _, p := range b.s.Pages {
		if m := p.Modified(); m.After(newest) {
			newest = m
		}
	}
	var urls []SitemapURL
	for _, p := range b.s.Pages {
		if !p.InSitemap() {
			continue
		}
		urls = append(urls, SitemapURL{Loc: p.Permalink(), Lastmod: day(b.lastmod(p, newest)), Alternates: Alternates(p)})
	}
	return urls
}

// lastmod is when a page last changed, as the sitemap states it: its
// own date, else the newest of the pages it lists, else newest.
func (b *Builder) lastmod(p *site.Page, newest time.Time) time.Time {
	if m := p.Modified(); !m.IsZero() {
		return m
	}
	var t time.Time
	for _, q := range b.listed(p) {
		if m := q.Modified(); m.After(t) {
			t = m
		}
	}
	if t.IsZero() {
		return newest
	}
	return t
}

// listed returns the content pages a page lists, on all its pages.
func (b *Builder) listed(p *site.Page) []*site.Page {
	switch {
	case p.Kind == site.KindHome:
		var out []*site.Page
		for _, q := range b.s.Pages {
			if q.Lang == p.Lang && q.Source != nil {
				out = append(out, q)
			}
		}
		return out
	case p.Kind == site.KindTaxonomy:
		var out []*site.Page
		for _, t := range p.Pages {
			if t.Term != nil {
				out = append(out, t.Term.Pages...)
			}
		}
		return out
	case p.Pager != nil:
		var out []*site.Page
		for _, g := range p.Pager.Pages {
			out = append(out, g.Pages...)
		}
		return out
	}
	return p.Pages
}

// writeSitemap writes sitemap.xml; past the sitemaps.org limits it writes
// sitemap-1.xml, sitemap-2.xml... and makes sitemap.xml their index.
func (b *Builder) writeSitemap(out Out) error {
	urls := b.sitemapURLs()
	maxURLs, maxBytes := b.opt.MaxSitemapURLs, b.opt.MaxSitemapBytes
	if maxURLs <= 0 {
		maxURLs = SitemapMaxURLs
	}
	if maxBytes <= 0 {
		maxBytes = SitemapMaxBytes
	}
	files, err := b.sitemapFiles(urls, maxURLs, maxBytes)
	if err != nil {
		return err
	}
	if len(files) == 1 {
		return out.Put("sitemap.xml", files[0].data)
	}
	idx := SitemapIndexData{Site: b.s}
	for i, f := range files {
		name := "sitemap-" + strconv.Itoa(i+1) + ".xml"
		if err := out.Put(name, f.data); err != nil {
			return err
		}
		idx.Sitemaps = append(idx.Sitemaps, SitemapRef{Loc: b.s.Absolute(name), Lastmod: f.lastmod})
	}
	data, err := b.execute("sitemapindex.xml", idx, 128*len(files)+256)
	if err != nil {
		return err
	}
	return out.Put("sitemap.xml", data)
}

type sitemapFile struct {
	data    []byte
	lastmod string
}

// sitemapFiles renders urls into as few files as the limits allow: at most
// maxURLs addresses each, and a file over maxBytes is split in two.
func (b *Builder) sitemapFiles(urls []SitemapURL, maxURLs, maxBytes int) ([]sitemapFile, error) {
	chunks := [][]SitemapURL{urls}
	if len(urls) > maxURLs {
		chunks = nil
		for start := 0; start < len(urls); start += maxURLs {
			chunks = append(chunks, urls[start:min(start+maxURLs, len(urls))])
		}
	}
	var files []sitemapFile
	for _, c := range chunks {
		f, err := b.sitemapFile(c, maxBytes)
		if err != nil {
			return nil, err
		}
		files = append(files, f...)
	}
	return files, nil
}

// sitemapFile renders one chunk of addresses, halving it while it is too large.
func (b *Builder) sitemapFile(urls []SitemapURL, maxBytes int) ([]sitemapFile, error) {
	data, err := b.execute("sitemap.xml", SitemapData{Site: b.s, URLs: urls}, 256+len(urls)*(160+200*averageAlternates(urls)))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBytes && len(urls) > 1 {
		half := len(urls) / 2
		a, err := b.sitemapFile(urls[:half], maxBytes)
		if err != nil {
			return nil, err
		}
		c, err := b.sitemapFile(urls[half:], maxBytes)
		return append(a, c...), err
	}
	last := ""
	for _, u := range urls {
		last = max(last, u.Lastmod)
	}
	return []sitemapFile{{data: data, lastmod: last}}, nil
}

func averageAlternates(urls []SitemapURL) int {
	if len(urls) == 0 {
		return 0
	}
	n := 0
	for _, u := range urls {
		n += len(u.Alternates)
	}
	return n / len(urls)
}

// writeRobots writes robots.txt naming the sitemap.
func (b *Builder) writeRobots(out Out) error {
	data, err := b.execute("robots.txt", RobotsData{Site: b.s, Sitemap: b.s.Absolute("sitemap.xml"), Disallow: b.searchResults()}, 256)
	if err != nil {
		return err
	}
	return out.Put("robots.txt", data)
}

// searchResults returns the address paths of the search pages' results
// (the page's path followed by "?"), which robots.txt keeps crawlers from:
// every query would be a page of its own, and none says more than the
// pages it lists.
func (b *Builder) searchResults() []string {
	var out []string
	for _, l := range b.s.Languages {
		p := b.s.Langs[l.Code].Search
		if p == nil {
			continue
		}
		if u, err := url.Parse(p.Permalink()); err == nil {
			out = append(out, u.EscapedPath()+"?")
		}
	}
	return out
}
