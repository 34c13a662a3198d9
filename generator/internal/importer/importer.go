// Package importer copies the content of a site built with another
// generator (Hugo, Zola, MkDocs, Docusaurus, Jekyll, GitBook and mdBook) into an oersite site's
// content/<lang>/ folders: it maps the source's language layout, its
// navigation order (into weight), its front matter keys into oersite's,
// and rewrites links between pages into relative links to .md files. It
// reports what it could not map.
//
// It never changes the source, refuses a site whose content/ is not empty
// unless forced (then the old content is moved aside, not deleted), and
// writes nothing when it fails: everything is staged beside the site and
// swapped in at the end.
package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Dialect is the generator a source site was written for.
type Dialect string

// The generators the importer reads.
const (
	Hugo       Dialect = "hugo"
	MkDocs     Dialect = "mkdocs"
	Docusaurus Dialect = "docusaurus"
	Jekyll     Dialect = "jekyll"
	Zola       Dialect = "zola"
	GitBook    Dialect = "gitbook"
)

// Dialects lists the generators the importer reads.
var Dialects = []Dialect{Hugo, Zola, MkDocs, Docusaurus, Jekyll, GitBook}

// Options describe one import.
type Options struct {
	Dialect Dialect
	// Source is the other generator's site folder (left unchanged).
	Source string
	// Site is the oersite site folder that receives content/ (and static/,
	// and config.toml when it has none).
	Site string
	// Force moves a non-empty content/ (and static/) aside, to
	// content.before-import/, instead of refusing.
	Force bool
	// Lang is the default language when the source does not name one ("en").
	Lang string
}

// Report says what an import did and what it could not map.
type Report struct {
	Dialect   Dialect
	Languages []string // in the source's order; the first is the default
	Pages     int      // Markdown files written
	Files     int      // other files copied
	// Unmapped counts, per front matter key oersite does not use, the
	// files that have it (kept in the front matter, readable by templates).
	Unmapped map[string]int
	// Links are links between pages that point at nothing in the source.
	Links []Problem
	// Skipped are files and settings of the source left out, with why.
	Skipped []Problem
	// Notes say what was changed on the way (files renamed, titles moved),
	// each a diag.Phrased.
	Notes []error
	// Backups are where --force moved what the site had.
	Backups []string
	// Config is set when config.toml was written.
	Config bool
}

// Problem is one thing the import could not map, at a file and line of the source.
type Problem struct {
	File string
	Line int
	What error // a diag.Phrased, said in the author's words by Said
}

func (p Problem) String() string { return p.Said(nil) }

// Said is the problem with what it says in say's words.
func (p Problem) Said(say diag.Phrases) string {
	what := say.Error(p.What)
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, what)
	}
	if p.File != "" {
		return p.File + ": " + what
	}
	return what
}

// file is one file on its way from the source to content/<lang>/.
type file struct {
	src  string // path inside the source, slash-separated
	lang string
	rel  string // path inside content/<lang>/
	page bool   // a Markdown page (else copied as it is)
	fm   *frontMatter
	body []byte
	// urls are the addresses the source generator published the page at,
	// without slashes at either end, for links written as addresses.
	urls []string
	// static files go to static/ (served from the site root), not content/.
	static bool
	// lineOffset is how many lines of the source file come before body.
	lineOffset int
	// navWeight is the page's place in the source's navigation (0: none).
	navWeight int
	// summaryTitle is the page's title in the source's table of contents
	// (a GitBook's SUMMARY.md), for a page that has none of its own.
	summaryTitle string
}

// project is what a dialect reads from a source.
type project struct {
	files   []*file
	langs   []string // default first
	title   string
	baseURL string
	// basePath is the path part of the source's base URL ("/docs/"),
	// stripped from links written as addresses.
	basePath string
}

// Run imports a site. On error nothing in the site has changed.
func Run(opt Options) (*Report, error) {
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	if opt.Site == "" {
		opt.Site = "."
	}
	if !langCode(opt.Lang) {
		return nil, diag.Phrasef("--lang %q is not a language code: give one such as en, pt-br or zh-hans", opt.Lang)
	}
	info, err := os.Stat(opt.Source)
	if err != nil || !info.IsDir() {
		return nil, diag.Phrasef("%s is not a folder: give the other site's folder", opt.Source)
	}
	if err := checkTargets(opt); err != nil {
		return nil, err
	}
	rep := &Report{Dialect: opt.Dialect, Unmapped: map[string]int{}}
	// The other site is read through os.Root: a symbolic link out of its
	// folder is not followed, whatever its configuration names.
	root, err := os.OpenRoot(opt.Source)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	src := root.FS()
	var pr *project
	switch opt.Dialect {
	case Hugo:
		pr, err = readHugo(src, opt.Lang, rep)
	case Zola:
		pr, err = readZola(src, opt.Lang, rep)
	case MkDocs:
		pr, err = readMkDocs(src, opt.Lang, rep)
	case Docusaurus:
		pr, err = readDocusaurus(src, opt.Lang, rep)
	case Jekyll:
		pr, err = readJekyll(src, opt.Lang, rep)
	case GitBook:
		pr, err = readGitBook(src, opt.Lang, rep)
	default:
		return nil, diag.Phrasef("unknown generator %q: use one of hugo, zola, mkdocs, docusaurus, jekyll, gitbook", opt.Dialect)
	}
	if err != nil {
		return nil, err
	}
	if len(pr.files) == 0 {
		return nil, diag.Phrasef("no Markdown found in %s for %s: is it the site's own folder?", opt.Source, opt.Dialect)
	}
	if err := checkLanguages(pr); err != nil {
		return nil, err
	}
	rep.Languages = pr.langs
	if err := prepare(src, pr, opt.Dialect, rep); err != nil {
		return nil, err
	}
	rewriteAllLinks(pr, rep)
	if err := stageAndSwap(opt, src, pr, rep); err != nil {
		return nil, err
	}
	sort.Slice(rep.Links, func(i, j int) bool { return rep.Links[i].String() < rep.Links[j].String() })
	return rep, nil
}

