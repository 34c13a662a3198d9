package editor

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/oersite/oersite/generator/internal/diag"
)

// tomlFront is TOML front matter (between +++ lines, as Hugo sites write
// it) edited line by line: a field's value is replaced where it is
// written, keeping its line's indentation and comment; a field not there
// yet is added after the last top-level key; every other line stays as the
// author wrote it.
type tomlFront struct {
	open, close string         // the +++ lines as written (close with its \n)
	lines       []string       // between them, each but the last ended by \n in the file
	values      map[string]any // as decoded
	entries     map[string]tomlEntry
	top         int // the line before which a new top-level key goes: the first table's header, or the end
}

// tomlEntry is where a top-level key's value is written: lines first to
// last (a list or a text may run over several).
type tomlEntry struct {
	first, last int
	lead, key   string   // the indentation and the key as written ("title", or "\"title\"")
	comment     string   // the trailing comment of the value's last line, with the space before it
	inner       []string // the comments of its other lines (a list written one item per line)
	raw         string   // the value as written on its one line ("" when it runs over several)
}

var tomlEntryRE = regexp.MustCompile(`^(\s*)("[^"\\]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*(.*)$`)

// parseTOMLFront reads the front matter's text (without its +++ lines).
func parseTOMLFront(text string) (*tomlFront, error) {
	t := &tomlFront{lines: strings.Split(text, "\n"), values: map[string]any{}, entries: map[string]tomlEntry{}}
	if _, err := toml.Decode(text, &t.values); err != nil {
		return nil, fmt.Errorf("the front matter does not parse: %v", err)
	}
	t.top = len(t.lines)
	for i := 0; i < len(t.lines); i++ {
		line := t.lines[i]
		if strings.HasPrefix(strings.TrimSpace(line), "[") {
			t.top = i // a table's header: the keys below are the table's
			break
		}
		m := tomlEntryRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		e := tomlEntry{first: i, last: i, lead: m[1], key: m[2]}
		s := valueScan{}
		s.line(m[3])
		for !s.done() && e.last+1 < len(t.lines) {
			read := t.lines[e.last] // the part of the line valueScan read
			if e.last == e.first {
				read = m[3]
			}
			if s.end < len(read) {
				e.inner = append(e.inner, strings.TrimSpace(read[s.end:]))
			}
			e.last++
			s.line(t.lines[e.last])
		}
		last := m[3]
		if e.last > e.first {
			last = t.lines[e.last]
		}
		if s.end < len(last) { // the comment, with the space before it
			e.comment = last[len(strings.TrimRight(last[:s.end], " \t")):]
		}
		if e.first == e.last {
			e.raw = strings.TrimRight(m[3][:s.end], " \t")
		}
		t.entries[strings.Trim(m[2], `"'`)] = e
		i = e.last
	}
	return t, nil
}

// valueScan follows a TOML value over lines: its brackets and quotation
// marks, and where a comment starts on the last line read (end).
type valueScan struct {
	depth int
	quote string // the open string's delimiter, "" outside one
	end   int    // on the last line, where the value ends (a comment or the line's end)
}

func (s *valueScan) line(l string) {
	s.end = len(l)
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case s.quote != "":
			if c == '\\' && !strings.HasPrefix(s.quote, "'") {
				i++
			} else if strings.HasPrefix(l[i:], s.quote) {
				i += len(s.quote) - 1
				s.quote = ""
			}
		case strings.HasPrefix(l[i:], `"""`) || strings.HasPrefix(l[i:], `'''`):
			s.quote = l[i : i+3]
			i += 2
		case c == '"' || c == '\'':
			s.quote = string(c)
		case c == '[' || c == '{':
			s.depth++
		case c == ']' || c == '}':
			s.depth--
		case c == '#':
			s.end = i
			return
		}
	}
	if len(s.quote) == 1 {
		s.quote = "" // a one-line string never closed: the decoder has refused it already
	}
}

func (s *valueScan) done() bool { return s.depth <= 0 && s.quote == "" }

