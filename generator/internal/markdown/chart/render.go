package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

func esc(s string) string { return html.EscapeString(s) }

// renderFigure writes the chart's figure; a block whose chart could not
// be drawn is a plain block.
func renderFigure(w util.BufWriter, _ []byte, n *container.Node, entering bool) (ast.WalkStatus, error) {
	c := chartOf(n)
	if c == nil {
		if entering {
			_, _ = w.WriteString("<div class=\"chart chart-missing\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	}
	_, _ = fmt.Fprintf(w, "<figure class=\"chart chart-%s\" id=\"%s\">\n", c.Type, c.ID)
	if n.Title() == nil && c.Title != "" {
		_, _ = fmt.Fprintf(w, "<figcaption class=\"chart-title\">%s</figcaption>\n", esc(c.Title))
	}
	return ast.WalkContinue, nil
}

func renderCaption(w util.BufWriter, _ []byte, n *container.Node, entering bool) (ast.WalkStatus, error) {
	tag := "figcaption class=\"chart-title\""
	if chartOf(n) == nil {
		tag = "p class=\"chart-title\""
	}
	if entering {
		_, _ = w.WriteString("<" + tag + ">")
	} else {
		_, _ = w.WriteString("</" + strings.Fields(tag)[0] + ">\n")
	}
	return ast.WalkContinue, nil
}

// renderTable writes the data table in a disclosure, and the source.
func renderTable(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	c := node.(*TableNode).Chart
	n := node.Parent().(*container.Node)
	var b strings.Builder
	b.WriteString("<details class=\"chart-data\"><summary>" + esc(n.Label("chart.table", "Show the figures as a table")) + "</summary>\n")
	b.WriteString("<div class=\"table-wrap\"><table>\n<caption>" + esc(c.Title))
	if c.Unit != "" {
		b.WriteString(" (" + esc(c.Unit) + ")")
	}
	b.WriteString("</caption>\n<thead><tr><th scope=\"col\">" + esc(c.X) + "</th>")
	for _, s := range c.Series {
		name := s.Name
		if name == "" {
			name = c.Y
		}
		b.WriteString("<th scope=\"col\">" + esc(name) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for i, cat := range c.Categories {
		b.WriteString("<tr><th scope=\"row\">" + esc(cat) + "</th>")
		for _, s := range c.Series {
			b.WriteString("<td>" + esc(c.format(s.Values[i])) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table></div></details>\n")
	if c.Source != "" || c.Date != "" {
		b.WriteString("<p class=\"chart-source\">" + esc(n.Label("chart.source", "Source")) + esc(c.colon) + esc(c.Source))
		if c.Date != "" {
			if c.Source != "" {
				b.WriteString(", ")
			}
			b.WriteString(esc(c.Date))
		}
		b.WriteString("</p>\n")
	}
	_, _ = w.WriteString(b.String())
	return ast.WalkSkipChildren, nil
}

// decimalPoint are the languages that write 41.5 rather than 41,5.
var decimalPoint = map[string]bool{"en": true, "ga": true, "mt": true, "": true}

// format writes a value as the page's language does, with the unit: "41,5%".
func (c *Chart) format(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !decimalPoint[c.Lang] {
		s = strings.Replace(s, ".", ",", 1)
	}
	switch {
	case c.Unit == "":
		return s
	case c.Unit == "%" && (c.Lang == "en" || c.Lang == "it" || c.Lang == "es" || c.Lang == "nl" || c.Lang == "is" || c.Lang == ""):
		return s + "%"
	case c.Unit == "%":
		return s + "\u00a0%"
	case len([]rune(c.Unit)) == 1:
		return s + "\u00a0" + c.Unit
	}
	return s + " " + c.Unit
}

// summary is the chart in one sentence of values, for the SVG's description.
func (c *Chart) summary() string {
	var parts []string
	for i, cat := range c.Categories {
		var vals []string
		for _, s := range c.Series {
			v := c.format(s.Values[i])
			if len(c.Series) > 1 {
				v = s.Name + " " + v
			}
			vals = append(vals, v)
		}
		parts = append(parts, cat+c.colon+strings.Join(vals, ", "))
	}
	return strings.Join(parts, "; ")
}
