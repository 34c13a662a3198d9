// Package cartridge reads a course from a learning platform, an IMS Common
// Cartridge (.imscc: a course as Moodle, Canvas, Brightspace, Blackboard and
// oersite itself export it, versions 1.0 to 1.3), a SCORM or IMS content
// package (its pages and those they lead to, linked.go; an Articulate Rise
// course's data, rise.go; an Adapt course's, adapt.go), a Moodle course backup
// (.mbz, moodle.go) or an H5P file (.h5p, h5p.go), as modules of lessons in
// Markdown, with the files their pages use and their multiple-choice
// questions as knowledge checks. It
// knows nothing of sites: the caller names the lessons' files and writes
// them. The cartridge is hostile input: entries are read with size limits,
// only by names the manifest and pages give, and never outside the zip.
package cartridge

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/url"
	"path"
	"strconv"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2/converter"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/mirror"
)

// Course is what a cartridge holds, as pages.
type Course struct {
	Title, Summary string
	// Rights is the cartridge's statement of its licence (often a
	// Creative Commons address), as written.
	Rights string
	// Authors and Source (the original's address) are what an H5P file
	// says of its content's origin; a cartridge says neither.
	Authors []string
	Source  string
	// Keywords and Duration (as a module's front matter writes it: "3h",
	// "1h30m") are what a package's metadata says of the course.
	Keywords []string
	Duration string
	// Language is the language the course says it is in ("de", "es-ES"),
	// "" when it says none.
	Language string
	Modules  []*Module
	// NoAlt counts pictures without a description; Left names, once
	// each, what the cartridge holds and the pages do not (diag.Phrased).
	NoAlt int
	Left  []error
	// Credits are the licences of pictures, videos and sounds of an H5P
	// content that have rights of their own (each shown in a credit line
	// under it), for the caller to say which it does not know.
	Credits []Credit
}

// Module is one folder of the course (a Moodle section, a Canvas module):
// its introduction (Markdown before its first lesson: links and files the
// course lists there), its lessons in order, and the files their pages
// use, each under a name unique in the module.
type Module struct {
	// Title is the folder's; Name its folder's name (from Options.Name,
	// unique in the course), which links between modules use.
	Title   string
	Name    string
	Intro   string
	Lessons []*Lesson
	Files   []File
}

// Lesson is one page: its file name (without .md, unique in the module)
// and its text as Markdown.
type Lesson struct {
	Title, Name, Markdown string
	// Origin is what an H5P activity of a Moodle backup says of its
	// content's rights, when it says more than the course (nil).
	Origin *Origin
}

// Origin is a content's licence statement (as written), authors and the
// original's address.
type Origin struct {
	Rights  string
	Authors []string
	Source  string
}

// File is a file a module's pages link to or show.
type File struct {
	Name string
	Data []byte
}

// Options say how the pages are named.
type Options struct {
	// Name makes a file name (lower case letters, digits, dashes) of a
	// title or file name; "" when it cannot.
	Name func(string) string
	// LicenceURL is the address of the deed of the licence a statement
	// names ("CC BY 4.0"), "" for none known; nil links no licence.
	LicenceURL func(string) string
	// Language is the language to read a course in that holds several (an
	// Adapt course's folders: de, fr-FR); "" reads its default.
	Language string
}

// Limits: a cartridge may hold at most maxEntries files, each read up to
// maxFile bytes, all of them together up to maxRead.
const (
	maxEntries = 50_000
	maxFile    = 256 << 20
	maxRead    = 1 << 30
)

// ErrNotCartridge is returned for a zip without imsmanifest.xml or a
// web site's index.html.
var ErrNotCartridge = errors.New("not a Common Cartridge: it has no imsmanifest.xml (nor index.html)")

// Read reads the course of size bytes from r: a Common Cartridge, a
// Moodle backup (.mbz, see moodle.go) or an H5P file (.h5p, see h5p.go).
func Read(r io.ReaderAt, size int64, opt Options) (*Course, error) {
	c := newReader(opt)
	if isMoodleBackup(r) {
		return c.readMoodle(r, size)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("not a zip file: %w", err)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("holds %d files, more than %d", len(zr.File), maxEntries)
	}
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "./")
		if mirror.CheckPath(name) == nil && !strings.HasSuffix(name, "/") {
			c.files[name] = f
		}
	}
	if c.has("moodle_backup.xml") && !c.has("imsmanifest.xml") {
		return c.readMoodleZip()
	}
	return c.readPackage()
}

