package dialect

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Hugo reads Hugo shortcodes: {{< name args >}} and {{% name args %}},
// paired ones closed by {{< /name >}}. See the package comment for what
// each becomes.
type Hugo struct{}

// Extend implements goldmark.Extender.
func (Hugo) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 90)),
		parser.WithBlockParsers(util.Prioritized(pairedParser{}, 92)),
		parser.WithASTTransformers(util.Prioritized(shortcodes{}, 200)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(hugoRenderer{}, 100)))
}

// KindShortcode is the node kind of a shortcode left in the text.
var KindShortcode = ast.NewNodeKind("Shortcode")

// Shortcode is one Hugo shortcode tag as written. The ones oersite reads
// are replaced after parsing; the others stay, shown as the text written.
type Shortcode struct {
	ast.BaseInline
	Tag
	// Segment is the whole tag in the source.
	Segment text.Segment
}

// Kind implements ast.Node.
func (*Shortcode) Kind() ast.NodeKind { return KindShortcode }

// Dump implements ast.Node.
func (s *Shortcode) Dump(source []byte, level int) {
	ast.DumpHelper(s, source, level, map[string]string{"Name": s.Name}, nil)
}

// Tag is a parsed shortcode tag.
type Tag struct {
	Name     string // lower-cased
	Closing  bool   // {{< /name >}}
	Escaped  bool   // {{</* name */>}}: text that shows a shortcode
	Markdown bool   // {{% %}} rather than {{< >}}
	// Liquid marks Jekyll's tags ({% name %}) and output ({{ expr }},
	// Name "{{"), which look like shortcodes.
	Liquid bool
	// Zola marks Zola's shortcodes, {{ name(key=value) }} and
	// {% name(key=value) %} … {% end %} (Closing, with no Name).
	Zola bool
	Args []Arg
	// Len is the tag's length in bytes.
	Len int
}

// Arg is one argument: Key is empty for positional ones. Start and Stop
// are Value's offsets in the line the tag was parsed from.
type Arg struct {
	Key, Value  string
	Start, Stop int
}

// Get returns the argument named key, else the positional one at index
// pos (pos < 0: none).
func (t Tag) Get(key string, pos int) (Arg, bool) {
	n := 0
	for _, a := range t.Args {
		if a.Key == key && key != "" {
			return a, true
		}
	}
	for _, a := range t.Args {
		if a.Key != "" {
			continue
		}
		if n == pos {
			return a, true
		}
		n++
	}
	return Arg{}, false
}

// parseTag reads a shortcode tag at the start of b, or reports ok false.
func parseTag(b []byte) (Tag, bool) {
	if opensLiquid(b) {
		return parseLiquid(b)
	}
	var t Tag
	if len(b) < 6 || b[0] != '{' || b[1] != '{' || (b[2] != '<' && b[2] != '%') {
		return t, false
	}
	t.Markdown = b[2] == '%'
	inner, ok := hugoTagInner(b)
	if !ok {
		return t, false
	}
	t.Len = 3 + len(inner) + 3
	off := 3
	inner, t.Escaped, off = uncomment(inner, off)
	i := util.TrimLeftSpaceLength(inner)
	if i < len(inner) && inner[i] == '/' {
		t.Closing = true
		i++
		i += util.TrimLeftSpaceLength(inner[i:])
	}
	name, end, ok := shortcodeName(inner, i)
	if !ok {
		return t, false
	}
	t.Name = name
	t.Args = parseArgs(inner[end:], off+end)
	return t, true
}

// opensLiquid reports whether b starts a Jekyll (Liquid) tag, {% ... %}, or
// output, {{ ... }}, rather than a Hugo shortcode ({{< ... >}}, {{% ... %}}).
func opensLiquid(b []byte) bool {
	return len(b) >= 4 && b[0] == '{' && (b[1] == '%' || b[1] == '{' && b[2] != '<' && b[2] != '%')
}

// hugoTagInner returns what is between a Hugo shortcode's delimiters
// ({{< and >}}, or {{% and %}}) at the start of b; ok is false when the
// tag is not closed.
func hugoTagInner(b []byte) (inner []byte, ok bool) {
	closer := byte('%')
	if b[2] == '<' {
		closer = '>'
	}
	end := bytes.Index(b[3:], []byte{closer, '}', '}'})
	if end < 0 {
		return nil, false
	}
	return b[3 : 3+end], true
}

// uncomment unwraps an escaped shortcode, {{</* name */>}}, which is shown
// as written rather than run: it returns the inside of the comment and its
// offset (off moved past the "/*").
func uncomment(inner []byte, off int) ([]byte, bool, int) {
	trimmed := bytes.TrimSpace(inner)
	// "/*/" starts and ends with the marks, which overlap: not a comment
	if len(trimmed) < 4 || !bytes.HasPrefix(trimmed, []byte("/*")) || !bytes.HasSuffix(trimmed, []byte("*/")) {
		return inner, false, off
	}
	lead := bytes.Index(inner, []byte("/*")) + 2
	return inner[lead:bytes.LastIndex(inner, []byte("*/"))], true, off + lead
}

