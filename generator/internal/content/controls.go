package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
)

// controlHint is what to do about a control character in a page's file.
const controlHint = "delete it in your editor; such characters often come with text pasted from a word processor"

// dropControls leaves out of data the control characters a web page cannot
// hold (HTML allows none but tab, line feed, form feed and carriage
// return): a vertical tab pasted from a word processor, an escape, a
// backspace. It warns once, at the line of the first; the file itself is
// not changed.
func dropControls(p string, data []byte, diags *diag.List) []byte {
	i := firstControl(data)
	if i < 0 {
		return data
	}
	r, _ := utf8.DecodeRune(data[i:])
	line := 1 + bytes.Count(data[:i], []byte("\n"))
	warnControl(p, line, r, diags)
	return bytes.Map(func(r rune) rune {
		if forbiddenControl(r) {
			return -1
		}
		return r
	}, data)
}

func warnControl(p string, line int, r rune, diags *diag.List) {
	diags.Add(diag.Warnf(p, line, controlHint, "an invisible control character (U+%04X) is on this line: a web page cannot show it, so it is left out, with any others in the file", r))
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

// cleanValue is v without forbidden control characters in its strings,
// and the first it held (-1: none, v returned as it is).
func cleanValue(v any) (any, rune) {
	switch x := v.(type) {
	case string:
		i := strings.IndexFunc(x, forbiddenControl)
		if i < 0 {
			return x, -1
		}
		r, _ := utf8.DecodeRuneInString(x[i:])
		return strings.Map(func(r rune) rune {
			if forbiddenControl(r) {
				return -1
			}
			return r
		}, x), r
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

// firstControl is the index of the first forbidden control character in
// data, which is valid UTF-8, or -1: a scan of bytes, as every page's file
// goes through it (C1 controls are 0xC2 0x80 to 0xC2 0x9F in UTF-8).
func firstControl(data []byte) int {
	for i, b := range data {
		switch {
		case b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r', b == 0x7f:
			return i
		case b == 0xc2 && i+1 < len(data) && data[i+1] <= 0x9f:
			return i
		}
	}
	return -1
}

// forbiddenControl reports whether r is a control character that HTML text
// may not contain (C0 and C1 controls and DEL, but not ASCII whitespace).
func forbiddenControl(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r':
		return false
	}
	return r < 0x20 || r >= 0x7f && r <= 0x9f
}
