package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// bleveTermSearch finds every document with term in field.
func bleveTermSearch(term, field string) *bleve.SearchRequest {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return bleve.NewSearchRequestOptions(q, 1000, 0, false)
}

func docsEN() []Doc {
	return []Doc{
		{URL: "en/modules/tutoring/", Lang: "en", Kind: "module", Title: "Tutoring an adult learner", Summary: "How tutors help older workers.",
			Body: "A tutor listens first. Tutoring is patient work.", Audience: []string{"young-tutors"}, Level: "beginner", Competences: []string{"2.1"}},
		{URL: "en/modules/posts/", Lang: "en", Kind: "module", Title: "Writing posts people read", Summary: "Short posts for a small business.",
			Body: "Your bakery can post a picture every morning. A tutor may help.", Audience: []string{"sme-workers"}, Level: "beginner", Competences: []string{"3.1"}},
		{URL: "en/resources/calendar/", Lang: "en", Kind: "resource", Title: "Content calendar template", Summary: "Plan a week of posts.",
			Body: "Write the days, the platform and the topic.", Audience: []string{"sme-workers"}, Level: "intermediate"},
		{URL: "en/about/", Lang: "en", Kind: "page", Title: "About the programme", Body: "Café owners and résumé writing."},
	}
}

func index(t *testing.T, lang string, docs []Doc) *Index {
	t.Helper()
	ix, err := OpenMemory(lang)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return ix
}

func top(t *testing.T, ix *Index, q string) string {
	t.Helper()
	hits, err := ix.Search(q, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		return ""
	}
	return hits[0].URL
}

func TestStemmingPerLanguage(t *testing.T) {
	en := index(t, "en", docsEN())
	if got := top(t, en, "tutors"); got != "en/modules/tutoring/" {
		t.Errorf("en tutors -> %q", got)
	}
	it := index(t, "it", []Doc{
		{URL: "it/a/", Kind: "page", Title: "Una piccola impresa", Body: "La nostra impresa vende pane."},
		{URL: "it/b/", Kind: "page", Title: "Altro", Body: "Niente da vedere."},
	})
	if got := top(t, it, "imprese"); got != "it/a/" {
		t.Errorf("it imprese -> %q", got)
	}
	de := index(t, "de", []Doc{{URL: "de/a/", Kind: "page", Title: "Bewertungen beantworten", Body: "Eine Bewertung freundlich beantworten."}})
	if got := top(t, de, "bewertung"); got != "de/a/" {
		t.Errorf("de bewertung -> %q", got)
	}
	es := index(t, "es", []Doc{{URL: "es/a/", Kind: "page", Title: "Publicaciones", Body: "Escribir publicaciones para clientes."}})
	if got := top(t, es, "publicación"); got != "es/a/" {
		t.Errorf("es publicación -> %q", got)
	}
	is := index(t, "is", []Doc{{URL: "is/a/", Kind: "page", Title: "Þjálfun fyrir fyrirtæki", Body: "Við kennum á samfélagsmiðla."}})
	if got := top(t, is, "þjálfun"); got != "is/a/" {
		t.Errorf("is þjálfun -> %q", got)
	}
}

func TestTitleMatchOutranksBodyMatch(t *testing.T) {
	ix := index(t, "en", docsEN())
	hits, _ := ix.Search("tutor", 5)
	if len(hits) < 2 || hits[0].URL != "en/modules/tutoring/" {
		t.Fatalf("hits %+v", hits)
	}
	if hits[0].Score <= hits[1].Score {
		t.Errorf("title match %v not above body match %v", hits[0].Score, hits[1].Score)
	}
}

