package search

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// planner cuts one language's index into files. Every file but the
// manifest stays under TargetBytes gzipped:
//
//	index.js  manifest, read first: document count, the first word of each
//	          shard, stop words, facet combinations
//	search.js the client with the manifest: what a page loads, so that the
//	          first query waits for one file, not two in a row
//	t-<n>.js  shard n, a range of folded words: word forms -> terms, each
//	          term's best postings (head) and the display rows of its best
//	          documents; a form and the terms it stands for that sort near
//	          it are kept in one shard, or the form's shard carries a copy
//	          of their heads (see keyGroups), so a word costs one file
//	p-<n>.js  tails: the rest of long posting lists, loaded for "more
//	          results" or when the heads cannot decide a multi-word query
//	x-<n>.js  excerpts: for each term's best documents, the sections that
//	          hold it and a passage around it, loaded for results on screen
//	d-<n>.js  display rows of DocChunk documents, for results beyond the heads
//	f.js      each document's facet combination, loaded when a filter is on
type planner struct {
	ctx      context.Context // the export's: checked before each file
	lang     string
	docs     []Doc
	words    []excerptWords // the documents' words for excerpts (see excerptWords)
	terms    []termScores
	byTerm   map[string]*termScores
	keys     []string // every word form and term, sorted: what shards cut
	near     [][]int  // for each of keys, the positions of its near terms (see nearTerms)
	smallest float64
	forms    *forms
	refs     map[string]*termFiles
	heads    map[string]string // encoded heads, once their files are known
	headLens map[string]int    // postings in each term's head
	// wordMembers and headMembers are encoded shard members, by key.
	wordMembers, headMembers map[string][]byte
	rows                     map[int32][]byte // encoded shard rows, by document
	comboOf                  []int            // each document's facet combination
	pack                     packer
	// xDone is how far the excerpt files are: a head waits for its term's
	// (see head).
	xDone *progress
	// emit takes each file as soon as it is encoded: a language's index is
	// never held whole. Three goroutines call it at once (see shardFiles
	// and termFiles).
	emit func(file) error
}

// shardFiles is the export's shard phase: it lays out and encodes every
// file of the language's index, giving each to emit as soon as it is made.
// It stops before the next file when ctx ends.
func shardFiles(ctx context.Context, lang string, c corpus, terms []termScores, f *forms, sizes *Sizes, emit func(file) error) error {
	docs := c.docs
	p := &planner{ctx: ctx, lang: lang, docs: docs, words: c.words, terms: terms, byTerm: make(map[string]*termScores, len(terms)), forms: f, refs: make(map[string]*termFiles, len(terms)), emit: emit,
		// the caches end up holding every term, word form and document
		// with a row: made at that size, they are not grown step by step
		heads: make(map[string]string, len(terms)), headLens: make(map[string]int, len(terms)),
		wordMembers: make(map[string][]byte, len(f.words)), headMembers: make(map[string][]byte, len(terms)),
		rows: make(map[int32][]byte, len(docs)), pack: packer{z: sizer{memo: sizes}, ratio: map[string]float64{}},
		xDone: newProgress()}
	_, p.comboOf = facetCombos(docs)
	p.smallest = 1
	first := true
	for i := range terms {
		t := &terms[i]
		p.byTerm[t.term] = t
		p.refs[t.term] = &termFiles{}
		if n := len(t.docs); n > 0 && t.docs[n-1].score > 0 && (first || t.docs[n-1].score < p.smallest) {
			p.smallest, first = t.docs[n-1].score, false
		}
	}
	// Each term's postings are put in level order and its head's length
	// found, on every core.
	lens := make([]int, len(terms))
	inRuns(len(terms), func(lo, hi int) {
		if ctx.Err() != nil {
			return
		}
		for i := lo; i < hi; i++ {
			p.byLevel(terms[i].docs)
			lens[i] = p.fitHead(&terms[i])
		}
	})()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, t := range terms {
		p.headLens[t.term] = lens[i]
	}
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = t.term
	}
	// The display rows and facets need nothing the other files decide:
	// they are written beside them, on another core.
	chunks := make(chan error, 1)
	go func() { chunks <- p.docChunks() }()
	keys, err := p.termFiles(names)
	if cerr := <-chunks; err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return p.manifest(keys)
}

