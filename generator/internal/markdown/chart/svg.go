package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Geometry of the drawings, in CSS pixels (texts keep the page's size:
// nothing is scaled) and percentages of the width.
const (
	labelH   = 24   // a category's label line
	barH     = 22   // one bar
	rowGap   = 14   // between categories
	barSpan  = 78.0 // the longest bar's share of the width, in %, leaving room for its value
	lineH    = 240  // a line chart's plot height
	plotTop  = 28   // room for the axis label above the plot
	plotLeft = 13.0 // % of the width left of a line chart's plot, for the scale
	plotW    = 83.0 // % of the width the plot takes
)

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) + "%" }
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// renderDrawing writes the chart's SVG, and its legend when it has
// several series.
func renderDrawing(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	c := node.(*DrawingNode).Chart
	var b strings.Builder
	if c.Type == Line {
		c.line(&b)
	} else {
		c.bars(&b)
	}
	if len(c.Series) > 1 {
		c.legend(&b)
	}
	_, _ = w.WriteString(b.String())
	return ast.WalkSkipChildren, nil
}

// open starts the SVG: an image named by the chart's title, described by
// its values.
func (c *Chart) open(b *strings.Builder, height int) {
	fmt.Fprintf(b, "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%%\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-t %s-d\">\n", height, c.ID, c.ID)
	fmt.Fprintf(b, "<title id=\"%s-t\">%s</title>\n<desc id=\"%s-d\">%s</desc>\n", c.ID, esc(c.Title), c.ID, esc(c.summary()))
	if len(c.Series) > 1 {
		// the second and later series are striped or dotted, so that they differ by more than colour
		fmt.Fprintf(b, "<defs><pattern id=\"%s-p1\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" class=\"chart-fill-1\"/><rect width=\"3\" height=\"8\" class=\"chart-stripe\"/></pattern>", c.ID)
		fmt.Fprintf(b, "<pattern id=\"%s-p2\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\"><rect width=\"7\" height=\"7\" class=\"chart-fill-2\"/><circle cx=\"3.5\" cy=\"3.5\" r=\"1.6\" class=\"chart-stripe\"/></pattern></defs>\n", c.ID)
	}
}

// fill is how series i is painted.
func (c *Chart) fill(i int) string {
	switch i % 3 {
	case 1:
		return "fill=\"url(#" + c.ID + "-p1)\""
	case 2:
		return "fill=\"url(#" + c.ID + "-p2)\""
	}
	return "class=\"chart-fill-0\""
}

// bars draws horizontal bars: each category's name on its own line, then
// its bars, each with its value at its end.
func (c *Chart) bars(b *strings.Builder) {
	per := labelH + len(c.Series)*barH + rowGap
	height := per*len(c.Categories) + 4
	c.open(b, height)
	max := c.Max()
	if max == 0 {
		max = 1
	}
	for i, cat := range c.Categories {
		y := i * per
		fmt.Fprintf(b, "<text x=\"0\" y=\"%d\" class=\"chart-label\">%s</text>\n", y+17, esc(cat))
		for j, s := range c.Series {
			v := s.Values[i]
			by := y + labelH + j*barH
			width := 0.0
			if !math.IsNaN(v) {
				width = v / max * barSpan
			}
			fmt.Fprintf(b, "<rect x=\"0\" y=\"%d\" width=\"%s\" height=\"%d\" %s/>", by, pct(width), barH-4, c.fill(j))
			fmt.Fprintf(b, "<text x=\"%s\" y=\"%d\" class=\"chart-value\">%s</text>\n", pct(width+1.2), by+barH-8, esc(c.format(v)))
		}
	}
	fmt.Fprintf(b, "<line x1=\"0\" y1=\"%d\" x2=\"0\" y2=\"%d\" class=\"chart-axis\"/>\n", labelH, height-rowGap)
	b.WriteString("</svg>\n")
}

// niceMax rounds a scale's top up to 1, 2, 2.5 or 5 times a power of ten.
func niceMax(m float64) float64 {
	if m <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*p >= m {
			return f * p
		}
	}
	return 10 * p
}