// langCode reports whether s can be a language code, and so a folder name
// under content/: letters, digits, dashes and underscores.
func langCode(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || i > 0 && (r == '-' || r == '_')
		if !ok {
			return false
		}
	}
	return true
}

// checkLanguages refuses languages of the source that are not codes: they
// name the folders pages are written to.
func checkLanguages(pr *project) error {
	for _, l := range pr.langs {
		if !langCode(l) {
			return diag.Phrasef("the other site's configuration names the language %q, which is not a language code (letters, digits and dashes, such as en or pt-br): correct it there", l)
		}
	}
	for _, f := range pr.files {
		if !langCode(f.lang) {
			return diag.Phrasef("%s: language %q is not a language code (letters, digits and dashes, such as en or pt-br): correct it there", f.src, f.lang)
		}
	}
	return nil
}

// checkTargets refuses, unless forced, a site whose content/ is not empty.
func checkTargets(opt Options) error {
	dir := filepath.Join(opt.Site, "content")
	if !opt.Force && !emptyDir(dir) {
		return diag.Phrasef("%s is not empty: import into a new site folder, or add --force to move it to content.before-import/ first", dir)
	}
	return nil
}

func emptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0
}

// prepare reads every page's front matter and body, and lets the dialect
// map them.
func prepare(src fs.FS, pr *project, d Dialect, rep *Report) error {
	inc := &includer{src: src, rep: rep, used: map[string]bool{}}
	for _, f := range pr.files {
		if !f.page || f.fm != nil { // (pages made by the importer have their front matter)
			continue
		}
		data, err := fs.ReadFile(src, f.src)
		if err != nil {
			return &diag.Phrased{Format: "cannot read %s: %v", Args: []any{f.src, err}, Err: err}
		}
		title := ""
		if d == GitBook {
			data, title = inc.expand(f.src, data)
		}
		fm, body, bodyLine, err := readPage(data)
		if err != nil {
			rep.Skipped = append(rep.Skipped, Problem{File: f.src, What: diag.Phrasef("front matter does not parse (%v): copied as it is; oersite build will show where", err)})
			f.page, f.body = false, data
			continue
		}
		f.fm, f.body, f.lineOffset = fm, body, bodyLine-1
		if _, ok := fm.key("title"); !ok && title != "" {
			fm.set("title", title)
		}
		mapPage(d, f, rep)
	}
	if d == GitBook {
		pr.files = dropIncluded(pr.files, inc.used, rep)
	}
	return nil
}

// targetPath is where a file goes inside the staged site.
func (f *file) targetPath() string {
	if f.static {
		return path.Join("static", f.rel)
	}
	return path.Join("content", f.lang, f.rel)
}

// langOf splits a language suffix off a file name ("about.fr.md" -> "about.md", "fr").
func langOf(name string, langs []string) (string, string) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		for _, l := range langs {
			if strings.EqualFold(stem[i+1:], l) {
				return stem[:i] + ext, l
			}
		}
	}
	return name, ""
}

func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdx":
		return true
	}
	return false
}

// hidden reports names that are never content: dot files, editor backups, OS files.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "Thumbs.db" || name == "node_modules"
}

// walkFiles lists every file under dir of src, skipping hidden names
// (dir too: a configuration naming .git as a folder of pages gets none).
func walkFiles(src fs.FS, dir string, fn func(p string) error) error {
	if slices.ContainsFunc(strings.Split(dir, "/"), func(s string) bool { return s != "." && hidden(s) }) { // "." is the source itself
		return nil
	}
	return fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		return fn(p)
	})
}

func exists(src fs.FS, p string) bool {
	_, err := fs.Stat(src, p)
	return err == nil
}

func isDir(src fs.FS, p string) bool {
	info, err := fs.Stat(src, p)
	return err == nil && info.IsDir()
}
