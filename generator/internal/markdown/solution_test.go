package markdown

import (
	"strings"
	"testing"
)

// A solution block is a disclosure whose summary, when the author gives
// none, says "Show the solution" in the page's language; with a title,
// the title.
func TestSolutionBlocks(t *testing.T) {
	src := ":::solution\nThe till is on the left.\n:::\n\n:::answers Antworten zeigen\n1. Brot\n:::\n"
	labels := func(k string) string {
		if k == "solution.summary" {
			return "Lösung anzeigen"
		}
		return k
	}
	res := New(Options{}).Render(Doc{File: "x.md", Source: []byte(src), Labels: labels})
	html := string(res.HTML)
	for _, want := range []string{
		"<details class=\"details solution\">\n<summary>Lösung anzeigen</summary>\n<p>The till is on the left.</p>\n</details>",
		"<details class=\"details solution\">\n<summary>Antworten zeigen</summary>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %q:\n%s", want, html)
		}
	}
	if !res.UsesLabels {
		t.Error("the page's labels are not said to be used")
	}
	if len(res.Diags) > 0 {
		t.Errorf("diagnostics %v", res.Diags)
	}
}
