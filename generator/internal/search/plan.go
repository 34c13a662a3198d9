package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// planner cuts one language's index into files. Every file but the
// manifest stays under TargetBytes gzipped:
//
//	index.js  manifest, read first: document count, the first word of each
//	          shard, stop words, facet combinations
//	t-<n>.js  shard n, a range of folded words: word forms -> terms, each
//	          term's best postings (head) and the display rows of its best
//	          documents
//	p-<n>.js  tails: the rest of long posting lists, loaded for "more
//	          results" or when the heads cannot decide a multi-word query
//	x-<n>.js  excerpts: for each term's best documents, the sections that
//	          hold it and a passage around it, loaded for results on screen
//	d-<n>.js  display rows of DocChunk documents, for results beyond the heads
//	f.js      each document's facet combination, loaded when a filter is on
type planner struct {
	lang     string
	docs     []Doc
	terms    []termScores
	byTerm   map[string]*termScores
	smallest float64
	forms    *forms
	refs     map[string]*termFiles
	heads    map[string]string // encoded heads, once their files are known
	members  map[string][]byte // encoded shard members, by kind and key
	rows     map[int32][]byte  // encoded shard rows, by document
	comboOf  []int             // each document's facet combination
	pack     packer
	files    []file
}

// shardFiles is the export's shard phase: it lays out and encodes every
// file of the language's index.
func shardFiles(lang string, docs []Doc, terms []termScores, f *forms) ([]file, error) {
	p := &planner{lang: lang, docs: docs, terms: terms, byTerm: map[string]*termScores{}, forms: f, refs: map[string]*termFiles{},
		heads: map[string]string{}, members: map[string][]byte{}, rows: map[int32][]byte{}, pack: packer{ratio: map[string]float64{}}}
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
	for _, t := range terms {
		p.byLevel(t.docs)
	}
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = t.term
	}
	steps := []func([]string) error{p.tails, p.excerptFiles}
	for _, step := range steps {
		if err := step(names); err != nil {
			return nil, err
		}
	}
	keys, err := p.shards()
	if err != nil {
		return nil, err
	}
	if err := p.docChunks(); err != nil {
		return nil, err
	}
	return p.files, p.manifest(keys)
}

// byLevel orders a term's documents as the client ranks them: by quantised
// score, then by number, so that "a term's best documents" (the head, the
// rows and excerpts shipped for them) are the same on both sides.
func (p *planner) byLevel(docs []scored) {
	slices.SortStableFunc(docs, func(a, b scored) int {
		return cmp.Or(cmp.Compare(level(b.score, p.smallest), level(a.score, p.smallest)), cmp.Compare(a.doc, b.doc))
	})
}

// add encodes and appends a file.
func (p *planner) add(name string, data any) error {
	body, err := jsonBody(data)
	if err != nil {
		return err
	}
	p.addBody(name, body, p.pack.z.compressed(body)+wrapperBytes)
	return nil
}

// addBody appends a file whose data is already encoded.
func (p *planner) addBody(name string, body []byte, gz int) {
	p.files = append(p.files, file{name: name, data: jsFile(p.lang, name, body), gz: gz})
}

