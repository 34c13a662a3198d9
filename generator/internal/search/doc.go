// Package search indexes a site's pages with bleve, one index per language
// with that language's analyser, answers queries from the terminal, and
// exports a static index for the browser: sharded JavaScript files, loaded
// with classic <script> tags so that search also works when the site is
// opened from disk (file://), where fetch and modules are refused.
//
// The export decides at build time everything the browser needs: every word
// form found in the pages is mapped to its analysed (stemmed) term, and each
// term carries its precomputed BM25 score per page, so the browser only
// looks words up and adds numbers.
//
// Files under _search/<lang>/ in the output:
//
//	index.js     document count, shard names, facet combinations, labels
//	t-<hex>.js   words whose folded form starts with the two letters <hex>
//	             encodes (as UTF-8 hex): word -> terms, term -> postings
//	d-<n>.js     display data of documents n*chunk .. (n+1)*chunk-1
//
// and _search/search.js, the client. Each file calls
// window.oersiteSearch.add(lang, name, data).
//
// The search page's markup contract (the theme writes it):
//
//	<div id="oersite-search" data-lang="it" data-root="../../"
//	     data-labels='{"results":"{count} risultati","noResults":"...","loading":"...",
//	                   "kind":{"module":"Modulo",...},"audience":{...},"level":{...},"digcomp":{...}}'>
//	  <form role="search"> <input type="search" name="q"> ... </form>
//	  <fieldset data-facet="kind"><input type="checkbox" name="kind" value="module">...</fieldset>
//	  (likewise audience, level, digcomp)
//	  <p data-status aria-live="polite"></p>
//	  <ol data-results></ol>
//	</div>
package search
