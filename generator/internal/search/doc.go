// Package search indexes a site's pages with bleve, one index per language
// with that language's analyser, answers queries from the terminal, and
// exports a static index for the browser: files of bounded size, loaded
// with classic <script> tags so that search also works when the site is
// opened from disk (file://), where fetch and modules are refused.
//
// The export decides at build time everything the browser needs: every word
// form found in the pages is mapped to its analysed (stemmed, accent-folded)
// term, stop words are listed, and each term carries its documents with the
// score bleve's Search gives them, quantised, best first, so the browser only
// looks words up and adds numbers. A page's words are analysed once, in
// Update (analysis.go): bleve gets its fields already analysed, the export
// its postings and word forms. Export runs in phases, one function each:
// cluster (documents that share words numbered side by side), score,
// shardFiles, writeFiles.
//
// Files under _search/<lang>/ (see planner for what each holds):
//
//	search.js the client with the manifest, what pages load (one file, so
//	          the first query waits for one round trip, not two)
//	index.js  the manifest alone, for pages that load the shared client
//	t-<n>.js  a range of words: word forms, each term's best postings, and
//	          the display rows of its best documents
//	p-<n>.js  the rest of long posting lists, loaded only when needed
//	x-<n>.js  excerpts (matching sections, a passage) for results on screen
//	d-<n>.js  display rows of every document, for results beyond the heads
//	f.js      each document's facet combination, loaded when filtering
//
// Every file but the manifest stays under TargetBytes gzipped, whatever the
// site: a range of words that would be larger is split. Numbers are written
// five bits to a character (see varints). Each file calls
// window.oersiteSearch.add(lang, name, data); _search/search.js is the client
// shared by every language, for themes that load it and not the bundle.
//
// The search page's markup contract (the theme writes it), and the search
// box that shows results as the visitor types, are described at the top of
// client/search.js.
package search
