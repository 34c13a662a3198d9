package markdown

import (
	"html"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A gap to fill in (a worksheet's "Your name: ______", a fill-in task's
// blanks, as oersite import writes them) is a run of three or more
// underscores in a text, not inside a word. It shows as written, and a
// screen reader, which says nothing for a run of underscores or spells each
// one out, reads its label instead: "blank" in the page's language (the
// strings' "gap").

// KindGap is the node kind of a gap.
var KindGap = ast.NewNodeKind("Gap")

// Gap is a gap to fill in: its underscores as written, and its label.
type Gap struct {
	ast.BaseInline
	Marks, Label string
}

// Kind implements ast.Node.
func (*Gap) Kind() ast.NodeKind { return KindGap }

// Dump implements ast.Node.
func (g *Gap) Dump(src []byte, level int) {
	ast.DumpHelper(g, src, level, map[string]string{"Marks": g.Marks, "Label": g.Label}, nil)
}

type gapRenderer struct{}

func (gapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindGap, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			g := n.(*Gap)
			_, _ = w.WriteString(`<span class="gap"><span aria-hidden="true">` + g.Marks + `</span><span class="visually-hidden">` + html.EscapeString(g.Label) + `</span></span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}

// gapRuns are the gaps in a text: the [start, end) of each run of three or
// more underscores with no letter or digit right before or after it.
func gapRuns(v []byte) [][2]int {
	var runs [][2]int
	for i := 0; i < len(v); {
		if v[i] != '_' {
			i++
			continue
		}
		j := i
		for j < len(v) && v[j] == '_' {
			j++
		}
		if j-i >= 3 && !wordRune(utf8.DecodeLastRune(v[:i])) && !wordRune(utf8.DecodeRune(v[j:])) {
			runs = append(runs, [2]int{i, j})
		}
		i = j
	}
	return runs
}

// wordRune says whether r (of size n, 0 for none) is a letter or digit.
func wordRune(r rune, n int) bool { return n > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// inCodeOrImage says whether a text is code, or a picture's description
// (its alt text, which holds no element).
func inCodeOrImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.CodeSpan, *ast.Image:
			return true
		}
	}
	return false
}

// splitGaps puts a Gap in place of each gap of the texts noted in the walk
// (see visit): the words before it stay a text, the rest (with the text's
// line break) stays in the text.
func (w *walker) splitGaps() {
	if len(w.gaps) == 0 {
		return
	}
	label := "blank"
	if w.doc.Labels != nil {
		if s := w.doc.Labels("gap"); s != "" && s != "gap" {
			label = s
		}
	}
	w.res.UsesLabels = true
	for _, t := range w.gaps {
		seg, parent := t.Segment, t.Parent()
		at := seg.Start
		for _, r := range gapRuns(seg.Value(w.src)) {
			if seg.Start+r[0] > at {
				parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(at, seg.Start+r[0])))
			}
			parent.InsertBefore(parent, t, &Gap{Marks: string(w.src[seg.Start+r[0] : seg.Start+r[1]]), Label: label})
			at = seg.Start + r[1]
		}
		t.Segment = text.NewSegment(at, seg.Stop)
	}
}
