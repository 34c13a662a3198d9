package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Doc is one page to index. URL is its path from the site root, without a
// leading slash ("it/modules/content-calendar/").
type Doc struct {
	URL, Lang, Kind string // Kind: module, lesson, webinar, resource, story, page
	Title, Summary  string
	Headings        []string
	Body            string
	Keywords        []string
	Audience        []string
	Level           string
	Competences     []string // DigComp codes like "2.2"
	Module          string   // lessons: their module's title
	// Sections are the body cut at its headings, for excerpts and links to
	// the matching section; empty: the body is one section.
	Sections []Section
	// Origin is the language of the text when the page is shown in this
	// language's site without a translation (a fallback); else empty.
	Origin string
	// Load, when set, gives Body and Sections, which are then left empty:
	// the index reads a document's text when it analyses it, cuts its
	// excerpts or writes its snapshot, and keeps none of it in between (a
	// build's pages keep their text on disk, not in memory). Documents are
	// loaded on every core: Load must be safe for concurrent use.
	Load func() (body string, sections []Section)
}

// withText returns the document with its Body and Sections, loaded when
// they are not held.
func (d Doc) withText() Doc {
	if d.Load != nil {
		d.Body, d.Sections = d.Load()
	}
	return d
}

// withoutText returns the document as the index keeps it between loads:
// with Load set, without its text, its sections' anchors and headings kept.
func (d Doc) withoutText() Doc {
	if d.Load == nil {
		return d
	}
	secs := make([]Section, len(d.Sections))
	for i, s := range d.Sections {
		secs[i] = Section{Anchor: s.Anchor, Heading: s.Heading}
	}
	d.Body, d.Sections = "", secs
	return d
}

// hash identifies a document's content with h, to skip re-indexing
// unchanged pages.
func (d Doc) hash(h hash.Hash) string {
	h.Reset()
	w := hashWriter{h: h}
	w.sw, _ = h.(io.StringWriter)
	for _, s := range []string{d.URL, d.Kind, d.Title, d.Summary, strings.Join(d.Headings, "\x1f"), d.Body,
		strings.Join(d.Keywords, "\x1f"), strings.Join(d.Audience, "\x1f"), d.Level, strings.Join(d.Competences, "\x1f"), d.Module, d.Origin} {
		w.write(s, 0)
	}
	for _, s := range d.Sections {
		w.write(s.Anchor, 0x1f)
		w.write(s.Heading, 0x1f)
		w.write(s.Text, 0)
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:min(len(sum), 12)])
}

// hashWriter writes strings into a hash, each followed by a separator:
// as they are where the hash takes strings, else through a buffer reused
// from one to the next, so that the text is not copied once per field.
type hashWriter struct {
	h   hash.Hash
	sw  io.StringWriter // h, when it takes strings
	buf []byte
}

func (w *hashWriter) write(s string, sep byte) {
	if w.sw != nil {
		w.sw.WriteString(s)
		w.buf = append(w.buf[:0], sep)
	} else {
		w.buf = append(append(w.buf[:0], s...), sep)
	}
	w.h.Write(w.buf)
}

func (d Doc) fields(hash string) map[string]any {
	return map[string]any{
		"title": d.Title, "summary": d.Summary, "headings": strings.Join(d.Headings, "\n"), "body": d.Body,
		"keywords": strings.Join(d.Keywords, " "), "url": d.URL, "kind": d.Kind, "module": d.Module, "level": d.Level,
		"audience": d.Audience, "competences": d.Competences, "hash": hash,
	}
}

// Index is the bleve index of one language.
type Index struct {
	lang string
	idx  bleve.Index // nil: export only
	// kept is an export-only index's hash of each document, by address.
	kept map[string]string
	// newHash makes what hashes documents (see Doc.hash): sha256 for the
	// hashes bleve stores, which outlive the process; for an export-only
	// index's, which live only as long as it, a maphash seeded per index
	// (sha256 there was 6% of a language's analysis and export).
	newHash func() hash.Hash
	words   *analyser
	// corpus and forms are the last Update's analysis of all its documents,
	// what Export works from.
	corpus corpus
	forms  *forms
	// clustered: corpus is numbered for the export already (see cluster),
	// by the first Export after the last Update.
	clustered bool
	// sizes, when set, remembers the export's size estimates (see Sizes).
	sizes *Sizes
}

