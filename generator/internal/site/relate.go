package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/oersite/oersite/generator/internal/diag"
)

// generatePages adds the pages no file describes: missing homes and section
// pages, the search and 404 pages, and the root language chooser.
func (s *Site) generatePages() {
	for _, l := range s.Languages {
		ls := s.Langs[l.Code]
		if s.byKey[l.Code]["_home"] == nil {
			s.addPage(&Page{Kind: KindHome, Lang: l.Code, URL: l.Code + "/", Key: "_home", Title: l.Title})
		}
		ls.Home = s.byKey[l.Code]["_home"]
		sections := map[string]bool{}
		for _, p := range s.Pages {
			if p.Lang == l.Code && p.Section != "" {
				sections[p.Section] = true
			}
		}
		for _, name := range sortedSet(sections) {
			key := "_section/" + name
			if s.byKey[l.Code][key] == nil && s.sectionIndex(l.Code, name) == nil && s.urls[l.Code+"/"+name+"/"] == nil {
				// (a folder's index.md alone is a page at the section's address: no list there)
				s.addPage(&Page{Kind: KindSection, Lang: l.Code, Section: name, URL: l.Code + "/" + name + "/", Key: key, Title: name})
				s.sections = nil
			}
		}
		if !s.Config.Search.Disabled {
			ls.Search = &Page{Kind: KindSearch, Lang: l.Code, URL: l.Code + "/search/", Key: "_search"}
			s.addPage(ls.Search)
		}
		ls.NotFound = &Page{Kind: KindNotFound, Lang: l.Code, URL: l.Code + "/404.html", Key: "_404"}
		s.addPage(ls.NotFound)
	}
	s.addPage(&Page{Kind: KindNotFound, Lang: s.Config.DefaultLanguage, URL: "404.html", Key: ""})
	s.addPage(&Page{Kind: KindLanguages, Lang: s.Config.DefaultLanguage, URL: "", Key: ""})
}

// sectionIndex finds a section page of lang by its section name, whatever its key.
func (s *Site) sectionIndex(lang, name string) *Page {
	if s.sections == nil {
		s.sections = map[string]*Page{}
		for _, p := range s.Pages {
			if p.Kind == KindSection && strings.Count(strings.TrimPrefix(p.URL, p.Lang+"/"), "/") == 1 {
				s.sections[p.Lang+"/"+p.Section] = p
			}
		}
	}
	return s.sections[lang+"/"+name]
}

// relate links pages to each other: translations, sections, modules and
// lessons, related modules, attachments, webinars.
func (s *Site) relate() diag.List {
	var diags diag.List
	s.linkTranslations()
	for _, p := range s.Pages {
		if p.Kind == KindSection || p.Kind == KindHome {
			continue
		}
		diags = append(diags, s.place(p)...)
	}
	for _, p := range s.Pages {
		diags = append(diags, s.linkRelated(p)...)
		if p.Kind == KindModule || p.Kind == KindResource {
			diags = append(diags, s.attachFiles(p)...)
		}
	}
	return diags
}

// linkTranslations links every page to the pages with its translation key
// in the other languages, in the order of the languages in config.
func (s *Site) linkTranslations() {
	groups := map[string][]*Page{}
	for _, p := range s.Pages {
		if p.Key != "" && p.FallbackOf == nil {
			groups[p.Key] = append(groups[p.Key], p)
		}
	}
	order := map[string]int{}
	for i, l := range s.Languages {
		order[l.Code] = i
	}
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool { return order[g[i].Lang] < order[g[j].Lang] })
		for _, p := range g {
			for _, o := range g {
				if o != p {
					p.Translations = append(p.Translations, o)
				}
			}
		}
	}
}

