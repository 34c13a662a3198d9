package site

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/quiz"
	"github.com/oersite/oersite/generator/internal/partner"
	"github.com/oersite/oersite/generator/internal/picresize"
	"github.com/oersite/oersite/generator/internal/spill"
)

// Options control assembly.
type Options struct {
	Now time.Time
	// Horizon, when set, records the comparisons made with Now (see Horizon).
	Horizon *Horizon
	Offline bool
	Drafts  bool
	// Future publishes pages whose date or publishDate is after Now.
	Future bool
	// Expired publishes pages whose expiryDate is past.
	Expired bool
	// Cache, when set, keeps rendered Markdown between builds (the dev server's).
	Cache *RenderCache
	// Labels returns the interface string of a language for a key, for
	// what Markdown writes itself (callout names, "For tutors"); nil: English.
	Labels func(lang, key string) string
	// ReadFile reads a file by its path from the site root
	// ("content/en/skills/literacy.csv"), for Markdown that draws on the
	// page's own files (charts); nil: none are read.
	ReadFile func(name string) ([]byte, error)
	// PictureSize returns the size in pixels of a picture by its path from
	// the site root, for the width and height Markdown writes the site's
	// pictures with, and the smaller copies the build makes of a large one
	// (see markdown.Doc.Picture, picresize); nil: none.
	PictureSize func(name string) (width, height int, ok bool)
	// Partners are the partners' harvested items and events, shown in
	// the partners' catalogue, the webinar lists and search.
	Partners []*partner.Data
	// Bodies, when set, keeps the pages' rendered Markdown and plain text
	// out of memory until they are read (a build's; the dev server keeps
	// them, and re-renders pages from them).
	Bodies *spill.File
	// Keep notes, in Site.Renderings, each page's rendering as Bodies
	// holds it, for a later build to take (see Kept).
	Keep bool
	// Kept are an earlier build's renderings, taken instead of rendering
	// again the pages whose Markdown and site's answers are unchanged.
	Kept Kept
}

// Assemble builds the site model from the content read: kinds and URLs,
// Markdown rendered on all cores, fallbacks for missing translations,
// modules and lessons, webinars, taxonomies, aliases. When ctx ends, the
// Markdown not yet rendered is skipped: the caller discards the result.
func Assemble(ctx context.Context, cfg config.Config, tree content.Tree, md *markdown.Renderer, opt Options) (*Site, diag.List) {
	s := &Site{
		Config: cfg, Now: opt.Now, horizon: opt.Horizon, Offline: opt.Offline, Drafts: opt.Drafts, Future: opt.Future, Expired: opt.Expired, labels: opt.Labels, readFile: opt.ReadFile, pictureSize: opt.PictureSize, bodies: opt.Bodies,
		Langs: map[string]*LangSite{}, byKey: map[string]map[string]*Page{}, byRel: map[string]map[string]*Page{},
		assetURL: map[string]string{}, assetFiles: map[string]Asset{}, urls: map[string]*Page{},
	}
	s.addLanguages()
	diags := s.addAssets(tree.Assets)
	diags = append(diags, s.addSources(tree.Sources, opt)...)
	s.dropHeldBundleFiles(tree.Sources)
	s.addFallbacks()
	diags = append(diags, s.renderMarkdown(ctx, md, opt)...)
	s.generatePages()
	diags = append(diags, s.relate()...)
	s.buildTaxonomies()
	diags = append(diags, s.addAliases()...)
	diags = append(diags, s.addMenuEntries()...)
	s.finishLists()
	diags = append(diags, s.addJourneyPages()...)
	s.orderTerms()
	s.addFilters()
	s.addPartners(opt.Partners)
	s.paginate(cfg.Paginate)
	diags.Sort()
	return s, diags
}

