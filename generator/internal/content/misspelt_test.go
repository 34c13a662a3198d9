package content

import (
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestMisspeltFieldsNamed: a key a slip away from a field oersite reads is
// named, at its line, with the field it looks like; the page's own keys,
// far from every field, and a field's plural are left alone. Before, a
// page with "tittle:" only got "the page has no title".
func TestMisspeltFieldsNamed(t *testing.T) {
	front := "tittle: Writing posts\nsumary: How to write\nTitel: Beiträge\nlisence: CC-BY-4.0\n" +
		"images: [a.png]\npromise: Learn it in an hour\nhero: x\nteaser: Short\n"
	var diags diag.List
	if ParseSource("content/en/a.md", "en", "a.md", []byte("---\n"+front+"---\nBody.\n"), &diags) == nil {
		t.Fatal(diags)
	}
	got := map[int]string{}
	for _, d := range diags {
		if strings.Contains(d.Message, "did you mean") {
			got[d.Line] = d.Message
		}
	}
	want := map[int]string{
		2: `field "tittle" is not one oersite reads: did you mean title?`,
		3: `field "sumary" is not one oersite reads: did you mean summary?`,
		4: `field "Titel" is not one oersite reads: did you mean title?`,
		5: `field "lisence" is not one oersite reads: did you mean licence?`,
	}
	for line, msg := range want {
		if got[line] != msg {
			t.Errorf("line %d: %q, want %q", line, got[line], msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("warnings: %v", got)
	}
}

func TestSlips(t *testing.T) {
	for _, c := range []struct {
		a, b string
		n    int
	}{{"tittle", "title", 1}, {"titel", "title", 1}, {"sumary", "summary", 1}, {"licnece", "licence", 1}, {"abc", "abc", 0}, {"", "ab", 2}, {"bärn", "barn", 1}} {
		if got := slips(c.a, c.b); got != c.n {
			t.Errorf("slips(%q, %q) = %d, want %d", c.a, c.b, got, c.n)
		}
	}
}
