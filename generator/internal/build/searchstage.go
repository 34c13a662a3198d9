package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/search"
	"github.com/oersite/oersite/generator/internal/site"
)

// searchDocs returns the pages of one language that search finds: every
// content page its site shows, including the default language's pages it
// shows for want of a translation (labelled with their language); not
// lists or error pages.
func searchDocs(s *site.Site, lang string) []search.Doc {
	var docs []search.Doc
	for _, p := range s.Pages {
		if p.Lang != lang || p.Source == nil {
			continue
		}
		if !slices.Contains(content.SearchKinds(), string(p.Kind)) {
			continue // lists, search and error pages
		}
		d := search.Doc{URL: p.URL, Lang: lang, Kind: string(p.Kind), Title: p.Title, Summary: p.Summary,
			Keywords: p.Keywords(), Audience: p.Audience(), Level: p.Level(), Competences: p.Competences(),
			Load: func() (string, []search.Section) { text := p.Text(); return text, sections(p, text) }}
		if p.Module != nil {
			d.Module = p.Module.Title
		}
		if p.FallbackOf != nil {
			d.Origin = p.FallbackOf.Lang
		}
		for _, h := range p.Headings {
			d.Headings = append(d.Headings, h.Text)
		}
		docs = append(docs, d)
	}
	return append(docs, partnerDocs(s, lang)...)
}

// sections cuts a page's plain text at its headings: the text before the
// first heading, then one section per heading that has an id.
func sections(p *site.Page, text string) []search.Section {
	if len(p.Headings) == 0 {
		return nil
	}
	var out []search.Section
	start, anchor, heading := 0, "", ""
	for _, h := range p.Headings {
		if h.ID == "" || h.Offset < start || h.Offset > len(text) {
			continue
		}
		if h.Offset > start || anchor != "" {
			out = append(out, search.Section{Anchor: anchor, Heading: heading, Text: text[start:h.Offset]})
		}
		start, anchor, heading = h.Offset, h.ID, h.Text
	}
	return append(out, search.Section{Anchor: anchor, Heading: heading, Text: text[start:]})
}

// SearchIndexDir is where `oersite search` keeps a language's bleve index.
func SearchIndexDir(cacheDir, lang string) string {
	return filepath.Join(cacheDir, "search", lang+".bleve")
}

// searchSizesFile is where a build keeps the sizes its export of a
// language's search index estimated (see search.Sizes).
func searchSizesFile(cacheDir, lang string) string {
	return filepath.Join(cacheDir, "search", lang+".sizes")
}

// searchSizes returns the sizes the last build's export of lang estimated,
// kept in the cache under this program's digest; nil when the build keeps
// nothing in a cache folder. A link in the cache's search folder's place
// is removed first (see prepareIndexDir): nothing is read through it.
func (w *writer) searchSizes(lang string) *search.Sizes {
	if w.sizesKey == "" {
		return nil
	}
	if _, err := prepareIndexDir(w.opt.CacheDir, lang); err != nil {
		return nil
	}
	return search.ReadSizes(searchSizesFile(w.opt.CacheDir, lang), w.sizesKey)
}

// keepSearchSizes keeps the sizes the export of lang estimated for the
// next build. They only save it time: failing to keep them is no error.
func (w *writer) keepSearchSizes(lang string, s *search.Sizes) {
	if s == nil {
		return
	}
	w.sizesFound.Add(int64(s.Found()))
	w.sizesAsked.Add(int64(s.Asked()))
	_ = s.Write(searchSizesFile(w.opt.CacheDir, lang), w.sizesKey)
}

// SearchDocsFile is where a build keeps a language's search documents for
// `oersite search`.
func SearchDocsFile(cacheDir, lang string) string {
	return filepath.Join(cacheDir, "search", lang+".docs")
}

