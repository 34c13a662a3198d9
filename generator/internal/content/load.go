package content

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/sitefs"
)

// Source is one Markdown file of the content tree.
type Source struct {
	Path      string // from the site root, for messages: "content/en/modules/x/index.md"
	Lang      string // "en"
	Rel       string // inside the language tree: "modules/x/index.md"
	Meta      Meta
	Body      []byte // Markdown after the front matter, LF line endings
	BodyLine  int    // line of the file where Body starts
	Format    Format
	Hash      [32]byte // SHA-256 of the whole file, for change detection
	BodyHash  [32]byte // SHA-256 of Body only
	FrontHash [32]byte // SHA-256 of everything before Body: the front matter
	// Placeholders are the lines still holding the text `oersite new` wrote
	// for the author to replace (see PlaceholderIn): such a page is a draft.
	Placeholders []PlaceholderLine
	// Warnings are what reading and decoding the file reported (Load
	// reports them too).
	Warnings diag.List
	// Cascaded tells that Meta holds values a section's cascade gave the
	// page (see applyCascades), not only the file's own.
	Cascaded bool

	// reread reads Body again, for a source Body was not read for (see
	// Options.Parsed); reused tells that the source is an earlier build's
	// parse.
	reread func() ([]byte, error)
	reused bool
}

// Reused reports whether the source was taken from an earlier build's
// parse (see Reparsed) instead of read.
func (s *Source) Reused() bool { return s.reused }

// Markdown returns Body, reading it from the file first for a source taken
// from an earlier build's parse (see Options.Parsed); the file must still
// hold the body the parse saw. Not safe for concurrent use on one Source.
func (s *Source) Markdown() ([]byte, error) {
	if s.reread != nil {
		body, err := s.reread()
		if err != nil {
			return nil, err
		}
		s.Body, s.reread = body, nil
	}
	return s.Body, nil
}

// ErrChangedWhileBuilt tells that a file changed between the build's check
// of its inputs and the moment its body was read.
var ErrChangedWhileBuilt = errors.New("the file changed while the site was built")

// Parsed returns the source as a build keeps it for the next (see
// Options.Parsed): without its body.
func (s *Source) Parsed() Source {
	c := *s
	c.Body, c.reread, c.reused = nil, nil, false
	return c
}

// Reparsed returns src, taken from an earlier build's parse of the file at
// src.Path in fsys, ready to read its Body when asked (see Markdown).
func Reparsed(src *Source, fsys fs.FS, lim Limits) *Source {
	src.Body, src.reused = nil, true
	src.reread = func() ([]byte, error) {
		data, diags := Read(fsys, src.Path, lim)
		if err := diags.Err(); err != nil {
			return nil, err
		}
		var pd diag.List
		again := ParseSource(src.Path, src.Lang, src.Rel, data, &pd)
		if again == nil || again.BodyHash != src.BodyHash || again.BodyLine != src.BodyLine {
			return nil, ErrChangedWhileBuilt
		}
		return again.Body, nil
	}
	return src
}

// Asset is any other file in a language tree (images, PDFs, CSV...), copied as it is.
type Asset struct {
	Path string // from the site root: "content/en/modules/x/diagram.svg"
	Lang string
	Rel  string // "modules/x/diagram.svg"
	Size int64
}

// Tree is everything read from content/.
type Tree struct {
	Sources []*Source
	Assets  []Asset
}

// Taken counts the sources taken from an earlier build's parse (see
// Options.Parsed) instead of read.
func (t Tree) Taken() int {
	n := 0
	for _, src := range t.Sources {
		if src.reused {
			n++
		}
	}
	return n
}

// Options says what to read.
type Options struct {
	// Dir is the content folder inside fsys, usually "content".
	Dir string
	// Languages are the configured language codes; other folders are errors.
	Languages []string
	// Limits bound the Markdown files read.
	Limits Limits
	// Parsed, when set, gives the source of a Markdown file (by Path) as
	// an earlier build parsed it, for a file the caller knows unchanged
	// since (see Reparsed): the file is then neither read nor parsed, and
	// its Warnings are reported as they were.
	Parsed func(path string) (*Source, bool)
}

