package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
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
// A failed rebuild leaves the last good site in place. Rebuilds (Full,
// Update, UpdateTheme, Settle) must not run concurrently; the dev server
// serialises them. Files may be called from any goroutine at any time: it
// returns the last published state, which rebuilds replace at once.
type Session struct {
	opt   Options
	cache *site.RenderCache
	last  *writer
	// out is what incremental rebuilds write into: the last good build's
	// files, with the paths changed since the last published state.
	out *sessionOutput
	// served is the last published state, read by the dev server's handlers.
	served atomic.Pointer[Files]
	// unsettled is set when pages changed since the search index and the
	// site-wide files were last written.
	unsettled bool
	// staleIndex holds the languages whose search index misses changes:
	// those of the pages edited (a page and its fallback copies).
	staleIndex map[string]bool
}

// NewSession prepares a session; opt.Output and opt.Render are managed by it.
func NewSession(opt Options) *Session {
	opt.SearchInMemory = true                                           // no lock on the on-disk index while `oersite build` runs beside
	opt.copies = &copyCache{m: map[string][]byte{}, source: opt.Source} // the pictures' copies between its builds
	opt.Indexes = NewIndexSet()
	return &Session{opt: opt, cache: site.NewRenderCache()}
}

// Files returns the last good build's files, or nil before the first
// success. It is safe to call while a rebuild runs; the state it returns
// never changes.
func (s *Session) Files() *Files { return s.served.Load() }

// publish makes the changes written since the last published state visible.
func (s *Session) publish() {
	changed := s.out.takeChanged()
	if len(changed) == 0 {
		return
	}
	s.served.Store(s.served.Load().with(changed, s.out.mem.Files, time.Now()))
}

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
	s.last, s.out, s.unsettled, s.staleIndex = w, newSessionOutput(mem), false, map[string]bool{}
	s.served.Store(snapshot(mem.Files, time.Now()))
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
	root, err := os.OpenRoot(s.opt.Source)
	if err != nil {
		return nil, err
	}
	defer root.Close() // packages read the modules' files from it
	edits, err := s.readEdits(siteFS(root, w.in.cfg.Theme), paths)
	if err != nil {
		return nil, err
	}
	md := MarkdownRenderer(w.in.cfg)
	res := &Result{Site: w.res.Site, Config: w.in.cfg}
	var todo, edited []*site.Page
	seen := map[*site.Page]bool{}
	for _, e := range edits {
		pages, show, diags, err := s.apply(md, e)
		if err != nil {
			s.last = nil // the model may be half changed: only a full build may follow
			return nil, err
		}
		res.Diags = append(res.Diags, diags...)
		edited = append(edited, pages...)
		for _, p := range show {
			if !seen[p] {
				seen[p] = true
				todo = append(todo, p)
			}
		}
	}
	// Packages first: the module pages show their sizes and checksums.
	repackaged := modulesOf(edited)
	if err := s.repackage(ctx, siteFS(root, w.in.cfg.Theme), repackaged); err != nil {
		s.last = nil
		return nil, err
	}
	for _, m := range repackaged {
		if !seen[m] {
			seen[m] = true
			todo = append(todo, m)
		}
	}
	// Partials the theme renders once per build (.Cached) are rendered
	// afresh: a theme's cached partial may show what an edit changed.
	w.sh = w.shared()
	if err := s.render(todo); err != nil {
		s.last = nil
		return nil, err
	}
	s.unsettled = true
	for _, p := range edited {
		s.staleIndex[p.Lang] = true
	}
	s.publish()
	res.Pages = len(todo)
	res.Duration = time.Since(start)
	return res, ctx.Err()
}

// pageEdit is an existing page and its file as it is now.
type pageEdit struct {
	page *site.Page
	src  *content.Source
}

// readEdits reads the edited files. A file that is no page of the last
// build, or that does not read cleanly, answers ErrNeedsFull: the full
// build adds it, or reports its errors.
func (s *Session) readEdits(fsys fs.FS, paths []string) ([]pageEdit, error) {
	bySource := s.last.res.Site.BySource()
	var edits []pageEdit
	for _, p := range paths {
		page := bySource[p]
		if page == nil {
			return nil, ErrNeedsFull // a new page
		}
		data, rd := content.Read(fsys, p, contentLimits(s.last.in.cfg))
		if rd.HasErrors() {
			return nil, ErrNeedsFull // the full build reports them
		}
		lang, rel, _ := strings.Cut(strings.TrimPrefix(p, "content/"), "/")
		var diags diag.List
		src := content.ParseSource(p, lang, rel, data, &diags)
		if src == nil || diags.HasErrors() {
			return nil, ErrNeedsFull
		}
		edits = append(edits, pageEdit{page, src})
	}
	return edits, nil
}