// get is a field's value as the form shows it (see file.get).
func (t *tomlFront) get(key string) string {
	v, ok := t.values[key]
	if table, isTable := v.(map[string]any); isTable {
		v, ok = table["url"]
	}
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case []any:
		items := make([]string, len(v))
		for i, it := range v {
			items[i] = fmt.Sprint(it)
		}
		return strings.Join(items, "\n")
	case time.Time:
		if e, found := t.entries[key]; found && e.raw != "" {
			return e.raw // as written: a local date stays without a time
		}
		return v.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// set writes a field's value from the form (see file.set). A value the
// form cannot place (a key set inside a table of other keys, written
// inline) is refused rather than changed elsewhere.
func (t *tomlFront) set(fd field, raw string) error {
	raw = strings.TrimSpace(strings.ReplaceAll(raw, "\r", ""))
	var items []string
	if fd.Kind.list() {
		items = splitItems(raw, fd.Kind == kindKeywords)
		raw = strings.Join(items, "\n")
	}
	if raw == t.get(fd.Key) {
		return nil // unchanged: keep it as written
	}
	value := tomlValue(fd.Kind, raw, items)
	if table, isTable := t.values[fd.Key].(map[string]any); isTable {
		return t.setTableURL(fd.Key, table, value)
	}
	e, found := t.entries[fd.Key]
	if !found {
		if raw == "" || fd.Kind == kindBool && raw == "false" {
			return nil
		}
		t.insert(t.lastTopLine()+1, fd.Key+" = "+value)
		return nil
	}
	lines := make([]string, 0, len(e.inner)+1)
	for _, c := range e.inner { // the comments of a list's lines, kept above it
		lines = append(lines, e.lead+c)
	}
	t.replace(e, append(lines, e.lead+e.key+" = "+value+e.comment)...)
	return nil
}

// setTableURL writes the url of a field written as a table of its own
// ([recording] with url = …).
func (t *tomlFront) setTableURL(key string, table map[string]any, value string) error {
	header := regexp.MustCompile(`^\s*\[\s*"?` + regexp.QuoteMeta(key) + `"?\s*\]\s*(#.*)?$`)
	for i := t.top; i < len(t.lines); i++ {
		if !header.MatchString(t.lines[i]) {
			continue
		}
		for j := i + 1; j < len(t.lines) && !strings.HasPrefix(strings.TrimSpace(t.lines[j]), "["); j++ {
			if m := tomlEntryRE.FindStringSubmatch(t.lines[j]); m != nil && strings.Trim(m[2], `"'`) == "url" {
				s := valueScan{}
				s.line(m[3])
				t.lines[j] = m[1] + m[2] + " = " + value + m[3][len(strings.TrimRight(m[3][:s.end], " \t")):]
				return nil
			}
		}
		t.insert(i+1, "url = "+value)
		return nil
	}
	return diag.Phrasef("%s is written as a table on one line; change its address in the page's text", key)
}

// lastTopLine is the last line of the last top-level key (-1: none).
func (t *tomlFront) lastTopLine() int {
	last := -1
	for _, e := range t.entries {
		last = max(last, e.last)
	}
	return last
}

// replace puts lines in place of e's, the last holding its value, and
// shifts the entries below.
func (t *tomlFront) replace(e tomlEntry, lines ...string) {
	t.lines = append(t.lines[:e.first], append(lines, t.lines[e.last+1:]...)...)
	t.shift(e.first, len(lines)-1-(e.last-e.first))
	e.first += len(lines) - 1
	e.last, e.raw, e.inner = e.first, "", nil
	t.entries[strings.Trim(e.key, `"'`)] = e
}

// insert adds line before line i.
func (t *tomlFront) insert(i int, line string) {
	t.lines = append(t.lines[:i], append([]string{line}, t.lines[i:]...)...)
	t.shift(i-1, 1)
}

// shift moves the entries after line i, and the tables' start, by n lines.
func (t *tomlFront) shift(i, n int) {
	for k, e := range t.entries {
		if e.first > i {
			e.first, e.last = e.first+n, e.last+n
			t.entries[k] = e
		}
	}
	if t.top > i {
		t.top += n
	}
}

// text is the front matter as written back, without its +++ lines.
func (t *tomlFront) text() string { return strings.Join(t.lines, "\n") }

// check reads the edited front matter again: a value written wrong
// (which should not happen) is refused before the file is replaced.
func (t *tomlFront) check() error {
	var v map[string]any
	if _, err := toml.Decode(t.text(), &v); err != nil {
		return errors.New("the edited TOML front matter does not parse: " + err.Error())
	}
	return nil
}

// tomlValue is a form's value as TOML writes it for the field's kind: a
// number, a tick box and a date as themselves when they are one, a list
// as ["a", "b"], the rest in quotation marks.
func tomlValue(kind fieldKind, raw string, items []string) string {
	switch {
	case kind.list():
		quoted := make([]string, len(items))
		for i, it := range items {
			quoted[i] = tomlString(it)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	case kind == kindNumber && isTOMLInt(raw), kind == kindBool && (raw == "true" || raw == "false"):
		return raw
	case kind == kindDateTime && isTOMLDate(raw):
		return raw
	}
	return tomlString(raw)
}

func isTOMLInt(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil && !strings.HasPrefix(s, "+") && (s == "0" || !strings.HasPrefix(strings.TrimPrefix(s, "-"), "0"))
}

func isTOMLDate(s string) bool {
	var v map[string]any
	_, err := toml.Decode("d = "+s, &v)
	_, isDate := v["d"].(time.Time)
	return err == nil && isDate
}

// tomlString is text in TOML's double quotation marks.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t' || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
