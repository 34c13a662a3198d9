package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Format is the syntax of a file's front matter.
type Format string

// The front matter formats, as Hugo reads them.
const (
	FormatNone Format = ""
	FormatYAML Format = "yaml"
	FormatTOML Format = "toml"
	FormatJSON Format = "json"
)

// rawFront is a front matter block as found in a file.
type rawFront struct {
	format    Format
	text      []byte // the front matter without delimiters (JSON keeps its braces)
	startLine int    // line of the file where text starts (1-based)
	body      []byte
	bodyLine  int // line of the file where the body starts
}

// fmError is a front matter problem at a line of the file: its message is
// format filled with args, kept apart so that the diagnostic can be
// translated, and hint says what to do (see diag.Errorf).
type fmError struct {
	line   int
	format string
	args   []any
	hint   string
	fix    string // the line as it should be written, "" when not sure
}

func (e *fmError) msg() string { return fmt.Sprintf(e.format, e.args...) }

func (e *fmError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg()) }

// diagnostic is the error for file p.
func (e *fmError) diagnostic(p string) diag.Diagnostic {
	d := diag.Errorf(p, e.line, e.hint, e.format, e.args...)
	d.Fix = e.fix
	return d
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// splitFrontMatter finds the front matter with adrg/frontmatter and returns its
// raw text, format and the body, with line numbers for both.
func splitFrontMatter(data []byte) (rawFront, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	// adrg/frontmatter copies everything after the front matter into a
	// buffer of its own; the body is taken from data instead, so the parser
	// is given the file up to where its front matter can end. Where that
	// guess finds none, the whole file decides.
	if bound := frontMatterBound(data); bound < len(data) {
		if rf, err := splitFrontMatterWithin(data, bound); err == nil && rf.format != FormatNone {
			return rf, nil
		}
	}
	return splitFrontMatterWithin(data, len(data))
}

// splitFrontMatterWithin is splitFrontMatter with the parser given data[:bound].
func splitFrontMatterWithin(data []byte, bound int) (rawFront, error) {
	var rf rawFront
	capture := func(f Format) frontmatter.UnmarshalFunc {
		return func(b []byte, _ any) error {
			rf.format = f
			rf.text = append([]byte(nil), b...)
			return nil
		}
	}
	yamlF := frontmatter.NewFormat("---", "---", capture(FormatYAML))
	tomlF := frontmatter.NewFormat("+++", "+++", capture(FormatTOML))
	jsonF := frontmatter.NewFormat("{", "}", capture(FormatJSON))
	jsonF.UnmarshalDelims = true
	jsonF.RequiresNewLine = true
	body, err := frontmatter.Parse(bytes.NewReader(data[:bound]), new(struct{}), yamlF, tomlF, jsonF)
	if err != nil {
		return rf, &fmError{line: 1, format: "%v", args: []any{err}, hint: "check the front matter delimiters"}
	}
	opening := firstNonBlankLine(data)
	if rf.format == FormatNone {
		switch first := strings.TrimSpace(opening.text); {
		case first == "---" || first == "+++":
			return rf, &fmError{line: opening.n, format: "front matter opened with %q is never closed", args: []any{first},
				hint: diag.Hintf("add a line with only %s after the last metadata line", first)}
		case strings.HasPrefix(first, "{"):
			// JSON the block finder did not recognise (on one line, the
			// body directly after the closing brace as Hugo allows, a
			// brace inside a value, a syntax error): the decoder decides.
			return jsonFrontMatter(data, opening)
		}
		rf.body = data
		rf.bodyLine = 1
		return rf, nil
	}
	consumed := bound - len(body)
	rf.body = data[consumed:] // the same bytes, without keeping the parser's copy (and its slack) alive
	rf.bodyLine = 1 + bytes.Count(data[:consumed], []byte("\n"))
	rf.startLine = opening.n
	if rf.format != FormatJSON {
		rf.startLine++
	}
	return rf, nil
}

// jsonFrontMatter reads a file opening with "{" as JSON front matter: the
// object the decoder reads is the metadata, what follows its line the body.
// A file whose object does not parse is reported at the line of the error.
func jsonFrontMatter(data []byte, opening numberedLine) (rawFront, error) {
	start := bytes.IndexByte(data, '{')
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		line := opening.n
		fe := &fmError{format: "JSON front matter does not parse: %v", args: []any{err},
			hint: `check commas, quotes and braces: {"title": "...", "draft": false}; a page without front matter may not start with {`}
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			if x, ok := jsonExplained(err, data[start:]); ok {
				return rawFront{}, x.at(opening.n)
			}
			line += bytes.Count(data[start:start+min(int(se.Offset), len(data)-start)], []byte("\n"))
		case errors.Is(err, io.ErrUnexpectedEOF):
			fe = &fmError{format: "JSON front matter opened with { is never closed", hint: fe.hint}
		}
		fe.line = line
		return rawFront{}, fe
	}
	end := start + int(dec.InputOffset())
	rest, _, _ := bytes.Cut(data[end:], []byte("\n"))
	if len(bytes.TrimSpace(rest)) > 0 {
		return rawFront{}, &fmError{line: 1 + bytes.Count(data[:end], []byte("\n")),
			format: "JSON front matter does not parse: %q follows its closing }", args: []any{bytes.TrimSpace(rest)},
			hint: "end the front matter with a line holding only }"}
	}
	end = min(end+len(rest)+1, len(data))
	return rawFront{format: FormatJSON, text: raw, startLine: opening.n, body: data[end:],
		bodyLine: 1 + bytes.Count(data[:end], []byte("\n"))}, nil
}

