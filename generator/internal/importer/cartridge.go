package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/cartridge"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/scaffold"
	"github.com/oersite/oersite/generator/internal/site"
)

// CartridgeOptions describe the import of a course exported from a
// learning platform as IMS Common Cartridge.
type CartridgeOptions struct {
	File string // the .imscc (left unchanged)
	Site string // the oersite site folder, with its config.toml
	Lang string // the modules' language ("": the site's default)
	// Module, when set, makes the lessons of an H5P file (or of a course
	// of one module) the next lessons of that module of the site.
	Module string
}

// CartridgeReport says what a cartridge import wrote and left out.
type CartridgeReport struct {
	Course  string
	Modules []ImportedModule
	Files   int
	NoAlt   int
	Left    []error // diag.Phrased
	// Notes are what the author must do before publishing (sentences,
	// diag.Phrased).
	Notes []error
	// Into: the lessons went into a module of the site (Modules holds
	// it, Pages their files from the site's folder, in order).
	Into  bool
	Pages []string
}

// ImportedModule is one module written: its folder (from the site's
// folder), title and number of lessons.
type ImportedModule struct {
	Folder, Title string
	Lessons       int
}

// maxCartridge is the largest cartridge read.
const maxCartridge = 2 << 30

// Cartridge writes each module of a Common Cartridge (a Moodle section, a
// Canvas module) as a module of the site: modules/<name>/index.md and
// its lessons NN-<name>.md in order, with the files they use beside them.
// A module folder of that name already there is never replaced: the
// import is refused and nothing is written; a failure leaves nothing.
func Cartridge(opt CartridgeOptions) (*CartridgeReport, error) {
	cfg, _, err := config.Load(filepath.Join(opt.Site, config.FileName), config.FileName)
	if err != nil {
		return nil, err
	}
	if _, ok := cfg.Languages[opt.Lang]; opt.Lang != "" && !ok {
		return nil, diag.Phrasef("%q is not a language of this site", opt.Lang)
	}
	course, err := readCartridge(opt.File, opt.Lang)
	if err != nil {
		return nil, err
	}
	lang, langNote := courseLanguage(opt, course.Language, &cfg)
	if len(course.Modules) == 0 {
		if len(course.Left) > 0 { // an H5P of a drag-and-drop task alone
			return nil, diag.Phrasef("%s holds no page, link or file a module could show; what it holds, a web page cannot: %s", opt.File, course.Left[0])
		}
		return nil, diag.Phrasef("%s holds no page, link or file a module could show", opt.File)
	}
	rep := &CartridgeReport{Course: course.Title, NoAlt: course.NoAlt, Left: course.Left, Notes: append(lessonNotes(course), creditNotes(course)...)}
	if langNote != nil {
		rep.Notes = append(rep.Notes, langNote)
	}
	licence := ""
	if l, ok := site.LicenceIn(course.Rights); ok {
		licence = l.ID
	}
	rights := strings.Join(strings.Fields(course.Rights), " ")
	if opt.Module != "" {
		if licence == "" && rights != "" {
			rep.Notes = append(rep.Notes, diag.Phrasef("The course's licence (%s) is not one oersite knows: its lessons show their module's licence until you write theirs in each of them (licence:), or remove them if it forbids publishing them.", rights))
		}
		return lessonsInto(opt, filepath.Join(opt.Site, "content", lang), course, licence, rep)
	}
	if licence == "" && rights != "" {
		// an open licence oersite does not know, or none ("all rights
		// reserved"): the site's own must not stand for it unsaid
		rep.Notes = append(rep.Notes, diag.Phrasef("The course's licence (%s) is not one oersite knows: its modules show the site's licence until you write theirs in their index.md (licence:), or remove them if it forbids publishing them.", rights))
	}
	modules := filepath.Join(opt.Site, "content", lang, "modules")
	var dests []string
	for _, m := range course.Modules {
		dest := filepath.Join(modules, m.Name) // a name asciiName made: one folder, inside modules
		if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Phrasef("%s already exists: rename that module's folder, or move it away", filepath.ToSlash(dest))
		}
		dests = append(dests, dest)
	}
	var done []string
	for i, m := range course.Modules {
		if err := writeModule(modules, dests[i], m, moduleFront(m.Title, licence, course, len(course.Modules) == 1)); err != nil {
			for _, d := range done {
				os.RemoveAll(d)
			}
			return nil, err
		}
		done = append(done, dests[i])
		rel, _ := filepath.Rel(opt.Site, dests[i])
		rep.Modules = append(rep.Modules, ImportedModule{Folder: filepath.ToSlash(rel), Title: m.Title, Lessons: len(m.Lessons)})
		rep.Files += len(m.Files)
	}
	return rep, nil
}

