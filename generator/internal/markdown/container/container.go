// Package container is the goldmark extension for container blocks, the
// one syntax every content dialect of oersite shares:
//
//	:::name optional title
//	ordinary Markdown
//	:::
//
// A Registry of kinds decides what a block of each name becomes (a callout,
// notes for tutors, a knowledge check, a chart...): the parser knows no
// names, so a new kind is one Register call. Other dialects (GitHub alerts,
// MkDocs admonitions, Hugo shortcodes) build the same Node, so one
// renderer serves all of them. Names no kind claims are reported and
// rendered as a plain <div>.
//
// The package owns the Node, its parser, the registry and the standard kinds
// (callouts, tutor notes, details). It does not know about pages, files or
// the site: problems go into the parser context as Warnings, translated
// labels come from the context (WithLabels).
package container

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindNode is the node kind of a container block.
var KindNode = ast.NewNodeKind("Container")

// KindTitle is the node kind of a container's title.
var KindTitle = ast.NewNodeKind("ContainerTitle")

// Collapse says whether the reader can fold a container away.
type Collapse int

// The ways a container can fold.
const (
	// Fixed containers always show their content.
	Fixed Collapse = iota
	// Closed containers start folded: only the title shows.
	Closed
	// Open containers start unfolded and can be folded.
	Open
)

// Node is a container block. Its first child is its Title, when it has
// one; the other children are its content.
type Node struct {
	ast.BaseBlock
	// Name is the name as written, lower-cased ("caution").
	Name string
	// KindName is the registered kind Name resolves to ("warning"), set
	// after parsing; empty when no kind claims the name.
	KindName string
	// Dialect names the syntax that wrote it: "container" (:::), "github",
	// "mkdocs" or "hugo".
	Dialect string
	// Collapse says whether it folds, for the kinds that can.
	Collapse Collapse
	// Args are the named arguments of dialects that have them (Hugo
	// shortcodes), for kinds that read them.
	Args map[string]string

	fence   int    // colons of a ::: block; 0 for other dialects
	closing string // the line that ends the block, when it needs one
	closed  bool   // that line was found
	labels  func(string) string
	doc     Document
}

// Document returns what the container knows of its page (set after parsing).
func (n *Node) Document() Document { return n.doc }

// NewNode returns a container block of the given name, written in dialect.
func NewNode(name, dialect string) *Node {
	return &Node{Name: strings.ToLower(name), Dialect: dialect}
}

// Kind implements ast.Node.
func (*Node) Kind() ast.NodeKind { return KindNode }

// IsRaw implements ast.Node: the content is Markdown.
func (*Node) IsRaw() bool { return false }

// Dump implements ast.Node.
func (n *Node) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "KindName": n.KindName, "Dialect": n.Dialect}, nil)
}

// Title returns the container's title, or nil when it has none.
func (n *Node) Title() *Title {
	t, _ := n.FirstChild().(*Title)
	return t
}

// Closed reports whether a block that needs a closing line got one, rather
// than ending with its enclosing block or the document.
func (n *Node) Closed() bool { return n.closing == "" || n.closed }

// ExpectClose says that the block ends with the line closing (":::",
// "{{% /notice %}}"); dialects with their own parsers call it, then
// MarkClosed when they find that line.
func (n *Node) ExpectClose(closing string) { n.closing = closing }

// MarkClosed records that the block's closing line was found.
func (n *Node) MarkClosed() { n.closed = true }

// Label returns the translated interface string key, or fallback when the
// document was parsed without labels or the key has no translation.
func (n *Node) Label(key, fallback string) string {
	if n.labels != nil {
		if s := n.labels(key); s != "" && s != key {
			return s
		}
	}
	return fallback
}

// Title is a container's title: inline Markdown on the opening line.
type Title struct {
	ast.BaseBlock
}

// NewTitle returns a title holding the source segment seg, which goldmark
// parses as inline Markdown.
func NewTitle(seg text.Segment) *Title {
	t := &Title{}
	t.Lines().Append(seg)
	return t
}

