// Package build is the orchestrator: it runs the stages of one build in
// order (config, content, Markdown, site model, templates, search, metadata,
// publish), names each stage in its errors and times it. It is the only
// package that knows every stage.
package build

import (
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/chart"
	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/oersite/oersite/generator/internal/markdown/quiz"
	"github.com/oersite/oersite/generator/internal/mirror"
	"github.com/oersite/oersite/generator/internal/oer"
	"github.com/oersite/oersite/generator/internal/partner"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/spill"
	"github.com/oersite/oersite/generator/internal/theme"
)

// GCPercent is the garbage collector setting `oersite build` runs with
// (unless GOGC is set). The search index is analysed and exported on
// every core while the pages are written: with Go's default (100), the
// heap overshot its goal by about 20 MiB more at the peak than when the
// export ran on one goroutine (10k pages of real text, measured
// interleaved); at 80 the peak is back where it was, and the build is
// no slower than with the export on one goroutine.
const GCPercent = 80

// UseGCPercent runs the garbage collector at GCPercent, as `oersite build`
// does, unless the user set GOGC; it returns what puts the setting before
// back (for a caller that goes on, as tests do).
func UseGCPercent() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(GCPercent)
	return func() { debug.SetGCPercent(old) }
}

// Options describe one build.
type Options struct {
	// Progress, when set, hears of each stage as it starts and of the
	// pages written so far while they are (for a progress line on the
	// terminal); it is called from the build's goroutine and must return
	// quickly.
	Progress func(Progress)
	// Source is the site folder holding config.toml, content/, themes/...
	Source string
	// Dest is the output folder (default Source/public).
	Dest string
	// Drafts includes pages marked draft.
	Drafts bool
	// Future includes pages dated after Now (date or publishDate).
	Future bool
	// Expired includes pages whose expiryDate has passed.
	Expired bool
	// Offline builds for opening from disk: links end in index.html.
	Offline bool
	// Now is the build date; zero means SOURCE_DATE_EPOCH or the clock.
	Now time.Time
	// CacheDir holds the search index between builds (default: see
	// DefaultCacheDir). A symbolic link at Source/.oersite is refused.
	CacheDir string
	// Output, when set, receives the files instead of a staging folder beside Dest.
	Output publish.Writer
	// Render keeps rendered Markdown between builds (the dev server's).
	Render *site.RenderCache
	// DryRun reads and assembles the site without writing anything (oersite check).
	DryRun bool
	// SearchInMemory keeps the search index in memory instead of CacheDir (the dev server).
	SearchInMemory bool
	// Indexes, when set, keeps in-memory search indexes between builds, by language.
	Indexes *IndexSet
	// LocalForms makes every form post to the local receiver (/_forms/<name>),
	// whatever endpoint config.toml names: `oersite serve --forms`.
	LocalForms bool
	// Full builds in full even when the output is up to date (see
	// buildRecord), and records the build for the next one.
	Full bool

	// horizon records the comparisons made with Now; the offline copy
	// built inside a build shares its build's.
	horizon *site.Horizon
	// copies keeps the pictures' smaller copies between a dev server's
	// builds, which have no cache folder (see writeCopies).
	copies *copyCache
	// offline, set for the offline copy of a patch build, is what that
	// copy may follow (see offlinePatch).
	offline *offlinePatch
}

// Result reports a build.
type Result struct {
	Site     *site.Site
	Config   config.Config
	Diags    diag.List // warnings (and errors when the build failed)
	Pages    int       // HTML pages written
	Files    []publish.Entry
	Timings  []Timing
	Duration time.Duration
	// UpToDate is set when the destination already held what this build
	// would have written, and was left as it was (see buildRecord).
	UpToDate bool
	// Patched, set by a patch build (see patch.go), is how many pages it
	// rendered again; the others are the last build's.
	Patched int
	// Stylesheets is set by Session.UpdateTheme when only stylesheets
	// changed: their new fingerprinted paths, by asset name ("css/site.css").
	Stylesheets map[string]string
}

// Timing is how long one stage took; Bytes, when set, is how much it read
// (for a throughput).
type Timing struct {
	Stage string
	Took  time.Duration
	Bytes int64
	Note  string // what else to tell about the stage
}

