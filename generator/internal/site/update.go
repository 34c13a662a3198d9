package site

import (
	"html/template"
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
// it appears in. A new title that moves the page within lists sorted by
// title puts them back in order (see resort). ok is false when the edit needs a full rebuild; the site
// may then have been changed and must be assembled again.
func (s *Site) UpdatePage(p *Page, src *content.Source, md *markdown.Renderer, cache *RenderCache) (pages []*Page, diags diag.List, ok bool) {
	if p.Source == nil || p.FallbackOf != nil || ((src.Meta.Draft || len(src.Placeholders) > 0) && !s.Drafts) {
		return nil, nil, false
	}
	if src.Meta.Title == "" || src.Meta.URL != "" || len(src.Meta.Menus) > 0 {
		return nil, nil, false // the title comes from the body, the address or menus from elsewhere: rebuild
	}
	if _, later := scheduled(src, Options{Now: s.Now, Future: s.Future, Expired: s.Expired}); later {
		return nil, nil, false
	}
	pl, err := classify(src, s.indexes)
	if err != nil || pl.kind != p.Kind || pl.url != p.URL || pl.key != p.Key || pl.section != p.Section || src.Meta.Layout != p.Layout {
		return nil, nil, false
	}
	if !reflect.DeepEqual(structure(p.Source.Meta), structure(src.Meta)) || !sameParams(p.Source.Meta.Params, src.Meta.Params) {
		return nil, nil, false
	}
	np := *p // validate a copy first: an edit with errors is left to the full build, which reports them
	np.Source, np.Meta = src, src.Meta
	np.Title, np.Summary, np.Lastmod = src.Meta.Title, src.Meta.Summary, src.Meta.Lastmod
	if np.Lastmod.IsZero() {
		np.Lastmod = np.Date
	}
	if np.Kind == KindWebinar {
		warnings, err := fixWebinarZone(&np)
		if err != nil {
			return nil, nil, false
		}
		diags = append(diags, warnings...)
	}
	if v := validatePage(s.Config, &np); v.HasErrors() {
		return nil, nil, false
	} else {
		diags = append(diags, v...)
	}
	res := s.renderCached(md, cache, &np, src)
	if res.Diags.HasErrors() {
		return nil, nil, false
	}
	src.Body = nil
	diags = append(diags, res.Diags...)
	np.Content = template.HTML(res.HTML)
	np.Headings, np.Text, np.Links, np.IDs, np.UsesLabels = res.Headings, res.Text, res.Links, res.IDs, res.UsesLabels
	np.Quizzes = quizzes(res.Blocks)
	switch {
	case np.Summary != "":
	case res.SummaryDivider:
		np.Summary = shorten(res.Summary, 600)
	default:
		np.Summary = shorten(res.Summary, 200)
	}
	targets := []*Page{p}
	for _, q := range s.Pages {
		if q.FallbackOf == p {
			targets = append(targets, q)
		}
	}
	for _, q := range targets {
		q.Source, q.Meta, q.Title, q.Summary, q.Lastmod = np.Source, np.Meta, np.Title, np.Summary, np.Lastmod
		q.Content, q.Headings, q.Text, q.Links, q.IDs, q.UsesLabels = np.Content, np.Headings, np.Text, np.Links, np.IDs, np.UsesLabels
		q.Quizzes = np.Quizzes
	}
	for _, q := range s.Pages {
		if q.Of != nil && slices.Contains(targets, q.Of) {
			q.followOf()
		}
	}
	if !s.resort(targets) {
		return nil, diags, false // the new title moves a learning path
	}
	return s.reaching(targets), diags, true
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
	is := map[*Page]bool{}
	langs := map[string]bool{}
	for _, t := range targets {
		is[t] = true
		langs[t.Lang] = true
	}
	anyIn := func(ps []*Page) bool {
		for _, x := range ps {
			if is[x] {
				return true
			}
		}
		return false
	}
	var out []*Page
	for _, q := range s.Pages {
		reach := is[q] || listKinds[q.Kind] && langs[q.Lang] ||
			is[q.Parent] || is[q.Module] || is[q.Prev] || is[q.Next] || is[q.AliasTarget] || is[q.FallbackOf] ||
			anyIn(q.Lessons) || anyIn(q.Pages) || anyIn(q.Related) || anyIn(q.Prereqs) || anyIn(q.Translations) ||
			anyIn(q.Steps) || anyIn(q.Paths)
		for _, m := range q.Steps {
			reach = reach || anyIn(m.Lessons) // a path lists its modules' lessons
		}
		if !reach && q.Of != nil {
			// a module's print and certificate pages show its lessons; a
			// path's certificate names its modules
			reach = is[q.Of] || anyIn(q.Of.Lessons) || anyIn(q.Of.Steps)
		}
		if !reach && q.Module != nil {
			reach = anyIn(q.Module.Lessons) || anyIn(q.Module.Related) || anyIn(q.Module.Prereqs) || anyIn(q.Module.Paths)
		}
		if reach {
			out = append(out, q)
		}
	}
	return out
}
