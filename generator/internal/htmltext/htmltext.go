// Package htmltext says which characters an HTML page cannot hold, so that
// every reader of authors' text (pages, config.toml) leaves the same ones
// out: control characters other than ASCII white space, and noncharacters.
// The Nu Html Checker refuses a page that holds either.
package htmltext

import (
	"strings"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Forbidden reports whether r is a character that HTML text may not
// contain: a control character (C0 and C1 controls and DEL, but not tab,
// line feed, form feed and carriage return) or a noncharacter.
func Forbidden(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r':
		return false
	}
	return r < 0x20 || r >= 0x7f && r <= 0x9f || Noncharacter(r)
}

// Noncharacter reports whether r is one of the code points Unicode keeps
// out of text (U+FDD0 to U+FDEF and the last two of each plane: U+FFFE, a
// byte order mark read backwards, is the commonest, from a file converted
// with the wrong encoding).
func Noncharacter(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe && r <= utf8.MaxRune
}

// FirstForbidden is the index in data, which is valid UTF-8, of the first
// character Forbidden refuses, or -1. It scans bytes, as every page's file
// goes through it: in UTF-8, C1 controls are 0xC2 0x80 to 0xC2 0x9F;
// U+FDD0 to U+FDEF are 0xEF 0xB7 0x90 to 0xAF; a plane's last two code
// points end 0xBF 0xBE or 0xBF 0xBF after 0xEF (the first plane) or after
// a lead byte and a byte whose low four bits are all set.
func FirstForbidden(data []byte) int {
	for i, b := range data {
		if b-0x20 < 0x5f {
			continue // printable ASCII, most of any text: one comparison
		}
		switch {
		case b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r', b == 0x7f:
			return i
		case b == 0xc2 && i+1 < len(data) && data[i+1] <= 0x9f:
			return i
		case b == 0xef && i+2 < len(data) && (data[i+1] == 0xb7 && data[i+2] >= 0x90 && data[i+2] <= 0xaf ||
			data[i+1] == 0xbf && data[i+2] >= 0xbe):
			return i
		case b >= 0xf0 && i+3 < len(data) && data[i+1]&0x0f == 0x0f && data[i+2] == 0xbf && data[i+3] >= 0xbe:
			return i
		}
	}
	return -1
}

// Clean is s without the characters Forbidden refuses, and the first of
// them it held (-1: none, and s is returned as it is).
func Clean(s string) (string, rune) {
	i := strings.IndexFunc(s, Forbidden)
	if i < 0 {
		return s, -1
	}
	first, _ := utf8.DecodeRuneInString(s[i:])
	return strings.Map(func(r rune) rune {
		if Forbidden(r) {
			return -1
		}
		return r
	}, s), first
}

// LeftOut is the warning that r, the first character in file that
// Forbidden refuses, is left out at line with any others: for a control
// character with controlHint, what to do where that file's kind gets them
// (a pasted vertical tab, an escape in a string); for a noncharacter, with
// what to do about a file converted with the wrong encoding.
func LeftOut(file string, line int, r rune, controlHint string) diag.Diagnostic {
	if Noncharacter(r) {
		return diag.Warnf(file, line, "delete it in your editor; such characters come from a file converted with the wrong encoding",
			"a character that is not meant for text (U+%04X) is on this line: a web page cannot hold it, so it is left out, with any others in the file", r)
	}
	return diag.Warnf(file, line, controlHint,
		"an invisible control character (U+%04X) is on this line: a web page cannot show it, so it is left out, with any others in the file", r)
}
