package dialect

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// KindFigure is the node kind of a figure.
var KindFigure = ast.NewNodeKind("Figure")

// KindCaption is the node kind of a figure's caption.
var KindCaption = ast.NewNodeKind("FigureCaption")

// Figure is a picture with a caption (Hugo's figure shortcode). Its
// children are the picture (an *ast.Image, inside an *ast.Link when the
// figure links somewhere) and, when there is one, its Caption.
type Figure struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (*Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(source []byte, level int) { ast.DumpHelper(f, source, level, nil, nil) }

// Caption is a figure's caption: its title and caption text.
type Caption struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (*Caption) Kind() ast.NodeKind { return KindCaption }

// Dump implements ast.Node.
func (c *Caption) Dump(source []byte, level int) { ast.DumpHelper(c, source, level, nil, nil) }

func renderFigure(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<figure class="figure">`)
	} else {
		_, _ = w.WriteString("</figure>\n")
	}
	return ast.WalkContinue, nil
}

func renderCaption(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figcaption>")
	} else {
		_, _ = w.WriteString("</figcaption>")
	}
	return ast.WalkContinue, nil
}
