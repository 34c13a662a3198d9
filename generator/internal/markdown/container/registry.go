package container

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// RenderFunc writes HTML for a container or its title, entering and leaving
// the node, like a goldmark renderer function.
type RenderFunc func(w util.BufWriter, source []byte, n *Node, entering bool) (ast.WalkStatus, error)

// Kind is what containers of one name become.
type Kind struct {
	// Name is the name authors write after ::: ("note").
	Name string
	// Aliases are other names for the same kind ("caution" for "warning").
	Aliases []string
	// Render writes the container. The title, when there is one, is the
	// first child and is written by RenderTitle.
	Render RenderFunc
	// RenderTitle writes the title around its inline content; nil writes
	// it as a plain paragraph.
	RenderTitle RenderFunc
	// Transform, when set, reshapes a parsed container of this kind (a
	// knowledge check turns its task lists into questions). It runs once
	// per container, after the whole document is parsed; warn reports a
	// problem at a byte offset of source.
	Transform func(n *Node, source []byte, warn WarnFunc)
	// Nodes render the node kinds that Transform puts inside the
	// container (a knowledge check's questions and answers), by node kind.
	Nodes map[ast.NodeKind]renderer.NodeRendererFunc
	// Collect, when set, returns what a container of this kind holds as
	// data (a knowledge check's questions, answers and feedback) for the
	// stages that need more than its HTML. It runs after Transform and
	// after links are rewritten; render returns the HTML of a node's
	// children.
	Collect func(n *Node, source []byte, render func(ast.Node) []byte) any
}

// WarnFunc reports a problem at a byte offset of the source, with a hint
// saying what to do.
type WarnFunc func(pos int, hint, format string, args ...any)

// Registry maps container names to kinds. Fill it before the goldmark
// instance using it is built; after that it is only read, and safe for
// concurrent use.
type Registry struct {
	kinds map[string]Kind   // by Name
	names map[string]string // name or alias -> Name
}

// NewRegistry returns a registry holding kinds. It panics when two kinds
// claim a name: that is a programming error, found by any test.
func NewRegistry(kinds ...Kind) *Registry {
	r := &Registry{kinds: map[string]Kind{}, names: map[string]string{}}
	for _, k := range kinds {
		if err := r.Register(k); err != nil {
			panic(err)
		}
	}
	return r
}

// Register adds a kind. A name or alias already taken is an error.
func (r *Registry) Register(k Kind) error {
	if k.Name == "" || k.Render == nil {
		return fmt.Errorf("container kind %q needs a name and a Render function", k.Name)
	}
	names := append([]string{k.Name}, k.Aliases...)
	for _, n := range names {
		if other, taken := r.names[strings.ToLower(n)]; taken {
			return fmt.Errorf("container name %q is taken by kind %q", n, other)
		}
	}
	for nk := range k.Nodes {
		for _, other := range r.kinds {
			if _, taken := other.Nodes[nk]; taken {
				return fmt.Errorf("node kind %s of container kind %q is rendered by kind %q", nk, k.Name, other.Name)
			}
		}
	}
	for _, n := range names {
		r.names[strings.ToLower(n)] = k.Name
	}
	r.kinds[k.Name] = k
	return nil
}

// Resolve returns the kind a name or alias stands for.
func (r *Registry) Resolve(name string) (Kind, bool) {
	k, ok := r.kinds[r.names[strings.ToLower(name)]]
	return k, ok
}

// Names returns every kind's name, sorted, for messages.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.kinds))
	for n := range r.kinds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