// assembleParts splits the assemble stage's time: rendering the Markdown
// (on all cores) and the rest, building the model (relations,
// translations, taxonomies, navigation).
func assembleParts(total time.Duration, md site.MarkdownStats) []Timing {
	markdown := Timing{Stage: " markdown", Took: md.Took, Bytes: md.Bytes}
	if md.Taken > 0 {
		markdown.Note = fmt.Sprintf("%d of %d files taken from the last build", md.Taken, md.Files)
	}
	return []Timing{markdown, {Stage: " model", Took: max(0, total-md.Took)}}
}

// Progress is where a build is: the stage it is in and, for pages, how
// many of how many are written.
type Progress struct {
	Stage       string
	Done, Total int
}

// progressEvery is how often, in pages handed out, the pages stage reports.
const progressEvery = 128

// StageError is a failure of one stage, with the diagnostics that caused it.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// Diagnostics returns the diagnostics inside a build error, if any.
func Diagnostics(err error) diag.List {
	var be *diag.BuildError
	if errors.As(err, &be) {
		return be.Diagnostics
	}
	return nil
}

// NowFrom returns the build date: the flag's value, else SOURCE_DATE_EPOCH, else the clock.
func NowFrom(flag string, getenv func(string) string, clock func() time.Time) (time.Time, error) {
	if flag != "" {
		if t, _, err := content.ParseDate(flag); err == nil {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("--now %q is not a date; write 2026-11-23 or 2026-11-23T10:00:00Z", flag)
	}
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return clock().UTC(), nil
}

// Build runs one build. On failure nothing is published and the destination is untouched.
func Build(ctx context.Context, opt Options) (*Result, error) {
	res, _, err := run(ctx, opt)
	return res, err
}

// run is one full build; it also returns the writer, which a Session keeps
// to re-render single pages later.
func run(ctx context.Context, opt Options) (*Result, *writer, error) {
	start := time.Now()
	res := &Result{}
	if opt.Source == "" {
		opt.Source = "."
	}
	if opt.Dest == "" {
		opt.Dest = filepath.Join(opt.Source, "public")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now().UTC()
	}
	timed := func(stage string, f func() error) error {
		if opt.Progress != nil {
			opt.Progress(Progress{Stage: stage})
		}
		t0 := time.Now()
		err := f()
		res.Timings = append(res.Timings, Timing{Stage: stage, Took: time.Since(t0)})
		if err != nil {
			return &StageError{Stage: stage, Err: err}
		}
		return ctx.Err()
	}
	if opt.horizon == nil {
		opt.horizon = &site.Horizon{}
	}
	if !opt.DryRun {
		if err := prepareCache(&opt, res); err != nil {
			return res, nil, err
		}
		if opt.copies == nil && opt.CacheDir == "" { // no cache folder: the offline copy's build takes the copies this one makes
			opt.copies = &copyCache{m: map[string][]byte{}, diskless: true}
		}
	}
	read, done, base := check(ctx, opt, res, start)
	if done != nil {
		return done, nil, nil
	}
	lastRenderings := base.renderings(opt) // read while the site loads
	early := base.stageEarly(opt)          // linked while the site loads
	defer early.discard()
	defer func() {
		if last := lastRenderings(); last != nil {
			last.bodies.Remove() // closes it: the file is the record's
		}
	}()
	if err := ctx.Err(); err != nil {
		return res, nil, err // stopped while checking
	}
	var in *inputs
	if err := timed("load", func() error {
		var err error
		strs := readStrings(opt, read)
		in, err = load(ctx, opt, res, func() map[string]*content.Source { return base.parsed(opt) }, strs)
		if err == nil {
			keepStrings(opt, read, strs)
		}
		return err
	}); err != nil {
		return res, nil, err
	}
	if n := in.tree.Taken(); n > 0 {
		res.Timings[len(res.Timings)-1].Note = fmt.Sprintf("the front matter of %d of %d files taken from the last build", n, len(in.tree.Sources))
	}
	defer in.root.Close()
	var bodies *spill.File
	var kept site.Kept
	if last := lastRenderings(); last != nil {
		if bodies = resumeBodies(opt, last, read != nil); bodies != nil {
			kept = last.by
		} else if bodies = openBodies(opt, read != nil); bodies != nil && bodies.CopyFrom(last.bodies, last.end) == nil {
			kept = last.by
		} else if bodies != nil {
			bodies.Remove()
			bodies = openBodies(opt, read != nil)
		}
		last.bodies.Remove() // closes it (again at the end: no harm)
	} else {
		bodies = openBodies(opt, read != nil)
	}
	if bodies != nil {
		defer func() { bodies.Remove() }()
	}
	err := timed("assemble", func() error { return assemble(ctx, in, opt, bodies, kept, res) })
	if res.Site != nil {
		res.Timings = append(res.Timings, assembleParts(res.Timings[len(res.Timings)-1].Took, res.Site.Markdown)...)
	}
	if err != nil {
		return res, nil, err
	}
	if opt.DryRun {
		res.Duration = time.Since(start)
		return res, nil, nil
	}
	var renderings func() (spill.Span, bool)
	if read != nil && bodies != nil {
		renderings = keepRenderings(res.Site, bodies) // written while the pages are
	}
	var parsed func() parsedKept
	if read != nil {
		parsed = keepParsedBeside(opt, in.tree.Sources, base.lastSources(), base.record()) // written while the pages are
		defer parsed()                                                                     // no goroutine outlives the build
	}
	plan := planPatch(base, res.Site)
	if opt.offline != nil {
		plan = opt.offline.onto(res.Site, opt.Output)
	}
	w := &writer{in: in, res: res, opt: opt, patch: plan}
	if read != nil && !opt.SearchInMemory && opt.CacheDir != "" {
		w.sizesKey = hex.EncodeToString(read.Program.Sum[:]) // sizes are the program's compressor's
	}
	w.early = w.startAnalysis(ctx)
	defer w.early.wait()
	t0 := time.Now()
	out, staging, plan, err := openOutput(opt, plan, early)
	if err != nil {
		return res, nil, err
	}
	if plan != nil {
		res.Timings = append(res.Timings, Timing{Stage: "link last", Took: time.Since(t0), Note: early.note()})
	}
	w.out, w.patch = out, plan
	err = w.writeAll(ctx, timed)
	if err == nil && bodies != nil && bodies.Err() != nil {
		err = &StageError{Stage: "pages", Err: fmt.Errorf("the pages' HTML and text, kept in a temporary file while the build ran, could not be read back: %w; check that the disk holding the cache folder (or the temporary folder) is not full", bodies.Err())}
	}
	var removed chan error // the previous version's removal, beside what follows
	spare := func() spareRecord { return spareRecord{} }
	if err == nil && staging != nil {
		err = timed("swap", staging.Swap)
		res.Files = staging.Entries()
		if err == nil {
			spare = keepSpare(opt, staging, plan, res.Files)
			removed = make(chan error, 1)
			go func() { removed <- staging.Remove() }()
		}
	}
	if err != nil {
		abort(ctx, staging)
		w.discardSearchDocs()
		return res, nil, err
	}
	t0 = time.Now()
	w.keepZipRecord()
	docs, warns := w.keepSearchDocs()
	if plan != nil {
		docs = plan.keptDocs(docs)
	}
	res.Diags = append(res.Diags, warns...)
	if m, ok := out.(entryLister); ok && res.Files == nil {
		res.Files = m.Entries()
	}
	if read != nil && len(warns) == 0 {
		output := func() ([]fileStamp, error) { return stampTree(opt.Dest) }
		if plan != nil {
			output = func() ([]fileStamp, error) { return plan.outputStamps(opt.Dest, res.Files, staging.Inherited) }
		}
		recordBuild(opt, *read, res, output, docs, bodies, renderings, w.meta, parsed, spare)
	}
	spare() // its folders stamped: no goroutine outlives the build
	if removed != nil {
		if err := <-removed; err != nil {
			res.Diags.Add(diag.Warnf("", 0, "remove it when no oersite runs; the next build into the same folder tries again",
				"the previous version of the output was not removed: %v", err))
		}
	}
	res.Timings = append(res.Timings, Timing{Stage: "keep", Took: time.Since(t0)})
	res.Duration = time.Since(start)
	return res, w, nil
}

// assemble renders the Markdown and assembles the site model into res.Site.
// Pages whose rendering kept holds (a patch build's, see renderings) are
// not rendered again; a build that will be recorded keeps its own
// renderings for the next.
func assemble(ctx context.Context, in *inputs, opt Options, bodies *spill.File, kept site.Kept, res *Result) error {
	in.pictures = pictureSizes(in.fsys)
	s, diags := site.Assemble(ctx, in.cfg, in.tree, MarkdownRenderer(in.cfg), site.Options{Now: opt.Now, Offline: opt.Offline, Drafts: opt.Drafts,
		Future: opt.Future, Expired: opt.Expired, Horizon: opt.horizon, Cache: opt.Render, Labels: in.i18n.T, Partners: in.partners,
		ReadFile: rootReader(opt.Source), PictureSize: in.pictures, Bodies: bodies, Keep: recorded(opt), Kept: kept})
	res.Site = s
	res.Diags = append(res.Diags, diags...)
	res.Diags = append(res.Diags, unknownLayouts(s, in.theme, in.themeFS)...)
	all := append(append(diag.List{}, in.contentErrs...), diags.Errors()...)
	all.Sort()
	return all.Err()
}

// openBodies returns where a build that writes pages and keeps no model
// afterwards (the command line's, not the dev server's) keeps the pages'
// rendered Markdown and plain text between the Markdown stage and the
// stages that read them: a spill file in the cache folder (in the system's
// temporary folder without one), so that the build's memory holds the
// site's metadata, not its text (see package spill). Nil (everything in
// memory) when no such file can be made.
//
// A build that will be recorded (keepable) makes a file that can be kept
// for the next build (see recordBuild).
func openBodies(opt Options, keepable bool) *spill.File {
	dir, ok := bodiesDir(opt)
	if !ok {
		return nil
	}
	create := spill.Create
	if keepable {
		create = spill.CreateKeepable
	}
	f, err := create(dir)
	if err != nil {
		return nil
	}
	return f
}

// bodiesDir is the folder of a build's spill file (see openBodies), made if
// need be; false when the build keeps none.
func bodiesDir(opt Options) (string, bool) {
	if opt.DryRun || opt.Indexes != nil || opt.Render != nil {
		return "", false
	}
	dir := opt.CacheDir
	if dir == "" || opt.SearchInMemory {
		dir = os.TempDir()
	}
	return dir, os.MkdirAll(dir, 0o755) == nil
}

// resumeBodies makes the last build's kept spill file this build's spill
// file, to be kept beside this build's record in turn (keepable, as for
// openBodies, which it replaces in a patch build): what the pages kept read
// stays where it is, and nothing is copied. Nil when it cannot be done, or
// when this build keeps no file.
func resumeBodies(opt Options, last *keptRenderings, keepable bool) *spill.File {
	dir, ok := bodiesDir(opt)
	if !ok || !keepable {
		return nil
	}
	resumed, err := spill.Resume(last.bodies, dir, last.end)
	if err != nil {
		return nil
	}
	return resumed
}

// rootReader reads files of the site by their path from its root, never
// outside it (symbolic links that lead out are refused). Each read opens
// the root again: the dev server's later rebuilds read through it too.
func rootReader(dir string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, err
		}
		defer root.Close()
		return root.ReadFile(filepath.FromSlash(name))
	}
}

