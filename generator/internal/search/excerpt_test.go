package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
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

// FuzzOneSpaced checks oneSpaced against its definition: strings.Fields
// joined by spaces, between the ellipses asked for.
func FuzzOneSpaced(f *testing.F) {
	for _, s := range []string{"", " a  b\tc\n", "é\u00a0ü  x", "\xff bad \xfe\xfe utf8", "\u2003lead and trail\u3000", "one"} {
		f.Add(s, false, true)
	}
	f.Fuzz(func(t *testing.T, text string, cutStart, cutEnd bool) {
		want := strings.Join(strings.Fields(text), " ")
		if cutStart {
			want = "…" + want
		}
		if cutEnd {
			want += "…"
		}
		if got := oneSpaced(text, cutStart, cutEnd); got != want {
			t.Errorf("oneSpaced(%q, %v, %v) = %q, want %q", text, cutStart, cutEnd, got, want)
		}
	})
}

// FuzzEachWord checks the word rule against its definition, one character
// at a time (runs of letters, numbers and combining marks), forwards
// (eachWord) and backwards from any point (eachWordBefore).
func FuzzEachWord(f *testing.F) {
	for _, s := range []string{"", "Hello, wörld: naïve café 42x", "日本語のテキスト", "a\u0301b \xff\xc3 é\xe2\x82 z", "PyContextVar_Reset()"} {
		f.Add(s, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, text string, end int) {
		want := referenceWords(text)
		var got []span
		eachWord(text, func(s, e int) { got = append(got, span{s, e}) })
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("eachWord(%q) = %v, want %v", text, got, want)
		}
		if end < 0 || end > len(text) {
			end = len(text)
		}
		before := referenceWords(text[:end])
		slices.Reverse(before)
		got = nil
		eachWordBefore(text, end, func(s, e int) bool { got = append(got, span{s, e}); return true })
		if fmt.Sprint(got) != fmt.Sprint(before) {
			t.Fatalf("eachWordBefore(%q, %d) = %v, want %v", text, end, got, before)
		}
	})
}

// referenceWords cuts text into words the plainest way.
func referenceWords(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		in := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}
