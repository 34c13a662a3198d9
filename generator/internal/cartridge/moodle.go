package cartridge

import (
	"archive/tar"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/mirror"
)

// A Moodle backup (.mbz: a gzipped tar, or a zip from older Moodles) is
// its course's own form, which a teacher can make without an
// administrator: moodle_backup.xml lists the sections and activities,
// sections/*/section.xml their names, summaries and order, each
// activity's folder its content, files.xml every file (stored under
// files/ by its SHA-1) with the activity and area it belongs to. The reader
// turns it into what a cartridge holds (pages as files, items, resources)
// so that one path writes both: each section a module (its summary the
// module's introduction), a page, a book, a glossary or a lesson
// (moodlelesson.go) a lesson, a label text in the flow, a link or a file (also a folder's) a
// line linking to it, a quiz a knowledge check (moodlequiz.go); an
// authoring tool's package and other activities are named by their
// titles. Content links to files of its activity (or a section's summary
// to the course's) through @@PLUGINFILE@@, to other activities through
// $@PAGEVIEWBYID*n@$.

// The resource types the reader makes of Moodle's activities.
const (
	moodleLabel = "moodle/label"      // text shown on the course page
	moodleLink  = "moodle/url"        // an address (resource.Link)
	moodleOther = "moodle/other"      // an activity no page can hold
	moodlePack  = "moodle/package"    // a file of an authoring tool's package (scripts)
	moodleEmpty = "moodle/noquestion" // a quiz of no question a page holds
	moodleCheck = "moodle/quiz"       // a quiz's knowledge check (resource.Markdown)
	moodleNull  = "$@NULL@$"          // Moodle's empty value
)

var (
	errMoodleOther   = diag.Phrasef("Moodle activities of other kinds (forums, assignments, glossaries, choices): %s", "")
	errPackage       = diag.Phrasef("interactive packages (from Storyline, Captivate or another authoring tool), whose scripts a site does not run: %s", "")
	errNoPackage     = diag.Phrasef("SCORM packages the backup does not hold (on another server, or AICC): %s", "")
	errUnreadPackage = diag.Phrasef("packages whose files cannot be read: %s", "")
	errNoQuestion    = diag.Phrasef("quizzes without a multiple-choice or true/false question: %s", "")
)

// isMoodleBackup says whether r starts as a gzipped file (a Moodle backup;
// a cartridge is a zip).
func isMoodleBackup(r io.ReaderAt) bool {
	var magic [2]byte
	n, _ := r.ReadAt(magic[:], 0)
	return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b
}

// readMoodle reads a gzipped backup in two passes: its XML first, then
// the files the content uses.
func (c *reader) readMoodle(r io.ReaderAt, size int64) (*Course, error) {
	xmls := map[string][]byte{}
	if err := c.eachTarEntry(r, size, func(name string, body io.Reader) error {
		if strings.HasPrefix(name, "files/") {
			return nil
		}
		data, err := c.readLimited(name, body)
		xmls[name] = data
		return err
	}); err != nil {
		return nil, err
	}
	m, err := c.moodle(func(name string) []byte { return xmls[name] })
	if err != nil {
		return nil, err
	}
	blobs := map[string][]byte{}
	if err := c.eachTarEntry(r, size, func(name string, body io.Reader) error {
		if !m.wanted[name] {
			return nil
		}
		data, err := c.readLimited(name, body)
		blobs[name] = data
		return err
	}); err != nil {
		return nil, err
	}
	return c.finishMoodle(m, func(name string) []byte { return blobs[name] })
}

// readMoodleZip reads a zipped backup (its files are in c.files).
func (c *reader) readMoodleZip() (*Course, error) {
	var failed error
	get := func(name string) []byte {
		data, err := c.read(name)
		if err != nil && failed == nil {
			failed = err
		}
		return data
	}
	m, err := c.moodle(get)
	if err != nil {
		return nil, err
	}
	course, err := c.finishMoodle(m, get)
	if err == nil {
		err = failed
	}
	return course, err
}

// eachTarEntry calls visit with each regular file of the gzipped tar.
func (c *reader) eachTarEntry(r io.ReaderAt, size int64, visit func(name string, body io.Reader) error) error {
	gz, err := gzip.NewReader(io.NewSectionReader(r, 0, size))
	if err != nil {
		return fmt.Errorf("not a Moodle backup: %w", err)
	}
	tr := tar.NewReader(gz)
	for n := 0; ; n++ {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not a Moodle backup: %w", err)
		}
		if n > maxEntries {
			return fmt.Errorf("holds more than %d files", maxEntries)
		}
		name := strings.TrimPrefix(h.Name, "./")
		if h.Typeflag != tar.TypeReg || mirror.CheckPath(name) != nil {
			continue
		}
		if err := visit(name, tr); err != nil {
			return err
		}
	}
}