// addLanguages sets up the site's languages from config, in its order, each
// with its own lists and indexes.
func (s *Site) addLanguages() {
	cfg := s.Config
	for _, code := range cfg.LanguageCodes() {
		l := cfg.Languages[code]
		lang := Language{Code: code, Name: l.Name, Title: cfg.SiteTitle(code), Direction: l.Direction, Default: code == cfg.DefaultLanguage}
		if lang.Direction == "" {
			lang.Direction = "ltr"
		}
		if lang.Name == "" {
			lang.Name = code
		}
		s.Languages = append(s.Languages, lang)
		s.Langs[code] = &LangSite{Language: lang, Sections: map[string]*Page{}, Taxonomies: map[string]*Page{}}
		s.byKey[code] = map[string]*Page{}
		s.byRel[code] = map[string]*Page{}
	}
}

// addAssets gives the content's other files (images, downloads) their
// output addresses, refusing unsafe names.
func (s *Site) addAssets(assets []content.Asset) diag.List {
	var diags diag.List
	for _, a := range assets {
		u, err := assetPath(a.Lang, a.Rel)
		if err != nil {
			diags.Add(diag.Errorf(a.Path, 0, "rename the file with letters, digits and dashes", "%v", err))
			continue
		}
		s.Assets = append(s.Assets, Asset{Src: a.Path, URL: u, Lang: a.Lang, Size: a.Size})
		s.assetURL[a.Lang+"/"+a.Rel] = u
		s.assetFiles[u] = s.Assets[len(s.Assets)-1]
	}
	return diags
}

// addSources adds a page for every source that is published in this build
// (see admit) and has an address and translation key of its own (see locate).
func (s *Site) addSources(sources []*content.Source, opt Options) diag.List {
	var diags diag.List
	urls := map[string]string{} // url -> file, for duplicates
	s.indexes = sectionIndexes(sources)
	held := heldModules(sources, opt)
	for _, src := range sources {
		d, ok := admit(src, opt, held)
		diags = append(diags, d...)
		if !ok {
			continue
		}
		pl, d, ok := s.locate(src, opt, urls)
		diags = append(diags, d...)
		if !ok {
			continue
		}
		p, d := newPage(src, pl, s.Config)
		diags = append(diags, d...)
		s.addPage(p)
	}
	return diags
}

// admit reports whether a source is published in this build: not a draft
// (nor unfinished, with placeholders) unless drafts are built, not
// scheduled for later or expired, not a lesson whose module is held back.
// The diagnostics say why one is not, and warn about placeholders.
func admit(src *content.Source, opt Options, held map[string]bool) (diag.List, bool) {
	if src.Meta.Draft && !opt.Drafts {
		return nil, false
	}
	var diags diag.List
	if len(src.Placeholders) > 0 {
		diags.Add(placeholderWarnings(src)...)
		if !opt.Drafts {
			return diags, false
		}
	}
	if d, later := scheduled(src, opt); later {
		diags.Add(d)
		return diags, false
	}
	if m := moduleOfLesson(src); m != "" && held[src.Lang+"/"+m] {
		diags.Add(diag.Warnf(src.Path, 0, diag.Hintf("finish %s too, or build with --drafts to see both", path.Join("content", src.Lang, m)),
			"not published: the lesson waits for its module, which is not published yet"))
		return diags, false
	}
	return diags, true
}