// apply changes the model for one edit. It returns the pages edited (the
// page and its fallback copies) and the pages to render again: those, and
// for a title, summary or other displayed field, the pages of their
// languages whose layout reads site-wide lists.
func (s *Session) apply(md *markdown.Renderer, e pageEdit) (edited, todo []*site.Page, diags diag.List, err error) {
	w := s.last
	st := w.res.Site
	checks := quizIDs(e.page)
	// A limit gone over (the full build reports it), or knowledge checks
	// added or removed (what progress can hold, and certificates ask for,
	// changes on every page that says so), need a full build.
	needsFull := func(d diag.List) bool { return d.HasErrors() || !slices.Equal(checks, quizIDs(e.page)) }
	if e.src.FrontHash == e.page.Source.FrontHash && e.page.Meta.Title != "" {
		pages, diags, ok := st.ReplaceBody(e.page, e.src, md, s.cache)
		if ok && needsFull(diags) {
			return nil, nil, nil, ErrNeedsFull
		}
		if ok {
			return pages, pages, diags, nil
		}
		// the summary lists show changed with the body: as for a new summary
	}
	edited, pages, diags, ok := st.UpdatePage(e.page, e.src, md, s.cache)
	if !ok || needsFull(diags) {
		return nil, nil, nil, ErrNeedsFull
	}
	// The lists that may show the edit are those of the languages the
	// page and its fallback copies appear in; a translation shows the new
	// title in its language switcher (it is in pages), not in its lists.
	langs := map[string]bool{}
	for _, p := range edited {
		langs[p.Lang] = true
	}
	todo = slices.Clone(pages)
	for _, p := range st.Pages {
		if langs[p.Lang] && w.readsLists(p) {
			todo = append(todo, p)
		}
	}
	return edited, todo, diags, nil
}

