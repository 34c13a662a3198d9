package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oersite/oersite/generator/internal/diag"
)

// With unsafeHTML = true, raw HTML passes through, but an address that
// would run a script (javascript:, vbscript:, data: other than images) must
// not: the rendered document is parsed as a browser parses it (entities
// decoded, foreign content, raw text and comments followed across the
// raw HTML blocks), and raw HTML that holds such an address, or leaves the
// page inside an unfinished tag or comment, is shown as text instead, with
// a warning naming the file and line.

// escapeMark is the node attribute that asks for raw HTML to be shown as text.
const escapeMark = "oersite-escape"

// rawHTMLRenderer writes raw HTML as it is (as goldmark does with
// WithUnsafe), or as text when the document's check marked it.
type rawHTMLRenderer struct{}

func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		if marked(n) {
			writeEscapedBlock(w, src, b)
			return ast.WalkContinue, nil
		}
		l := b.Lines()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			html.DefaultWriter.SecureWrite(w, seg.Value(src))
		}
		if b.HasClosure() {
			html.DefaultWriter.SecureWrite(w, b.ClosureLine.Value(src))
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		r := n.(*ast.RawHTML)
		if marked(n) {
			writeEscapedInline(w, src, r)
			return ast.WalkSkipChildren, nil
		}
		for i := 0; i < r.Segments.Len(); i++ {
			seg := r.Segments.At(i)
			_, _ = w.Write(seg.Value(src))
		}
		return ast.WalkSkipChildren, nil
	})
}

func marked(n ast.Node) bool {
	_, ok := n.AttributeString(escapeMark)
	return ok
}

// rawBytes returns the HTML a raw HTML node holds.
func rawBytes(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	switch x := n.(type) {
	case *ast.HTMLBlock:
		l := x.Lines()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			b.Write(seg.Value(src))
		}
		if x.HasClosure() {
			b.Write(x.ClosureLine.Value(src))
		}
	case *ast.RawHTML:
		for i := 0; i < x.Segments.Len(); i++ {
			seg := x.Segments.At(i)
			b.Write(seg.Value(src))
		}
	}
	return b.Bytes()
}

// guardRawHTML checks a rendered document whose raw HTML passed through.
// When the HTML holds a script address, the raw HTML nodes that hold one
// (or leave a tag or comment unfinished) on their own are shown as text;
// if the document is still unsafe, all of its raw HTML is; render renders
// the document again after marking.
func (w *walker) guardRawHTML(out []byte, render func() []byte) []byte {
	bad, open := scanHTML(out)
	if bad == "" && !open {
		return out
	}
	found := false
	for _, n := range w.raw {
		b, o := scanHTML(rawBytes(n, w.src))
		if b == "" && !o {
			continue
		}
		found = true
		n.SetAttributeString(escapeMark, true)
		w.res.Diags.Add(rawProblem(w.doc.File, nodeLine(n, w.lines), b, false))
	}
	if found {
		out = render()
		if bad, open = scanHTML(out); bad == "" && !open {
			return out
		}
	}
	for _, n := range w.raw {
		n.SetAttributeString(escapeMark, true)
	}
	w.res.Diags.Add(rawProblem(w.doc.File, nodeLine(w.raw[0], w.lines), bad, true))
	out = render()
	if bad, open = scanHTML(out); bad == "" && !open {
		return out
	}
	// Only the Markdown is left; it never makes such links: show the source.
	esc := append([]byte(`<pre class="raw-html"><code>`), util.EscapeHTML(w.src)...)
	return append(esc, "</code></pre>\n"...)
}

// rawProblem is the warning for raw HTML shown as text: one that holds a
// script address (bad), or one left unfinished; all of the page's raw HTML
// when its parts are only unsafe taken together. Each case is one whole
// sentence, so that every language can say it.
func rawProblem(file string, line int, bad string, all bool) diag.Diagnostic {
	const scriptHint = "link to a page or a web address instead; scripts and data: addresses are not allowed in links"
	const openHint = "close every tag, comment and element you open (a blank line ends a block of raw HTML)"
	switch {
	case bad != "" && all:
		return diag.Warnf(file, line, scriptHint, "all raw HTML of the page shown as text: taken together, its parts hold %s, an address that would run a script or open a document made of the link", truncate(bad, 60))
	case bad != "":
		return diag.Warnf(file, line, scriptHint, "raw HTML shown as text: %s, an address that would run a script or open a document made of the link", truncate(bad, 60))
	case all:
		return diag.Warnf(file, line, openHint, "all raw HTML of the page shown as text: taken together, its parts hold a tag, comment or element left unfinished, which would swallow the rest of the page")
	}
	return diag.Warnf(file, line, openHint, "raw HTML shown as text: a tag, comment or element left unfinished, which would swallow the rest of the page")
}

// endTag closes a checked fragment: found as an element after parsing, the
// fragment left the parser reading tags, as the rest of the page expects.
const endTag = "oersite-end-of-document"

// scanHTML parses an HTML fragment as the body of a page and returns the
// first attribute holding a script address (`href="javascript:…"`), and
// whether the fragment ends inside something unfinished (a tag, a
// comment, the text of a textarea, script or style...).
func scanHTML(frag []byte) (bad string, open bool) {
	input := make([]byte, 0, len(frag)+2*len(endTag)+5)
	input = append(append(append(input, frag...), "<"+endTag+">"...), "</"+endTag+">"...)
	nodes, err := nethtml.ParseFragment(bytes.NewReader(input), &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "", true
	}
	closed := false
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode {
			if n.Data == endTag {
				closed = true
			}
			if bad == "" {
				bad = scriptAttr(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return bad, !closed
}

// scriptAttr returns the first attribute of an element that holds an
// address that would run a script, written as name="value", or "".
func scriptAttr(n *nethtml.Node) string {
	for _, a := range n.Attr {
		name := strings.ToLower(a.Key)
		list, isAddress := addressAttr(name)
		if n.DataAtom == atom.Meta && name == "content" {
			// <meta http-equiv="refresh" content="0; url=...">
			if i := strings.Index(strings.ToLower(a.Val), "url="); i >= 0 {
				isAddress, a.Val = true, a.Val[i+4:]
			}
		}
		if !isAddress {
			continue
		}
		parts := []string{a.Val}
		if list {
			parts = strings.FieldsFunc(a.Val, func(r rune) bool {
				return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
			})
		}
		for _, p := range parts {
			if dangerous([]byte(p)) {
				return fmt.Sprintf("%s=%q", a.Key, a.Val)
			}
		}
	}
	return ""
}

// addressAttr reports whether an attribute holds an address (on any
// element: HTML, SVG or MathML), and whether it holds a list of them.
func addressAttr(name string) (list, ok bool) {
	switch name {
	case "href", "src", "action", "formaction", "poster", "background", "cite", "data", "codebase",
		"longdesc", "lowsrc", "dynsrc", "manifest", "icon", "profile", "classid", "usemap", "xlink:href":
		return false, true
	case "srcset", "imagesrcset", "ping", "archive", "values", "to", "from", "by":
		return true, true
	}
	return false, false
}
