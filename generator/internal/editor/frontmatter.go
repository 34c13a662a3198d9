package editor

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// file is a page's text split where a person would see it: the YAML front
// matter between its --- lines, and the Markdown body after it.
type file struct {
	front *yaml.Node // the front matter's mapping; nil when the page has none, or not in YAML
	toml  *tomlFront // TOML front matter (+++), edited line by line
	other string     // front matter in JSON, kept as it is
	lead  string     // blank lines before the front matter
	body  string
	form  textForm
}

// textForm is what a file's bytes hold beyond its text: \r\n line ends and
// a byte order mark. The editor works on the text (shownText) and writes it
// back in the file's form (written).
type textForm struct{ crlf, bom bool }

func formOf(data []byte) textForm {
	return textForm{crlf: bytes.Contains(data, []byte("\r\n")), bom: bytes.HasPrefix(data, []byte("\uFEFF"))}
}

// shownText is a file's text: no byte order mark, lines ended by \n, as a
// text box shows and sends it back.
func shownText(data []byte) string {
	return strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
}

// written is text as a file of this form holds it.
func (t textForm) written(text string) []byte {
	if t.crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	if t.bom {
		text = "\uFEFF" + text
	}
	return []byte(text)
}

// parseFile splits a page's text. YAML and TOML front matter can be edited
// field by field; a page in JSON keeps its front matter as written.
func parseFile(data []byte) (*file, error) {
	f := &file{form: formOf(data)}
	text := shownText(data)
	if rest := strings.TrimLeft(text, " \t\n"); rest != text && (delimited(rest, "---") || delimited(rest, "+++")) {
		i := strings.LastIndexByte(text[:len(text)-len(rest)], '\n') + 1 // blank lines before the front matter, as a build reads it
		f.lead, text = text[:i], text[i:]
	}
	switch {
	case delimited(text, "+++"):
		open, rest, _ := strings.Cut(text, "\n")
		inner, closing, body, ok := cutClosing(rest, "+++")
		if !ok {
			return nil, errors.New("the front matter is not closed: add a line with +++ after it")
		}
		t, err := parseTOMLFront(inner)
		if err != nil {
			return nil, err
		}
		t.open, t.close = open, closing
		f.toml, f.body = t, body
		return f, nil
	case strings.HasPrefix(text, "{"):
		end := frontEnd(text)
		if end < 0 {
			return nil, errors.New("the front matter is not closed")
		}
		f.other, f.body = text[:end], text[end:]
		return f, nil
	case !delimited(text, "---"):
		f.body = text
		return f, nil
	}
	_, rest, _ := strings.Cut(text, "\n")
	yamlText, _, body, ok := cutClosing(rest, "---")
	if !ok {
		return nil, errors.New("the front matter is not closed: add a line with --- after it")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(yamlText), &doc); err != nil {
		return nil, fmt.Errorf("the front matter does not parse: %v", err)
	}
	switch {
	case doc.Kind == 0:
		f.front = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	case doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode:
		f.front = doc.Content[0]
	default:
		return nil, errors.New("the front matter is not a list of key: value lines")
	}
	f.body = body
	return f, nil
}

// delimited reports whether text opens with a line holding only delim
// (white space after it allowed, as a build reads it).
func delimited(text, delim string) bool {
	first, _, found := strings.Cut(text, "\n")
	return found && strings.TrimRight(first, " \t") == delim
}

// cutClosing splits text after a front matter's opening line at its
// closing line (delim, white space after it allowed): what is between
// (each line with its \n), the closing line as written (with its \n, if
// it has one), and what follows.
func cutClosing(text, delim string) (inner, closing, after string, ok bool) {
	for i := 0; i < len(text); {
		end := strings.IndexByte(text[i:], '\n')
		next := len(text)
		if end >= 0 {
			next = i + end + 1
		}
		if line := text[i:next]; strings.TrimRight(line, " \t\n") == delim {
			return text[:i], line, text[next:], true
		}
		i = next
	}
	return "", "", "", false
}

// frontEnd is where JSON ({...}) front matter ends, or -1.
func frontEnd(text string) int {
	i := strings.Index(text, "\n}\n")
	if i < 0 {
		return -1
	}
	return i + 3
}