// locate decides where a published source goes (see classify), with the
// address its front matter's url gives, and refuses closed or unreachable
// opportunities, an address another file has (urls, which it fills) and a
// translation key another page of the language has.
func (s *Site) locate(src *content.Source, opt Options, urls map[string]string) (placement, diag.List, bool) {
	var diags diag.List
	pl, err := classify(src, s.indexes)
	if err != nil {
		diags.Add(diag.Errorf(src.Path, src.Meta.Lines["slug"], "move or rename the file", "%v", err))
		return pl, diags, false
	}
	if d, closed := closedOpportunity(src, pl, opt); closed {
		diags.Add(d)
		return pl, diags, false
	}
	if d, bad := opportunityEmail(src, pl); bad {
		diags.Add(d)
		return pl, diags, false
	}
	if src.Meta.URL != "" {
		if u, err := pageURL(src.Lang, src.Meta.URL); err != nil {
			diags.Add(diag.Warnf(src.Path, src.Meta.Lines["url"], "write the page's path, such as url: /about-us/", "%v; the page keeps its own address", err))
		} else {
			pl.url = u
		}
	}
	if _, known := KnownCountry(src.Meta.Country); src.Meta.Country != "" && !known {
		diags.Add(diag.Warnf(src.Path, src.Meta.Lines["country"], "write the country's two-letter code (IT) or its English name (Italy), the same in every language",
			"country %q is not a country oersite knows: the page shows it as written, and lists filter it apart from the same country written as a code", src.Meta.Country))
	}
	if other, dup := urls[pl.url]; dup {
		diags.Add(diag.Errorf(src.Path, src.Meta.Lines["slug"], "give one of them another slug or file name", "address /%s is also used by %s", pl.url, other))
		return pl, diags, false
	}
	urls[pl.url] = src.Path
	if prev := s.byKey[src.Lang][pl.key]; prev != nil {
		diags.Add(diag.Errorf(src.Path, src.Meta.Lines["translationKey"], "each translationKey may be used once per language", "translation key %q is also used by %s", strings.TrimPrefix(pl.key, "tk:"), prev.Source.Path))
		return pl, diags, false
	}
	return pl, diags, true
}

// newPage makes the page of a source placed at pl, validated, a webinar's
// start carried in its own time zone.
func newPage(src *content.Source, pl placement, cfg config.Config) (*Page, diag.List) {
	p := &Page{
		Kind: pl.kind, Lang: src.Lang, Section: pl.section, URL: pl.url, Key: pl.key,
		Title: src.Meta.Title, Summary: src.Meta.Summary, Date: src.Meta.Date, Lastmod: src.Meta.Lastmod,
		Weight: src.Meta.Weight, Layout: src.Meta.Layout, Source: src, Meta: &src.Meta,
	}
	if p.Lastmod.IsZero() {
		p.Lastmod = p.Date
	}
	diags := validatePage(cfg, p)
	if p.Kind == KindWebinar {
		warnings, err := fixWebinarZone(p)
		if err != nil {
			diags.Add(diag.Errorf(src.Path, src.Meta.Lines["timezone"], "use an IANA time zone name such as Europe/Rome or Atlantic/Reykjavik", "unknown time zone %q", p.Meta.Timezone))
		}
		diags = append(diags, warnings...)
	}
	return p, diags
}

// assetPath maps a content file to its output path, refusing unsafe names.
func assetPath(lang, rel string) (string, error) {
	parts := strings.Split(rel, "/")
	for i, seg := range parts {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\\x00") {
			return "", errUnsafeName(rel)
		}
		parts[i] = seg
	}
	return lang + "/" + strings.Join(parts, "/"), nil
}

type errUnsafeName string

func (e errUnsafeName) Error() string {
	return "file name " + string(e) + " cannot be published safely"
}

// addFallbacks gives every language a stand-in for each default-language page
// it lacks, when the configuration asks for it.
func (s *Site) addFallbacks() {
	def := s.Config.DefaultLanguage
	if !s.Config.FallbackToDefault {
		return
	}
	var originals []*Page
	for _, p := range s.Pages {
		if p.Lang == def {
			originals = append(originals, p)
		}
	}
	for _, l := range s.Languages {
		if l.Code == def {
			continue
		}
		for _, o := range originals {
			if s.byKey[l.Code][o.Key] != nil {
				continue
			}
			u := l.Code + "/" + strings.TrimPrefix(o.URL, def+"/")
			if s.urls[u] != nil {
				continue
			}
			fb := *o
			fb.Lang, fb.URL, fb.FallbackOf = l.Code, u, o
			fb.site = nil
			s.addPage(&fb)
		}
	}
}

