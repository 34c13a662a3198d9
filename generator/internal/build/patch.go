package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/spill"
)

// A patch build writes again only what an edit of pages' bodies reaches.
// It follows a recorded build (see buildRecord) when, since then, the only
// inputs changed are existing pages' Markdown files, the options, the
// oersite program and every date comparison are the same, and the output
// is as that build left it. The site is loaded and assembled in full, as
// always (so that every warning is found again); then, when each edited
// page shows the rest of the site the same Surface as before (front
// matter, title, summary, headings, anchors, links, knowledge checks), the
// build writes into a staging folder holding the last output as hard
// links: the pages that show the edited bodies (site.BodyReaders) and the
// module pages whose packages they are in, the search index of each
// language those pages are in, and, as every build does, the static
// files, packages, metadata, partners' pages, offline zip and manifest.
// Anything else builds in full. The output is a full build's, byte for
// byte (tested against fresh builds); `--full` builds in full.

// patchBase is the last build, when only pages' Markdown files changed since.
type patchBase struct {
	rec *buildRecord
	// changed are the Markdown files whose content changed.
	changed []string
	// asRecorded tells whether the output and the kept files are as rec
	// says (see outputAsRecorded).
	asRecorded <-chan bool
	// sources is what the last build's files of parsed sources gave (see
	// parsed).
	sources lastSources
}

// parsed returns the sources the last build parsed of the content files
// unchanged since (see keepParsed); nil without a base.
func (b *patchBase) parsed(opt Options) map[string]*content.Source {
	if b == nil {
		return nil
	}
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return nil
	}
	return lastParsed(name, b.rec, b.changed, &b.sources)
}

// lastSources returns what the last build's files of sources gave the
// build; nil without a base.
func (b *patchBase) lastSources() *lastSources {
	if b == nil {
		return nil
	}
	return &b.sources
}

// patchPlan is what a patch build writes again.
type patchPlan struct {
	base *patchBase
	// pages are the pages to render again.
	pages []*site.Page
	// langs are the languages whose search index is written again.
	langs map[string]bool
	// modules are the modules of the pages edited (and of their copies):
	// their packages are written again.
	modules []*site.Page
}

// exports returns, of pages, the modules whose packages a patch build
// writes again: those of the pages edited, and any whose package the last
// build did not list. The others' packages are kept as they are: their
// sizes go into sizes.
func (p *patchPlan) exports(pages []*site.Page, sizes map[string]int64) []*site.Page {
	last := make(map[string]int64, len(p.base.rec.Entries))
	for _, e := range p.base.rec.Entries {
		last[e.Path] = e.Size
	}
	out := slices.Clone(p.modules)
	for _, m := range pages {
		if slices.Contains(p.modules, m) {
			continue
		}
		known := map[string]int64{}
		for _, e := range m.Exports() {
			if n, ok := last[e.Path]; ok {
				known[e.Path] = n
			}
		}
		if len(known) < len(m.Exports()) {
			out = append(out, m)
			continue
		}
		maps.Copy(sizes, known)
	}
	return out
}

// changedPages compares the last build's inputs with this one's: it
// returns the files whose content changed, and whether all of them are
// pages' Markdown files under content/ and nothing else changed (no file
// or folder added, removed or turned into a link).
func changedPages(old, now []inputFile) (changed []string, onlyPages bool) {
	if len(old) != len(now) {
		return nil, false
	}
	for i, f := range now {
		o := old[i]
		if f.Path != o.Path || f.Link != o.Link {
			return nil, false
		}
		if f.Sum == o.Sum {
			continue
		}
		if f.Link != "" || !isPageFile(f.Path) {
			return nil, false
		}
		changed = append(changed, f.Path)
	}
	return changed, true
}

// isPageFile reports whether p, a path from the site folder, is a page's
// Markdown file.
func isPageFile(p string) bool {
	return strings.HasPrefix(p, "content/") && path.Ext(p) == ".md"
}

// surfaces are the surfaces of a site's pages, by source file.
func surfaces(s *site.Site) map[string][sha256.Size]byte {
	if s == nil {
		return nil
	}
	out := map[string][sha256.Size]byte{}
	for file, p := range s.BySource() {
		if sum, ok := p.Surface(); ok {
			out[file] = sum
		}
	}
	return out
}

