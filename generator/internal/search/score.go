package search

import (
	"cmp"
	"context"
	"math"
	"slices"
)

// BM25 parameters, bleve's (search.BM25_k1, search.BM25_b).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// scored is one document's score for a term.
type scored struct {
	doc   int32
	score float64
}

// termScores are a term's documents, best first (ties: lower number first).
type termScores struct {
	term string
	docs []scored
}

// best is a term's best documents: one screen of results, those its shard
// has display rows for and its excerpt file passages (see ResultRows).
func (t *termScores) best() []scored { return t.docs[:min(ResultRows, len(t.docs))] }

// score computes, for every term, the score bleve's Search gives a document
// for a query word that analyses to that term: the word is a disjunction of
// one term query per field, boosted by the field's weight, so the score is
//
//	coord * sum over fields f of boost(f) * idf(f)^2 * sqrt(tf) * k1 / (sqrt(tf) + k1 * (1 - b + b * len/avgLen(f)))
//
// where coord is the share of the fields that hold the term and the square of
// idf comes from bleve's query weight (boost * idf * queryNorm; queryNorm is
// the same for every document of a query, so it drops out of the ranking).
// A query of several words sums these scores, as bleve's conjunction does.
// terms are every term of the corpus, sorted (corpusTerms). They are
// scored on every core (inRuns); it stops between runs when ctx ends.
func score(ctx context.Context, c corpus, terms []string) ([]termScores, error) {
	out := make([]termScores, len(terms))
	inRuns(len(terms), func(lo, hi int) {
		if ctx.Err() != nil {
			return
		}
		for i := lo; i < hi; i++ {
			out[i] = scoreTerm(c, terms[i])
		}
	})()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scoreTerm scores one term's documents (see score).
func scoreTerm(c corpus, term string) termScores {
	var lists [len(fieldWeights)][]posting
	var idf [len(fieldWeights)]float64
	n := float64(len(c.docs))
	size := 0
	for fi := range fieldWeights {
		lists[fi] = c.fields[fi].terms[term]
		df := float64(len(lists[fi]))
		idf[fi] = math.Log(1 + (n-df+0.5)/(df+0.5))
		size = max(size, len(lists[fi]))
	}
	ts := termScores{term: term, docs: make([]scored, 0, size)}
	// Each field's postings are in document order: merged, a document's
	// parts are added in field order, as bleve adds them.
	for {
		doc, found := int32(0), false
		for fi := range lists {
			if len(lists[fi]) > 0 && (!found || lists[fi][0].doc < doc) {
				doc, found = lists[fi][0].doc, true
			}
		}
		if !found {
			break
		}
		sum, hits := 0.0, 0
		for fi, f := range fieldWeights {
			if ps := lists[fi]; len(ps) > 0 && ps[0].doc == doc {
				sum += f.weight * idf[fi] * idf[fi] * tfNorm(ps[0], &c.fields[fi])
				hits++
				lists[fi] = ps[1:]
			}
		}
		coord := float64(hits) / float64(len(fieldWeights))
		ts.docs = append(ts.docs, scored{doc: doc, score: sum * coord})
	}
	slices.SortFunc(ts.docs, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
	})
	return ts
}

// corpusTerms lists the terms of every field, each once, in order.
func corpusTerms(c corpus) []string {
	seen := map[string]bool{}
	var terms []string
	for _, f := range c.fields {
		for term := range f.terms {
			if !seen[term] {
				seen[term] = true
				terms = append(terms, term)
			}
		}
	}
	slices.Sort(terms)
	return terms
}

// tfNorm is BM25's saturated term frequency, computed as bleve does: the
// square root of the count, the field length recovered from the norm.
func tfNorm(p posting, f *fieldPostings) float64 {
	tf := math.Sqrt(float64(p.freq))
	norm := float64(f.norms[p.doc])
	length := 1 / (norm * norm)
	return tf * bm25K1 / (tf + bm25K1*(1-bm25B+bm25B*length/f.avgLen))
}

// scoreStep is the ratio between two neighbouring quantised scores: scores
// are shipped as levels on a logarithmic scale, 4% apart.
const scoreStep = 1.04

// logScoreStep is math.Log(scoreStep), written out: level divides by it
// for every posting shipped.
const logScoreStep = 0.03922071315328133

// level quantises a score (> 0) relative to the smallest score of the index.
func level(s, smallest float64) int {
	return int(math.Round(math.Log(s/smallest) / logScoreStep))
}