// OpenSearch opens the bleve index of lang in cacheDir for `oersite search`,
// brought up to date with the documents the last build kept there: only
// those that changed since the index last saw them are indexed again.
func OpenSearch(ctx context.Context, cacheDir, lang string) (*search.Index, error) {
	docs, err := search.ReadSnapshot(SearchDocsFile(cacheDir, lang))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("there is no search index for %q yet: run oersite build first", lang)
	}
	if err != nil {
		return nil, err
	}
	dir, err := prepareIndexDir(cacheDir, lang)
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(dir, lang)
	if err != nil {
		return nil, err
	}
	if _, err := ix.Update(ctx, docs); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// writeSearch updates each language's bleve index and exports the static
// index and the client into out. Languages are indexed one after the
// other, while the pages are written and after: each holds its analysis
// (postings, scores, excerpts) only while it is indexed, and lets its
// pages' plain text go once done (see dropText). Indexing two at once once
// the pages were written saved 3% of the time at 10k pages, none at 100k,
// for 8-20% more memory at the peak (measured interleaved).
func (w *writer) writeSearch(ctx context.Context, out publish.Writer) error {
	s := w.res.Site
	if s.Config.Search.Disabled {
		return nil
	}
	if err := out.WriteFile("_search/search.js", search.ClientJS()); err != nil {
		return err
	}
	var errs []error
	for _, l := range s.Languages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if w.patch != nil && !w.patch.langs[l.Code] {
			continue // a patch build keeps the last build's index
		}
		errs = append(errs, w.indexLanguage(ctx, out, l.Code))
	}
	return errors.Join(errs...)
}

// IndexSet keeps in-memory search indexes between the builds of one process
// (the dev server's), so that a rebuild re-indexes only the pages that changed.
type IndexSet struct {
	mu sync.Mutex
	m  map[string]*search.Index
}

// NewIndexSet returns an empty set.
func NewIndexSet() *IndexSet { return &IndexSet{m: map[string]*search.Index{}} }

func (s *IndexSet) get(lang string) (*search.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix := s.m[lang]; ix != nil {
		return ix, nil
	}
	ix, err := search.ExportOnly(lang)
	if err == nil {
		s.m[lang] = ix
	}
	return ix, err
}

// indexLanguage analyses one language's pages and exports the static
// index into out; the documents are kept for `oersite search` after the
// build (see keepSearchDocs). The build keeps no bleve index of its own.
func (w *writer) indexLanguage(ctx context.Context, out publish.Writer, lang string) error {
	var ix *search.Index
	var docs []search.Doc
	var err error
	if a := w.early; a != nil && a.lang == lang {
		ix, docs, err = a.result()
	} else {
		ix, docs, err = w.analyse(ctx, lang)
	}
	if err != nil {
		return err
	}
	sizes := w.searchSizes(lang)
	ix.RememberSizes(sizes)
	// A patch build's staging folder still holds the last index: the
	// export's files are noted (one at a time) to drop the others after.
	staging, patched := out.(*publish.Staging)
	patched = patched && w.patch != nil
	written := map[string]bool{}
	_, err = ix.Export(ctx, func(p string, data []byte) error {
		if !strings.HasPrefix(p, "_search/") {
			return fmt.Errorf("search export outside _search/: %s", p)
		}
		if patched {
			written[p] = true
		}
		return out.WriteFile(p, data)
	})
	ix.RememberSizes(nil)
	if err != nil {
		return err
	}
	if patched {
		if err := w.patch.dropUnwritten(staging, lang, written); err != nil {
			return err
		}
	}
	w.keepSearchSizes(lang, sizes)
	if w.opt.Indexes == nil && !w.opt.SearchInMemory {
		w.prepareSearchDocs(lang, docs)
	}
	if w.opt.Indexes == nil {
		// Nothing reads the pages' plain text but search: a build that
		// will not index them again lets it go.
		dropText(w.res.Site, lang)
	}
	return nil
}

// analyse makes the index of one language and analyses its documents.
func (w *writer) analyse(ctx context.Context, lang string) (*search.Index, []search.Doc, error) {
	var ix *search.Index
	var err error
	if w.opt.Indexes != nil {
		ix, err = w.opt.Indexes.get(lang)
	} else {
		ix, err = search.ExportOnly(lang)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("search index (%s): %w", lang, err)
	}
	docs := searchDocs(w.res.Site, lang)
	if _, err := ix.Update(ctx, docs); err != nil {
		return nil, nil, fmt.Errorf("search index (%s): %w", lang, err)
	}
	return ix, docs, nil
}

