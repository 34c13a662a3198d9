package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
)

// JSON front matter is rarely written by hand, and when it is, the mistakes
// are JavaScript's habits: a comma after the last item, a comma left out
// between two lines, keys or text without quotation marks or in single ones,
// a comment, a Windows path's backslashes. The decoder's message ("invalid
// character '}' looking for beginning of object key string") names none of
// them; jsonExplained does, at the line to change, with the line as it
// should be written.

// jsonText is front matter in JSON (from its opening brace) and the byte
// the decoder stopped at.
type jsonText struct {
	text  []byte
	at    int      // offset of the byte the decoder refused
	lines []string // text's lines, without line endings
}

var jsonKeyRE = regexp.MustCompile(`^(\s*)"((?:[^"\\]|\\.)*)"\s*:\s*`)

// jsonExplained explains the decoder's error err about text; the
// explanation's line is counted from text's first. False when it is not a
// mistake it knows.
func jsonExplained(err error, text []byte) (explanation, bool) {
	var se *json.SyntaxError
	if !errors.As(err, &se) || se.Offset < 1 || int(se.Offset) > len(text) {
		return explanation{}, false
	}
	lines := strings.Split(string(text), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	j := jsonText{text: text, at: int(se.Offset) - 1, lines: lines}
	msg, c := se.Error(), text[j.at]
	switch {
	case strings.Contains(msg, "looking for beginning of") && (c == '}' || c == ']'):
		return j.trailingComma()
	case strings.Contains(msg, "after object key:value pair") || strings.Contains(msg, "after array element"):
		return j.missingComma()
	case strings.Contains(msg, "after object key"):
		return j.missingColon()
	case c == '/' && j.at+1 < len(text) && (text[j.at+1] == '/' || text[j.at+1] == '*'):
		return j.comment()
	case c == '\'':
		return j.singleQuoted()
	case strings.Contains(msg, "looking for beginning of object key string"):
		return j.bareKey()
	case strings.Contains(msg, "looking for beginning of value"):
		return j.bareValue()
	case strings.Contains(msg, "in string escape code"):
		return j.backslash()
	case strings.Contains(msg, "in string literal") && (c == '\n' || c == '\r'):
		return j.unclosed()
	}
	return explanation{}, false
}

// lineOf is the 1-based line of offset i and i's column in it.
func (j jsonText) lineOf(i int) (n, col int) {
	start := bytes.LastIndexByte(j.text[:i], '\n') + 1
	return 1 + bytes.Count(j.text[:i], []byte("\n")), i - start
}

// before is the offset of the last byte before i that is not white space
// (-1: none).
func (j jsonText) before(i int) int {
	for i--; i >= 0; i-- {
		if !strings.ContainsRune(" \t\r\n", rune(j.text[i])) {
			return i
		}
	}
	return -1
}

// opener is the bracket ({ or [) of the innermost object or list open
// at offset i, outside text in quotation marks; 0 when none is.
func (j jsonText) opener(i int) byte {
	var open []byte
	quoted := false
	for k := 0; k < i; k++ {
		switch c := j.text[k]; {
		case quoted && c == '\\':
			k++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '{' || c == '[':
			open = append(open, c)
		case (c == '}' || c == ']') && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return 0
	}
	return open[len(open)-1]
}

// key is the key set on line n, if the line starts with one.
func (j jsonText) key(n int) (key, lead, rest string, ok bool) {
	l := j.lines[n-1]
	m := jsonKeyRE.FindStringSubmatchIndex(l)
	if m == nil {
		return "", "", "", false
	}
	return l[m[4]:m[5]], l[:m[1]], l[m[1]:], true
}

// corrected is the explanation of a mistake on line n: format and its
// args, what to do (hint, which shows want without its indentation) and
// want, the line as it should be written.
func (j jsonText) corrected(n int, format string, args []any, hint, want string) (explanation, bool) {
	return explanation{line: n, format: format, args: args, hint: hint, fix: want}, true
}

// trailingComma: {"tags": ["a", "b",]} or a comma after a key's line
// before the closing brace.
func (j jsonText) trailingComma() (explanation, bool) {
	p := j.before(j.at)
	if p < 0 || j.text[p] != ',' || j.opener(p) != map[byte]byte{'}': '{', ']': '['}[j.text[j.at]] {
		return explanation{}, false // ["a", } is a list never closed
	}
	n, col := j.lineOf(p)
	l := j.lines[n-1]
	want := strings.TrimRight(l[:col], " \t") + l[col+1:]
	if strings.TrimSpace(want) == "" {
		return explanation{}, false
	}
	return j.corrected(n, "a comma comes before the closing %s: JSON allows no comma after the last item",
		[]any{string(j.text[j.at])}, diag.Hintf("delete that comma: %s", strings.TrimSpace(want)), want)
}

// missingComma: two items or two keys' lines with no comma between them.
func (j jsonText) missingComma() (explanation, bool) {
	p := j.before(j.at)
	next := map[byte]string{'{': `"`, '[': `"-0123456789[{tfn`}[j.opener(j.at)]
	if p < 0 || !strings.ContainsRune(next, rune(j.text[j.at])) {
		return explanation{}, false // not the start of another item: a brace never closed, perhaps
	}
	n, col := j.lineOf(p)
	l := j.lines[n-1]
	want := l[:col+1] + "," + l[col+1:]
	return j.corrected(n, "a comma is missing after the item that ends on this line: JSON needs one between one item and the next",
		nil, diag.Hintf("add the comma: %s", strings.TrimSpace(want)), want)
}

// missingColon: "title" "Welcome", a key with no colon before its value.
func (j jsonText) missingColon() (explanation, bool) {
	p := j.before(j.at)
	if p < 0 || j.text[p] != '"' {
		return explanation{}, false
	}
	n, col := j.lineOf(p)
	l := j.lines[n-1]
	want := l[:col+1] + ":" + l[col+1:]
	key := strings.TrimSpace(l[:col+1])
	return j.corrected(n, "a colon is missing after the key %s: JSON writes the key, a colon, then the value",
		[]any{strings.Trim(key, `"`)}, diag.Hintf("add the colon: %s", strings.TrimSpace(want)), want)
}

// singleQuoted: 'text' for a key or a value, a JavaScript habit. Every
// single-quoted text on the line becomes double-quoted.
func (j jsonText) singleQuoted() (explanation, bool) {
	n, col := j.lineOf(j.at)
	l := j.lines[n-1]
	var b strings.Builder
	b.WriteString(l[:col])
	rest := l[col:]
	for {
		open := strings.IndexByte(rest, '\'')
		if open < 0 {
			b.WriteString(rest)
			break
		}
		end := strings.IndexByte(rest[open+1:], '\'')
		if end < 0 {
			return explanation{}, false
		}
		b.WriteString(rest[:open])
		b.WriteString(jsonQuote(rest[open+1 : open+1+end]))
		rest = rest[open+1+end+1:]
	}
	want := b.String()
	return j.corrected(n, "this line puts text in single quotation marks: JSON takes double quotation marks only",
		nil, diag.Hintf("use double quotation marks: %s", strings.TrimSpace(want)), want)
}

var bareKeyRE = regexp.MustCompile(`^([\p{L}\p{N}_-]+)(\s*:)`)

// bareKey: title: "Welcome", a key without quotation marks.
func (j jsonText) bareKey() (explanation, bool) {
	n, col := j.lineOf(j.at)
	l := j.lines[n-1]
	m := bareKeyRE.FindStringSubmatch(l[col:])
	if m == nil {
		return explanation{}, false
	}
	want := l[:col] + `"` + m[1] + `"` + l[col+len(m[1]):]
	return j.corrected(n, "the key %s has no quotation marks: JSON needs double quotation marks around each key",
		[]any{m[1]}, diag.Hintf("put the key in double quotation marks: %s", strings.TrimSpace(want)), want)
}

// bareValue: "title": Welcome to the course, or a list of bare words, or
// text in a word processor's typographic quotation marks.
func (j jsonText) bareValue() (explanation, bool) {
	n, col := j.lineOf(j.at)
	key, lead, rest, ok := j.key(n)
	if !ok || col < len(lead) || (col > len(lead) && !strings.HasPrefix(rest, "[")) {
		return explanation{}, false
	}
	value, comma := strings.TrimRight(rest, " \t"), ""
	if v, found := strings.CutSuffix(value, ","); found {
		value, comma = strings.TrimRight(v, " \t"), ","
	}
	if inner, found := strings.CutPrefix(value, "["); found && strings.HasSuffix(inner, "]") && !strings.ContainsAny(inner, `"'`) {
		items := strings.Split(strings.TrimSuffix(inner, "]"), ",")
		for i, it := range items {
			items[i] = jsonQuote(strings.TrimSpace(it))
		}
		want := lead + "[" + strings.Join(items, ", ") + "]" + comma
		return j.corrected(n, "the items of the list %s are text without quotation marks: JSON needs them around each item",
			[]any{key}, diag.Hintf("put each item in quotes: %s", strings.TrimSpace(want)), want)
	}
	if r, _ := utf8.DecodeRuneInString(value); !unicode.IsLetter(r) && !strings.ContainsRune("“„‘«", r) {
		return explanation{}, false
	}
	want := lead + jsonQuote(uncurled(value)) + comma
	return j.corrected(n, "the value of %s is text without quotation marks: JSON needs them around text",
		[]any{key}, diag.Hintf("put the value in quotes: %s", strings.TrimSpace(want)), want)
}

// backslash: "C:\Users\me", a backslash JSON reads as the start of a
// special character. Each backslash of the text becomes two, but those
// already written twice and those before a quotation mark.
func (j jsonText) backslash() (explanation, bool) {
	n, col := j.lineOf(j.at)
	key, lead, rest, ok := j.key(n)
	if !ok || !strings.HasPrefix(rest, `"`) || col < len(lead) {
		return explanation{}, false
	}
	var b strings.Builder
	b.WriteString(lead + `"`)
	i := 1
	for ; i < len(rest); i++ {
		c := rest[i]
		if c == '"' {
			break
		}
		if c == '\\' && i+1 < len(rest) && (rest[i+1] == '\\' || rest[i+1] == '"') {
			b.WriteString(rest[i : i+2])
			i++
			continue
		}
		if c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	if i >= len(rest) {
		return explanation{}, false
	}
	want := b.String() + rest[i:]
	return j.corrected(n, `the value of %s holds a backslash (\), which starts a special character in JSON text`,
		[]any{key}, diag.Hintf("write each backslash twice: %s", strings.TrimSpace(want)), want)
}

// unclosed: "title": "Welcome, whose closing quotation mark is missing.
func (j jsonText) unclosed() (explanation, bool) {
	n, _ := j.lineOf(j.at)
	key, _, rest, ok := j.key(n)
	if !ok || !strings.HasPrefix(rest, `"`) {
		return explanation{}, false
	}
	want := strings.TrimRight(j.lines[n-1], " \t")
	switch body, comma := strings.CutSuffix(want, ","); {
	case comma && j.nextStartsKey(n):
		want = body + `",` // "Welcome, before the next key: the comma was the item's
	case j.nextStartsKey(n):
		want += `",`
	default:
		want += `"`
	}
	return j.corrected(n, "the quotation mark that opens the value of %s is never closed",
		[]any{key}, diag.Hintf("end the value with the same mark, on the same line: %s", strings.TrimSpace(want)), want)
}

// nextStartsKey reports whether the first line after n that is not blank
// sets a key (so the line n needs a comma at its end).
func (j jsonText) nextStartsKey(n int) bool {
	for _, l := range j.lines[n:] {
		if t := strings.TrimSpace(l); t != "" {
			return strings.HasPrefix(t, `"`)
		}
	}
	return false
}

// comment: // or /* */, which JSON does not allow. No line is offered:
// the comment is the author's text, which only the author can move.
func (j jsonText) comment() (explanation, bool) {
	n, _ := j.lineOf(j.at)
	return explanation{line: n, format: "JSON front matter cannot hold comments (// or /* */)",
		hint: "delete the comment, or move what it says into the page's text"}, true
}

// jsonQuote is s as a JSON string, with <, > and & as they are.
func jsonQuote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonKeyTwice finds a key set twice in one object of text (JSON the
// decoder accepted, which keeps the last value and drops the first
// silently); start is the file's line of text's first. False when every
// key is set once.
func jsonKeyTwice(text []byte, start int) (explanation, bool) {
	type object struct {
		keys    map[string]int // key -> line, counted from text's first
		wantKey bool
	}
	var open []*object // nil for a list
	dec := json.NewDecoder(bytes.NewReader(text))
	for {
		tok, err := dec.Token()
		if err != nil {
			return explanation{}, false
		}
		var top *object
		if len(open) > 0 {
			top = open[len(open)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				open = append(open, &object{keys: map[string]int{}, wantKey: true})
			case '[':
				open = append(open, nil)
			default:
				open = open[:len(open)-1]
				if len(open) > 0 && open[len(open)-1] != nil {
					open[len(open)-1].wantKey = true
				}
			}
			continue
		case string:
			if top != nil && top.wantKey {
				line := 1 + bytes.Count(text[:dec.InputOffset()], []byte("\n"))
				if first, seen := top.keys[t]; seen {
					return explanation{line: line, format: "%s is set twice in the front matter, here and at line %d: only one of the two can be kept",
						args: []any{t, start + first - 1}, hint: "keep one of the two lines and delete the other"}, true
				}
				top.keys[t], top.wantKey = line, false
				continue
			}
		}
		if top != nil {
			top.wantKey = true
		}
	}
}
