package container

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer writes containers through their kinds, and the ones no
// kind claims as plain <div>s.
type nodeRenderer struct {
	reg *Registry
}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindNode, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*Node)
		if k, ok := r.reg.kinds[n.KindName]; ok {
			return k.Render(w, src, n, entering)
		}
		return plainBlock(w, src, n, entering)
	})
	reg.Register(KindTitle, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n, _ := node.Parent().(*Node)
		if n == nil {
			return ast.WalkContinue, nil
		}
		if k, ok := r.reg.kinds[n.KindName]; ok && k.RenderTitle != nil {
			return k.RenderTitle(w, src, n, entering)
		}
		return plainTitle(w, src, n, entering)
	})
	for _, name := range r.reg.Names() {
		for nk, f := range r.reg.kinds[name].Nodes {
			reg.Register(nk, f)
		}
	}
}

// plainBlock is a container of a name no kind claims: a <div> with the
// name as class, so that nothing the author wrote is lost.
func plainBlock(w util.BufWriter, _ []byte, n *Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="container container-` + ClassName(n.Name) + "\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func plainTitle(w util.BufWriter, _ []byte, _ *Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<p class="container-title">`)
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// ClassName makes a name safe for a class attribute: letters, digits and
// dashes, anything else a dash.
func ClassName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(name))
}

// esc escapes text for HTML.
func esc(s string) string { return html.EscapeString(s) }