// place puts a page (not a home or section page) in its section's list, in
// its language's list of its kind, a lesson under its module; it counts the
// language's translated pages and finds its request form page.
func (s *Site) place(p *Page) diag.List {
	var diags diag.List
	ls := s.Langs[p.Lang]
	if p.Section != "" && p.Kind != KindLesson {
		if sec := s.sectionIndex(p.Lang, p.Section); sec != nil && p.Kind != KindSearch && p.Kind != KindNotFound {
			p.Parent = sec
			sec.Pages = append(sec.Pages, p)
		}
	}
	if list := ls.kindList(p); list != nil {
		*list = append(*list, p)
	}
	if p.Kind == KindLesson {
		diags = s.attachLesson(p)
	}
	if p.FallbackOf == nil && p.Source != nil {
		ls.Translated++
	}
	if p.Layout == "request" {
		ls.Request = p
	}
	return diags
}

// kindList is the language's list that holds pages of p's kind (webinars:
// upcoming or past), nil when none does.
func (ls *LangSite) kindList(p *Page) *[]*Page {
	switch p.Kind {
	case KindModule:
		return &ls.Modules
	case KindResource:
		return &ls.Resources
	case KindStory:
		return &ls.Stories
	case KindPath:
		return &ls.Paths
	case KindWebinar:
		if p.IsUpcoming() {
			return &ls.Upcoming
		}
		return &ls.Past
	}
	return nil
}

// attachLesson puts a lesson under its module. A fallback lesson (the
// original shown in another language) goes under its module's translation,
// or, when the module in that language is not linked to the original (a
// translationKey on one side only), under the module that readers of that
// language find at the module's address.
func (s *Site) attachLesson(p *Page) diag.List {
	var mod *Page
	if o := p.FallbackOf; o != nil {
		om := o.Module
		if om == nil {
			om = s.byRel[o.Lang][lessonModuleRel(o)]
		}
		if om != nil {
			if mod = om.Translation(p.Lang); mod == nil {
				mod = s.urls[p.Lang+"/"+strings.TrimPrefix(om.URL, om.Lang+"/")]
			}
		}
	} else {
		mod = s.byRel[p.Lang][lessonModuleRel(p)]
	}
	if mod == nil {
		if p.FallbackOf != nil {
			return nil
		}
		return diag.List{diag.Errorf(p.Source.Path, 0, diag.Hintf("add %s describing the module", path.Join("content", p.Lang, lessonModuleRel(p))),
			"lesson has no module: %s is missing or could not be read", lessonModuleRel(p))}
	}
	p.Module, p.Parent = mod, mod
	mod.Lessons = append(mod.Lessons, p)
	return nil
}

func lessonModuleRel(p *Page) string {
	parts := strings.Split(p.Source.Rel, "/")
	if len(parts) < 3 {
		return ""
	}
	return "modules/" + parts[1] + "/index.md"
}

// linkRelated resolves module slugs named in front matter (prerequisites, modules).
func (s *Site) linkRelated(p *Page) diag.List {
	var diags diag.List
	find := func(key string, slugs []string) []*Page {
		var out []*Page
		for _, slug := range slugs {
			m := s.ModuleBySlug(p.Lang, slug)
			if m == nil {
				if m = s.ModuleBySlug(s.Config.DefaultLanguage, slug); m != nil {
					m = m.Translation(p.Lang)
				}
			}
			if m == nil {
				if p.FallbackOf == nil && p.Source != nil {
					diags.Add(diag.Errorf(p.Source.Path, p.Meta.Lines[key], diag.Hintf("use the folder name of a module under content/%s/modules/", p.Lang), "%s names module %q, which does not exist", key, slug))
				}
				continue
			}
			out = append(out, m)
		}
		return out
	}
	switch p.Kind {
	case KindModule:
		p.Prereqs = find("prerequisites", p.Meta.Prerequisites)
	case KindWebinar, KindResource, KindStory:
		p.Related = find("modules", p.Meta.Modules)
	case KindPath:
		p.Steps = find("modules", p.Meta.Modules)
	}
	return diags
}

