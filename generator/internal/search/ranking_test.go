package search

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// exampleDocs reads the example site's pages of one language as search
// documents: the title from the front matter, the rest as the body.
func exampleDocs(t testing.TB, lang string) []Doc {
	t.Helper()
	root := filepath.Join("..", "..", "..", "content", lang)
	var docs []Doc
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc := Doc{URL: filepath.ToSlash(strings.TrimPrefix(p, root)), Lang: lang, Kind: "page"}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "title: "); ok && doc.Title == "" {
				doc.Title = strings.Trim(v, `"'`)
			} else if v, ok := strings.CutPrefix(line, "summary: "); ok && doc.Summary == "" {
				doc.Summary = strings.Trim(v, `"'`)
			} else {
				doc.Body += line + "\n"
			}
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil || len(docs) < 30 {
		t.Fatalf("example site pages of %s: %d, %v", lang, len(docs), err)
	}
	return docs
}

// rankingQueries picks one-, two- and three-word queries from the
// documents' bodies: plain ASCII words of five letters or more.
func rankingQueries(docs []Doc) []string {
	var qs []string
	for i, d := range docs {
		var ws []string
		for _, w := range words(d.Body) {
			if len(w) >= 5 && strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsDigit(r) }) < 0 {
				ws = append(ws, strings.ToLower(w))
			}
		}
		if len(ws) < 12 {
			continue
		}
		n := 1 + i%3
		q := []string{}
		for k := 0; k < n; k++ {
			q = append(q, ws[(k*7+i)%len(ws)])
		}
		qs = append(qs, strings.Join(q, " "))
	}
	return qs
}

// TestExportRankingMatchesBleve checks the exported index against bleve's
// own Search on the same queries: the same documents match, and whenever
// bleve scores one document clearly above another (by more than the
// export's quantisation can blur: a step of 4% per term), the exported index
// ranks it first too.
func TestExportRankingMatchesBleve(t *testing.T) {
	for _, lang := range []string{"en", "it", "de"} {
		t.Run(lang, func(t *testing.T) {
			docs := exampleDocs(t, lang)
			ix := index(t, lang, docs)
			s := exportStatic(t, ix)
			queries := rankingQueries(docs)
			if len(queries) < 20 {
				t.Fatalf("only %d queries", len(queries))
			}
			for _, q := range queries {
				compareRanking(t, ix, s, q)
			}
		})
	}
}

func compareRanking(t *testing.T, ix *Index, s *static, q string) {
	t.Helper()
	for _, w := range words(q) {
		if len(ix.analyze(w)) == 0 && s.termsOf(strings.ToLower(w)) != nil {
			// A stop word whose folded spelling is another word's ("andere"
			// is "ändere" without its accent): bleve drops it, the export
			// searches the other word, on purpose. Nothing to compare.
			return
		}
	}
	hits, err := ix.Search(q, 1000)
	if err != nil {
		t.Fatal(err)
	}
	got := s.query(q)
	if len(got) != len(hits) {
		t.Errorf("%q: bleve finds %d documents, the export %d", q, len(hits), len(got))
		return
	}
	pos := map[string]int{}
	for i, r := range got {
		pos[s.url(r.doc)] = i
	}
	terms := float64(max(1, len(ix.analyze(q))))
	tolerance := math.Pow(scoreStep, terms)
	for i, a := range hits[:min(10, len(hits))] {
		pa, ok := pos[a.URL]
		if !ok {
			t.Errorf("%q: bleve's hit %d %s is not found by the export", q, i+1, a.URL)
			continue
		}
		for _, b := range hits[i+1:] {
			if a.Score > b.Score*tolerance && pos[b.URL] < pa {
				t.Errorf("%q: bleve ranks %s (%.4f) above %s (%.4f); the export puts it at %d, below %d", q, a.URL, a.Score, b.URL, b.Score, pa+1, pos[b.URL]+1)
			}
		}
	}
	if len(hits) > 0 && slices.IndexFunc(got, func(r ranked) bool { return s.url(r.doc) == hits[0].URL }) > 2 {
		t.Errorf("%q: bleve's first hit is not in the export's first three", q)
	}
}
