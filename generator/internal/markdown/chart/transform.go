package chart

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// settingLine is one line of the settings paragraph: "key: value".
var settingLine = regexp.MustCompile(`^([a-z]+):\s*(.*)$`)

// settingKeys are the settings a chart block may give.
var settingKeys = []string{"data", "type", "unit", "source", "date", "x", "y"}

// transform reads a chart block's settings, loads its data file and puts
// the drawing after the title and the table at the end. A chart that
// cannot be drawn is reported, with what to do, and the block keeps what
// the author wrote.
func transform(n *container.Node, src []byte, warn container.WarnFunc) {
	id := "chart-" + strconv.Itoa(ordinal(n))
	n.SetAttributeString("id", []byte(id))
	set, para := settings(n, src)
	if set == nil {
		warn(n.Pos(), "write the data file's name on the line after :::chart, such as data: figures.csv", "chart without data: shown as a plain block")
		return
	}
	if set["data"] == "" {
		warn(n.Pos(), "add a line data: figures.csv (a file in the page's folder)", "chart without a data file")
		return
	}
	doc := n.Document()
	if doc.ReadFile == nil {
		warn(n.Pos(), "", "chart data cannot be read here: shown without its chart")
		return
	}
	data, err := doc.ReadFile(set["data"])
	if err != nil {
		warn(n.Pos(), "put the file in the page's folder, beside its Markdown file", "chart: %v", err)
		return
	}
	c, err := load(set["data"], data, doc.Lang)
	if err != nil {
		warn(n.Pos(), "fix the data file (see README, Charts)", "chart %s: %v", set["data"], err)
		return
	}
	c.ID, c.Lang, c.colon = id, doc.Lang, n.Label("punct.colon", ": ")
	c.override(set, titleText(n, src))
	if err := c.check(); err != nil {
		warn(n.Pos(), "fix the chart's settings or data (see README, Charts)", "chart %s: %v", set["data"], err)
		return
	}
	n.RemoveChild(n, para)
	drawing := &DrawingNode{Chart: c}
	if t := n.Title(); t != nil {
		n.InsertAfter(n, t, drawing)
	} else {
		n.InsertBefore(n, n.FirstChild(), drawing)
	}
	n.AppendChild(n, &TableNode{Chart: c})
}

// override applies the block's settings over the file's, and the block's
// title over the file's.
func (c *Chart) override(set map[string]string, title string) {
	for k, p := range map[string]*string{"type": &c.Type, "unit": &c.Unit, "source": &c.Source, "date": &c.Date, "x": &c.X, "y": &c.Y} {
		if v := set[k]; v != "" {
			*p = v
		}
	}
	if c.Type == "" {
		c.Type = Bar
		if len(c.Series) > 1 {
			c.Type = Grouped
		}
	}
	if title != "" {
		c.Title = title
	}
}

// settings reads the first paragraph of the block when every line of it
// is a known "key: value"; it returns nil otherwise.
func settings(n *container.Node, src []byte) (map[string]string, ast.Node) {
	var para *ast.Paragraph
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok {
			para = p
			break
		}
		if _, ok := c.(*container.Title); !ok {
			return nil, nil
		}
	}
	if para == nil {
		return nil, nil
	}
	out := map[string]string{}
	lines := para.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		m := settingLine.FindStringSubmatch(strings.TrimSpace(string(seg.Value(src))))
		if m == nil || !known(m[1]) {
			return nil, nil
		}
		out[m[1]] = strings.TrimSpace(m[2])
	}
	return out, para
}

func known(k string) bool {
	for _, s := range settingKeys {
		if s == k {
			return true
		}
	}
	return false
}

// titleText is the plain text of the block's title, or "": as a reader
// sees it, the typographer's quotes and dashes included (container.Plain).
func titleText(n *container.Node, src []byte) string {
	t := n.Title()
	if t == nil {
		return ""
	}
	return strings.Join(strings.Fields(container.Plain(t, src)), " ")
}

// ordinal counts the charts of the document up to n, for a stable id.
func ordinal(n *container.Node) int {
	var root ast.Node = n
	for root.Parent() != nil {
		root = root.Parent()
	}
	count := 0
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if x, ok := c.(*container.Node); ok && entering && x.Name != "" && (x.Name == Name || x.Name == "graph") {
			count++
			if x == n {
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return count
}