// moodleCourse is what the backup's XML says: the folders (sections) with
// their items, and the files the items use (by their place in the pages
// made, and the stored file they are).
type moodleCourse struct {
	folders []item
	files   map[string]string // a page's neighbour's path -> files/xx/<sha1>
	wanted  map[string]bool   // the stored files needed
	h5p     []moodleH5P       // the H5P activities, whose pages need the files
}

// The parts of the backup's XML read.
type (
	moodleBackup struct {
		FullName   string `xml:"information>original_course_fullname"`
		ContextID  string `xml:"information>original_course_contextid"`
		Activities []struct {
			ModuleID  string `xml:"moduleid"`
			Name      string `xml:"modulename"`
			Title     string `xml:"title"`
			Directory string `xml:"directory"`
		} `xml:"information>contents>activities>activity"`
		Sections []struct {
			Directory string `xml:"directory"`
		} `xml:"information>contents>sections>section"`
	}
	moodleSection struct {
		ID       string `xml:"id,attr"`
		Number   int    `xml:"number"`
		Name     string `xml:"name"`
		Summary  string `xml:"summary"`
		Sequence string `xml:"sequence"`
		Visible  string `xml:"visible"`
	}
	moodleActivity struct {
		ContextID string `xml:"contextid,attr"`
		Module    struct {
			Name        string          `xml:"name"`
			Intro       string          `xml:"intro"`
			Content     string          `xml:"content"`
			ExternalURL string          `xml:"externalurl"`
			Chapters    []moodleChapter `xml:"chapters>chapter"`
			Entries     []moodleEntry   `xml:"entries>entry"`
		} `xml:",any"`
	}
	moodleEntry struct {
		ID         string `xml:"id,attr"`
		Concept    string `xml:"concept"`
		Definition string `xml:"definition"`
		Approved   string `xml:"approved"`
	}
	moodleChapter struct {
		ID      string `xml:"id,attr"`
		PageNum int    `xml:"pagenum"`
		Title   string `xml:"title"`
		Content string `xml:"content"`
		Hidden  string `xml:"hidden"`
		Sub     string `xml:"subchapter"`
	}
	moodleFile struct {
		Hash      string `xml:"contenthash"`
		ContextID string `xml:"contextid"`
		Component string `xml:"component"`
		Area      string `xml:"filearea"`
		ItemID    string `xml:"itemid"`
		Path      string `xml:"filepath"`
		Name      string `xml:"filename"`
		Sort      int    `xml:"sortorder"`
		Mime      string `xml:"mimetype"`
	}
)

// moodle reads the backup's XML (through get) into pages, items and
// resources.
func (c *reader) moodle(get func(string) []byte) (*moodleCourse, error) {
	var mb moodleBackup
	if data := get("moodle_backup.xml"); data == nil || xml.Unmarshal(data, &mb) != nil {
		return nil, errors.New("not a Moodle backup: it has no readable moodle_backup.xml")
	}
	c.course.Title = value(mb.FullName)
	var files struct {
		Files []moodleFile `xml:"file"`
	}
	_ = xml.Unmarshal(get("files.xml"), &files) // none: a course without files
	byContext := map[string][]moodleFile{}
	var questionFiles []moodleFile
	for _, f := range files.Files {
		if f.Name != "." && f.Name != "" && len(f.Hash) == 40 {
			byContext[f.ContextID] = append(byContext[f.ContextID], f)
			if f.Component == "question" {
				questionFiles = append(questionFiles, f)
			}
		}
	}
	m := &moodleCourse{files: map[string]string{}, wanted: map[string]bool{}}
	m.take("moodle/question", questionFiles) // by area and question or answer id, unique in the backup
	courseCtx := "moodle/ctx" + mb.ContextID
	m.take(courseCtx, byContext[mb.ContextID]) // the sections' summaries' files
	c.bank = readBank(get("questions.xml"))
	activities := map[string]int{}
	for i, a := range mb.Activities {
		activities[a.ModuleID] = i
	}
	var sections []moodleSection
	for _, s := range mb.Sections {
		var sec moodleSection
		if xml.Unmarshal(get(path.Join(s.Directory, "section.xml")), &sec) == nil && sec.Visible != "0" {
			sections = append(sections, sec)
		}
	}
	sort.SliceStable(sections, func(i, j int) bool { return sections[i].Number < sections[j].Number })
	for _, sec := range sections {
		folder := item{Title: value(sec.Name)}
		if html := value(sec.Summary); html != "" {
			folder.Items = append(folder.Items, c.moodleText(courseCtx+"/section/"+sec.ID+"/summary.label", moodleLabel, "", html))
		}
		for _, id := range strings.Split(sec.Sequence, ",") {
			i, ok := activities[strings.TrimSpace(id)]
			if !ok {
				continue
			}
			a := mb.Activities[i]
			var act moodleActivity
			raw := get(path.Join(a.Directory, a.Name+".xml"))
			if xml.Unmarshal(raw, &act) != nil {
				continue
			}
			folder.Items = append(folder.Items, c.moodleActivity(m, a.ModuleID, a.Name, value(a.Title), raw, act, byContext[act.ContextID])...)
			if folder.Title == "" && kindTitled(a.Name) { // Moodle shows "Topic 2" or a week: the section's first activity names it better
				folder.Title = value(a.Title)
			}
		}
		if folder.Title == "" || sec.Number == 0 {
			folder.Title = firstNonEmpty(folder.Title, c.course.Title)
			if sec.Number == 0 {
				folder.Title = c.course.Title // the general section: the course's own
			}
		}
		if len(folder.Items) > 0 {
			m.folders = append(m.folders, folder)
		}
	}
	return m, nil
}