// renderMarkdown renders every page with a source on all cores; fallbacks share their original's HTML.
func (s *Site) renderMarkdown(ctx context.Context, md *markdown.Renderer, opt Options) diag.List {
	t0 := time.Now()
	defer func() { s.Markdown.Took = time.Since(t0) }()
	var todo []*Page
	for _, p := range s.Pages {
		if p.Source != nil && p.FallbackOf == nil {
			todo = append(todo, p)
		}
	}
	s.Markdown.Files = len(todo)
	results := make([]diag.List, len(todo))
	rendered := make([]int, len(todo)) // bytes of Markdown rendered, -1 when taken
	var kept []Rendering               // by todo's index; those that cannot be kept are left zero
	if opt.Keep && s.bodies != nil {
		kept = make([]Rendering, len(todo))
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				p := todo[i]
				doc := s.doc(p, p.Source)
				res, asked, taken, err := s.giveBody(md, opt, p, doc)
				if err != nil {
					results[i] = diag.List{diag.Errorf(p.Source.Path, 0, "build again", "%v", err)}
					continue
				}
				rendered[i] = len(p.Source.Body)
				if taken != nil {
					rendered[i] = -1
				}
				p.Source.Body = nil // let each file go as soon as it is rendered
				results[i] = append(append(diag.List(nil), res.Diags...), s.applyRender(p, res)...)
				if kept != nil {
					kept[i] = keptAs(p, doc, res, asked, taken)
				}
			}
		}()
	}
	for i := range todo {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	var diags diag.List
	for _, d := range results {
		diags = append(diags, d...)
	}
	for _, n := range rendered {
		if n < 0 {
			s.Markdown.Taken++
		} else {
			s.Markdown.Bytes += int64(n)
		}
	}
	s.Renderings = slices.DeleteFunc(kept, func(r Rendering) bool { return r.File == "" })
	for _, p := range s.Pages {
		if o := p.FallbackOf; o != nil {
			p.shareBody(o)
			p.Headings, p.Links, p.IDs, p.Summary, p.Quizzes = o.Headings, o.Links, o.IDs, o.Summary, o.Quizzes
			if p.Title == "" {
				p.Title = o.Title
			}
		}
	}
	return diags
}

// giveBody gives p its rendered Markdown, doc: taken from an earlier
// build's renderings while still valid (taken is then that rendering),
// else rendered (or from the render cache), the Markdown read first if
// its source was taken from an earlier build's parse. It returns what
// rendering gave, and the questions it asked of the site with their answers.
func (s *Site) giveBody(md *markdown.Renderer, opt Options, p *Page, doc markdown.Doc) (res markdown.Result, asked lookups, taken *Rendering, err error) {
	if s.bodies != nil {
		if res, asked, r, ok := opt.Kept.take(p, doc); ok {
			p.content, p.text, p.bodies, p.contentAt, p.textAt = "", "", s.bodies, r.Content, r.Text
			return res, asked, r, nil
		}
	}
	if doc.Source, err = p.Source.Markdown(); err != nil {
		return res, asked, nil, err
	}
	res, asked = s.renderDoc(md, opt.Cache, p, doc)
	p.keepBody(res.HTML, res.Text, s.bodies)
	return res, asked, nil, nil
}

// doc is the Markdown document of a page, with what its dialects need to
// know: where the page is, its labels and parameters, whether it needs a title.
func (s *Site) doc(p *Page, src *content.Source) markdown.Doc {
	d := markdown.Doc{
		File: src.Path, BodyLine: src.BodyLine, Source: src.Body, Resolve: s.resolver(p),
		Rel: src.Rel, Param: s.param(p), TitleFromHeading: src.Meta.Title == "" && p.Kind != KindHome,
	}
	if s.labels != nil {
		lang := p.ContentLang()
		d.Labels = func(key string) string { return s.labels(lang, key) }
	}
	d.Lang = p.ContentLang()
	if s.readFile != nil {
		d.ReadFile = pageFiles(s.readFile, src.Path)
	}
	if s.pictureSize != nil {
		d.Picture = func(dest string) (markdown.Picture, bool) { return s.Picture(p, dest) }
	}
	return d
}