// termFiles writes the files of the terms, named in order: the excerpts on
// one core, the tails then the shards on another. A head names its term's
// tail and excerpt files: the shards follow the excerpts through the words
// (see xDone). It returns each shard's first word.
func (p *planner) termFiles(names []string) ([]string, error) {
	xerr := make(chan error, 1)
	go func() {
		err := p.excerptFiles(names)
		p.xDone.finish()
		xerr <- err
	}()
	if err := p.tails(names); err != nil {
		<-xerr // no goroutine outlives the export
		return nil, err
	}
	keys, err := p.shards()
	if e := <-xerr; e != nil {
		return nil, e
	}
	return keys, err
}

// progress tells one goroutine how far another has gone through the
// sorted terms.
type progress struct {
	mu   sync.Mutex
	cond *sync.Cond
	upTo string // every term up to this one is done
	done bool   // every term is done, or the work stopped
}

func newProgress() *progress {
	g := &progress{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// reach records that every term up to term is done.
func (g *progress) reach(term string) {
	g.mu.Lock()
	g.upTo = term
	g.mu.Unlock()
	g.cond.Broadcast()
}

// finish records that the work ended.
func (g *progress) finish() {
	g.mu.Lock()
	g.done = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

// wait returns once term is done, or the work ended.
func (g *progress) wait(term string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.done && g.upTo < term {
		g.cond.Wait()
	}
}

// byLevel orders a term's documents as the client ranks them: by quantised
// score, then by number, so that "a term's best documents" (the head, the
// rows and excerpts shipped for them) are the same on both sides.
// Scores come best first, so levels come highest first: only the
// documents of each level need ordering, by number.
func (p *planner) byLevel(docs []scored) {
	byDoc := func(a, b scored) int { return cmp.Compare(a.doc, b.doc) }
	start, top := 0, 0 // the current level's first document, and its level
	for i, d := range docs {
		l := level(d.score, p.smallest)
		switch {
		case i == 0:
			top = l
		case l > top:
			p.byLevelUnsorted(docs) // not best first
			return
		case l < top:
			slices.SortFunc(docs[start:i], byDoc)
			start, top = i, l
		}
	}
	slices.SortFunc(docs[start:], byDoc)
}

// byLevelUnsorted is byLevel for documents in any order.
func (p *planner) byLevelUnsorted(docs []scored) {
	type leveled struct { // a document with its level, worked out once
		level int
		s     scored
	}
	ls := make([]leveled, len(docs))
	for i, d := range docs {
		ls[i] = leveled{level(d.score, p.smallest), d}
	}
	slices.SortStableFunc(ls, func(a, b leveled) int {
		return cmp.Or(cmp.Compare(b.level, a.level), cmp.Compare(a.s.doc, b.s.doc))
	})
	for i, l := range ls {
		docs[i] = l.s
	}
}

// stopped returns the export's error once it is told to stop, asked at
// the first step of a loop and every few thousand after (see stopAt).
func (p *planner) stopped(i int) error { return stopAt(p.ctx, i) }

// stopAt returns ctx's error at step i of a loop when i is 0 or a multiple
// of 4096: loops over every term ask often enough to stop soon without
// paying for the question at every step.
func stopAt(ctx context.Context, i int) error {
	if i%4096 != 0 {
		return nil
	}
	return ctx.Err()
}

// add encodes and appends a file.
func (p *planner) add(name string, data any) error { return p.addSized(&p.pack.z, name, data) }

// addSized encodes and appends a file, estimating its size with z.
func (p *planner) addSized(z *sizer, name string, data any) error {
	if err := p.ctx.Err(); err != nil {
		return err // told to stop
	}
	body, err := jsonBody(data)
	if err != nil {
		return err
	}
	return p.addBody(name, body, z.compressed(body)+wrapperBytes)
}

// addBody emits a file whose data is already encoded.
func (p *planner) addBody(name string, body []byte, gz int) error {
	return p.emit(file{name: name, data: jsFile(p.lang, name, body), gz: gz})
}

// tails writes the postings after each term's head into p-<n>.js files:
// short tails together, a long one in chunks of its own.
func (p *planner) tails(names []string) error {
	streams := map[string][]string{}
	ratio := 1.0 // raw length per gzipped byte of a full tail file, learnt as tails are cut
	for i, t := range p.terms {
		if err := p.stopped(i); err != nil {
			return err
		}
		if n := p.headLen(&t); len(t.docs) > n {
			// the budget leaves a margin for a host compressing less than the estimate
			streams[t.term] = tailChunks(t.docs[n:], p.smallest, p.tailSize(t.term), TargetBytes*97/100, &ratio)
		}
	}
	n := 0
	size := func(name string) int {
		if len(streams[name]) != 1 {
			return -1
		}
		return len(name) + len(streams[name][0]) + 6
	}
	err := runs(slices.Values(names), size, func() int { return TargetBytes - wrapperBytes }, func(run []string) error {
		m := map[string]string{}
		for _, name := range run {
			m[name] = streams[name][0]
			p.refs[name].tail, p.refs[name].tailChunks = n+1, 1
		}
		n++
		return p.add(fileName("p", n-1), m)
	})
	if err != nil {
		return err
	}
	for _, name := range names {
		if s := streams[name]; len(s) > 1 {
			p.refs[name].tail, p.refs[name].tailChunks = n+1, len(s)
			for _, chunk := range s {
				if err := p.add(fileName("p", n), map[string]string{name: chunk}); err != nil {
					return err
				}
				n++
			}
		}
	}
	return nil
}

// tailSize estimates the gzipped size of a file holding one stream of a
// term's tail.
func (p *planner) tailSize(term string) func(string) int {
	return func(s string) int { return p.pack.z.compressed([]byte(s)) + len(term) + 8 + wrapperBytes }
}

// excerptFiles writes each term's excerpts for its best documents into
// x-<n>.js files, in word order.
func (p *planner) excerptFiles(names []string) error {
	ex, err := excerpts(p.ctx, p.docs, p.words, p.terms, p.forms)
	if err != nil {
		return err
	}
	// Each term's "term":[...] member is encoded when its run is cut, and
	// its excerpts let go once the run's files are written: the passages
	// are held whole only until the first files are out.
	entries := map[string][]byte{}
	entry := func(term string) []byte {
		if b, ok := entries[term]; ok {
			return b
		}
		t, exs := p.byTerm[term], ex[term]
		b := append(appendString(nil, term), ":["...)
		for i, s := range t.best() {
			if i > 0 {
				b = append(b, ',')
			}
			b = xEntry(b, s.doc, exs[i])
		}
		b = append(b, ']')
		entries[term] = b
		return b
	}
	done := func(run []string) {
		for _, term := range run {
			delete(entries, term)
			delete(ex, term)
		}
	}
	var scratch []byte // what encode writes, reused
	encode := func(keys []string) ([]byte, error) {
		b := append(p.sectionTable(append(scratch[:0], `{"D":`...), keys, ex), ',')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, entry(k)...)
		}
		scratch = append(b, '}')
		return scratch, nil // good until the next call: fit emits each part at once
	}
	n := 0
	size := func(name string) int { // the term's entries and what they add to "D"
		t, exs, s := p.byTerm[name], ex[name], len(entry(name))+1
		for i, d := range t.best() {
			e, doc := exs[i], p.docs[d.doc]
			if e.summary {
				s += len(doc.Summary) + 8
			}
			for _, n := range e.sections {
				sec := sectionsOf(doc)[n]
				s += len(sec.Anchor) + len(sec.Heading) + 12
			}
		}
		return s
	}
	pack := packer{z: sizer{memo: p.pack.z.memo}, ratio: map[string]float64{}} // its own: the shards are cut beside
	return runs(slices.Values(names), size, func() int { return pack.rawTarget("x") }, func(run []string) error {
		if err := p.ctx.Err(); err != nil {
			return err // told to stop
		}
		err := pack.fit("x", run, encode, func(part fitted) error {
			for _, name := range part.keys {
				p.refs[name].x = n + 1
			}
			n++
			return p.addBody(fileName("x", n-1), part.body, part.gz)
		})
		if err == nil {
			p.xDone.reach(run[len(run)-1])
		}
		done(run)
		return err
	})
}

// sectionTable appends an excerpt file's "D" object: for each document
// its entries name, the summary ("s") when a passage is the summary, and
// the anchor and heading of each section they list (by section number).
func (p *planner) sectionTable(b []byte, terms []string, ex map[string][]excerpt) []byte {
	type ref struct{ doc, section int32 } // section -1: the summary
	var refs []ref
	for _, term := range terms {
		t, exs := p.byTerm[term], ex[term]
		for i, s := range t.best() {
			e := exs[i]
			if e.summary {
				refs = append(refs, ref{s.doc, -1})
			}
			secs := sectionsOf(p.docs[s.doc])
			for _, n := range e.sections {
				if secs[n].Anchor != "" {
					refs = append(refs, ref{s.doc, int32(n)})
				}
			}
		}
	}
	slices.SortFunc(refs, func(a, b ref) int { return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.section, b.section)) })
	refs = slices.Compact(refs)
	b = append(b, '{')
	for i, r := range refs {
		switch {
		case i == 0:
		case r.doc != refs[i-1].doc:
			b = append(b, "},"...)
		default:
			b = append(b, ',')
		}
		if i == 0 || r.doc != refs[i-1].doc {
			b = append(strconv.AppendInt(append(b, '"'), int64(r.doc), 10), `":{`...)
		}
		d := p.docs[r.doc]
		if r.section < 0 {
			b = appendString(append(b, `"s":`...), d.Summary)
			continue
		}
		sec := sectionsOf(d)[r.section]
		b = append(strconv.AppendInt(append(b, '"'), int64(r.section), 10), `":`...)
		b = appendStrings(b, []string{sec.Anchor, sec.Heading})
	}
	if len(refs) > 0 {
		b = append(b, '}')
	}
	return append(b, '}')
}

