package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestPhrasesCountAndTranslate: English takes its singular for one and its
// plural otherwise; a translation is found by the English plural and given
// the count, whatever it is.
func TestPhrasesCountAndTranslate(t *testing.T) {
	var english Phrases
	if got := english.Countf(1, "%d file", "%d files", 1); got != "1 file" {
		t.Errorf("English one: %q", got)
	}
	if got := english.Countf(0, "%d file", "%d files", 0); got != "0 files" {
		t.Errorf("English zero: %q", got)
	}
	asked := []int{}
	fr := Phrases(func(english string, n int) (string, bool) {
		asked = append(asked, n)
		switch {
		case english == "%d files" && n <= 1:
			return "%d fichier", true
		case english == "%d files":
			return "%d fichiers", true
		case english == "built %s in %s":
			return "%[2]s : %[1]s construits", true
		}
		return "", false
	})
	if got := fr.Countf(0, "%d file", "%d files", 0); got != "0 fichier" {
		t.Errorf("French zero: %q", got)
	}
	if got := fr.Sayf("built %s in %s", fr.Countf(3, "%d file", "%d files", 3), "1s"); got != "1s : 3 fichiers construits" {
		t.Errorf("French, reordered: %q", got)
	}
	if got := fr.Sayf("not translated %d", 7); got != "not translated 7" {
		t.Errorf("a format without translation: %q", got)
	}
	if asked[len(asked)-1] != -1 {
		t.Errorf("Sayf asked for count %d, want -1 (no count)", asked[len(asked)-1])
	}
	l := List{Warnf("a.md", 1, "", "odd %q", "x"), Warnf("b.md", 2, "", "odd %q", "y"), Warnf("b.md", 3, "", "odd %q", "z")}
	if got := l.ReportIn(fr, false, 0); !strings.Contains(got, `3 times in 2 fichiers, e.g. a.md:1`) {
		t.Errorf("a group's files in French:\n%s", got)
	}
}

// TestPhrasedErrorsInTheReadersWords: an error made with Phrasef is said in
// the reader's words, also inside the errors that wrap it, and still
// unwraps to what it wraps.
func TestPhrasedErrorsInTheReadersWords(t *testing.T) {
	fr := Phrases(func(english string, n int) (string, bool) {
		if english == "module %q not found" {
			return "module %q introuvable", true
		}
		return "", false
	})
	sentinel := errors.New("exists")
	err := fmt.Errorf("%w: %w", sentinel, Phrasef("module %q not found", "x"))
	if got := fr.Error(err); got != `exists: module "x" introuvable` {
		t.Errorf("wrapped: %q", got)
	}
	if got := Phrases(nil).Error(err); got != `exists: module "x" not found` {
		t.Errorf("English: %q", got)
	}
	own := &Phrased{Format: "module %q not found", Args: []any{"y"}, Err: sentinel}
	if !errors.Is(own, sentinel) || fr.Error(own) != `module "y" introuvable` {
		t.Errorf("a Phrased that wraps: %v, %q", errors.Is(own, sentinel), fr.Error(own))
	}
	if got := fr.Error(errors.New("plain")); got != "plain" {
		t.Errorf("a plain error: %q", got)
	}
}

// TestDiagnosticOfAPhrasedError: a diagnostic that says a Phrased error
// ("%v", err) takes the error's format as its kind, so that it is
// translated as a message written with Errorf is; and its severity is said
// in the reader's words.
func TestDiagnosticOfAPhrasedError(t *testing.T) {
	d := Errorf("a.md", 3, "move it", "%v", Phrasef("a lesson must be inside %s", "modules"))
	if d.Kind != "a lesson must be inside %s" || len(d.Args) != 1 || d.Args[0] != "modules" || d.Message != "a lesson must be inside modules" {
		t.Fatalf("kind %q, args %q, message %q", d.Kind, d.Args, d.Message)
	}
	words := map[string]string{"a lesson must be inside %s": "une leçon doit être dans %s", "error": "erreur"}
	find := func(english string) (string, bool) { s, ok := words[english]; return s, ok }
	fr := Phrases(func(english string, _ int) (string, bool) { return find(english) })
	if got := d.Translated(find).Said(fr); got != "a.md:3: erreur: une leçon doit être dans modules\n    move it" {
		t.Errorf("in French: %q", got)
	}
	if got := d.String(); got != "a.md:3: error: a lesson must be inside modules\n    move it" {
		t.Errorf("in English: %q", got)
	}
	wrapped := Errorf("a.md", 3, "", "%v", fmt.Errorf("reading: %w", Phrasef("a lesson must be inside %s", "modules")))
	if wrapped.Kind != "%v" {
		t.Errorf("a wrapped Phrased keeps the whole text: kind %q", wrapped.Kind)
	}
}

// TestPhrasedReasonInsideAMessage: a Phrased error given to a message's %v
// (the reason a file name cannot be part of an address) is said in the
// reader's words with the message, in a diagnostic and in an error; in
// English both read as written.
func TestPhrasedReasonInsideAMessage(t *testing.T) {
	words := map[string]string{
		"file name %q cannot be part of an address: %v":       "le nom de fichier %q ne peut pas faire partie d’une adresse : %v",
		"it has no letters or digits to make an address from": "il ne contient aucune lettre",
		"alias %q: %v":                  "alias %q : %v",
		"it makes a part %d bytes long": "il ferait une partie de %d octets",
	}
	find := func(english string) (string, bool) { s, ok := words[english]; return s, ok }
	reason := Phrasef("it has no letters or digits to make an address from")
	err := Phrasef("file name %q cannot be part of an address: %v", "---.md", reason)
	d := Errorf("content/en/---.md", 0, "", "%v", err)
	if d.Message != `file name "---.md" cannot be part of an address: it has no letters or digits to make an address from` {
		t.Errorf("English message %q", d.Message)
	}
	if got := d.Translated(find).Message; got != `le nom de fichier "---.md" ne peut pas faire partie d’une adresse : il ne contient aucune lettre` {
		t.Errorf("French message %q", got)
	}
	fr := Phrases(func(english string, _ int) (string, bool) { return find(english) })
	if got := fr.Error(fmt.Errorf("page: %w", err)); got != `page: le nom de fichier "---.md" ne peut pas faire partie d’une adresse : il ne contient aucune lettre` {
		t.Errorf("French error %q", got)
	}
	// A reason that wraps a sentinel (for errors.Is) is said the same way.
	long := &Phrased{Format: "it makes a part %d bytes long", Args: []any{300}, Err: errors.New("too long")}
	if got := Errorf("a.md", 0, "", "alias %q: %v", "/x", long).Translated(find).Message; got != `alias "/x" : il ferait une partie de 300 octets` {
		t.Errorf("French message with a wrapping reason %q", got)
	}
	// A reason without a translation stays English inside the translation.
	if got := Errorf("a.md", 0, "", "alias %q: %v", "/x", Phrasef("empty alias")).Translated(find).Message; got != `alias "/x" : empty alias` {
		t.Errorf("untranslated reason %q", got)
	}
}
