package cartridge

import (
	"bytes"
	"cmp"
	"encoding/json"
	"html"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// An Adapt Learning course (adaptlearning.org: the open-source framework
// and its authoring tool; its SCORM package or its web build) is drawn in
// the browser by Adapt's scripts from the course's data: JSON files in
// course/<language>/ (course.json, contentObjects.json, articles.json,
// blocks.json, components.json), objects of one tree: the course, its
// menus and pages, a page's articles, an article's blocks, a block's
// components, each of a kind (_component: text, graphic, accordion, mcq…).
// The reader makes each page a lesson of its articles, blocks and
// components in their order, as the page shows them unfolded: texts,
// pictures and videos where they are, what learners open or turn over
// (accordions, tabs, flip cards, hot graphics) as disclosures, questions
// as knowledge checks, tasks with their solution to open. A menu starts a
// module of the pages under it; the pages beside menus make a module named
// after the course. What a learner sees is an object's displayTitle (its
// title is the author's name for it, "New Component Title"; a page's is
// its menu entry, which names the page when it shows no title).

// adaptObject is an object of the course's tree, with what every kind
// has; raw is the whole object, read again for what its kind adds.
type adaptObject struct {
	ID           string     `json:"_id"`
	ParentID     string     `json:"_parentId"`
	Type         string     `json:"_type"`
	Component    string     `json:"_component"`
	Title        string     `json:"title"`
	DisplayTitle string     `json:"displayTitle"`
	Body         string     `json:"body"`
	Description  string     `json:"description"`
	Instruction  string     `json:"instruction"`
	SortOrder    *h5pNumber `json:"_sortOrder"` // the order of older authoring tools' exports
	Available    *h5pBool   `json:"_isAvailable"`
	Hidden       h5pBool    `json:"_isHidden"`
	raw          json.RawMessage
}

// adaptCourse is an Adapt course's data in one language: its course
// object and every other object under its parent, in order.
type adaptCourse struct {
	course   *adaptObject
	children map[string][]*adaptObject
	byID     map[string]*adaptObject
	lang     string // the language folder's name: en, fr, de
	root     string // where course/ is: "" or a folder's name and "/"
}

// adaptKinds are the kinds of object the reader takes.
var adaptKinds = map[string]bool{"course": true, "menu": true, "page": true, "article": true, "block": true, "component": true}

// errAdaptOther and errAdaptLanguages name what an Adapt course holds that
// its pages do not.
var (
	errAdaptOther     = diag.Phrasef("Adapt components a page cannot hold (custom templates, games): %s", "")
	errAdaptLanguages = diag.Phrasef("the course's other languages (import it again with --lang to read one): %s", "")
)

// adaptData is the course's data in its default language (config.json's
// _defaultLanguage, else the first language it has), found at the root of
// the package or in its one top folder; false for a package that is no
// Adapt course or holds no page.
func (c *reader) adaptData() (*adaptCourse, bool) {
	roots := []string{""}
	for name := range c.names() {
		if dir, rest, ok := strings.Cut(name, "/"); ok && rest == "course/config.json" {
			roots = append(roots, dir+"/")
		}
	}
	for _, root := range roots {
		if !c.has(root + "course/config.json") {
			continue
		}
		langs := c.adaptLanguages(root)
		if len(langs) == 0 {
			continue
		}
		var config struct {
			Default string `json:"_defaultLanguage"`
		}
		if data, err := c.read(root + "course/config.json"); err == nil {
			_ = decodeParams(data, &config)
		}
		lang := langs[0]
		for _, want := range []string{strings.TrimSpace(config.Default), c.opt.Language} {
			if i := slices.IndexFunc(langs, func(l string) bool { return sameLanguage(l, want) }); i >= 0 {
				lang = langs[i]
			}
		}
		a := c.adaptObjects(root, lang)
		if a == nil {
			continue
		}
		for _, other := range langs {
			if other != lang {
				c.leftNamed(errAdaptLanguages, other)
			}
		}
		return a, true
	}
	return nil, false
}

// sameLanguage says whether a course's language folder (de, fr-FR, en_gb)
// is the language want names (de, fr, en-GB): the same, or one of them
// the other's regional form; never for want "".
func sameLanguage(folder, want string) bool {
	f, w := strings.ToLower(languageCode(folder)), strings.ToLower(languageCode(want))
	if w == "" {
		return false
	}
	fBase, _, _ := strings.Cut(f, "-")
	wBase, _, _ := strings.Cut(w, "-")
	return f == w || fBase == w || f == wBase
}

// adaptLanguages are the folders of course/ that hold a course's data
// (a JSON file at their top), sorted.
func (c *reader) adaptLanguages(root string) []string {
	var langs []string
	prefix := root + "course/"
	for name := range c.names() {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		lang, file, ok := strings.Cut(rest, "/")
		if ok && !strings.Contains(file, "/") && strings.HasSuffix(file, ".json") && !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
	}
	slices.Sort(langs)
	return langs
}

// adaptObjects reads every JSON file at the top of the language's folder
// (the framework's five, or those a newer build lists in
// language_data_manifest.js): each an object or a list of them, taken by
// their _type. Nil when they hold no course and page.
func (c *reader) adaptObjects(root, lang string) *adaptCourse {
	a := &adaptCourse{children: map[string][]*adaptObject{}, byID: map[string]*adaptObject{}, lang: lang, root: root}
	prefix := root + "course/" + lang + "/"
	var files []string
	for name := range c.names() {
		if rest, ok := strings.CutPrefix(name, prefix); ok && !strings.Contains(rest, "/") && strings.HasSuffix(rest, ".json") {
			files = append(files, name)
		}
	}
	slices.Sort(files)
	pages := 0
	for _, f := range files {
		data, err := c.read(f)
		if err != nil || data == nil {
			continue
		}
		var raws []json.RawMessage
		if data = bytes.TrimSpace(data); len(data) > 0 && data[0] == '{' {
			raws = []json.RawMessage{data}
		} else if json.Unmarshal(data, &raws) != nil {
			continue
		}
		for _, raw := range raws {
			o := &adaptObject{raw: raw}
			if !decodeParams(raw, o) || !adaptKinds[o.Type] || o.Available != nil && !bool(*o.Available) {
				continue
			}
			if o.Type == "course" {
				if a.course == nil {
					a.course = o
				}
				continue
			}
			if o.Type == "page" {
				pages++
			}
			a.children[o.ParentID] = append(a.children[o.ParentID], o)
			if o.ID != "" {
				a.byID[o.ID] = o
			}
		}
	}
	if a.course == nil || pages == 0 {
		return nil
	}
	for id, kids := range a.children {
		if slices.IndexFunc(kids, func(o *adaptObject) bool { return o.SortOrder == nil }) < 0 {
			slices.SortStableFunc(kids, func(x, y *adaptObject) int { return cmp.Compare(*x.SortOrder, *y.SortOrder) })
			a.children[id] = kids
		}
	}
	return a
}

// top is the course's own children: under "course", as the framework
// names it, or under its id (older authoring tools').
func (a *adaptCourse) top() []*adaptObject {
	if kids := a.children["course"]; len(kids) > 0 || a.course.ID == "" {
		return kids
	}
	return a.children[a.course.ID]
}

// pagesUnder are the pages under a menu, sub-menus' in their place, each
// page and menu once (ids are the data's: two objects may claim one, or
// be each other's parent).
func (a *adaptCourse) pagesUnder(id string, seen map[*adaptObject]bool) []*adaptObject {
	var pages []*adaptObject
	for _, o := range a.children[id] {
		if seen[o] {
			continue
		}
		seen[o] = true
		switch o.Type {
		case "page":
			pages = append(pages, o)
		case "menu":
			pages = append(pages, a.pagesUnder(o.ID, seen)...)
		}
	}
	return pages
}

// adaptGroup is a module to be: its title, its menu's words, its pages.
type adaptGroup struct {
	title, intro string
	pages        []*adaptObject
}

// readAdapt reads an Adapt course (see above).
func (c *reader) readAdapt(a *adaptCourse) (*Course, error) {
	co := a.course
	c.course.Title = strings.TrimSpace(firstNonEmpty(plainText(co.DisplayTitle), plainText(co.Title), "Adapt"))
	c.course.Language = languageCode(a.lang)
	var groups []*adaptGroup
	var loose *adaptGroup // the pages beside menus, where the first of them is
	seen := map[*adaptObject]bool{}
	for _, o := range a.top() {
		if seen[o] {
			continue
		}
		seen[o] = true
		switch o.Type {
		case "page":
			if loose == nil {
				loose = &adaptGroup{title: c.course.Title}
				groups = append(groups, loose)
			}
			loose.pages = append(loose.pages, o)
		case "menu":
			groups = append(groups, &adaptGroup{title: firstNonEmpty(adaptTitle(o), c.course.Title), intro: o.Body, pages: a.pagesUnder(o.ID, seen)})
		}
	}
	r := &adaptReader{h5pReader: h5pReader{c: c, dir: a.root}, a: a, paths: map[*adaptObject]string{}, shown: seen}
	r.adaptFileNames()
	for _, g := range groups { // every page's path first: links between pages point at them
		for _, p := range g.pages {
			r.pages++
			r.paths[p] = a.root + h5pPageName + strconv.Itoa(r.pages) + ".html"
		}
	}
	var folders []item
	for i, g := range groups {
		folder := item{Title: g.title}
		intro := r.links(adaptHTML(g.intro))
		if i == 0 {
			intro = r.links(adaptHTML(firstNonEmpty(strings.TrimSpace(co.Body), co.Description))) + intro
		}
		if plainText(intro) != "" {
			p := a.root + h5pPageName + "intro-" + strconv.Itoa(i+1) + ".label"
			folder.Items = append(folder.Items, c.moodleText(p, moodleLabel, "", wellFormed(intro, "")))
		}
		for _, p := range g.pages {
			if it, ok := r.page(p); ok {
				folder.Items = append(folder.Items, it)
			}
		}
		if len(folder.Items) > 0 {
			folders = append(folders, folder)
		}
	}
	if len(folders) == 0 {
		return c.course, nil
	}
	return c.course, c.modules([]item{{Items: folders}}, nil)
}

// adaptTitle is the title an object shows (plain text): its displayTitle,
// or a page's or menu's menu entry.
func adaptTitle(o *adaptObject) string {
	if t := strings.TrimSpace(plainText(o.DisplayTitle)); t != "" || o.Type != "page" && o.Type != "menu" {
		return t
	}
	return strings.TrimSpace(plainText(o.Title))
}

// adaptReader makes the pages of an Adapt course with the H5P reader's
// pages, pictures and knowledge checks.
type adaptReader struct {
	h5pReader
	a     *adaptCourse
	paths map[*adaptObject]string // each page's path (by the object: the data's ids may repeat)
	// shown: the objects placed, each once (see pagesUnder)
	shown map[*adaptObject]bool
}

// page makes a page's lesson: its text, then its articles'.
func (r *adaptReader) page(p *adaptObject) (item, bool) {
	title := firstNonEmpty(adaptTitle(p), r.c.course.Title)
	pg := &h5pPage{title: title}
	r.text(pg, r.links(adaptHTML(p.Body)))
	for _, art := range r.a.children[p.ID] {
		r.object(pg, art, 2, 0)
	}
	r.flush(pg)
	if strings.TrimSpace(pg.b.String()) == "" {
		return item{}, false
	}
	return r.c.moodleText(r.paths[p], "webcontent", title, pg.b.String()), true
}

// object adds an article, block or component under a heading of level
// (its title, when it shows one), then its children a level further.
func (r *adaptReader) object(pg *h5pPage, o *adaptObject, level, depth int) {
	if bool(o.Hidden) || depth > maxH5PDepth || r.shown[o] {
		return
	}
	r.shown[o] = true
	if o.Type == "component" {
		r.component(pg, o, level)
		return
	}
	if title := adaptTitle(o); title != "" {
		r.heading(pg, level, title)
		pg.section = title
		level++
	}
	r.textAt(pg, r.links(adaptHTML(o.Body)), level)
	for _, kid := range r.a.children[o.ID] {
		r.object(pg, kid, level, depth+1)
	}
}

// adaptLink is a link of the course to one of its places (#/id/<id>):
// a page, or an article, block or component on one.
var adaptLink = regexp.MustCompile(`href="#/id/([^"/]+)"`)

// links points a text's links to places of the course at their pages.
func (r *adaptReader) links(s string) string {
	if !strings.Contains(s, "#/id/") {
		return s
	}
	return adaptLink.ReplaceAllStringFunc(s, func(m string) string {
		id := adaptLink.FindStringSubmatch(m)[1]
		for o, depth := r.a.byID[id], 0; o != nil && depth < maxH5PDepth; o, depth = r.a.byID[o.ParentID], depth+1 {
			if p, ok := r.paths[o]; ok {
				return `href="` + html.EscapeString(path.Base(p)) + `"`
			}
		}
		return m
	})
}