// head encodes a term's shard entry: document frequency, excerpt file, tail
// file and chunk count, then the head's postings.
func (p *planner) head(t *termScores) string {
	if h, ok := p.heads[t.term]; ok {
		return h
	}
	p.xDone.wait(t.term)
	r := p.refs[t.term]
	var v varints
	v.put(len(t.docs))
	v.put(r.x)
	v.put(r.tail)
	v.put(r.tailChunks)
	h := v.String() + bands(t.docs[:p.headLen(t)], p.smallest)
	p.heads[t.term] = h
	return h
}

// headLen is how many of a term's postings its head holds: as many as
// HeadBytes allow.
func (p *planner) headLen(t *termScores) int {
	if n, ok := p.headLens[t.term]; ok {
		return n
	}
	n := p.fitHead(t)
	p.headLens[t.term] = n
	return n
}

// fitHead works out headLen: the most postings, from a start of
// HeadBytes/2, that fit in HeadBytes encoded.
func (p *planner) fitHead(t *termScores) int {
	n := min(len(t.docs), HeadBytes/2)
	for n > 1 && len(bands(t.docs[:n], p.smallest)) > HeadBytes {
		n = n * 3 / 4
	}
	return n
}

// rowCount is how many of a term's best documents have their display row
// in its shard: a screen's worth, or all of them for a rare term. (Rows of
// more documents would spare a query of several words the row files of
// results beyond the words' best documents, but not their summaries, which
// a result without a passage shows and only the row files hold.)
func rowCount(t *termScores) int {
	if len(t.docs) <= RareRows {
		return len(t.docs)
	}
	return len(t.best())
}

