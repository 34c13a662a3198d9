package search

import (
	"bytes"
	"context"
	"hash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A page's text is analysed once, word by word, here: the words are cut as
// the browser cuts a query (eachWord), and each distinct word goes through
// the language's bleve analyser once per index. The same pass gives bleve
// its fields already analysed, the export its postings and the browser its
// word forms, so the export never reads the postings back from bleve and
// every side (bleve's Search, the static index, the browser) splits words
// the same way.

// eachWord calls fn with the place of each word of text: runs of letters,
// numbers and combining marks (\p{L}, \p{N}, \p{Mn}). It is the one rule
// for what a word is; the browser client splits queries the same way
// (client/search.js: words).
func eachWord(text string, fn func(start, end int)) {
	eachWordWhile(text, func(start, end int) bool { fn(start, end); return true })
}

// eachWordWhile is eachWord stopping after the first word fn returns
// false for. ASCII is tested in line: most text is.
func eachWordWhile(text string, fn func(start, end int) bool) {
	for i := 0; i < len(text); {
		for i < len(text) && text[i] < utf8.RuneSelf && !isWordByte(text[i]) {
			i++
		}
		if i == len(text) {
			return
		}
		if text[i] >= utf8.RuneSelf {
			if in, size := wordRuneFrom(text[i:]); !in {
				i += size
				continue
			}
		}
		start := i // a word's first character: its end is next
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !isWordByte(c) {
					break
				}
				i++
				continue
			}
			in, size := wordRuneFrom(text[i:])
			if !in {
				break
			}
			i += size
		}
		if !fn(start, i) {
			return
		}
	}
}

// eachWordBefore calls fn with the place of each word of text that ends
// at or before end, the last first, while fn returns true: the words
// eachWord finds, in reverse.
func eachWordBefore(text string, end int, fn func(start, end int) bool) {
	for i := end; i > 0; {
		for i > 0 && text[i-1] < utf8.RuneSelf && !isWordByte(text[i-1]) {
			i--
		}
		if i == 0 {
			return
		}
		if text[i-1] >= utf8.RuneSelf {
			if in, size := wordRuneUpTo(text[:i]); !in {
				i -= size
				continue
			}
		}
		stop := i // a word's last character ends here: its start is next
		for i > 0 {
			if c := text[i-1]; c < utf8.RuneSelf {
				if !isWordByte(c) {
					break
				}
				i--
				continue
			}
			in, size := wordRuneUpTo(text[:i])
			if !in {
				break
			}
			i -= size
		}
		if !fn(i, stop) {
			return
		}
	}
}

// wordRuneFrom tells whether the character text starts with is part of a
// word (a letter, number or combining mark), and its length in bytes.
func wordRuneFrom(text string) (bool, int) {
	r, size := utf8.DecodeRuneInString(text)
	return isWordRune(r), size
}

