package content

import (
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// JSON front matter that does not parse is reported as what it is, where
// it is, not as a page without a title.
func TestJSONFrontMatterErrorsSayWhatAndWhere(t *testing.T) {
	for _, c := range []struct {
		name, data string
		line       int
		says       string
	}{
		{"unclosed", "{\n  \"title\": \"About\"\n\nBody.\n", 4, "does not parse"},
		{"unclosed to the end", "{\n  \"title\": \"About\",\n", 1, "never closed"},
		{"trailing comma in a list", "{\n  \"title\": \"About\",\n  \"tags\": [\"a\", }\n}\nBody.\n", 3, "does not parse"},
		{"missing comma", "{\n  \"title\": \"About\"\n  \"draft\": false\n}\nBody.\n", 2, "comma is missing"},
		{"doubled brace", "{\n  \"title\": \"About\"\n}}\nBody.\n", 3, "does not parse"},
	} {
		var d diag.List
		src := ParseSource("content/en/x.md", "en", "x.md", []byte(c.data), &d)
		if src != nil || len(d) != 1 || d[0].Line != c.line || !strings.Contains(d[0].Message, "JSON") || !strings.Contains(d[0].Message, c.says) {
			t.Errorf("%s: got %v", c.name, d)
		}
	}
	// JSON the block finder missed but which is whole is front matter
	for _, data := range []string{"{\"title\": \"One line\"}\nBody\n", "{\n\"title\": \"A {brace}\"\n  ,\"weight\": 2\n}\nBody\n"} {
		var d diag.List
		src := ParseSource("content/en/x.md", "en", "x.md", []byte(data), &d)
		if src == nil || d.HasErrors() || src.Meta.Title == "" || strings.TrimSpace(string(src.Body)) != "Body" {
			t.Errorf("%q: %+v %v", data, src, d)
		}
	}
}
