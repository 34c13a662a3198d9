package container

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Warning is a problem found while parsing a document: at a byte offset of
// its source, with a hint saying what to do. Format and Args are kept
// apart so that reports can group warnings that say the same thing.
type Warning struct {
	Pos    int
	Hint   string
	Format string
	Args   []any
	// About says the first argument names what the warning is about (a
	// shortcode), so that reports give each its own line.
	About bool
}

var (
	warningsKey = parser.NewContextKey()
	labelsKey   = parser.NewContextKey()
	nodesKey    = parser.NewContextKey()
	docKey      = parser.NewContextKey()
)

// Document is what containers may know of the page they are on: its
// language, and its own files (a chart's data in the page's folder).
type Document struct {
	// Lang is the language the page is written in ("it").
	Lang string
	// ReadFile reads a file named relative to the page; nil: none can be read.
	ReadFile func(name string) ([]byte, error)
}

// WithDocument tells the document's containers about their page.
func WithDocument(pc parser.Context, d Document) { pc.Set(docKey, d) }

// Track records a container made while parsing a document; only tracked
// containers get their kind and labels. Every parser or transformer that
// makes a Node calls it (documents without containers then cost nothing).
func Track(pc parser.Context, n *Node) {
	ns, _ := pc.Get(nodesKey).(*[]*Node)
	if ns == nil {
		ns = &[]*Node{}
		pc.Set(nodesKey, ns)
	}
	*ns = append(*ns, n)
}

// Containers returns the containers made while parsing a document, in the
// order they were opened (the document's order); containers a dialect
// dropped again (without a parent) are left out.
func Containers(pc parser.Context) []*Node {
	ns, _ := pc.Get(nodesKey).(*[]*Node)
	if ns == nil {
		return nil
	}
	out := make([]*Node, 0, len(*ns))
	for _, n := range *ns {
		if n.Parent() != nil {
			out = append(out, n)
		}
	}
	return out
}

// Warn records a warning in the parser context of a document.
func Warn(pc parser.Context, pos int, hint, format string, args ...any) {
	record(pc, Warning{Pos: pos, Hint: hint, Format: format, Args: args})
}

// WarnAbout records a warning about subject, the first argument of format
// (see Warning.About).
func WarnAbout(pc parser.Context, pos int, hint, format, subject string) {
	record(pc, Warning{Pos: pos, Hint: hint, Format: format, Args: []any{subject}, About: true})
}

func record(pc parser.Context, w Warning) {
	ws, _ := pc.Get(warningsKey).(*[]Warning)
	if ws == nil {
		ws = &[]Warning{}
		pc.Set(warningsKey, ws)
	}
	*ws = append(*ws, w)
}

// Warnings returns the warnings recorded while parsing, in the order found.
func Warnings(pc parser.Context) []Warning {
	if ws, _ := pc.Get(warningsKey).(*[]Warning); ws != nil {
		return *ws
	}
	return nil
}

// WithLabels gives the document's containers their interface strings
// (translated labels such as "Warning" or "For tutors"): labels returns the
// string for a key, or the key itself when it has none.
func WithLabels(pc parser.Context, labels func(key string) string) {
	pc.Set(labelsKey, labels)
}

// resolver gives every container of a parsed document its kind and labels,
// reports unknown names and unclosed blocks, and runs the kinds' Transform.
type resolver struct {
	reg *Registry
}

func (r resolver) Transform(_ *ast.Document, reader text.Reader, pc parser.Context) {
	ns, _ := pc.Get(nodesKey).(*[]*Node)
	if ns == nil {
		return
	}
	labels, _ := pc.Get(labelsKey).(func(string) string)
	doc, _ := pc.Get(docKey).(Document)
	src := reader.Source()
	warn := func(pos int, hint, format string, args ...any) { Warn(pc, pos, hint, format, args...) }
	for _, n := range *ns {
		if n.Parent() == nil {
			continue
		}
		n.labels, n.doc = labels, doc
		if !n.Closed() {
			warn(n.Pos(), diag.Hintf("add a line with only %s where the block ends", n.closing), "block %q is never closed: it runs to the end of its section", n.Name)
		}
		k, ok := r.reg.Resolve(n.Name)
		if !ok {
			n.KindName = ""
			warn(n.Pos(), diag.Hintf("use one of: %s", joinNames(r.reg.Names())), "container %q is not a kind oersite knows: shown as a plain block", n.Name)
			continue
		}
		n.KindName = k.Name
		if k.Transform != nil {
			k.Transform(n, src, warn)
		}
	}
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}
