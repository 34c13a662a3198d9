package content

import (
	"bytes"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// FuzzParseSource feeds arbitrary files to the front matter reader: it must
// never panic, and every rejection must be an error diagnostic with a message.
func FuzzParseSource(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Hello\n---\nBody\n",
		"+++\ntitle = \"T\"\nweight = 3\n+++\n",
		"{\n\"title\": \"J\"\n}\n\nbody",
		"{\r\n  'title': \"C:\\x\",\n  tags: [a, b,],\n  // c\n  \"s\": “q”\n  \"u\": \"open\n}\n",
		"---\ntitle: [broken\n---\n",
		"---\nattachments: [{file: a.pdf}]\nsource: {title: x}\ndate: 03/04/2026\nduration: 90 minutes\n---\n",
		"---\nauthors: [Ana, {name: Bo, type: Person, id: \"https://orcid.org/0\"}, {type: Robot}]\nrecording: {url: x, date: 2026-13-01}\nstatus: cancelled\nrevision: 2\n---\n",
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

// FuzzSplitFrontMatterBound: giving the parser only the file up to where its
// front matter can end finds the same front matter and body as giving it the
// whole file.
func FuzzSplitFrontMatterBound(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Hello\n---\nBody\n---\nmore\n",
		"\n\n+++\ntitle = \"T\"\n+++\n",
		"{\n\"title\": \"J\",\n\"o\": {\n\"a\": 1\n}\n}\n\nbody",
		"{\n\"title\": \"J\"\n}\nnot blank\n}\n\nbody",
		"---\ntitle: open\n",
		"---\n---",
		"text first\n---\nx: 1\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gerr := splitFrontMatter(data)
		whole := bytes.TrimPrefix(data, utf8BOM)
		want, werr := splitFrontMatterWithin(whole, len(whole))
		if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Fatalf("%q: error %v, want %v", data, gerr, werr)
		}
		if got.format != want.format || string(got.text) != string(want.text) || string(got.body) != string(want.body) ||
			got.bodyLine != want.bodyLine || got.startLine != want.startLine {
			t.Fatalf("%q:\n got %+v\nwant %+v", data, got, want)
		}
	})
}
