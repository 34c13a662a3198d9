package dialect

import (
	"regexp"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// More reads the summary divider of Hugo and Jekyll: a line <!--more-->
// (or Docusaurus' <!-- truncate -->) ends the page's summary and shows
// nothing.
type More struct{}

// Extend implements goldmark.Extender.
func (More) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(moreParser{}, 85)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(moreRenderer{}, 100)))
}

// KindMore is the node kind of the summary divider.
var KindMore = ast.NewNodeKind("MoreDivider")

// MoreDivider ends the summary: what comes before it is the page's summary.
type MoreDivider struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (*MoreDivider) Kind() ast.NodeKind { return KindMore }

// Dump implements ast.Node.
func (m *MoreDivider) Dump(source []byte, level int) { ast.DumpHelper(m, source, level, nil, nil) }

var moreLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^<!--\s*(?:more|truncate)\s*-->\s*$`) })

type moreParser struct{}

func (moreParser) Trigger() []byte { return []byte{'<'} }

func (moreParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !moreLine().Match(line[pos:]) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &MoreDivider{}, parser.NoChildren
}

func (moreParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (moreParser) Close(ast.Node, text.Reader, parser.Context) {}

func (moreParser) CanInterruptParagraph() bool { return true }

func (moreParser) CanAcceptIndentedLine() bool { return false }

type moreRenderer struct{}

func (moreRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMore, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}