// planPatch decides, from the assembled site, what a patch build of base
// writes again; nil when the edits reach further than the pages' bodies
// (a build in full).
func planPatch(base *patchBase, s *site.Site) *patchPlan {
	if base == nil {
		return nil
	}
	if asRecorded := <-base.asRecorded; !asRecorded || s == nil || !base.rec.coversOutput() {
		return nil
	}
	bySource := s.BySource()
	plan := &patchPlan{base: base, langs: map[string]bool{}}
	var edited []*site.Page
	for _, file := range base.changed {
		p := bySource[file]
		if p == nil {
			return nil // not a page (a draft left out, say): nothing is known
		}
		sum, ok := p.Surface()
		if was, known := base.rec.Surfaces[file]; !ok || !known || sum != was {
			return nil
		}
		copies := s.BodyCopies(p)
		for _, q := range copies {
			edited = append(edited, q)
			plan.langs[q.Lang] = true
		}
		plan.pages = append(plan.pages, s.BodyReaders(p)...)
	}
	// The module pages show their packages' sizes; the packages hold the lessons.
	plan.modules = modulesOf(edited)
	plan.pages = append(plan.pages, plan.modules...)
	slices.SortFunc(plan.pages, func(a, b *site.Page) int { return strings.Compare(a.URL, b.URL) })
	plan.pages = slices.Compact(plan.pages)
	return plan
}

// keeps reports whether the offline copy of a patch build keeps a file of
// the last zip as it is, until written again: all but the search index of
// the languages it writes again (a new export may cut it into other
// files). The build's own staging folder keeps those too, until the new
// export is written (see dropUnwritten).
func (p *patchPlan) keeps(file string) bool {
	lang, ok := searchLang(file)
	return !ok || !p.langs[lang]
}

// dropUnwritten drops from the staging folder the files of lang's search
// index that the last build wrote and this build's export did not (it cut
// the index into other files). Most of the others its export wrote with
// the bytes they held, and the staging folder left them as they were.
func (p *patchPlan) dropUnwritten(s *publish.Staging, lang string, written map[string]bool) error {
	for _, e := range p.base.rec.Entries {
		if l, ok := searchLang(e.Path); ok && l == lang && !written[e.Path] {
			if err := s.Drop(e.Path); err != nil {
				return err
			}
		}
	}
	return nil
}

// coversOutput reports whether the record lists, with its content's
// digest, every file the destination held after the recorded build: only
// such files may be kept by a patch build.
func (r *buildRecord) coversOutput() bool {
	listed := make(map[string]bool, len(r.Entries))
	for _, e := range r.Entries {
		listed[e.Path] = true
	}
	n := 0
	for _, f := range r.Output {
		if f.Mode.IsRegular() {
			if !listed[f.Path] {
				return false
			}
			n++
		}
	}
	return n == len(listed)
}

// keptDocs adds to the search documents a patch build kept those the last
// build kept for the languages it did not index again.
func (p *patchPlan) keptDocs(kept []string) []string {
	for _, f := range p.base.rec.Kept {
		if !slices.Contains(kept, f.Path) {
			kept = append(kept, f.Path)
		}
	}
	slices.Sort(kept)
	return kept
}

// renderings starts reading, beside what the caller does meanwhile, the
// renderings the last build kept (see keepRenderings); the function it
// returns waits for them (and gives the same each time it is called): nil
// when the last build kept none, or they cannot be read. A patch build takes the pages whose Markdown and site's
// answers are unchanged from them (see site.Kept).
func (b *patchBase) renderings(opt Options) func() *keptRenderings {
	if b == nil || b.rec.Bodies == "" || filepath.Base(b.rec.Bodies) != b.rec.Bodies {
		return func() *keptRenderings { return nil }
	}
	done := make(chan *keptRenderings, 1)
	go func() { done <- b.readRenderings(opt) }()
	return sync.OnceValue(func() *keptRenderings { return <-done })
}

// keptRenderings are the last build's renderings and the spill file
// holding their HTML and text.
type keptRenderings struct {
	bodies *spill.File
	// end is where the pages' HTML and text end in bodies (the renderings follow).
	end int64
	by  site.Kept
}