// attachFiles lists a module's or resource's files, refusing names that do not exist.
func (s *Site) attachFiles(p *Page) diag.List {
	var diags diag.List
	src := p.Source
	dir := path.Dir(src.Rel)
	add := func(key, file, title string) {
		u, ok := s.findAsset(p.Lang, path.Join(dir, file))
		if !ok || strings.Contains(file, "..") {
			if p.FallbackOf == nil {
				diags.Add(diag.Errorf(src.Path, p.Meta.Lines[key], diag.Hintf("put the file beside %s or fix its name", path.Base(src.Rel)), "attachment %q not found", file))
			}
			return
		}
		size := s.assetFiles[u].Size
		if title == "" {
			title = path.Base(file)
		}
		p.Attachments = append(p.Attachments, Attachment{Title: title, URL: u, Ext: strings.TrimPrefix(path.Ext(file), "."), Size: size})
	}
	if p.Kind == KindResource && p.Meta.File != "" {
		add("file", p.Meta.File, p.Title)
	}
	for _, a := range p.Meta.Attachments {
		add("attachments", a.File, a.Title)
	}
	return diags
}

// finishLists sorts every list, links lessons to their neighbours and modules to their webinars and resources.
func (s *Site) finishLists() {
	for _, p := range s.Pages {
		chainLessons(p)
		if len(p.Pages) > 0 {
			if p.Section == "webinars" {
				sortByStart(p.Pages, true)
			} else {
				sortPages(p.Pages)
			}
		}
		if p.Kind == KindWebinar || p.Kind == KindResource {
			for _, m := range p.Related {
				m.Related = append(m.Related, p)
			}
		}
	}
	s.listSections()
	for _, ls := range s.Langs {
		ls.finishLists()
	}
	for _, p := range s.Pages {
		if p.Kind == KindModule {
			sortPages(p.Related)
		}
	}
}

// listSections records each language's section pages (the first page of a
// paginated one) by section name.
func (s *Site) listSections() {
	for _, p := range s.Pages {
		if p.Kind == KindSection && p.Pager == nil || p.Kind == KindSection && p.Pager.Number == 1 {
			if sec := s.sectionIndex(p.Lang, p.Section); sec == p {
				s.Langs[p.Lang].Sections[p.Section] = p
			}
		}
	}
}

// chainLessons sorts a module's lessons and links each to its neighbours.
func chainLessons(p *Page) {
	if len(p.Lessons) == 0 {
		return
	}
	sortLessons(p.Lessons)
	for i, l := range p.Lessons {
		if i > 0 {
			l.Prev = p.Lessons[i-1]
		}
		if i+1 < len(p.Lessons) {
			l.Next = p.Lessons[i+1]
		}
	}
}

// finishLists sorts a language's lists of modules, resources, stories,
// paths and webinars, and links each module to the paths it is a step of.
func (ls *LangSite) finishLists() {
	sortPages(ls.Modules)
	sortPages(ls.Resources)
	sortPages(ls.Stories)
	sortPages(ls.Paths)
	for _, path := range ls.Paths {
		for _, m := range path.Steps {
			m.Paths = append(m.Paths, path)
		}
	}
	sortByStart(ls.Upcoming, false)
	sortByStart(ls.Past, true)
}

func sortByStart(ps []*Page, newestFirst bool) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Meta.Start, ps[j].Meta.Start
		if !a.Equal(b) {
			return a.Before(b) != newestFirst
		}
		return ps[i].URL < ps[j].URL
	})
}