// readCartridge reads the cartridge file, in lang ("": its own default)
// when it holds a course in several languages.
func readCartridge(file, lang string) (*cartridge.Course, error) {
	return readFile(file, maxCartridge, func(f *os.File, size int64) (*cartridge.Course, error) {
		c, err := cartridge.Read(f, size, cartridge.Options{Name: asciiName, LicenceURL: licenceURL, Language: lang})
		if err != nil {
			return nil, diag.Phrasef("%s cannot be read as a Common Cartridge (.imscc), a SCORM package (.zip), a Moodle backup (.mbz) or an H5P file (.h5p): %v", file, err)
		}
		return c, nil
	})
}

// moduleFront is a module's front matter: its title and licence; the
// course's summary, keywords and learning time when the module is the
// whole course; and the authors (an H5P file's, or those a package's
// metadata names) and original an H5P file names (the original as the
// work the module is adapted from, for its attribution line).
func moduleFront(title, licence string, course *cartridge.Course, whole bool) string {
	front := "---\ntitle: " + quote(title) + "\n"
	if whole && course.Summary != "" {
		front += "summary: " + quote(course.Summary) + "\n"
	}
	if whole && len(course.Keywords) > 0 {
		var q []string
		for _, k := range course.Keywords {
			q = append(q, quote(k))
		}
		front += "keywords: [" + strings.Join(q, ", ") + "]\n"
	}
	if whole && course.Duration != "" {
		front += "duration: " + course.Duration + "\n"
	}
	return front + attribution(licence, course.Title, cartridge.Origin{Authors: course.Authors, Source: course.Source})
}

// attribution is the front matter lines of a content's licence, authors
// and original (titled title: the work its pages are adapted from, for the
// licence box's attribution line).
func attribution(licence, title string, o cartridge.Origin) string {
	front := ""
	if licence != "" {
		front += "licence: " + licence + "\n"
	}
	var authors []string
	for _, a := range o.Authors {
		authors = append(authors, quote(a))
	}
	if len(authors) > 0 {
		front += "authors: [" + strings.Join(authors, ", ") + "]\n"
	}
	if src := o.Source; strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		front += "source:\n  title: " + quote(title) + "\n"
		if len(authors) > 0 {
			front += "  author: [" + strings.Join(authors, ", ") + "]\n"
		}
		front += "  url: " + quote(src) + "\n"
		if licence != "" {
			front += "  licence: " + licence + "\n"
		}
	}
	return front
}

// lessonRights is the front matter lines of a lesson's own rights (an H5P
// activity's: see cartridge.Lesson.Origin), "" when it has none.
func lessonRights(l *cartridge.Lesson) string {
	if l.Origin == nil {
		return ""
	}
	licence := ""
	if lic, ok := site.LicenceIn(l.Origin.Rights); ok {
		licence = lic.ID
	}
	return attribution(licence, firstNonEmpty(l.Title, l.Name), *l.Origin)
}

// lessonNotes says which lessons' own licences oersite does not know.
func lessonNotes(course *cartridge.Course) []error {
	var notes []error
	for _, m := range course.Modules {
		for _, l := range m.Lessons {
			if l.Origin == nil || l.Origin.Rights == "" {
				continue
			}
			if _, ok := site.LicenceIn(l.Origin.Rights); !ok {
				notes = append(notes, diag.Phrasef("The licence of the lesson %q (%s) is not one oersite knows: it shows its module's licence until you write its own in it (licence:), or remove it if that licence forbids publishing it.", firstNonEmpty(l.Title, l.Name), strings.Join(strings.Fields(l.Origin.Rights), " ")))
			}
		}
	}
	return notes
}

// creditNotes says which pictures', videos' and sounds' own licences
// (each in the credit line under it) oersite does not know, each once.
func creditNotes(course *cartridge.Course) []error {
	var notes []error
	seen := map[cartridge.Credit]bool{}
	for _, c := range course.Credits {
		if _, ok := site.LicenceIn(c.Rights); ok || seen[c] {
			continue
		}
		seen[c] = true
		notes = append(notes, diag.Phrasef("%q is under a licence oersite does not know (%s), which its credit line names: make sure it lets you publish it here, or replace it.", c.What, strings.Join(strings.Fields(c.Rights), " ")))
	}
	return notes
}

// licenceURL is the address of the deed of the licence a statement names
// ("CC BY 4.0"), "" for none oersite knows.
func licenceURL(statement string) string {
	if l, ok := site.LicenceIn(statement); ok {
		return l.URL
	}
	return ""
}

