package officedoc

import (
	"slices"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// field is one of Word's fields: an instruction ("HYPERLINK "https://…"",
// "TOC \o "1-3"", "PAGE") and, after its separator, the result Word last
// showed for it. A field may run over many runs and paragraphs.
type field struct {
	instr   strings.Builder
	showing bool   // past the separator: its runs are the result
	link    string // a HYPERLINK field's address
	hidden  bool   // a result the page does not show (a table of contents)
}

// maxFields is how many fields may be open inside each other.
const maxFields = 64

// fieldChar reads a field character: the start of a field, its separator
// or its end.
func (c *converter) fieldChar(kind string) {
	switch kind {
	case "begin":
		if len(c.fields) < maxFields {
			c.fields = append(c.fields, &field{})
		}
	case "separate":
		if n := len(c.fields); n > 0 {
			f := c.fields[n-1]
			f.showing = true
			f.link, f.hidden = c.fieldMeaning(f.instr.String())
		}
	case "end":
		if n := len(c.fields); n > 0 {
			c.fields = c.fields[:n-1]
		}
	}
}

// instrText adds to the instruction of the innermost open field.
func (c *converter) instrText(s string) {
	if n := len(c.fields); n > 0 && !c.fields[n-1].showing && c.fields[n-1].instr.Len() < 4096 {
		c.fields[n-1].instr.WriteString(s)
	}
}

// fieldText says whether text at this point shows, and the link a field
// around it gives ("" for none): an instruction, or a table of contents'
// result, does not show.
func (c *converter) fieldText() (shows bool, link string) {
	for _, f := range c.fields {
		if !f.showing || f.hidden {
			return false, ""
		}
		if f.link != "" {
			link = f.link
		}
	}
	return true, link
}

// fieldMeaning reads an instruction: the address of a HYPERLINK to
// another document or a site, and whether the result is left out (a table
// of contents, whose page numbers mean nothing on the web and whose
// headings the page holds anyway). A link to a place inside the document
// (\l alone, or a cross-reference REF with \h) is a link to that place
// (see places.go); with an address, the place follows it.
func (c *converter) fieldMeaning(instr string) (link string, hidden bool) {
	words := fieldWords(instr)
	if len(words) == 0 {
		return "", false
	}
	switch strings.ToUpper(words[0]) {
	case "HYPERLINK":
		var address, place string
		for i := 1; i < len(words); i++ {
			switch w := words[i]; {
			case strings.EqualFold(w, `\l`) && i+1 < len(words):
				place = words[i+1]
				i++
			case strings.EqualFold(w, `\o`), strings.EqualFold(w, `\t`):
				i++ // a switch and its argument
			case strings.HasPrefix(w, `\`):
			case address == "":
				address = w
			}
		}
		if address == "" && place != "" {
			return placeLink(place), false // a place in this document
		}
		if address != "" && place != "" && !strings.Contains(address, "#") {
			address += "#" + place
		}
		return address, false
	case "REF": // a cross-reference: with \h, a link to the place it shows
		if len(words) > 1 && slices.ContainsFunc(words[2:], func(w string) bool { return strings.EqualFold(w, `\h`) }) {
			return placeLink(words[1]), false
		}
	case "TOC":
		c.left(diag.Phrasef("the table of contents with its page numbers"))
		return "", true
	}
	return "", false
}

// fieldWords splits an instruction into its words, a quoted argument
// being one word without its quotation marks.
func fieldWords(instr string) []string {
	var words []string
	for s := strings.TrimSpace(instr); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(words, s[1:])
			}
			words = append(words, s[1:end+1])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t\"")
		if end < 0 {
			end = len(s)
		}
		words = append(words, s[:end])
		s = s[end:]
	}
	return words
}
