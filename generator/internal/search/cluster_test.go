package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// topicCorpus is n module documents in address order, each about one of
// twelve topics (mixed through the order), a topic's documents sharing its
// words, and a lesson last.
func topicCorpus(n int) corpus {
	c := corpus{fields: make([]fieldPostings, len(fieldWeights))}
	for i := range c.fields {
		c.fields[i] = fieldPostings{avgLen: 10, terms: map[string][]posting{}, norms: make([]float32, n+1)}
	}
	for i := 0; i < n; i++ {
		c.docs = append(c.docs, Doc{URL: fmt.Sprintf("m/%04d/", i), Kind: "module"})
		topic := int(uint32(i)*2654435761>>20) % 12
		words := []string{fmt.Sprintf("a%d", topic), fmt.Sprintf("b%d", topic), fmt.Sprintf("c%d", topic), fmt.Sprintf("d%d", topic), "shop", fmt.Sprintf("only%d", i)}
		for k, w := range words {
			if k < 4 && (i/2+k)%3 == 0 {
				continue // not every document has every word of its topic
			}
			c.fields[0].terms[w] = append(c.fields[0].terms[w], posting{doc: int32(i), freq: uint32(1 + i%3)})
			c.fields[0].norms[i] = 0.3
		}
	}
	c.docs = append(c.docs, Doc{URL: "l/0/", Kind: "lesson"})
	c.fields[0].terms["a0"] = append(c.fields[0].terms["a0"], posting{doc: int32(n), freq: 1})
	c.fields[0].norms[n] = 0.3
	return c
}

// TestClusteredOrderGroupsDocumentsThatShareWords: documents of a topic end
// up side by side (in a few more row files than their number needs, at
// most a third of those address order spreads them over), every score
// stays the same, a kind stays in its place, and two runs agree.
func TestClusteredOrderGroupsDocumentsThatShareWords(t *testing.T) {
	const n = 20 * DocChunk
	c, got := topicCorpus(n), topicCorpus(n)
	if err := cluster(context.Background(), &got, corpusTerms(got)); err != nil {
		t.Fatal(err)
	}
	spread := func(c corpus, w string) (files, docs int) {
		set := map[int]bool{}
		for _, p := range c.fields[0].terms[w] {
			if c.docs[p.doc].Kind == "module" {
				set[int(p.doc)/DocChunk] = true
				docs++
			}
		}
		return len(set), docs
	}
	for topic := 0; topic < 12; topic++ {
		w := fmt.Sprintf("b%d", topic)
		was, _ := spread(c, w)
		files, docs := spread(got, w)
		if least := (docs + DocChunk - 1) / DocChunk; files > least+3 || files*3 > was {
			t.Errorf("%q: its %d documents are in %d row files (%d in address order), want at most %d and a third of those", w, docs, files, was, least+3)
		}
	}
	if got.docs[n].URL != "l/0/" {
		t.Errorf("the lesson moved to %s's place: kinds must keep their order", got.docs[n].URL)
	}
	before, err := score(context.Background(), c, corpusTerms(c))
	if err != nil {
		t.Fatal(err)
	}
	after, err := score(context.Background(), got, corpusTerms(got))
	if err != nil {
		t.Fatal(err)
	}
	byURL := func(docs []Doc, ts []termScores) map[string]float64 {
		m := map[string]float64{}
		for _, t := range ts {
			for _, s := range t.docs {
				m[t.term+" "+docs[s.doc].URL] = s.score
			}
		}
		return m
	}
	b, a := byURL(c.docs, before), byURL(got.docs, after)
	if len(a) != len(b) {
		t.Fatalf("%d scores after, %d before", len(a), len(b))
	}
	for k, v := range b {
		if a[k] != v {
			t.Errorf("%s: score %v, was %v", k, a[k], v)
		}
	}
	again := topicCorpus(n)
	if err := cluster(context.Background(), &again, corpusTerms(again)); err != nil {
		t.Fatal(err)
	}
	for i := range again.docs {
		if again.docs[i].URL != got.docs[i].URL {
			t.Fatalf("a second run numbers %s %d, the first %s", again.docs[i].URL, i, got.docs[i].URL)
		}
	}
}

// TestForkedBisectionOrdersAsOneGoroutine: the halves ordered on
// goroutines of their own come out in the order one goroutine gives.
func TestForkedBisectionOrdersAsOneGoroutine(t *testing.T) {
	c := topicCorpus(40 * DocChunk)
	terms := docTerms(c, corpusTerms(c))
	var orders [][]int32
	for _, depth := range []int{0, 1, 3} {
		b := newBisector(terms)
		b.forkDepth = depth
		order := make([]int32, len(c.docs)-1) // the modules
		for i := range order {
			order[i] = int32(i)
		}
		if err := b.bisect(context.Background(), order, 0); err != nil {
			t.Fatal(err)
		}
		orders = append(orders, order)
	}
	for i, o := range orders[1:] {
		if !slices.Equal(o, orders[0]) {
			t.Errorf("forked %d levels deep, the order differs from one goroutine's", []int{1, 3}[i])
		}
	}
}

// TestPrefixSizesAreTheEncodedLengths: the lengths tailChunks cuts by are
// those bands writes, for every run of a tail.
func TestPrefixSizesAreTheEncodedLengths(t *testing.T) {
	var tail []scored
	for i := 0; i < 3000; i++ {
		tail = append(tail, scored{doc: int32(i*7919%5000 + i/100), score: 10 / float64(1+i/37)})
	}
	p := &planner{smallest: 0.001}
	p.byLevel(tail)
	levels := make([]int, len(tail))
	for i, s := range tail {
		levels[i] = level(s.score, p.smallest)
	}
	sizes := prefixSizes(tail, levels)
	for n := 0; n <= len(tail); n++ {
		if want := len(bands(tail[:n], p.smallest)); sizes[n] != want {
			t.Fatalf("run of %d: %d, bands writes %d", n, sizes[n], want)
		}
	}
	ratio := 1.0
	chunks := tailChunks(tail, p.smallest, func(s string) int { return len(s) / 2 }, 1000, &ratio)
	total := 0
	for i, c := range chunks {
		if len(c)/2 > 1000 || (i < len(chunks)-1 && len(c)/2 < 800) {
			t.Errorf("chunk %d: %d bytes estimated, want at most 1000 and, but for the last, near it", i, len(c)/2)
		}
		total += len(decodeVarints(c))
	}
	if total == 0 || len(chunks) < 2 {
		t.Errorf("%d chunks", len(chunks))
	}
}

// TestByLevelOrdersAsTheFullSort: byLevel, which orders only the documents
// of each level when they come best first, gives what ordering them all
// by level and number gives, in any order they come.
func TestByLevelOrdersAsTheFullSort(t *testing.T) {
	p := &planner{smallest: 0.01}
	for seed := range 200 {
		rnd := rand.New(rand.NewPCG(uint64(seed), 1))
		// numbers distinct, not in order: 7 apart, shuffled below
		docs := make([]scored, rnd.IntN(60))
		for i := range docs {
			docs[i] = scored{doc: int32(i*7 + rnd.IntN(7)), score: 0.01 * math.Pow(1.02, float64(rnd.IntN(40)))}
		}
		rnd.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		if seed%2 == 0 { // best first, as scoring gives them
			slices.SortFunc(docs, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
		}
		got, want := slices.Clone(docs), slices.Clone(docs)
		p.byLevel(got)
		p.byLevelUnsorted(want)
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: byLevel %v, the full sort %v", seed, got, want)
		}
	}
}
