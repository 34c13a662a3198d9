package content

import (
	"bytes"
	"reflect"
	"strings"
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

// FuzzSimpleYAMLMatchesYAMLv3: where the fast front matter decoder takes a
// text, it finds the values and key lines yaml.v3 finds. Texts are built
// from fragments real front matter holds, and odd ones, chosen by the input.
func FuzzSimpleYAMLMatchesYAMLv3(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "free text")
	f.Add([]byte{10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, "2h")
	f.Add([]byte{21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "Über: x")
	keys := []string{"title", "summary", "tags", "weight", "date", "draft", "level", "x-y", "a_b", "title", "1bad", "t"}
	values := []string{"", "plain words, with commas", `"quoted: text"`, `'single'`, `'it''s'`, `"esc \" q"`, "[a, b, \"c d\"]", "[]", "[a,]", "[[a]]",
		"true", "False", "yes", "~", "null", "NULL", "0", "7", "012", "0x1F", "1_000", "1.5", ".inf", "-3", "+3", "2026-02-02", "2026-2-3", "2026-02-30",
		"2026-02-02T10:00:00Z", "2026-02-02 10:00", "90m", "2 hours", "1e3", "3 weeks", "a: b", "a #c", "a#b", "end:", "{a: b}", "- x", "&anchor x", "*alias",
		"!!str 5", "|", ">", "%x", "@x", "`x`", "?x", "Ünïcödé", "x\u2028y", "a\tb", "9223372036854775808", "99999999999999999999", "<<"}
	lines := []string{"", "# comment", "  - item", "- item", "  - \"q\"", "  -   spaced", "    - deeper", "  nested: map", "  continued text", "---", "...", " - x", "  - a: b", "  -"}
	f.Fuzz(func(t *testing.T, choice []byte, extra string) {
		var b strings.Builder
		for i := 0; i+1 < len(choice); i += 2 {
			c, v := int(choice[i]), int(choice[i+1])
			switch c % 4 {
			case 0, 1:
				b.WriteString(keys[v%len(keys)] + ":")
				if val := values[(v/len(keys)+c)%len(values)]; val != "" {
					b.WriteString(" " + val)
				}
			case 2:
				b.WriteString(lines[v%len(lines)])
			case 3:
				b.WriteString(keys[v%len(keys)] + ": " + extra)
			}
			b.WriteByte('\n')
		}
		text := []byte(b.String())
		fast, ok := decodeSimpleYAML(text, 2)
		if !ok {
			return
		}
		slow, err := decodeYAMLNodes(rawFront{format: FormatYAML, text: text, startLine: 2}, decoded{values: map[string]any{}, lines: map[string]int{}})
		if err != nil {
			t.Fatalf("%q: fast path took text yaml.v3 refuses: %v", text, err)
		}
		if !reflect.DeepEqual(fast.values, slow.values) || !reflect.DeepEqual(fast.lines, slow.lines) {
			t.Fatalf("%q:\n fast %#v %v\n yaml %#v %v", text, fast.values, fast.lines, slow.values, slow.lines)
		}
	})
}