// tails writes the postings after each term's head into p-<n>.js files:
// short tails together, a long one in chunks of its own.
func (p *planner) tails(names []string) error {
	streams := map[string][]string{}
	for _, t := range p.terms {
		if len(t.docs) > HeadSize {
			streams[t.term] = tailChunks(t.docs[HeadSize:], p.smallest, TargetBytes-wrapperBytes)
		}
	}
	n := 0
	size := func(name string) int {
		if len(streams[name]) != 1 {
			return -1
		}
		return len(name) + len(streams[name][0]) + 6
	}
	err := runs(names, size, func() int { return TargetBytes - wrapperBytes }, func(run []string) error {
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

// excerptFiles writes each term's excerpts for its best documents into
// x-<n>.js files, in word order.
func (p *planner) excerptFiles(names []string) error {
	want := map[int32][]string{}
	for _, t := range p.terms {
		for _, s := range t.docs[:min(ResultRows, len(t.docs))] {
			want[s.doc] = append(want[s.doc], t.term)
		}
	}
	ex := excerpts(p.docs, want, p.forms)
	entries := map[string][]byte{} // each term's "term":[...] member, encoded once
	for _, t := range p.terms {
		var es []any
		for _, s := range t.docs[:min(ResultRows, len(t.docs))] {
			es = append(es, xEntry(s.doc, ex[s.doc][t.term]))
		}
		b, err := jsonBody(map[string]any{t.term: es})
		if err != nil {
			return err
		}
		entries[t.term] = b[1 : len(b)-1]
	}
	encode := func(keys []string) ([]byte, error) {
		d, err := p.sectionTable(keys, ex)
		if err != nil {
			return nil, err
		}
		b := append([]byte(`{"D":`), d...)
		for _, k := range keys {
			b = append(append(b, ','), entries[k]...)
		}
		return append(b, '}'), nil
	}
	n := 0
	size := func(name string) int { return len(entries[name]) + 1 }
	return runs(names, size, func() int { return p.pack.rawTarget("x") }, func(run []string) error {
		parts, err := p.pack.fit("x", run, encode)
		for _, part := range parts {
			for _, name := range part.keys {
				p.refs[name].x = n + 1
			}
			p.addBody(fileName("x", n), part.body, part.gz)
			n++
		}
		return err
	})
}

// sectionTable encodes an excerpt file's "D" object: for each document its
// entries name, the summary ("s") when a passage is the summary, and the
// anchor and heading of each section they list (by section number).
func (p *planner) sectionTable(terms []string, ex map[int32]map[string]excerpt) ([]byte, error) {
	table := map[string]map[string]any{}
	for _, term := range terms {
		t := p.byTerm[term]
		for _, s := range t.docs[:min(ResultRows, len(t.docs))] {
			e := ex[s.doc][term]
			d := p.docs[s.doc]
			m := table[docKey(s.doc)]
			if m == nil {
				m = map[string]any{}
				table[docKey(s.doc)] = m
			}
			if e.summary {
				m["s"] = d.Summary
			}
			secs := sectionsOf(d)
			for _, n := range e.sections {
				if secs[n].Anchor != "" {
					m[strconv.Itoa(n)] = []string{secs[n].Anchor, secs[n].Heading}
				}
			}
		}
	}
	return jsonBody(table)
}

// head encodes a term's shard entry: document frequency, excerpt file, tail
// file and chunk count, then the head's postings.
func (p *planner) head(t *termScores) string {
	if h, ok := p.heads[t.term]; ok {
		return h
	}
	r := p.refs[t.term]
	var v varints
	v.put(len(t.docs))
	v.put(r.x)
	v.put(r.tail)
	v.put(r.tailChunks)
	h := v.String() + bands(t.docs[:min(HeadSize, len(t.docs))], p.smallest)
	p.heads[t.term] = h
	return h
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
// "d": display rows of the heads' best documents}, from members encoded once.
func (p *planner) shardBody(keys []string) []byte {
	var w, ps, d []byte
	var docs []int32
	seen := map[int32]bool{}
	for _, k := range keys {
		if m := p.member("w", k); m != nil {
			w = append(append(w, ','), m...)
		}
		if t := p.byTerm[k]; t != nil {
			ps = append(append(ps, ','), p.member("p", k)...)
			for _, s := range t.docs[:min(ResultRows, len(t.docs))] {
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
	var b []byte
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

// member is a key's "key":value member in a shard's w (word form) or p
// (head) object, encoded once; nil when the key has none.
func (p *planner) member(kind, key string) []byte {
	if m, ok := p.members[kind+key]; ok {
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
		b, _ := jsonBody(map[string]any{key: v})
		m = b[1 : len(b)-1]
	}
	p.members[kind+key] = m
	return m
}

// rowMember is a document's "n":[row] member in a shard's d object.
func (p *planner) rowMember(doc int32) []byte {
	if m, ok := p.rows[doc]; ok {
		return m
	}
	b, _ := jsonBody(map[string]any{docKey(doc): p.row(doc, false)})
	m := b[1 : len(b)-1]
	p.rows[doc] = m
	return m
}

// shards writes the t-<n>.js files: the sorted folded words cut into
// ranges whose files stay under the target. It returns each shard's first
// word, for the manifest.
func (p *planner) shards() ([]string, error) {
	seen := map[string]bool{}
	var keys []string
	for k := range p.forms.words {
		keys, seen[k] = append(keys, k), true
	}
	for _, t := range p.terms {
		if !seen[t.term] {
			keys = append(keys, t.term)
		}
	}
	slices.Sort(keys)
	encode := func(ks []string) ([]byte, error) { return p.shardBody(ks), nil }
	var firsts []string
	rows := map[int32]bool{} // documents whose row the current run already holds
	size := func(k string) int {
		s := len(p.member("w", k)) + len(p.member("p", k)) + 2
		if t := p.byTerm[k]; t != nil {
			for _, d := range t.docs[:min(ResultRows, len(t.docs))] {
				if !rows[d.doc] {
					rows[d.doc] = true
					s += len(p.rowMember(d.doc)) + 1
				}
			}
		}
		return s
	}
	err := runs(keys, size, func() int { return p.pack.rawTarget("t") }, func(run []string) error {
		clear(rows)
		parts, err := p.pack.fit("t", run, encode)
		for _, part := range parts {
			p.addBody(fileName("t", len(firsts)), part.body, part.gz)
			firsts = append(firsts, part.keys[0])
		}
		return err
	})
	return firsts, err
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
// documents' facet combinations.
func (p *planner) docChunks() error {
	for c := 0; c*DocChunk < len(p.docs); c++ {
		var rows [][]string
		for d := c * DocChunk; d < min((c+1)*DocChunk, len(p.docs)); d++ {
			rows = append(rows, p.row(int32(d), true))
		}
		if err := p.add(fileName("d", c), rows); err != nil {
			return err
		}
	}
	var v varints
	for _, c := range p.comboOf {
		v.put(c)
	}
	return p.add("f", map[string]string{"c": v.String()})
}

// manifest writes index.js.
func (p *planner) manifest(firsts []string) error {
	combos, _ := facetCombos(p.docs)
	keys := ""
	if len(firsts) > 1 {
		keys = strings.Join(firsts[1:], " ")
	}
	return p.add("index", map[string]any{
		"v": 2, "n": len(p.docs), "keys": keys, "stop": stopList(p.forms.stops), "combos": combos,
		"step": scoreStep, "rows": ResultRows, "chunk": DocChunk,
	})
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
