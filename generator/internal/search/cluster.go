package search

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
)

// Documents that share words are numbered side by side: the results of a
// query of several words (pages that hold all of them) tend to fall in
// fewer d-<n>.js files, and posting lists, whose numbers are written as
// differences, get shorter, so that a head holds more of them (measured on
// real text: a three-word query's row files 3 to 2 at 10,000 pages; at
// 100,000 the index 3% smaller and one query decided by its heads). The numbering is recursive graph
// bisection (Dhulipala et al., "Compressing graphs and indexes with
// recursive graph bisection", KDD 2016): split the documents in two halves,
// swap the pairs whose move makes each word's documents more concentrated
// in one half, then do the same within each half. Only the order changes:
// every score stays what it was. Within each kind the documents are
// reordered among themselves, so that equal scores still rank modules first
// (see docOrder).

const (
	// clusterLeaf is the size below which a part is left in address order:
	// the number of rows in a d-<n>.js file.
	clusterLeaf = DocChunk
	// clusterRounds bounds the swapping rounds at each split.
	clusterRounds = 6
)

// cluster renumbers c's documents (see above), in place. It stops between
// splits when ctx ends, before it changes anything.
func cluster(ctx context.Context, c *corpus, terms []string) error {
	n := len(c.docs)
	if n <= clusterLeaf {
		return nil
	}
	order := make([]int32, n) // new number -> old number
	for i := range order {
		order[i] = int32(i)
	}
	b := newBisector(docTerms(*c, terms))
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && kindRank(c.docs[hi].Kind) == kindRank(c.docs[lo].Kind) {
			hi++
		}
		if err := b.bisect(ctx, order[lo:hi], 0); err != nil {
			return err
		}
		lo = hi
	}
	renumber(c, order)
	return nil
}

// docTerms lists, for each document, the numbers of the words it holds
// (in any field) that at least one other document holds too (a word of one
// document cannot bring documents together) and at most a tenth of them (a
// word in most documents cannot tell them apart, and the longest lists
// would take most of the time: at 100,000 pages, 25 s of CPU with them).
// Each term's documents are gathered on every core; terms (every term of
// the corpus, sorted: see corpusTerms) number the words, so that the
// numbers do not depend on map order.
func docTerms(c corpus, terms []string) [][]int32 {
	docs := make([][]int32, len(terms)) // by term: the documents that hold it, or nil
	inRuns(len(terms), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var lists [len(fieldWeights)][]posting
			total, longest := 0, 0
			for fi, f := range c.fields {
				lists[fi] = f.terms[terms[i]]
				total, longest = total+len(lists[fi]), max(longest, len(lists[fi]))
			}
			if total < 2 || longest > len(c.docs)/10 {
				continue // in one document, or in too many whatever the other fields hold
			}
			ds := make([]int32, 0, total)
			for _, ps := range lists {
				for _, p := range ps {
					ds = append(ds, p.doc)
				}
			}
			slices.Sort(ds)
			if ds = slices.Compact(ds); len(ds) >= 2 && len(ds) <= len(c.docs)/10 {
				docs[i] = ds
			}
		}
	})()
	out := make([][]int32, len(c.docs))
	id := int32(0)
	for _, ds := range docs {
		if ds == nil {
			continue
		}
		for _, d := range ds {
			out[d] = append(out[d], id)
		}
		id++
	}
	return out
}

// bisector holds the working state of the bisection: each word's number of
// documents in the left and right half of the current split.
type bisector struct {
	terms       [][]int32
	left, right []int32
	gain        []float64 // by document: the halves of a split share none
	log2        []float64 // log2 of 0..n+1, the cost model's only function
	// forkDepth: the halves of a split this many levels deep or less are
	// ordered at once, the first on a bisector of its own (see bisect).
	forkDepth int
}

func newBisector(terms [][]int32) *bisector {
	nt := int32(0)
	for _, ts := range terms {
		for _, t := range ts {
			nt = max(nt, t+1)
		}
	}
	b := &bisector{terms: terms, left: make([]int32, nt), right: make([]int32, nt), gain: make([]float64, len(terms)),
		log2: make([]float64, len(terms)+2), forkDepth: bits.Len(uint(runtime.GOMAXPROCS(0) - 1))}
	for i := 1; i < len(b.log2); i++ {
		b.log2[i] = math.Log2(float64(i))
	}
	return b
}

// fork returns a bisector that orders other documents at the same time:
// degrees of its own, the rest shared (read only, or by document).
func (b *bisector) fork() *bisector {
	f := *b
	f.left, f.right = make([]int32, len(b.left)), make([]int32, len(b.right))
	return &f
}

