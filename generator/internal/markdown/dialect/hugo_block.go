package dialect

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// calloutShortcodes are the paired shortcodes of Hugo themes that mean a
// callout: Relearn's and Learn's notice, Docsy's alert, Book's hint,
// LoveIt's admonition, and shortcodes named after a callout.
var calloutShortcodes = map[string]bool{
	"notice": true, "alert": true, "hint": true, "callout": true, "admonition": true, "admonitions": true,
	"note": true, "tip": true, "info": true, "warning": true, "danger": true, "caution": true, "important": true,
}

// detailsShortcodes are the paired shortcodes that mean a disclosure.
var detailsShortcodes = map[string]bool{"details": true, "expand": true, "collapse": true, "spoiler": true}

// pairedParser reads paired shortcodes that open on a line of their own:
// callouts and disclosures become containers holding Markdown, highlight
// becomes a code block.
type pairedParser struct{}

func (pairedParser) Trigger() []byte { return []byte{'{'} }

func (pairedParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	t, ok := parseTag(line[pos:])
	if !ok || t.Closing || t.Escaped || t.Liquid && t.Name != "highlight" {
		return nil, parser.NoChildren
	}
	base := seg.Start - seg.Padding + pos
	rest := bytes.TrimSpace(line[pos+t.Len:])
	switch {
	case t.Name == "highlight" && len(rest) == 0 && !t.Closing:
		reader.AdvanceToEOL()
		return openHighlight(t, base), parser.NoChildren
	case calloutShortcodes[t.Name]:
		n := calloutShortcode(t, base, pc)
		return openPaired(n, t, pos, rest, reader, pc)
	case detailsShortcodes[t.Name]:
		n := container.NewNode("details", "hugo")
		if a, ok := firstArg(t, "summary", "title"); ok {
			addTitle(n, a, base)
		}
		if a, ok := t.Get("open", -1); ok && a.Value == "true" {
			n.Collapse = container.Open
		}
		return openPaired(n, t, pos, rest, reader, pc)
	}
	return nil, parser.NoChildren
}

// firstNamed returns the first of the named arguments present.
func firstNamed(t Tag, keys ...string) (Arg, bool) {
	for _, k := range keys {
		if a, ok := t.Get(k, -1); ok {
			return a, true
		}
	}
	return Arg{}, false
}

// firstArg returns the first of the named arguments present, else the
// first positional one.
func firstArg(t Tag, keys ...string) (Arg, bool) {
	if a, ok := firstNamed(t, keys...); ok {
		return a, true
	}
	return t.Get("", 0)
}

// openPaired starts a container for the tag t: content follows on the next
// lines, or on the rest of this one, which may also close it.
func openPaired(n *container.Node, t Tag, pos int, rest []byte, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	container.Track(pc, n)
	n.ExpectClose(closingTag(t))
	if len(rest) > 0 && closes(t, rest) {
		n.MarkClosed() // {{% notice %}}text{{% /notice %}}: the closing tag is removed after parsing
	}
	reader.Advance(pos + t.Len)
	return n, parser.HasChildren
}

func closingTag(t Tag) string {
	if t.Zola {
		return "{% end %}"
	}
	if t.Markdown {
		return "{{% /" + t.Name + " %}}"
	}
	return "{{< /" + t.Name + " >}}"
}

// closes reports whether line ends with the closing tag of t.
func closes(t Tag, line []byte) bool {
	i := lastTag(line)
	if i < 0 {
		return false
	}
	c, ok := parseTag(line[i:])
	sameKind := c.Zola && t.Zola || !c.Zola && !t.Zola && c.Name == t.Name // Zola's end names no shortcode
	return ok && c.Closing && sameKind && i+c.Len == len(line)
}

// lastTag is where the last tag of line opens ({{ of Hugo's, {% of
// Zola's end), or -1.
func lastTag(line []byte) int {
	hugo, zola := bytes.LastIndex(line, []byte("{{")), bytes.LastIndex(line, []byte("{%"))
	if zola > hugo && zola != hugo+1 { // {{% is Hugo's
		return zola
	}
	return hugo
}

