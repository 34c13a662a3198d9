package markdown

import (
	"strings"
	"testing"
)

// A run of three or more underscores outside a word is a gap to fill in:
// shown as written, read by its label; two underscores, underscores in a
// word or in code, and escaped ones stay text.
func TestGaps(t *testing.T) {
	src := "People look for shops _____ them, and ___ now.\n\nName: ________\n\nKeep `a ___ b`, snake___case, __init__ and \\_\\_\\_.\n\n![A form, name: ___](form.png)\n"
	labels := func(k string) string {
		if k == "gap" {
			return "Lücke"
		}
		return k
	}
	res := New(Options{}).Render(Doc{File: "x.md", Source: []byte(src), Labels: labels})
	html := string(res.HTML)
	gap := func(marks string) string {
		return `<span class="gap"><span aria-hidden="true">` + marks + `</span><span class="visually-hidden">Lücke</span></span>`
	}
	for _, want := range []string{
		"<p>People look for shops " + gap("_____") + " them, and " + gap("___") + " now.</p>",
		"<p>Name: " + gap("________") + "</p>",
		"<code>a ___ b</code>, snake___case, <strong>init</strong> and ___.",
		`alt="A form, name: ___"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %s:\n%s", want, html)
		}
	}
	if !res.UsesLabels || !strings.Contains(res.Text, "shops _____ them") {
		t.Errorf("labels used %v, text %q", res.UsesLabels, res.Text)
	}
	if got := string(New(Options{}).Render(Doc{File: "x.md", Source: []byte("A ___ gap.\n")}).HTML); !strings.Contains(got, `<span class="visually-hidden">blank</span>`) {
		t.Errorf("without labels: %s", got)
	}
}
