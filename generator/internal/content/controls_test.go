package content

import (
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestControlCharactersLeftOut: control characters that HTML forbids (a
// vertical tab pasted from a word processor, an escape, a C1 control) are
// left out of the page, with a warning at the first one's line; tab,
// form feed and line ends stay, and so does every other character. They
// went into the HTML as they were, which the Nu Html Checker refuses
// ("Forbidden code point U+001b").
func TestControlCharactersLeftOut(t *testing.T) {
	data := "---\ntitle: \"Reviews \\e[2J answered\"\n---\nFirst line.\n\nA pasted\vline break, a\u0085next line, café\ttab\f.\n"
	var diags diag.List
	src := ParseSource("content/en/a.md", "en", "a.md", []byte(data), &diags)
	if src == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	if src.Meta.Title != "Reviews [2J answered" {
		t.Errorf("title %q", src.Meta.Title)
	}
	if want := "First line.\n\nA pastedline break, anext line, café\ttab\f.\n"; string(src.Body) != want {
		t.Errorf("body %q, want %q", src.Body, want)
	}
	// One warning for the file's own characters, one for those its front
	// matter's escapes ("\e") make.
	diags.Sort()
	if len(diags) != 2 || diags[0].Line != 2 || !strings.Contains(diags[0].Message, "U+001B") ||
		diags[1].Line != 6 || diags[1].Severity != diag.Warning || !strings.Contains(diags[1].Message, "U+000B") {
		t.Errorf("diagnostics: %v", diags)
	}
	diags = nil
	if src := ParseSource("content/en/b.md", "en", "b.md", []byte("---\ntitle: Fine\n---\nÀ bientôt, ¡hola! ÿ \u00a0 €\n"), &diags); src == nil || len(diags) != 0 {
		t.Errorf("a file without control characters: %v", diags)
	}
}

// TestNoncharactersLeftOut: the code points Unicode keeps out of text
// (U+FFFE, U+FDD0, a plane's last two) are left out of a page as control
// characters are, with a warning of their own at the first one's line;
// the Nu Html Checker refuses them ("Forbidden code point"). Before, they
// went into the page. Characters beside them in UTF-8 stay.
func TestNoncharactersLeftOut(t *testing.T) {
	data := "---\ntitle: \"Reviews\"\n---\nFine: \uFDCF \uFDF0 \uFFFD \uFEFF \U0001FFFD.\n\nBroken\uFFFE by\uFDD0 a\U0001FFFF bad\uFDEF conversion\U0010FFFE.\n"
	var diags diag.List
	src := ParseSource("content/en/a.md", "en", "a.md", []byte(data), &diags)
	if src == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	if want := "Fine: \uFDCF \uFDF0 \uFFFD \uFEFF \U0001FFFD.\n\nBroken by a bad conversion.\n"; string(src.Body) != want {
		t.Errorf("body %q, want %q", src.Body, want)
	}
	if len(diags) != 1 || diags[0].Line != 6 || !strings.Contains(diags[0].Message, "not meant for text (U+FFFE)") {
		t.Errorf("diagnostics: %v", diags)
	}
}
