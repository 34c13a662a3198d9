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
// It stops, every few thousand terms, when ctx ends.
func score(ctx context.Context, c corpus) ([]termScores, error) {
	n := float64(len(c.docs))
	type part struct {
		doc int32
		sum float64
	}
	perTerm := map[string][]part{}
	step := 0
	stopped := func() bool {
		step++
		return stopAt(ctx, step-1) != nil
	}
	for fi, f := range fieldWeights {
		fp := c.fields[fi]
		for term, ps := range fp.terms {
			if stopped() {
				return nil, ctx.Err()
			}
			df := float64(len(ps))
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			parts := perTerm[term]
			for _, p := range ps {
				parts = append(parts, part{p.doc, f.weight * idf * idf * tfNorm(p, fp.avgLen)})
			}
			perTerm[term] = parts
		}
	}
	out := make([]termScores, 0, len(perTerm))
	for term, parts := range perTerm {
		if stopped() {
			return nil, ctx.Err()
		}
		slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(a.doc, b.doc) })
		ts := termScores{term: term, docs: make([]scored, 0, len(parts))}
		for i := 0; i < len(parts); {
			j, sum := i, 0.0
			for ; j < len(parts) && parts[j].doc == parts[i].doc; j++ {
				sum += parts[j].sum // in field order, as bleve adds them
			}
			coord := float64(j-i) / float64(len(fieldWeights))
			ts.docs = append(ts.docs, scored{doc: parts[i].doc, score: sum * coord})
			i = j
		}
		slices.SortFunc(ts.docs, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
		})
		out = append(out, ts)
	}
	slices.SortFunc(out, func(a, b termScores) int { return cmp.Compare(a.term, b.term) })
	return out, nil
}

// tfNorm is BM25's saturated term frequency, computed as bleve does: the
// square root of the count, the field length recovered from the norm.
func tfNorm(p posting, avgLen float64) float64 {
	tf := math.Sqrt(float64(p.freq))
	length := 1 / (p.norm * p.norm)
	return tf * bm25K1 / (tf + bm25K1*(1-bm25B+bm25B*length/avgLen))
}

// scoreStep is the ratio between two neighbouring quantised scores: scores
// are shipped as levels on a logarithmic scale, 4% apart.
const scoreStep = 1.04

// level quantises a score (> 0) relative to the smallest score of the index.
func level(s, smallest float64) int {
	return int(math.Round(math.Log(s/smallest) / math.Log(scoreStep)))
}
