package site

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
)

// This file holds what the site does with front matter written for other
// generators: dates that schedule a page, Hugo's url, titles taken from
// the body or the file name, and menu entries.

// scheduled reports why a page is not published at the build date: its
// (publish) date is later and future pages are not wanted, or it expired
// and expired pages are not wanted. Nothing scheduled for later is
// published by accident.
func scheduled(src *content.Source, opt Options) (diag.Diagnostic, bool) {
	m := src.Meta
	if nb := m.NotBefore(); !opt.Future && !nb.IsZero() && opt.Horizon.After(nb, opt.Now) {
		key := "date"
		if !m.PublishDate.IsZero() {
			key = "publishDate"
		}
		return diag.Warnf(src.Path, m.Lines[key], "build with --future to publish it now", "not published: its %s (%s) is after the build date", key, nb.Format("2 January 2006")), true
	}
	if !opt.Expired && !m.ExpiryDate.IsZero() && !opt.Horizon.After(m.ExpiryDate, opt.Now) {
		return diag.Warnf(src.Path, m.Lines["expiryDate"], "build with --expired to publish it anyway, or remove expiryDate", "not published: it expired on %s", m.ExpiryDate.Format("2 January 2006")), true
	}
	return diag.Diagnostic{}, false
}

// pageURL turns Hugo's url front matter into the page's address inside its
// language: "/about-us/" is published at <lang>/about-us/, "/old/page.html"
// at <lang>/old/page.html. Segments are cleaned like slugs.
func pageURL(lang, raw string) (string, error) {
	a := strings.TrimSpace(raw)
	if strings.Contains(a, "://") || strings.HasPrefix(a, "//") {
		return "", fmt.Errorf("url %q is a web address; url is the page's path on this site", raw)
	}
	var segs []string
	for i, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == "" || i == 0 && seg == lang {
			continue
		}
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("url %q climbs out of the site", raw)
		}
		s, err := slugify(seg)
		if err != nil {
			return "", fmt.Errorf("url %q: %v", raw, err)
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return "", fmt.Errorf("url %q is the language's home page", raw)
	}
	p := lang + "/" + strings.Join(segs, "/")
	if strings.HasSuffix(p, ".html") {
		return p, nil
	}
	return p + "/", nil
}

// titleFromFile makes a title from a page's file name, as MkDocs does:
// "getting-started.md" -> "Getting started"; an index takes its folder's name.
func titleFromFile(rel string) string {
	base := path.Base(rel)
	name := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
	if name == "index" || name == "_index" || name == "README" || name == "readme" {
		if d := path.Base(path.Dir(rel)); d != "." && d != "/" {
			name = d
		}
	}
	name = strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name)), " ")
	if r, n := utf8.DecodeRuneInString(name); n > 0 {
		name = string(unicode.ToUpper(r)) + name[n:]
	}
	return name
}

// untitledHint is what to do about a page without a title.
const untitledHint = `add a line such as title: "Writing posts people read" to the front matter`

// titleFor settles the title of a page whose front matter has none: its
// first # heading, else its file name, with a warning saying which.
func titleFor(p *Page, fromHeading string) diag.Diagnostic {
	if fromHeading != "" {
		p.Title = fromHeading
		return diag.Warnf(p.Source.Path, 0, untitledHint, "the page has no title: its first heading, %q, is used", fromHeading)
	}
	p.Title = titleFromFile(p.Source.Rel)
	return diag.Warnf(p.Source.Path, 0, untitledHint, "the page has no title: %q, made from its file name, is used", p.Title)
}

// sectionIndexes finds the index.md files that other generators mean as a
// section's page (_index.md in Hugo's words): the language root's, when
// there is no _index.md, and a first-level folder's, when the folder holds
// other pages and no _index.md. A folder's index.md without other pages
// stays a page of its own (Hugo's page bundle), as do modules.
func sectionIndexes(sources []*content.Source) map[*content.Source]bool {
	type folder struct{ lang, dir string }
	index := map[folder]*content.Source{}
	hasIndex := map[folder]bool{} // an _index.md is there
	pages := map[folder]bool{}    // other pages are there
	for _, src := range sources {
		dir, base := path.Split(src.Rel)
		dir = strings.TrimSuffix(dir, "/")
		top, _, _ := strings.Cut(src.Rel, "/")
		f := folder{src.Lang, dir}
		switch {
		case base == "_index.md":
			hasIndex[f] = true
		case base == "index.md" && !strings.Contains(dir, "/") && top != "modules":
			index[f] = src
		}
		if dir != "" && src.Rel != top+"/index.md" && src.Rel != top+"/_index.md" {
			pages[folder{src.Lang, top}] = true
		}
	}
	out := map[*content.Source]bool{}
	for f, src := range index {
		if hasIndex[f] || src.Meta.Type != "" {
			continue
		}
		if f.dir == "" || pages[f] {
			out[src] = true
		}
	}
	return out
}

// MenuEntry is a page in a menu of its language, from its front matter.
type MenuEntry struct {
	Page   *Page
	Name   string // the entry's text (the page's title when front matter gives none)
	Weight int
}

// addMenuEntries collects the pages that put themselves in the main menu;
// other menus (sidebars of other themes) are reported: this theme has one.
func (s *Site) addMenuEntries() diag.List {
	var diags diag.List
	for _, p := range s.Pages {
		if p.Source == nil || p.Kind == KindAlias {
			continue
		}
		for _, e := range p.Meta.Menus {
			own := p.FallbackOf == nil // fallback copies join their language's menu, reported once
			if e.Menu != "main" {
				if !own {
					continue
				}
				diags.Add(diag.Warnf(p.Source.Path, e.Line, "oersite has one menu, main; list other links in [[menus.main]] or [[footer.links]] of config.toml",
					"menu %q is not shown by the theme: the page is not added to it", e.Menu))
				continue
			}
			if e.Parent != "" && own {
				diags.Add(diag.Warnf(p.Source.Path, e.Line, "the main menu has one level", "menu parent %q ignored: the page is a top entry of the main menu", e.Parent))
			}
			name := e.Name
			if name == "" {
				name = p.Title
			}
			ls := s.Langs[p.Lang]
			ls.Menu = append(ls.Menu, MenuEntry{Page: p, Name: name, Weight: e.Weight})
		}
	}
	return diags
}

// param returns a page parameter, else a site parameter ([params] in
// config.toml), by name; a dotted name reaches into tables ("a.b").
func (s *Site) param(p *Page) func(string) (string, bool) {
	return func(name string) (string, bool) {
		for _, m := range []map[string]any{p.Meta.Params, s.Config.Params} {
			if v, ok := lookupParam(m, name); ok {
				return v, true
			}
		}
		return "", false
	}
}

func lookupParam(m map[string]any, name string) (string, bool) {
	var cur any = m
	for _, part := range strings.Split(name, ".") {
		t, ok := cur.(map[string]any)
		if !ok {
			return "", false
		}
		v, found := t[part]
		if !found {
			for k, kv := range t {
				if strings.EqualFold(k, part) {
					v, found = kv, true
					break
				}
			}
		}
		if !found {
			return "", false
		}
		cur = v
	}
	switch x := cur.(type) {
	case map[string]any, []any, nil:
		return "", false
	case string:
		return x, true
	default:
		return fmt.Sprint(x), true
	}
}