// Load walks the content tree of fsys. fsys should refuse paths that leave
// the site (os.Root's FS does); a symlink that leads outside is reported.
// Every problem found is returned; the Tree holds what could be read. When
// ctx ends, Load stops reading and returns what it has.
func Load(ctx context.Context, fsys fs.FS, opt Options) (Tree, diag.List) {
	w := &contentWalk{ctx: ctx, fsys: fsys, opt: opt, langs: map[string]bool{}, rd: newReader(ctx, fsys, opt.Limits)}
	for _, l := range opt.Languages {
		w.langs[l] = true
	}
	// Markdown files are read and decoded on all cores while the walk goes
	// on; other files are listed as assets.
	err := fs.WalkDir(fsys, opt.Dir, w.visit)
	loadedFiles := w.rd.wait()
	if err != nil {
		w.walkFailed(err)
	}
	diags := w.diags
	var tree Tree
	for _, f := range w.assets {
		info, err := fs.Stat(fsys, f.path)
		if err != nil {
			diags.Add(diag.Errorf(f.path, 0, "", "cannot read: %v", unwrapPathError(err)))
			continue
		}
		tree.Assets = append(tree.Assets, Asset{Path: f.path, Lang: f.lang, Rel: f.rel, Size: info.Size()})
	}
	for _, l := range loadedFiles {
		diags = append(diags, l.diags...)
		if l.src != nil {
			tree.Sources = append(tree.Sources, l.src)
		}
	}
	sort.Slice(tree.Sources, func(i, j int) bool { return tree.Sources[i].Path < tree.Sources[j].Path })
	applyCascades(&tree, &diags)
	diags.Sort()
	return tree, diags
}

// contentWalk is one walk of the content folder: Markdown files go to the
// reader, other files to assets, problems to diags.
type contentWalk struct {
	ctx    context.Context
	fsys   fs.FS
	opt    Options
	langs  map[string]bool // the configured language codes
	rd     *reader
	assets []fileRef
	diags  diag.List
}

// visit is the fs.WalkDirFunc of the walk: it skips ignored names (editor
// and system files), checks the language folders, refuses files outside
// them and symbolic links that may not be followed, and hands every other
// file on.
func (w *contentWalk) visit(p string, d fs.DirEntry, err error) error {
	if w.ctx.Err() != nil {
		return fs.SkipAll
	}
	if err != nil {
		return w.unreadable(p, d, err)
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(p, w.opt.Dir), "/")
	if rel == "" {
		return nil
	}
	if ignored(d.Name()) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	lang, inLang, inside := strings.Cut(rel, "/")
	if !inside {
		return w.topLevel(p, d, lang)
	}
	if d.Type()&fs.ModeSymlink != 0 {
		if bad, ok := refusedLink(w.fsys, p); !ok {
			w.diags.Add(bad)
			return nil
		}
	}
	if d.IsDir() {
		return nil
	}
	f := fileRef{path: p, lang: lang, rel: inLang}
	if isMarkdown(inLang) {
		if w.opt.Parsed != nil {
			if src, ok := w.opt.Parsed(p); ok {
				w.rd.parsed(src)
				return nil
			}
		}
		w.rd.add(f)
	} else {
		w.assets = append(w.assets, f)
	}
	return nil
}

// unreadable reports an entry the walk could not read (the content folder
// itself missing: no content folder) and skips it.
func (w *contentWalk) unreadable(p string, d fs.DirEntry, err error) error {
	if p == w.opt.Dir && errors.Is(err, fs.ErrNotExist) {
		w.diags.Add(diag.Errorf(w.opt.Dir, 0, "create content/<language>/ folders with Markdown files, or pass --source with the site folder", "no content folder"))
		return fs.SkipDir
	}
	w.diags.Add(diag.Errorf(p, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err)))
	if d != nil && d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

// topLevel checks an entry directly in the content folder: a folder must be
// a configured language's (others are reported and skipped), a file is
// outside every language folder.
func (w *contentWalk) topLevel(p string, d fs.DirEntry, lang string) error {
	if !d.IsDir() {
		w.diags.Add(diag.Errorf(p, 0, diag.Hintf("move it into a language folder such as %s", path.Join(w.opt.Dir, firstOr(w.opt.Languages, "en"), d.Name())), "file is outside every language folder"))
		return nil
	}
	if !w.langs[lang] {
		w.diags.Add(diag.Errorf(p, 0, diag.Hintf("add [languages.%s] to config.toml, or rename the folder to one of: %s", lang, strings.Join(w.opt.Languages, ", ")),
			"content folder %q is not a configured language", lang))
		return fs.SkipDir
	}
	return nil
}

