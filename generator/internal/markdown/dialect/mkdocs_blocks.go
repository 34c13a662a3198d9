package dialect

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// blocksParser reads the generic blocks of pymdownx (the syntax newer
// Python-Markdown sites use): `/// type | Title` ... `///`, nested with
// more slashes outside, options on indented `key: value` lines first.
//
//	/// details | Using pip instead
//	    type: tip
//
//	Content.
//	///
//
// Admonition types become callouts, details a disclosure (a callout that
// folds when it has a type), tab a titled disclosure shown open.
type blocksParser struct{}

func (blocksParser) Trigger() []byte { return []byte{'/'} }

var blockHeader = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(/{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\|[ \t]*(.*?))?[ \t]*$`)
})

func (blocksParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+4 > len(line) || line[pos+1] != '/' || line[pos+2] != '/' {
		return nil, parser.NoChildren
	}
	m := blockHeader().FindSubmatchIndex(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	head := line[pos:]
	fence := m[3] - m[2]
	typ := strings.ToLower(string(head[m[4]:m[5]]))
	var n *container.Node
	switch typ {
	case "details":
		n = container.NewNode("details", "mkdocs")
	case "tab":
		n = container.NewNode("details", "mkdocs")
		n.Collapse = container.Open
	case "admonition":
		n = container.NewNode("note", "mkdocs")
	default:
		kind, known := CalloutOf(typ)
		if !known {
			container.Warn(pc, seg.Start, "use note, tip, info, warning, danger, details or tab", "block type %q shown as a note", typ)
		}
		n = container.NewNode(kind, "mkdocs")
	}
	n.ExpectClose(strings.Repeat("/", fence))
	n.Args = map[string]string{"fence": strings.Repeat("/", fence)}
	if m[6] >= 0 && m[6] < m[7] {
		base := seg.Start - seg.Padding + pos
		n.AppendChild(n, container.NewTitle(text.NewSegment(base+m[6], base+m[7])))
	}
	container.Track(pc, n)
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

var blockOption = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[ \t]{4,}(type|open|attrs):[ \t]*(.*?)[ \t]*$`) })

func (blocksParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*container.Node)
	line, _ := reader.PeekLine()
	if n.ChildCount() == 0 || n.ChildCount() == 1 && n.Title() != nil {
		if m := blockOption().FindSubmatch(bytes.TrimRight(line, "\r\n")); m != nil {
			applyBlockOption(n, string(m[1]), string(m[2]))
			reader.AdvanceToEOL()
			return parser.Continue | parser.NoChildren
		}
	}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 && pos < len(line) {
		fence := len(n.Args["fence"])
		slashes := 0
		for pos+slashes < len(line) && line[pos+slashes] == '/' {
			slashes++
		}
		if slashes >= fence && util.IsBlank(line[pos+slashes:]) && !innerBlock(n, pc) {
			n.MarkClosed()
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// applyBlockOption reads a block's type: (a details block folds as that
// callout) and open: options; others change nothing visible here.
func applyBlockOption(n *container.Node, key, value string) {
	switch strings.ToLower(key) {
	case "type":
		if kind, known := CalloutOf(value); known && n.Name == "details" {
			n.Name = kind
			if n.Collapse == container.Fixed {
				n.Collapse = container.Closed
			}
		}
	case "open":
		if value == "true" || value == "True" {
			n.Collapse = container.Open
		}
	}
}

// innerBlock reports whether a block opened inside n (a nested block of
// this syntax, or a fenced code block) takes the closing line.
func innerBlock(n *container.Node, pc parser.Context) bool {
	return container.OpenInside(n, pc, func(x *container.Node) bool { return x.Args["fence"] != "" && !x.Closed() })
}

func (blocksParser) Close(ast.Node, text.Reader, parser.Context) {}

func (blocksParser) CanInterruptParagraph() bool { return true }

func (blocksParser) CanAcceptIndentedLine() bool { return false }