// bisect orders docs (document numbers) in place, depth splits below the
// first. The halves of a split are independent: down to forkDepth, the
// first is ordered on another goroutine while this one orders the second,
// so that every core has a part. The order is the same either way.
func (b *bisector) bisect(ctx context.Context, docs []int32, depth int) error {
	if len(docs) <= clusterLeaf {
		slices.Sort(docs) // address order within a leaf
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	mid := len(docs) / 2
	l, r := docs[:mid], docs[mid:]
	b.count(l, r, 1)
	for round := 0; round < clusterRounds; round++ {
		if b.swap(l, r, depth == 0) == 0 {
			break
		}
	}
	b.count(l, r, -1)
	if depth < b.forkDepth {
		first := make(chan error, 1)
		go func(f *bisector) { first <- f.bisect(ctx, l, depth+1) }(b.fork())
		err := b.bisect(ctx, r, depth+1)
		return cmp.Or(<-first, err)
	}
	if err := b.bisect(ctx, l, depth+1); err != nil {
		return err
	}
	return b.bisect(ctx, r, depth+1)
}

// count adds (sign 1) or removes (-1) the documents' words to the degrees.
func (b *bisector) count(l, r []int32, sign int32) {
	for _, d := range l {
		for _, t := range b.terms[d] {
			b.left[t] += sign
		}
	}
	for _, d := range r {
		for _, t := range b.terms[d] {
			b.right[t] += sign
		}
	}
}

// swap does one round: every document's gain from moving to the other half
// (on every core when onAllCores, at the first split, which no other
// runs beside), then the best pairs exchanged while the pair gains. It returns
// the number of pairs swapped.
func (b *bisector) swap(l, r []int32, onAllCores bool) int {
	nl, nr := len(l), len(r)
	gains := func(lo, hi int) { // of l and r one after the other, from lo to hi
		for i := lo; i < hi; i++ {
			if i < nl {
				b.gain[l[i]] = b.moveGain(l[i], b.left, b.right, nl, nr)
			} else {
				b.gain[r[i-nl]] = b.moveGain(r[i-nl], b.right, b.left, nr, nl)
			}
		}
	}
	if onAllCores {
		inRuns(nl+nr, gains)()
	} else {
		gains(0, nl+nr)
	}
	byGain := func(x, y int32) int { return cmp.Or(cmp.Compare(b.gain[y], b.gain[x]), cmp.Compare(x, y)) }
	slices.SortFunc(l, byGain)
	slices.SortFunc(r, byGain)
	swapped := 0
	for i := 0; i < min(nl, nr) && b.gain[l[i]]+b.gain[r[i]] > 0; i++ {
		for _, t := range b.terms[l[i]] {
			b.left[t]--
			b.right[t]++
		}
		for _, t := range b.terms[r[i]] {
			b.right[t]--
			b.left[t]++
		}
		l[i], r[i] = r[i], l[i]
		swapped++
	}
	return swapped
}

// moveGain is how much the estimated size of the word lists shrinks when d
// moves from its half (degrees from, size nf) to the other (to, nt): a word
// in k of a half's n documents costs about k*log2(n/(k+1)) bits.
func (b *bisector) moveGain(d int32, from, to []int32, nf, nt int) float64 {
	g := 0.0
	log2 := b.log2
	lf, lt := log2[nf], log2[nt] // the halves' sizes: read once, not per word
	for _, t := range b.terms[d] {
		f, o := int(from[t]), int(to[t])
		before := float64(f)*(lf-log2[f+1]) + float64(o)*(lt-log2[o+1])
		after := float64(f-1)*(lf-log2[f]) + float64(o+1)*(lt-log2[o+2])
		g += before - after
	}
	return g
}

// permuted returns what s holds by document in the new order: item
// order[i] of s at i. nil, when s holds nothing.
func permuted[T any](s []T, order []int32) []T {
	if len(s) == 0 {
		return nil
	}
	out := make([]T, len(order))
	for i, old := range order {
		out[i] = s[old]
	}
	return out
}

// renumber numbers document order[i] of c i, in place.
func renumber(c *corpus, order []int32) {
	newNum := make([]int32, len(order))
	for i, old := range order {
		newNum[old] = int32(i)
	}
	c.docs, c.words = permuted(c.docs, order), permuted(c.words, order)
	var lists [][]posting
	for fi := range c.fields {
		f := &c.fields[fi]
		f.norms = permuted(f.norms, order)
		for _, ps := range f.terms {
			lists = append(lists, ps)
		}
	}
	inRuns(len(lists), func(lo, hi int) { // renumbered and sorted on every core
		for _, ps := range lists[lo:hi] {
			for i := range ps {
				ps[i].doc = newNum[ps[i].doc]
			}
			slices.SortFunc(ps, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
		}
	})()
}
