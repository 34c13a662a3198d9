package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// static reads an exported index back the way the browser client does, so
// that tests can check what a query finds without a browser.
type static struct {
	t     testing.TB
	lang  string
	files map[string][]byte // by name: "index", "t-0", ...
	meta  struct {
		N      int     `json:"n"`
		Keys   string  `json:"keys"`
		Stop   string  `json:"stop"`
		Combos [][]any `json:"combos"`
		Step   float64 `json:"step"`
		Rows   int     `json:"rows"`
		Chunk  int     `json:"chunk"`
	}
	keys []string
}

// decodedShard is a t-<n>.js file.
type decodedShard struct {
	W map[string]json.RawMessage `json:"w"`
	P map[string]string          `json:"p"`
	D map[string][]string        `json:"d"`
}

func exportStatic(t testing.TB, ix *Index) *static {
	t.Helper()
	s := &static{t: t, lang: ix.lang, files: map[string][]byte{}}
	prefix := "_search/" + ix.lang + "/"
	if _, err := ix.Export(context.Background(), func(p string, data []byte) error {
		if !strings.HasPrefix(p, prefix) || !strings.HasSuffix(p, ".js") {
			t.Errorf("export wrote %s outside %s", p, prefix)
		}
		s.files[strings.TrimSuffix(strings.TrimPrefix(p, prefix), ".js")] = data
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.data("index", &s.meta)
	s.keys = append([]string{""}, strings.Fields(s.meta.Keys)...)
	return s
}

// data parses a file's data: oersiteSearch.add("lang","name",DATA);
func (s *static) data(name string, v any) {
	s.t.Helper()
	b, ok := s.files[name]
	if !ok {
		s.t.Fatalf("no file %s", name)
	}
	head := []byte("oersiteSearch.add(" + strconv.Quote(s.lang) + "," + strconv.Quote(name) + ",")
	if !bytes.HasPrefix(b, head) || !bytes.HasSuffix(b, []byte(");\n")) {
		s.t.Fatalf("%s is not a classic script handing its data to oersiteSearch.add: %.60s", name, b)
	}
	if err := json.Unmarshal(b[len(head):len(b)-3], v); err != nil {
		s.t.Fatalf("%s: %v", name, err)
	}
}

func (s *static) shard(key string) decodedShard {
	i := sort.Search(len(s.keys), func(i int) bool { return s.keys[i] > key }) - 1
	var sh decodedShard
	s.data("t-"+strconv.Itoa(i), &sh)
	return sh
}

// termsOf returns the terms a query word looks up; nil for a stop word.
func (s *static) termsOf(word string) []string {
	k := Fold(s.lang, word)
	if slices.Contains(strings.Fields(s.meta.Stop), k) {
		return nil
	}
	raw, ok := s.shard(k).W[k]
	if !ok {
		return []string{k}
	}
	var n int
	if json.Unmarshal(raw, &n) == nil {
		u := []rune(k) // test words are in the Basic Multilingual Plane: one rune, one JavaScript character
		return []string{string(u[:len(u)-n])}
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(raw, &many)
	return many
}

// level is a document's quantised score for a term.
type levelled struct{ doc, level int }

// readBands decodes a posting stream.
func readBands(nums []int) []levelled {
	var out []levelled
	lvl := -1
	for i := 0; i < len(nums); {
		if lvl < 0 {
			lvl = nums[i]
		} else {
			lvl -= nums[i]
		}
		count := nums[i+1]
		i += 2
		doc := 0
		for k := 0; k < count; k++ {
			doc += nums[i+k]
			out = append(out, levelled{doc, lvl})
		}
		i += count
	}
	return out
}

// postings returns all of a term's postings (head and tail) and its document frequency.
func (s *static) postings(term string) ([]levelled, int) {
	p, ok := s.shard(term).P[term]
	if !ok {
		return nil, 0
	}
	nums := decodeVarints(p)
	df, tail, chunks := nums[0], nums[2], nums[3]
	out := readBands(nums[4:])
	for c := 0; c < chunks; c++ {
		var m map[string]string
		s.data("p-"+strconv.Itoa(tail-1+c), &m)
		out = append(out, readBands(decodeVarints(m[term]))...)
	}
	return out, df
}

// ranked is a document and its score for a query.
type ranked struct {
	doc   int
	score float64
}

// query ranks documents for a query as the client does with complete
// posting lists: every term required, else any term with bleve's coordination factor.
func (s *static) query(q string) []ranked {
	var groups [][]levelled
	seen := map[string]bool{}
	for _, w := range words(q) {
		for _, t := range s.termsOf(strings.ToLower(w)) {
			if !seen[t] {
				seen[t] = true
				ps, _ := s.postings(t)
				groups = append(groups, ps)
			}
		}
	}
	sum := map[int]float64{}
	hits := map[int]int{}
	for _, g := range groups {
		for _, p := range g {
			sum[p.doc] += math.Pow(s.meta.Step, float64(p.level))
			hits[p.doc]++
		}
	}
	var all, every []ranked
	for d, sc := range sum {
		all = append(all, ranked{d, sc * float64(hits[d]) / float64(len(groups))})
		if hits[d] == len(groups) {
			every = append(every, ranked{d, sc})
		}
	}
	if len(every) == 0 {
		every = all
	}
	slices.SortFunc(every, func(a, b ranked) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc)) })
	return every
}

// url is a document's address, from its d-<n>.js row.
func (s *static) url(doc int) string {
	var rows [][]string
	s.data("d-"+strconv.Itoa(doc/s.meta.Chunk), &rows)
	return rows[doc%s.meta.Chunk][0]
}

// TestEveryHeadNamesItsExcerptFile: the shards are cut beside the excerpt
// files and each head names its term's excerpt file; every head's file
// holds that term's excerpts.
func TestEveryHeadNamesItsExcerptFile(t *testing.T) {
	s := exportStatic(t, index(t, "en", bigDocs(600)))
	heads, files := 0, 0
	for i := range s.keys {
		var sh decodedShard
		s.data("t-"+strconv.Itoa(i), &sh)
		for term, head := range sh.P {
			heads++
			x := decodeVarints(head)[1]
			if x == 0 {
				t.Errorf("the head of %q names no excerpt file", term)
				continue
			}
			var ex map[string]json.RawMessage
			s.data("x-"+strconv.Itoa(x-1), &ex)
			if _, ok := ex[term]; !ok {
				t.Errorf("the head of %q names x-%d, which does not hold it", term, x-1)
			}
			files = max(files, x)
		}
	}
	if files < 3 {
		t.Fatalf("%d heads name %d excerpt files: the test needs more", heads, files)
	}
}
