package content

import (
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestJSONMistakesSaidForAuthors: the mistakes of hand-written JSON front
// matter are said in an author's terms at the line to change, with that
// line as it should be written. Before, check gave the decoder's words
// ("invalid character '}' looking for beginning of object key string").
func TestJSONMistakesSaidForAuthors(t *testing.T) {
	cases := []struct {
		name, front string
		line        int
		message     string
		hint, fix   string
	}{
		{"a comma after the last key", "  \"title\": \"A\",\n  \"weight\": 2,\n}\n", 3,
			"a comma comes before the closing }: JSON allows no comma after the last item",
			`delete that comma: "weight": 2`, `  "weight": 2`},
		{"a comma after the last item of a list", "  \"tags\": [\"phones\", \"photos\",]\n}\n", 2,
			"a comma comes before the closing ]: JSON allows no comma after the last item",
			`delete that comma: "tags": ["phones", "photos"]`, `  "tags": ["phones", "photos"]`},
		{"a comma left out between keys", "  \"title\": \"A\"\n  \"weight\": 2\n}\n", 2,
			"a comma is missing after the item that ends on this line: JSON needs one between one item and the next",
			`add the comma: "title": "A",`, `  "title": "A",`},
		{"a comma left out in a list", "  \"tags\": [\"phones\" \"photos\"]\n}\n", 2,
			"a comma is missing after the item that ends on this line: JSON needs one between one item and the next",
			`add the comma: "tags": ["phones", "photos"]`, `  "tags": ["phones", "photos"]`},
		{"a colon left out", "  \"title\" \"A\"\n}\n", 2,
			`a colon is missing after the key title: JSON writes the key, a colon, then the value`,
			`add the colon: "title": "A"`, `  "title": "A"`},
		{"single quotation marks", "  'title': 'Phones & \"apps\"',\n  \"weight\": 2\n}\n", 2,
			"this line puts text in single quotation marks: JSON takes double quotation marks only",
			`use double quotation marks: "title": "Phones & \"apps\"",`, `  "title": "Phones & \"apps\"",`},
		{"a key without quotation marks", "  title: \"A\"\n}\n", 2,
			"the key title has no quotation marks: JSON needs double quotation marks around each key",
			`put the key in double quotation marks: "title": "A"`, `  "title": "A"`},
		{"text without quotation marks", "  \"title\": Phones for shops,\n  \"weight\": 2\n}\n", 2,
			"the value of title is text without quotation marks: JSON needs them around text",
			`put the value in quotes: "title": "Phones for shops",`, `  "title": "Phones for shops",`},
		{"quotation marks from a word processor", "  \"title\": “Phones for shops”\n}\n", 2,
			"the value of title is text without quotation marks: JSON needs them around text",
			`put the value in quotes: "title": "Phones for shops"`, `  "title": "Phones for shops"`},
		{"a list of bare words", "  \"tags\": [phones, photos]\n}\n", 2,
			"the items of the list tags are text without quotation marks: JSON needs them around each item",
			`put each item in quotes: "tags": ["phones", "photos"]`, `  "tags": ["phones", "photos"]`},
		{"a Windows path", "  \"source\": \"C:\\Users\\maria\\notes.docx\"\n}\n", 2,
			`the value of source holds a backslash (\), which starts a special character in JSON text`,
			`write each backslash twice: "source": "C:\\Users\\maria\\notes.docx"`, `  "source": "C:\\Users\\maria\\notes.docx"`},
		{"a quotation never closed", "  \"title\": \"Phones,\n  \"weight\": 2\n}\n", 2,
			"the quotation mark that opens the value of title is never closed",
			`end the value with the same mark, on the same line: "title": "Phones",`, `  "title": "Phones",`},
		{"a quotation never closed on the last line", "  \"title\": \"Phones\n}\n", 2,
			"the quotation mark that opens the value of title is never closed",
			`end the value with the same mark, on the same line: "title": "Phones"`, `  "title": "Phones"`},
		{"a comment", "  \"title\": \"A\", // the course's name\n  \"weight\": 2\n}\n", 2,
			"JSON front matter cannot hold comments (// or /* */)",
			"delete the comment, or move what it says into the page's text", ""},
		{"a list never closed is not a trailing comma", "  \"tags\": [\"a\", }\n}\n", 0, "", "", ""},
		{"a brace never closed is not a missing comma", "  \"title\": \"A\"\n\nBody.\n", 0, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				var diags diag.List
				data := strings.ReplaceAll("{\n"+c.front+"\nBody.\n", "\n", eol)
				if ParseSource("content/en/a.md", "en", "a.md", []byte(data), &diags) != nil || len(diags) != 1 {
					t.Fatalf("got %v", diags)
				}
				d := diags[0]
				if c.message == "" {
					if d.Fix != "" || !strings.Contains(d.Message, "JSON front matter") {
						t.Errorf("explained as %q, fix %q", d.Message, d.Fix)
					}
					continue
				}
				if d.Line != c.line || d.Message != c.message || d.Hint != c.hint || d.Fix != c.fix {
					t.Errorf("got line %d %q\nhint %q\nfix %q", d.Line, d.Message, d.Hint, d.Fix)
				}
			}
		})
	}
}

// TestJSONKeySetTwiceIsAnError: the decoder keeps the second value of a key
// set twice and drops the first without a word; check names both lines,
// as it does for YAML and TOML. A key repeated in two different objects is
// not a mistake.
func TestJSONKeySetTwiceIsAnError(t *testing.T) {
	for _, c := range []struct {
		name, front string
		line        int
		message     string
	}{
		{"top level", "  \"title\": \"A\",\n  \"weight\": 1,\n  \"title\": \"B\"\n}\n", 4,
			"title is set twice in the front matter, here and at line 2: only one of the two can be kept"},
		{"nested", "  \"title\": \"A\",\n  \"author\": {\"name\": \"Ana\",\n    \"tags\": [{\"x\": 1}, {\"x\": 2}],\n    \"name\": \"Bo\"}\n}\n", 5,
			"name is set twice in the front matter, here and at line 3: only one of the two can be kept"},
		{"after a nested object", "  \"author\": {\"name\": \"Ana\"},\n  \"name\": \"x\",\n  \"title\": \"A\"\n}\n", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			src := ParseSource("content/en/a.md", "en", "a.md", []byte("{\n"+c.front+"\nBody.\n"), &diags)
			if c.line == 0 {
				if src == nil || diags.HasErrors() {
					t.Fatalf("refused: %v", diags)
				}
				return
			}
			if src != nil || len(diags) != 1 || diags[0].Line != c.line || diags[0].Message != c.message {
				t.Fatalf("got %v", diags)
			}
		})
	}
}