// addAliases writes redirect pages for the old addresses a page lists. An
// address that is a page's stays that page's; one that two pages claim
// redirects to the first by file path. Both are reported, naming the other
// file, and the build goes on (as Hugo's does).
func (s *Site) addAliases() diag.List {
	var diags diag.List
	claimed := map[string]*Page{} // alias address -> the page it redirects to
	var aliases []*Page
	for _, p := range s.Pages {
		if p.FallbackOf != nil || p.Source == nil {
			continue
		}
		for _, a := range p.Meta.Aliases {
			if isName(a) {
				diags.Add(diag.Warnf(p.Source.Path, p.Meta.Lines["aliases"], "to redirect an old address, write its path, such as /old-section/old-page/; a name may stay",
					"alias %q is a name, as Obsidian writes aliases, not an address of this site: no redirect is made for it", strings.TrimSpace(a)))
				continue
			}
			u, err := cleanAlias(p.Lang, a)
			if err != nil {
				diags.Add(diag.Errorf(p.Source.Path, p.Meta.Lines["aliases"], "write an old path of this site, such as /old-section/old-page/", "%v", err))
				continue
			}
			if page := s.urls[u]; page != nil {
				if page != p {
					diags.Add(diag.Warnf(p.Source.Path, p.Meta.Lines["aliases"], "remove the alias, or move the other page", "alias /%s ignored: it is the address of %s", u, pageFile(page)))
				}
				continue
			}
			if first := claimed[u]; first != nil {
				if first != p {
					diags.Add(diag.Warnf(p.Source.Path, p.Meta.Lines["aliases"], "remove the alias from one of the two pages", "alias /%s ignored: %s claims it first", u, first.Source.Path))
				}
				continue
			}
			claimed[u] = p
			aliases = append(aliases, &Page{Kind: KindAlias, Lang: p.Lang, URL: u, AliasTarget: p, Title: p.Title})
		}
	}
	for _, a := range aliases {
		s.addPage(a)
	}
	return diags
}

// isName says whether an alias is another name of the page (Obsidian's
// aliases: "Shop hours"), not an old address (Hugo's: /old/page/): it
// has a space, which no address of a site has, and no slash.
func isName(alias string) bool {
	a := strings.TrimSpace(alias)
	return strings.ContainsFunc(a, unicode.IsSpace) && !strings.Contains(a, "/")
}

// pageFile names a page for messages: its file, or its address.
func pageFile(p *Page) string {
	if p.Source != nil {
		return p.Source.Path
	}
	return "/" + p.URL
}

// fixWebinarZone reads a start time written without an offset in the webinar's
// own time zone, and carries every start in that zone, so that pages can say
// "18:00 in London" and not the offset's "18:00 UTC". A start whose offset is
// not its zone's on that date gets a warning: one of the two is a mistake.
func fixWebinarZone(p *Page) (diag.List, error) {
	if p.Meta.Timezone == "" || p.Meta.Start.IsZero() {
		return nil, nil
	}
	loc, err := time.LoadLocation(p.Meta.Timezone)
	if err != nil {
		return nil, err
	}
	own := *p.Meta // the source's front matter stays as written
	p.Meta = &own
	st := p.Meta.Start
	raw, _ := p.Meta.Params["start"].(string)
	if raw != "" && !hasZone(raw) {
		p.Meta.Start = time.Date(st.Year(), st.Month(), st.Day(), st.Hour(), st.Minute(), st.Second(), 0, loc)
		return nil, nil
	}
	p.Meta.Start = st.In(loc)
	_, written := st.Zone()
	if _, zone := p.Meta.Start.Zone(); zone != written && p.Source != nil {
		return diag.List{diag.Warnf(p.Source.Path, p.Meta.Lines["start"],
			diag.Hintf("write the time as it is in %s (%s), or its offset on that date (%s), or fix the timezone line",
				p.Meta.Timezone, p.Meta.Start.Format("2006-01-02T15:04:05-07:00"), utcOffset(zone)),
			"start is %s with offset %s, but %s is at %s on that date: the webinar is shown at %s there",
			st.Format("15:04"), utcOffset(written), p.Meta.Timezone, utcOffset(zone), p.Meta.Start.Format("15:04"))}, nil
	}
	return nil, nil
}

// utcOffset writes an offset in seconds as "+01:00".
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d:%02d", sign, sec/3600, sec%3600/60)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
