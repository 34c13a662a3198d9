package cartridge

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// A SCORM or IMS content package often lists one launch page, which leads
// to the others: a table of contents (as oersite's SCORM packages have),
// a frameset, a "next page" link on each page. The pages a listed page
// links to, and that no item lists, are lessons too, each after the page
// that first leads to it (a table of contents' pages in its order). A
// page that only leads to others (the launcher of oersite's SCORM
// package, a frameset, a page of nothing but a frame) is no lesson.

// pageScan is what a package's web page leads to.
type pageScan struct {
	// links: the package's web pages it links to or shows in a frame, in
	// their order, each once, with the words of the first link to each.
	links []pageLink
	// wrapper: the page only leads to others (see above).
	wrapper bool
	// scripted: the page runs scripts; title an authoring tool's title
	// of the page (eXeLearning's .page-title), else its one h1's words.
	scripted bool
	title    string
	docTitle string // its <title>, white space folded
	lang     string // its <html lang>
}

// pageLink is a link to a page of the package.
type pageLink struct {
	path, words string
}

// scan reads the web page at p for what it leads to (once: kept).
func (c *reader) scan(p string) pageScan {
	if s, ok := c.scans[p]; ok {
		return s
	}
	var s pageScan
	defer func() { c.scans[p] = s }()
	data, err := c.read(p)
	if err != nil || data == nil {
		return s
	}
	c.mem[p] = data // the page is read again as a lesson: not unzipped, nor counted, twice
	doc, err := html.Parse(bytes.NewReader(inUTF8(data)))
	if err != nil {
		return s
	}
	if t := find(doc, atom.Title); t != nil {
		s.docTitle = oneLine(text(t))
	}
	seen := map[string]bool{p: true}
	var h1s []string
	pageTitle := ""
	frames, words := 0, 0
	walk(doc, 0, func(n *html.Node) {
		switch {
		case n.Type == html.TextNode && !inside(n, atom.Script, atom.Style, atom.Noscript, atom.Title):
			words += len(strings.Fields(n.Data))
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.Script:
			s.scripted = true
		case pageTitle == "" && hasClass(n, "page-title"):
			pageTitle = oneLine(text(n))
		case n.DataAtom == atom.H1:
			h1s = append(h1s, oneLine(text(n)))
		case n.DataAtom == atom.Frameset:
			s.wrapper = true
		case n.DataAtom == atom.A || n.DataAtom == atom.Iframe || n.DataAtom == atom.Frame:
			key := "src"
			if n.DataAtom == atom.A {
				key = "href"
			}
			target, ok := c.linkedPage(p, attr(n, key))
			if !ok {
				return
			}
			if n.DataAtom != atom.A {
				frames++
			}
			if !seen[target] {
				seen[target] = true
				s.links = append(s.links, pageLink{path: target, words: oneLine(text(n))})
			}
		}
	})
	if s.title = pageTitle; s.title == "" && len(h1s) == 1 {
		s.title = h1s[0]
	}
	if root := find(doc, atom.Html); root != nil {
		s.lang = attr(root, "lang")
	}
	body := find(doc, atom.Body)
	s.wrapper = s.wrapper || (frames > 0 && words == 0) ||
		((c.fromOersite || oersite(doc)) && body != nil && hasClass(body, "launcher"))
	return s
}

// inside says whether n is within an element of one of the kinds.
func inside(n *html.Node, kinds ...atom.Atom) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		for _, k := range kinds {
			if a.DataAtom == k {
				return true
			}
		}
	}
	return false
}

// linkedPage is the package's web page an address in the page at p
// leads to; false for another host's, a file of another kind, or one the
// package does not hold.
func (c *reader) linkedPage(p, v string) (string, bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, "#?"); i >= 0 {
		v = v[:i]
	}
	u, err := url.Parse(v)
	if v == "" || err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(v, "$") || strings.HasPrefix(v, "/") {
		return "", false
	}
	rel, err := url.PathUnescape(v)
	if err != nil {
		return "", false
	}
	target := path.Clean(path.Join(path.Dir(p), rel))
	if !isPage(target) || strings.HasPrefix(target, "../") || !c.has(target) {
		return "", false
	}
	return target, true
}

// linkedPages lists the pages start leads to that no item lists and no
// module has taken, depth first: each page, then the pages it leads to,
// then the next link of the page before it. It takes them.
func (c *reader) linkedPages(start string) []pageLink {
	type level struct {
		links []pageLink
		next  int
	}
	var out []pageLink
	stack := []*level{{links: c.scan(start).links}}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		if top.next == len(top.links) {
			stack = stack[:len(stack)-1]
			continue
		}
		l := top.links[top.next]
		top.next++
		if c.taken[l.path] {
			continue
		}
		c.taken[l.path] = true
		out = append(out, l)
		stack = append(stack, &level{links: c.scan(l.path).links})
	}
	return out
}