// formValue encodes the terms of a word form: a number n when the form
// analyses to one term that is its own spelling without its last n
// characters (counted as JavaScript does), else the term or the terms.
func formValue(key string, terms []string) any {
	if len(terms) == 1 {
		t := terms[0]
		if strings.HasPrefix(key, t) {
			return len(utf16.Encode([]rune(key))) - len(utf16.Encode([]rune(t)))
		}
		return t
	}
	return terms
}

// shardBody encodes the shard holding keys: {"w": word forms, "p": heads,
// "d": display rows of the heads' best documents}, from members encoded once:
// good until the next call with the same scratch.
// The heads include those of terms outside keys that a word form in keys
// stands for (see parted).
func (p *planner) shardBody(keys []string, sc *shardScratch) []byte {
	w, ps, d := sc.w[:0], sc.ps[:0], sc.d[:0]
	defer func() { sc.w, sc.ps, sc.d = w, ps, d }()
	var docs []int32
	seen := map[int32]bool{}
	for _, k := range keys {
		if m := p.member("w", k); m != nil {
			w = append(append(w, ','), m...)
		}
	}
	for _, k := range slices.Concat(keys, p.parted(keys)) {
		if t := p.byTerm[k]; t != nil {
			ps = append(append(ps, ','), p.member("p", k)...)
			for _, s := range t.docs[:rowCount(t)] {
				if !seen[s.doc] {
					seen[s.doc] = true
					docs = append(docs, s.doc)
				}
			}
		}
	}
	slices.Sort(docs)
	for _, doc := range docs {
		d = append(append(d, ','), p.rowMember(doc)...)
	}
	b := sc.body[:0]
	defer func() { sc.body = b }()
	for _, part := range []struct {
		name    string
		members []byte
	}{{"w", w}, {"p", ps}, {"d", d}} {
		if len(part.members) > 0 {
			b = append(append(append(b, `,"`+part.name+`":{`...), part.members[1:]...), '}')
		}
	}
	if len(b) == 0 {
		return []byte("{}")
	}
	b[0] = '{'
	return append(b, '}')
}

