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
	other string     // front matter in another format (TOML, JSON), kept as it is
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

// parseFile splits a page's text. Only YAML front matter can be edited field
// by field; a page in TOML or JSON keeps its front matter as written.
func parseFile(data []byte) (*file, error) {
	f := &file{form: formOf(data)}
	text := shownText(data)
	if !strings.HasPrefix(text, "---\n") {
		if strings.HasPrefix(text, "+++\n") || strings.HasPrefix(text, "{") {
			end := frontEnd(text)
			if end < 0 {
				return nil, errors.New("the front matter is not closed")
			}
			f.other, f.body = text[:end], text[end:]
			return f, nil
		}
		f.body = text
		return f, nil
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		if strings.HasSuffix(text, "\n---") {
			end = len(text) - 4 - 4
		} else {
			return nil, errors.New("the front matter is not closed: add a line with --- after it")
		}
	}
	yamlText := text[4 : 4+end+1]
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
	f.body = strings.TrimPrefix(text[4+end+1:], "---\n")
	return f, nil
}

// frontEnd is where TOML (+++) or JSON ({...}) front matter ends, or -1.
func frontEnd(text string) int {
	if strings.HasPrefix(text, "+++\n") {
		i := strings.Index(text[4:], "\n+++\n")
		if i < 0 {
			return -1
		}
		return 4 + i + 5
	}
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
func (f *file) set(fd field, raw string) {
	if f.front == nil {
		return
	}
	v := f.value(fd.Key)
	if fd.Kind.list() {
		items := splitItems(raw, fd.Kind == kindKeywords)
		if v == nil {
			if len(items) == 0 {
				return
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
		return
	}
	raw = strings.TrimSpace(strings.ReplaceAll(raw, "\r", ""))
	if u := urlOf(v); u != nil {
		v = u // the form edits a table's address; its other keys stay
	}
	if v == nil {
		if raw == "" || fd.Kind == kindBool && raw == "false" {
			return
		}
		v = &yaml.Node{Kind: yaml.ScalarNode}
		f.front.Content = append(f.front.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fd.Key}, v)
		if fd.Kind == kindText || fd.Kind == kindLong {
			v.Style = yaml.DoubleQuotedStyle
		}
	}
	if v.Value == raw && v.Kind == yaml.ScalarNode {
		return // unchanged: keep the node as written
	}
	v.Kind, v.Content, v.Value, v.Tag = yaml.ScalarNode, nil, raw, fd.Kind.tag()
	if v.Tag == "!!str" && v.Style == 0 && needsQuotes(raw) {
		v.Style = yaml.DoubleQuotedStyle
	}
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
	case f.other != "":
		b.WriteString(f.other)
	}
	b.WriteString(f.body)
	return f.form.written(b.String()), nil
}