// markdownOptions configures the Markdown stage for a site: its markup
// settings, and the container kinds beyond the standard ones (knowledge
// checks).
func markdownOptions(cfg config.Config) markdown.Options {
	return markdown.Options{UnsafeHTML: cfg.Markup.UnsafeHTML, Typographer: cfg.Markup.Typographer, NoText: cfg.Search.Disabled, PictureSizes: cfg.Markup.PictureSizes,
		Kinds:  []container.Kind{quiz.Kind(), chart.Kind()},
		Limits: markdown.Limits{TableCells: cfg.Limits.TableCells, Nesting: cfg.Limits.NestingDepth}}
}

// prepareCache decides where the search index is kept (see DefaultCacheDir),
// or keeps it in memory when nowhere can be written.
func prepareCache(opt *Options, res *Result) error {
	if err := checkCache(opt.CacheDir, opt.Dest, opt.Source); err != nil && opt.Output == nil {
		return &StageError{Stage: "search", Err: err}
	}
	if opt.SearchInMemory || opt.CacheDir != "" {
		return nil
	}
	dir, err := DefaultCacheDir(opt.Source)
	if err != nil {
		return &StageError{Stage: "search", Err: err}
	}
	if dir == "" {
		res.Diags.Add(diag.Warnf("", 0, "pass --cache DIR to keep it between builds", "neither the site folder nor the user's cache folder can be written: the search index is built in memory"))
		opt.SearchInMemory = true
	}
	opt.CacheDir = dir
	return nil
}

