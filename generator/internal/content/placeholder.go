package content

import "bytes"

// Placeholder begins the text `oersite new` writes where the author has to
// write their own ("Replace this with what the learner will be able to
// do..."). A page that still holds it is not published (it is kept as a
// draft) and `oersite check` reports every line that holds it.
const Placeholder = "Replace this with"

// placeholderLines returns the lines (1-based) of data that hold the
// placeholder, or nil; the search costs one scan of the file.
func placeholderLines(data []byte) []int {
	marker := []byte(Placeholder)
	var lines []int
	line, from := 1, 0
	for {
		i := bytes.Index(data[from:], marker)
		if i < 0 {
			return lines
		}
		line += bytes.Count(data[from:from+i], []byte("\n"))
		lines = append(lines, line)
		next := bytes.IndexByte(data[from+i:], '\n')
		if next < 0 {
			return lines
		}
		from += i + next + 1
		line++
	}
}