// readPackage reads the package whose files c holds: an H5P file, a Rise
// course, a content package or cartridge (imsmanifest.xml), or a web site.
func (c *reader) readPackage() (*Course, error) {
	if c.has("h5p.json") && !c.has("imsmanifest.xml") {
		return c.readH5P()
	}
	if d, dir, ok := c.riseData(); ok {
		return c.readRise(d, dir)
	}
	if a, ok := c.adaptData(); ok {
		return c.readAdapt(a)
	}
	data, err := c.read("imsmanifest.xml")
	if err != nil {
		return nil, err
	}
	if data == nil {
		if start := c.siteStart(); start != "" {
			return c.readSite(start)
		}
		return nil, ErrNotCartridge
	}
	var m manifest
	if err := xml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("imsmanifest.xml: %w", err)
	}
	for i := range m.Resources {
		c.resources[m.Resources[i].ID] = &m.Resources[i]
	}
	c.course.Title, c.course.Summary = m.LOM.title(), m.LOM.description()
	c.course.Rights = strings.TrimSpace(m.LOM.Rights.text())
	c.course.Keywords, c.course.Authors = m.LOM.keywords(), m.LOM.authors()
	c.course.Language = languageCode(m.LOM.Language)
	c.course.Duration = lomDuration(firstNonEmpty(strings.TrimSpace(m.LOM.Time12), strings.TrimSpace(m.LOM.Time2004)))
	c.fromOersite = strings.HasPrefix(m.ID, "oersite-")
	c.taken = map[string]bool{} // a package's pages lead to others (see linked.go)
	c.player = c.drawnByScripts()
	c.htmlChecks = true
	for _, r := range m.Resources {
		if strings.HasPrefix(strings.ToLower(r.Type), "imsqti") {
			c.htmlChecks = false // its checks come from its tests
		}
	}
	var items []item
	if len(m.Organizations.List) > 0 {
		items = m.Organizations.List[0].Items
	}
	for _, o := range m.Organizations.List {
		if o.ID != "" && o.ID == m.Organizations.Default {
			items = o.Items // the organisation the package names as its own
		}
	}
	for _, o := range m.Organizations.List {
		c.otherWays = append(c.otherWays, o.Items...) // their pages are no loose pages
	}
	if err := c.modules(items, m.Resources); err != nil {
		return nil, err
	}
	return c.course, nil
}

// newReader returns the state of one Read.
func newReader(opt Options) *reader {
	return &reader{files: map[string]*zip.File{}, mem: map[string][]byte{}, budget: maxRead, opt: opt, course: &Course{}, seen: map[string]bool{},
		pages: map[string]placedLesson{}, moduleNames: map[string]bool{}, resources: map[string]*resource{}, viewLinks: map[string]string{}, checks: map[string]string{},
		named: map[string]*leftItems{}, origins: map[string]*Origin{}, scans: map[string]pageScan{}, fileNames: map[string]string{}}
}

// reader is the state of one Read.
type reader struct {
	files     map[string]*zip.File // the cartridge's files by their clean names
	mem       map[string][]byte    // or, for a Moodle backup, the files made of it (see moodle.go)
	budget    int64                // bytes that may still be read
	opt       Options
	resources map[string]*resource
	course    *Course
	seen      map[string]bool // Left, by its English words
	mod       *moduleState
	// pages: every lesson's page by its path, with its module (for links
	// from one module to another); moduleNames: the modules' folders.
	pages       map[string]placedLesson
	moduleNames map[string]bool
	// places: the page being read's element ids -> its headings' ids.
	places map[string]string
	// fromOersite: oersite exported the cartridge; its page
	// lessons/00-<module>.html is the module's introduction.
	fromOersite bool
	// viewLinks: a Moodle activity's id -> its page (its links say
	// $@PAGEVIEWBYID*12@$); bank: a Moodle backup's
	// question bank (see moodlequiz.go); conv: the HTML-to-Markdown
	// converter (see converter).
	viewLinks map[string]string
	bank      *moodleBank
	checks    map[string]string     // a Moodle lesson's knowledge checks, by the key of the element standing in for each
	named     map[string]*leftItems // Left's entries naming items, by their phrase's format
	conv      *htmltomarkdown.Converter
	origins   map[string]*Origin // H5P activities' own rights, by their pages' paths (see Lesson.Origin)
	// scans: what the package's pages lead to, by path; taken: the pages
	// items list or a module has taken, nil where pages lead nowhere else
	// (see linked.go).
	scans map[string]pageScan
	taken map[string]bool
	// otherWays: the items of every organisation of the package (its
	// default one is read; the others' pages are not pages in no module).
	otherWays []item
	// fileNames: a file's own name by its path, where the package stores
	// it under a code (Rise's assets/KK88c7EWsekQgN_r_example.jpg).
	fileNames map[string]string
	// player: an authoring tool's player draws the package's pages (see
	// drawnByScripts).
	player bool
	// nested: the package is a Moodle activity's (see moodlescorm.go),
	// which holds no other.
	nested bool
	// htmlChecks: the package has no tests, so oersite's knowledge checks
	// in its pages are read from them (a SCORM package's; see htmlcheck.go).
	htmlChecks bool
}

