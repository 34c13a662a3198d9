package search

import (
	"context"
	"fmt"
	"testing"
)

// topicCorpus is 2n documents in address order, each of one of two topics
// (mixed through the order), each topic's documents sharing its words, and
// a lesson last.
func topicCorpus(n int) corpus {
	c := corpus{fields: make([]fieldPostings, len(fieldWeights))}
	for i := range c.fields {
		c.fields[i] = fieldPostings{avgLen: 10, terms: map[string][]posting{}}
	}
	for i := 0; i < 2*n; i++ {
		c.docs = append(c.docs, Doc{URL: fmt.Sprintf("m/%04d/", i), Kind: "module"})
		topic := []string{"bread", "oven", "flour", "dough"}
		if (i*i+i/3)%7%2 == 1 {
			topic = []string{"garage", "tyre", "brake", "engine"}
		}
		for k, w := range append(topic, "shop", fmt.Sprintf("only%d", i)) {
			if k < 4 && (i/2+k)%3 == 0 {
				continue // not every document has every word of its topic
			}
			c.fields[0].terms[w] = append(c.fields[0].terms[w], posting{doc: int32(i), freq: uint32(1 + i%3), norm: 0.3})
		}
	}
	c.docs = append(c.docs, Doc{URL: "l/0/", Kind: "lesson"})
	c.fields[0].terms["bread"] = append(c.fields[0].terms["bread"], posting{doc: int32(2 * n), freq: 1, norm: 0.3})
	return c
}

// TestClusteredOrderGroupsDocumentsThatShareWords: documents of a topic end
// up side by side (in as few row files as their number allows, give or
// take one, where address order spread them over every file), every score
// stays the same, a kind stays in its place, and two runs agree.
func TestClusteredOrderGroupsDocumentsThatShareWords(t *testing.T) {
	const n = 2 * DocChunk
	c, got := topicCorpus(n), topicCorpus(n)
	if err := cluster(context.Background(), &got); err != nil {
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
	for _, w := range []string{"bread", "garage"} {
		was, _ := spread(c, w)
		files, docs := spread(got, w)
		if least := (docs + DocChunk - 1) / DocChunk; files > least+1 || files >= was {
			t.Errorf("%q: its %d documents are in %d row files (%d in address order), want at most %d", w, docs, files, was, least+1)
		}
	}
	if got.docs[2*n].URL != "l/0/" {
		t.Errorf("the lesson moved to %s's place: kinds must keep their order", got.docs[2*n].URL)
	}
	before, err := score(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	after, err := score(context.Background(), got)
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
	if err := cluster(context.Background(), &again); err != nil {
		t.Fatal(err)
	}
	for i := range again.docs {
		if again.docs[i].URL != got.docs[i].URL {
			t.Fatalf("a second run numbers %s %d, the first %s", again.docs[i].URL, i, got.docs[i].URL)
		}
	}
}
