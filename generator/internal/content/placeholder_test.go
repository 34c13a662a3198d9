package content

import (
	"reflect"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestPlaceholdersOfEveryLanguage: a page keeps its placeholder lines in
// whatever language oersite wrote them, its own or another tree's, one
// entry per line, in order.
func TestPlaceholdersOfEveryLanguage(t *testing.T) {
	page := "---\ntitle: \"Vendre\"\nsummary: \"Remplacez ceci par une phrase.\"\n---\n\nReplace this with the lesson.\n" +
		"Sostituisca questo testo con X. Replace this with Y.\nA line of its own.\nЗаменете това с текста.\n"
	var diags diag.List
	src := ParseSource("content/fr/modules/a/index.md", "fr", "modules/a/index.md", []byte(page), &diags)
	want := []PlaceholderLine{{3, "Remplacez ceci par"}, {6, "Replace this with"}, {7, "Replace this with"}, {9, "Заменете това с"}}
	if src == nil || !reflect.DeepEqual(src.Placeholders, want) {
		t.Fatalf("placeholders %+v, want %+v (%v)", src.Placeholders, want, diags)
	}
	if got := placeholderLines([]byte("---\ntitle: A\n---\nWrite here.\n")); got != nil {
		t.Errorf("a page without placeholders: %+v", got)
	}
	for lang, want := range map[string]string{"en": "Replace this with", "fr": "Remplacez ceci par", "pt": "Replace this with", "": "Replace this with"} {
		if got := PlaceholderIn(lang); got != want {
			t.Errorf("PlaceholderIn(%q) = %q, want %q", lang, got, want)
		}
	}
}
