package content

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TOML front matter (between +++ lines, as Hugo writes it) fails for the
// same few reasons as YAML: text without quotation marks, a quotation mark
// never closed, a key written twice, a backslash in double quotation marks;
// and, in pages moved from YAML, a colon where TOML wants =. tomlExplained
// says these in an author's terms, as yamlExplained does for YAML.

// tomlLine is one line of TOML front matter read as key = value (or as
// key: value, a YAML habit).
type tomlLine struct {
	n          int // 1-based, within the front matter
	lead       string
	key, value string // both empty when the line is neither
	colon      bool   // written key: value
}

var tomlKeyRE = regexp.MustCompile(`^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*([=:])\s*(.*)$`)

func readTOMLLine(n int, l string) tomlLine {
	t := strings.TrimSpace(l)
	tl := tomlLine{n: n, lead: l[:len(l)-len(strings.TrimLeft(l, " \t"))]}
	if m := tomlKeyRE.FindStringSubmatch(t); m != nil {
		tl.key, tl.colon, tl.value = m[1], m[2] == ":", strings.TrimSpace(m[3])
	}
	return tl
}

// tomlExplained explains the TOML parser's message msg about text, at the
// parser's line (1-based, in the front matter); start is the file's line of
// the front matter's first, for messages that name another line. False
// when it is not a mistake it knows.
func tomlExplained(msg string, text []byte, line, start int) (explanation, bool) {
	lines := strings.Split(string(text), "\n")
	if line < 1 || line > len(lines) {
		return explanation{}, false
	}
	l := readTOMLLine(line, lines[line-1])
	if l.key == "" {
		return explanation{}, false
	}
	switch {
	case strings.Contains(msg, "but got ':'") && l.colon:
		want := l.key + " = " + tomlValue(l.value)
		return l.corrected("this line sets %s with a colon, as YAML does: between +++ lines, TOML sets a key with an equals sign",
			diag.Hintf("write it with an equals sign: %s", want), want), true
	case strings.Contains(msg, "expected value but found") && bareList(l.value):
		want := l.key + " = " + quoteTOMLItems(l.value)
		return l.corrected("the items of the list %s are text without quotation marks: TOML needs them around each item",
			diag.Hintf("put each item in quotes: %s", want), want), true
	case strings.Contains(msg, "expected value but found") && startsAsText(l.value):
		text, comment := splitComment(l.value)
		want := l.key + " = " + quoteTOML(uncurled(text)) + comment
		return l.corrected("the value of %s is text without quotation marks: TOML needs them around text",
			diag.Hintf("put the value in quotes: %s", want), want), true
	case (strings.Contains(msg, "cannot contain newlines") || strings.Contains(msg, "unexpected EOF")) && unclosedQuote(l.value):
		want := l.key + " = " + l.value + l.value[:1]
		return l.corrected("the quotation mark that opens the value of %s is never closed",
			diag.Hintf("end the value with the same mark, on the same line: %s", want), want), true
	case strings.Contains(msg, "to end with a newline") && textAfterQuote(l.value):
		want := l.key + " = " + quoteTOML(l.value)
		return l.corrected("text follows the closing quotation mark of the value of %s",
			diag.Hintf("put the whole value in quotes: %s", want), want), true
	case (strings.Contains(msg, `after '\`) || strings.Contains(msg, "invalid escape")) && strings.HasPrefix(l.value, `"`) && literalQuotable(l.value):
		want := l.key + " = " + "'" + l.value[1:len(l.value)-1] + "'"
		return l.corrected(`the value of %s holds a backslash (\), which starts a special character inside double quotation marks`,
			diag.Hintf("put the value in single quotation marks, where a backslash is only a backslash: %s", want), want), true
	case strings.Contains(msg, "has already been defined"):
		for i := 1; i < line; i++ {
			if o := readTOMLLine(i, lines[i-1]); o.key == l.key && o.lead == l.lead {
				return explanation{line: line, format: "%s is set twice in the front matter, here and at line %d: only one of the two can be kept",
					args: []any{l.key, start + i - 1}, hint: "keep one of the two lines and delete the other"}, true
			}
		}
	}
	return explanation{}, false
}

// corrected is the explanation of a mistake in l's value (format, whose
// argument is l's key), with what to do (hint) and want, l as it should be
// written.
func (l tomlLine) corrected(format, hint, want string) explanation {
	return explanation{line: l.n, format: format, args: []any{l.key}, hint: hint, fix: l.lead + want}
}

// tomlValue is a value written after a colon, as TOML wants it after =:
// text in quotation marks, the rest (a number, true, a date, a list, text
// already quoted) as it is.
func tomlValue(v string) string {
	if v == "" || strings.ContainsAny(v[:1], `"'[{0123456789-+`) || v == "true" || v == "false" {
		return v
	}
	return quoteTOML(v)
}

// quoteTOML puts text in TOML quotation marks: single ones (where nothing
// is escaped) when it holds a backslash or a double quotation mark, else
// double ones.
func quoteTOML(v string) string {
	if strings.ContainsAny(v, `"\`) && !strings.Contains(v, "'") {
		return "'" + v + "'"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// quoteTOMLItems is a list written [a, b] as ["a", "b"]: each item in
// quotation marks unless it has them, or is a number or true or false.
func quoteTOMLItems(v string) string {
	inner := strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	items := strings.Split(inner, ",")
	for i, it := range items {
		items[i] = tomlValue(strings.TrimSpace(it))
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// literalQuotable reports whether a value in double quotation marks, as
// the author wrote it, can be put between single ones unchanged: it ends
// with its closing mark and holds no single quotation mark.
func literalQuotable(v string) bool {
	return len(v) >= 2 && strings.HasSuffix(v, `"`) && !strings.Contains(v[1:len(v)-1], "'")
}

// startsAsText reports whether a value the TOML parser refused begins as
// text would (a letter, or a typographic quotation mark): "= 3" is another
// mistake than text without quotation marks.
func startsAsText(v string) bool {
	r, _ := utf8.DecodeRuneInString(v)
	return unicode.IsLetter(r) || strings.ContainsRune("“„‘«", r)
}

// bareList reports whether a value is a list on one line whose items hold
// no quotation marks ([phones, photos]): each item can be quoted as it is.
// A list over several lines, or one mixing quoted items, is left to the
// parser's words.
func bareList(v string) bool {
	return strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") && !strings.ContainsAny(v, `"'`)
}
