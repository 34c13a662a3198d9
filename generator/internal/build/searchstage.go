package build

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/content"
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
		d := search.Doc{URL: p.URL, Lang: lang, Kind: string(p.Kind), Title: p.Title, Summary: p.Summary, Body: p.Text,
			Keywords: p.Keywords(), Audience: p.Audience(), Level: p.Level(), Competences: p.Competences()}
		if p.Module != nil {
			d.Module = p.Module.Title
		}
		if p.FallbackOf != nil {
			d.Origin = p.FallbackOf.Lang
		}
		for _, h := range p.Headings {
			d.Headings = append(d.Headings, h.Text)
		}
		d.Sections = sections(p)
		docs = append(docs, d)
	}
	return append(docs, partnerDocs(s, lang)...)
}

// sections cuts a page's plain text at its headings: the text before the
// first heading, then one section per heading that has an id.
func sections(p *site.Page) []search.Section {
	if len(p.Headings) == 0 {
		return nil
	}
	var out []search.Section
	start, anchor, heading := 0, "", ""
	for _, h := range p.Headings {
		if h.ID == "" || h.Offset < start || h.Offset > len(p.Text) {
			continue
		}
		if h.Offset > start || anchor != "" {
			out = append(out, search.Section{Anchor: anchor, Heading: heading, Text: p.Text[start:h.Offset]})
		}
		start, anchor, heading = h.Offset, h.ID, h.Text
	}
	return append(out, search.Section{Anchor: anchor, Heading: heading, Text: p.Text[start:]})
}

// SearchIndexDir is where a language's bleve index is kept between builds.
func SearchIndexDir(cacheDir, lang string) string {
	return filepath.Join(cacheDir, "search", lang+".bleve")
}

// writeSearch updates each language's bleve index and exports the static
// index and the client into out.
func (w *writer) writeSearch(ctx context.Context, out publish.Writer) error {
	s := w.res.Site
	if s.Config.Search.Disabled {
		return nil
	}
	if err := out.WriteFile("_search/search.js", search.ClientJS()); err != nil {
		return err
	}
	errs := make([]error, len(s.Languages))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, l := range s.Languages {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = w.indexLanguage(ctx, out, l.Code)
		}()
	}
	wg.Wait()
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

// indexLanguage updates one language's index and exports it into out.
func (w *writer) indexLanguage(ctx context.Context, out publish.Writer, lang string) error {
	var ix *search.Index
	var err error
	switch {
	case w.opt.Indexes != nil:
		ix, err = w.opt.Indexes.get(lang)
	case w.opt.SearchInMemory:
		ix, err = search.ExportOnly(lang) // nothing reads a bleve index that is not kept
	default:
		var dir string
		if dir, err = prepareIndexDir(w.opt.CacheDir, lang); err == nil {
			ix, err = search.Open(dir, lang)
		}
	}
	if err != nil {
		return fmt.Errorf("search index (%s): %w", lang, err)
	}
	if w.opt.Indexes == nil {
		defer ix.Close()
	}
	if _, err := ix.Update(ctx, searchDocs(w.res.Site, lang)); err != nil {
		return fmt.Errorf("search index (%s): %w", lang, err)
	}
	_, err = ix.Export(ctx, func(p string, data []byte) error {
		if !strings.HasPrefix(p, "_search/") {
			return fmt.Errorf("search export outside _search/: %s", p)
		}
		return out.WriteFile(p, data)
	})
	if werr := ix.Wait(); werr != nil && err == nil { // bleve, indexing beside the export
		err = fmt.Errorf("search index (%s): %w", lang, werr)
	}
	return err
}
