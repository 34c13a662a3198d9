package search

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// forms maps the words of the documents to what the browser looks up: the
// browser cannot run bleve's analysers, so the export ships, for every word
// form whose folded spelling is not itself a term, the terms it analyses to.
type forms struct {
	lang string
	an   analysis.Analyzer
	// cache holds the folded terms of each lower-cased word seen so far;
	// nil for a stop word.
	cache map[string][]string
	// words maps a folded word to its folded terms, where they differ from
	// the folded word itself.
	words map[string][]string
	// stops are the folded words the analyser drops (stop words).
	stops map[string]bool
}

func newForms(lang string, an analysis.Analyzer) *forms {
	return &forms{lang: lang, an: an, cache: map[string][]string{}, words: map[string][]string{}, stops: map[string]bool{}}
}

// terms returns the folded terms of a word (lower-cased), analysing it the
// first time. Empty for stop words.
func (f *forms) terms(lw string) []string {
	if ts, ok := f.cache[lw]; ok {
		return ts
	}
	var ts []string
	for _, tok := range f.an.Analyze([]byte(lw)) {
		t := Fold(f.lang, string(tok.Term))
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	f.cache[lw] = ts
	return ts
}

// add records the word forms of a text.
func (f *forms) add(text string) {
	for _, w := range words(text) {
		lw := strings.ToLower(w)
		if _, seen := f.cache[lw]; seen {
			continue
		}
		ts := f.terms(lw)
		key := Fold(f.lang, lw)
		if len(ts) == 0 {
			f.stops[key] = true
			continue
		}
		for _, t := range ts {
			if !slices.Contains(f.words[key], t) {
				f.words[key] = append(f.words[key], t)
			}
		}
	}
}

// wordForms is the export's word-form phase: every word of every document's
// searched fields, and the stop words: those of the documents, and those of
// the language's stop list in bleve (stop_<lang>) that its analyser drops,
// so that a query keeps working when it holds a stop word the pages do not.
// A folded word that is also a stop word's spelling in another form stays
// searchable: a word is a stop word only when none of its forms has a term.
// It stops between documents when ctx ends.
func wordForms(ctx context.Context, lang string, an analysis.Analyzer, docs []Doc) (*forms, error) {
	f := newForms(lang, an)
	if stops, err := registry.NewCache().TokenMapNamed("stop_" + lang); err == nil {
		for w := range stops {
			f.add(w)
		}
	}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f.add(d.Title)
		f.add(d.Summary)
		for _, h := range d.Headings {
			f.add(h)
		}
		f.add(d.Body)
		for _, k := range d.Keywords {
			f.add(k)
		}
	}
	for key, ts := range f.words {
		slices.Sort(ts)
		if len(ts) == 1 && ts[0] == key {
			delete(f.words, key) // a form that analyses like its own spelling
		}
		delete(f.stops, key)
	}
	return f, nil
}