// frontMatterBound returns where YAML or TOML front matter opened on the
// file's first non-blank line can end at the earliest: after the first line
// closing it, and one line more. The parser stops there; what follows is
// the body.
func frontMatterBound(data []byte) int {
	closing := ""
	for i := 0; i < len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		next := len(data)
		if end >= 0 {
			next = i + end + 1
		}
		line := bytes.TrimSpace(data[i:next])
		switch {
		case closing == "" && len(line) == 0:
		case closing == "":
			if string(line) != "---" && string(line) != "+++" {
				// no front matter, or JSON, whose end the parser finds by looking ahead
				return len(data)
			}
			closing = string(line)
		case string(line) == closing:
			if end2 := bytes.IndexByte(data[next:], '\n'); end2 >= 0 {
				return next + end2 + 1
			}
			return len(data)
		}
		i = next
	}
	return len(data)
}

type numberedLine struct {
	n    int
	text string
}

func firstNonBlankLine(data []byte) numberedLine {
	for n := 1; n <= 50 && len(data) > 0; n++ {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		if len(bytes.TrimSpace(l)) > 0 {
			return numberedLine{n, string(l)}
		}
		data = rest
	}
	return numberedLine{}
}

// decoded is front matter turned into values, with the line of every top-level key.
type decoded struct {
	values map[string]any
	lines  map[string]int
}

var yamlLineRE = regexp.MustCompile(`(?i)line (\d+)`)

// nestedTwiceRE is yaml.v3's message for a key set twice inside a value.
var nestedTwiceRE = regexp.MustCompile(`line (\d+): mapping key "([^"]*)" already defined at line (\d+)`)

// decodeFrontMatter parses the raw front matter into a map, reporting syntax
// errors at the line of the file where they are.
func decodeFrontMatter(rf rawFront) (decoded, error) {
	d := decoded{values: map[string]any{}, lines: map[string]int{}}
	switch rf.format {
	case FormatNone:
		return d, nil
	case FormatYAML:
		return decodeYAMLNodes(rf, d)
	case FormatTOML:
		if _, err := toml.Decode(string(rf.text), &d.values); err != nil {
			line := rf.startLine
			var pe toml.ParseError
			if errors.As(err, &pe) {
				if x, ok := tomlExplained(pe.Message, rf.text, pe.Position.Line, rf.startLine); ok {
					return d, x.at(rf.startLine)
				}
				line = rf.startLine + pe.Position.Line - 1
				err = errors.New(pe.Message)
			}
			return d, &fmError{line: line, format: "TOML front matter does not parse: %v", args: []any{err}, hint: `write key = "value", with text in quotes`}
		}
		for k, v := range d.values {
			d.values[k] = normalise(v)
		}
		d.lines = scanKeyLines(rf, `^\s*(?:"([^"]+)"|([A-Za-z0-9_-]+))\s*=`)
	case FormatJSON:
		dec := json.NewDecoder(bytes.NewReader(rf.text))
		dec.UseNumber()
		if err := dec.Decode(&d.values); err != nil {
			line := rf.startLine
			if x, ok := jsonExplained(err, rf.text); ok {
				return d, x.at(rf.startLine)
			}
			var se *json.SyntaxError
			if errors.As(err, &se) {
				line = rf.startLine + bytes.Count(rf.text[:min(int(se.Offset), len(rf.text))], []byte("\n"))
			}
			return d, &fmError{line: line, format: "JSON front matter does not parse: %v", args: []any{err}, hint: `check commas and quotes: {"title": "...", "draft": false}`}
		}
		if x, twice := jsonKeyTwice(rf.text, rf.startLine); twice {
			return d, x.at(rf.startLine)
		}
		for k, v := range d.values {
			d.values[k] = normalise(v)
		}
		d.lines = scanKeyLines(rf, `^\s*\{?\s*"([^"]+)"\s*:()`)
	}
	return d, nil
}