// writeModule writes a module's folder (front: its index's front matter)
// beside dest, then renames it to dest.
func writeModule(parent, dest string, m *cartridge.Module, front string) error {
	return stageFolder(parent, dest, func(out *os.Root) error {
		if err := out.WriteFile("index.md", []byte(front+"---\n\n"+strings.TrimSpace(m.Intro)+"\n"), 0o644); err != nil {
			return err
		}
		for i, l := range m.Lessons {
			page := "---\ntitle: " + quote(firstNonEmpty(l.Title, l.Name)) + "\nweight: " + strconv.Itoa(i+1) + "\n" + lessonRights(l) + "---\n\n" + l.Markdown
			if err := out.WriteFile(l.Name+".md", []byte(page), 0o644); err != nil {
				return err
			}
		}
		for _, f := range m.Files {
			if err := out.WriteFile(f.Name, f.Data, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

// lessonsInto writes the lessons of a course of one module (an H5P file)
// as the next lessons of the site's module opt.Module, NN-<name>.md in
// order, the module's introduction at the top of the first, their files
// beside them (renamed, and their links with them, where the module has
// a file of that name). Nothing there is replaced; a failure removes what
// it wrote.
func lessonsInto(opt CartridgeOptions, langDir string, course *cartridge.Course, licence string, rep *CartridgeReport) (*CartridgeReport, error) {
	if n := len(course.Modules); n != 1 {
		return nil, diag.Phrasef("%s holds %d modules, which cannot all be lessons of one: import it without --module, as modules of their own", opt.File, n)
	}
	m := course.Modules[0]
	if len(m.Lessons) == 0 {
		return nil, diag.Phrasef("%s holds no page, link or file a module could show", opt.File)
	}
	first, _, err := scaffold.Target(langDir, "lesson", "lesson", opt.Module)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(langDir, filepath.FromSlash(path.Dir(first)))
	number := 0
	fmt.Sscanf(path.Base(first), "%d-", &number)
	var written []string
	fail := func(err error) (*CartridgeReport, error) {
		for _, f := range written {
			os.Remove(f)
		}
		return nil, err
	}
	var links []string // old, new: the files' and lessons' names in the lessons' links
	names := make([]string, len(m.Files))
	for i, f := range m.Files {
		names[i] = f.Name
	}
	targets := freeFiles(dir, names)
	for i, f := range m.Files {
		target := targets[i]
		if err := writeNew(target, f.Data); err != nil {
			return fail(err)
		}
		written = append(written, target)
		links = append(links, "]("+f.Name+")", "]("+filepath.Base(target)+")")
	}
	lessons := make([]string, len(m.Lessons))
	for i, l := range m.Lessons {
		_, stem, _ := strings.Cut(l.Name, "-") // "01-prices": the number is the module's to give
		lessons[i] = fmt.Sprintf("%02d-%s", number+i, firstNonEmpty(stem, "lesson"))
		links = append(links, "]("+l.Name+".md", "]("+lessons[i]+".md")
	}
	relink := strings.NewReplacer(links...)
	for i, l := range m.Lessons {
		md := l.Markdown
		if i == 0 && strings.TrimSpace(m.Intro) != "" {
			md = strings.TrimSpace(m.Intro) + "\n\n" + md
		}
		rights := attribution(licence, course.Title, cartridge.Origin{Authors: course.Authors, Source: course.Source})
		if l.Origin != nil {
			rights = lessonRights(l)
		}
		page := "---\ntitle: " + quote(firstNonEmpty(l.Title, l.Name)) + "\nweight: " + strconv.Itoa(number+i) + "\n" + rights + "---\n\n" + relink.Replace(md)
		target := filepath.Join(dir, lessons[i]+".md")
		if err := writeNew(target, []byte(page)); err != nil {
			if errors.Is(err, fs.ErrExist) {
				err = diag.Phrasef("%s already exists: rename that lesson, or move it away", filepath.ToSlash(target))
			}
			return fail(err)
		}
		written = append(written, target)
		relPage, _ := filepath.Rel(opt.Site, target)
		rep.Pages = append(rep.Pages, filepath.ToSlash(relPage))
	}
	rel, _ := filepath.Rel(opt.Site, dir)
	rep.Modules = []ImportedModule{{Folder: filepath.ToSlash(rel), Title: m.Title, Lessons: len(m.Lessons)}}
	rep.Into = true
	rep.Files = len(m.Files)
	return rep, nil
}

// courseLanguage is the language whose tree the course goes into: the one
// asked for; else, for lessons added to a module, the site's default (where
// the module is unless asked); else the course's own when the site has it
// (by its tag, or its first part: "de-AT" goes into de); else the site's
// default, with a note saying the course's language has no tree here.
func courseLanguage(opt CartridgeOptions, own string, cfg *config.Config) (string, error) {
	if opt.Lang != "" {
		return opt.Lang, nil
	}
	if own == "" || opt.Module != "" {
		return cfg.DefaultLanguage, nil
	}
	for _, tag := range []string{own, strings.ToLower(own), strings.ToLower(strings.SplitN(own, "-", 2)[0])} {
		if _, ok := cfg.Languages[tag]; ok {
			return tag, nil
		}
	}
	return cfg.DefaultLanguage, diag.Phrasef("The course says it is in %s, which this site has no tree for: its modules went into %s, the site's default language (--lang chooses another).", own, cfg.DefaultLanguage)
}