// calloutShortcode makes the container for a callout shortcode: its type
// from style, type, color or the first argument, its title from title or
// the second argument.
func calloutShortcode(t Tag, base int, pc parser.Context) *container.Node {
	word, typed := t.Name, false
	for _, k := range []string{"style", "type", "color", "theme"} {
		if a, ok := t.Get(k, -1); ok {
			word, typed = a.Value, true
			break
		}
	}
	titlePos := 0
	if !typed {
		if a, ok := t.Get("", 0); ok && (t.Name == "notice" || t.Name == "hint" || t.Name == "alert" || t.Name == "callout") {
			word, titlePos = a.Value, 1
		}
	}
	if word == "admonition" || word == "admonitions" || word == "callout" || word == "alert" {
		word = "note"
	}
	kind, known := CalloutOf(word)
	if !known {
		container.Warn(pc, base, "use note, tip, info, warning or danger", "%s type %q shown as a note", t.Name, word)
	}
	n := container.NewNode(kind, "hugo")
	if a, ok := firstNamed(t, "title", "header"); ok { // header: Zola themes' word
		addTitle(n, a, base)
	} else if a, ok := t.Get("", titlePos); ok && titlePos > 0 {
		addTitle(n, a, base)
	}
	if a, ok := t.Get("open", -1); ok && a.Value == "false" {
		n.Collapse = container.Closed
	}
	return n
}

// addTitle gives n the argument a as its title, parsed as inline Markdown.
func addTitle(n *container.Node, a Arg, base int) {
	if a.Value == "" || n.Title() != nil {
		return
	}
	n.InsertBefore(n, n.FirstChild(), container.NewTitle(text.NewSegment(base+a.Start, base+a.Stop)))
}

func (pairedParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	switch n := node.(type) {
	case *ast.FencedCodeBlock:
		if t, ok := parseTag(bytes.TrimLeft(line, " \t")); ok && (t.Closing && t.Name == "highlight" || t.Liquid && t.Name == "endhighlight") {
			reader.AdvanceToEOL()
			return parser.Close
		}
		s := seg
		s.ForceNewline = true
		n.Lines().Append(s)
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	case *container.Node:
		if n.Closed() {
			return parser.Close // closed on its own opening line, or on the line before
		}
		trimmed := bytes.TrimSpace(line)
		if t, ok := parseTag(trimmed); ok && t.Closing && t.Len == len(trimmed) && n.Dialect == "hugo" && !innerHugo(n, pc) {
			n.MarkClosed()
			reader.AdvanceToEOL()
			return parser.Close
		}
		if i := lastTag(trimmed); i > 0 {
			if t, ok := parseTag(trimmed[i:]); ok && t.Closing && i+t.Len == len(trimmed) && !innerHugo(n, pc) {
				n.MarkClosed() // text{{% /notice %}}: the tag is removed after parsing
			}
		}
	}
	return parser.Continue | parser.HasChildren
}

// innerHugo reports whether a block opened inside n (a fenced code block or
// another paired shortcode) takes the closing line.
func innerHugo(n *container.Node, pc parser.Context) bool {
	return container.OpenInside(n, pc, func(x *container.Node) bool { return x.Dialect == "hugo" && !x.Closed() })
}

func (pairedParser) Close(ast.Node, text.Reader, parser.Context) {}

func (pairedParser) CanInterruptParagraph() bool { return true }

func (pairedParser) CanAcceptIndentedLine() bool { return false }

// openHighlight starts the code block of {{< highlight go "opts" >}}: its
// language is the first argument.
func openHighlight(t Tag, base int) ast.Node {
	var info *ast.Text
	if a, ok := t.Get("", 0); ok && a.Value != "" {
		info = ast.NewTextSegment(text.NewSegment(base+a.Start, base+a.Stop))
	}
	return ast.NewFencedCodeBlock(info)
}
