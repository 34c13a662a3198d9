package container

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
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
	for _, n := range append([]string{k.Name}, k.Aliases...) {
		n = strings.ToLower(n)
		if other, taken := r.names[n]; taken {
			return fmt.Errorf("container name %q is taken by kind %q", n, other)
		}
		r.names[n] = k.Name
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
