package search

import (
	"slices"
)

// forms maps the words of the documents to what the browser looks up: the
// browser cannot run bleve's analysers, so the export ships, for every word
// form whose folded spelling is not itself a term, the terms it analyses to.
// An analysis pass records the forms of the words it meets (see pass).
type forms struct {
	a *analyser
	// words maps a folded word to its folded terms, where they differ from
	// the folded word itself.
	words map[string][]string
	// stops are the folded words the analyser drops (stop words).
	stops map[string]bool
}

func newForms(a *analyser) *forms {
	return &forms{a: a, words: map[string][]string{}, stops: map[string]bool{}}
}

// terms returns the folded terms of a word. Empty for stop words. Safe for
// concurrent use while no analysis pass runs (see analyser.lookup).
func (f *forms) terms(w string) []string { return f.a.lookup(w).folded }

// record notes the form of a word met for the first time in a pass.
func (f *forms) record(wa *wordAnalysis) {
	if len(wa.folded) == 0 {
		f.stops[wa.key] = true
		return
	}
	for _, t := range wa.folded {
		if !slices.Contains(f.words[wa.key], t) {
			f.words[wa.key] = append(f.words[wa.key], t)
		}
	}
}

// finish drops the forms that analyse like their own spelling, and the stop
// words that are also a searchable word's folded spelling: a word is a stop
// word only when none of its forms has a term.
func (f *forms) finish() {
	for key, ts := range f.words {
		slices.Sort(ts)
		if len(ts) == 1 && ts[0] == key {
			delete(f.words, key) // a form that analyses like its own spelling
		}
		delete(f.stops, key)
	}
}
