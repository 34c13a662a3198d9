package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/theme"
)

// Session keeps a site built in memory between rebuilds: the dev server's.
// A failed rebuild leaves the last good site in place. It is not safe for
// concurrent use; the dev server serialises rebuilds.
type Session struct {
	opt   Options
	cache *site.RenderCache
	last  *writer
	mem   *publish.Memory
	// unsettled is set when pages changed since the search index and the
	// site-wide files were last written.
	unsettled bool
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
	s.last = nil // let the previous model go while the new one is built; the files stay served
	res, w, err := run(ctx, opt)
	if err != nil {
		return res, err
	}
	s.last, s.mem, s.unsettled = w, mem, false
	return res, nil
}

// ForgetMarkdown empties the cache of rendered Markdown: config.toml changed,
// and with it, maybe, how Markdown renders (raw HTML, typographer, search).
func (s *Session) ForgetMarkdown() { s.cache.Reset() }

// ErrNeedsFull says a change cannot be applied incrementally.
var ErrNeedsFull = errors.New("needs a full rebuild")

// Update applies edits of existing pages' files that leave the site's
// structure as it was (see site.UpdatePage): a body edit re-renders the page
// and its fallback copies; a title, summary or other displayed field also
// re-renders the lists, navigation, translations and related pages that
// show it. Anything else (a new or removed page, a changed address, date,
// weight or taxonomy, errors to report) answers ErrNeedsFull. The files
// that sum up the whole site (search index, sitemap, feeds, calendars,
// catalogues) are brought up to date by Settle, which the dev server calls
// after the browser reloaded. paths are slash-separated, relative to the
// site source.
func (s *Session) Update(ctx context.Context, paths []string) (*Result, error) {
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
	fsys := siteFS(root, w.in.cfg.Theme)
	type change struct {
		page *site.Page
		src  *content.Source
	}
	var changes []change
	for _, p := range paths {
		page := bySource[p]
		if page == nil {
			return nil, ErrNeedsFull // a new page
		}
		data, rd := content.Read(fsys, p, contentLimits(w.in.cfg))
		if rd.HasErrors() {
			return nil, ErrNeedsFull // the full build reports them
		}
		lang, rel, _ := strings.Cut(strings.TrimPrefix(p, "content/"), "/")
		var diags diag.List
		src := content.ParseSource(p, lang, rel, data, &diags)
		if src == nil || diags.HasErrors() {
			return nil, ErrNeedsFull // the full build reports the errors
		}
		changes = append(changes, change{page, src})
	}
	cfg := w.in.cfg
	md := markdown.New(markdownOptions(cfg))
	res := &Result{Site: st, Config: cfg}
	var todo, edited []*site.Page
	seen := map[*site.Page]bool{}
	for _, c := range changes {
		var pages []*site.Page
		var diags diag.List
		bodyOnly := c.src.FrontHash == c.page.Source.FrontHash && c.page.Meta.Summary != "" && c.page.Meta.Title != ""
		checks := quizIDs(c.page)
		if bodyOnly {
			pages, diags = st.ReplaceBody(c.page, c.src, md)
		} else {
			var ok bool
			pages, diags, ok = st.UpdatePage(c.page, c.src, md, s.cache)
			if !ok {
				s.last = nil // the model may be half changed: only a full build may follow
				return nil, ErrNeedsFull
			}
		}
		if diags.HasErrors() || !slices.Equal(checks, quizIDs(c.page)) {
			// a limit went over (the full build reports it), or knowledge
			// checks were added or removed: what progress can hold (and
			// certificates ask for) changed, on every page that says so
			s.last = nil
			return nil, ErrNeedsFull
		}
		res.Diags = append(res.Diags, diags...)
		edited = append(edited, pages...)
		langs := map[string]bool{}
		for _, p := range pages {
			langs[p.Lang] = true
		}
		if !bodyOnly {
			// What lists show changed: pages whose layout reads site-wide lists follow.
			for _, p := range st.Pages {
				if langs[p.Lang] && w.readsLists(p) {
					pages = append(pages, p)
				}
			}
		}
		for _, p := range pages {
			if !seen[p] {
				seen[p] = true
				todo = append(todo, p)
			}
		}
	}
	// Packages first: the module pages show their sizes and checksums.
	repackaged := modulesOf(edited)
	if err := s.repackage(root.FS(), repackaged); err != nil {
		s.last = nil
		return nil, err
	}
	for _, m := range repackaged {
		if !seen[m] {
			seen[m] = true
			todo = append(todo, m)
		}
	}
	if err := s.render(todo); err != nil {
		s.last = nil
		return nil, err
	}
	s.unsettled = true
	res.Pages = len(todo)
	res.Duration = time.Since(start)
	return res, ctx.Err()
}

