package container

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Plain is the text of a Markdown node as a reader sees it, without its
// markup: backslash escapes removed and character references (the
// typographer's quotes and dashes, and those the author wrote) resolved, as
// goldmark's HTML renderer shows them; code spans as written; a space where
// a line breaks or a block inside the node ends. It is the one rule for
// every plain text taken from Markdown: link and heading text, summaries,
// checklist labels, knowledge-check answers and titles.
func Plain(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c != n && c.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch x := c.(type) {
		case *ast.Text:
			b.Write(TextValue(x, src))
			if x.SoftLineBreak() || x.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(StringValue(x))
		case *ast.CodeSpan:
			for ch := x.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TextValue is a text node as a reader sees it: backslash escapes removed
// and character references resolved; raw text (inside code) as written.
func TextValue(x *ast.Text, src []byte) []byte {
	v := x.Segment.Value(src)
	if x.IsRaw() || (bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0) {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// StringValue is a string node's value with its character references
// resolved: the typographer writes its quotes, dashes and ellipsis as
// HTML entities.
func StringValue(x *ast.String) []byte {
	if bytes.IndexByte(x.Value, '&') < 0 {
		return x.Value
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(x.Value))
}
