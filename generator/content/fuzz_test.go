package content

import (
	"testing"

	"github.com/oersite/oersite/generator/diag"
)

// FuzzParseSource feeds arbitrary files to the front matter reader: it must
// never panic, and every rejection must be an error diagnostic with a message.
func FuzzParseSource(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Hello\n---\nBody\n",
		"+++\ntitle = \"T\"\nweight = 3\n+++\n",
		"{\n\"title\": \"J\"\n}\n\nbody",
		"---\ntitle: [broken\n---\n",
		"---\nattachments: [{file: a.pdf}]\nsource: {title: x}\ndate: 03/04/2026\nduration: 90 minutes\n---\n",
		"\xEF\xBB\xBF---\r\ntitle: bom\r\n---\r\n",
		"---\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d diag.List
		src := ParseSource("content/en/f.md", "en", "f.md", data, &d)
		if src == nil && !d.HasErrors() {
			t.Fatal("file refused without an error")
		}
		for _, e := range d {
			if e.Message == "" || e.File != "content/en/f.md" {
				t.Fatalf("diagnostic without message or file: %+v", e)
			}
		}
	})
}
