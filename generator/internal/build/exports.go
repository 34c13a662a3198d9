package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/lms"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
)

// writeExports writes the packages for learning platforms ([export] in
// config.toml) into out, beside each module page, and tells the pages
// their sizes. A stopped ctx writes no further package.
//
// A patch build packages only the modules whose pages it writes again;
// the others' packages are the last build's (see patchPlan.exports).
func (w *writer) writeExports(ctx context.Context, out publish.Writer) error {
	w.exportSizes = map[string]int64{}
	modules := w.res.Site.Pages
	if w.patch != nil {
		modules = w.patch.exports(modules, w.exportSizes)
	}
	return w.packageModules(ctx, w.in.fsys, out, modules)
}

// packageModules writes the packages of the modules among pages into out,
// on every core, reading content files from fsys, and records their sizes.
// Once ctx ends, the packages not yet begun are skipped and its error returned.
func (w *writer) packageModules(ctx context.Context, fsys fs.FS, out publish.Writer, pages []*site.Page) error {
	type job struct {
		m *site.Page
		e site.Export
	}
	var jobs []job
	for _, m := range pages {
		for _, e := range m.Exports() {
			jobs = append(jobs, job{m, e})
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	k := lms.New(w.res.Site, fsys, w.in.i18n.T, w.in.quizScript(fsys))
	errs := make([]error, len(jobs))
	sizes := make([]int64, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				if ctx.Err() != nil {
					continue // stopped: begin no other package
				}
				j := jobs[i]
				data, err := k.Package(j.m, j.e.Format)
				if err == nil {
					err = out.WriteFile(j.e.Path, data)
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s package of /%s: %w", j.e.Format, j.m.URL, err)
				}
				sizes[i] = int64(len(data))
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, j := range jobs {
		w.exportSizes[j.e.Path] = sizes[i]
	}
	return errors.Join(errs...)
}

// modulesOf returns the modules whose packages hold any of pages: a
// module itself, and the module of a lesson (fallback copies included: a
// translated module shows an untranslated lesson in the default language).
func modulesOf(pages []*site.Page) []*site.Page {
	var out []*site.Page
	for _, p := range pages {
		m := p
		if p.Kind == site.KindLesson {
			m = p.Module
		}
		if m != nil && m.Kind == site.KindModule && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// ExportFile is one package written by Export.
type ExportFile struct {
	// Name is the file name: "content-calendar-it.imscc".
	Name string
	// Module is the module page's address from the site root.
	Module string
	Data   []byte
}

// Export packages modules for learning platforms, whatever [export] says:
// format is site.ExportCartridge or site.ExportSCORM; langs and modules
// (folder names under modules/) narrow the choice, empty meaning all.
// It writes nothing: the caller decides where the files go.
func Export(ctx context.Context, opt Options, format string, langs, modules []string) (*Result, []ExportFile, error) {
	start := time.Now()
	res := &Result{}
	opt.Source = cmp.Or(opt.Source, ".")
	if opt.Now.IsZero() {
		opt.Now = time.Now().UTC()
	}
	if format != site.ExportCartridge && format != site.ExportSCORM {
		return res, nil, fmt.Errorf("unknown format %q: use %s or %s", format, site.ExportCartridge, site.ExportSCORM)
	}
	in, err := load(ctx, opt, res, nil, nil)
	if err != nil {
		return res, nil, &StageError{Stage: "load", Err: err}
	}
	defer in.root.Close()
	if err := assemble(ctx, in, opt, nil, nil, res); err != nil {
		return res, nil, &StageError{Stage: "assemble", Err: err}
	}
	s := res.Site
	for _, l := range langs {
		if s.Lang(l) == nil {
			return res, nil, fmt.Errorf("the site has no language %q (it has %s)", l, strings.Join(s.Config.LanguageCodes(), ", "))
		}
	}
	found := map[string]bool{}
	k := lms.New(s, in.fsys, in.i18n.T, in.quizScript(in.fsys))
	var out []ExportFile
	for _, m := range s.Pages {
		slug := path.Base(strings.TrimSuffix(m.URL, "/"))
		if !chosen(m, slug, langs, modules) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return res, nil, err
		}
		found[slug] = true
		data, err := k.Package(m, format)
		if err != nil {
			return res, nil, fmt.Errorf("%s: %w", m.URL, err)
		}
		ext := ".imscc"
		if format == site.ExportSCORM {
			ext = "-scorm12.zip"
		}
		out = append(out, ExportFile{Name: slug + "-" + m.Lang + ext, Module: m.URL, Data: data})
	}
	for _, want := range modules {
		if !found[want] {
			return res, nil, fmt.Errorf("no module %q with lessons in the chosen languages: give a folder name under content/<lang>/modules/", want)
		}
	}
	res.Duration = time.Since(start)
	return res, out, nil
}

// chosen reports whether Export packages a page: a module with lessons, in
// its own language, among langs and modules when they are given.
func chosen(m *site.Page, slug string, langs, modules []string) bool {
	return m.Kind == site.KindModule && m.FallbackOf == nil && len(m.Lessons) > 0 &&
		(len(langs) == 0 || slices.Contains(langs, m.Lang)) && (len(modules) == 0 || slices.Contains(modules, slug))
}

// quizScript is the theme's (or the site's own) js/quiz.js, which marks
// knowledge checks, read from the site's files fsys as they are now; nil
// when there is none or it cannot be read (the build's asset stage
// reports that).
func (in *inputs) quizScript(fsys fs.FS) []byte {
	name, ok := in.assetFiles["js/quiz.js"]
	if !ok {
		return nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil
	}
	return data
}
