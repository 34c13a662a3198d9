package markdown

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// nesting counts the lists and block quotes n is inside, itself included:
// a measure of depth independent of the one the parser keeps.
func nesting(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			d++
		}
	}
	return d
}

// shape measures a parsed document: its table cells and how deep lists and
// quotes nest.
func shape(root ast.Node) (cells, depth int) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if n.Kind() == east.KindTableCell {
				cells++
			}
			depth = max(depth, nesting(n))
		}
		return ast.WalkContinue, nil
	})
	return cells, depth
}

func refusedBy(res Result, name string) bool {
	for _, d := range res.Diags {
		if strings.Contains(d.Message, "(limits."+name+")") {
			return true
		}
	}
	return false
}

func table(cols, rows int) string {
	var b strings.Builder
	b.WriteString("|" + strings.Repeat(" h |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n")
	for range rows - 1 {
		b.WriteString("| x |\n")
	}
	return b.String()
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// containers nests n blocks opened by open and closed by close.
func containers(open, close string, n int) string {
	return strings.Repeat(open+"\n\n", n) + "x\n\n" + strings.Repeat(close+"\n\n", n)
}

// admonitions nests n MkDocs admonitions by indentation.
func admonitions(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("    ", i) + "!!! note\n\n")
	}
	b.WriteString(strings.Repeat("    ", n) + "x\n")
	return b.String()
}

func TestLimitsRefuseAboveAndKeepAtTheLimit(t *testing.T) {
	r := New(Options{Limits: Limits{TableCells: 100, Nesting: 5}})
	cases := []struct {
		name, src string
		limit     string
		refused   bool
	}{
		{"table at the limit", table(10, 10), "tableCells", false},
		{"table over the limit", table(10, 11), "tableCells", true},
		{"two tables over the limit together", table(10, 6) + "\npara\n\n" + table(10, 5), "tableCells", true},
		{"list at the limit", nestedList(5), "nestingDepth", false},
		{"list over the limit", nestedList(6), "nestingDepth", true},
		{"quotes over the limit", "> > > > > > deep\n", "nestingDepth", true},
		{"quotes in lists at the limit", "- > - > - deep\n", "nestingDepth", false},
		{"quotes in lists over the limit", "- > - > - > deep\n", "nestingDepth", true},
		{"containers at the limit", containers(":::note", ":::", 5), "nestingDepth", false},
		{"containers over the limit", containers(":::note", ":::", 6), "nestingDepth", true},
		{"containers and lists over the limit", "- x\n\n  " + strings.ReplaceAll(containers(":::tip", ":::", 5), "\n", "\n  "), "nestingDepth", true},
		{"shortcodes over the limit", containers("{{% notice info %}}", "{{% /notice %}}", 6), "nestingDepth", true},
		{"admonitions over the limit", admonitions(6), "nestingDepth", true},
		{"admonitions at the limit", admonitions(5), "nestingDepth", false},
	}
	for _, c := range cases {
		res := r.Render(Doc{File: "content/en/x.md", BodyLine: 4, Source: []byte(c.src)})
		if got := refusedBy(res, c.limit); got != c.refused {
			t.Errorf("%s: refused %v, want %v (%v)", c.name, got, c.refused, res.Diags)
		}
	}
	res := r.Render(Doc{File: "content/en/x.md", BodyLine: 4, Source: []byte("Intro.\n\n" + table(10, 11))})
	d := res.Diags[0]
	if d.File != "content/en/x.md" || d.Line != 6 || !strings.Contains(d.Message, "10 columns and 11 rows") || !strings.Contains(d.Hint, "tableCells under [limits] in config.toml") {
		t.Errorf("the refusal does not name file, line, limit and remedy: %+v", d)
	}
}

// The inputs of issue 13 are refused quickly and with bounded memory: 2,000
// columns by 2,000 rows written in 12 KB, lists and quotes nested 2,000 deep.
// Memory is measured as bytes allocated, which does not depend on how busy
// the machine is.
func TestHostileShapesAreRefusedWithBoundedMemory(t *testing.T) {
	r := New(Options{Limits: Limits{TableCells: 50000, Nesting: 20}})
	for name, src := range map[string]string{
		"wide table":         "|" + strings.Repeat("a|", 2000) + "\n|" + strings.Repeat("-|", 2000) + "\n" + strings.Repeat("|x|\n", 2000),
		"deep list":          strings.Repeat("- ", 2000) + "x\n",
		"deep indented list": nestedList(700),
		"deep quote":         strings.Repeat(">", 2000) + " x\n",
		"deep mixture":       strings.Repeat("- > ", 1000) + "x\n",
		"deep containers":    containers(":::note", ":::", 3000),
		"deep shortcodes":    containers("{{% notice info %}}", "{{% /notice %}}", 2000),
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		res := r.Render(Doc{File: "x.md", BodyLine: 1, Source: []byte(src)})
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if len(res.Diags) == 0 {
			t.Errorf("%s: not refused", name)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("%s: %d MB allocated for %d KB of Markdown", name, alloc>>20, len(src)>>10)
		}
		if len(res.HTML) > 4*len(src)+4096 {
			t.Errorf("%s: %d bytes of HTML from %d of Markdown", name, len(res.HTML), len(src))
		}
		if took > 20*time.Second {
			t.Errorf("%s: took %v", name, took)
		}
	}
}

