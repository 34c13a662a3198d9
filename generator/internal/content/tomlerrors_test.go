package content

import (
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestTOMLMistakesSaidForAuthors: the commonest mistakes in TOML front
// matter (between +++ lines, as Hugo sites write it) are said in an
// author's terms at their line, with the line as it should be written.
// Before, check gave the TOML parser's words ("expected value but found
// "Hello" instead", "expected '.' or '=', but got ':' instead").
func TestTOMLMistakesSaidForAuthors(t *testing.T) {
	cases := []struct {
		name, front string
		line        int
		message     string
		hint, fix   string
	}{
		{"text without quotes", "title = Hello world\n", 2,
			"the value of title is text without quotation marks: TOML needs them around text",
			`put the value in quotes: title = "Hello world"`, `title = "Hello world"`},
		{"text without quotes before a comment", "title = Hello # the course's name\n", 2,
			"the value of title is text without quotation marks: TOML needs them around text",
			`put the value in quotes: title = "Hello" # the course's name`, `title = "Hello" # the course's name`},
		{"quotation marks from a word processor", "title = “Phones for shops”\n", 2,
			"the value of title is text without quotation marks: TOML needs them around text",
			`put the value in quotes: title = "Phones for shops"`, `title = "Phones for shops"`},
		{"a colon as in YAML", "title = \"A\"\nsummary: Short and clear\n", 3,
			"this line sets summary with a colon, as YAML does: between +++ lines, TOML sets a key with an equals sign",
			`write it with an equals sign: summary = "Short and clear"`, `summary = "Short and clear"`},
		{"a colon before a number", "weight: 2\n", 2,
			"this line sets weight with a colon, as YAML does: between +++ lines, TOML sets a key with an equals sign",
			"write it with an equals sign: weight = 2", "weight = 2"},
		{"a list of bare words", "title = \"A\"\ntags = [phones, 3, photos]\n", 3,
			"the items of the list tags are text without quotation marks: TOML needs them around each item",
			`put each item in quotes: tags = ["phones", 3, "photos"]`, `tags = ["phones", 3, "photos"]`},
		{"a quotation never closed", "title = \"Unclosed\nweight = 2\n", 2,
			"the quotation mark that opens the value of title is never closed",
			`end the value with the same mark, on the same line: title = "Unclosed"`, `title = "Unclosed"`},
		{"text after a quotation", "title = \"Phones\" for shops\n", 2,
			"text follows the closing quotation mark of the value of title",
			`put the whole value in quotes: title = '"Phones" for shops'`, `title = '"Phones" for shops'`},
		{"a Windows path", "title = \"A\"\nsource = \"C:\\Users\\maria\\notes.docx\"\n", 3,
			`the value of source holds a backslash (\), which starts a special character inside double quotation marks`,
			`put the value in single quotation marks, where a backslash is only a backslash: source = 'C:\Users\maria\notes.docx'`,
			`source = 'C:\Users\maria\notes.docx'`},
		{"a key twice", "title = \"A\"\nweight = 1\ntitle = \"B\"\n", 4,
			"title is set twice in the front matter, here and at line 2: only one of the two can be kept",
			"keep one of the two lines and delete the other", ""},
		{"an indented key in a table", "title = \"A\"\n[author]\n  name = Maria\n", 4,
			"the value of name is text without quotation marks: TOML needs them around text",
			`put the value in quotes: name = "Maria"`, `  name = "Maria"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			if ParseSource("content/en/a.md", "en", "a.md", []byte("+++\n"+c.front+"+++\nBody.\n"), &diags) != nil || len(diags) != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			d := diags[0]
			if d.Line != c.line || d.Message != c.message || d.Hint != c.hint || d.Fix != c.fix {
				t.Errorf("got line %d\n%s\n%s\nfix %q", d.Line, d.Message, d.Hint, d.Fix)
			}
		})
	}
}

// TestOtherTOMLMistakesKeepTheParsersWords: a mistake that is none of
// those (an equals sign twice) is not taken for text without quotation
// marks ("put the value in quotes: weight = "= 3"" was said on the way),
// nor is a list whose items cannot be quoted one by one as they are.
func TestOtherTOMLMistakesKeepTheParsersWords(t *testing.T) {
	for _, front := range []string{
		"title = \"T\"\nweight = = 3\n",
		"title = \"T\"\ntags = [\"a, b\", c]\n",              // quoting each item would split "a, b"
		"title = \"T\"\ntags = [\n  phones,\n  photos,\n]\n", // a list over several lines: no one line holds it
	} {
		var diags diag.List
		ParseSource("content/en/a.md", "en", "a.md", []byte("+++\n"+front+"+++\nBody.\n"), &diags)
		if len(diags) != 1 || !strings.HasPrefix(diags[0].Message, "TOML front matter does not parse: ") || diags[0].Fix != "" {
			t.Errorf("%q: %v (fix %q)", front, diags, diags[0].Fix)
		}
	}
}