// shortcodeName reads the shortcode's name at inner[i:]: letters, digits,
// '_', '/', '.' and '-' (see isWordByte), starting with a letter. It
// returns the name in lower case and where it ends.
func shortcodeName(inner []byte, i int) (string, int, bool) {
	start := i
	for i < len(inner) && (isWordByte(inner[i]) || inner[i] == '/' || inner[i] == '.') {
		i++
	}
	if i == start || !(inner[start] >= 'a' && inner[start] <= 'z' || inner[start] >= 'A' && inner[start] <= 'Z') {
		return "", i, false
	}
	return strings.ToLower(string(inner[start:i])), i, true
}

// liquidOutput matches Liquid output naming Jekyll's variables ({{ site.title }},
// {{ page.date | date: "%Y" }}); other {{ ... }} (Go templates in Hugo's
// documentation, placeholders) is plain text.
var liquidOutput = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*-?\s*(?:site|page|include|layout|paginator|jekyll)\.|^\s*-?\s*content\s*(?:\||-?$)`)
})

// parseLiquid reads a Jekyll tag, {% name args %}, or output, {{ expr }}.
func parseLiquid(b []byte) (Tag, bool) {
	t := Tag{Liquid: true}
	closer := []byte("%}")
	if b[1] == '{' {
		closer = []byte("}}")
	}
	end := bytes.Index(b[2:], closer)
	if end < 0 {
		return t, false
	}
	inner := b[2 : 2+end]
	t.Len = 2 + end + 2
	if z, ok := parseZola(inner, b[1] == '%'); ok {
		z.Len = t.Len
		return z, true
	}
	if b[1] == '{' {
		t.Name = "{{"
		return t, liquidOutput().Match(inner)
	}
	i := util.TrimLeftSpaceLength(inner)
	if len(inner) > i && inner[i] == '-' { // {%- tag -%} trims whitespace
		i++
		i += util.TrimLeftSpaceLength(inner[i:])
	}
	start := i
	for i < len(inner) && isWordByte(inner[i]) {
		i++
	}
	if i == start {
		return t, false
	}
	t.Name = strings.ToLower(string(inner[start:i]))
	t.Args = parseArgs(bytes.TrimRight(inner[i:], "- "), 2+i)
	return t, true
}

// parseArgs reads `key="value"`, key=value, "value", `value` and bare words;
// offsets are counted from off.
func parseArgs(b []byte, off int) []Arg {
	var out []Arg
	i := 0
	for {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
			i++
		}
		if i >= len(b) || b[i] == '/' && i == len(b)-1 { // self-closing {{< name />}}
			return out
		}
		var a Arg
		if k := keyLen(b[i:]); k > 0 {
			a.Key = string(b[i : i+k])
			i += k + 1
		}
		a.Value, a.Start, a.Stop, i = readValue(b, i)
		a.Start += off
		a.Stop += off
		out = append(out, a)
	}
}

// keyLen returns the length of `key` when b starts with `key=`, else 0.
func keyLen(b []byte) int {
	for i, c := range b {
		switch {
		case c == '=' && i > 0:
			return i
		case !isWordByte(c):
			return 0
		}
	}
	return 0
}

// readValue reads one quoted or bare value at b[i:].
func readValue(b []byte, i int) (value string, start, stop, next int) {
	if i < len(b) && (b[i] == '"' || b[i] == '`' || b[i] == '\'') {
		q := b[i]
		end := i + 1
		for end < len(b) && (b[end] != q || q == '"' && b[end-1] == '\\') {
			end++
		}
		v := string(b[i+1 : min(end, len(b))])
		if q == '"' {
			v = strings.ReplaceAll(v, `\"`, `"`)
		}
		return v, i + 1, min(end, len(b)), min(end+1, len(b))
	}
	end := i
	for end < len(b) && b[end] != ' ' && b[end] != '\t' && b[end] != '\n' {
		end++
	}
	return string(b[i:end]), i, end, end
}

// shortcodeParser reads a shortcode tag inside a paragraph.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	t, ok := parseTag(line)
	if !ok {
		return nil
	}
	block.Advance(t.Len)
	s := &Shortcode{Tag: t, Segment: text.NewSegment(seg.Start, seg.Start+t.Len)}
	list, _ := pc.Get(shortcodesKey).(*[]*Shortcode)
	if list == nil {
		list = &[]*Shortcode{}
		pc.Set(shortcodesKey, list)
	}
	*list = append(*list, s)
	return s
}

// shortcodesKey holds the shortcodes found in a document, for the
// transformer that replaces them.
var shortcodesKey = parser.NewContextKey()

// hugoRenderer writes the shortcodes left in the text as they were written
// (an escaped one without its comment marks), and figures.
type hugoRenderer struct{}

func (hugoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		s := n.(*Shortcode)
		raw := string(s.Segment.Value(src))
		if s.Escaped {
			raw = strings.Replace(strings.Replace(raw, "/*", "", 1), "*/", "", 1)
			raw = strings.Join(strings.Fields(raw), " ")
		}
		_, _ = w.Write(util.EscapeHTML([]byte(raw)))
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindFigure, renderFigure)
	reg.Register(KindCaption, renderCaption)
}