// decodeYAMLNodes decodes YAML front matter with yaml.v3, key by key, so
// that each key keeps its line.
func decodeYAMLNodes(rf rawFront, d decoded) (decoded, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(rf.text, &node); err != nil {
		line, reported := rf.startLine, 0 // reported: the parser's line in the front matter, if it said one
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			reported, _ = strconv.Atoi(m[1])
			line = rf.startLine + reported - 1
			if strings.Contains(err.Error(), "did not find expected") {
				// yaml.v3 reports unclosed lists near, not at, their line: find the bracket.
				if l := unbalancedLine(rf.text); l > 0 {
					line = rf.startLine + l - 1
				}
			}
		}
		msg := strings.TrimPrefix(yamlLineRE.ReplaceAllString(err.Error(), ""), "yaml: ")
		msg = strings.TrimPrefix(strings.TrimSpace(msg), ": ")
		if x, ok := yamlExplained(msg, rf.text, reported); ok {
			return d, x.at(rf.startLine)
		}
		return d, &fmError{line: line, format: "YAML front matter does not parse: %s", args: []any{msg},
			hint: `check indentation and quoting on that line: "key: value", lists as "- item", text with a colon in quotes`}
	}
	if len(node.Content) == 0 {
		return d, nil
	}
	root := node.Content[0]
	if root.Kind != yaml.MappingNode {
		return d, &fmError{line: rf.startLine + root.Line - 1, format: "YAML front matter is not a list of key: value lines",
			hint: `write one "key: value" per line`}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, twice := d.lines[k.Value]; twice {
			return d, &fmError{line: rf.startLine + k.Line - 1, format: "%s is set twice in the front matter, here and at line %d: only one of the two can be kept",
				args: []any{k.Value, first}, hint: "keep one of the two lines and delete the other"}
		}
		var val any
		if err := v.Decode(&val); err != nil {
			if m := nestedTwiceRE.FindStringSubmatch(err.Error()); m != nil { // a key twice inside a value (author: name: …)
				second, _ := strconv.Atoi(m[1])
				first, _ := strconv.Atoi(m[3])
				return d, &fmError{line: rf.startLine + second - 1, format: "%s is set twice in the front matter, here and at line %d: only one of the two can be kept",
					args: []any{m[2], rf.startLine + first - 1}, hint: "keep one of the two lines and delete the other"}
			}
			return d, &fmError{line: rf.startLine + v.Line - 1, format: "value of %q does not parse: %v", args: []any{k.Value, err}, hint: "quote the value"}
		}
		if v.Tag == "!!timestamp" {
			val = v.Value // keep the author's text; dates are parsed leniently later
		}
		d.values[k.Value] = normalise(val)
		d.lines[k.Value] = rf.startLine + k.Line - 1
	}
	return d, nil
}

func scanKeyLines(rf rawFront, pattern string) map[string]int {
	re := regexp.MustCompile(pattern)
	lines := map[string]int{}
	for i, l := range strings.Split(string(rf.text), "\n") {
		if m := re.FindStringSubmatch(l); m != nil {
			k := m[1]
			if k == "" {
				k = m[2]
			}
			if _, ok := lines[k]; !ok {
				lines[k] = rf.startLine + i
			}
		}
	}
	return lines
}

// normalise turns decoder-specific values into plain maps, slices, strings,
// bools, int64, float64 and time.Time, so templates and decoders see one shape.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalise(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = normalise(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalise(e)
		}
		return x
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	case int:
		return int64(x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

// unbalancedLine returns the 1-based line of the first line opening a [ or {
// it does not close, or 0.
func unbalancedLine(text []byte) int {
	for i, l := range strings.Split(string(text), "\n") {
		if strings.Count(l, "[") > strings.Count(l, "]") || strings.Count(l, "{") > strings.Count(l, "}") {
			return i + 1
		}
	}
	return 0
}