// has says whether the course holds a file of that name.
func (c *reader) has(name string) bool {
	_, inMem := c.mem[name]
	return c.files[name] != nil || inMem
}

// names is the name of every file the course holds.
func (c *reader) names() iter.Seq[string] {
	return func(yield func(string) bool) {
		for name := range c.files {
			if !yield(name) {
				return
			}
		}
		for name := range c.mem {
			if c.files[name] == nil && !yield(name) {
				return
			}
		}
	}
}

// read reads a file of the cartridge (nil when it has none of that name).
func (c *reader) read(name string) ([]byte, error) {
	if data, ok := c.mem[name]; ok {
		return data, nil
	}
	f := c.files[name]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	return c.readLimited(name, rc)
}

// readLimited reads one file within the limits of a file and of all.
func (c *reader) readLimited(name string, body io.Reader) ([]byte, error) {
	limit := min(int64(maxFile), c.budget)
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than the %d MB a course's file may be", name, limit>>20)
	}
	c.budget -= int64(len(data))
	return data, nil
}

// left records once what the pages do not hold.
func (c *reader) left(what error) {
	if !c.seen[what.Error()] {
		c.seen[what.Error()] = true
		c.course.Left = append(c.course.Left, what)
	}
}

// leftNamed records an item the pages do not hold, by its title, under
// what (a phrase whose %s lists the titles), so that the author knows
// what to make again: one entry of Left per kind, at its first place,
// naming at most maxNamed titles and counting the others.
func (c *reader) leftNamed(what error, title string) {
	var kind *diag.Phrased
	if !errors.As(what, &kind) {
		c.left(what)
		return
	}
	named := c.named[kind.Format]
	if named == nil {
		named = &leftItems{phrase: &diag.Phrased{Format: kind.Format, Args: []any{"—"}}, seen: map[string]bool{}} // "—": none titled yet
		c.named[kind.Format] = named
		c.course.Left = append(c.course.Left, named.phrase)
	}
	title = oneLine(title)
	if title == "" || named.seen[title] {
		return
	}
	named.seen[title] = true
	named.titles = append(named.titles, title)
	list := strings.Join(named.titles[:min(len(named.titles), maxNamed)], "; ")
	if more := len(named.titles) - maxNamed; more > 0 {
		list += "; … (+" + strconv.Itoa(more) + ")"
	}
	named.phrase.Args[0] = list
}

// maxNamed is how many items of a kind the report names.
const maxNamed = 12

// leftItems is a kind of item left out, with the titles of those seen.
type leftItems struct {
	phrase *diag.Phrased
	titles []string
	seen   map[string]bool
}

// modules turns the organisation's items into modules: the course's one
// root item is passed through; each folder under it is a module, its
// sub-folders' items in their order; items beside the folders, and the
// pages no item lists (Canvas exports every page, also those in no
// module), make a module named after the course.
func (c *reader) modules(items []item, resources []resource) error {
	if len(items) == 1 && items[0].Ref == "" && len(items[0].Items) > 0 {
		items = items[0].Items // the root item (Canvas's "LearningModules")
	}
	var loose []item
	var folders []item
	for _, it := range items {
		if it.Ref == "" && len(it.Items) > 0 {
			folders = append(folders, it)
		} else if it.Ref != "" {
			loose = append(loose, it)
		}
	}
	var listed []item
	flatten(append(items, c.otherWays...), 0, &listed)
	refs := map[string]bool{}
	for _, it := range listed {
		refs[it.Ref] = true
	}
	for _, r := range resources {
		if !refs[r.ID] && isPage(r.path()) && !c.isIntro(r.path()) {
			loose = append(loose, item{Ref: r.ID})
		}
	}
	if c.taken != nil {
		c.takeListed(items, loose)
	}
	var plans []*moduleState
	if len(loose) > 0 {
		plans = append(plans, c.plan(firstNonEmpty(c.course.Title, "Course"), loose))
	}
	for _, f := range folders {
		plans = append(plans, c.plan(firstNonEmpty(strings.TrimSpace(f.Title), c.course.Title), f.Items))
	}
	for _, ms := range plans {
		if err := c.module(ms); err != nil {
			return err
		}
	}
	return nil
}

