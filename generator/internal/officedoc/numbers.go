package officedoc

import (
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
