package search

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Section is the part of a page under one heading: the heading's anchor
// (its id, "" for the text before the first heading), its text, and the
// section's plain text including the heading.
type Section struct {
	Anchor, Heading, Text string
}

// sectionsOf returns a document's sections, or its whole body as one.
func sectionsOf(d Doc) []Section {
	if len(d.Sections) > 0 {
		return d.Sections
	}
	return []Section{{Text: d.Body}}
}

// excerpt is what a result shows for a term: the sections of the page that
// hold it, the best first, with a passage of the best one around the term.
type excerpt struct {
	sections []int  // section numbers, best first (at most maxSections)
	passage  string // text around the first match in sections[0]
	summary  bool   // the term is in no section: the passage is the summary
}

// Excerpt sizes.
const (
	maxSections   = 3  // sections listed per result
	passageWords  = 14 // words of a passage
	passageBefore = 5  // of which before the match
)

// span is a word's place in a text.
type span struct{ start, end int }

// excerpts finds, for each term and each of its best documents (best),
// the sections of the document that hold the term and a passage:
// out[term][i] is the excerpt of the term's best()[i]. Terms found in no
// section (only in the title, summary or keywords) get the summary as their
// passage. Each document is looked at once, on every core: its words as
// the analysis recorded them (words, see excerptWords), else its text cut
// again.
func excerpts(ctx context.Context, docs []Doc, words []excerptWords, terms []termScores, f *forms) (map[string][]excerpt, error) {
	type wanted struct { // a term's excerpt in one document
		term string
		rank int // the document's place among the term's best
	}
	want := make([][]wanted, len(docs))
	out := make(map[string][]excerpt, len(terms))
	for i := range terms {
		if err := stopAt(ctx, i); err != nil {
			return nil, err
		}
		t := &terms[i]
		for r, s := range t.best() {
			want[s.doc] = append(want[s.doc], wanted{t.term, r})
		}
		out[t.term] = make([]excerpt, len(t.best()))
	}
	var ids []int32 // the documents with excerpts to find
	for d, w := range want {
		if len(w) > 0 {
			ids = append(ids, int32(d))
		}
	}
	found := make([][]excerpt, len(ids))
	lookers := make([]*looker, runtime.GOMAXPROCS(0)) // one per core, made by its goroutine
	onCores(len(ids), func(w, i int) {
		if ctx.Err() != nil {
			return
		}
		if lookers[w] == nil {
			lookers[w] = newLooker(f)
		}
		terms := make([]string, len(want[ids[i]]))
		for k, wt := range want[ids[i]] {
			terms[k] = wt.term
		}
		var dw excerptWords
		if int(ids[i]) < len(words) {
			dw = words[ids[i]]
		}
		found[i] = lookers[w].docExcerpts(docs[ids[i]].withText(), dw, terms)
	})()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, d := range ids {
		for k, w := range want[d] {
			out[w.term][w.rank] = found[i][k]
		}
	}
	return out, nil
}

// match counts a term's occurrences in one section.
type match struct {
	section, count int
	first          int // the first one's offset in the section's body; -1: only in the heading
}

// looker finds excerpts on one goroutine.
type looker struct {
	f *forms
	// slot holds, by folded term number (analyser.folds), the place plus
	// one of each term looked for in the current document, else 0.
	slot []int32
}

func newLooker(f *forms) *looker {
	return &looker{f: f, slot: make([]int32, len(f.a.folds))}
}

// docExcerpts returns the excerpts of terms in d, in the order of terms,
// from its words as the analysis recorded them, or from its text when
// words is nil.
func (l *looker) docExcerpts(d Doc, words excerptWords, terms []string) []excerpt {
	place := make(map[string]int, len(terms)) // a term's place in terms
	for k, t := range terms {
		place[t] = k
	}
	found := make([][]match, len(terms)) // by place
	note := func(k, si, start int) {
		ms := found[k]
		if n := len(ms); n > 0 && ms[n-1].section == si {
			ms[n-1].count++
			if ms[n-1].first < 0 {
				ms[n-1].first = start
			}
			return
		}
		found[k] = append(ms, match{section: si, count: 1, first: start})
	}
	if words != nil {
		ids := make([]int32, 0, len(terms)) // the slots set, cleared once done
		for k, t := range terms {
			if id, ok := l.f.a.folds[t]; ok {
				l.slot[id] = int32(k) + 1
				ids = append(ids, id)
			}
		}
		defer func() {
			for _, id := range ids {
				l.slot[id] = 0
			}
		}()
	}
	secs := sectionsOf(d)
	bodies := make([]string, len(secs))
	next := 0 // where the next section's words start in words
	for si, s := range secs {
		bodies[si] = body(s)
		for _, t := range headingTerms(s.Heading, l.f) {
			if k, ok := place[t]; ok {
				found[k] = append(found[k], match{section: si, count: 2, first: -1})
			}
		}
		if words != nil {
			next = words.eachSectionWord(next, func(start int, id int32) {
				if k := l.slot[id] - 1; k >= 0 {
					note(int(k), si, start)
				}
			})
			continue
		}
		text := bodies[si]
		eachWord(text, func(start, end int) {
			for _, t := range l.f.terms(text[start:end]) {
				if k, ok := place[t]; ok {
					note(k, si, start)
				}
			}
		})
	}
	res := make([]excerpt, len(terms))
	for k, ms := range found {
		if len(ms) == 0 {
			res[k] = excerpt{sections: []int{0}, summary: true}
			continue
		}
		slices.SortStableFunc(ms, func(a, b match) int { return cmp.Compare(b.count, a.count) })
		ex := excerpt{passage: passage(bodies[ms[0].section], ms[0].first)}
		for _, m := range ms[:min(len(ms), maxSections)] {
			ex.sections = append(ex.sections, m.section)
		}
		res[k] = ex
	}
	return res
}

