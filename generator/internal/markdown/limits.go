package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Limits bound what one document may cost to parse, whatever its author
// wrote. Zero means no limit.
type Limits struct {
	// TableCells is the most table cells a document may hold, counted as
	// every table lays them out: columns times rows, header included.
	TableCells int
	// Nesting is how deep blocks holding blocks (lists, block quotes, :::
	// containers, admonitions, ...) may nest inside each other.
	Nesting int
}

// limitHit is the first place a document went over a limit.
type limitHit struct {
	offset int // in the source, for the line
	msg    string
}

// limitState is one document's count against the limits, kept in the
// parser's context while it is parsed.
type limitState struct {
	Limits
	cells int
	// deepest is how deep the blocks opened so far nest (see depth).
	deepest int
	hits    map[string]limitHit // by limit name, the first time only
}

func (st *limitState) hit(name string, offset int, msg string) {
	if st.hits == nil {
		st.hits = map[string]limitHit{}
	}
	if _, ok := st.hits[name]; !ok {
		st.hits[name] = limitHit{offset: offset, msg: msg}
	}
}

// limited builds goldmark's parser with the block parsers that nest (lists,
// block quotes) refusing to open beyond the limit (nestingExt does the same
// for extensions' block parsers), and a table extension that
// counts cells before any is made: deep or wide input costs no more than
// the limits allow. The state lives in each parse's context under key. Each
// goldmark.Markdown needs a parser of its own, since extensions add to it.
func limited(key parser.ContextKey) (func() goldmark.Option, goldmark.Extender) {
	newParser := func() goldmark.Option {
		// Block parsers of their own: goldmark sets their options when
		// the parser first runs, so sharing them would race.
		blocks := limitNesting(parser.DefaultBlockParsers(), key)
		return goldmark.WithParser(parser.NewParser(parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...)))
	}
	return newParser, tables{key: key}
}

func state(pc parser.Context, key parser.ContextKey) *limitState {
	st, _ := pc.Get(key).(*limitState)
	return st
}

// nestingParser opens a block that holds other blocks (a list, a quote, a
// ::: container, an admonition...) only within the nesting limit, and
// records how deep the document went.
type nestingParser struct {
	parser.BlockParser
	key parser.ContextKey
}

// Open implements parser.BlockParser.
func (p nestingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.Position()
	node, st := p.BlockParser.Open(parent, reader, pc)
	lim := state(pc, p.key)
	if node == nil || lim == nil || st&parser.HasChildren == 0 || node.Kind() == ast.KindListItem {
		return node, st
	}
	d := depth(parent) + 1
	if lim.Nesting > 0 && d > lim.Nesting {
		reader.SetPosition(line, seg)
		lim.hit("nestingDepth", seg.Start, fmt.Sprintf("lists, quotes and ::: blocks nest %d deep here, deeper than the limit of %d", d, lim.Nesting))
		return nil, parser.NoChildren
	}
	lim.deepest = max(lim.deepest, d)
	return node, st
}

// SetOption implements parser.SetOptioner: the parser's options (heading
// ids, attributes) reach the wrapped parser.
func (p nestingParser) SetOption(name parser.OptionName, value any) {
	if so, ok := p.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// depth counts the blocks holding blocks that n is inside, itself
// included: a list and its item count once; the document not at all.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if k := n.Kind(); k != ast.KindDocument && k != ast.KindListItem {
			d++
		}
	}
	return d
}

// nestingExt is an extension whose block parsers are nestingParsers, so
// that the blocks extensions bring (containers, admonitions, shortcodes,
// footnotes) count towards the nesting limit as lists and quotes do.
type nestingExt struct {
	goldmark.Extender
	key parser.ContextKey
}

// Extend implements goldmark.Extender.
func (e nestingExt) Extend(m goldmark.Markdown) {
	e.Extender.Extend(nestingMarkdown{Markdown: m, key: e.key})
}

type nestingMarkdown struct {
	goldmark.Markdown
	key parser.ContextKey
}

func (m nestingMarkdown) Parser() parser.Parser {
	return nestingOptions{Parser: m.Markdown.Parser(), key: m.key}
}

// nestingOptions wraps the block parsers an option adds.
type nestingOptions struct {
	parser.Parser
	key parser.ContextKey
}

