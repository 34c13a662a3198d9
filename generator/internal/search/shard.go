package search

import (
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Sizes of the static index.
const (
	// TargetBytes bounds every index file but the manifest: its estimated
	// gzipped size stays under this, whatever the site (a key range that
	// would be larger is split).
	TargetBytes = 6000
	// ResultRows is how many of a term's best documents its shard carries
	// display rows for, and its excerpt file passages for: one screen of
	// results (the client shows this many, then more on request).
	ResultRows = 5
	// HeadBytes bounds a term's best postings in its shard (its head: up
	// to about a thousand documents); the rest (the tail) is loaded only
	// for more results, or when the heads of a query's words have too few
	// documents in common to fill a screen. Measured on real text at
	// 100,000 pages: with 1,200 bytes a three-word query of frequent words
	// read a tail file per word (3 to 4 files more); with 3,000 none of the
	// benchmark's queries reads one, for an index 3% larger, in 40% more
	// shard files.
	HeadBytes = 3000
	// RareRows: a term in this many documents or fewer has the display rows
	// of all of them in its shard, so that a query with a rare word finds
	// the rows of its results there.
	RareRows = 16
	// DocChunk is how many documents one d-<n>.js file describes.
	DocChunk = 32
)

// packer cuts runs of named entries into files under TargetBytes
// gzipped: a run is filled up to an uncompressed size learnt from the files
// of the same kind so far, then its compressed size is checked and the run
// halved while it is too large.
type packer struct {
	z     sizer
	ratio map[string]float64 // uncompressed / compressed, per kind of file
}

// fitted is one file's keys and encoded data.
type fitted struct {
	keys []string
	body []byte
	gz   int
}

// rawTarget is the uncompressed size to fill a file of a kind up to.
func (k *packer) rawTarget(kind string) int {
	r := k.ratio[kind]
	if r == 0 {
		r = 2
	}
	return int(float64(TargetBytes-wrapperBytes) * r * 0.85)
}

// fit splits a run of keys into parts whose files, as encode makes them,
// are under TargetBytes gzipped (a single key always gets a file), and
// hands each to emit, in order, as soon as it fits. encode may reuse its
// buffer from one call to the next: a part's body is only good until emit
// returns.
func (k *packer) fit(kind string, keys []string, encode func([]string) ([]byte, error), emit func(fitted) error) error {
	body, err := encode(keys)
	if err != nil {
		return err
	}
	gz := k.z.compressed(body) + wrapperBytes
	if len(keys) < 2 || gz <= TargetBytes {
		r := float64(len(body)) / float64(gz)
		if old := k.ratio[kind]; old == 0 {
			k.ratio[kind] = r
		} else {
			k.ratio[kind] = (old*3 + r) / 4
		}
		return emit(fitted{keys, body, gz})
	}
	if err := k.fit(kind, keys[:len(keys)/2], encode, emit); err != nil {
		return err
	}
	return k.fit(kind, keys[len(keys)/2:], encode, emit)
}

// runs cuts named entries, in order, into runs of about limit() bytes (a
// single entry larger than that makes a run of its own) and hands each run
// to emit as soon as it is complete, so that limit can learn from it.
func runs(names iter.Seq[string], size func(string) int, limit func() int, emit func([]string) error) error {
	var cur []string
	n := 0
	for name := range names {
		s := size(name)
		if s < 0 {
			continue
		}
		if len(cur) > 0 && n+s > limit() {
			if err := emit(cur); err != nil {
				return err
			}
			cur, n = nil, 0
		}
		cur = append(cur, name)
		n += s
	}
	if len(cur) == 0 {
		return nil
	}
	return emit(cur)
}

// bands encodes postings (best first) as runs of equal quantised score:
// for each run its level (the first absolute, then the drop from the
// previous), its length, and its document numbers ascending, each as the
// gap from the previous (the first from zero).
func bands(docs []scored, smallest float64) string {
	var v varints
	prev := -1
	for i := 0; i < len(docs); {
		l := level(docs[i].score, smallest)
		j := i + 1
		for j < len(docs) && level(docs[j].score, smallest) == l {
			j++
		}
		ids := make([]int, 0, j-i)
		for _, s := range docs[i:j] {
			ids = append(ids, int(s.doc))
		}
		slices.Sort(ids)
		if prev < 0 {
			v.put(l)
		} else {
			v.put(prev - l)
		}
		v.put(len(ids))
		last := 0
		for _, id := range ids {
			v.put(id - last)
			last = id
		}
		prev = l
		i = j
	}
	return v.String()
}

// termFiles says where the rest of a term's data lives: its excerpt file
// and the first of its tail files, numbered from 1 (0: none).
type termFiles struct {
	x, tail, tailChunks int
}

// tailChunks cuts a term's tail into streams whose files stay within
// budget, as size estimates them (gzipped). The length of every run of the
// next postings is known without encoding it (prefixSizes): a run is taken
// as long as the raw length per gzipped byte learnt from the streams cut so
// far (ratio) allows, then encoded and, while too large, shortened by a
// tenth: one or two compressions per file.
func tailChunks(tail []scored, smallest float64, size func(string) int, budget int, ratio *float64) []string {
	levels := make([]int, len(tail))
	for i, s := range tail {
		levels[i] = level(s.score, smallest)
	}
	var out []string
	retried := false
	for len(tail) > 0 {
		sizes := prefixSizes(tail, levels)
		limit := int(float64(budget) * *ratio)
		n := sort.Search(len(tail), func(n int) bool { return sizes[n+1] > limit }) // the longest run within limit
		n = max(n, 1)
		s := bands(tail[:n], smallest)
		z := 0 // unknown, and not needed while the raw length is far enough within budget
		if len(s)+128 > budget {
			z = size(s)
		}
		for n > 1 && z > budget {
			n = max(n*9/10, 1)
			s = bands(tail[:n], smallest)
			z = size(s)
		}
		if n < len(tail) && z > 0 {
			*ratio = float64(len(s)) / float64(z) // learnt from a file cut full
			if z < budget*85/100 && !retried {
				retried = true // the ratio was too low: cut this file again with the one learnt
				continue
			}
		}
		retried = false
		out = append(out, s)
		tail, levels = tail[n:], levels[n:]
	}
	return out
}

// prefixSizes returns, for every n from 0 to len(tail), the length of
// bands(tail[:n]), computed in one pass: postings of one level are in
// number order (see byLevel), so a run that ends inside a level's group
// differs from the whole group only in its count.
func prefixSizes(tail []scored, levels []int) []int {
	sizes := make([]int, len(tail)+1)
	done, prev := 0, -1 // done: the length of the complete groups so far
	for i := 0; i < len(tail); {
		l := levels[i]
		j := i + 1
		for j < len(tail) && levels[j] == l {
			j++
		}
		head := varintLen(l)
		if prev >= 0 {
			head = varintLen(prev - l)
		}
		sum, last := 0, 0
		for k := i; k < j; k++ {
			id := int(tail[k].doc)
			sum += varintLen(id - last)
			last = id
			sizes[k+1] = done + head + varintLen(k-i+1) + sum
		}
		done, prev, i = sizes[j], l, j
	}
	return sizes
}

// varintLen is how many characters varints writes for n.
func varintLen(n int) int {
	c := 1
	for n >= 32 {
		n >>= 5
		c++
	}
	return c
}

// docKey is a document number as a JSON object key.
func docKey(d int32) string { return strconv.Itoa(int(d)) }

// xEntry appends what a term's excerpt file holds for one of its best
// documents: the document number, the passage (0 when it is the document's
// summary), then the numbers of the sections that hold the term, best
// first. The file's "D" object gives each such section's anchor and heading.
func xEntry(b []byte, doc int32, ex excerpt) []byte {
	b = strconv.AppendInt(append(b, '['), int64(doc), 10)
	if ex.summary {
		b = append(b, ",0"...)
	} else {
		b = appendString(append(b, ','), ex.passage)
	}
	for _, s := range ex.sections {
		b = strconv.AppendInt(append(b, ','), int64(s), 10)
	}
	return append(b, ']')
}

// fileName is the name of the n-th file of a kind ("t-3").
func fileName(kind string, n int) string { return kind + "-" + strconv.Itoa(n) }

// stopList is the manifest's list of stop words.
func stopList(stops map[string]bool) string {
	list := make([]string, 0, len(stops))
	for s := range stops {
		list = append(list, s)
	}
	slices.Sort(list)
	return strings.Join(list, " ")
}
