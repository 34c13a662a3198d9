package container_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// TestNewKindWithoutTouchingTheParser registers a kind the way a knowledge
// check or a chart will: its renderer and its transform run for its blocks.
func TestNewKindWithoutTouchingTheParser(t *testing.T) {
	reg := container.Standard()
	transformed := 0
	err := reg.Register(container.Kind{
		Name:    "quiz",
		Aliases: []string{"check"},
		Render: func(w util.BufWriter, _ []byte, n *container.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(`<form class="quiz">` + "\n")
			} else {
				_, _ = w.WriteString("</form>\n")
			}
			return ast.WalkContinue, nil
		},
		Transform: func(n *container.Node, _ []byte, warn container.WarnFunc) {
			transformed++
			if n.ChildCount() < 2 {
				warn(n.Pos(), "add a question", "quiz %q has no question", n.Name)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(container.Extension{Registry: reg}))
	src := []byte(":::check Check yourself\nWhich is right?\n:::\n\n:::quiz\n:::\n")
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var out bytes.Buffer
	if err := md.Renderer().Render(&out, src, doc); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, `<form class="quiz">`+"\n"+`<p class="container-title">Check yourself</p>`+"\n<p>Which is right?</p>\n</form>") {
		t.Errorf("rendered:\n%s", got)
	}
	if transformed != 2 {
		t.Errorf("transform ran %d times, want 2", transformed)
	}
	if ws := container.Warnings(pc); len(ws) != 1 || ws[0].Format != "quiz %q has no question" {
		t.Errorf("warnings %+v", ws)
	}
}

func TestRegistryRefusesATakenName(t *testing.T) {
	reg := container.Standard()
	render := func(util.BufWriter, []byte, *container.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	}
	if err := reg.Register(container.Kind{Name: "alert", Aliases: []string{"caution"}, Render: render}); err == nil {
		t.Error("caution is the warning callout's alias; registering it again must fail")
	}
	if k, ok := reg.Resolve("Caution"); !ok || k.Name != "warning" {
		t.Errorf("Caution resolves to %q", k.Name)
	}
	if err := reg.Register(container.Kind{Name: "chart"}); err == nil {
		t.Error("a kind without a renderer was registered")
	}
	part := ast.NewNodeKind("Part")
	nodes := map[ast.NodeKind]renderer.NodeRendererFunc{part: func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil }}
	if err := reg.Register(container.Kind{Name: "one", Render: render, Nodes: nodes}); err != nil {
		t.Fatal(err)
	}
	if err := reg.Register(container.Kind{Name: "two", Render: render, Nodes: nodes}); err == nil {
		t.Error("two kinds render the same node kind")
	}
	if _, ok := reg.Resolve("two"); ok {
		t.Error("a refused kind left its name behind")
	}
}