// moodleActivity makes the items of one activity (see the top), read from
// its file (raw, act).
func (c *reader) moodleActivity(m *moodleCourse, id, kind, title string, raw []byte, act moodleActivity, files []moodleFile) []item {
	ctx := "moodle/ctx" + act.ContextID
	if kind == "scorm" || kind == "imscp" {
		return []item{c.packageActivity(m, id, kind, title, ctx, files)}
	}
	m.take(ctx, files)
	mod := act.Module
	switch kind {
	case "page":
		it := c.moodleText(ctx+"/content/0/index.html", "webcontent", title, value(mod.Content))
		c.viewLinks[id] = ctx + "/content/0/index.html"
		return []item{it}
	case "label":
		return []item{c.moodleText(ctx+"/intro/0/index.label", moodleLabel, "", value(mod.Intro))}
	case "lesson":
		if it, ok := c.lessonPage(ctx, title, raw); ok {
			c.viewLinks[id] = ctx + "/page_contents/lesson.html"
			return []item{it}
		}
	case "url":
		r := &resource{ID: "moodle-" + id, Type: moodleLink, Link: strings.TrimSpace(value(mod.ExternalURL))}
		c.resources[r.ID] = r
		return []item{{Ref: r.ID, Title: title}}
	case "book":
		if page, ok := bookPage(mod.Chapters); ok {
			p := ctx + "/chapter/book.html"
			c.viewLinks[id] = p
			return []item{c.moodleText(p, "webcontent", title, page)}
		}
	case "glossary":
		if page, ok := glossaryPage(value(mod.Intro), mod.Entries); ok {
			p := ctx + "/entry/glossary.html"
			c.viewLinks[id] = p
			return []item{c.moodleText(p, "webcontent", title, page)}
		}
	case "resource", "folder":
		sort.SliceStable(files, func(i, j int) bool { return files[i].Sort > files[j].Sort }) // the main file first
		if kind == "resource" && isPackage(files) {
			r := &resource{ID: "moodle-" + id, Type: moodlePack}
			c.resources[r.ID] = r
			return []item{{Ref: r.ID, Title: title}}
		}
		var out []item
		for _, f := range files {
			if f.Component != "mod_"+kind || f.Area != "content" {
				continue
			}
			p := path.Clean(ctx + "/content/" + f.ItemID + "/" + strings.TrimPrefix(f.Path, "/") + f.Name)
			if f.Mime == "text/html" && !isPage(p) { // a web page Moodle keeps under a name without its extension
				m.files[p+".html"] = m.files[p]
				p += ".html"
			}
			r := &resource{ID: "moodle-" + id + "-" + strconv.Itoa(len(out)), Type: "webcontent", Href: p}
			c.resources[r.ID] = r
			name := f.Name
			if kind == "resource" {
				name = title
			}
			out = append(out, item{Ref: r.ID, Title: name})
			if kind == "resource" {
				break
			}
		}
		return out
	}
	if kind == "h5pactivity" || kind == "hvp" {
		return []item{c.h5pActivity(m, id, kind, title, ctx, raw, files)}
	}
	if kind == "quiz" {
		var quiz moodleQuiz
		if xml.Unmarshal(raw, &quiz) == nil {
			r := &resource{ID: "moodle-" + id, Type: moodleEmpty}
			if md := c.quizMarkdown(title, quiz); md != "" {
				r.Type, r.Markdown = moodleCheck, md
			}
			c.resources[r.ID] = r
			return []item{{Ref: r.ID, Title: title}}
		}
	}
	r := &resource{ID: "moodle-" + id, Type: moodleOther}
	c.resources[r.ID] = r
	return []item{{Ref: r.ID, Title: title}}
}

