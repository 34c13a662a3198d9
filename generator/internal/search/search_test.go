package search

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

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
	if _, err := ix.Update(docs); err != nil {
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
	st, err := ix.Update(docs)
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

// exported parses the shards back.
type exported struct {
	files map[string][]byte
}

func export(t *testing.T, ix *Index) exported {
	t.Helper()
	e := exported{files: map[string][]byte{}}
	if _, err := ix.Export(func(p string, data []byte) error { e.files[p] = data; return nil }); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e exported) data(t *testing.T, p string, v any) {
	t.Helper()
	b := e.files[p]
	i := bytes.IndexByte(b, '{')
	j := bytes.IndexByte(b, '[')
	if i < 0 || (j >= 0 && j < i) {
		i = j
	}
	if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimSpace(b[i:]), []byte(");")), v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

func TestExportRoundTripAndFacets(t *testing.T) {
	ix := index(t, "en", docsEN())
	e := export(t, ix)
	var meta struct {
		N      int      `json:"n"`
		Shards []string `json:"shards"`
		Combos [][]any  `json:"combos"`
	}
	e.data(t, "_search/en/index.js", &meta)
	if meta.N != 4 || len(meta.Combos) != 4 {
		t.Errorf("meta %+v", meta)
	}
	// every term of every field in bleve is reachable from the shards, with postings for every doc that has it
	words := map[string][]string{}
	postings := map[string][]int{}
	for _, sh := range meta.Shards {
		var s struct {
			W map[string][]string `json:"w"`
			P map[string][]int    `json:"p"`
		}
		e.data(t, "_search/en/t-"+sh+".js", &s)
		for k, v := range s.W {
			words[k] = v
		}
		for k, v := range s.P {
			postings[k] = v
		}
	}
	adv, _ := ix.idx.Advanced()
	r, _ := adv.Reader()
	defer r.Close()
	terms := 0
	for _, f := range fieldWeights {
		dict, _ := r.FieldDict(f.name)
		for {
			de, _ := dict.Next()
			if de == nil {
				break
			}
			terms++
			if _, ok := postings[de.Term]; !ok {
				t.Errorf("term %q of %s has no postings in the export", de.Term, f.name)
			}
			if ts := words[Fold("en", de.Term)]; !contains(ts, de.Term) {
				t.Errorf("term %q is not reachable from any word", de.Term)
			}
		}
		dict.Close()
	}
	if terms < 20 {
		t.Fatalf("only %d terms", terms)
	}
	// surface forms map to stems, accents folded
	if ts := words["tutoring"]; !contains(ts, "tutor") {
		t.Errorf("tutoring -> %v", ts)
	}
	if _, ok := words["cafe"]; !ok {
		t.Errorf("accent not folded: %v", keys(words))
	}
	// document rows: every document is in a chunk
	var rows [][]string
	e.data(t, "_search/en/d-0.js", &rows)
	if len(rows) != 4 || rows[0][2] != "module" {
		t.Errorf("rows %v", rows)
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
	ix.Update(extra)
	ix.Close()
	ix, err = Open(dir, "en")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(docsEN()); err != nil {
		t.Fatal(err)
	}
	updated := export(t, ix)
	if len(fresh.files) != len(updated.files) {
		t.Fatalf("%d files vs %d", len(fresh.files), len(updated.files))
	}
	for p, b := range fresh.files {
		if !bytes.Equal(b, updated.files[p]) {
			t.Errorf("%s differs between a fresh and an updated index", p)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[[2]string]string{
		{"it", "Perché"}: "perche", {"de", "Größe"}: "grosse", {"de", "Übung"}: "ubung",
		{"is", "Þjálfun"}: "þjálfun", {"bg", "Бизнес"}: "бизнес", {"fr", "Élève"}: "eleve",
	}
	for in, want := range cases {
		if got := Fold(in[0], in[1]); got != want {
			t.Errorf("Fold(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestClientIsSmall(t *testing.T) {
	if n := len(ClientJS()); n > 20000 || !strings.Contains(string(ClientJS()), "oersiteSearch") {
		t.Errorf("client is %d bytes", n)
	}
}