// get returns a field's value as the form shows it: a scalar's text, a
// list's items one per line, a table's address (a recording written as
// {url, thumbnail, date}).
func (f *file) get(key string) string {
	if f.toml != nil {
		return f.toml.get(key)
	}
	v := f.value(key)
	if u := urlOf(v); u != nil {
		v = u
	}
	if v == nil {
		return ""
	}
	if v.Kind == yaml.SequenceNode {
		items := make([]string, 0, len(v.Content))
		for _, it := range v.Content {
			items = append(items, it.Value)
		}
		return strings.Join(items, "\n")
	}
	return v.Value
}

func (f *file) value(key string) *yaml.Node {
	if f.front == nil {
		return nil
	}
	for i := 0; i+1 < len(f.front.Content); i += 2 {
		if f.front.Content[i].Value == key {
			return f.front.Content[i+1]
		}
	}
	return nil
}

// set changes one field, keeping its place, its comments and its style; a
// field not there yet is added at the end, and an empty value removes an
// optional field that was absent anyway (it is never written empty).
func (f *file) set(fd field, raw string) error {
	if f.toml != nil {
		return f.toml.set(fd, raw)
	}
	if f.front == nil {
		return nil
	}
	v := f.value(fd.Key)
	if fd.Kind.list() {
		items := splitItems(raw, fd.Kind == kindKeywords)
		if v == nil {
			if len(items) == 0 {
				return nil
			}
			v = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
			f.front.Content = append(f.front.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fd.Key}, v)
		}
		if v.Kind != yaml.SequenceNode {
			*v = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, HeadComment: v.HeadComment, LineComment: v.LineComment}
		}
		old := v.Content
		v.Content = nil
		for i, it := range items {
			n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: it, Style: fd.Kind.style()}
			if i < len(old) {
				n.Style, n.LineComment = old[i].Style, old[i].LineComment
			}
			v.Content = append(v.Content, n)
		}
		return nil
	}
	raw = strings.TrimSpace(strings.ReplaceAll(raw, "\r", ""))
	if u := urlOf(v); u != nil {
		v = u // the form edits a table's address; its other keys stay
	}
	if v == nil {
		if raw == "" || fd.Kind == kindBool && raw == "false" {
			return nil
		}
		v = &yaml.Node{Kind: yaml.ScalarNode}
		f.front.Content = append(f.front.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fd.Key}, v)
		if fd.Kind == kindText || fd.Kind == kindLong {
			v.Style = yaml.DoubleQuotedStyle
		}
	}
	if v.Value == raw && v.Kind == yaml.ScalarNode {
		return nil // unchanged: keep the node as written
	}
	v.Kind, v.Content, v.Value, v.Tag = yaml.ScalarNode, nil, raw, fd.Kind.tag()
	if v.Tag == "!!str" && v.Style == 0 && needsQuotes(raw) {
		v.Style = yaml.DoubleQuotedStyle
	}
	return nil
}

// urlOf returns the url entry of a table such as a recording's {url,
// thumbnail, date}, or nil when v is not such a table.
func urlOf(v *yaml.Node) *yaml.Node {
	if v == nil || v.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value == "url" {
			return v.Content[i+1]
		}
	}
	return nil
}

// needsQuotes says a plain YAML scalar would be read as something else (a
// number, a date, a boolean, a comment...).
func needsQuotes(s string) bool {
	var v any
	if yaml.Unmarshal([]byte(s), &v) != nil {
		return true
	}
	str, isString := v.(string)
	return !isString || str != s
}

// splitItems reads a list field: one item per line (or comma, for keywords).
func splitItems(raw string, commas bool) []string {
	sep := func(r rune) bool { return r == '\n' || commas && r == ',' }
	var out []string
	for _, it := range strings.FieldsFunc(raw, sep) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// bytes renders the page as text again, with the line endings it had.
func (f *file) bytes() ([]byte, error) {
	var b strings.Builder
	b.WriteString(f.lead)
	switch {
	case f.front != nil:
		b.WriteString("---\n")
		if len(f.front.Content) > 0 {
			var out bytes.Buffer
			enc := yaml.NewEncoder(&out)
			enc.SetIndent(2)
			if err := enc.Encode(f.front); err != nil {
				return nil, err
			}
			b.Write(out.Bytes())
		}
		b.WriteString("---\n")
	case f.toml != nil:
		if err := f.toml.check(); err != nil {
			return nil, err
		}
		b.WriteString(f.toml.open + "\n" + f.toml.text() + f.toml.close)
	case f.other != "":
		b.WriteString(f.other)
	}
	b.WriteString(f.body)
	return f.form.written(b.String()), nil
}