// Picture is what the site knows of a picture p shows (dest, as written):
// its size, and the smaller copies the build makes of it (picresize);
// false when it is no picture of the site or its size is not known
// (Options.PictureSize).
func (s *Site) Picture(p *Page, dest string) (markdown.Picture, bool) {
	if s.pictureSize == nil || p.Source == nil {
		return markdown.Picture{}, false
	}
	a, ok := s.assetFiles[s.assetAt(p, dest)]
	if !ok {
		return markdown.Picture{}, false
	}
	w, h, ok := s.pictureSize(a.Src)
	if !ok {
		return markdown.Picture{}, false
	}
	pic := markdown.Picture{Width: w, Height: h}
	for _, cw := range picresize.Widths(w, h, a.Size, path.Ext(a.URL)) {
		pic.Smaller = append(pic.Smaller, markdown.Copy{Href: p.Rel(picresize.URL(a.URL, cw)), Width: cw})
	}
	return pic, true
}

// MaxPageFileBytes is the largest file Markdown may read from a page's folder.
const MaxPageFileBytes = 1 << 20

// pageFiles reads files named relative to a page's file, inside its folder
// or below: a name that climbs out of it (../, /) is refused.
func pageFiles(read func(string) ([]byte, error), file string) func(string) ([]byte, error) {
	dir := path.Dir(file)
	return func(name string) ([]byte, error) {
		if name == "" || strings.HasPrefix(name, "/") || !fs.ValidPath(name) || strings.Contains(name, "\\") {
			return nil, fmt.Errorf("%q is not a file in the page's folder: write its name, such as data.csv", name)
		}
		b, err := read(path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("%s: no such file in the page's folder", name)
		}
		if len(b) > MaxPageFileBytes {
			return nil, fmt.Errorf("%s is larger than %d KiB", name, MaxPageFileBytes>>10)
		}
		return b, nil
	}
}

// applyRender puts on a page what was found in its rendered Markdown (its
// body, kept apart, is the caller's to give it): headings, links, anchors,
// knowledge checks, the summary when the front matter has none, the title
// when the front matter has none.
func (s *Site) applyRender(p *Page, res markdown.Result) diag.List {
	p.Headings, p.Links, p.IDs = res.Headings, res.Links, res.IDs
	p.UsesLabels = res.UsesLabels
	p.Quizzes = quizzes(res.Blocks)
	if p.Meta.Summary == "" {
		p.Summary = derivedSummary(res)
	}
	if p.Meta.Title == "" && p.Kind != KindHome {
		return diag.List{titleFor(p, res.Title)}
	}
	return nil
}

// derivedSummary is the summary of a page whose front matter has none:
// the text before <!--more-->, or the start of the body.
func derivedSummary(res markdown.Result) string {
	if res.SummaryDivider {
		return shorten(res.Summary, 600) // the author's own summary: cut only if very long
	}
	return shorten(res.Summary, 200)
}

// quizzes picks the knowledge checks out of a page's container data.
func quizzes(blocks []markdown.Block) []*quiz.Quiz {
	var out []*quiz.Quiz
	for _, b := range blocks {
		if q, ok := b.Data.(*quiz.Quiz); ok {
			out = append(out, q)
		}
	}
	return out
}

// shorten cuts text at a word boundary near n characters.
func shorten(t string, n int) string {
	t = strings.Join(strings.Fields(t), " ")
	if utf8.RuneCountInString(t) <= n {
		return t
	}
	r := []rune(t)[:n]
	cut := strings.LastIndexByte(string(r), ' ')
	if cut < n/2 {
		cut = len(string(r))
	}
	return strings.TrimRight(string(r)[:cut], ",;:.") + "…"
}