// walkFailed reports a walk that ended in an error: no content folder, or
// one that cannot be read.
func (w *contentWalk) walkFailed(err error) {
	if errors.Is(err, fs.ErrNotExist) {
		w.diags.Add(diag.Errorf(w.opt.Dir, 0, "create content/<language>/ folders with Markdown files, or pass --source with the site folder", "no content folder"))
	} else {
		w.diags.Add(diag.Errorf(w.opt.Dir, 0, "", "cannot read the content folder: %v", err))
	}
}

// refusedLink checks a symbolic link of the content: it must lead to a file
// the site may publish (see sitefs), not to a folder.
func refusedLink(fsys fs.FS, p string) (diag.Diagnostic, bool) {
	info, err := fs.Stat(fsys, p)
	var le *sitefs.LinkError
	switch {
	case errors.As(err, &le):
		return diag.Errorf(p, 0, sitefs.LinkHint, "%v; it is not published", le), false
	case err != nil:
		return diag.Errorf(p, 0, "replace the link with a copy of the file inside the site", "symbolic link leads outside the site or to nothing; refused"), false
	case info.IsDir():
		return diag.Errorf(p, 0, "copy the folder into the site instead of linking it", "symbolic links to folders are not followed"), false
	}
	return diag.Diagnostic{}, true
}

func isMarkdown(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".md") || strings.HasSuffix(l, ".markdown")
}

type fileRef struct{ path, lang, rel string }

func firstOr(s []string, def string) string {
	if len(s) > 0 {
		return s[0]
	}
	return def
}

func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasPrefix(name, "#") || name == "Thumbs.db"
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reader reads and decodes Markdown files on all cores as they are found.
type reader struct {
	fsys    fs.FS
	work    chan job
	wg      sync.WaitGroup
	results []*loaded // in the order files were added; filled in by the workers
}

type job struct {
	f   fileRef
	out *loaded
}

// loaded is one file's source (nil where unusable) and its problems.
type loaded struct {
	src   *Source
	diags diag.List
}

func newReader(ctx context.Context, fsys fs.FS, lim Limits) *reader {
	r := &reader{fsys: fsys, work: make(chan job, 256)}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			for j := range r.work {
				if ctx.Err() != nil {
					continue // drain: the build was stopped
				}
				data, diags := Read(r.fsys, j.f.path, lim)
				if diags.HasErrors() {
					j.out.diags = diags
					continue
				}
				j.out.src = ParseSource(j.f.path, j.f.lang, j.f.rel, data, &j.out.diags)
				if j.out.src != nil && len(j.out.diags) > 0 {
					j.out.src.Warnings = slices.Clone(j.out.diags)
				}
			}
		}()
	}
	return r
}

// add queues one file; it is called from the walk, one file at a time.
func (r *reader) add(f fileRef) {
	l := &loaded{}
	r.results = append(r.results, l)
	r.work <- job{f, l}
}

// parsed adds a source parsed by an earlier build, with its warnings.
func (r *reader) parsed(src *Source) {
	r.results = append(r.results, &loaded{src: src, diags: src.Warnings})
}

// wait returns every file's result, in the order added, once all are read.
func (r *reader) wait() []*loaded {
	close(r.work)
	r.wg.Wait()
	return r.results
}

// ParseSource decodes one Markdown file. It returns nil when the file cannot
// be used at all (its problems are in diags).
func ParseSource(p, lang, rel string, data []byte, diags *diag.List) *Source {
	src := &Source{Path: p, Lang: lang, Rel: rel}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		diags.Add(diag.Errorf(p, line, "save the file as UTF-8 in your editor (it may be in Latin-1 or Windows-1252)", "file is not valid UTF-8 text"))
		return nil
	}
	if bytes.Contains(data, []byte("\r")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	data = dropControls(p, data, diags)
	rf, err := splitFrontMatter(data)
	if err != nil {
		addFMError(diags, p, err)
		return nil
	}
	d, err := decodeFrontMatter(rf)
	if err != nil {
		addFMError(diags, p, err)
		return nil
	}
	dropValueControls(p, d, diags)
	src.Format = rf.format
	src.Body = rf.body
	src.BodyLine = rf.bodyLine
	src.BodyHash = sha256.Sum256(rf.body)
	src.FrontHash = sha256.Sum256(data[:len(data)-len(rf.body)])
	src.Meta = decodeMeta(p, d, diags)
	src.Placeholders = placeholderLines(data)
	return src
}

func addFMError(diags *diag.List, p string, err error) {
	var fe *fmError
	if errors.As(err, &fe) {
		diags.Add(fe.diagnostic(p))
		return
	}
	diags.Add(diag.Errorf(p, 0, "", "%v", err))
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