// Kind implements ast.Node.
func (*Title) Kind() ast.NodeKind { return KindTitle }

// Dump implements ast.Node.
func (t *Title) Dump(source []byte, level int) { ast.DumpHelper(t, source, level, nil, nil) }

// Extension adds ::: containers to goldmark: the parser, the step that
// resolves names through Registry (and runs each kind's Transform), and
// the renderer.
type Extension struct {
	Registry *Registry
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(fenceParser{}, 90)),
		parser.WithASTTransformers(util.Prioritized(resolver{e.Registry}, 900)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{e.Registry}, 100)))
}

// fenceParser reads ::: blocks.
type fenceParser struct{}

func (fenceParser) Trigger() []byte { return []byte{':'} }

func (fenceParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	colons := countByte(line[pos:], ':')
	if colons < 3 {
		return nil, parser.NoChildren
	}
	i := pos + colons
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	nameEnd := i
	for nameEnd < len(line) && isNameByte(line[nameEnd], nameEnd == i) {
		nameEnd++
	}
	if nameEnd == i {
		return nil, parser.NoChildren // a closing line without a block, or not a container
	}
	if nameEnd < len(line) && line[nameEnd] == '.' {
		// ::: package.Class is mkdocstrings' directive, not a container
		Warn(pc, seg.Start, "write the reference in Markdown", "%q is not a container but a reference of mkdocstrings: shown as text", string(bytes.TrimSpace(line[pos:])))
		return nil, parser.NoChildren
	}
	n := NewNode(string(line[i:nameEnd]), "container")
	n.fence = colons
	n.ExpectClose(strings.Repeat(":", colons))
	start, stop := titleBounds(line, nameEnd)
	if start < stop {
		base := seg.Start - seg.Padding
		n.AppendChild(n, NewTitle(text.NewSegment(base+start, base+stop)))
	}
	Track(pc, n)
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

// titleBounds finds the title after the name: `[Title]` (Docusaurus) or the
// rest of the line, trimmed.
func titleBounds(line []byte, from int) (int, int) {
	rest := line[from:]
	if len(rest) > 0 && rest[0] == '[' {
		if end := bytes.LastIndexByte(rest, ']'); end > 0 {
			return from + 1, from + end
		}
	}
	start := from + util.TrimLeftSpaceLength(rest)
	stop := len(line) - util.TrimRightSpaceLength(line)
	if start > stop {
		start = stop
	}
	return start, stop
}

func (fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Node)
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 && pos < len(line) {
		colons := countByte(line[pos:], ':')
		if colons >= n.fence && util.IsBlank(line[pos+colons:]) && !innerClaims(n, pc) {
			reader.AdvanceToEOL()
			n.closed = true
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// innerClaims reports whether a block opened inside n takes the closing
// line for itself: a ::: block nested in n, or a fenced code block (whose
// content may show ::: lines).
func innerClaims(n *Node, pc parser.Context) bool {
	return OpenInside(n, pc, func(x *Node) bool { return x.fence > 0 })
}

// OpenInside reports whether a block opened inside n, and still open, takes
// a line that would close n: a fenced code block (its content may show any
// line), or a container block that same says is of n's syntax.
func OpenInside(n *Node, pc parser.Context, same func(*Node) bool) bool {
	inside := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == n {
			inside = true
			continue
		}
		if !inside {
			continue
		}
		switch x := b.Node.(type) {
		case *Node:
			if same(x) {
				return true
			}
		case *ast.FencedCodeBlock:
			return true
		}
	}
	return false
}

func (fenceParser) Close(ast.Node, text.Reader, parser.Context) {}

func (fenceParser) CanInterruptParagraph() bool { return true }

func (fenceParser) CanAcceptIndentedLine() bool { return false }

func countByte(b []byte, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}

func isNameByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	case first:
		return false
	}
	return c >= '0' && c <= '9' || c == '-' || c == '_'
}
