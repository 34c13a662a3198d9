package site

import (
	"sync"

	"github.com/oersite/oersite/generator/internal/markdown"
)

// RenderCache keeps rendered Markdown between builds of a long-running
// process (the dev server), keyed by file, body hash and address. A nil
// *RenderCache caches nothing. Reset it when pages are added, removed or
// moved, since links between pages may then render differently.
type RenderCache struct {
	mu sync.Mutex
	m  map[cacheKey]markdown.Result
}

type cacheKey struct {
	path, url string
	body      [32]byte
	offline   bool
}

// NewRenderCache returns an empty cache.
func NewRenderCache() *RenderCache { return &RenderCache{m: map[cacheKey]markdown.Result{}} }

// Reset empties the cache.
func (c *RenderCache) Reset() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m = map[cacheKey]markdown.Result{}
	c.mu.Unlock()
}

// ForgetLabelled drops the documents whose HTML holds interface strings
// (callout names, "For tutors"): the strings files changed.
func (c *RenderCache) ForgetLabelled() {
	if c == nil {
		return
	}
	c.mu.Lock()
	for k, r := range c.m {
		if r.UsesLabels {
			delete(c.m, k)
		}
	}
	c.mu.Unlock()
}

func (c *RenderCache) get(p *Page, offline bool) (markdown.Result, bool) {
	if c == nil {
		return markdown.Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[cacheKey{p.Source.Path, p.URL, p.Source.BodyHash, offline}]
	return r, ok
}

func (c *RenderCache) put(p *Page, offline bool, r markdown.Result) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[cacheKey{p.Source.Path, p.URL, p.Source.BodyHash, offline}] = r
	c.mu.Unlock()
}