func TestUpdateIsIncremental(t *testing.T) {
	ix := index(t, "en", docsEN())
	docs := docsEN()
	docs[1].Body = "Now about spreadsheets."
	docs = docs[:3]
	st, err := ix.Update(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if st.Changed != 1 || st.Removed != 1 || st.Unchanged != 2 || st.Added != 0 {
		t.Errorf("stats %+v", st)
	}
	if got := top(t, ix, "spreadsheets"); got != "en/modules/posts/" {
		t.Errorf("changed doc not re-indexed: %q", got)
	}
	if got := top(t, ix, "programme"); got != "" {
		t.Errorf("removed doc still found: %q", got)
	}
}

// exported holds the files of an export by path.
type exported struct {
	files map[string][]byte
}

func export(t *testing.T, ix *Index) exported {
	t.Helper()
	e := exported{files: map[string][]byte{}}
	if _, err := ix.Export(context.Background(), func(p string, data []byte) error { e.files[p] = data; return nil }); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestExportRoundTripAndFacets(t *testing.T) {
	ix := index(t, "en", docsEN())
	s := exportStatic(t, ix)
	if s.meta.N != 4 || len(s.meta.Combos) != 4 {
		t.Errorf("meta %+v", s.meta)
	}
	// every term of every field in bleve is reachable from its folded spelling, with every document that has it
	adv, _ := ix.idx.Advanced()
	r, _ := adv.Reader()
	defer r.Close()
	docsOf := map[string]map[string]bool{}
	for _, f := range fieldWeights {
		dict, _ := r.FieldDict(f.name)
		for {
			de, _ := dict.Next()
			if de == nil {
				break
			}
			m := docsOf[Fold("en", de.Term)]
			if m == nil {
				m = map[string]bool{}
				docsOf[Fold("en", de.Term)] = m
			}
			hits, _ := ix.idx.Search(bleveTermSearch(de.Term, f.name))
			for _, h := range hits.Hits {
				m[h.ID] = true
			}
		}
		dict.Close()
	}
	if len(docsOf) < 20 {
		t.Fatalf("only %d terms", len(docsOf))
	}
	for term, want := range docsOf {
		ps, df := s.postings(term)
		got := map[string]bool{}
		for _, p := range ps {
			got[s.url(p.doc)] = true
		}
		if df != len(want) || len(got) != len(want) {
			t.Errorf("term %q: df %d, postings %v, want %v", term, df, got, want)
		}
	}
	// surface forms map to stems, accents folded
	if ts := s.termsOf("tutoring"); !slices.Contains(ts, "tutor") {
		t.Errorf("tutoring -> %v", ts)
	}
	if ps, _ := s.postings(s.termsOf("Café")[0]); len(ps) != 1 {
		t.Errorf("café (folded) finds %v", ps)
	}
	if !slices.Contains(strings.Fields(s.meta.Stop), "the") {
		t.Errorf("stop words %q lack 'the'", s.meta.Stop)
	}
	// every document has a row; modules come first
	var rows [][]string
	s.data("d-0", &rows)
	if len(rows) != 4 || rows[0][2] != "0" || s.meta.Combos[0][0] != "module" {
		t.Errorf("rows %v, combinations %v", rows, s.meta.Combos)
	}
	// facets: one combination per document
	var f struct{ C string }
	s.data("f", &f)
	if got := decodeVarints(f.C); len(got) != 4 {
		t.Errorf("facets %v", got)
	}
}

func TestExportDeterministicFreshOrUpdated(t *testing.T) {
	fresh := export(t, index(t, "en", docsEN()))
	dir := filepath.Join(t.TempDir(), "en.bleve")
	ix, err := Open(dir, "en")
	if err != nil {
		t.Fatal(err)
	}
	extra := append(docsEN(), Doc{URL: "en/x/", Kind: "page", Title: "Temporary page about tutors"})
	ix.Update(context.Background(), extra)
	ix.Close()
	ix, err = Open(dir, "en")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(context.Background(), docsEN()); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "a fresh and an updated index", fresh, export(t, ix))
	// An index that keeps no bleve index exports the same bytes, updated too,
	// and counts what changed as one that does.
	only, err := ExportOnly("en")
	if err != nil {
		t.Fatal(err)
	}
	only.Update(context.Background(), extra)
	st, err := only.Update(context.Background(), docsEN())
	if err != nil {
		t.Fatal(err)
	}
	if want := (UpdateStats{Removed: 1, Unchanged: len(docsEN())}); st != want {
		t.Errorf("export-only stats %+v, want %+v", st, want)
	}
	sameFiles(t, "a bleve index and an export-only one", fresh, export(t, only))
	if _, err := only.Search("tutors", 5); err == nil {
		t.Error("an export-only index answered a search")
	}
}

func sameFiles(t *testing.T, what string, a, b exported) {
	t.Helper()
	if len(a.files) != len(b.files) {
		t.Fatalf("%s: %d files vs %d", what, len(a.files), len(b.files))
	}
	for p, data := range a.files {
		if !bytes.Equal(data, b.files[p]) {
			t.Errorf("%s differs between %s", p, what)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[[2]string]string{
		{"it", "Perché"}: "perche", {"de", "Größe"}: "grosse", {"de", "Übung"}: "ubung",
		{"is", "Þjálfun"}: "thjalfun", {"is", "fyrirtæki"}: "fyrirtaeki", {"is", "Ráðgjöf"}: "radgjof", {"bg", "Майка"}: "майка", {"bg", "Бизнес"}: "бизнес", {"fr", "Élève"}: "eleve",
	}
	for in, want := range cases {
		if got := Fold(in[0], in[1]); got != want {
			t.Errorf("Fold(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

// TestClientIsSmall keeps the browser client within what a first query can
// afford: it is loaded before anything else.
func TestClientIsSmall(t *testing.T) {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(ClientJS())
	w.Close()
	if n := b.Len(); n > 8500 || !strings.Contains(string(ClientJS()), "oersiteSearch") {
		t.Errorf("client is %d bytes gzipped", n)
	}
}

// TestAppendStringIsJSON: the export's string encoder gives what a JSON
// parser reads back, and never a raw line separator (which older
// JavaScript engines refuse inside string literals).
func TestAppendStringIsJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \\ backslash`, "tab\tnew\nline\x01", "perché þjálfun 日本", "sep\u2028par\u2029"} {
		b := appendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("%q: encoded %s, read back %q (%v)", s, b, got, err)
		}
		if bytes.ContainsRune(b, '\u2028') || bytes.ContainsRune(b, '\u2029') {
			t.Errorf("%q: raw line separator in %s", s, b)
		}
	}
}

// TestAppendMarshalledIsMarshal: the shard members' encoder writes what
// encoding/json's Marshal wrote before it, byte for byte, escapes included.
func TestAppendMarshalledIsMarshal(t *testing.T) {
	strs := []string{"", "plain", "encod", "AbC-_09", `quote " and \\ backslash`, "tab\tnew\nline\x01", "perché þjálfun 日本",
		"sep\u2028par\u2029", "a<b>c&d", "bad \xff utf-8", "del \x7f", "é"}
	values := []any{0, 7, 1234567, -3, []string(nil), []string{}, []string{"a", "b"}, []string{"ok", "a<b"}, []string{"x\xffy"}}
	for _, s := range strs {
		values = append(values, s, []string{s, "plain"})
	}
	for _, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendMarshalled([]byte("k:"), v); string(got) != "k:"+string(want) {
			t.Errorf("%#v: wrote %s, Marshal %s", v, got, want)
		}
	}
}

// bigDocs makes n documents from a large vocabulary of made-up words, with
// a common word in every document and a rare one in each: enough terms to
// split the index into many files, and long posting lists with tails.
func bigDocs(n int) []Doc {
	syl := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bu", "da", "fe", "gi", "ho", "ju"}
	word := func(i int) string {
		w := ""
		for i++; i > 0; i /= len(syl) {
			w += syl[i%len(syl)]
		}
		return w
	}
	var docs []Doc
	for d := 0; d < n; d++ {
		var body []string
		for k := 0; k < 120; k++ {
			body = append(body, word((d*131+k*k*17)%4000+20))
		}
		body = append(body, "common", word(10000+d))
		docs = append(docs, Doc{URL: "en/p/" + word(d) + "/", Kind: "page", Title: "Page " + word(d), Body: strings.Join(body, " ") + ".",
			Sections: []Section{{Text: strings.Join(body[:60], " ")}, {Anchor: "more", Heading: "More", Text: "More\n" + strings.Join(body[60:], " ")}}})
	}
	return docs
}

// TestExportPhasesBoundEveryFile runs the export's phases on a site large
// enough to split: every file but the manifest stays under TargetBytes
// gzipped (at the default level, as hosts serve it), a common word's
// postings are complete across its head and tail files, and each document
// is found first by its own rare word.
func TestExportPhasesBoundEveryFile(t *testing.T) {
	docs := bigDocs(3200)
	ix := index(t, "en", docs)
	s := exportStatic(t, ix)
	kinds := map[byte]int{}
	for name, data := range s.files {
		kinds[name[0]]++
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
		if name != "index" && name != "search" && b.Len() > TargetBytes {
			t.Errorf("%s is %d bytes gzipped, over %d", name, b.Len(), TargetBytes)
		}
	}
	if kinds['t'] < 10 || kinds['x'] < 10 || kinds['p'] < 1 || kinds['d'] != (len(docs)+DocChunk-1)/DocChunk {
		t.Errorf("files by kind %v", kinds)
	}
	ps, df := s.postings("common")
	seen := map[int]bool{}
	for _, p := range ps {
		seen[p.doc] = true
	}
	if df != len(docs) || len(seen) != len(docs) {
		t.Errorf("common word: df %d, %d distinct documents in head and tails", df, len(seen))
	}
	for _, d := range []int{0, 1777, 3199} {
		got := s.query(docs[d].Title[len("Page "):] + " " + strings.Fields(docs[d].Body)[121])
		if len(got) == 0 || s.url(got[0].doc) != docs[d].URL {
			t.Errorf("document %d is not found first by its words", d)
		}
	}
}

// TestWordsAsTheBrowserCutsThem: pages are cut into words by the rule the
// client cuts queries by (runs of \p{L}, \p{N}, \p{Mn}), so that what a
// visitor types meets what was indexed: a dotted name or an elided article
// is several words, a superscript number stays in its word.
func TestWordsAsTheBrowserCutsThem(t *testing.T) {
	got := strings.Join(words("x² os.path.join l'entreprise Þjálfun naïve 3,5 café\u0301 don't"), "|")
	if want := "x²|os|path|join|l|entreprise|Þjálfun|naïve|3|5|café\u0301|don|t"; got != want {
		t.Errorf("words %q, want %q", got, want)
	}
}

// familyDocs makes n documents from families of made-up words: a stem,
// forms of it ("kalot", "kaloting", "kaloted") and, between them in
// alphabetical order, words of their own ("kalotak"), each in half the
// documents, so that their heads fill HeadBytes and a family is too large
// to keep in one shard.
func familyDocs(n int) []Doc {
	syl := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze"}
	var docs []Doc
	for d := 0; d < n; d++ {
		var body []string
		for f := 0; f < 30; f++ {
			if (d*7+f*13)%2 == 0 {
				continue
			}
			stem := syl[f%9] + syl[f/9] + "t"
			for k := 0; k <= (d+f)%4; k++ {
				body = append(body, stem, stem+"ab", stem+"ac", stem+"ad", stem+"ak", stem+"ov", stem+"ing", stem+"ed")
			}
			body = append(body, strings.Repeat(stem+"ak ", d%3))
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("en/f/%d/", d), Kind: "page", Title: fmt.Sprintf("Page %d", d), Body: strings.Join(body, " ") + "."})
	}
	return docs
}

// TestAWordsShardHoldsItsTermsHeads: the shard a query word is looked up
// in also holds the head of every term the word stands for, so that a word
// costs one file (before, a word and its stem parted by a shard boundary,
// "handling" and "handl", cost two).
func TestAWordsShardHoldsItsTermsHeads(t *testing.T) {
	s := exportStatic(t, index(t, "en", familyDocs(6000)))
	parted := 0
	for i := range s.keys {
		var sh decodedShard
		s.data("t-"+strconv.Itoa(i), &sh)
		for k := range sh.W {
			for _, term := range s.termsOf(k) {
				if _, indexed := s.shard(term).P[term]; !indexed {
					continue // a stop word
				}
				if _, ok := sh.P[term]; !ok {
					t.Errorf("t-%d holds the word %q but not the head of its term %q", i, k, term)
				}
				if term < s.keys[i] || i+1 < len(s.keys) && term >= s.keys[i+1] {
					parted++
				}
			}
		}
	}
	if parted == 0 {
		t.Fatalf("no word is parted from its term by a shard boundary (%d shards): the test shows nothing", len(s.keys))
	}
	t.Logf("%d shards; %d words whose term sorts into another shard", len(s.keys), parted)
}

// TestShardsStayUnderTheTargetWhenStemsChangeAWord: French stems drop a
// doubled letter ("accepter": "acept"), so a word and its stem can sort far
// apart; the shard of such words does not carry copies of all their stems'
// heads (one did, 21.8 KB gzipped at 100,000 pages), and every shard stays
// under the target.
func TestShardsStayUnderTheTargetWhenStemsChangeAWord(t *testing.T) {
	s := exportStatic(t, index(t, "fr", frDocs()))
	if ts := s.termsOf("acckakaer"); len(ts) != 1 || !strings.HasPrefix(ts[0], "ackaka") {
		t.Fatalf("acckakaer stands for %v, want a stem without the doubled c: the test shows nothing", ts)
	}
	for name, data := range s.files {
		if name[0] != 't' {
			continue
		}
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
		if b.Len() > TargetBytes {
			t.Errorf("%s is %d bytes gzipped, over %d", name, b.Len(), TargetBytes)
		}
	}
}

// frDocs makes French documents of made-up verbs whose stems drop their
// doubled letter ("acckakaer": "ackaka"), each in two thirds of 4,000
// documents, not the same ones: heads that fill HeadBytes.
func frDocs() []Doc {
	syl := []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze"}
	endings := []string{"er", "ez"}
	var docs []Doc
	for d := 0; d < 4000; d++ {
		var body []string
		for f := 0; f < 9; f++ {
			h := (d*7919 + f*104729 + d*d*31) % 101 // a family in most documents, each in others: heads that compress as real ones
			if h >= 67 {
				continue
			}
			for k := 0; k <= h%4; k++ {
				body = append(body, "acc"+syl[f%9]+syl[f/9]+endings[(d+k)%len(endings)])
			}
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("fr/f/%d/", d), Kind: "page", Title: fmt.Sprintf("Page %d", d), Body: strings.Join(body, " ") + "."})
	}
	return docs
}

// TestStoredHashIsUnchanged holds the hash bleve stores with each document
// to the value it had before hashes were written string by string: a change
// would make every on-disk index re-index all its pages once.
func TestStoredHashIsUnchanged(t *testing.T) {
	d := Doc{URL: "en/a/", Kind: "module", Title: "T", Summary: "S", Headings: []string{"H1", "H2"}, Body: "body text",
		Keywords: []string{"k"}, Level: "basic", Sections: []Section{{Anchor: "a", Heading: "H1", Text: "H1 x"}}}
	if got, want := d.hash(sha256.New()), "84984b8fee5961285f2344fc"; got != want {
		t.Errorf("stored hash %s, want %s", got, want)
	}
	only, err := ExportOnly("en")
	if err != nil {
		t.Fatal(err)
	}
	h := only.newHash()
	a := d.hash(h)
	if a != d.hash(h) {
		t.Error("an export-only index hashes one document two ways")
	}
	for _, change := range []func(*Doc){
		func(d *Doc) { d.Body += "!" },
		func(d *Doc) { d.Sections[0].Text = "H1 y" },
		func(d *Doc) { d.Title, d.Summary = "TS", "" }, // the separators count
	} {
		e := d
		e.Sections = slices.Clone(d.Sections)
		change(&e)
		if d.hash(h) == e.hash(h) || d.hash(sha256.New()) == e.hash(sha256.New()) {
			t.Errorf("a changed document hashes as before: %+v", e)
		}
	}
}