// wordRuneUpTo is wordRuneFrom for the character text ends with.
func wordRuneUpTo(text string) (bool, int) {
	r, size := utf8.DecodeLastRuneInString(text)
	return isWordRune(r), size
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// words splits text into words (see eachWord).
func words(text string) []string {
	var out []string
	eachWord(text, func(s, e int) { out = append(out, text[s:e]) })
	return out
}

// wordAnalysis is what the analyser makes of one word.
type wordAnalysis struct {
	tokens []token  // the analyser's terms, as bleve indexes them; none for a stop word
	folded []string // the terms folded (Fold), each once
	// foldIDs are the numbers of folded in the analyser that recorded the
	// word (analyser.folds); nil for a word looked up but not recorded.
	foldIDs []int32
	key     string // the word lower-cased and folded: what the browser looks up
	pass    int    // the last pass that recorded this word's form
}

// token is a term of a word, with its number in the analyser that
// recorded the word (analyser.terms), so that readers count a document's
// terms in a slice, not a map.
type token struct {
	term string
	id   int32
}

// analyser applies a language's bleve analyser word by word, remembering
// each word's analysis (a pure function of the word) for the life of its
// Index. Not safe for concurrent use.
type analyser struct {
	lang  string
	an    analysis.Analyzer
	words map[string]*wordAnalysis // by spelling as found, and lower-cased
	pass  int
	terms map[string]int32 // numbers the terms of the words recorded
	folds map[string]int32 // numbers their folded terms
}

func newAnalyser(lang string, an analysis.Analyzer) *analyser {
	return &analyser{lang: lang, an: an, words: map[string]*wordAnalysis{}, terms: map[string]int32{}, folds: map[string]int32{}}
}

// word returns the analysis of a word, as spelt in the text.
func (a *analyser) word(w string) *wordAnalysis {
	wa, lw, ok := a.recorded(w)
	if !ok {
		lw = strings.Clone(lw) // the analysis and its key must not hold the page's text
		wa = a.record(w, lw, a.analyse(lw))
	}
	return wa
}

// recorded returns the analysis the analyser remembers of a word, as spelt
// or lower-cased (remembering this spelling of it), and the word
// lower-cased; false when it has none.
func (a *analyser) recorded(w string) (*wordAnalysis, string, bool) {
	if wa, ok := a.words[w]; ok {
		return wa, w, true
	}
	lw := strings.ToLower(w)
	if wa, ok := a.words[lw]; ok {
		return a.record(w, lw, wa), lw, true
	}
	return nil, lw, false
}

// record remembers wa, the analysis of the lower-cased word lw, for the
// word w as spelt in the text, numbering its terms, and returns the
// analysis remembered: an earlier one of lw if there is one.
func (a *analyser) record(w, lw string, wa *wordAnalysis) *wordAnalysis {
	if known, ok := a.words[lw]; ok {
		wa = known
	} else {
		for i, t := range wa.tokens {
			id, ok := a.terms[t.term]
			if !ok {
				id = int32(len(a.terms))
				a.terms[t.term] = id
			}
			wa.tokens[i].id = id
		}
		wa.foldIDs = make([]int32, len(wa.folded))
		for i, f := range wa.folded {
			id, ok := a.folds[f]
			if !ok {
				id = int32(len(a.folds))
				a.folds[f] = id
			}
			wa.foldIDs[i] = id
		}
		a.words[lw] = wa
	}
	if w != lw {
		a.words[strings.Clone(w)] = wa
	}
	return wa
}

// lookup returns the analysis of a word as word does, without remembering
// a word it has not met: goroutines may call it at once while no one calls
// word (bleve's analysers are safe for concurrent use).
func (a *analyser) lookup(w string) *wordAnalysis {
	if wa, ok := a.words[w]; ok {
		return wa
	}
	lw := strings.ToLower(w)
	if wa, ok := a.words[lw]; ok {
		return wa
	}
	return a.analyse(lw)
}

// analyse runs the language's analyser on a lower-cased word.
func (a *analyser) analyse(lw string) *wordAnalysis {
	wa := &wordAnalysis{key: Fold(a.lang, lw)}
	for _, tok := range a.an.Analyze([]byte(lw)) {
		t := string(tok.Term)
		wa.tokens = append(wa.tokens, token{term: t})
		if f := Fold(a.lang, t); !slices.Contains(wa.folded, f) {
			wa.folded = append(wa.folded, f)
		}
	}
	return wa
}

// query returns the distinct terms of a query's words, as bleve indexes them.
func (a *analyser) query(text string) []string {
	var out []string
	eachWord(text, func(s, e int) {
		for _, t := range a.word(text[s:e]).tokens {
			if !slices.Contains(out, t.term) {
				out = append(out, t.term)
			}
		}
	})
	return out
}

// fieldText returns a document's searched fields' texts, in fieldWeights order.
func fieldText(d Doc) [5]string {
	return [5]string{d.Title, strings.Join(d.Keywords, " "), strings.Join(d.Headings, "\n"), d.Summary, d.Body}
}

// pass is one analysis of a set of documents: their postings and the word
// forms of their words. Documents are read (cut into words and looked up)
// on every core, each goroutine with a reader of its own, and added to the
// postings in order on one (see read).
type pass struct {
	a     *analyser
	mu    sync.Mutex // guards a.words while readers run
	c     corpus
	forms *forms
	// newHash makes each reader's document hash (see Doc.hash).
	newHash func() hash.Hash
}

// newPass starts a pass over docs, already in export order.
func (a *analyser) newPass(docs []Doc, newHash func() hash.Hash) *pass {
	a.pass++
	p := &pass{a: a, newHash: newHash, c: corpus{docs: docs, fields: make([]fieldPostings, len(fieldWeights)), words: make([]excerptWords, len(docs))}, forms: newForms(a)}
	for i := range p.c.fields {
		p.c.fields[i].terms = map[string][]posting{}
		p.c.fields[i].norms = make([]float32, len(docs))
	}
	return p
}

// analysed is one field of a document as bleve indexes it.
type analysed struct {
	length int
	freq   bleveindex.TokenFrequencies
}

// termCount is how often a term occurs in a field.
type termCount struct {
	term string
	n    int
}

// fieldTerms is one field of a document cut into terms: its length in
// terms and each term's count.
type fieldTerms struct {
	length int
	counts []termCount
}

// docRead is a document read for a pass: the document with its text, its
// hash, its fields' terms, and the analyses of the words its reader met
// first in it.
type docRead struct {
	doc    Doc
	hash   string
	fields [5]fieldTerms
	met    []*wordAnalysis
	words  excerptWords
}

// readerWords bounds the words a reader keeps: beyond, it forgets them
// all and starts again. The most frequent words are met again at once;
// every reader keeping a language's whole vocabulary raised the peak by
// 10-15 MiB at 10k pages of real text (measured).
const readerWords = 1 << 14

// reader reads documents for a pass on one goroutine. It keeps the words
// it has met lately in a map of its own and asks the pass's analyser
// (under the pass's lock) only for the others.
type reader struct {
	p    *pass
	seen map[string]*wordAnalysis
	hash hash.Hash
	// One field's term counts, by term number, and the terms counted, in
	// order: reused.
	counts  []int32
	counted []token
	words   wordsWriter // a document's excerptWords, reused
}

// newReader makes a reader; its map grows as it meets words (made at
// readerWords, it cost a patch build, which reads a few hundred pages,
// 5 ms of clearing new tables).
func (p *pass) newReader() *reader {
	return &reader{p: p, seen: map[string]*wordAnalysis{}, hash: p.newHash()}
}

// word returns the analysis of a word for a reader. A word the analyser
// has not met is analysed (stemmed) outside the pass's lock, so that the
// readers do not wait for each other's stemming; the lock is taken again to
// record it (another reader may have recorded it meanwhile: its analysis is
// the one kept).
func (p *pass) word(w string) *wordAnalysis {
	p.mu.Lock()
	wa, lw, ok := p.a.recorded(w)
	p.mu.Unlock()
	if ok {
		return wa
	}
	lw = strings.Clone(lw) // the analysis and its key must not hold the page's text
	wa = p.a.analyse(lw)
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.a.record(w, lw, wa)
}

// count counts a word's terms in the field being read.
func (r *reader) count(wa *wordAnalysis) {
	for _, t := range wa.tokens {
		if int(t.id) >= len(r.counts) {
			r.counts = append(r.counts, make([]int32, max(len(r.counts), int(t.id)+1-len(r.counts)))...)
		}
		if r.counts[t.id] == 0 {
			r.counted = append(r.counted, t)
		}
		r.counts[t.id]++
	}
}

// read cuts a document's fields into terms.
func (r *reader) read(d Doc) docRead {
	out := docRead{doc: d, hash: d.hash(r.hash)}
	for fi, text := range fieldText(d) {
		var length int
		if fi == bodyField {
			length = r.readBody(d, &out)
		} else {
			length = r.readText(text, &out, nil)
		}
		ft := fieldTerms{length: length, counts: make([]termCount, 0, len(r.counted))}
		for _, t := range r.counted {
			ft.counts = append(ft.counts, termCount{t.term, int(r.counts[t.id])})
			r.counts[t.id] = 0
		}
		r.counted = r.counted[:0]
		out.fields[fi] = ft
	}
	return out
}

// readText counts the terms of text's words in the field being read and
// returns how many there were, handing each word's place and analysis to
// met when it is set.
func (r *reader) readText(text string, out *docRead, met func(start int, wa *wordAnalysis)) int {
	length := 0
	eachWord(text, func(s, e int) {
		w := text[s:e]
		wa, ok := r.seen[w]
		if !ok {
			if len(r.seen) >= readerWords {
				clear(r.seen)
			}
			wa = r.p.word(w)
			r.seen[strings.Clone(w)] = wa // the key must not hold the page's text
			out.met = append(out.met, wa)
		}
		r.count(wa)
		length += len(wa.tokens)
		if met != nil {
			met(s, wa)
		}
	})
	return length
}

// readBody reads a document's body in the pieces its excerpts cut it into
// (see bodyCuts), recording its sections' words for them (out.words); in
// one piece, recording nothing, when it cannot be cut so. Either way the
// body's words are the same.
func (r *reader) readBody(d Doc, out *docRead) int {
	cuts, ok := bodyCuts(d)
	if !ok {
		return r.readText(d.Body, out, nil)
	}
	w := &r.words
	w.b = w.b[:0]
	length := 0
	for i := 0; i+2 < len(cuts); i += 2 {
		length += r.readText(d.Body[cuts[i]:cuts[i+1]], out, nil) // the heading: looked for apart
		length += r.readText(d.Body[cuts[i+1]:cuts[i+2]], out, w.word)
		w.endSection()
	}
	out.words = excerptWords(bytes.Clone(w.b))
	return length
}

// readChunk is how many documents the readers take at a time: the next
// chunk is read while the last one is added.
const readChunk = 128

// read reads docs with their text on every core, a chunk at a time, and
// hands each to add in order, on the calling goroutine. It stops before
// the next document when ctx ends.
func (p *pass) read(ctx context.Context, docs []Doc, add func(i int, r docRead) error) error {
	if len(docs) == 0 {
		return nil
	}
	readers := make([]*reader, runtime.GOMAXPROCS(0)) // one per core, made by its goroutine
	start := func(lo int) func() []docRead {
		out := make([]docRead, min(readChunk, len(docs)-lo))
		wait := onCores(len(out), func(w, i int) {
			if readers[w] == nil {
				readers[w] = p.newReader()
			}
			out[i] = readers[w].read(docs[lo+i].withText())
		})
		return func() []docRead { wait(); return out }
	}
	wait := start(0)
	for lo := 0; lo < len(docs); lo += readChunk {
		chunk := wait()
		more := lo+readChunk < len(docs)
		if more {
			wait = start(lo + readChunk)
		}
		for i, r := range chunk {
			err := ctx.Err()
			if err == nil {
				err = add(lo+i, r)
			}
			if err != nil {
				if more {
					wait() // no reader outlives the pass
				}
				return err
			}
		}
	}
	return nil
}

// add adds document n's postings, read by a reader, and the forms of the
// words its reader met first in it. With forBleve, it also returns its
// fields as bleve indexes them.
func (p *pass) add(n int, r docRead, forBleve bool) [5]analysed {
	for _, wa := range r.met {
		if wa.pass != p.a.pass {
			wa.pass = p.a.pass
			p.forms.record(wa)
		}
	}
	p.c.words[n] = r.words
	var out [5]analysed
	for fi, f := range r.fields {
		fp := &p.c.fields[fi]
		fp.norms[n] = float32(1 / math.Sqrt(float64(f.length)))
		for _, tc := range f.counts {
			fp.terms[tc.term] = append(fp.terms[tc.term], posting{doc: int32(n), freq: uint32(tc.n)})
		}
		if forBleve {
			out[fi] = analysed{length: f.length, freq: tokenFrequencies(f.counts)}
		}
	}
	return out
}

// tokenFrequencies gives a field's term counts the shape bleve indexes.
func tokenFrequencies(counts []termCount) bleveindex.TokenFrequencies {
	tf := make(bleveindex.TokenFrequencies, len(counts))
	for _, c := range counts {
		f := &bleveindex.TokenFreq{Term: []byte(c.term)}
		f.SetFrequency(c.n)
		tf[c.term] = f
	}
	return tf
}

// finish completes the pass: bleve's field-length averages and the word
// forms, with the stop words of the language's list in bleve (stop_<lang>)
// that its analyser drops, so that a query keeps working when it holds a
// stop word the pages do not.
func (p *pass) finish() (corpus, *forms) {
	if stops, err := registry.NewCache().TokenMapNamed("stop_" + p.a.lang); err == nil {
		for w := range stops {
			if wa := p.a.word(w); wa.pass != p.a.pass {
				wa.pass = p.a.pass
				p.forms.record(wa)
			}
		}
	}
	if n := len(p.c.docs); n > 0 {
		for i := range p.c.fields {
			p.c.fields[i].avgLen = math.Ceil(float64(len(p.c.fields[i].terms)) / float64(n))
		}
	}
	p.forms.finish()
	return p.c, p.forms
}

// analysedField is a text field handed to bleve already analysed: bleve's
// own Analyze would cut and stem the text a second time.
type analysedField struct {
	*document.TextField
	a analysed
}

func (f *analysedField) Analyze()                                              {}
func (f *analysedField) AnalyzedLength() int                                   { return f.a.length }
func (f *analysedField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies { return f.a.freq }