// repackage writes again the packages for learning platforms of modules
// whose pages changed, and lets the metadata read their new checksums.
func (s *Session) repackage(ctx context.Context, fsys fs.FS, modules []*site.Page) error {
	if len(modules) == 0 {
		return nil
	}
	w := s.last
	if err := w.packageModules(ctx, fsys, s.out, modules); err != nil {
		return err
	}
	w.oer = nil // the metadata names each package's SHA-256
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
				errs[i] = s.out.WriteFile(OutputPath(p.URL), append([]byte(nil), buf.Bytes()...))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Settle rewrites, after incremental updates, the files that sum up the
// whole site: each language's search index, the sitemap, feeds, calendars,
// catalogues and mirror.json. The offline zip waits for the next full build.
// Nothing is published unless all of them are written.
func (s *Session) Settle(ctx context.Context) error {
	if !s.unsettled || s.last == nil {
		return nil
	}
	w, out := s.last, s.out
	if !w.res.Site.Config.Search.Disabled {
		for _, l := range w.res.Site.Languages {
			if !s.staleIndex[l.Code] {
				continue
			}
			if err := s.reindex(ctx, l.Code); err != nil {
				return err
			}
			delete(s.staleIndex, l.Code)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The metadata's warnings were reported by the full build and the
	// updates that led here.
	if _, err := w.writeMetadata(ctx, out); err != nil {
		return err
	}
	if err := w.writeManifest(ctx, out); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.unsettled = false
	s.publish()
	return nil
}

// reindex writes a language's search index again. The new files replace
// the old ones only when all are written: a Settle stopped by the next
// edit leaves the old index whole, as the next update publishes what out
// holds.
func (s *Session) reindex(ctx context.Context, lang string) error {
	fresh := publish.NewMemory()
	if err := s.last.indexLanguage(ctx, fresh, lang); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.removeSearchFiles(lang) // the new export may cut the index into fewer files
	for _, p := range slices.Sorted(maps.Keys(fresh.Files)) {
		if err := s.out.WriteFile(p, fresh.Files[p]); err != nil {
			return err
		}
	}
	return nil
}

// removeSearchFiles forgets a language's static search index files.
func (s *Session) removeSearchFiles(lang string) {
	prefix := "_search/" + lang + "/"
	var old []string
	for _, e := range s.out.Entries() {
		if strings.HasPrefix(e.Path, prefix) {
			old = append(old, e.Path)
		}
	}
	for _, p := range old {
		s.out.Remove(p)
	}
}

// Unsettled reports whether pages changed since Settle or the last full build.
func (s *Session) Unsettled() bool { return s.unsettled && s.last != nil }

// reloadTheme reads the layouts and strings an edit reaches again from
// root, into a copy of the last build's inputs. Errors answer ErrNeedsFull:
// the full build reports them.
func reloadTheme(root *os.Root, in inputs, ch themeChange) (*inputs, error) {
	cfg := in.cfg
	in.fsys = siteFS(root, cfg.Theme)
	if ch.files {
		if d := in.collectFiles(); d.HasErrors() {
			return nil, ErrNeedsFull
		}
	}
	if ch.layouts {
		th, diags := theme.Load(in.fsys, []string{in.themeFS + "/layouts", "layouts"})
		if diags.HasErrors() {
			return nil, ErrNeedsFull
		}
		in.theme = th
	}
	if ch.texts {
		cat, diags := i18n.Load(in.fsys, []string{in.themeFS + "/i18n", "i18n"}, cfg.LanguageCodes(), cfg.DefaultLanguage)
		if diags.HasErrors() {
			return nil, ErrNeedsFull
		}
		in.i18n = cat
	}
	return &in, nil
}

// recopyStatic copies static files and theme assets again into the
// session's output, removing fingerprinted copies no page links any more.
func (s *Session) recopyStatic(ctx context.Context, w *writer) (diag.List, error) {
	assets, diags, err := w.writeStatic(ctx, s.out)
	if err != nil {
		return diags, err
	}
	if diags.HasErrors() {
		return diags, ErrNeedsFull
	}
	for name, old := range w.assets {
		if assets[name] != old {
			s.out.Remove(old) // the previous fingerprinted copy
		}
	}
	w.assets = assets
	return diags, nil
}

// usesLabels reports whether a page's rendered Markdown holds UI strings
// (callout names), which an edit of the strings changes.
func usesLabels(st *site.Site) bool {
	for _, p := range st.Pages {
		if p.UsesLabels {
			return true
		}
	}
	return false
}

// stylesheets returns the fingerprinted path of each stylesheet asset, by name.
func stylesheets(assets map[string]string) map[string]string {
	out := map[string]string{}
	for name, fp := range assets {
		if strings.HasSuffix(name, ".css") {
			out[name] = fp
		}
	}
	return out
}

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
	defer root.Close() // static files are read from it below
	in, err := reloadTheme(root, *w.in, ch)
	if err != nil {
		return nil, err
	}
	if ch.texts && usesLabels(w.res.Site) {
		// Callout names are in the rendered Markdown: render it again.
		s.cache.ForgetLabelled()
		s.last = nil
		return nil, ErrNeedsFull
	}
	w.in = in
	res := &Result{Site: w.res.Site, Config: cfg}
	if ch.files {
		diags, err := s.recopyStatic(ctx, w)
		if err != nil {
			s.last = nil
			return nil, err
		}
		res.Diags = append(res.Diags, diags...)
	}
	w.oer = nil // its labels come from the strings
	w.sh = w.shared()
	if ch.packages {
		if err := s.repackage(ctx, siteFS(root, cfg.Theme), modulesOf(w.res.Site.Pages)); err != nil {
			s.last = nil
			return nil, err
		}
	}
	todo := ch.pages(w.res.Site, in.theme)
	if err := s.render(todo); err != nil {
		s.last = nil
		return nil, err
	}
	// New strings or output templates change the sitemap, feeds and
	// catalogues, new packages their checksums: Settle writes them again.
	s.unsettled = s.unsettled || ch.texts || ch.outputs || ch.packages
	if ch.texts {
		for _, l := range w.res.Site.Languages {
			s.staleIndex[l.Code] = true // the index holds translated labels
		}
	}
	s.publish()
	res.Pages, res.Duration = len(todo), time.Since(start)
	if ch.cssOnly && ch.files {
		res.Stylesheets = stylesheets(w.assets)
	}
	return res, ctx.Err()
}

// themeChange is what a set of edited theme files reaches.
type themeChange struct {
	every, layouts, texts, files bool
	cssOnly                      bool            // only stylesheets changed
	packages                     bool            // what the learning-platform packages carry changed: strings, the quiz script
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
			ch.texts, ch.every, ch.packages = true, true, true
		case "assets":
			ch.files, ch.every = true, true
			ch.packages = ch.packages || name == "js/quiz.js"
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
