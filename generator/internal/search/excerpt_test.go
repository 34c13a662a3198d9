package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"
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
		at := -1
		if c.match > 0 {
			at = place(c.text, c.match).start
		}
		if got := passage(c.text, at); got != c.want {
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

// FuzzAppendString checks the index's string encoding against its
// definition, one character at a time: a JSON string with quote,
// backslash, control characters, U+2028 and U+2029 escaped and every other
// byte as it is.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", `plain "quoted" \ back`, "tab\tline\nfeed\x01", "sep\u2028para\u2029end", "\xe2\x80 \xe2\x80\xa8\xff é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		want.WriteByte('"')
		for i, r := range s {
			switch {
			case r == '"', r == '\\':
				want.WriteString(`\` + string(r))
			case r == '\n':
				want.WriteString(`\n`)
			case r < 0x20, r == 0x2028, r == 0x2029:
				fmt.Fprintf(&want, `\u%04x`, r)
			case r == utf8.RuneError:
				_, size := utf8.DecodeRuneInString(s[i:])
				want.WriteString(s[i : i+size])
			default:
				want.WriteRune(r)
			}
		}
		want.WriteByte('"')
		if got := string(appendString(nil, s)); got != want.String() {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want.String())
		}
	})
}

// TestLogScoreStepIsTheLogarithm keeps the constant level divides by the
// logarithm of the score step, to the last bit.
func TestLogScoreStepIsTheLogarithm(t *testing.T) {
	if got := math.Log(scoreStep); got != logScoreStep {
		t.Errorf("math.Log(%v) = %v, logScoreStep is %v", scoreStep, got, float64(logScoreStep))
	}
}

// FuzzPassage checks passage against its definition over every word of
// the text: passageWords words, passageBefore of them before the match
// unless the text ends sooner after it, the text's start when no word is
// left out before, its end when none is left out after.
func FuzzPassage(f *testing.F) {
	f.Add("Open the settings, then choose Privacy. Your posts are public by default; change that first.", 6, true)
	f.Add("one two", 1, true)
	f.Add("  lead, words… and punctuation (here) ¿qué? end.", 3, false)
	f.Fuzz(func(t *testing.T, text string, n int, matched bool) {
		all := referenceWords(text)
		at, sp := 0, span{}
		if matched {
			if len(all) == 0 {
				return
			}
			at = (n%len(all) + len(all)) % len(all)
			sp = all[at]
		}
		want := ""
		if len(all) > 0 {
			from := max(0, at-passageBefore)
			to := min(len(all), from+passageWords)
			from = max(0, min(from, to-passageWords))
			start, end, more := all[from].start, len(text), to < len(all)
			if from == 0 {
				start = 0
			}
			if more {
				end = all[to-1].end
				if r, size := utf8.DecodeRuneInString(text[end:]); size > 0 && unicode.IsPunct(r) && r != '(' {
					end += size
				}
			}
			want = oneSpaced(text[start:end], from > 0, more)
		}
		start := -1
		if matched {
			start = sp.start
		}
		if got := passage(text, start); got != want {
			t.Fatalf("passage(%q, %d) = %q, want %q", text, start, got, want)
		}
	})
}

// TestAnalysesHoldNoPageText: the words an analysis pass remembers must
// not point into the pages' text, which would keep every page read in
// memory for the life of the index (a lower-cased word is the page's own
// bytes when it was lower case already).
func TestAnalysesHoldNoPageText(t *testing.T) {
	body := strings.Repeat("plain words stay here while Capital Words move ", 50)
	ix, err := ExportOnly("en")
	if err != nil {
		t.Fatal(err)
	}
	docs := []Doc{{URL: "a/", Lang: "en", Kind: "page", Title: "A", Body: body}}
	if _, err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(body)))
	inBody := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= lo && p < lo+uintptr(len(body))
	}
	for w, wa := range ix.words.words {
		if inBody(w) || inBody(wa.key) || slices.ContainsFunc(wa.folded, inBody) || slices.ContainsFunc(wa.tokens, func(tk token) bool { return inBody(tk.term) }) {
			t.Errorf("the analysis of %q holds the page's text", w)
		}
	}
}
