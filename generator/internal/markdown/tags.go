package markdown

import (
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Without unsafeHTML, a few bare inline tags that can neither run nor
// reach anything still work, as in most Markdown tools: <sup> and <sub>
// (m<sup>2</sup> as written by hand or by the Word import, "1<sup>st</sup>"),
// <kbd> (press <kbd>Ctrl</kbd>+<kbd>C</kbd>), <mark> (text highlighted, as
// in a Word document), and <br> (a line break in a table cell). An opening tag counts only with its closing tag inside the
// same parent (a paragraph, a cell, an emphasis), so that the page's HTML
// stays well nested; a tag left alone, or with attributes, is shown as text
// with the usual warning.

// tagMark is the node attribute that holds a raw inline tag to write as
// it is: "<sup>", "</sup>", "<br />".
const tagMark = "oersite-tag"

// pairedTags are the tags that need their closing tag; voidTags those
// that have none.
var (
	pairedTags = []string{"sup", "sub", "kbd", "mark"}
	voidTags   = []string{"br"}
)

// inlineTag reads a raw inline node as one of the tags above: its name,
// whether it closes, and whether it is one.
func inlineTag(n *ast.RawHTML, src []byte) (name string, closing, ok bool) {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(src))
	}
	s := strings.ToLower(b.String())
	inner, opens := strings.CutPrefix(s, "<")
	inner, closes := strings.CutSuffix(inner, ">")
	if !opens || !closes || inner == "" {
		return "", false, false
	}
	if rest, isClose := strings.CutPrefix(inner, "/"); isClose {
		for _, t := range pairedTags {
			if rest == t {
				return t, true, true
			}
		}
		return "", false, false
	}
	for _, t := range voidTags {
		if inner == t || strings.TrimSpace(strings.TrimSuffix(inner, "/")) == t {
			return t, false, true
		}
	}
	for _, t := range pairedTags {
		if inner == t {
			return t, false, true
		}
	}
	return "", false, false
}

// pairTags marks the tags the document may keep (see above) and warns of
// the others, as of any raw HTML.
func (w *walker) pairTags() {
	type open struct {
		node *ast.RawHTML
		name string
	}
	stacks := map[ast.Node][]open{} // by parent: a tag pairs only with one beside it
	kept := map[*ast.RawHTML]bool{}
	for _, n := range w.tags {
		name, closing, _ := inlineTag(n, w.src)
		stack := stacks[n.Parent()]
		switch {
		case slices.Contains(voidTags, name):
			n.SetAttributeString(tagMark, []byte("<"+name+" />"))
			kept[n] = true
		case !closing:
			stack = append(stack, open{n, name})
		case len(stack) > 0 && stack[len(stack)-1].name == name:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			o.node.SetAttributeString(tagMark, []byte("<"+name+">"))
			n.SetAttributeString(tagMark, []byte("</"+name+">"))
			kept[o.node], kept[n] = true, true
		}
		stacks[n.Parent()] = stack
	}
	for _, n := range w.tags {
		if !kept[n] {
			w.warnRawHTML(n)
		}
	}
}

// warnRawHTML says that a raw HTML node is shown as text.
func (w *walker) warnRawHTML(n ast.Node) {
	w.res.Diags.Add(diag.Warnf(w.doc.File, nodeLine(n, w.lines), "write it in Markdown, or set unsafeHTML = true under [markup] in config.toml if you trust every author",
		"raw HTML is shown as text, not run"))
}
