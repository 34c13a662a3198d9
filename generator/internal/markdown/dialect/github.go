package dialect

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// GitHub reads GitHub alerts (and Obsidian callouts, which look the same):
// a blockquote whose first line is [!NOTE], [!TIP], [!IMPORTANT],
// [!WARNING] or [!CAUTION] becomes a callout.
//
//	> [!WARNING]
//	> Back up your phone first.
type GitHub struct{}

// Extend implements goldmark.Extender.
func (GitHub) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(alerts{}, 100)))
}

// githubWords are GitHub's five alert types; CAUTION is GitHub's red one.
var githubWords = map[string]string{"note": "note", "tip": "tip", "important": "info", "warning": "warning", "caution": "danger"}

var alertLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*\[!([A-Za-z]+)\]([+-]?)[ \t]*`) })

type alerts struct{}

func (alerts) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("[!")) {
		return
	}
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		alertOf(q, src, pc)
	}
}

// alertOf turns the blockquote q into a callout when its first line is an
// alert marker.
func alertOf(q *ast.Blockquote, src []byte, pc parser.Context) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	line := first.Value(src)
	m := alertLine().FindSubmatchIndex(line)
	if m == nil {
		return
	}
	word := strings.ToLower(string(line[m[2]:m[3]]))
	kind, ok := githubWords[word]
	if !ok {
		if kind, ok = calloutWords[word]; !ok {
			return // [!something] that no tool means as an alert: a quote
		}
	}
	n := container.NewNode(kind, "github")
	n.SetPos(q.Pos())
	container.Track(pc, n)
	switch string(line[m[4]:m[5]]) {
	case "-":
		n.Collapse = container.Closed
	case "+":
		n.Collapse = container.Open
	}
	end := first.Start + len(bytes.TrimRight(line, " \t\n\r"))
	if titleStart := first.Start + m[1]; titleStart < end {
		t := &container.Title{}
		t.AppendChild(t, ast.NewTextSegment(text.NewSegment(titleStart, end)))
		n.AppendChild(n, t)
	}
	dropBefore(p, first.Stop)
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	for c := q.FirstChild(); c != nil; c = q.FirstChild() {
		q.RemoveChild(q, c)
		n.AppendChild(n, c)
	}
	q.Parent().ReplaceChild(q.Parent(), q, n)
}

// dropBefore removes the inline content of p that comes from the source
// before offset stop (the marker line), splitting a text that runs past it.
func dropBefore(p ast.Node, stop int) {
	for c := p.FirstChild(); c != nil; c = p.FirstChild() {
		start, end, ok := span(c)
		if !ok || start >= stop {
			return
		}
		if t, isText := c.(*ast.Text); isText && end > stop {
			t.Segment = t.Segment.WithStart(stop)
			return
		}
		p.RemoveChild(p, c)
	}
}

// span returns the source range an inline node covers, from its own
// segment or its descendants' text; ok is false for nodes without one.
func span(n ast.Node) (start, end int, ok bool) {
	switch x := n.(type) {
	case *ast.Text:
		return x.Segment.Start, x.Segment.Stop, true
	case *Shortcode:
		return x.Segment.Start, x.Segment.Stop, true
	case *ast.RawHTML:
		if x.Segments.Len() > 0 {
			return x.Segments.At(0).Start, x.Segments.At(x.Segments.Len() - 1).Stop, true
		}
	}
	return spanChildren(n)
}

func spanChildren(n ast.Node) (start, end int, ok bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s, e, cok := span(c)
		if !cok {
			continue
		}
		if !ok || s < start {
			start = s
		}
		if !ok || e > end {
			end = e
		}
		ok = true
	}
	return start, end, ok
}