// ReplaceBody re-renders the Markdown of a page whose body changed (and
// nothing else), updating the page and its fallback copies. It returns the
// pages to render again (with the printable pages of its module). The caller
// makes sure the front matter is unchanged. ok is false, and nothing is
// changed, when the summary that lists show comes from the body and the
// edit changed it: see UpdatePage, which then takes the rendering from
// cache.
func (s *Site) ReplaceBody(p *Page, src *content.Source, md *markdown.Renderer, cache *RenderCache) (pages []*Page, diags diag.List, ok bool) {
	copies := s.BodyCopies(p)
	old := p.Source
	p.Source = src // the cache knows a rendering by its page's source
	res := s.renderCached(md, cache, p, src)
	if p.Meta.Summary == "" && derivedSummary(res) != p.Summary {
		p.Source = old
		return nil, nil, false
	}
	src.Body = nil
	for _, q := range copies {
		q.keepBody(res.HTML, res.Text, s.bodies)
		q.Headings, q.Links, q.IDs, q.UsesLabels = res.Headings, res.Links, res.IDs, res.UsesLabels
		q.Quizzes = quizzes(res.Blocks)
		q.Source = src
	}
	return s.withPrintPages(copies), res.Diags, true
}

// paginate splits long section and term lists into pages of per entries:
// the list's own address shows the first, page/2/ the next, and so on.
func (s *Site) paginate(per int) {
	if per <= 0 {
		return
	}
	for _, p := range append([]*Page(nil), s.Pages...) {
		if !(p.Kind == KindSection && p.Section != "webinars") && p.Kind != KindTerm {
			continue
		}
		if len(p.Pages) <= per {
			continue
		}
		all := p.Pages
		g := &Pager{Total: len(all)}
		for i := 0; i < len(all); i += per {
			chunk := all[i:min(i+per, len(all))]
			q := p
			if i > 0 {
				cp := *p
				n := i/per + 1
				cp.URL = fmt.Sprintf("%spage/%d/", p.URL, n)
				cp.Key = fmt.Sprintf("%s/page/%d", p.Key, n)
				cp.site = nil
				q = &cp
				s.addPage(q)
			}
			q.Pages = chunk
			q.Pager = &Pager{Number: i/per + 1, Total: g.Total}
			g.Pages = append(g.Pages, q)
		}
		for _, q := range g.Pages {
			q.Pager.Pages = g.Pages
		}
	}
}

// placeholderWarnings reports each line of a page that still holds the text
// `oersite new` wrote for the author to replace; the page is not published
// until it is gone (oersite build --drafts shows it meanwhile).
func placeholderWarnings(src *content.Source) diag.List {
	var l diag.List
	for _, p := range src.Placeholders {
		d := diag.Warnf(src.Path, p.Line, "write your own text in place of the example; until then the page is not published (oersite build --drafts shows it)",
			"placeholder text from oersite new (%q…)", p.Text)
		d.Subject = d.Args[0] // one line per placeholder: a French one and a German one are not grouped as "…"
		l.Add(d)
	}
	return l
}

// heldModules are the module pages (lang/modules/x/index.md) not published
// at this build: drafts, pages with placeholder text, pages scheduled later.
// Their lessons wait with them rather than fail for want of a module.
func heldModules(sources []*content.Source, opt Options) map[string]bool {
	held := map[string]bool{}
	for _, src := range sources {
		if !strings.HasPrefix(src.Rel, "modules/") || path.Base(src.Rel) != "index.md" || strings.Count(src.Rel, "/") != 2 {
			continue
		}
		_, later := scheduled(src, opt)
		if later || (src.Meta.Draft || len(src.Placeholders) > 0) && !opt.Drafts {
			held[src.Lang+"/"+src.Rel] = true
		}
	}
	return held
}

// moduleOfLesson is the module page a lesson file belongs to
// (modules/x/index.md for modules/x/01-y.md), or "" for other files.
func moduleOfLesson(src *content.Source) string {
	parts := strings.Split(src.Rel, "/")
	if len(parts) != 3 || parts[0] != "modules" || parts[2] == "index.md" || parts[2] == "_index.md" {
		return ""
	}
	return "modules/" + parts[1] + "/index.md"
}
