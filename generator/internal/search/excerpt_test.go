package search

import (
	"fmt"
	"strings"
	"testing"
)

// TestPassageCutsAroundTheMatch pins the passage under a result: about
// passageWords words, passageBefore of them before the match (more when the
// text ends soon after it), an ellipsis where the text is cut, white space
// made single spaces, and punctuation that ends a cut word kept.
func TestPassageCutsAroundTheMatch(t *testing.T) {
	var ws []string
	for i := 1; i <= 30; i++ {
		ws = append(ws, fmt.Sprintf("w%d", i))
	}
	long := strings.Join(ws, " ")
	place := func(text string, n int) span { // the place of word n (1-based)
		var out []span
		eachWord(text, func(s, e int) { out = append(out, span{s, e}) })
		return out[n-1]
	}
	words := func(from, to int) string { return strings.Join(ws[from-1:to], " ") }
	cases := []struct {
		name, text string
		match      int // the matched word (1-based), 0 for none
		want       string
	}{
		{"first word", long, 1, words(1, 14) + "…"},
		{"no match", long, 0, words(1, 14) + "…"},
		{"middle", long, 10, "…" + words(5, 18) + "…"},
		{"near the end", long, 28, "…" + words(17, 30)},
		{"many words before", long, 20, "…" + words(15, 28) + "…"},
		{"short text", "Hello  world,\n\tagain\u00a0 now.", 2, "Hello world, again now."},
		{"punctuation after the cut", strings.Replace(long, "w14 ", "w14; ", 1), 1, words(1, 13) + " w14;…"},
		{"bracket after the cut", strings.Replace(long, "w14 ", "w14( ", 1), 1, words(1, 14) + "…"},
		{"bytes that are not UTF-8", "a\xffb  c", 1, "a\xffb c"},
		{"no words", " \n ", 0, ""},
	}
	for _, c := range cases {
		var sp span
		if c.match > 0 {
			sp = place(c.text, c.match)
		}
		if got := passage(c.text, sp, c.match > 0); got != c.want {
			t.Errorf("%s: passage = %q, want %q", c.name, got, c.want)
		}
	}
}
