package content

import (
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestYAMLMistakesSaidForAuthors: the commonest YAML mistakes in front
// matter are said in an author's terms, at the line that holds them, with
// the line as it should be written where oersite can tell. Before, check
// gave the parser's words ("mapping values are not allowed in this
// context"), and for some mistakes the front matter's first line.
func TestYAMLMistakesSaidForAuthors(t *testing.T) {
	cases := []struct {
		name, front string
		line        int
		message     string
		hint        string
	}{
		{"a colon in a title", "title: Step 1: open the app\nsummary: x\n", 2,
			"the value of title holds a colon followed by a space, which YAML reads as the start of another key",
			`put the value in quotes: title: "Step 1: open the app"`},
		{"a colon inside quotation marks from a word processor", "title: „Schritt 1: die App öffnen“\n", 2,
			"the value of title holds a colon followed by a space, which YAML reads as the start of another key",
			`put the value in quotes: title: "Schritt 1: die App öffnen"`},
		{"a colon before a comment", "title: Step 1: open the app # shown on the card\n", 2,
			"the value of title holds a colon followed by a space, which YAML reads as the start of another key",
			`put the value in quotes: title: "Step 1: open the app" # shown on the card`},
		{"a colon on a later line", "title: A\nsummary: Note: it \"works\"\n", 3,
			"the value of summary holds a colon followed by a space, which YAML reads as the start of another key",
			`put the value in quotes: summary: 'Note: it "works"'`},
		{"a quotation never closed", "title: \"Unclosed\nsummary: x\n", 2,
			"the quotation mark that opens the value of title is never closed",
			`end the value with the same mark, on the same line: title: "Unclosed"`},
		{"a tab", "title: Tabs\nsummary:\n\t- x\n", 4,
			"this line is indented with a tab: YAML indents with spaces only", "replace the tab with two spaces"},
		{"a list not closed", "title: A\ntags: [a, b\nlevel: beginner\n", 3,
			"a list opened with [ (or a group opened with {) on this line is not closed", "close it on the same line: tags: [phones, photos]"},
		{"an indented key", "title: A\n  summary: x\n", 3,
			"this line is indented as if it belonged to the line above, which already has its value",
			"start it at the beginning of the line: summary: x"},
		{"a colon in a nested value", "title: A\nauthor:\n  name: Maria: tutor\n", 4,
			"the value of name holds a colon followed by a space, which YAML reads as the start of another key",
			`put the value in quotes: name: "Maria: tutor"`},
		{"a line without a colon", "title: A\nsummary x\nlevel: b\n", 3, "this line is not written as key: value",
			`write the key, a colon and a space, then the value ("summary: What the page teaches"), or join the line to the value above it inside quotes`},
		{"an at sign", "title: A\nauthor: @maria\n", 3,
			`the value of author starts with "@", which YAML keeps for other uses`, `put the value in quotes: author: "@maria"`},
		{"text after a quotation", "title: A\nsummary: \"Phones\" for shops\n", 3,
			"text follows the closing quotation mark of the value of summary", `put the whole value in quotes: summary: '"Phones" for shops'`},
		{"a Windows path in double quotes", "title: A\nsource: \"C:\\Users\\maria\\notes.docx\"\n", 3,
			`the value of source holds a backslash (\), which starts a special character inside double quotation marks`,
			`put the value in single quotation marks, where a backslash is only a backslash: source: 'C:\Users\maria\notes.docx'`},
		{"a key twice", "title: A\nweight: 1\ntitle: B\n", 4,
			"title is set twice in the front matter, here and at line 2: only one of the two can be kept",
			"keep one of the two lines and delete the other"},
		{"a key twice inside a value", "title: A\nauthor:\n  name: Maria\n  name: Ana\n", 5,
			"name is set twice in the front matter, here and at line 4: only one of the two can be kept",
			"keep one of the two lines and delete the other"},
		{"a list item beside its key", "title: A\ntags: - phones\n", 3,
			"a list item (- …) is on the same line as tags", "put each item on a line of its own below the key, or write tags: [phones]"},
	}
	// the line an editor can put in place of the wrong one, indented as it
	// was where that is not the mistake; none where the correction is not sure
	fixes := map[string]string{
		"a colon in a title":                                   `title: "Step 1: open the app"`,
		"a colon before a comment":                             `title: "Step 1: open the app" # shown on the card`,
		"a colon inside quotation marks from a word processor": `title: "Schritt 1: die App öffnen"`,
		"a colon on a later line":                              `summary: 'Note: it "works"'`,
		"a quotation never closed":                             `title: "Unclosed"`,
		"an indented key":                                      "summary: x",
		"a colon in a nested value":                            `  name: "Maria: tutor"`,
		"an at sign":                                           `author: "@maria"`,
		"text after a quotation":                               `summary: '"Phones" for shops'`,
		"a Windows path in double quotes":                      `source: 'C:\Users\maria\notes.docx'`,
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			if ParseSource("content/en/a.md", "en", "a.md", []byte("---\n"+c.front+"---\nBody.\n"), &diags) != nil || len(diags) != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			d := diags[0]
			if d.Line != c.line || d.Message != c.message || d.Hint != c.hint {
				t.Errorf("got line %d\n%s\n%s", d.Line, d.Message, d.Hint)
			}
			if d.Fix != fixes[c.name] {
				t.Errorf("the line as it should be: %q, want %q", d.Fix, fixes[c.name])
			}
		})
	}
}