func (b *patchBase) readRenderings(opt Options) *keptRenderings {
	record, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return nil
	}
	name := filepath.Join(filepath.Dir(record), b.rec.Bodies)
	if now, err := stampFiles([]string{name}); err != nil || now[0] != b.rec.BodiesStamp {
		return nil // changed since the build kept it
	}
	f, err := spill.Open(name)
	if err != nil {
		return nil
	}
	at := b.rec.RenderingsAt
	all, err := decodeRenderings(f, at)
	if err != nil {
		f.Remove()
		return nil // not the file the record was written with
	}
	k := &keptRenderings{bodies: f, end: at.Off, by: make(site.Kept, len(all))}
	var live int64
	for _, r := range all {
		if !within(r.Content, at.Off) || !within(r.Text, at.Off) {
			f.Remove()
			return nil
		}
		live += r.Content.Len + r.Text.Len
		k.by[r.File] = r
	}
	if at.Off > 2*live+1<<20 {
		// Each patch build adds to the file (see resumeBodies): once half of it
		// is what no page reads any more, the pages are rendered again
		// into a new one.
		f.Remove()
		return nil
	}
	return k
}

// within reports whether sp lies in the first end bytes of a file.
func within(sp spill.Span, end int64) bool {
	return sp.Off >= 0 && sp.Len >= 0 && sp.Off <= end && sp.Len <= end-sp.Off
}

// keepRenderings writes, beside what the caller does meanwhile, the
// renderings of s's pages into bodies, the spill file that holds their
// HTML and text; the function it returns waits, and tells where they are
// (ok false when they could not be written).
//
// They are written one at a time (their number, then each), and the site
// gives them up: at 100,000 pages they are some 100 MB.
func keepRenderings(s *site.Site, bodies *spill.File) func() (at spill.Span, ok bool) {
	type kept struct {
		at spill.Span
		ok bool
	}
	done := make(chan kept, 1)
	all := s.Renderings
	s.Renderings = nil
	go func() {
		w, written := bodies.Appender()
		err := writeRenderings(w, all)
		done <- kept{written(), err == nil && bodies.Err() == nil}
	}()
	return sync.OnceValues(func() (spill.Span, bool) {
		k := <-done
		return k.at, k.ok
	})
}

// renderingsMagic opens the renderings a build keeps; it changes whenever
// their form does. The count follows (a uvarint), then each rendering led
// by its length (a uvarint, see site.AppendRendering).
const renderingsMagic = "oersite renderings 3\n"

// writeRenderings writes all for decodeRenderings.
func writeRenderings(w io.Writer, all []site.Rendering) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var size [binary.MaxVarintLen64]byte
	bw.WriteString(renderingsMagic)
	bw.Write(binary.AppendUvarint(size[:0], uint64(len(all))))
	var one []byte
	for i := range all {
		one = site.AppendRendering(one[:0], &all[i])
		bw.Write(binary.AppendUvarint(size[:0], uint64(len(one))))
		bw.Write(one)
	}
	return bw.Flush()
}

// decodeRenderings reads the renderings keepRenderings wrote at at.
func decodeRenderings(f *spill.File, at spill.Span) ([]*site.Rendering, error) {
	if !within(at, f.Size()) {
		return nil, io.ErrUnexpectedEOF
	}
	r := bufio.NewReaderSize(f.Reader(at), 1<<16)
	magic := make([]byte, len(renderingsMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != renderingsMagic {
		return nil, errors.New("not the renderings of this oersite")
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > uint64(at.Len) {
		return nil, io.ErrUnexpectedEOF
	}
	all := make([]*site.Rendering, 0, min(n, 1<<20)) // a damaged count reserves no more
	var one []byte
	for range n {
		size, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if size > uint64(at.Len) {
			return nil, io.ErrUnexpectedEOF
		}
		one = slices.Grow(one[:0], int(size))[:size]
		if _, err := io.ReadFull(r, one); err != nil {
			return nil, err
		}
		rendering, rest, err := site.DecodeRendering(string(one)) // one allocation for its strings
		if err != nil {
			return nil, err
		}
		if len(rest) != 0 {
			return nil, errors.New("a kept rendering runs on")
		}
		all = append(all, rendering)
	}
	return all, nil
}

// outputStamps are the stamps of what a patch build left in dest (as
// stampTree gives them), made without walking it: a file kept from the
// last build is the same file (a hard link) as the record describes; a
// file written again is read; the folders are those holding the files.
func (p *patchPlan) outputStamps(dest string, entries []publish.Entry, inherited func(string) bool) ([]fileStamp, error) {
	last := make(map[string]fileStamp, len(p.base.rec.Output))
	for _, f := range p.base.rec.Output {
		last[f.Path] = f
	}
	folders := map[string]bool{".": true}
	out := []fileStamp{folderStamp(".")}
	for _, e := range entries {
		for d := path.Dir(e.Path); d != "." && !folders[d]; d = path.Dir(d) {
			folders[d] = true
			out = append(out, folderStamp(d))
		}
		f, ok := last[e.Path]
		if !ok || !inherited(e.Path) {
			info, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(e.Path)))
			if err != nil {
				return nil, err
			}
			f = stamp(e.Path, info)
		}
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b fileStamp) int { return walkOrder(a.Path, b.Path) })
	return out, nil
}

