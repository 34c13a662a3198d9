package diag

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/bincode"
)

func TestTranslatedFillsTheArgumentsInTheTranslationsOrder(t *testing.T) {
	d := Warnf("a.md", 3, "write it as YYYY-MM-DD", "page %q: date %s is %d days late (%v)", "Ab", "x", 7, errors.New("boom"))
	if want := `page "Ab": date x is 7 days late (boom)`; d.Message != want {
		t.Fatalf("English message %q, want %q", d.Message, want)
	}
	words := map[string]string{
		"page %q: date %s is %d days late (%v)": "%[3]d Tage zu spät: Datum %[2]s der Seite %[1]q (%[4]v), 100%%",
		"write it as YYYY-MM-DD":                "schreiben Sie es als YYYY-MM-DD",
	}
	got := d.Translated(func(s string) (string, bool) { v, ok := words[s]; return v, ok })
	if want := `7 Tage zu spät: Datum x der Seite "Ab" (boom), 100%`; got.Message != want {
		t.Errorf("translated message %q, want %q", got.Message, want)
	}
	if got.Hint != "schreiben Sie es als YYYY-MM-DD" {
		t.Errorf("translated hint %q", got.Hint)
	}
	if d.Message == got.Message || got.Kind != words[d.Kind] || got.File != "a.md" || got.Line != 3 {
		t.Errorf("the original changed or the place was lost: %+v / %+v", d, got)
	}
}

func TestTranslatedKeepsEnglishWithoutAWordOrArguments(t *testing.T) {
	none := func(string) (string, bool) { return "", false }
	d := Errorf("a.md", 1, "fix it", "bad %s", "x")
	if got := d.Translated(none); got.Message != "bad x" || got.Hint != "fix it" {
		t.Errorf("no translation: %+v", got)
	}
	// Written without Errorf (or read from an older cache): no arguments
	// kept, so the message cannot be filled and stays as it is.
	old := Diagnostic{Message: "bad x", Kind: "bad %s"}
	all := func(string) (string, bool) { return "schlecht %s", true }
	if got := old.Translated(all); got.Message != "bad x" {
		t.Errorf("no arguments kept: %q", got.Message)
	}
	// More arguments than verbs: the message fmt made is kept as it is.
	format := strings.Repeat("bad %s", 1) // not a constant, so that vet lets it be wrong
	odd := Errorf("", 0, "", format, "x", "y")
	if odd.Args != nil || odd.Translated(all).Message != odd.Message {
		t.Errorf("mismatched arguments: %+v", odd)
	}
}

func TestVerbsNumberTheArguments(t *testing.T) {
	for _, c := range []struct {
		format string
		want   []string
	}{
		{"%s and %q, 100%%", []string{"1:%s", "2:%q"}},
		{"%[2]q before %[1]s", []string{"1:%s", "2:%q"}},
		{"%[2]q then %s", []string{"2:%q", "3:%s"}},
		{"%.1f MB", []string{"1:%.1f"}},
	} {
		got, ok := Verbs(c.format)
		if !ok || !slices.Equal(got, c.want) {
			t.Errorf("Verbs(%q) = %v, %v; want %v", c.format, got, ok, c.want)
		}
	}
	if _, ok := Verbs("%[0]s"); ok {
		t.Error("index 0 accepted")
	}
}

func TestHintfTranslatesTheHintsFormat(t *testing.T) {
	d := Errorf("a.md", 2, Hintf("describe the picture: ![what it shows](%s)", "p.png"), "image %q has no alt text", "p.png")
	if d.Hint != "describe the picture: ![what it shows](p.png)" {
		t.Fatalf("English hint %q", d.Hint)
	}
	words := map[string]string{"describe the picture: ![what it shows](%s)": "beschreiben Sie das Bild: ![was es zeigt](%s)"}
	got := d.Translated(func(s string) (string, bool) { v, ok := words[s]; return v, ok })
	if got.Hint != "beschreiben Sie das Bild: ![was es zeigt](p.png)" || got.Message != d.Message {
		t.Errorf("translated: %q / %q", got.Message, got.Hint)
	}
}

func TestArgumentsSurviveTheBuildRecord(t *testing.T) {
	d := Warnf("a.md", 2, Hintf("use %s", "y\x00z\""), "bad %q", "x")
	if d.Hint != "use y\x00z\"" {
		t.Fatalf("hint %q", d.Hint)
	}
	enc := bincode.NewEncoder(nil)
	Bincode(enc, &d)
	dec := bincode.NewDecoder(string(enc.Bytes()))
	var back Diagnostic
	Bincode(dec, &back)
	if dec.Err() != nil || !slices.Equal(back.Args, d.Args) || back.HintKind != d.HintKind || !slices.Equal(back.HintArgs, d.HintArgs) {
		t.Errorf("read back %+v (%v), wrote %+v", back, dec.Err(), d)
	}
}

// TestSubjectGroupsAndSurvivesTranslation: warnings of one kind about
// different subjects (shortcodes) get a line each, their subject named in
// it, translated or not.
func TestSubjectGroupsAndSurvivesTranslation(t *testing.T) {
	about := func(file string, line int, name string) Diagnostic {
		d := Warnf(file, line, "", "shortcode %q shown as text at %s", name, file)
		d.Subject = d.Args[0]
		return d
	}
	l := List{about("a.md", 1, "tabs"), about("b.md", 2, "tabs"), about("c.md", 3, "gist")}
	words := map[string]string{"shortcode %q shown as text at %s": "in %[2]s als Text gezeigt: Shortcode %[1]q"}
	for _, c := range []struct {
		l    List
		want []string
	}{
		{l, []string{`shortcode "tabs" shown as text at …`, `shortcode "gist" shown as text at c.md`}},
		{l.Translated(func(s string) (string, bool) { v, ok := words[s]; return v, ok }),
			[]string{`in … als Text gezeigt: Shortcode "tabs"`, `in c.md als Text gezeigt: Shortcode "gist"`}},
	} {
		groups := c.l.Group()
		if len(groups) != 2 {
			t.Fatalf("%d groups, want one per shortcode: %+v", len(groups), groups)
		}
		for i, g := range groups {
			if g.Message != c.want[i] {
				t.Errorf("group %d says %q, want %q", i, g.Message, c.want[i])
			}
		}
	}
}