// shardScratch holds the parts shardBody encodes a shard's objects into,
// and the body it returns, reused from one shard to the next.
type shardScratch struct{ w, ps, d, body []byte }

// member is a key's "key":value member in a shard's w (word form) or p
// (head) object, encoded once; nil when the key has none.
func (p *planner) member(kind, key string) []byte {
	cache := p.wordMembers
	if kind == "p" {
		cache = p.headMembers
	}
	if m, ok := cache[key]; ok {
		return m
	}
	var v any
	switch {
	case kind == "w" && p.forms.words[key] != nil:
		v = formValue(key, p.forms.words[key])
	case kind == "p" && p.byTerm[key] != nil:
		v = p.head(p.byTerm[key])
	}
	var m []byte
	if v != nil {
		m = appendMarshalled(append(appendString(nil, key), ':'), v)
	}
	cache[key] = m
	return m
}

// rowMember is a document's "n":[row] member in a shard's d object.
func (p *planner) rowMember(doc int32) []byte {
	if m, ok := p.rows[doc]; ok {
		return m
	}
	m := appendStrings(append(appendString(nil, docKey(doc)), ':'), p.row(doc, false))
	p.rows[doc] = m
	return m
}

// shards writes the t-<n>.js files: the sorted folded words cut into
// ranges whose files stay under the target. It returns each shard's first
// word, for the manifest.
func (p *planner) shards() ([]string, error) {
	seen := make(map[string]bool, len(p.forms.words))
	keys := make([]string, 0, len(p.forms.words)+len(p.terms))
	for k := range p.forms.words {
		keys, seen[k] = append(keys, k), true
	}
	for _, t := range p.terms {
		if !seen[t.term] {
			keys = append(keys, t.term)
		}
	}
	slices.Sort(keys)
	p.keys = keys
	p.near = make([][]int, len(keys))
	for i := range keys {
		p.near[i] = p.nearTerms(i)
	}
	groups := map[string][]string{} // by first key, as keyGroups cuts them
	names := func(yield func(string) bool) {
		for g := range p.keyGroups() {
			groups[g[0]] = g
			if !yield(g[0]) {
				return
			}
		}
	}
	expand := func(firsts []string) []string { // groups, named by their first keys, to their keys
		var ks []string
		for _, f := range firsts {
			ks = append(ks, groups[f]...)
		}
		return ks
	}
	var sc shardScratch
	encode := func(gs []string) ([]byte, error) { return p.shardBody(expand(gs), &sc), nil }
	var firsts []string
	rows := map[int32]bool{} // documents whose row the current run already holds
	size := func(g string) int {
		s := 0
		for _, k := range groups[g] {
			s += len(p.member("w", k)) + 1
		}
		for _, k := range slices.Concat(groups[g], p.parted(groups[g])) {
			s += len(p.member("p", k)) + 1
			if t := p.byTerm[k]; t != nil {
				for _, d := range t.docs[:rowCount(t)] {
					if !rows[d.doc] {
						rows[d.doc] = true
						s += len(p.rowMember(d.doc)) + 1
					}
				}
			}
		}
		return s
	}
	err := runs(names, size, func() int { return p.pack.rawTarget("t") }, func(run []string) error {
		if err := p.ctx.Err(); err != nil {
			return err // told to stop
		}
		clear(rows)
		return p.pack.fit("t", run, encode, func(part fitted) error {
			firsts = append(firsts, part.keys[0])
			return p.addBody(fileName("t", len(firsts)-1), part.body, part.gz)
		})
	})
	return firsts, err
}