// walkOrder compares two slash-separated paths as a walk of their tree
// meets them (filepath.WalkDir): name by name, a folder before what it holds.
func walkOrder(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == ".":
		return -1
	case b == ".":
		return 1
	}
	for {
		x, restA, moreA := strings.Cut(a, "/")
		y, restB, moreB := strings.Cut(b, "/")
		if c := strings.Compare(x, y); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = restA, restB
	}
}

// earlyStaging is a patch build's staging folder, made of links to the
// last output while the site loads and assembles: every file but the
// search index, whose languages to keep the plan decides; or every file,
// when made from the spare (whole).
type earlyStaging struct {
	done    chan struct{}
	staging *publish.Staging
	whole   bool
	changed int // the paths made current in the spare, when whole
}

// note tells how the staging folder was made, when from the spare.
func (e *earlyStaging) note() string {
	if e == nil || !e.whole {
		return ""
	}
	return fmt.Sprintf("the previous version, kept in the cache, made current at %d paths", e.changed)
}

// stageEarly starts making the staging folder of a patch build of b.
func (b *patchBase) stageEarly(opt Options) *earlyStaging {
	if b == nil || opt.Output != nil {
		return nil
	}
	e := &earlyStaging{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		if checkDest(opt.Dest, opt.Source) != nil {
			return
		}
		if e.staging = b.fromSpare(opt); e.staging != nil {
			e.whole, e.changed = true, len(b.rec.Spare.Changed)
			return
		}
		e.staging, _ = publish.NewStagingFrom(opt.Dest, b.rec.Entries, isSearchFile)
	}()
	return e
}

// isSearchFile reports whether an output file is part of a language's
// static search index.
func isSearchFile(file string) bool {
	_, ok := searchLang(file)
	return ok
}

// searchLang returns the language whose static search index file is, if
// it is one (_search/<lang>/...).
func searchLang(file string) (string, bool) {
	inside, under := strings.CutPrefix(file, "_search/")
	lang, rest, ok := strings.Cut(inside, "/")
	return lang, under && ok && lang != "" && rest != ""
}

// take waits for the staging folder and completes it for plan; nil when
// it could not be made (it is then removed).
func (e *earlyStaging) take(plan *patchPlan) *publish.Staging {
	if e == nil {
		return nil
	}
	<-e.done
	s := e.staging
	e.staging = nil
	if s != nil && e.complete(s, plan) != nil {
		_ = s.Abort()
		return nil
	}
	return s
}

// complete makes the staging folder hold every file of the last build,
// those it lacks linked (the search index, which the early staging leaves
// out: which languages are indexed again was not known yet). The search
// index of the languages indexed again stays until their export is
// written (see dropUnwritten).
func (e *earlyStaging) complete(s *publish.Staging, plan *patchPlan) error {
	if !e.whole {
		return s.Inherit(plan.base.rec.Entries, nil)
	}
	return nil
}

// discard removes the staging folder unless it was taken.
func (e *earlyStaging) discard() {
	if e == nil {
		return
	}
	<-e.done
	if e.staging != nil {
		_ = e.staging.Abort()
		e.staging = nil
	}
}

// record returns the last build's record; nil without a base.
func (b *patchBase) record() *buildRecord {
	if b == nil {
		return nil
	}
	return b.rec
}
