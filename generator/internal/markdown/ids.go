package markdown

import (
	"github.com/yuin/goldmark/ast"

	"github.com/oersite/oersite/generator/internal/markdown/anchor"
)

// headingIDs gives goldmark the heading ids of package anchor, unique
// within a document.
type headingIDs struct{ set *anchor.Set }

func newIDs() *headingIDs { return &headingIDs{set: anchor.NewSet()} }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(h.set.Next(string(value)))
}

func (h *headingIDs) Put(value []byte) { h.set.Put(string(value)) }

func (h *headingIDs) list() []string { return h.set.List() }