// openOutput returns where the build writes: opt.Output, else a staging
// folder beside a destination that may be replaced.
//
// A patch build's staging folder holds the last output, linked while the
// site loaded (see earlyStaging); where it could not be made, the build is
// a full one (plan comes back nil).
func openOutput(opt Options, plan *patchPlan, early *earlyStaging) (publish.Writer, *publish.Staging, *patchPlan, error) {
	if opt.Output != nil {
		return opt.Output, nil, plan, nil // plan: an offline copy's (see offlinePatch)
	}
	var staging *publish.Staging
	if plan != nil {
		if staging = early.take(plan); staging == nil {
			plan = nil
		}
	}
	early.discard()
	var err error
	if staging == nil {
		if err = checkDest(opt.Dest, opt.Source); err == nil {
			staging, err = publish.NewStaging(opt.Dest)
		}
	}
	if err != nil {
		return nil, nil, nil, &StageError{Stage: "publish", Err: err}
	}
	return staging, staging, plan, nil
}

// abort removes a failed build's staging folder. A build told to stop
// returns within moments: the next build removes what is left.
func abort(ctx context.Context, staging *publish.Staging) {
	switch {
	case staging == nil:
	case ctx.Err() != nil:
		staging.AbortWithin(300 * time.Millisecond)
	default:
		_ = staging.Abort()
	}
}

