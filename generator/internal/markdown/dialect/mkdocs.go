package dialect

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// MkDocs reads Python-Markdown admonitions and pymdownx details: a line
// `!!! type "Optional title"` (or `??? type` folded, `???+ type` folded but
// open) followed by content indented by four spaces; and pymdownx blocks,
// `/// type | Title` ... `///` (see blocksParser).
//
//	!!! tip "Before you post"
//	    Read it aloud once.
type MkDocs struct{}

// Extend implements goldmark.Extender.
func (MkDocs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(admonitionParser{}, 95), util.Prioritized(blocksParser{}, 96)))
}

type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+4 > len(line) {
		return nil, parser.NoChildren
	}
	marker := line[pos]
	if line[pos+1] != marker || line[pos+2] != marker {
		return nil, parser.NoChildren
	}
	i := pos + 3
	collapse := container.Fixed
	if marker == '?' {
		collapse = container.Closed
		if line[i] == '+' {
			collapse = container.Open
			i++
		}
	}
	if i >= len(line) || (line[i] != ' ' && line[i] != '\t') {
		return nil, parser.NoChildren
	}
	i += util.TrimLeftSpaceLength(line[i:])
	word := i
	for i < len(line) && isWordByte(line[i]) {
		i++
	}
	if i == word {
		return nil, parser.NoChildren
	}
	typ := string(line[word:i])
	kind, known := CalloutOf(typ)
	n := container.NewNode(kind, "mkdocs")
	n.Collapse = collapse
	if !known {
		container.Warn(pc, seg.Start, "use note, tip, info, warning or danger", "admonition type %q shown as a note", typ)
	}
	// More class words may follow the type ("inline end"); a title comes in quotes.
	for i < len(line) && line[i] != '"' {
		i++
	}
	if i < len(line) {
		if end := lastQuote(line); end > i+1 {
			base := seg.Start - seg.Padding
			n.AppendChild(n, container.NewTitle(text.NewSegment(base+i+1, base+end)))
		}
	}
	container.Track(pc, n)
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func lastQuote(line []byte) int {
	for j := len(line) - 1; j >= 0; j-- {
		if line[j] == '"' {
			return j
		}
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func (admonitionParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}

func (admonitionParser) CanInterruptParagraph() bool { return true }

func (admonitionParser) CanAcceptIndentedLine() bool { return false }