// withLinkedPages is the items of a module with, after each page, the
// pages it leads to (see linkedPages) as items of their own.
func (c *reader) withLinkedPages(items []item) []item {
	if c.taken == nil {
		return items // a Moodle backup's or H5P file's pages lead nowhere else
	}
	var out []item
	for _, it := range items {
		out = append(out, it)
		r := c.resources[it.Ref]
		if r == nil || !isPage(r.path()) {
			continue
		}
		for _, l := range c.linkedPages(r.path()) {
			id := "oersite-linked:" + l.path
			c.resources[id] = &resource{ID: id, Type: "webcontent", own: l.path}
			out = append(out, item{Ref: id, Title: c.linkedTitle(l)})
		}
	}
	return out
}

// linkedTitle is a linked page's title: its authoring tool's title of it
// or its one h1, else its <title> without the course's, else the words of
// the link that led to it.
func (c *reader) linkedTitle(l pageLink) string {
	return firstNonEmpty(c.scan(l.path).title, c.withoutCourse(c.pageTitle(l.path)), l.words)
}

// withoutCourse is a page's <title> without the course's title beside it
// ("Hours | Your business page" is "Hours").
func (c *reader) withoutCourse(title string) string {
	course := strings.TrimSpace(c.course.Title)
	if course == "" || title == course {
		return title
	}
	for _, mark := range []string{"|", "-", "–", "—", "·", ":"} {
		sep := " " + mark + " "
		if mark == ":" {
			sep = ": "
		}
		if t, ok := strings.CutSuffix(title, sep+course); ok {
			return strings.TrimSpace(t)
		}
		if t, ok := strings.CutPrefix(title, course+sep); ok {
			return strings.TrimSpace(t)
		}
	}
	return title
}

// takeListed records the pages the items list (and the pages no item
// lists, which a module takes as they are): links lead to none of them.
func (c *reader) takeListed(items []item, loose []item) {
	c.taken = map[string]bool{}
	var listed []item
	flatten(items, 0, &listed)
	for _, it := range append(listed, loose...) {
		if r := c.resources[it.Ref]; r != nil && isPage(r.path()) {
			c.taken[r.path()] = true
		}
	}
}

// drawnByScripts says whether the package's pages are drawn by an
// authoring tool's player (Articulate Storyline's story_content/, Rise
// 360's scormcontent/lib/ when its course data cannot be read (see
// rise.go), Adobe Captivate's assets/js/CPM.js, iSpring's
// data/player.js): their pages hold no text of the course, only what
// the player says when it cannot start ("This course cannot be played").
func (c *reader) drawnByScripts() bool {
	for name := range c.names() {
		if strings.HasPrefix(name, "story_content/") || strings.HasPrefix(name, "scormcontent/lib/") ||
			strings.HasSuffix(name, "assets/js/CPM.js") || name == "data/player.js" {
			return true
		}
	}
	return false
}

// inUTF8 is a web page's bytes in UTF-8: a page of an older package in
// another encoding (Windows-1252, ISO-8859-1, as its <meta> says, or its
// byte order mark) is decoded, not read as broken letters.
func inUTF8(page []byte) []byte {
	if utf8.Valid(page) {
		return page
	}
	enc, _, _ := charset.DetermineEncoding(page, "text/html")
	if out, err := enc.NewDecoder().Bytes(page); err == nil {
		return out
	}
	return page
}

// siteStart is the first page of a web site in a zip (as eXeLearning
// exports a "web site", or a folder of HTML pages zipped): its index.html,
// at the root or in the one folder that holds everything; "" for none.
func (c *reader) siteStart() string {
	if c.has("index.html") {
		return "index.html"
	}
	top := ""
	for name := range c.names() {
		dir, _, ok := strings.Cut(name, "/")
		if !ok || (top != "" && dir != top) {
			return ""
		}
		top = dir
	}
	if top != "" && c.has(top+"/index.html") {
		return top + "/index.html"
	}
	return ""
}

// readSite reads a web site as one module: its first page a lesson, and
// so every page it leads to (see linkedPages), titled by the site's first
// page.
func (c *reader) readSite(start string) (*Course, error) {
	c.taken = map[string]bool{}
	c.htmlChecks = true
	c.course.Title = firstNonEmpty(c.pageTitle(start), strings.TrimSuffix(path.Base(path.Dir(start)), "."), "Course")
	c.course.Language = languageCode(c.scan(start).lang)
	const id = "oersite-site-start"
	c.resources[id] = &resource{ID: id, Type: "webcontent", own: start}
	if err := c.modules([]item{{Ref: id, Title: c.scan(start).title}}, nil); err != nil {
		return nil, err
	}
	return c.course, nil
}
