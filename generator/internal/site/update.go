package site

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown"
)

// displayKeys are the front matter keys an edit may change without moving
// a page: they change what pages show, not where pages are or which lists
// hold them.
var displayKeys = map[string]bool{
	"title": true, "summary": true, "description": true, "lastmod": true, "authors": true,
	"objectives": true, "licence": true, "license": true, "join": true, "recording": true,
	"presenter": true, "needstranslation": true, "translatedfrom": true,
}

// UpdatePage applies an edit of an existing page's file in place, when the
// edit leaves the site's structure as it was: same address, kind, language
// and translation key, same taxonomies, dates, weight and links to other
// pages; only what pages show changed (title, summary, description,
// authors, objectives, licence, webinar links, the body). It returns the
// pages whose output may show what changed: the page, its fallback copies,
// every page the model links to them (lists, module and lessons, neighbours,
// translations, related pages, aliases), the lessons of the same module, and
// the list pages (home, sections, taxonomies, search, 404) of the languages
// it appears in. edited are the page and its fallback copies: the pages
// whose own fields changed. A new title that moves the page within lists
// sorted by title puts them back in order (see resort). ok is false when
// the edit needs a full rebuild; the site may then have been changed and
// must be assembled again.
func (s *Site) UpdatePage(p *Page, src *content.Source, md *markdown.Renderer, cache *RenderCache) (edited, pages []*Page, diags diag.List, ok bool) {
	if !s.keepsPlace(p, src) {
		return nil, nil, nil, false
	}
	np, diags, ok := s.revise(p, src, md, cache)
	if !ok {
		return nil, nil, nil, false
	}
	edited = s.takeRevision(p, &np)
	if !s.resort(edited) {
		return nil, nil, diags, false // the new title moves a learning path
	}
	return edited, s.reaching(edited), diags, true
}

// keepsPlace reports whether src, the edited file of p, leaves p where it
// is: published as before, its title in the front matter, no address or
// menus of its own, the same kind, address, key, section and layout, and
// the same structural front matter (see structure and sameParams).
func (s *Site) keepsPlace(p *Page, src *content.Source) bool {
	if p.Source == nil || p.FallbackOf != nil || ((src.Meta.Draft || len(src.Placeholders) > 0) && !s.Drafts) {
		return false
	}
	if src.Meta.Title == "" || src.Meta.URL != "" || len(src.Meta.Menus) > 0 {
		return false // the title comes from the body, the address or menus from elsewhere: rebuild
	}
	if _, later := scheduled(src, Options{Now: s.Now, Horizon: s.horizon, Future: s.Future, Expired: s.Expired}); later {
		return false
	}
	return s.samePlacement(p, src) &&
		reflect.DeepEqual(structure(p.Source.Meta), structure(src.Meta)) && sameParams(p.Source.Meta.Params, src.Meta.Params)
}

// samePlacement reports whether src classifies as p is: same kind, address,
// key and section, and the same layout.
func (s *Site) samePlacement(p *Page, src *content.Source) bool {
	pl, err := classify(src, s.indexes)
	return err == nil && pl.kind == p.Kind && pl.url == p.URL && pl.key == p.Key && pl.section == p.Section && src.Meta.Layout == p.Layout
}

// revise builds the edited page as a copy of p with src's front matter and
// body rendered, validating it first: an edit with errors is left to the
// full build, which reports them (ok false).
func (s *Site) revise(p *Page, src *content.Source, md *markdown.Renderer, cache *RenderCache) (np Page, diags diag.List, ok bool) {
	np = *p
	np.Source, np.Meta = src, &src.Meta
	np.Title, np.Summary, np.Lastmod = src.Meta.Title, src.Meta.Summary, src.Meta.Lastmod
	if np.Lastmod.IsZero() {
		np.Lastmod = np.Date
	}
	if np.Kind == KindWebinar {
		warnings, err := fixWebinarZone(&np)
		if err != nil {
			return np, nil, false
		}
		diags = append(diags, warnings...)
	}
	v := validatePage(s.Config, &np)
	if v.HasErrors() {
		return np, nil, false
	}
	diags = append(diags, v...)
	res := s.renderCached(md, cache, &np, src)
	if res.Diags.HasErrors() {
		return np, nil, false
	}
	src.Body = nil
	diags = append(diags, res.Diags...)
	np.keepBody(res.HTML, res.Text, s.bodies)
	s.applyRender(&np, res) // the title is in the front matter (see keepsPlace): no diagnostic
	return np, diags, true
}

// takeRevision copies the revised page np onto p and its fallback copies,
// refreshes the pages that follow them (print and certificate pages), and
// returns p with its fallbacks.
func (s *Site) takeRevision(p, np *Page) []*Page {
	targets := []*Page{p}
	for _, q := range s.Pages {
		if q.FallbackOf == p {
			targets = append(targets, q)
		}
	}
	for _, q := range targets {
		q.Source, q.Meta, q.Title, q.Summary, q.Lastmod = np.Source, np.Meta, np.Title, np.Summary, np.Lastmod
		q.shareBody(np)
		q.Headings, q.Links, q.IDs, q.UsesLabels = np.Headings, np.Links, np.IDs, np.UsesLabels
		q.Quizzes = np.Quizzes
	}
	for _, q := range s.Pages {
		if q.Of != nil && slices.Contains(targets, q.Of) {
			q.followOf()
		}
	}
	return targets
}