// AddOptions implements parser.Parser.
func (p nestingOptions) AddOptions(opts ...parser.Option) {
	for _, o := range opts {
		c := parser.NewConfig()
		o.SetParserOption(c)
		if len(c.BlockParsers) > 0 && len(c.InlineParsers)+len(c.ParagraphTransformers)+len(c.ASTTransformers)+len(c.Options) == 0 {
			o = parser.WithBlockParsers(limitNesting(c.BlockParsers, p.key)...)
		}
		p.Parser.AddOptions(o)
	}
}

// limitNesting wraps block parsers in nestingParsers.
func limitNesting(blocks util.PrioritizedSlice, key parser.ContextKey) []util.PrioritizedValue {
	out := make([]util.PrioritizedValue, 0, len(blocks))
	for _, v := range blocks {
		out = append(out, util.Prioritized(nestingParser{BlockParser: v.Value.(parser.BlockParser), key: key}, v.Priority))
	}
	return out
}

// tables is GFM's table extension, its paragraph transformer counting the
// cells a table would have before letting goldmark make it.
type tables struct{ key parser.ContextKey }

// Extend implements goldmark.Extender.
func (t tables) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableCounter{key: t.key, inner: extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
}

type tableCounter struct {
	key   parser.ContextKey
	inner parser.ParagraphTransformer
}

// Transform implements parser.ParagraphTransformer: a table over the
// document's budget of cells is dropped, with the limit noted, before any
// of its cells exist.
func (t tableCounter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lim := state(pc, t.key); lim != nil && lim.TableCells > 0 {
		cols, rows := tableShape(node.Lines(), reader.Source())
		if lim.cells+cols*rows > lim.TableCells {
			lim.hit("tableCells", node.Lines().At(0).Start, fmt.Sprintf("this table has %d columns and %d rows: %d cells, and the page may hold %d in all", cols, rows, cols*rows, lim.TableCells))
			node.Parent().RemoveChild(node.Parent(), node)
			return
		}
		lim.cells += cols * rows
	}
	t.inner.Transform(node, reader, pc)
}

// tableShape returns the columns and rows (header included) of the table
// GFM makes of a paragraph, or 0, 0: the first line after the first that is
// a delimiter row ("| --- | :-: |") makes the line before it the header,
// which may not have more cells than the delimiter row has columns, and
// every following line a row.
func tableShape(lines *text.Segments, src []byte) (cols, rows int) {
	value := func(i int) []byte {
		seg := lines.At(i)
		return seg.Value(src)
	}
	for i := 1; i < lines.Len(); i++ {
		n := delimiterColumns(value(i))
		if n == 0 {
			continue
		}
		if rowCells(value(i-1)) > n {
			return 0, 0
		}
		return n, lines.Len() - i
	}
	return 0, 0
}

var delimiterCell = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*:?-+:?\s*$`) })

// delimiterColumns returns the number of columns of a table delimiter row,
// or 0 when the line is not one.
func delimiterColumns(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return 0
	}
	dashes := true
	for _, b := range line {
		if b != '-' {
			dashes = false
		}
		if !util.IsSpace(b) && b != '-' && b != '|' && b != ':' {
			return 0
		}
	}
	if dashes {
		return 0
	}
	cells := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cells[0]) {
		cells = cells[1:]
	}
	if len(cells) > 0 && util.IsBlank(cells[len(cells)-1]) {
		cells = cells[:len(cells)-1]
	}
	for _, c := range cells {
		if !delimiterCell().Match(c) {
			return 0
		}
	}
	return len(cells)
}

// rowCells counts the cells written on a table row: text between pipes
// that are not escaped, without a leading and a trailing pipe.
func rowCells(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	pos, end := 0, len(line)
	if end > 0 && line[0] == '|' {
		pos++
	}
	if end > 0 && line[end-1] == '|' {
		end--
	}
	n := 0
	for pos < end {
		n++
		c := pos
		for c < end && (line[c] != '|' || c > 0 && line[c-1] == '\\') {
			c++
		}
		pos = c + 1
	}
	return n
}

// limitDiags turns the limits a document went over into errors.
func limitDiags(st *limitState, doc Doc, li lineIndex) diag.List {
	var l diag.List
	for _, name := range []string{"tableCells", "nestingDepth"} {
		h, ok := st.hits[name]
		if !ok {
			continue
		}
		hint := map[string]string{
			"tableCells":   "split the table into smaller ones, or raise tableCells under [limits] in config.toml",
			"nestingDepth": "nest fewer lists, quotes or ::: blocks inside each other, or raise nestingDepth under [limits] in config.toml",
		}[name]
		l.Add(diag.Errorf(doc.File, li.line(h.offset), hint, "%s (limits.%s); the page is not published", h.msg, name))
	}
	return l
}