// bookPage is the page a book becomes, as Moodle's "print book" shows
// it: its shown chapters in their order, each under its title (## a
// chapter, ### a subchapter), its files beside it by chapter; false when
// none is shown. A book is one activity on the course page, read page by
// page: one lesson, as a Moodle lesson is (a course of 14 books had made a
// module of 43 lessons of a few lines each).
func bookPage(chapters []moodleChapter) (string, bool) {
	chapters = slices.Clone(chapters)
	sort.SliceStable(chapters, func(i, j int) bool { return chapters[i].PageNum < chapters[j].PageNum })
	var b strings.Builder
	for _, ch := range chapters {
		if ch.Hidden == "1" {
			continue
		}
		level := "h2"
		if ch.Sub == "1" {
			level = "h3"
		}
		if t := value(ch.Title); t != "" {
			b.WriteString("<" + level + ">" + html.EscapeString(t) + "</" + level + ">\n")
		}
		b.WriteString(wellFormed(strings.ReplaceAll(value(ch.Content), "@@PLUGINFILE@@/", "@@PLUGINFILE@@/"+ch.ID+"/"), value(ch.Title)) + "\n")
	}
	return b.String(), b.Len() > 0
}

// glossaryPage is the page a glossary becomes: its introduction, then its
// approved entries in the order of their terms, each a ## section under its
// term with its definition and the definition's files (area "entry", by
// the entry's id); false when it has no entry (a backup made without the
// users' data holds none).
func glossaryPage(intro string, entries []moodleEntry) (string, bool) {
	entries = slices.DeleteFunc(slices.Clone(entries), func(e moodleEntry) bool {
		return value(e.Approved) == "0" || strings.TrimSpace(value(e.Concept)) == ""
	})
	if len(entries) == 0 {
		return "", false
	}
	collator := collate.New(language.Und, collate.IgnoreCase)
	slices.SortStableFunc(entries, func(a, b moodleEntry) int {
		return collator.CompareString(strings.TrimSpace(value(a.Concept)), strings.TrimSpace(value(b.Concept)))
	})
	var b strings.Builder
	if intro != "" {
		b.WriteString(wellFormed(intro, "") + "\n")
	}
	for _, e := range entries {
		concept := strings.TrimSpace(value(e.Concept))
		b.WriteString("<h2>" + html.EscapeString(concept) + "</h2>\n")
		b.WriteString(wellFormed(strings.ReplaceAll(value(e.Definition), "@@PLUGINFILE@@/", "@@PLUGINFILE@@/"+e.ID+"/"), concept) + "\n")
	}
	return b.String(), true
}

// isPackage says whether a file activity's files are an authoring tool's
// package (Storyline, Captivate, iSpring: a web page and the scripts it
// runs), which a site does not publish.
func isPackage(files []moodleFile) bool {
	for _, f := range files {
		if f.Component == "mod_resource" && f.Area == "content" && strings.EqualFold(path.Ext(f.Name), ".js") {
			return true
		}
	}
	return false
}

// take places the files of a context (an activity's, the course's)
// beside its pages: ctx/<area>/<item>/<path>.
func (m *moodleCourse) take(ctx string, files []moodleFile) {
	for _, f := range files {
		p := f.place(ctx)
		m.files[p] = "files/" + f.Hash[:2] + "/" + f.Hash
		m.wanted[m.files[p]] = true
	}
}

// place is where take puts a file of the context ctx: ctx/<area>/<item>/<path>.
func (f moodleFile) place(ctx string) string {
	return path.Clean(ctx + "/" + f.Area + "/" + f.ItemID + "/" + strings.TrimPrefix(f.Path, "/") + f.Name)
}

// kindTitled says whether an activity's title names it for learners (a
// label's is only its first words).
func kindTitled(kind string) bool { return kind != "label" }

// moodleText makes a page (or a label's text) of HTML at p: a resource of
// kind typ and the item pointing at it.
func (c *reader) moodleText(p, typ, title, html string) item {
	c.mem[p] = []byte("<!doctype html><html><body>" + html + "</body></html>")
	r := &resource{ID: "moodle:" + p, Type: typ, Href: p}
	c.resources[r.ID] = r
	return item{Ref: r.ID, Title: title}
}

// finishMoodle takes the files the pages use (through get, by their stored
// name) and reads the course as a cartridge's.
func (c *reader) finishMoodle(m *moodleCourse, get func(string) []byte) (*Course, error) {
	for p, stored := range m.files {
		if data := get(stored); data != nil {
			c.mem[p] = data
		}
	}
	for _, p := range m.h5p {
		c.moodleH5PPage(p)
	}
	if err := c.modules([]item{{Items: m.folders}}, nil); err != nil { // under a root, as a cartridge's: one section stays a module of its own
		return nil, err
	}
	return c.course, nil
}

// value is a Moodle value without its empty mark.
func value(s string) string {
	if strings.TrimSpace(s) == moodleNull {
		return ""
	}
	return strings.TrimSpace(s)
}