// body is a section's text without its heading, which results show apart.
func body(s Section) string {
	if s.Heading == "" {
		return s.Text
	}
	return strings.TrimLeft(strings.TrimPrefix(s.Text, s.Heading), "\n ")
}

// headingTerms are the terms of a heading's words.
func headingTerms(h string, f *forms) []string {
	var out []string
	for _, w := range words(h) {
		out = append(out, f.terms(w)...)
	}
	return out
}

// passage cuts about passageWords words of text around the word that
// starts at offset at (passageBefore of them before it, more when the text
// ends sooner after it), marking cuts with an ellipsis. Without a match
// (at < 0) it is the text's start. Only the words a passage can use are
// looked at, and one more on each side to tell whether it is cut there.
func passage(text string, at int) string {
	from := max(at, 0)             // the match's start, or the text's
	var fwd [passageWords + 1]span // the match and the words after it
	nf := 0
	eachWordWhile(text[from:], func(s, e int) bool {
		fwd[nf] = span{from + s, from + e}
		nf++
		return nf < len(fwd)
	})
	if nf == 0 {
		return ""
	}
	need := max(passageBefore, passageWords-nf) // words before the match a passage takes
	var back [passageWords + 1]span             // the words before it, the nearest first
	nb := 0
	eachWordBefore(text, from, func(s, e int) bool {
		back[nb] = span{s, e}
		nb++
		return nb <= need
	})
	before := min(nb, need)
	after := min(nf, passageWords-before) // the match and the words after it taken
	cutStart, cutEnd := before < nb, after < nf
	start, end := 0, len(text)
	if cutStart { // before is at least passageBefore then
		start = back[before-1].start
	}
	if cutEnd {
		end = fwd[after-1].end
		if r, size := utf8.DecodeRuneInString(text[end:]); size > 0 && unicode.IsPunct(r) && r != '(' {
			end += size
		}
	}
	return oneSpaced(text[start:end], cutStart, cutEnd)
}

// oneSpaced is text with each run of white space (unicode.IsSpace) made one
// space, and none at either end (strings.Fields joined by spaces), after an
// ellipsis when cutStart and before one when cutEnd: in one allocation.
func oneSpaced(text string, cutStart, cutEnd bool) string {
	const ellipsis = "…"
	var b strings.Builder
	b.Grow(len(text) + 2*len(ellipsis))
	if cutStart {
		b.WriteString(ellipsis)
	}
	words := false // a word is written
	gap := false   // white space since the last word
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && spaceByte(c) {
			gap, i = true, i+1
			continue
		} else if c >= utf8.RuneSelf {
			if space, size := spaceFrom(text[i:]); space {
				gap, i = true, i+size
				continue
			}
		}
		if gap && words {
			b.WriteByte(' ')
		}
		gap, words = false, true
		j := i // the run of characters up to the next white space, written whole
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf {
				if spaceByte(c) {
					break
				}
				j++
				continue
			}
			space, size := spaceFrom(text[j:])
			if space {
				break
			}
			j += size
		}
		b.WriteString(text[i:j])
		i = j
	}
	if cutEnd {
		b.WriteString(ellipsis)
	}
	return b.String()
}

// spaceByte tells whether an ASCII character is white space
// (unicode.IsSpace): space, or tab to carriage return.
func spaceByte(c byte) bool { return c == ' ' || c-'\t' <= '\r'-'\t' }

// spaceFrom tells whether the character text starts with is white space
// (unicode.IsSpace), and its length in bytes.
func spaceFrom(text string) (bool, int) {
	r, size := utf8.DecodeRuneInString(text)
	return unicode.IsSpace(r), size
}
