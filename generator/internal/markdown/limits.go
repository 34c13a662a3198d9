package markdown

import (
	"bytes"
	"fmt"
	"regexp"

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
	// Nesting is how deep lists and block quotes may nest inside each other.
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
	hits  map[string]limitHit // by limit name, the first time only
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
// block quotes) refusing to open beyond the limit, and a table extension that
// counts cells before any is made: deep or wide input costs no more than
// the limits allow. The state lives in each parse's context under key. Each
// goldmark.Markdown needs a parser of its own, since extensions add to it.
func limited(key parser.ContextKey) (func() goldmark.Option, goldmark.Extender) {
	var blocks []util.PrioritizedValue
	for _, v := range parser.DefaultBlockParsers() {
		bp := v.Value.(parser.BlockParser)
		if bp == parser.NewListParser() || bp == parser.NewBlockquoteParser() {
			bp = nestingParser{BlockParser: bp, key: key}
		}
		blocks = append(blocks, util.Prioritized(bp, v.Priority))
	}
	newParser := func() goldmark.Option {
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

// nestingParser opens a list or block quote only within the nesting limit.
type nestingParser struct {
	parser.BlockParser
	key parser.ContextKey
}

// Open implements parser.BlockParser.
func (p nestingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.Position()
	node, st := p.BlockParser.Open(parent, reader, pc)
	lim := state(pc, p.key)
	if node == nil || lim == nil || lim.Nesting <= 0 {
		return node, st
	}
	if d := nesting(parent) + 1; d > lim.Nesting {
		reader.SetPosition(line, seg)
		lim.hit("nestingDepth", seg.Start, fmt.Sprintf("lists and quotes nest %d deep here, deeper than the limit of %d", d, lim.Nesting))
		return nil, parser.NoChildren
	}
	return node, st
}

// nesting counts the lists and block quotes n is inside, itself included.
func nesting(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			d++
		}
	}
	return d
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

var delimiterCell = regexp.MustCompile(`^\s*:?-+:?\s*$`)

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
		if !delimiterCell.Match(c) {
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
			"nestingDepth": "nest fewer lists or quotes inside each other, or raise nestingDepth under [limits] in config.toml",
		}[name]
		l.Add(diag.Errorf(doc.File, li.line(h.offset), hint, "%s (limits.%s); the page is not published", h.msg, name))
	}
	return l
}
