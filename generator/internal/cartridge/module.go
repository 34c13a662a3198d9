package cartridge

import (
	"crypto/sha256"
	"encoding/xml"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// moduleState is what a module being read knows: which cartridge pages
// are its lessons (by their path, for links between them), and which files
// it has taken (by path, and their names in its folder).
type moduleState struct {
	m       *Module
	items   []item             // the items that point at a resource, in order
	lessons map[string]*Lesson // a page's path in the cartridge -> its lesson
	files   map[string]string  // a file's path in the cartridge -> its name in the module
	names   map[string]bool    // names taken in the module's folder
	same    map[string]string  // a file's extension and SHA-256 -> its name in the module
	intro   *strings.Builder   // what comes before the first lesson
	after   []*Module          // the modules of packages its items hold (see moodlescorm.go)
}

// placedLesson is a lesson with its module.
type placedLesson struct {
	module *Module
	lesson *Lesson
}

// plan names a folder's module and its lessons, before any page is read: a
// page may link to one after it, in its module or another.
func (c *reader) plan(title string, items []item) *moduleState {
	var flat []item
	flatten(items, 0, &flat)
	flat = c.withLinkedPages(flat)
	ms := &moduleState{m: &Module{Title: title, Name: c.moduleName(title)}, items: flat, lessons: map[string]*Lesson{}, files: map[string]string{},
		same: map[string]string{}, names: map[string]bool{"index.md": true}, intro: &strings.Builder{}}
	for _, it := range flat {
		r := c.resources[it.Ref]
		if r == nil || !isPage(r.path()) {
			continue
		}
		if _, dup := ms.lessons[r.path()]; dup || c.isIntro(r.path()) || (c.taken != nil && c.scan(r.path()).wrapper) {
			continue
		}
		l := &Lesson{Title: strings.TrimSpace(firstNonEmpty(it.Title, c.pageTitle(r.path()))), Origin: c.origins[r.path()]}
		l.Name = ms.lessonName(len(ms.lessons)+1, c.name(firstNonEmpty(l.Title, strings.TrimSuffix(path.Base(r.path()), path.Ext(r.path())))))
		ms.lessons[r.path()] = l
		if _, ok := c.pages[r.path()]; !ok {
			c.pages[r.path()] = placedLesson{ms.m, l}
		}
	}
	return ms
}

// moduleName is a new module's folder name, made of its title, unique in
// the course.
func (c *reader) moduleName(title string) string {
	name := firstNonEmpty(c.name(title), "module")
	for i := 2; c.moduleNames[name]; i++ {
		name = firstNonEmpty(c.name(title), "module") + "-" + strconv.Itoa(i)
	}
	c.moduleNames[name] = true
	return name
}

// module reads a planned module's items.
func (c *reader) module(ms *moduleState) error {
	c.mod = ms
	for _, it := range ms.items {
		if err := c.item(it); err != nil {
			return err
		}
	}
	ms.m.Intro = strings.TrimSpace(ms.intro.String())
	if len(ms.m.Lessons) > 0 || ms.m.Intro != "" {
		c.course.Modules = append(c.course.Modules, ms.m)
	}
	c.course.Modules = append(c.course.Modules, ms.after...)
	return nil
}

// lessonName is the n-th lesson's file name: "03-prices", unique.
func (ms *moduleState) lessonName(n int, name string) string {
	name = firstNonEmpty(name, "lesson")
	stem := strconv.Itoa(n)
	if n < 10 {
		stem = "0" + stem
	}
	stem += "-" + name
	for i := 2; ms.names[stem+".md"]; i++ {
		stem = strings.TrimSuffix(stem, "-"+strconv.Itoa(i-1)) + "-" + strconv.Itoa(i)
	}
	ms.names[stem+".md"] = true
	return stem
}

// name is opt.Name(s), or a plain one.
func (c *reader) name(s string) string {
	if c.opt.Name != nil {
		return c.opt.Name(s)
	}
	return ""
}

// isIntro says whether a page is the module's introduction (in a
// cartridge oersite exported).
func (c *reader) isIntro(p string) bool {
	return c.fromOersite && path.Dir(p) == "lessons" && strings.HasPrefix(path.Base(p), "00-")
}

// isPage says whether a cartridge path is a web page.
func isPage(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".html" || ext == ".htm" || ext == ".xhtml"
}

// item reads one item: a page is a lesson, a test a knowledge check at
// the end of the lesson before it, a web link or a file a line linking to
// it there; what has no place on a page is named in Left.
func (c *reader) item(it item) error {
	r := c.resources[it.Ref]
	if r == nil {
		return nil
	}
	ms := c.mod
	typ := strings.ToLower(r.Type)
	p := r.path()
	switch {
	case isPage(p) && c.isIntro(p):
		md, err := c.page(p, it.Title)
		if err != nil {
			return err
		}
		ms.intro.WriteString(md)
	case isPage(p):
		l := ms.lessons[p]
		if l == nil || slices.Contains(ms.m.Lessons, l) {
			return nil // a page listed twice is one lesson
		}
		if c.player && c.scan(p).scripted {
			c.leftNamed(errPackage, l.Title)
			return nil
		}
		md, err := c.page(p, l.Title)
		if err != nil {
			return err
		}
		if strings.TrimSpace(md) == "" && c.taken != nil && c.scan(p).scripted {
			c.leftNamed(errPackage, l.Title) // Articulate Rise's, Storyline's pages: drawn by their scripts
			return nil
		}
		l.Markdown = md
		ms.m.Lessons = append(ms.m.Lessons, l)
	case strings.HasPrefix(typ, "imsqti") && strings.Contains(typ, "question-bank"):
		c.left(errBanks)
	case strings.HasPrefix(typ, "imsqti"):
		md, err := c.assessment(p, it.Title)
		if err != nil || md == "" {
			return err
		}
		c.appendBlock(md, it.Title)
	case strings.HasPrefix(typ, "imswl"):
		title, href, err := c.webLink(p)
		if err != nil || href == "" {
			return err
		}
		c.appendBlock(linkLine(firstNonEmpty(strings.TrimSpace(it.Title), title, href), href), "")
	case typ == moodleLabel:
		md, err := c.page(p, "")
		if err != nil || strings.TrimSpace(md) == "" {
			return err
		}
		c.appendBlock(strings.TrimSpace(md), "")
	case typ == moodleLink:
		if safeAddress(r.Link) {
			c.appendBlock(linkLine(firstNonEmpty(strings.TrimSpace(it.Title), r.Link), r.Link), "")
		}
	case typ == moodleCheck:
		c.appendBlock(c.placeFiles(r.Markdown), it.Title)
	case typ == moodleOther:
		c.leftNamed(errMoodleOther, it.Title)
	case typ == moodleSCORM:
		c.packageModules(r.Base, it.Title)
	case typ == moodlePack:
		c.leftNamed(errPackage, it.Title)
	case typ == moodleH5PLeft:
		c.leftNamed(errH5POther, it.Title)
	case typ == moodleEmpty:
		c.leftNamed(errNoQuestion, it.Title)
	case strings.HasPrefix(typ, "imsdt"):
		c.leftNamed(errDiscussions, it.Title)
	case strings.HasPrefix(typ, "imsbasiclti"):
		c.leftNamed(errLTI, it.Title)
	case typ == "webcontent" && p != "":
		name, err := c.file(p)
		if err != nil || name == "" {
			return err
		}
		c.appendBlock(linkLine(firstNonEmpty(strings.TrimSpace(it.Title), path.Base(p)), name), "")
	default:
		c.left(errOther)
	}
	return nil
}

// appendBlock adds Markdown at the end of the last lesson, or of the
// module's introduction before any; a test with nothing before it is a
// lesson of its own, titled title.
func (c *reader) appendBlock(md, title string) {
	ms := c.mod
	if n := len(ms.m.Lessons); n > 0 {
		l := ms.m.Lessons[n-1]
		l.Markdown = strings.TrimRight(l.Markdown, "\n") + "\n\n" + md + "\n"
		return
	}
	if title != "" {
		l := &Lesson{Title: title, Markdown: md + "\n"}
		l.Name = ms.lessonName(len(ms.lessons)+1, c.name(title))
		ms.lessons["\x00"+l.Name] = l
		ms.m.Lessons = append(ms.m.Lessons, l)
		return
	}
	if ms.intro.Len() > 0 {
		ms.intro.WriteString("\n\n")
	}
	ms.intro.WriteString(md)
}

// linkLine is a paragraph linking to href.
func linkLine(text, href string) string {
	return "[" + mdtext.Escape(text) + "](" + mdtext.LinkDest(href) + ")"
}

// webLink reads a web link resource: its title and address (http, https
// or mailto only).
func (c *reader) webLink(p string) (string, string, error) {
	data, err := c.read(p)
	if err != nil || data == nil {
		return "", "", err
	}
	var wl struct {
		Title string `xml:"title"`
		URL   struct {
			Href string `xml:"href,attr"`
		} `xml:"url"`
	}
	if xml.Unmarshal(data, &wl) != nil || !safeAddress(wl.URL.Href) {
		return "", "", nil
	}
	return strings.TrimSpace(wl.Title), strings.TrimSpace(wl.URL.Href), nil
}

// safeAddress says whether an absolute address may be linked to.
func safeAddress(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// publishable are the kinds of file a module's folder may hold: pictures,
// sound and video, documents; never a page, script or SVG, which a site
// would serve as its own.
var publishable = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true, // a drawing only when staticSVG
	".mp3": true, ".m4a": true, ".ogg": true, ".oga": true, ".wav": true, ".mp4": true, ".webm": true, ".ogv": true,
	".vtt": true, ".pdf": true, ".odt": true, ".ods": true, ".odp": true, ".docx": true, ".xlsx": true, ".pptx": true,
	".doc": true, ".xls": true, ".ppt": true, ".txt": true, ".csv": true, ".epub": true, ".zip": true,
}

// file takes a cartridge file into the module (once) and returns its name
// there; "" when the cartridge has none of that path or it is not a kind a
// site publishes (named in Left).
func (c *reader) file(p string) (string, error) {
	ms := c.mod
	if name, ok := ms.files[p]; ok {
		return name, nil
	}
	ext := strings.ToLower(path.Ext(p))
	if !publishable[ext] {
		c.leftNamed(errUnsafe, path.Base(p))
		ms.files[p] = ""
		return "", nil
	}
	data, err := c.read(p)
	if err != nil {
		return "", err
	}
	if data == nil {
		c.leftNamed(errMissing, path.Base(p))
		ms.files[p] = ""
		return "", nil
	}
	if ext == ".svg" && !staticSVG(data) {
		c.leftNamed(errActiveSVG, path.Base(p))
		ms.files[p] = ""
		return "", nil
	}
	sum := sha256.Sum256(data)
	key := ext + string(sum[:])
	if name, ok := ms.same[key]; ok { // the same file again (a course's icon, beside each page)
		ms.files[p] = name
		return name, nil
	}
	own := firstNonEmpty(c.fileNames[p], path.Base(p)) // a file's own name, where its package stores it under another
	stem := firstNonEmpty(c.name(strings.TrimSuffix(path.Base(own), path.Ext(own))), "file")
	name := stem + ext
	for i := 2; ms.names[name]; i++ {
		name = stem + "-" + strconv.Itoa(i) + ext
	}
	ms.names[name] = true
	ms.files[p], ms.same[key] = name, name
	ms.m.Files = append(ms.m.Files, File{Name: name, Data: data})
	return name, nil
}
