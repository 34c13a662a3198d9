package dialect

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Zola reads Zola's internal links: a destination starting with @/ names a
// file from the content folder's root ([text](@/docs/intro.md#setup)),
// which is the language's tree here. It becomes a link relative to the
// page, as a link between pages is written for oersite, so the site's
// link check and address rewriting see it as any other.
type Zola struct{}

// Extend adds the link transformer.
func (Zola) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(zolaLinks{}, 210)))
}

type zolaLinks struct{}

func (zolaLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if !bytes.Contains(reader.Source(), []byte("@/")) {
		return // no page to walk for links it cannot hold
	}
	page := pageOf(pc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = zolaDest(l.Destination, page)
		case *ast.Image:
			l.Destination = zolaDest(l.Destination, page)
		}
		return ast.WalkContinue, nil
	})
}

// zolaDest is an @/ destination made relative to the page (found as Hugo's
// ref shortcode finds a path from the root); any other is left as it is.
func zolaDest(dest []byte, page Page) []byte {
	rest, ok := bytes.CutPrefix(dest, []byte("@/"))
	if !ok {
		return dest
	}
	return []byte(refDest("/"+string(rest), page))
}