// measurer records the shape of a document once parsed, before the
// footnotes transformer drops the definitions nothing refers to: what the
// parse built, whether or not it reaches the page.
type measurer struct{ key parser.ContextKey }

// measured is a document's table cells and list and quote depth, measured
// once parsed, and the depth of every block holding blocks, as the parser
// counted it while opening them.
type measured struct{ cells, depth, deepest int }

func (m measurer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	c, d := shape(doc)
	pc.Set(m.key, &measured{cells: c, depth: d})
}

// withMeasure returns an unlimited renderer that records each document's shape.
func withMeasure() (*Renderer, parser.ContextKey) {
	r := New(Options{})
	key := parser.NewContextKey()
	for _, md := range []goldmark.Markdown{r.md, r.plain} {
		md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(measurer{key}, 1)))
	}
	return r, key
}

func (r *Renderer) measure(src []byte, key parser.ContextKey) measured {
	_, lim, pctx := r.parse(src, newIDs(), Doc{})
	m := *pctx.Get(key).(*measured)
	m.deepest = lim.deepest
	return m
}

// FuzzLimits: a document is refused exactly when goldmark, unlimited, would
// build more table cells or deeper nesting than a limit allows, and nothing
// over a limit reaches the output.
func FuzzLimits(f *testing.F) {
	for _, s := range []string{
		table(3, 4), table(1, 1), "a\n|-|\n", "| a | b |\n| - |\n| x |\n", "|a\\|b|\n|---|\n|x|\n",
		"- a\n  - b\n    - c\n", "> > x\n", "- > - > x\n", "1. a\n   1. b\n", "text\n---|---\n", "x\n:-:|\n",
		"a|b|c\n-|-\nx\n\n" + table(2, 2), "[^1]: - > - x\n\ny[^1]\n", "[^0]:* *",
		containers(":::note", ":::", 3), containers("{{% notice info %}}", "{{% /notice %}}", 3), admonitions(3),
		"- :::tip\n  > x\n  :::\n", "> [!NOTE]\n> > x\n", "??? tip\n    - a\n        - b\n", "/// details | T\n- x\n///\n",
	} {
		f.Add(s, uint16(6), uint8(2))
	}
	unlimited, key := withMeasure()
	f.Fuzz(func(t *testing.T, src string, maxCells uint16, maxDepth uint8) {
		if len(src) > 4096 {
			return
		}
		ref := unlimited.measure([]byte(src), key)
		for _, lim := range []Limits{{TableCells: int(maxCells)%200 + 1}, {Nesting: int(maxDepth)%8 + 1}} {
			r := New(Options{Limits: lim})
			root, st, _ := r.parse([]byte(src), newIDs(), Doc{})
			gotCells, gotDepth := shape(root)
			if lim.TableCells > 0 {
				_, refused := st.hits["tableCells"]
				if refused != (ref.cells > lim.TableCells) {
					t.Fatalf("%q: %d cells against a limit of %d, refused %v", src, ref.cells, lim.TableCells, refused)
				}
				if gotCells > lim.TableCells {
					t.Fatalf("%q: %d cells got through a limit of %d", src, gotCells, lim.TableCells)
				}
			}
			if lim.Nesting > 0 {
				_, refused := st.hits["nestingDepth"]
				if refused != (ref.deepest > lim.Nesting) {
					t.Fatalf("%q: nesting %d against a limit of %d, refused %v", src, ref.deepest, lim.Nesting, refused)
				}
				if gotDepth > lim.Nesting || st.deepest > lim.Nesting || ref.depth > ref.deepest {
					t.Fatalf("%q: nesting %d got through a limit of %d", src, gotDepth, lim.Nesting)
				}
			}
		}
	})
}

// A new renderer's first documents, rendered at once, one with a bare
// address (the Linkify parser) and one without, share no parser state: each
// goldmark parser has block parsers of its own, which it configures when it
// first runs (run with -race).
func TestFirstRendersAtOnceShareNoParserState(t *testing.T) {
	for range 4 {
		r := New(Options{Limits: Limits{TableCells: 100, Nesting: 5}})
		done := make(chan struct{})
		for _, src := range []string{"# Title {#t}\n\nSee https://example.org/ now.\n", "# Title {#t}\n\n- a\n  > b\n"} {
			go func() {
				defer func() { done <- struct{}{} }()
				r.Render(Doc{File: "x.md", BodyLine: 1, Source: []byte(src)})
			}()
		}
		<-done
		<-done
	}
}

// TestRenderersMadeAtOnceKeepTheirLimits: renderers made on several
// goroutines at once (the editor's preview beside a build) each keep their
// own limits. Each New once took a goldmark context key from a counter
// goldmark does not guard: the race detector caught two at once (CI, in the
// editor's browser test).
func TestRenderersMadeAtOnceKeepTheirLimits(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			r := New(Options{Limits: Limits{TableCells: 100 + i}})
			res := r.Render(Doc{File: "content/en/x.md", Source: []byte(table(10, 11))})
			if !refusedBy(res, "tableCells") {
				t.Errorf("renderer %d let 110 cells through a limit of %d", i, 100+i)
			}
		})
	}
	wg.Wait()
}
