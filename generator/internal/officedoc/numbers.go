package officedoc

import (
	"fmt"
	"strconv"
	"strings"
)

// maxLevels is how deep lists go: Word's nine levels, OpenDocument's ten.
const maxLevels = 10

// levelFormat is how one level of a list marks its items: numbered or
// not, and the number its first item carries.
type levelFormat struct {
	ordered bool
	start   int
	task    string // "[ ] " or "[x] " for a bullet that is a check box
	// pattern, format and style are Word's lvlText ("%1.%2"), numFmt
	// ("decimal", "upperRoman") and pStyle (the heading style the level
	// numbers), for numbered headings.
	pattern, format, style string
}

// counter numbers a list's items level by level, as a word processor does:
// an item counts on its level and starts every deeper level again.
type counter struct{ counts [maxLevels]int }

// next counts an item at level and says how many items its level holds
// so far, this one included.
func (k *counter) next(level int) int {
	k.counts[level]++
	for i := level + 1; i < maxLevels; i++ {
		k.counts[i] = 0
	}
	return k.counts[level]
}

// restart makes level and the levels under it count from the start again.
func (k *counter) restart(level int) {
	for i := level; i < maxLevels; i++ {
		k.counts[i] = 0
	}
}

// marker is the Markdown that starts the nth item (1: the first) of a
// level in format f: "- ", or its number ("3. "), so that a list a
// paragraph or a picture interrupted goes on with the number the document
// shows.
func marker(f levelFormat, n int) string {
	if !f.ordered {
		return "- " + f.task
	}
	return strconv.Itoa(min(f.start+n-1, 999_999_999)) + ". "
}

// startValue reads a list's first number; 1 when it is missing or out of
// what Markdown can write (nine digits).
func startValue(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 999_999_999 {
		return 1
	}
	return n
}

// checkBox reads a bullet's glyph: "[ ] " for an empty check box, "[x] "
// for a ticked one (as a task list in Markdown), "" for another bullet.
// Word draws them from Unicode or from the Wingdings font.
func checkBox(glyph string) string {
	switch strings.TrimSpace(glyph) {
	case "☐", "□", "❑", "❒", "\uF0A8", "\uF06F", "\uF071":
		return "[ ] "
	case "☒", "☑", "✅", "\uF0FE", "\uF0FD", "\uF078":
		return "[x] "
	}
	return ""
}

// taskItem moves a check box typed at the start of an item's text ("☐
// Bread") into the item's marker; text comes back without it.
func taskItem(marker, text string) (string, string) {
	if !strings.HasPrefix(marker, "- ") || strings.Contains(marker, "[") {
		return marker, text
	}
	first, rest, ok := strings.Cut(text, " ")
	if box := checkBox(first); ok && box != "" && strings.TrimSpace(rest) != "" {
		return marker + box, strings.TrimSpace(rest)
	}
	return marker, text
}

// headingNumber is the number Word shows before a numbered heading ("2.3"
// of "2.3 Prices"), counted with the lists of its numbering; "" for a
// heading without one. styleID is the paragraph's style, which a level
// of the numbering may name.
func (c *converter) headingNumber(st paraStyle, styleID string) string {
	nb, ok := c.lists[st.numID]
	if st.numID == "" || !ok {
		return ""
	}
	levels := c.formats[nb.abstract]
	level := -1
	if st.ilvl != "" {
		level, _ = strconv.Atoi(st.ilvl)
	}
	for lv := 0; lv < maxLevels && level < 0 && styleID != ""; lv++ {
		if levels[lv].style == styleID {
			level = lv
		}
	}
	if level < 0 {
		level = st.heading - 1
	}
	level = max(0, min(level, maxLevels-1))
	f := levels[level]
	if !f.ordered || f.pattern == "" {
		return ""
	}
	k := c.counters[nb.abstract]
	if k == nil {
		k = &counter{}
		c.counters[nb.abstract] = k
	}
	k.next(level)
	out := f.pattern
	for lv := level; lv >= 0; lv-- { // %10 is no level: Word has nine
		out = strings.ReplaceAll(out, "%"+strconv.Itoa(lv+1), numeral(levels[lv].format, levels[lv].start+k.counts[lv]-1))
	}
	return strings.TrimSpace(out)
}

// numeral writes n in one of Word's number formats: decimal, letters,
// Roman numerals, a leading zero.
func numeral(format string, n int) string {
	switch format {
	case "lowerLetter", "upperLetter":
		s := ""
		for m := max(n, 1); m > 0; m = (m - 1) / 26 {
			s = string(rune('a'+(m-1)%26)) + s
		}
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	}
	return strconv.Itoa(n)
}

// roman writes n (1–3999) in Roman numerals, else in digits.
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, r := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for ; n >= r.v; n -= r.v {
			b.WriteString(r.s)
		}
	}
	return b.String()
}
