package site

import (
	"strconv"
	"sync"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/markdown"
)

// RenderCache keeps rendered Markdown between builds of a long-running
// process (the dev server): one entry per source file. An entry is used
// again only while the file's body, first body line, address and title
// rule are the same and every question the rendering asked of the site
// gets the same answer: each link resolved to the same address, each
// parameter and interface string the same. So a page added, removed,
// renamed, moved or given a new slug or a translation re-renders the pages
// that link to it. A nil *RenderCache caches nothing.
type RenderCache struct {
	mu sync.Mutex
	m  map[cacheKey]cacheEntry
}

type cacheKey struct {
	path    string
	offline bool
}

type cacheEntry struct {
	url              string
	body             [32]byte
	bodyLine         int
	titleFromHeading bool
	result           markdown.Result
	asked            lookups
}

// lookups are the questions a rendering asked of the site, with the answers.
type lookups struct {
	links    []resolution
	params   []answer
	labels   []answer
	pictures []answer // what is known of a picture (see pictureText)
}

// resolution is one answer of a page's link resolver.
type resolution struct {
	dest  string
	image bool
	href  string
	ok    bool
}

// answer is one answer of a parameter or label lookup.
type answer struct {
	key, value string
	ok         bool
}

// NewRenderCache returns an empty cache.
func NewRenderCache() *RenderCache { return &RenderCache{m: map[cacheKey]cacheEntry{}} }

// Reset empties the cache: how Markdown renders may have changed (config.toml).
func (c *RenderCache) Reset() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m = map[cacheKey]cacheEntry{}
	c.mu.Unlock()
}

// ForgetLabelled drops the documents whose HTML holds interface strings
// (callout names, "For tutors"): the strings files changed.
func (c *RenderCache) ForgetLabelled() {
	if c == nil {
		return
	}
	c.mu.Lock()
	for k, e := range c.m {
		if e.result.UsesLabels {
			delete(c.m, k)
		}
	}
	c.mu.Unlock()
}

// get returns the cached rendering of doc, p's Markdown, when it is still
// what rendering it would give.
func (c *RenderCache) get(p *Page, offline bool, doc markdown.Doc) (markdown.Result, lookups, bool) {
	if c == nil {
		return markdown.Result{}, lookups{}, false
	}
	c.mu.Lock()
	e, ok := c.m[cacheKey{doc.File, offline}]
	c.mu.Unlock()
	if !ok || e.url != p.URL || e.body != p.Source.BodyHash || e.bodyLine != doc.BodyLine || e.titleFromHeading != doc.TitleFromHeading {
		return markdown.Result{}, lookups{}, false
	}
	return e.result, e.asked, e.asked.sameAnswers(doc)
}

// sameAnswers reports whether doc's site answers every question as before.
func (l lookups) sameAnswers(doc markdown.Doc) bool {
	for _, r := range l.links {
		if doc.Resolve == nil {
			return false
		}
		if href, ok := doc.Resolve(r.dest, r.image); href != r.href || ok != r.ok {
			return false
		}
	}
	for _, a := range l.params {
		if doc.Param == nil {
			return false
		}
		if v, ok := doc.Param(a.key); v != a.value || ok != a.ok {
			return false
		}
	}
	for _, a := range l.labels {
		if doc.Labels == nil || doc.Labels(a.key) != a.value {
			return false
		}
	}
	for _, a := range l.pictures {
		if doc.Picture == nil {
			return false
		}
		if p, ok := doc.Picture(a.key); pictureText(p) != a.value || ok != a.ok {
			return false
		}
	}
	return true
}

// pictureText writes what is known of a picture as a lookup's answer:
// "800x600", then each copy's address and width.
func pictureText(p markdown.Picture) string {
	s := strconv.Itoa(p.Width) + "x" + strconv.Itoa(p.Height)
	for _, c := range p.Smaller {
		s += " " + c.Href + " " + strconv.Itoa(c.Width)
	}
	return s
}

func (c *RenderCache) put(p *Page, offline bool, doc markdown.Doc, r markdown.Result, asked lookups) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[cacheKey{doc.File, offline}] = cacheEntry{url: p.URL, body: p.Source.BodyHash, bodyLine: doc.BodyLine,
		titleFromHeading: doc.TitleFromHeading, result: r, asked: asked}
	c.mu.Unlock()
}

// record wraps doc's questions to the site so that their answers are noted in l.
func (l *lookups) record(doc markdown.Doc) markdown.Doc {
	if resolve := doc.Resolve; resolve != nil {
		doc.Resolve = func(dest string, image bool) (string, bool) {
			href, ok := resolve(dest, image)
			l.links = append(l.links, resolution{dest, image, href, ok})
			return href, ok
		}
	}
	if param := doc.Param; param != nil {
		doc.Param = func(name string) (string, bool) {
			v, ok := param(name)
			l.params = append(l.params, answer{name, v, ok})
			return v, ok
		}
	}
	if picture := doc.Picture; picture != nil {
		doc.Picture = func(dest string) (markdown.Picture, bool) {
			p, ok := picture(dest)
			l.pictures = append(l.pictures, answer{dest, pictureText(p), ok})
			return p, ok
		}
	}
	if labels := doc.Labels; labels != nil {
		doc.Labels = func(key string) string {
			v := labels(key)
			l.labels = append(l.labels, answer{key, v, true})
			return v
		}
	}
	return doc
}

// renderCached renders the Markdown of src, p's source, or takes it from
// the cache while it is still valid. src.Body must still be there.
func (s *Site) renderCached(md *markdown.Renderer, cache *RenderCache, p *Page, src *content.Source) markdown.Result {
	res, _ := s.renderDoc(md, cache, p, s.doc(p, src))
	return res
}

// renderDoc renders doc, p's Markdown, or takes it from the cache while it
// is still valid; it returns the questions the rendering asked of the site
// with their answers.
func (s *Site) renderDoc(md *markdown.Renderer, cache *RenderCache, p *Page, doc markdown.Doc) (markdown.Result, lookups) {
	if res, asked, ok := cache.get(p, s.Offline, doc); ok {
		return res, asked
	}
	var asked lookups
	res := md.Render(asked.record(doc))
	if !res.UsesFiles { // a chart reads its data file: drawn again each time
		cache.put(p, s.Offline, doc, res, asked)
	}
	return res, asked
}