// structure is the part of the front matter that decides where a page is
// and which lists hold it.
func structure(m content.Meta) content.Meta {
	m.Title, m.Summary, m.Description, m.Lastmod, m.Licence = "", "", "", time.Time{}, ""
	m.Authors, m.Objectives = nil, nil
	m.Join, m.Recording, m.Presenter = "", content.Recording{}, ""
	m.NeedsTranslation, m.TranslatedFrom = false, time.Time{}
	m.Params, m.Lines = nil, nil
	return m
}

// sameParams compares front matter keys other than the display ones.
func sameParams(a, b map[string]any) bool {
	rest := func(m map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range m {
			if !displayKeys[strings.ToLower(k)] {
				out[strings.ToLower(k)] = v
			}
		}
		return out
	}
	return reflect.DeepEqual(rest(a), rest(b))
}

// resort puts back in order, in place, every list sorted by title that
// holds one of targets, so that a title edit that moves a page within its
// lists re-renders the pages showing them (list pages of its languages,
// its module) instead of the whole site. The pages of a paginated list are
// windows on one array, so they follow its order. It reports false when
// the learning paths moved: modules and term lists derive their order from
// the paths', and only a full build rebuilds that.
func (s *Site) resort(targets []*Page) bool {
	holds := func(list []*Page) bool {
		return slices.ContainsFunc(list, func(x *Page) bool { return slices.Contains(targets, x) })
	}
	byTitle := func(a, b *Page) int {
		switch {
		case pageLess(a, b):
			return -1
		case pageLess(b, a):
			return 1
		}
		return 0
	}
	order := func(list []*Page, cmp func(a, b *Page) int) {
		if holds(list) && !slices.IsSortedFunc(list, cmp) {
			slices.SortStableFunc(list, cmp)
		}
	}
	for _, ls := range s.Langs {
		if holds(ls.Paths) && !slices.IsSortedFunc(ls.Paths, byTitle) {
			return false
		}
		order(ls.Modules, byTitle)
		order(ls.Resources, byTitle)
		order(ls.Stories, byTitle)
	}
	for _, q := range s.Pages {
		if q.Kind == KindModule {
			order(q.Related, byTitle)
		}
		if q.Section == "webinars" || len(q.Pages) == 0 || q.Pager != nil && q.Pager.Number > 1 {
			continue
		}
		list := q.Pages
		if q.Pager != nil {
			list = q.Pages[:q.Pager.Total] // the first page's window reaches the whole list
		}
		if q.Kind == KindTerm && q.Term != nil {
			order(list, s.termOrder(q))
		} else {
			order(list, byTitle)
		}
	}
	return true
}

// listKinds are the pages that show site-wide lists.
var listKinds = map[Kind]bool{KindHome: true, KindSection: true, KindTaxonomy: true, KindTerm: true, KindSearch: true, KindNotFound: true, KindLanguages: true}

// reaching returns targets and every page whose output may show them.
func (s *Site) reaching(targets []*Page) []*Page {
	r := reach{is: map[*Page]bool{}, langs: map[string]bool{}}
	for _, t := range targets {
		r.is[t] = true
		r.langs[t.Lang] = true
	}
	var out []*Page
	for _, q := range s.Pages {
		if r.shows(q) {
			out = append(out, q)
		}
	}
	return out
}

// reach is the set of edited pages and their languages, asked which pages
// may show them.
type reach struct {
	is    map[*Page]bool
	langs map[string]bool
}

// anyIn reports whether ps holds an edited page.
func (r reach) anyIn(ps []*Page) bool {
	return slices.ContainsFunc(ps, func(x *Page) bool { return r.is[x] })
}

// shows reports whether q's output may show an edited page: q is one, or
// lists its language's pages, or links to one, or lists one, or stands for
// (print, certificate) or belongs to a module or path that does.
func (r reach) shows(q *Page) bool {
	if r.is[q] || listKinds[q.Kind] && r.langs[q.Lang] || r.links(q) || r.lists(q) {
		return true
	}
	if q.Of != nil {
		// a module's print and certificate pages show its lessons; a
		// path's certificate names its modules
		if r.is[q.Of] || r.anyIn(q.Of.Lessons) || r.anyIn(q.Of.Steps) {
			return true
		}
	}
	if q.Module != nil {
		return r.anyIn(q.Module.Lessons) || r.anyIn(q.Module.Related) || r.anyIn(q.Module.Prereqs) || r.anyIn(q.Module.Paths)
	}
	return false
}

// links reports whether one of q's single links (parent, module,
// neighbours, alias target, original) is an edited page.
func (r reach) links(q *Page) bool {
	return r.is[q.Parent] || r.is[q.Module] || r.is[q.Prev] || r.is[q.Next] || r.is[q.AliasTarget] || r.is[q.FallbackOf]
}

// lists reports whether one of q's lists (lessons, pages, related,
// prerequisites, translations, steps, paths, or a step's lessons: a path
// lists its modules' lessons) holds an edited page.
func (r reach) lists(q *Page) bool {
	if r.anyIn(q.Lessons) || r.anyIn(q.Pages) || r.anyIn(q.Related) || r.anyIn(q.Prereqs) || r.anyIn(q.Translations) ||
		r.anyIn(q.Steps) || r.anyIn(q.Paths) {
		return true
	}
	return slices.ContainsFunc(q.Steps, func(m *Page) bool { return r.anyIn(m.Lessons) })
}