// inputs is everything read before the site is assembled.
type inputs struct {
	root    *os.Root
	fsys    fs.FS
	cfg     config.Config
	tree    content.Tree
	i18n    *i18n.Catalog
	theme   *theme.Theme
	themeFS string // "themes/<name>"
	// static and assetFiles are the static files and theme assets: rel -> path in fsys.
	static, assetFiles map[string]string
	// contentErrs are the errors found reading content, reported with the assembly's.
	contentErrs diag.List
	// partners is what `oersite harvest` left in data/partners/.
	partners []*partner.Data
	// pictures gives the size of a content picture (see pictureSizes),
	// made afresh for each build by assemble.
	pictures func(name string) (width, height int, ok bool)
}

// lastParsed, when not nil, gives the last build's parse of unchanged
// content files (see patchBase.parsed); it is read while the theme and the
// strings load, on other cores. strs, when not nil, holds the strings
// files the last build parsed (see readStrings).
func load(ctx context.Context, opt Options, res *Result, lastParsed func() map[string]*content.Source, strs *i18n.Parsed) (*inputs, error) {
	cfg, diags, err := config.Load(filepath.Join(opt.Source, config.FileName), config.FileName)
	res.Diags = append(res.Diags, diags...)
	if err != nil {
		return nil, err
	}
	if opt.LocalForms {
		for name, f := range cfg.Forms {
			f.Endpoint, f.Netlify = "local", false
			cfg.Forms[name] = f
		}
	}
	res.Config = cfg
	root, err := os.OpenRoot(opt.Source)
	if err != nil {
		return nil, err
	}
	in := &inputs{root: root, fsys: siteFS(root, cfg.Theme), cfg: cfg, themeFS: "themes/" + cfg.Theme}
	var all diag.List
	all = append(all, in.collectFiles()...)
	if _, err := fs.Stat(in.fsys, in.themeFS); err != nil {
		all.Add(diag.Errorf(config.FileName, 0, diag.Hintf("create themes/%s/ or set theme to a folder under themes/", cfg.Theme), "theme %q not found", cfg.Theme))
	}
	var wg sync.WaitGroup
	var tdiags, idiags diag.List
	wg.Add(2)
	go func() {
		defer wg.Done()
		in.theme, tdiags = theme.Load(in.fsys, []string{in.themeFS + "/layouts", "layouts"})
	}()
	go func() {
		defer wg.Done()
		in.i18n, idiags = i18n.LoadWith(in.fsys, []string{in.themeFS + "/i18n", "i18n"}, cfg.LanguageCodes(), cfg.DefaultLanguage, strs)
	}()
	var cdiags diag.List
	copt := content.Options{Dir: "content", Languages: cfg.LanguageCodes(), Limits: contentLimits(cfg)}
	var parsed map[string]*content.Source
	if lastParsed != nil {
		parsed = lastParsed() // decoded while the theme and the strings load
	}
	if parsed != nil {
		copt.Parsed = func(p string) (*content.Source, bool) {
			src, ok := parsed[p]
			if ok {
				src = content.Reparsed(src, in.fsys, copt.Limits)
			}
			return src, ok
		}
	}
	in.tree, cdiags = content.Load(ctx, in.fsys, copt)
	var pdiags diag.List
	in.partners, pdiags = partner.Load(in.fsys, cfg.Partners)
	cdiags = append(cdiags, pdiags...)
	wg.Wait()
	all = append(all, tdiags...)
	all = append(all, idiags...)
	res.Diags = append(res.Diags, all...)
	res.Diags = append(res.Diags, cdiags...)
	if err := all.Err(); err != nil {
		root.Close()
		return nil, err
	}
	res.Diags = append(res.Diags, cfg.UntranslatedTexts(config.FileName, in.i18n.LookupText)...)
	// Content errors do not stop here: assembling what could be read finds
	// the rest, so that one build reports every error.
	in.contentErrs = cdiags.Errors()
	return in, nil
}

