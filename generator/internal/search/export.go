package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/content"
)

// ExportStats describes an export.
type ExportStats struct {
	Docs, Terms, Words, Files int
	Bytes                     int64
	// Shards is the number of word shards; LargestFile the largest file's
	// estimated gzipped size, the manifest aside.
	Shards, LargestFile int
}

// file is one file of the static index, named without its folder and ".js".
type file struct {
	name string
	data []byte
	gz   int // estimated gzipped size
}

// Export writes the static browser index of this language through put,
// with paths from the site root ("_search/it/index.js"). The bytes depend
// only on the documents, whether the bleve index was built fresh or updated.
// It works from the last Update's analysis of the documents (their postings
// and word forms) in three phases, each a function of its own: score the
// postings as bleve's Search does, cut everything into files of bounded
// size, and write each as soon as it is made (a language's index is never
// held whole). It stops between phases, and inside them every few thousand
// steps, when ctx ends; what it wrote by then is the caller's to discard.
func (ix *Index) Export(ctx context.Context, put func(path string, data []byte) error) (ExportStats, error) {
	terms := corpusTerms(ix.corpus)
	if !ix.clustered {
		if err := cluster(ctx, &ix.corpus, terms); err != nil {
			return ExportStats{}, err
		}
		ix.clustered = true
	}
	c, f := ix.corpus, ix.forms
	scores, err := score(ctx, c, terms)
	if err != nil {
		return ExportStats{}, err
	}
	folded := foldTerms(ix.lang, scores)
	st := ExportStats{Docs: len(c.docs), Terms: len(folded), Words: len(f.words)}
	var mu sync.Mutex // files come from two goroutines (see shardFiles)
	err = shardFiles(ctx, ix.lang, c, folded, f, ix.sizes, func(fl file) error {
		mu.Lock()
		defer mu.Unlock()
		return writeFile(ix.lang, fl, put, &st)
	})
	if err != nil {
		return ExportStats{}, err
	}
	return st, nil
}

// docOrder returns the documents in a stable order, the order of their
// numbers in the export: by kind in the order of content.Kinds (modules
// first), other kinds (partners' items) last, then by address, so that
// equal scores rank modules first.
func docOrder(docs []Doc) []Doc {
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(a, b Doc) int {
		return cmp.Or(cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), cmp.Compare(a.URL, b.URL))
	})
	return out
}

// kindRank is a kind's place in the export's order: content.Kinds' order,
// other kinds (partners' items) last.
func kindRank(kind string) int {
	kinds := content.Kinds()
	if i := slices.Index(kinds, kind); i >= 0 {
		return i
	}
	return len(kinds)
}

// foldTerms merges the terms that fold to the same spelling (accents
// removed), keeping each document's best score, and names them by that
// spelling, which is what the browser looks up.
func foldTerms(lang string, terms []termScores) []termScores {
	byFold := make(map[string]int, len(terms))
	var out []termScores
	for _, t := range terms {
		k := Fold(lang, t.term)
		i, ok := byFold[k]
		if !ok {
			byFold[k] = len(out)
			out = append(out, termScores{term: k, docs: t.docs})
			continue
		}
		out[i].docs = mergeBest(out[i].docs, t.docs)
	}
	slices.SortFunc(out, func(a, b termScores) int { return strings.Compare(a.term, b.term) })
	return out
}

// mergeBest merges two score lists, keeping each document's best score.
func mergeBest(a, b []scored) []scored {
	best := map[int32]float64{}
	for _, l := range [][]scored{a, b} {
		for _, s := range l {
			best[s.doc] = max(best[s.doc], s.score)
		}
	}
	out := make([]scored, 0, len(best))
	for d, s := range best {
		out = append(out, scored{d, s})
	}
	slices.SortFunc(out, func(x, y scored) int { return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.doc, y.doc)) })
	return out
}

// writeFile writes one file under _search/<lang>/, counting it in st.
func writeFile(lang string, f file, put func(string, []byte) error, st *ExportStats) error {
	if strings.HasPrefix(f.name, "t-") {
		st.Shards++
	}
	if f.name != "index" && f.name != "search" { // the manifest, and the client with it
		st.LargestFile = max(st.LargestFile, f.gz)
	}
	st.Files++
	st.Bytes += int64(len(f.data))
	return put("_search/"+lang+"/"+f.name+".js", f.data)
}