// Bounds of a group of keys kept in one shard (see keyGroups).
const (
	// groupSpan: a term that sorts further than this many keys from a word
	// form standing for it (not the form's beginning) is neither kept in
	// the form's group nor copied into its shard.
	groupSpan = 64
	// groupBytes: nor larger than this many bytes of word forms, heads
	// and rows (see keyBytes), about half a shard's usual raw size, so that
	// shards stay under the target.
	groupBytes = TargetBytes
)

// parted lists the terms that word forms among keys (a run of p.keys)
// stand for and that sort near them (see nearTerms) but that keys
// do not hold, sorted: a shard carries their heads too, so that looking a
// word up reads one file even where a group of keys was too large to keep
// whole (see keyGroups).
func (p *planner) parted(keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	first, _ := slices.BinarySearch(p.keys, keys[0])
	var out []string
	for i := range keys {
		for _, j := range p.near[first+i] {
			if t := p.keys[j]; t < keys[0] || t > keys[len(keys)-1] {
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// keyBytes estimates what a key adds to a shard: its word form, its head
// and its documents' rows (counted as if no other key shared them).
func (p *planner) keyBytes(k string) int {
	n := len(p.member("w", k)) + len(p.member("p", k))
	if t := p.byTerm[k]; t != nil {
		for _, d := range t.docs[:rowCount(t)] {
			n += len(p.rowMember(d.doc))
		}
	}
	return n
}

// keyGroups cuts the sorted keys, in order, into groups that no shard
// boundary splits: each word form with the terms it stands for that sort
// near it (a stem is usually its forms' beginning, "encod" before
// "encoding"), so that the shard a query word is looked up in also holds
// its terms' heads and a word costs one file, not two. A group is cut
// when asked for, as the excerpt files of its terms are known.
func (p *planner) keyGroups() iter.Seq[[]string] {
	keys := p.keys
	reach := make([]int, len(keys)) // the last key each key must share a shard with
	for i := range keys {
		reach[i] = max(reach[i], i)
		for _, j := range p.near[i] {
			lo, hi := min(i, j), max(i, j)
			reach[lo] = max(reach[lo], hi)
		}
	}
	return func(yield func([]string) bool) {
		for start := 0; start < len(keys); {
			end := p.groupEnd(start, reach)
			if !yield(keys[start : end+1]) {
				return
			}
			start = end + 1
		}
	}
}

// groupEnd returns where the group of keys from start ends: at the last key
// one of its keys must share a shard with (reach), or earlier where its
// keys and the copies of heads it would carry (parted) pass groupBytes.
func (p *planner) groupEnd(start int, reach []int) int {
	keys := p.keys
	end, bytes := reach[start], 0
	outside := map[int]bool{} // terms the group needs that it does not hold (yet)
	for i := start; i <= end && i < len(keys); i++ {
		b := p.keyBytes(keys[i])
		if outside[i] {
			delete(outside, i) // its copy was counted: now the group holds it
			b = 0
		}
		for _, j := range p.near[i] {
			if (j < start || j > i) && !outside[j] {
				outside[j] = true
				b += p.keyBytes(keys[j])
			}
		}
		if i > start && bytes+b > groupBytes {
			return i - 1 // too large to keep whole: parted here
		}
		bytes += b
		end = max(end, reach[i])
	}
	return min(end, len(keys)-1)
}

// nearTerms returns the positions in p.keys of the terms that p.keys[i],
// a word form, stands for, other than itself, that sort at most groupSpan
// keys from it. A term further away (a stemmer that changes the word's
// beginning, as French "accede": "aced") is left in its own shard: a word
// then costs two files.
func (p *planner) nearTerms(i int) []int {
	var out []int
	for _, t := range p.forms.words[p.keys[i]] {
		j, found := slices.BinarySearch(p.keys, t)
		if found && j != i && max(i, j)-min(i, j) <= groupSpan && p.byTerm[t] != nil {
			out = append(out, j)
		}
	}
	return out
}

// row is what a result shows of a document: address, title, facet
// combination (kind, level, audiences, competences), the module of a lesson,
// the language of a page shown in another language's site, and (in d-<n>.js
// files) the summary. Trailing empty fields are left out.
func (p *planner) row(doc int32, withSummary bool) []string {
	d := p.docs[doc]
	r := []string{d.URL, d.Title, strconv.Itoa(p.comboOf[doc]), d.Module, d.Origin}
	if withSummary {
		r = append(r, d.Summary)
	}
	for len(r) > 3 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

// docChunks writes every document's row, DocChunk to a file, and the
// documents' facet combinations. It runs beside the other phases, with a
// sizer of its own, and reads nothing they write.
func (p *planner) docChunks() error {
	z := sizer{memo: p.pack.z.memo}
	for c := 0; c*DocChunk < len(p.docs); c++ {
		var rows [][]string
		for d := c * DocChunk; d < min((c+1)*DocChunk, len(p.docs)); d++ {
			rows = append(rows, p.row(int32(d), true))
		}
		if err := p.addSized(&z, fileName("d", c), rows); err != nil {
			return err
		}
	}
	var v varints
	for _, c := range p.comboOf {
		v.put(c)
	}
	return p.addSized(&z, "f", map[string]string{"c": v.String()})
}

// manifest writes index.js.
func (p *planner) manifest(firsts []string) error {
	combos, _ := facetCombos(p.docs)
	keys := ""
	if len(firsts) > 1 {
		keys = strings.Join(firsts[1:], " ")
	}
	body, err := jsonBody(map[string]any{
		"v": 2, "n": len(p.docs), "keys": keys, "stop": stopList(p.forms.stops), "combos": combos, "stem": stemmed[p.lang],
		"step": scoreStep, "rows": ResultRows, "chunk": DocChunk,
	})
	if err != nil {
		return err
	}
	if err := p.addBody("index", body, p.pack.z.compressed(body)+wrapperBytes); err != nil {
		return err
	}
	bundle := clientBundle(p.lang, body)
	return p.emit(file{name: "search", data: bundle, gz: p.pack.z.compressed(bundle)})
}

// facetCombos lists the distinct facet combinations of the documents (kind,
// level, audiences, competences) and each document's combination number.
func facetCombos(docs []Doc) ([][]any, []int) {
	var combos [][]any
	index := map[string]int{}
	of := make([]int, len(docs))
	for i, d := range docs {
		aud := slices.Sorted(slices.Values(d.Audience))
		comp := slices.Sorted(slices.Values(d.Competences))
		key := d.Kind + "|" + d.Level + "|" + strings.Join(aud, ",") + "|" + strings.Join(comp, ",")
		c, ok := index[key]
		if !ok {
			c = len(combos)
			index[key] = c
			combos = append(combos, []any{d.Kind, d.Level, nonNil(aud), nonNil(comp)})
		}
		of[i] = c
	}
	return combos, of
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
