package content

import (
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// A YAML parser's message names the grammar rule a line broke ("mapping
// values are not allowed in this context"), which a trainer cannot act on,
// and yaml.v3 leaves the line out of some. yamlExplained reads the front
// matter's lines for the mistake behind the commonest messages and says it
// in the author's terms, with the line and, where it can, the line as it
// should be written.

// yamlLine is one "key: value" line of YAML front matter.
type yamlLine struct {
	n          int    // 1-based, within the front matter
	indented   bool   // it starts with white space
	lead       string // that white space
	tab        bool   // a tab is in that white space
	key, value string // value trimmed; both empty when the line is not key: value
}

// yamlLines splits front matter into lines, reading the key and value of
// each "key: value" line.
func yamlLines(text []byte) []yamlLine {
	var out []yamlLine
	for i, l := range strings.Split(string(text), "\n") {
		t := strings.TrimSpace(l)
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		yl := yamlLine{n: i + 1, indented: lead != "", lead: lead, tab: strings.Contains(lead, "\t") && t != ""}
		if k, v, ok := strings.Cut(t, ":"); ok && k != "" && !strings.ContainsAny(k[:1], `-#"'[{`) && !strings.ContainsAny(k, " \t") {
			if v == "" || v[0] == ' ' || v[0] == '\t' {
				yl.key, yl.value = k, strings.TrimSpace(v)
			}
		}
		out = append(out, yl)
	}
	return out
}

// explanation is a front matter mistake said for authors: at line (within the
// front matter; 0 when not found), format and args, what to do, and the
// line as it should be written (fix) when there is one sure correction.
type explanation struct {
	line   int
	format string
	args   []any
	hint   string
	fix    string
}

// at is the explanation as the error of a file whose front matter starts
// at line start.
func (x explanation) at(start int) *fmError {
	return &fmError{line: start + x.line - 1, format: x.format, args: x.args, hint: x.hint, fix: x.fix}
}

// yamlExplained explains the parser's message msg about text, which
// reported line (0: none); false when it is not one it knows.
func yamlExplained(msg string, text []byte, line int) (explanation, bool) {
	y := yamlText{lines: yamlLines(text), text: text, reported: line}
	for _, e := range []struct {
		says    []string // any of these in the parser's message
		explain func(yamlText) (explanation, bool)
	}{
		{[]string{"tab character", "cannot start any token"}, yamlText.tab},
		{[]string{"mapping values are not allowed"}, yamlText.colon},
		{[]string{"cannot start any token", "unknown anchor"}, yamlText.reservedStart},
		{[]string{"unexpected end of stream"}, yamlText.unclosed},
		{[]string{"expected ',' or ']'", "expected ',' or '}'"}, yamlText.openBracket},
		{[]string{"did not find expected key"}, yamlText.afterValue},
		{[]string{"could not find expected ':'"}, yamlText.noColon},
		{[]string{"block sequence entries are not allowed"}, yamlText.itemBesideKey},
		{[]string{"unknown escape character", "expected hexdecimal number"}, yamlText.backslash},
	} {
		for _, said := range e.says {
			if strings.Contains(msg, said) {
				if x, ok := e.explain(y); ok {
					return x, true
				}
				break
			}
		}
	}
	return explanation{}, false
}

// yamlText is front matter that does not parse, read line by line.
type yamlText struct {
	lines    []yamlLine
	text     []byte
	reported int // the parser's line, or 0
}

// find is the first line that match accepts.
func (y yamlText) find(match func(yamlLine) bool) (yamlLine, bool) {
	for _, l := range y.lines {
		if match(l) {
			return l, true
		}
	}
	return yamlLine{}, false
}

// at is line n (1-based), or an empty line.
func (y yamlText) at(n int) yamlLine {
	if n >= 1 && n <= len(y.lines) {
		return y.lines[n-1]
	}
	return yamlLine{}
}

func (y yamlText) tab() (explanation, bool) {
	l, ok := y.find(func(l yamlLine) bool { return l.tab })
	return explanation{line: l.n, format: "this line is indented with a tab: YAML indents with spaces only",
		hint: "replace the tab with two spaces"}, ok
}

func (y yamlText) colon() (explanation, bool) {
	colon := func(l yamlLine) bool { return unquoted(l.value) && strings.Contains(l.value, ": ") }
	l, ok := y.at(y.reported), colon(y.at(y.reported))
	if !ok {
		l, ok = y.find(func(l yamlLine) bool { return !l.indented && colon(l) })
	}
	if ok {
		text, comment := splitComment(l.value)
		line := l.key + ": " + quoteYAML(uncurled(text)) + comment
		return explanation{line: l.n,
			format: "the value of %s holds a colon followed by a space, which YAML reads as the start of another key", args: []any{l.key},
			hint: diag.Hintf("put the value in quotes: %s", line), fix: l.lead + line}, true
	}
	if l := y.at(y.reported); l.indented && l.key != "" && y.at(y.reported-1).value != "" {
		fix := l.key + ": " + l.value
		return explanation{line: l.n, format: "this line is indented as if it belonged to the line above, which already has its value",
			hint: diag.Hintf("start it at the beginning of the line: %s", fix), fix: fix}, true
	}
	return explanation{}, false
}

func (y yamlText) reservedStart() (explanation, bool) {
	l, ok := y.find(func(l yamlLine) bool { return l.value != "" && strings.ContainsAny(l.value[:1], "@`*") })
	if !ok {
		return explanation{}, false
	}
	line := l.key + ": " + quoteYAML(l.value)
	return explanation{line: l.n, format: "the value of %s starts with %q, which YAML keeps for other uses", args: []any{l.key, l.value[:1]},
		hint: diag.Hintf("put the value in quotes: %s", line), fix: l.lead + line}, true
}

func (y yamlText) unclosed() (explanation, bool) {
	l, ok := y.find(func(l yamlLine) bool { return unclosedQuote(l.value) })
	if !ok {
		return explanation{}, false
	}
	line := l.key + ": " + l.value + l.value[:1]
	return explanation{line: l.n, format: "the quotation mark that opens the value of %s is never closed", args: []any{l.key},
		hint: diag.Hintf("end the value with the same mark, on the same line: %s", line), fix: l.lead + line}, true
}

func (y yamlText) openBracket() (explanation, bool) {
	n := unbalancedLine(y.text)
	return explanation{line: n, format: "a list opened with [ (or a group opened with {) on this line is not closed",
		hint: "close it on the same line: tags: [phones, photos]"}, n > 0
}

func (y yamlText) afterValue() (explanation, bool) {
	if l, ok := y.find(func(l yamlLine) bool { return textAfterQuote(l.value) }); ok {
		line := l.key + ": " + quoteYAML(l.value)
		return explanation{line: l.n, format: "text follows the closing quotation mark of the value of %s", args: []any{l.key},
			hint: diag.Hintf("put the whole value in quotes: %s", line), fix: l.lead + line}, true
	}
	l, ok := y.find(func(l yamlLine) bool { return strings.Count(l.value, "]") > strings.Count(l.value, "[") })
	return explanation{line: l.n, format: "a ] on this line closes no list", hint: "remove it, or open the list with ["}, ok
}

func (y yamlText) noColon() (explanation, bool) {
	return explanation{line: y.reported, format: "this line is not written as key: value",
		hint: `write the key, a colon and a space, then the value ("summary: What the page teaches"), or join the line to the value above it inside quotes`}, y.reported > 0
}

func (y yamlText) itemBesideKey() (explanation, bool) {
	l, ok := y.find(func(l yamlLine) bool { return strings.HasPrefix(l.value, "- ") })
	if !ok {
		return explanation{}, false
	}
	return explanation{line: l.n, format: "a list item (- …) is on the same line as %s", args: []any{l.key},
		hint: diag.Hintf("put each item on a line of its own below the key, or write %s", l.key+": ["+strings.TrimPrefix(l.value, "- ")+"]")}, true
}

func (y yamlText) backslash() (explanation, bool) {
	escaped := func(l yamlLine) bool {
		return len(l.value) >= 2 && l.value[0] == '"' && strings.HasSuffix(l.value, `"`) && strings.Contains(l.value, `\`)
	}
	l, ok := y.at(y.reported), escaped(y.at(y.reported))
	if !ok {
		l, ok = y.find(escaped)
	}
	if !ok {
		return explanation{}, false
	}
	line := l.key + ": '" + strings.ReplaceAll(l.value[1:len(l.value)-1], "'", "''") + "'"
	return explanation{line: l.n, format: `the value of %s holds a backslash (\), which starts a special character inside double quotation marks`, args: []any{l.key},
		hint: diag.Hintf("put the value in single quotation marks, where a backslash is only a backslash: %s", line), fix: l.lead + line}, true
}

// unquoted reports whether a value is plain text, not in quotes, a list or
// a block.
func unquoted(v string) bool {
	return v != "" && !strings.ContainsAny(v[:1], `"'[{|>&*!`)
}

// unclosedQuote reports whether a value opens a quotation it does not close
// on its line.
func unclosedQuote(v string) bool {
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return false
	}
	return closingQuote(v) < 0
}

// textAfterQuote reports whether text follows a quoted value's closing mark
// ("Title" and more), a comment aside.
func textAfterQuote(v string) bool {
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return false
	}
	end := closingQuote(v)
	if end < 0 {
		return false
	}
	rest := strings.TrimSpace(v[end+1:])
	return rest != "" && !strings.HasPrefix(rest, "#")
}

// closingQuote is the index of the mark closing v's opening quotation
// mark, or -1: a double quote not escaped by a backslash, or a single quote
// not doubled.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// quoteYAML writes a value as a quoted YAML string: in single quotes when
// it holds a double quote or a backslash (where they mean themselves), else
// in double quotes.
// splitComment splits a value written without quotation marks into its
// text and the comment after it (" # …", "" for none): YAML and TOML both
// read " #" there as the start of a comment, which a corrected line keeps
// after the quoted text.
func splitComment(v string) (text, comment string) {
	text, comment, found := strings.Cut(v, " #")
	if found {
		comment = " #" + comment
	}
	return strings.TrimSpace(text), comment
}

// uncurled is v without the typographic quotation marks around it (“…”,
// „…“, ‘…’), which a word processor puts where the author meant quotation
// marks that YAML and TOML read; v as it is otherwise.
func uncurled(v string) string {
	for _, q := range [][2]string{{"“", "”"}, {"„", "“"}, {"‘", "’"}} {
		if inner, ok := strings.CutPrefix(v, q[0]); ok && strings.HasSuffix(inner, q[1]) && len(inner) > len(q[1]) {
			return strings.TrimSuffix(inner, q[1])
		}
	}
	return v
}

func quoteYAML(v string) string {
	if strings.ContainsAny(v, `"\`) {
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return strconv.Quote(v)
}