// contentLimits are the limits on the Markdown files read.
func contentLimits(cfg config.Config) content.Limits {
	return content.Limits{FileBytes: cfg.Limits.FileBytes, LineBytes: cfg.Limits.LineBytes}
}

// writer writes every output of a build.
type writer struct {
	out    publish.Writer
	in     *inputs
	res    *Result
	opt    Options
	assets map[string]string
	sh     *theme.Shared // kept for re-rendering single pages
	oer    *oer.Builder
	// exportSizes are the sizes of the packages for learning platforms, by path.
	exportSizes map[string]int64
	// sizesKey names the program whose size estimates the search export
	// keeps in the cache (see searchSizes); "" when it keeps none.
	sizesKey string
	// sizesFound of sizesAsked estimates were the last build's.
	sizesFound, sizesAsked atomic.Int64
	// patch, when set, is what a patch build writes again (see patch.go).
	patch *patchPlan
	// early is the first indexed language's analysis, started before the
	// output was opened; nil when none was.
	early *earlyAnalysis
	// searchDocs are each language's search documents (by code, keptDocs),
	// written into the cache as soon as it is indexed, put in place for
	// `oersite search` once the build has succeeded.
	searchDocs sync.Map
	// zipSums are the digests of the offline zip's files (see zipRecord).
	zipSums mirror.ZipSums
	// zipNote tells how many files the offline zip took from the last.
	zipNote string
	// copied counts the pictures whose copies the build wrote.
	copied copiedPictures
	// asked are the questions the metadata asked of the published files;
	// meta is the record of the metadata for the next build, and metaKept
	// tells that this one kept the last build's (see metaRecord).
	asked    askLog
	meta     *metaRecord
	metaKept bool
	// published answers for the files published before the metadata
	// builder was made (see publishedFiles); nil for an output that lists none.
	published func(string) (string, int64, bool)
}