// repackage writes again the packages for learning platforms of modules
// whose pages changed.
func (s *Session) repackage(fsys fs.FS, modules []*site.Page) error {
	w := s.last
	out := w.out
	w.out = replacer{s.mem}
	defer func() { w.out = out }()
	if len(modules) == 0 {
		return nil
	}
	if err := w.packageModules(fsys, modules); err != nil {
		return err
	}
	// The metadata names each package's SHA-256: let it read the new ones.
	w.oer = nil
	w.sh = w.shared()
	return nil
}

// readsLists reports whether a page's layout may show site-wide lists.
func (w *writer) readsLists(p *site.Page) bool {
	if p.Kind == site.KindAlias {
		return false
	}
	layout, ok := w.in.theme.Pick(layoutCandidates(p)...)
	return !ok || w.in.theme.ReadsLists(layout)
}

// render renders pages of the last build again, on all cores, into its files.
func (s *Session) render(pages []*site.Page) error {
	w := s.last
	errs := make([]error, len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for n := 0; n < runtime.GOMAXPROCS(0); n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := int(next.Add(1) - 1); i < len(pages); i = int(next.Add(1) - 1) {
				p := pages[i]
				buf.Reset()
				if err := w.renderPage(&buf, w.sh, p); err != nil {
					errs[i] = fmt.Errorf("%s: %w", path.Base(p.URL), err)
					continue
				}
				errs[i] = s.mem.Replace(OutputPath(p.URL), append([]byte(nil), buf.Bytes()...))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Settle rewrites, after incremental updates, the files that sum up the
// whole site: each language's search index, the sitemap, feeds, calendars,
// catalogues and mirror.json. The offline zip waits for the next full build.
func (s *Session) Settle(ctx context.Context) error {
	if !s.unsettled || s.last == nil {
		return nil
	}
	w := s.last
	out, diags := w.out, w.res.Diags
	w.out = replacer{s.mem}
	defer func() { w.out, w.res.Diags = out, diags }()
	if !w.res.Site.Config.Search.Disabled {
		for _, l := range w.res.Site.Languages {
			if err := ctx.Err(); err != nil {
				return err
			}
			s.removeSearchFiles(l.Code) // the new export may cut the index into fewer files
			if err := w.indexLanguage(ctx, l.Code); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := w.writeMetadata(); err != nil {
		return err
	}
	if err := w.writeManifest(ctx); err != nil {
		return err
	}
	s.unsettled = false
	return ctx.Err()
}

// removeSearchFiles forgets a language's static search index files.
func (s *Session) removeSearchFiles(lang string) {
	prefix := "_search/" + lang + "/"
	var old []string
	for _, e := range s.mem.Entries() {
		if strings.HasPrefix(e.Path, prefix) {
			old = append(old, e.Path)
		}
	}
	for _, p := range old {
		s.mem.Remove(p)
	}
}

// Unsettled reports whether pages changed since Settle or the last full build.
func (s *Session) Unsettled() bool { return s.unsettled && s.last != nil }

// replacer overwrites files of an in-memory build.
type replacer struct{ m *publish.Memory }

func (r replacer) WriteFile(p string, data []byte) error { return r.m.Replace(p, data) }

func (r replacer) CopyFile(p string, fsys fs.FS, src string) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return err
	}
	return r.m.Replace(p, data)
}

func (r replacer) Entries() []publish.Entry { return r.m.Entries() }

// UpdateTheme applies edits of existing layouts, UI strings, static files
// and theme assets without reading the content again: an edited layout
// re-renders the pages that use it; baseof.html, a partial, a strings file
// or an asset (whose fingerprinted name every page links) re-renders every
// page; a static file is copied and nothing is rendered. paths are
// slash-separated, relative to the site source. New or removed files, or
// errors to report, answer ErrNeedsFull.
func (s *Session) UpdateTheme(ctx context.Context, paths []string) (*Result, error) {
	if s.last == nil {
		return nil, ErrNeedsFull
	}
	start := time.Now()
	w := s.last
	cfg := w.in.cfg
	ch, ok := classifyThemeChange(paths, cfg.Theme)
	if !ok {
		return nil, ErrNeedsFull
	}
	root, err := os.OpenRoot(s.opt.Source)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	in := *w.in
	in.fsys = siteFS(root, cfg.Theme)
	if ch.files {
		if d := in.collectFiles(); d.HasErrors() {
			return nil, ErrNeedsFull
		}
	}
	if ch.layouts {
		th, diags := theme.Load(in.fsys, []string{in.themeFS + "/layouts", "layouts"})
		if diags.HasErrors() {
			return nil, ErrNeedsFull // the full build reports them
		}
		in.theme = th
	}
	if ch.texts {
		cat, diags := i18n.Load(in.fsys, []string{in.themeFS + "/i18n", "i18n"}, cfg.LanguageCodes(), cfg.DefaultLanguage)
		if diags.HasErrors() {
			return nil, ErrNeedsFull
		}
		in.i18n = cat
		for _, p := range w.res.Site.Pages {
			if p.UsesLabels {
				// Callout names are in the rendered Markdown: render it again.
				s.cache.ForgetLabelled()
				s.last = nil
				return nil, ErrNeedsFull
			}
		}
	}
	w.in = &in
	if ch.files && !s.recopyStatic(ctx, w) {
		s.last = nil
		return nil, ErrNeedsFull
	}
	w.oer = nil // its labels come from the strings
	w.sh = w.shared()
	todo := ch.pages(w.res.Site, in.theme)
	if err := s.render(todo); err != nil {
		s.last = nil
		return nil, err
	}
	// New strings or output templates change the sitemap, feeds and
	// catalogues: Settle writes them again.
	s.unsettled = s.unsettled || ch.texts || ch.outputs
	res := &Result{Site: w.res.Site, Config: cfg, Pages: len(todo), Duration: time.Since(start)}
	if ch.cssOnly && ch.files {
		res.Stylesheets = map[string]string{}
		for name, fp := range w.assets {
			if strings.HasSuffix(name, ".css") {
				res.Stylesheets[name] = fp
			}
		}
	}
	return res, ctx.Err()
}

// recopyStatic writes the static files and theme assets again into the
// session's files, dropping fingerprinted copies that changed name. It
// reports whether that worked.
func (s *Session) recopyStatic(ctx context.Context, w *writer) bool {
	out, diags, before := w.out, w.res.Diags, w.assets
	w.out = replacer{s.mem}
	err := w.writeStatic(ctx)
	w.out, w.res.Diags = out, diags
	if err != nil {
		return false
	}
	for name, old := range before {
		if w.assets[name] != old {
			s.mem.Remove(old) // the previous fingerprinted copy
		}
	}
	return true
}

// themeChange is what a set of edited theme files reaches.
type themeChange struct {
	every, layouts, texts, files bool
	cssOnly                      bool            // only stylesheets changed
	outputs                      bool            // a template of sitemap.xml, feeds, OAI-PMH... changed
	changed                      map[string]bool // edited page layouts by name, and alias.html
}

// classifyThemeChange sorts edited files (slash-separated, relative to the
// site source) by what they reach. ok is false for a file outside layouts,
// i18n, assets and static.
func classifyThemeChange(paths []string, themeName string) (themeChange, bool) {
	ch := themeChange{cssOnly: true, changed: map[string]bool{}}
	for _, p := range paths {
		rel := p
		if rest, ok := strings.CutPrefix(p, "themes/"); ok {
			name, inTheme, _ := strings.Cut(rest, "/")
			if name != themeName {
				continue // another theme's file: nothing uses it
			}
			rel = inTheme
		}
		dir, name, _ := strings.Cut(rel, "/")
		ch.cssOnly = ch.cssOnly && dir == "assets" && strings.HasSuffix(name, ".css")
		switch dir {
		case "layouts":
			ch.layouts = true
			switch {
			case name == "baseof.html" || strings.Contains(name, "/"):
				ch.every = true
			case theme.IsOutput(name):
				ch.outputs = true
				ch.changed[name] = true
			default:
				ch.changed[strings.TrimSuffix(name, ".html")] = true
			}
		case "i18n":
			ch.texts, ch.every = true, true
		case "assets":
			ch.files, ch.every = true, true
		case "static":
			ch.files = true
		default:
			return ch, false
		}
	}
	return ch, true
}

// pages returns the pages a theme change reaches.
func (ch themeChange) pages(st *site.Site, th *theme.Theme) []*site.Page {
	var todo []*site.Page
	for _, p := range st.Pages {
		if p.Kind == site.KindAlias {
			if ch.changed[theme.AliasLayout] {
				todo = append(todo, p)
			}
			continue
		}
		if layout, _ := th.Pick(layoutCandidates(p)...); ch.every || ch.changed[layout] {
			todo = append(todo, p)
		}
	}
	return todo
}

// quizIDs lists a page's knowledge checks by id.
func quizIDs(p *site.Page) []string {
	ids := make([]string, len(p.Quizzes))
	for i, q := range p.Quizzes {
		ids[i] = q.ID
	}
	return ids
}
