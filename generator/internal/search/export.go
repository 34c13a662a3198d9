package search

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// DocChunk is how many documents one d-<n>.js file describes.
const DocChunk = 40

// TopRows is how many of a term's best documents its shard carries display rows for.
const TopRows = 10

// row is what a result shows of a document: address, title, kind, summary, module.
func row(d Doc) []string {
	r := []string{d.URL, d.Title, d.Kind, d.Summary}
	if d.Module != "" {
		r = append(r, d.Module)
	}
	return r
}

// ExportStats describes an export.
type ExportStats struct {
	Docs, Terms, Words, Files int
	Bytes                     int64
}

// posting is one (document, field) occurrence read from bleve.
type posting struct {
	doc  int
	tf   float64
	flen float64
}

// Export writes the static browser index of this language through put,
// with paths from the site root ("_search/it/index.js"). The bytes depend
// only on the documents, whether the bleve index was built fresh or updated.
func (ix *Index) Export(put func(path string, data []byte) error) (ExportStats, error) {
	var st ExportStats
	adv, err := ix.idx.Advanced()
	if err != nil {
		return st, err
	}
	r, err := adv.Reader()
	if err != nil {
		return st, err
	}
	defer r.Close()

	// Documents in a stable order: modules first, then by address.
	docs := append([]Doc(nil), ix.docs...)
	kindRank := map[string]int{"module": 0, "resource": 1, "webinar": 2, "lesson": 3, "story": 4, "page": 5}
	sort.SliceStable(docs, func(i, j int) bool {
		if kindRank[docs[i].Kind] != kindRank[docs[j].Kind] {
			return kindRank[docs[i].Kind] < kindRank[docs[j].Kind]
		}
		return docs[i].URL < docs[j].URL
	})
	num := map[string]int{}
	for i, d := range docs {
		num[d.URL] = i
	}
	n := float64(len(docs))
	st.Docs = len(docs)

	// Read every term's postings, field by field, through bleve's reader API.
	type fieldPostings map[string][]posting // term -> postings
	perField := map[string]fieldPostings{}
	avgLen := map[string]float64{}
	for _, f := range fieldWeights {
		dict, err := r.FieldDict(f.name)
		if err != nil {
			return st, err
		}
		fp := fieldPostings{}
		lens := map[int]float64{}
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				return st, err
			}
			if e == nil {
				break
			}
			tfr, err := r.TermFieldReader(context.Background(), []byte(e.Term), f.name, true, true, false)
			if err != nil {
				dict.Close()
				return st, err
			}
			for {
				td, err := tfr.Next(nil)
				if err != nil {
					tfr.Close()
					dict.Close()
					return st, err
				}
				if td == nil {
					break
				}
				ext, err := r.ExternalID(td.ID)
				if err != nil {
					continue
				}
				d, ok := num[ext]
				if !ok {
					continue // deleted but not yet merged away
				}
				flen := 1.0
				if td.Norm > 0 {
					flen = math.Round(1 / (td.Norm * td.Norm))
				}
				lens[d] = flen
				fp[e.Term] = append(fp[e.Term], posting{doc: d, tf: float64(td.Freq), flen: flen})
			}
			tfr.Close()
		}
		dict.Close()
		total := 0.0
		for _, l := range lens {
			total += l
		}
		if len(lens) > 0 {
			avgLen[f.name] = total / float64(len(lens))
		}
		perField[f.name] = fp
	}

	// Score every (term, document) pair: weighted BM25 summed over fields.
	scores := map[string]map[int]float64{}
	for _, f := range fieldWeights {
		for term, ps := range perField[f.name] {
			df := float64(len(ps))
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			m := scores[term]
			if m == nil {
				m = map[int]float64{}
				scores[term] = m
			}
			for _, p := range ps {
				norm := p.tf * (bm25K1 + 1) / (p.tf + bm25K1*(1-bm25B+bm25B*p.flen/math.Max(avgLen[f.name], 1)))
				m[p.doc] += f.weight * idf * norm
			}
		}
	}
	st.Terms = len(scores)

	// Word forms: every word of the documents, folded, mapped to its analysed terms.
	an := ix.analyzerImpl()
	wordTerms := map[string]map[string]bool{}
	addWord := func(key, term string) {
		if _, ok := scores[term]; !ok {
			return
		}
		s := wordTerms[key]
		if s == nil {
			s = map[string]bool{}
			wordTerms[key] = s
		}
		s[term] = true
	}
	seenWord := map[string]bool{}
	for _, d := range docs {
		for _, text := range []string{d.Title, d.Summary, strings.Join(d.Headings, " "), d.Body, strings.Join(d.Keywords, " ")} {
			for _, w := range words(text) {
				lw := strings.ToLower(w)
				if seenWord[lw] {
					continue
				}
				seenWord[lw] = true
				for _, tok := range an.Analyze([]byte(lw)) {
					addWord(Fold(ix.lang, lw), string(tok.Term))
				}
			}
		}
	}
	for term := range scores {
		addWord(Fold(ix.lang, term), term)
	}
	st.Words = len(wordTerms)

	// Shards by the first two letters of the folded word; a term's postings
	// live in the shard of its own folded form.
	type shard struct {
		W map[string][]string `json:"w"`
		P map[string][]int    `json:"p"`
		// D holds the display rows of each term's best documents, so that a
		// one-word query needs no other file to show its first results.
		D map[int][]string `json:"d"`
	}
	shards := map[string]*shard{}
	get := func(k string) *shard {
		s := shards[k]
		if s == nil {
			s = &shard{W: map[string][]string{}, P: map[string][]int{}, D: map[int][]string{}}
			shards[k] = s
		}
		return s
	}
	combos, comboOf := facetCombos(docs)
	for key, terms := range wordTerms {
		list := make([]string, 0, len(terms))
		for t := range terms {
			list = append(list, t)
		}
		sort.Strings(list)
		get(shardKey(key)).W[key] = list
	}
	for term, m := range scores {
		ids := make([]int, 0, len(m))
		for d := range m {
			ids = append(ids, d)
		}
		sort.Ints(ids)
		flat := make([]int, 0, 3*len(ids))
		prev := 0
		for _, d := range ids {
			flat = append(flat, d-prev, int(math.Round(m[d]*100)), comboOf[d])
			prev = d
		}
		sh := get(shardKey(Fold(ix.lang, term)))
		sh.P[term] = flat
		best := append([]int(nil), ids...)
		sort.SliceStable(best, func(i, j int) bool { return m[best[i]] > m[best[j]] })
		for _, d := range best[:min(TopRows, len(best))] {
			sh.D[d] = row(docs[d])
		}
	}
	names := make([]string, 0, len(shards))
	for k := range shards {
		names = append(names, k)
	}
	sort.Strings(names)
	write := func(name string, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "oersiteSearch.add(%q,%q,", ix.lang, name)
		b.Write(data)
		b.WriteString(");\n")
		st.Files++
		st.Bytes += int64(b.Len())
		return put("_search/"+ix.lang+"/"+name+".js", b.Bytes())
	}
	hexNames := make([]string, len(names))
	for i, k := range names {
		hexNames[i] = hex.EncodeToString([]byte(k))
		if err := write("t-"+hexNames[i], shards[k]); err != nil {
			return st, err
		}
	}
	for c := 0; c*DocChunk < len(docs); c++ {
		var rows [][]string
		for _, d := range docs[c*DocChunk : min((c+1)*DocChunk, len(docs))] {
			rows = append(rows, row(d))
		}
		if err := write(fmt.Sprintf("d-%d", c), rows); err != nil {
			return st, err
		}
	}
	meta := map[string]any{"n": len(docs), "chunk": DocChunk, "shards": hexNames, "combos": combos}
	return st, write("index", meta)
}

// facetCombos lists the distinct facet combinations of the documents (kind,
// level, audiences, competences) and each document's combination number.
func facetCombos(docs []Doc) ([][]any, []int) {
	var combos [][]any
	index := map[string]int{}
	of := make([]int, len(docs))
	for i, d := range docs {
		aud := append([]string{}, d.Audience...)
		comp := append([]string{}, d.Competences...)
		sort.Strings(aud)
		sort.Strings(comp)
		key := d.Kind + "|" + d.Level + "|" + strings.Join(aud, ",") + "|" + strings.Join(comp, ",")
		c, ok := index[key]
		if !ok {
			c = len(combos)
			index[key] = c
			combos = append(combos, []any{d.Kind, d.Level, aud, comp})
		}
		of[i] = c
	}
	return combos, of
}