func (w *writer) writeAll(ctx context.Context, timed func(string, func() error) error) error {
	if err := timed("static", func() error {
		assets, diags, err := w.writeStatic(ctx, w.out)
		w.assets = assets
		w.res.Diags = append(w.res.Diags, diags...)
		if err != nil {
			return err
		}
		return diags.Err()
	}); err != nil {
		return err
	}
	if note := w.copied.note(); note != "" {
		w.res.Timings[len(w.res.Timings)-1].Note = note
	}
	if err := timed("exports", func() error { return w.writeExports(ctx, w.out) }); err != nil {
		return err
	}
	// The site-wide metadata files need the model, not the pages: they are
	// written while the pages are, on the cores disk writes leave idle.
	w.sh = w.shared()
	meta := make(chan error, 1)
	var metaWarns diag.List
	go func() {
		warns, err := w.writeMetadata(ctx, w.out)
		metaWarns = warns
		meta <- err
	}()
	// The search index needs the pages' text, not their HTML: it is
	// indexed and exported while the pages are written; the "search" stage
	// is the wait for it afterwards.
	search := make(chan error, 1)
	go func() { search <- w.writeSearch(ctx, w.out) }()
	err := timed("pages", func() error { return w.writePages(ctx) })
	merr := timed("metadata", func() error { return <-meta })
	if w.metaKept {
		w.res.Timings[len(w.res.Timings)-1].Note = "the last build's files, kept: nothing they show had changed"
	}
	if w.opt.Indexes == nil {
		// The pages and metadata are written: nothing reads the pages'
		// HTML any more but a build whose model is kept (the dev server's).
		// The languages still being indexed need their text only.
		dropContent(w.res.Site)
	}
	serr := timed("search", func() error { return <-search })
	if found := w.sizesFound.Load(); found > 0 {
		w.res.Timings[len(w.res.Timings)-1].Note = fmt.Sprintf("%d of %d file size estimates taken from the last build", found, w.sizesAsked.Load())
	}
	w.res.Diags = append(w.res.Diags, metaWarns...)
	if err := cmp.Or(err, merr, serr); err != nil {
		return err
	}
	for _, st := range w.extraStages() {
		if err := timed(st.name, func() error { return st.run(ctx) }); err != nil {
			return err
		}
		if st.note != nil {
			w.res.Timings[len(w.res.Timings)-1].Note = st.note()
		}
	}
	return nil
}

// dropContent forgets the rendered Markdown of every page.
func dropContent(s *site.Site) {
	for _, p := range s.Pages {
		p.DropContent()
	}
}

// stage is a named step after the pages.
type stage struct {
	name string
	run  func(context.Context) error
	note func() string // what its timing tells besides, if anything
}

// writePages executes templates for pages on all cores and hands the bytes
// to a larger pool of writers, so that rendering and disk I/O overlap.
func (w *writer) writePages(ctx context.Context) error {
	sh := w.sh
	pages := w.res.Site.Pages
	if w.patch != nil {
		pages = w.patch.pages
	}
	errs := make([]error, len(pages))
	type file struct {
		i   int
		buf *bytes.Buffer
	}
	// Rendered pages travel in pooled buffers when the output is done with
	// them once written (files on disk); an output that keeps them (the dev
	// server's memory) gets a copy.
	reuse := publish.ReleasesData(w.out)
	var pool sync.Pool
	getBuf := func() *bytes.Buffer {
		if b, ok := pool.Get().(*bytes.Buffer); ok {
			b.Reset()
			return b
		}
		return bytes.NewBuffer(make([]byte, 0, 32<<10))
	}
	work := make(chan int)
	files := make(chan file, 64)
	var renderers, writers sync.WaitGroup
	for n := 0; n < runtime.GOMAXPROCS(0); n++ {
		renderers.Add(1)
		go func() {
			defer renderers.Done()
			for i := range work {
				buf := getBuf()
				if err := w.renderPage(buf, sh, pages[i]); err != nil {
					errs[i] = err
					pool.Put(buf)
					continue
				}
				files <- file{i, buf}
			}
		}()
	}
	var written atomic.Int64
	for n := 0; n < 4*runtime.GOMAXPROCS(0); n++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for f := range files {
				data := f.buf.Bytes()
				if !reuse {
					data = append([]byte(nil), data...)
				}
				err := w.out.WriteFile(OutputPath(pages[f.i].URL), data)
				pool.Put(f.buf)
				if err != nil {
					errs[f.i] = err
					continue
				}
				written.Add(1)
			}
		}()
	}
	for i := range pages {
		if ctx.Err() != nil {
			break
		}
		if w.opt.Progress != nil && i%progressEvery == 0 {
			w.opt.Progress(Progress{Stage: "pages", Done: int(written.Load()), Total: len(pages)})
		}
		work <- i
	}
	close(work)
	renderers.Wait()
	close(files)
	writers.Wait()
	w.res.Pages = int(written.Load())
	if w.patch != nil {
		w.res.Patched, w.res.Pages = w.res.Pages, w.patch.base.rec.Pages
	}
	var diags diag.List
	for i, err := range errs {
		if err == nil {
			continue
		}
		file := ""
		if pages[i].Source != nil {
			file = pages[i].Source.Path
		}
		hint := ""
		if errors.As(err, new(errPageTooLarge)) {
			hint = "split the page, show fewer entries per list page (paginate), or raise pageBytes under [limits] in config.toml"
		}
		diags.Add(diag.Errorf(file, 0, hint, "page /%s: %v", pages[i].URL, err))
	}
	w.res.Diags = append(w.res.Diags, diags...)
	return diags.Err()
}

