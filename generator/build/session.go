package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/content"
	"github.com/oersite/oersite/generator/diag"
	"github.com/oersite/oersite/generator/markdown"
	"github.com/oersite/oersite/generator/publish"
	"github.com/oersite/oersite/generator/site"
)

// Session keeps a site built in memory between rebuilds: the dev server's.
// A failed rebuild leaves the last good site in place. It is not safe for
// concurrent use; the dev server serialises rebuilds.
type Session struct {
	opt   Options
	cache *site.RenderCache
	last  *writer
	mem   *publish.Memory
}

// NewSession prepares a session; opt.Output and opt.Render are managed by it.
func NewSession(opt Options) *Session {
	opt.SearchInMemory = true // no lock on the on-disk index while `oersite build` runs beside
	opt.Indexes = NewIndexSet()
	return &Session{opt: opt, cache: site.NewRenderCache()}
}

// Files returns the last good build's files, or nil before the first success.
func (s *Session) Files() *publish.Memory { return s.mem }

// Full rebuilds everything (Markdown of unchanged pages comes from the
// cache) with now as the build date.
func (s *Session) Full(ctx context.Context, now time.Time) (*Result, error) {
	opt := s.opt
	mem := publish.NewMemory()
	opt.Output, opt.Render, opt.Now = mem, s.cache, now.UTC()
	res, w, err := run(ctx, opt)
	if err != nil {
		return res, err
	}
	s.last, s.mem = w, mem
	return res, nil
}

// ErrNeedsFull says a change cannot be applied incrementally.
var ErrNeedsFull = errors.New("needs a full rebuild")

// UpdateBodies applies edits that changed only the Markdown body of existing
// pages: those pages (and their fallback copies) are rendered again, nothing
// else. Any other change answers ErrNeedsFull. paths are slash-separated,
// relative to the site source.
func (s *Session) UpdateBodies(ctx context.Context, paths []string) (*Result, error) {
	if s.last == nil {
		return nil, ErrNeedsFull
	}
	start := time.Now()
	w := s.last
	st := w.res.Site
	bySource := map[string]*site.Page{}
	for _, p := range st.Pages {
		if p.Source != nil && p.FallbackOf == nil {
			bySource[p.Source.Path] = p
		}
	}
	root, err := os.OpenRoot(s.opt.Source)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	type change struct {
		page *site.Page
		src  *content.Source
	}
	var changes []change
	for _, p := range paths {
		page := bySource[p]
		if page == nil || page.Meta.Summary == "" {
			return nil, ErrNeedsFull // new page, or a summary derived from the body that lists show
		}
		data, err := root.ReadFile(p)
		if err != nil {
			return nil, ErrNeedsFull
		}
		lang, rel, _ := strings.Cut(strings.TrimPrefix(p, "content/"), "/")
		var diags diag.List
		src := content.ParseSource(p, lang, rel, data, &diags)
		if src == nil || diags.HasErrors() || src.FrontHash != page.Source.FrontHash {
			return nil, ErrNeedsFull
		}
		changes = append(changes, change{page, src})
	}
	cfg := w.in.cfg
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.Markup.UnsafeHTML, Typographer: cfg.Markup.Typographer})
	res := &Result{Site: st, Config: cfg}
	var buf bytes.Buffer
	for _, c := range changes {
		pages, diags := st.ReplaceBody(c.page, c.src, md)
		res.Diags = append(res.Diags, diags...)
		for _, p := range pages {
			buf.Reset()
			if err := w.renderPage(&buf, w.sh, p); err != nil {
				return nil, fmt.Errorf("%s: %w", path.Base(p.URL), err)
			}
			if err := s.mem.Replace(OutputPath(p.URL), append([]byte(nil), buf.Bytes()...)); err != nil {
				return nil, err
			}
			res.Pages++
		}
	}
	res.Duration = time.Since(start)
	return res, ctx.Err()
}