// RememberSizes makes the next exports look up and record their files'
// estimated sizes in s (nil: compress every time).
func (ix *Index) RememberSizes(s *Sizes) { ix.sizes = s }

// Open opens or creates the on-disk index of one language in dir. An index
// holding a symbolic link anywhere is not opened (bleve would write where
// it points): it is deleted, the link with it, and built afresh.
func Open(dir, lang string) (*Index, error) {
	m, an, err := newMapping(lang)
	if err != nil {
		return nil, err
	}
	var idx bleve.Index
	if hasLinks(dir) {
		err = errors.New("the index holds symbolic links")
	} else {
		idx, err = bleve.Open(dir)
	}
	if err == nil {
		if a, _ := idx.GetInternal([]byte("oersite-analyzer")); string(a) != an {
			idx.Close()
			err = errors.New("analyser changed")
		}
	}
	if err != nil {
		if rmErr := os.RemoveAll(dir); rmErr != nil {
			return nil, rmErr
		}
		idx, err = bleve.New(dir, m)
		if err != nil {
			return nil, fmt.Errorf("cannot create the search index in %s: %w", dir, err)
		}
		if err := idx.SetInternal([]byte("oersite-analyzer"), []byte(an)); err != nil {
			return nil, err
		}
	}
	return newIndex(lang, an, m, idx), nil
}

func newIndex(lang, an string, m *mapping.IndexMappingImpl, idx bleve.Index) *Index {
	ix := &Index{lang: lang, idx: idx, newHash: sha256.New}
	ix.words = newAnalyser(lang, m.AnalyzerNamed(an))
	ix.forms = newForms(ix.words)
	return ix
}

// hasLinks reports whether dir is, or holds, a symbolic link.
func hasLinks(dir string) bool {
	found := false
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			found = true
			return filepath.SkipAll
		}
		return err
	})
	return found || err != nil && !errors.Is(err, fs.ErrNotExist)
}

// OpenMemory creates an in-memory index (for the dev server and tests). It
// is a scorch index without a path: the same compact segments as on disk,
// kept in memory (bleve.NewMemOnly's tree store takes several times more).
func OpenMemory(lang string) (*Index, error) {
	m, an, err := newMapping(lang)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	return newIndex(lang, an, m, idx), nil
}

// ExportOnly creates an index that only exports: it keeps no bleve index.
// Builds and the dev server use it; `oersite search` keeps a bleve index of
// its own (see build.OpenSearch). Search is refused.
func ExportOnly(lang string) (*Index, error) {
	m, an, err := newMapping(lang)
	if err != nil {
		return nil, err
	}
	ix := newIndex(lang, an, m, nil)
	ix.kept = map[string]string{}
	seed := maphash.MakeSeed()
	ix.newHash = func() hash.Hash {
		var h maphash.Hash
		h.SetSeed(seed)
		return &h
	}
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix.idx == nil {
		return nil
	}
	return ix.idx.Close()
}

// UpdateStats says what an Update changed.
type UpdateStats struct{ Added, Changed, Removed, Unchanged int }

// batchSize is how many documents bleve indexes at once: enough that a
// language of a few thousand pages makes a handful of segments (at 100 a
// batch, indexing 10,000 pages spent 7 s of CPU merging small segments again
// and again), few enough that an Update told to stop waits for one batch
// (its fields come analysed: about 0.15 s) at most.
const batchSize = 500

