// Package markdown is the only package that imports goldmark. It renders a
// page's Markdown to HTML with GFM tables, footnotes, heading ids and
// typographic quotes, rewrites links to other pages and files through a
// resolver, turns bare video links into privacy-friendly embeds, escapes raw
// HTML unless the site allows it, and returns what other stages need: the
// headings, the plain text for search, the links and images for checks.
package markdown

import (
	"bytes"
	"regexp"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Options configure a Renderer for a whole site.
type Options struct {
	// UnsafeHTML passes raw HTML through; otherwise it is shown escaped, as text.
	UnsafeHTML bool
	// Typographer turns quotes and dashes into typographic ones.
	Typographer bool
	// NoText leaves Result.Text empty: nothing needs the plain text (a site without search).
	NoText bool
}

// Renderer renders Markdown documents. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// plain is md without GFM's autolinks, for documents that cannot hold
	// one: the autolink parser looks at every space of the text, which
	// made it a quarter of the time spent parsing prose.
	plain goldmark.Markdown
	opts  Options
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	// extension.GFM is Linkify, Table, Strikethrough and TaskList
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote}
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []renderer.Option{html.WithXHTML()}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapedHTMLRenderer{}, 100)))
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(embedRenderer{}, 100)))
	build := func(exts ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	return &Renderer{md: build(append([]goldmark.Extender{extension.Linkify}, exts...)...), plain: build(exts...), opts: opts}
}

// Resolver maps a relative link or image destination found in the document
// (e.g. "../other/index.md#part" or "diagram.svg") to the href to write.
// ok is false when the target does not exist; href is then what to write
// instead (empty keeps the destination as written).
type Resolver func(dest string, image bool) (href string, ok bool)

// Doc is one document to render.
type Doc struct {
	File     string // for messages
	BodyLine int    // line of the file where the Markdown starts
	Source   []byte
	Resolve  Resolver // may be nil: relative links are left as written
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int
}

// Link is a link or image found in the document, as the author wrote it.
type Link struct {
	Dest     string
	Href     string // as rewritten
	Image    bool
	Alt      string // images: the alt text
	Line     int
	Resolved bool // relative destination that the resolver found
	Relative bool // not an absolute URL, not an in-page anchor
}

// Result is a rendered document.
type Result struct {
	HTML     []byte
	Headings []Heading
	Text     string // plain text, for search and summaries
	Summary  string // the first paragraph's text
	Links    []Link
	IDs      []string // every id in the document, for anchor checks
	Diags    diag.List
}

// Render renders one document.
func (r *Renderer) Render(doc Doc) Result {
	res := Result{}
	src, pre := preprocess(doc)
	res.Diags = append(res.Diags, pre...)
	lines := newLineIndex(src, doc.BodyLine)
	ids := newIDs()
	pctx := parser.NewContext(parser.WithIDs(ids))
	md := r.md
	if !mayAutolink(src) {
		md = r.plain
	}
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pctx))
	w := &walker{doc: doc, src: src, lines: lines, res: &res, unsafe: r.opts.UnsafeHTML, text: textBuf{off: r.opts.NoText}}
	w.walk(root)
	var buf bytes.Buffer
	buf.Grow(len(src) * 3 / 2)
	if err := r.md.Renderer().Render(&buf, src, root); err != nil {
		res.Diags.Add(diag.Errorf(doc.File, doc.BodyLine, "", "Markdown does not render: %v", err))
	}
	res.HTML = buf.Bytes()
	res.Text = w.text.String()
	res.IDs = ids.list()
	return res
}

// mayAutolink reports whether src can hold a bare address that GFM turns
// into a link: one with a scheme (http://, https://, ftp://), one starting
// with www., or an e-mail address.
func mayAutolink(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// lineIndex turns byte offsets of the body into lines of the file.
type lineIndex struct {
	starts []int
	first  int
}

func newLineIndex(src []byte, first int) lineIndex {
	if first < 1 {
		first = 1
	}
	li := lineIndex{starts: []int{0}, first: first}
	for i, b := range src {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li lineIndex) line(offset int) int {
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > offset })
	return li.first + i - 1
}

// nodeLine finds the line of a node: its own segment for blocks, its first
// text segment for inlines, else the enclosing block's.
func nodeLine(n ast.Node, li lineIndex) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock {
			if l := c.Lines(); l != nil && l.Len() > 0 {
				return li.line(l.At(0).Start)
			}
		}
		if t, ok := c.(*ast.Text); ok {
			return li.line(t.Segment.Start)
		}
		for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if t, ok := ch.(*ast.Text); ok {
				return li.line(t.Segment.Start)
			}
		}
	}
	return li.first
}

var shortcodeRE = regexp.MustCompile(`\{\{[<%]\s*/?\s*([A-Za-z][\w-]*)([^}]*?)\s*[>%]\}\}`)
