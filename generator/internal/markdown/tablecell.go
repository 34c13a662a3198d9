package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// tableCellRenderer writes table cells as GFM's renderer does (XHTML:
// alignment as an align attribute), except that an empty cell of the
// header row is a <td>: a header cell with no words names no column
// ("| | Monday | Tuesday |", the corner of a table that Word documents and
// learning platforms write), and screen readers announce it as an empty
// heading (axe: empty-table-header).
type tableCellRenderer struct{}

func (tableCellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*east.TableCell)
		tag, filter := "td", extension.TableTdCellAttributeFilter
		if n.Parent().Kind() == east.KindTableHeader && n.HasChildren() {
			tag, filter = "th", extension.TableThCellAttributeFilter
		}
		if !entering {
			_, _ = w.WriteString("</" + tag + ">\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<" + tag)
		if _, ok := n.AttributeString("align"); n.Alignment != east.AlignNone && !ok {
			_, _ = w.WriteString(` align="` + n.Alignment.String() + `"`)
		}
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, filter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}