// OutputPath is the file a page URL is written to.
func OutputPath(url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}

func (w *writer) renderPage(buf *bytes.Buffer, sh *theme.Shared, p *site.Page) error {
	if p.Kind == site.KindAlias {
		return w.in.theme.ExecuteAlias(buf, p)
	}
	layout, ok := w.in.theme.Pick(layoutCandidates(p)...)
	if !ok {
		return fmt.Errorf("the theme has no layout for it (tried %s)", strings.Join(layoutCandidates(p), ", "))
	}
	return w.in.theme.Execute(capped{buf, w.in.cfg.Limits.PageBytes}, layout, theme.NewView(sh, p))
}

// capped is a page's buffer refusing to grow past the limit on page bytes,
// so that a template writing without end stops there.
type capped struct {
	buf *bytes.Buffer
	max int64
}

// errPageTooLarge is a page over limits.pageBytes.
type errPageTooLarge int64

func (e errPageTooLarge) Error() string {
	return fmt.Sprintf("its HTML grows over the limit of %d bytes (limits.pageBytes); it is not published", int64(e))
}

func (c capped) Write(p []byte) (int, error) {
	if c.max > 0 && int64(c.buf.Len()+len(p)) > c.max {
		return 0, errPageTooLarge(c.max)
	}
	return c.buf.Write(p)
}

// unknownLayouts warns about pages naming a layout that neither the theme
// nor the site has: the page falls back to the layout of its kind.
func unknownLayouts(s *site.Site, th *theme.Theme, themeFS string) diag.List {
	var l diag.List
	for _, p := range s.Pages {
		if p.Source == nil || p.FallbackOf != nil || p.Layout == "" || th.Has(p.Layout) {
			continue
		}
		used, _ := th.Pick(layoutCandidates(p)[1:]...)
		l.Add(diag.Warnf(p.Source.Path, p.Meta.Lines["layout"],
			diag.Hintf("use one of: %s (the layouts in %s/layouts/ and layouts/), or add layouts/%s.html", strings.Join(th.Layouts(), ", "), themeFS, p.Layout),
			"layout %q does not exist; the page uses %q", p.Layout, used))
	}
	return l
}

// layoutCandidates lists the layouts that may render a page, most specific first.
func layoutCandidates(p *site.Page) []string {
	var c []string
	if p.Layout != "" {
		c = append(c, p.Layout)
	}
	switch p.Kind {
	case site.KindSection:
		c = append(c, "section-"+p.Section, "section", "list")
	case site.KindStory:
		c = append(c, "story", "page")
	case site.KindFilter:
		c = append(c, "filter-"+p.Section, "section-"+p.Section, "section", "list")
	case site.KindNews:
		c = append(c, "news", "story", "page")
	case site.KindPage:
		c = append(c, "page-"+p.Section, "page")
	case site.KindHome:
		c = append(c, "home", "section", "list")
	default:
		c = append(c, string(p.Kind))
	}
	return append(c, "page")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