// line draws one line per series across the categories, with a scale of
// three steps, the categories below and each series' points marked with
// its own shape.
func (c *Chart) line(b *strings.Builder) {
	height := plotTop + lineH + 48
	c.open(b, height)
	top := niceMax(c.Max())
	if c.Y != "" {
		fmt.Fprintf(b, "<text x=\"0\" y=\"16\" class=\"chart-label\">%s</text>\n", esc(c.Y))
	}
	for k := 0; k <= 4; k++ {
		v := top * float64(k) / 4
		y := plotTop + lineH - int(float64(lineH)*float64(k)/4)
		fmt.Fprintf(b, "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" class=\"chart-grid\"/>", pct(plotLeft), y, pct(plotLeft+plotW), y)
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%d\" class=\"chart-tick\" text-anchor=\"end\">%s</text>\n", pct(plotLeft-1.5), y+5, esc(c.format(v)))
	}
	n := len(c.Categories)
	xAt := func(i int) float64 {
		if n == 1 {
			return 0.5
		}
		return float64(i) / float64(n-1)
	}
	step := max(1, (n+7)/8) // at most about eight labels below the plot
	for i, cat := range c.Categories {
		if i%step == 0 || i == n-1 {
			fmt.Fprintf(b, "<text x=\"%s\" y=\"%d\" class=\"chart-tick\" text-anchor=\"middle\">%s</text>\n", pct(plotLeft+plotW*xAt(i)), plotTop+lineH+22, esc(cat))
		}
	}
	if c.X != "" {
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%d\" class=\"chart-label\" text-anchor=\"middle\">%s</text>\n", pct(plotLeft+plotW/2), height-4, esc(c.X))
	}
	for j, s := range c.Series {
		c.polyline(b, j, s, top, xAt)
	}
	b.WriteString("</svg>\n")
}

// dashes tell lines apart without colour.
var dashes = []string{"", " stroke-dasharray=\"8 5\"", " stroke-dasharray=\"2 4\""}

// polyline draws one series: the line in a plot stretched to the width
// (its stroke keeps its width), and a marker at each value.
func (c *Chart) polyline(b *strings.Builder, j int, s Series, top float64, xAt func(int) float64) {
	var pts []string
	for i, v := range s.Values {
		if !math.IsNaN(v) {
			pts = append(pts, num(xAt(i)*1000)+","+num(1000-v/top*1000))
		}
	}
	fmt.Fprintf(b, "<svg x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\" viewBox=\"0 0 1000 1000\" preserveAspectRatio=\"none\" overflow=\"visible\">", pct(plotLeft), plotTop, pct(plotW), lineH)
	fmt.Fprintf(b, "<polyline points=\"%s\" class=\"chart-line chart-stroke-%d\" fill=\"none\" vector-effect=\"non-scaling-stroke\"%s/></svg>\n", strings.Join(pts, " "), j%3, dashes[j%3])
	for i, v := range s.Values {
		if math.IsNaN(v) {
			continue
		}
		y := plotTop + lineH - int(v/top*float64(lineH))
		fmt.Fprintf(b, "<svg x=\"%s\" y=\"%d\" overflow=\"visible\">%s</svg>", pct(plotLeft+plotW*xAt(i)), y, marker(j))
	}
	b.WriteByte('\n')
}

// marker is a point's shape for series j, centred on 0,0.
func marker(j int) string {
	switch j % 3 {
	case 1:
		return fmt.Sprintf("<rect x=\"-5\" y=\"-5\" width=\"10\" height=\"10\" class=\"chart-marker chart-fill-%d\"/>", j%3)
	case 2:
		return fmt.Sprintf("<path d=\"M0 -6 L6 5 L-6 5 Z\" class=\"chart-marker chart-fill-%d\"/>", j%3)
	}
	return "<circle r=\"5.5\" class=\"chart-marker chart-fill-0\"/>"
}

// legend names the series, each with its swatch (the same pattern or
// marker as in the drawing).
func (c *Chart) legend(b *strings.Builder) {
	b.WriteString("<ul class=\"chart-legend\">\n")
	for j, s := range c.Series {
		sw := fmt.Sprintf("<rect width=\"18\" height=\"14\" %s/>", c.fill(j))
		if c.Type == Line {
			sw = fmt.Sprintf("<line x1=\"0\" y1=\"7\" x2=\"18\" y2=\"7\" class=\"chart-line chart-stroke-%d\"%s/><svg x=\"9\" y=\"7\" overflow=\"visible\">%s</svg>", j%3, dashes[j%3], marker(j))
		}
		fmt.Fprintf(b, "<li><svg width=\"18\" height=\"14\" aria-hidden=\"true\" focusable=\"false\" overflow=\"visible\">%s</svg> %s</li>\n", sw, esc(s.Name))
	}
	b.WriteString("</ul>\n")
}
