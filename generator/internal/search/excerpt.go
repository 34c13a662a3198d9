package search

import (
	"cmp"
	"context"
	"maps"
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

// wordSpans finds the words of a text (see eachWord) with their places.
func wordSpans(text string) []span {
	var out []span
	eachWord(text, func(s, e int) { out = append(out, span{s, e}) })
	return out
}

// excerpts finds, for each document and each of the terms it is among the
// best documents of (want[doc]), the sections that hold the term and a
// passage. Terms found in no section (only in the title, summary or
// keywords) get the summary as their passage. The documents are read and
// cut on every core.
func excerpts(ctx context.Context, docs []Doc, want map[int32][]string, f *forms) (map[int32]map[string]excerpt, error) {
	ids := slices.Sorted(maps.Keys(want))
	found := make([]map[string]excerpt, len(ids))
	onCores(len(ids), func(_, i int) {
		if ctx.Err() == nil {
			found[i] = docExcerpts(docs[ids[i]].withText(), want[ids[i]], f)
		}
	})()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make(map[int32]map[string]excerpt, len(ids))
	for i, d := range ids {
		out[d] = found[i]
	}
	return out, nil
}

// match counts a term's occurrences in one section.
type match struct {
	section, count int
	first          span
}

func docExcerpts(d Doc, terms []string, f *forms) map[string]excerpt {
	wanted := make(map[string]bool, len(terms))
	for _, t := range terms {
		wanted[t] = true
	}
	found := map[string][]match{}
	secs := sectionsOf(d)
	bodies := make([]string, len(secs))
	for si, s := range secs {
		bodies[si] = body(s)
		for _, t := range headingTerms(s.Heading, f) {
			if wanted[t] {
				found[t] = append(found[t], match{section: si, count: 2, first: span{-1, -1}})
			}
		}
		eachWord(bodies[si], func(start, end int) {
			sp := span{start, end}
			for _, t := range f.terms(bodies[si][sp.start:sp.end]) {
				if !wanted[t] {
					continue
				}
				ms := found[t]
				if n := len(ms); n > 0 && ms[n-1].section == si {
					ms[n-1].count++
					if ms[n-1].first.start < 0 {
						ms[n-1].first = sp
					}
					continue
				}
				found[t] = append(ms, match{section: si, count: 1, first: sp})
			}
		})
	}
	spans := map[int][]span{} // the words of the sections passages are cut from
	res := make(map[string]excerpt, len(terms))
	for _, t := range terms {
		ms := found[t]
		if len(ms) == 0 {
			res[t] = excerpt{sections: []int{0}, summary: true}
			continue
		}
		slices.SortStableFunc(ms, func(a, b match) int { return cmp.Compare(b.count, a.count) })
		best := ms[0].section
		if spans[best] == nil {
			spans[best] = wordSpans(bodies[best])
		}
		ex := excerpt{passage: passage(bodies[best], spans[best], ms[0].first, ms[0].first.start >= 0)}
		for _, m := range ms[:min(len(ms), maxSections)] {
			ex.sections = append(ex.sections, m.section)
		}
		res[t] = ex
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

// passage cuts about passageWords words of text around the word at sp,
// marking cuts with an ellipsis. Without a match it is the text's start.
func passage(text string, ws []span, sp span, matched bool) string {
	if len(ws) == 0 {
		return ""
	}
	at := 0
	if matched {
		at, _ = slices.BinarySearchFunc(ws, sp.start, func(w span, s int) int { return cmp.Compare(w.start, s) })
	}
	from := max(0, at-passageBefore)
	to := min(len(ws), from+passageWords)
	from = max(0, min(from, to-passageWords))
	start, end := ws[from].start, ws[to-1].end
	if from == 0 {
		start = 0
	}
	if to == len(ws) {
		end = len(text)
	} else if r, n := utf8.DecodeRuneInString(text[end:]); n > 0 && unicode.IsPunct(r) && r != '(' {
		end += n
	}
	p := strings.Join(strings.Fields(text[start:end]), " ")
	if from > 0 {
		p = "…" + p
	}
	if to < len(ws) {
		p += "…"
	}
	return p
}
