package content

import (
	"bytes"
	"cmp"
	"slices"
	"unicode/utf8"
)

// A placeholder begins the text `oersite new` writes where the author has
// to write their own ("Replace this with what the learner will be able to
// do...", "Remplacez ceci par..."). A page that still holds one is not
// published (it is kept as a draft) and `oersite check` reports every line
// that holds one. A page is checked for the placeholder of every language,
// whatever its own: a starting text copied from another tree is caught too.

// placeholders lists the placeholder of each language oersite writes
// starting texts in, English first.
func placeholders() [][2]string {
	return [][2]string{
		{"en", "Replace this with"},
		{"bg", "Заменете това с"},
		{"de", "Ersetzen Sie dies durch"},
		{"es", "Sustituya esto por"},
		{"fr", "Remplacez ceci par"},
		{"is", "Skiptu þessu út fyrir"},
		{"it", "Sostituisca questo testo con"},
		{"nl", "Vervang dit door"},
	}
}

// PlaceholderIn is the placeholder of lang's starting texts, English's for
// a language that has none of its own.
func PlaceholderIn(lang string) string {
	all := placeholders()
	for _, p := range all {
		if p[0] == lang {
			return p[1]
		}
	}
	return all[0][1]
}

// PlaceholderLine is a line of a page that holds a placeholder.
type PlaceholderLine struct {
	Line int    // 1-based
	Text string // the placeholder it holds
}

// placeholderLines returns the lines of data that hold a placeholder, in
// order, one entry per line, or nil.
func placeholderLines(data []byte) []PlaceholderLine {
	var lines []PlaceholderLine
	for _, p := range placeholders() {
		lines = appendPlaceholderLines(lines, data, p[1])
	}
	slices.SortStableFunc(lines, func(a, b PlaceholderLine) int { return cmp.Compare(a.Line, b.Line) })
	return slices.CompactFunc(lines, func(a, b PlaceholderLine) bool { return a.Line == b.Line })
}

// appendPlaceholderLines appends the lines of data holding marker: one scan
// of the file, one entry per line. A marker that starts with a letter
// outside ASCII is looked for from its second byte, which is rare where the
// first is common (in Cyrillic text every other byte is 0xD0 or 0xD1): a
// Bulgarian page is scanned about as fast as an English one.
func appendPlaceholderLines(lines []PlaceholderLine, data []byte, marker string) []PlaceholderLine {
	m, skip := []byte(marker), 0
	if m[0] >= utf8.RuneSelf {
		skip = 1
	}
	line, from, counted := 1, 0, 0 // counted: the newlines before from are in line
	for from < len(data) {
		i := bytes.Index(data[from:], m[skip:])
		if i < 0 {
			return lines
		}
		at := from + i - skip
		if at < 0 || !bytes.HasPrefix(data[at:], m) {
			from += i + 1
			continue
		}
		line += bytes.Count(data[counted:at], []byte("\n"))
		lines = append(lines, PlaceholderLine{Line: line, Text: marker})
		next := bytes.IndexByte(data[at:], '\n')
		if next < 0 {
			return lines
		}
		from = at + next + 1
		counted, line = from, line+1
	}
	return lines
}