// flatten lists the items that point at a resource, depth first.
func flatten(items []item, depth int, out *[]item) {
	if depth > 16 {
		return
	}
	for _, it := range items {
		if it.Ref != "" {
			*out = append(*out, it)
		}
		flatten(it.Items, depth+1, out)
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// resourcePath is where a resource's href points inside the cartridge.
func (r *resource) path() string {
	if r.own != "" {
		return r.own
	}
	href := r.Href
	if href == "" && len(r.Files) > 0 {
		href = r.Files[0].Href
	}
	if href == "" {
		return ""
	}
	if i := strings.IndexAny(href, "?#"); i > 0 {
		href = href[:i] // a launch page's parameters ("index.html?lang=es")
	}
	if u, err := url.PathUnescape(href); err == nil {
		href = u // "Handout%20A.pdf", as Canvas writes it
	}
	return path.Clean(path.Join(r.Base, href))
}

// manifest is the part of imsmanifest.xml read (names matched whatever
// their namespace, so that every version reads alike).
type manifest struct {
	ID            string        `xml:"identifier,attr"`
	LOM           lom           `xml:"metadata>lom"`
	Organizations organizations `xml:"organizations"`
	Resources     []resource    `xml:"resources>resource"`
}

// organizations are a package's ways through its resources; the default
// one is its own.
type organizations struct {
	Default string         `xml:"default,attr"`
	List    []organization `xml:"organization"`
}

type organization struct {
	ID    string `xml:"identifier,attr"`
	Items []item `xml:"item"`
}

type item struct {
	Ref   string `xml:"identifierref,attr"`
	Title string `xml:"title"`
	Items []item `xml:"item"`
}

type resource struct {
	// Link is a Moodle link's address (a resource of type moodleLink);
	// Markdown a Moodle quiz's knowledge check (moodleQuiz); own the path
	// of a page a listed page leads to (see linked.go).
	Link     string `xml:"-"`
	Markdown string `xml:"-"`
	own      string
	ID       string `xml:"identifier,attr"`
	Type     string `xml:"type,attr"`
	Href     string `xml:"href,attr"`
	Base     string `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
	Files    []struct {
		Href string `xml:"href,attr"`
	} `xml:"file"`
}

// lom is the course's title, description, keywords, authors, typical
// learning time and rights (in the forms of LOM 1.2.1, which SCORM 1.2
// and Common Cartridge write, and of IEEE LOM, which SCORM 2004 writes).
type lom struct {
	Title       langText     `xml:"general>title"`
	Description langText     `xml:"general>description"`
	Keywords    []langText   `xml:"general>keyword"`
	Language    string       `xml:"general>language"`
	Contribute  []contribute `xml:"lifecycle>contribute"`
	Contrib2004 []contribute `xml:"lifeCycle>contribute"`
	Time12      string       `xml:"educational>typicallearningtime>datetime"`
	Time2004    string       `xml:"educational>typicalLearningTime>duration"`
	Rights      langText     `xml:"rights>description"`
}

// contribute is a LOM contribution: its role and its people as vCards.
type contribute struct {
	Role     langText `xml:"role>value"`
	Entities []string `xml:"centity>vcard"`
	Entity   []string `xml:"entity"`
}

// langText is a LOM text in any of its versions' forms (a value of a
// vocabulary is plain text in IEEE LOM).
type langText struct {
	Strings []string `xml:"string"`
	Lang    []string `xml:"langstring"`
	Plain   string   `xml:",chardata"`
}

func (t langText) text() string {
	for _, s := range append(append(t.Strings, t.Lang...), t.Plain) {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func (l lom) title() string       { return l.Title.text() }
func (l lom) description() string { return l.Description.text() }

// phrases the reader leaves out with (diag.Phrasef keeps them for
// translation).
var (
	errDiscussions = diag.Phrasef("discussion topics: %s", "")
	errLTI         = diag.Phrasef("external tools (LTI links): %s", "")
	errQuestions   = diag.Phrasef("questions other than multiple choice (essays, numbers, matching)")
	errBanks       = diag.Phrasef("question banks")
	errOther       = diag.Phrasef("items of a kind oersite does not read (assignments, settings)")
	errUnsafe      = diag.Phrasef("files of a kind a site does not publish (web pages, scripts, SVG) linked as files: %s", "")
	errActiveSVG   = diag.Phrasef("SVG drawings that run scripts or load other files, which a site does not publish: %s", "")
	errMissing     = diag.Phrasef("links to files the cartridge does not hold: %s", "")
	errRemote      = diag.Phrasef("pictures on other websites (now links to them: a site shows no picture from another host)")
	errVideoFiles  = diag.Phrasef("captions or posters whose name another file of the module has (a site finds a video's captions and poster under its name: stand.vtt, stand.jpg): %s", "")
)
