package officedoc

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// writeDiagram writes a SmartArt diagram (named by its dgm:relIds) as the
// list it is made from: each point's text under its parent's, in their
// order, as the author typed them in the diagram's text pane. A diagram
// whose data cannot be found is named in Left.
func (c *converter) writeDiagram(relIDs *node) {
	items := c.diagramItems(relIDs)
	if len(items) == 0 {
		c.left(diag.Phrasef("embedded objects (formulas, charts)"))
		return
	}
	c.endList()
	for _, it := range items {
		c.listItem(it.level, "- ", mdtext.Escape(it.text))
	}
	c.endList()
}

// diagramItem is one point of a diagram with text, at its depth.
type diagramItem struct {
	level int
	text  string
}

// diagramItems reads a diagram's data part: its points and the links from
// each to its children.
func (c *converter) diagramItems(relIDs *node) []diagramItem {
	target := c.rels[relIDs.attr["r:dm"]]
	if target == "" {
		return nil
	}
	data, err := c.pack.tree(c.partAt(target))
	if err != nil || data == nil {
		return nil
	}
	type point struct{ kind, text string }
	points := map[string]point{}
	root := ""
	for _, pt := range data.find("ptLst").kidsNamed("pt") {
		id, kind := pt.attr["modelId"], pt.attr["type"]
		var paras []string
		if body := pt.child("t"); body != nil {
			for _, p := range body.kidsNamed("p") {
				if s := strings.Join(strings.Fields(p.text()), " "); s != "" {
					paras = append(paras, s)
				}
			}
		}
		points[id] = point{kind: kind, text: strings.Join(paras, " ")}
		if kind == "doc" && root == "" {
			root = id
		}
	}
	type link struct {
		order int
		dest  string
	}
	children := map[string][]link{}
	for _, cx := range data.find("cxnLst").kidsNamed("cxn") {
		if t := cx.attr["type"]; t != "" && t != "parOf" {
			continue // presentation links: how the diagram is drawn
		}
		order, _ := strconv.Atoi(cx.attr["srcOrd"])
		children[cx.attr["srcId"]] = append(children[cx.attr["srcId"]], link{order, cx.attr["destId"]})
	}
	var items []diagramItem
	seen := map[string]bool{}
	var walk func(id string, level int)
	walk = func(id string, level int) {
		kids := children[id]
		slices.SortStableFunc(kids, func(a, b link) int { return cmp.Compare(a.order, b.order) })
		for _, k := range kids {
			p, ok := points[k.dest]
			if !ok || seen[k.dest] || (p.kind != "" && p.kind != "node" && p.kind != "asst") {
				continue
			}
			seen[k.dest] = true
			next := level
			if p.text != "" {
				items = append(items, diagramItem{min(level, maxLevels-1), p.text})
				next = level + 1
			}
			walk(k.dest, next)
		}
	}
	walk(root, 0)
	return items
}
