package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/htmltext"
)

// dropControls leaves out of data the characters a web page cannot hold:
// control characters (HTML allows none but tab, line feed, form feed and
// carriage return: a vertical tab pasted from a word processor, an escape,
// a backspace) and noncharacters (U+FFFE, U+FDD0 to U+FDEF: the marks of a
// file converted with the wrong encoding). It warns once, at the line of
// the first; the file itself is not changed.
func dropControls(p string, data []byte, diags *diag.List) []byte {
	i := htmltext.FirstForbidden(data)
	if i < 0 {
		return data
	}
	r, _ := utf8.DecodeRune(data[i:])
	line := 1 + bytes.Count(data[:i], []byte("\n"))
	warnControl(p, line, r, diags)
	return bytes.Map(func(r rune) rune {
		if htmltext.Forbidden(r) {
			return -1
		}
		return r
	}, data)
}

// warnControl says that r, first of its kind in p at line, is left out.
func warnControl(p string, line int, r rune, diags *diag.List) {
	diags.Add(htmltext.LeftOut(p, line, r, "delete it in your editor; such characters often come with text pasted from a word processor"))
}

// dropValueControls does the same in the front matter's decoded values,
// where an escape in a quoted YAML, TOML or JSON string ("\e", "\v",
// "\u0007") makes one: it warns at the first such key's line.
func dropValueControls(p string, d decoded, diags *diag.List) {
	line, first, key := 0, rune(-1), ""
	for k, v := range d.values {
		clean, r := cleanValue(v)
		if r < 0 {
			continue
		}
		d.values[k] = clean
		if l := d.lines[k]; first < 0 || l < line || l == line && k < key {
			line, first, key = l, r, k
		}
	}
	if first >= 0 {
		warnControl(p, line, first, diags)
	}
}

// cleanValue is v without forbidden characters in its strings,
// and the first it held (-1: none, v returned as it is).
func cleanValue(v any) (any, rune) {
	switch x := v.(type) {
	case string:
		return htmltext.Clean(x)
	case map[string]any:
		first := rune(-1)
		for k, e := range x {
			if c, r := cleanValue(e); r >= 0 {
				x[k], first = c, firstOf(first, r)
			}
		}
		return x, first
	case []any:
		first := rune(-1)
		for i, e := range x {
			if c, r := cleanValue(e); r >= 0 {
				x[i], first = c, firstOf(first, r)
			}
		}
		return x, first
	}
	return v, -1
}

// firstOf is first, or r when first is none yet (-1).
func firstOf(first, r rune) rune {
	if first < 0 {
		return r
	}
	return first
}