// Update makes the index hold exactly docs: new ones are added, changed ones
// re-indexed, missing ones deleted, unchanged ones left alone. Every
// document is analysed (see analysis.go) for the export; bleve is given the
// analysis of the new and changed ones. It stops between documents when ctx
// ends. Update and Export are not safe for concurrent use.
func (ix *Index) Update(ctx context.Context, docs []Doc) (UpdateStats, error) {
	var st UpdateStats
	existing, err := ix.hashes()
	if err != nil {
		return st, err
	}
	order := docOrder(docs)
	p := ix.words.newPass(order, ix.newHash)
	var b *bleve.Batch
	if ix.idx != nil {
		b = ix.idx.NewBatch()
	}
	seen := map[string]bool{}
	hashes := map[string]string{}
	err = p.read(ctx, order, func(i int, r docRead) error {
		d, h := r.doc, r.hash
		order[i] = d.withoutText()
		if seen[d.URL] {
			return fmt.Errorf("two documents share the address %s", d.URL)
		}
		seen[d.URL] = true
		if b == nil {
			hashes[d.URL] = h
		}
		old, had := existing[d.URL]
		switch {
		case !had:
			st.Added++
		case old != h:
			st.Changed++
		default:
			st.Unchanged++
			p.add(i, r, false)
			return nil
		}
		if b == nil {
			p.add(i, r, false)
			return nil
		}
		if err := ix.add(b, d, h, p.add(i, r, true)); err != nil {
			return err
		}
		if b.Size() >= batchSize {
			if err := ix.idx.Batch(b); err != nil {
				return err
			}
			b = ix.idx.NewBatch()
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	ids := make([]string, 0, len(existing))
	for id := range existing {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !seen[id] {
			if b != nil {
				b.Delete(id)
			}
			st.Removed++
		}
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if b != nil {
		if err := ix.idx.Batch(b); err != nil {
			return st, err
		}
	} else {
		ix.kept = hashes
	}
	ix.corpus, ix.forms = p.finish()
	ix.clustered = false
	return st, nil
}

// hashes returns the content hash of every document in the index, by address.
func (ix *Index) hashes() (map[string]string, error) {
	if ix.idx == nil {
		return ix.kept, nil
	}
	existing := map[string]string{}
	q := bleve.NewMatchAllQuery()
	req := bleve.NewSearchRequestOptions(q, 1<<30, 0, false)
	req.Fields = []string{"hash"}
	res, err := ix.idx.Search(req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		hash, _ := h.Fields["hash"].(string)
		existing[h.ID] = hash
	}
	return existing, nil
}

// add puts a document into a batch with its text fields already analysed.
func (ix *Index) add(b *bleve.Batch, d Doc, hash string, fields [5]analysed) error {
	doc := document.NewDocument(d.URL)
	if err := ix.idx.Mapping().MapDocument(doc, d.fields(hash)); err != nil {
		return err
	}
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok {
			continue
		}
		if fi := slices.IndexFunc(fieldWeights[:], func(w fieldWeight) bool { return w.name == f.Name() }); fi >= 0 {
			doc.Fields[i] = &analysedField{TextField: tf, a: fields[fi]}
		}
	}
	return b.IndexAdvanced(doc)
}

// Hit is one search result.
type Hit struct {
	URL, Title, Kind, Summary string
	Score                     float64
}

// Search answers a query with BM25, title matches weighing most: all words
// first, any word when nothing has them all.
func (ix *Index) Search(text string, n int) ([]Hit, error) {
	if ix.idx == nil {
		return nil, errors.New("this search index only exports: it keeps no bleve index")
	}
	words := ix.analyze(text)
	if len(words) == 0 {
		return nil, nil
	}
	build := func(conj bool) query.Query {
		var perWord []query.Query
		for _, w := range words {
			var fieldQs []query.Query
			for _, f := range fieldWeights {
				tq := bleve.NewTermQuery(w)
				tq.SetField(f.name)
				tq.SetBoost(f.weight)
				fieldQs = append(fieldQs, tq)
			}
			perWord = append(perWord, bleve.NewDisjunctionQuery(fieldQs...))
		}
		if conj {
			return bleve.NewConjunctionQuery(perWord...)
		}
		return bleve.NewDisjunctionQuery(perWord...)
	}
	for _, conj := range []bool{true, false} {
		req := bleve.NewSearchRequestOptions(build(conj), n, 0, false)
		req.Fields = []string{"title", "kind", "summary", "url"}
		res, err := ix.idx.Search(req)
		if err != nil {
			return nil, err
		}
		if len(res.Hits) == 0 && conj && len(words) > 1 {
			continue
		}
		var hits []Hit
		for _, h := range res.Hits {
			str := func(k string) string { s, _ := h.Fields[k].(string); return s }
			hits = append(hits, Hit{URL: h.ID, Title: str("title"), Kind: str("kind"), Summary: str("summary"), Score: h.Score})
		}
		return hits, nil
	}
	return nil, nil
}

// analyze returns the distinct analysed terms of a text, its words cut and
// analysed as the pages' words were.
func (ix *Index) analyze(text string) []string {
	return newAnalyser(ix.lang, ix.words.an).query(text)
}