// earlyAnalysis is a patch build's first indexed language's analysis,
// started as soon as the site is assembled: it needs the pages' text, not
// the output, so it runs while the output folder is opened (the last
// build's files linked into it) and the static files are written.
type earlyAnalysis struct {
	lang string
	ix   *search.Index
	docs []search.Doc
	err  error
	done chan struct{}
}

// startAnalysis starts, in a patch build, the analysis of the first
// language w will index. A full build does not: its analysis beside the
// output's opening then overlaps the pages longer, which raised a 10k
// build's peak by about 40 MiB and saved no time (measured). A build that
// keeps its indexes (the dev server's) analyses in order as before.
func (w *writer) startAnalysis(ctx context.Context) *earlyAnalysis {
	s := w.res.Site
	if w.patch == nil || s.Config.Search.Disabled || w.opt.Indexes != nil {
		return nil
	}
	for _, l := range s.Languages {
		if !w.patch.langs[l.Code] {
			continue
		}
		a := &earlyAnalysis{lang: l.Code, done: make(chan struct{})}
		go func() {
			defer close(a.done)
			a.ix, a.docs, a.err = w.analyse(ctx, a.lang)
		}()
		return a
	}
	return nil
}

// result waits for the analysis.
func (a *earlyAnalysis) result() (*search.Index, []search.Doc, error) {
	<-a.done
	return a.ix, a.docs, a.err
}

// wait waits for the analysis, if one was started: no goroutine outlives
// the build.
func (a *earlyAnalysis) wait() {
	if a != nil {
		<-a.done
	}
}

// dropText forgets the plain text of one language's pages. A fallback page
// shares its text with the page it stands for: the text is freed once
// every language that shows it is indexed.
func dropText(s *site.Site, lang string) {
	for _, p := range s.Pages {
		if p.Lang == lang {
			p.DropText()
		}
	}
}

// keptDocs is a language's search documents written for `oersite search`,
// waiting for the build to succeed (see keepSearchDocs).
type keptDocs struct {
	pending string
	err     error
}

// prepareSearchDocs writes a language's search documents into the cache
// beside their place, to be put there once the build has succeeded.
func (w *writer) prepareSearchDocs(lang string, docs []search.Doc) {
	var k keptDocs
	if _, k.err = prepareIndexDir(w.opt.CacheDir, lang); k.err == nil {
		k.pending, k.err = search.PrepareSnapshot(SearchDocsFile(w.opt.CacheDir, lang), docs)
	}
	w.searchDocs.Store(lang, k)
}

// discardSearchDocs removes the documents a failed build prepared.
func (w *writer) discardSearchDocs() {
	w.searchDocs.Range(func(_, v any) bool {
		if k := v.(keptDocs); k.pending != "" {
			os.Remove(k.pending)
		}
		return true
	})
}

// keepSearchDocs puts, once the build has succeeded, each language's
// search documents in place in the cache for `oersite search`, and returns
// the files kept. Failing to is a warning: the site is built.
func (w *writer) keepSearchDocs() (kept []string, warns diag.List) {
	w.searchDocs.Range(func(key, v any) bool {
		lang, k := key.(string), v.(keptDocs)
		err := k.err
		if err == nil {
			err = search.CommitSnapshot(k.pending, SearchDocsFile(w.opt.CacheDir, lang))
		}
		if err == nil {
			kept = append(kept, SearchDocsFile(w.opt.CacheDir, lang))
		}
		if err != nil {
			warns.Add(diag.Warnf("", 0, "check that the cache folder can be written, or pass --cache DIR",
				"the search documents of %s were not kept for oersite search: %v", lang, err))
		}
		return true
	})
	slices.Sort(kept)
	return kept, warns
}
