package search

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sectionedDoc is a document whose body is its sections' texts one after
// the other, each starting with its heading, as a build makes them.
func sectionedDoc(intro string, headings, texts []string) Doc {
	d := Doc{URL: "en/modules/m/", Kind: "module", Title: "Title"}
	if intro != "" {
		d.Sections = append(d.Sections, Section{Text: intro})
	}
	for i, h := range headings {
		d.Sections = append(d.Sections, Section{Anchor: fmt.Sprintf("s%d", i), Heading: h, Text: h + texts[i]})
	}
	for _, s := range d.Sections {
		d.Body += s.Text
	}
	return d
}

// checkExcerptWords reads d as an analysis pass does and checks what the
// recorded words give against the text cut again: the body's term counts
// and length are those of the body read whole, and every term's excerpt is
// the same both ways. It returns whether words were recorded.
func checkExcerptWords(t *testing.T, d Doc) bool {
	t.Helper()
	ix, err := ExportOnly("en")
	if err != nil {
		t.Fatal(err)
	}
	p := ix.words.newPass([]Doc{d}, ix.newHash)
	got := p.newReader().read(d)
	whole := d
	whole.Sections = nil // one piece: the body read whole
	want := p.newReader().read(whole)
	if g, w := got.fields[bodyField], want.fields[bodyField]; !reflect.DeepEqual(g, w) {
		t.Fatalf("body read in pieces: %+v; whole: %+v", g, w)
	}
	var terms []string
	for _, wa := range got.met {
		for _, f := range wa.folded {
			if !slices.Contains(terms, f) {
				terms = append(terms, f)
			}
		}
	}
	terms = append(terms, "absent")
	slices.Sort(terms)
	l := newLooker(ix.forms)
	l.slot = make([]int32, len(ix.words.folds))
	withWords := l.docExcerpts(d, got.words, terms)
	cutAgain := l.docExcerpts(d, nil, terms)
	if !reflect.DeepEqual(withWords, cutAgain) {
		t.Fatalf("excerpts from the recorded words\n%+v\nfrom the text\n%+v", withWords, cutAgain)
	}
	return got.words != nil
}

// TestExcerptWordsMatchTheText: excerpts made from the words the analysis
// recorded are those made by cutting the text again, and a body whose cuts
// would split a word is read whole and records nothing.
func TestExcerptWordsMatchTheText(t *testing.T) {
	cases := []struct {
		name    string
		doc     Doc
		records bool
	}{
		{"no sections", Doc{URL: "en/a/", Body: "Open the settings and choose who sees your posts."}, true},
		{"sections", sectionedDoc("Posts are public by default. ",
			[]string{"Privacy\n", "Sharing settings\n\n"},
			[]string{"Choose who sees your posts: friends, or only you.\n", "Share a post with one group of friends; settings remember it.\n"}), true},
		{"a heading that runs into its text", sectionedDoc("", []string{"Intro"}, []string{"duction to privacy settings."}), false},
		{"a cut between letters outside ASCII", sectionedDoc("Café", []string{"é"}, []string{" menu"}), false},
		{"no intro, accents", sectionedDoc("", []string{"Réglages\n"}, []string{"Choisissez qui voit vos publications. Réglages privés."}), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := checkExcerptWords(t, c.doc); got != c.records {
				t.Errorf("words recorded: %v, want %v", got, c.records)
			}
		})
	}
}

// FuzzExcerptWords checks checkExcerptWords' rules on any sections.
func FuzzExcerptWords(f *testing.F) {
	f.Add("Posts are public. ", "Privacy\n", "Choose who sees posts, friends or you.\n", "Settings", " remember privacy; posts stay.")
	f.Add("", "Intro", "duction to settings", "é", "té")
	f.Fuzz(func(t *testing.T, intro, h1, t1, h2, t2 string) {
		for _, s := range []string{intro, h1, t1, h2, t2} {
			if strings.ContainsRune(s, 0) {
				return
			}
		}
		checkExcerptWords(t, sectionedDoc(intro, []string{h1, h2}, []string{t1, t2}))
	})
}

// TestExcerptsAreTheSameWithoutRecordedWords: a whole export is the same
// when no document's words were recorded (every excerpt cut from the text).
func TestExcerptsAreTheSameWithoutRecordedWords(t *testing.T) {
	docs := docsEN()
	docs = append(docs, sectionedDoc("Posts are public by default. ", []string{"Privacy\n", "Tutors\n"},
		[]string{"Choose who sees your posts.\n", "A tutor shows privacy settings step by step.\n"}))
	ix := index(t, "en", docs)
	with := export(t, ix)
	if _, err := ix.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	clear(ix.corpus.words)
	sameFiles(t, "excerpts from recorded words and from the text", with, export(t, ix))
}
