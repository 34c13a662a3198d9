// Package chart is the data chart: a container kind (:::chart) that draws
// a data file of the page's folder, CSV or JSON, as inline SVG when the
// site is built, with its data table in a disclosure beside it:
//
//	:::chart Fairly digitally literate, people aged 55–74
//	data: literacy.json
//	type: bar
//	:::
//
// The first paragraph of the block, when every line of it is "key: value",
// holds the settings (data, type, unit, source, date, x, y; any but data
// may come from the file instead); what follows is ordinary Markdown shown
// under the chart. Types: bar (horizontal bars, one series), grouped (one
// bar per series in each category), line (one line per series across the
// categories, such as years). Labels in a JSON file may be translated: a
// text is either a string or an object of texts by language ({"en": ...,
// "it": ...}); the page's language picks.
//
// The SVG needs no script and no stylesheet of its own beyond the theme's
// classes: bars are sized in percentages of the width, so that texts keep
// the page's size on a phone; series differ by pattern or marker shape, not
// by colour alone; every value is written beside its bar, and the table
// holds them all.
package chart

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// Name is the container name of a chart.
const Name = "chart"

// Types of chart.
const (
	Bar     = "bar"
	Grouped = "grouped"
	Line    = "line"
)

// Chart is one chart's data and texts, in the page's language.
type Chart struct {
	ID         string // "chart-1": the figure's id on its page
	Type       string
	Title      string
	Unit       string // "%", "€": written after every value
	Source     string
	Date       string
	X, Y       string // what the categories are ("Country") and what the values measure
	Categories []string
	Series     []Series
	Lang       string
	colon      string // between a label and its value: the strings' punct.colon (": ", French "\u00a0: ")
}

// Series is one row of values, one per category; NaN is a missing value.
type Series struct {
	Name   string
	Values []float64
}

// Kind returns the chart's container kind, for a Markdown renderer.
func Kind() container.Kind {
	return container.Kind{
		Name:        Name,
		Aliases:     []string{"graph"},
		Transform:   transform,
		Render:      renderFigure,
		RenderTitle: renderCaption,
		Nodes: map[ast.NodeKind]renderer.NodeRendererFunc{
			KindDrawing: renderDrawing,
			KindTable:   renderTable,
		},
		Collect: func(n *container.Node, _ []byte, _ func(ast.Node) []byte) any { return chartOf(n) },
	}
}

// Node kinds of a chart's parts.
var (
	KindDrawing = ast.NewNodeKind("ChartDrawing")
	KindTable   = ast.NewNodeKind("ChartTable")
)

// DrawingNode is the SVG (and the legend), just after the title.
type DrawingNode struct {
	ast.BaseBlock
	Chart *Chart
}

// Kind implements ast.Node.
func (*DrawingNode) Kind() ast.NodeKind { return KindDrawing }

// Dump implements ast.Node.
func (n *DrawingNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// TableNode is the data table and the source, at the end of the figure.
type TableNode struct {
	ast.BaseBlock
	Chart *Chart
}

// Kind implements ast.Node.
func (*TableNode) Kind() ast.NodeKind { return KindTable }

// Dump implements ast.Node.
func (n *TableNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// chartOf returns the chart a container drew, or nil.
func chartOf(n *container.Node) *Chart {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if d, ok := c.(*DrawingNode); ok {
			return d.Chart
		}
	}
	return nil
}
