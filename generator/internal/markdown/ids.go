package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs generates heading ids that keep letters of every script
// ("## Що е профил" -> "що-е-профил"), unique within a document.
type headingIDs struct {
	used  map[string]bool
	order []string
}

func newIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '-' || r == '_' || unicode.IsSpace(r) || unicode.IsPunct(r):
			dash = true
		}
	}
	base := b.String()
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.Put([]byte(id))
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) {
	s := string(value)
	if !h.used[s] {
		h.used[s] = true
		h.order = append(h.order, s)
	}
}

func (h *headingIDs) list() []string { return h.order }
