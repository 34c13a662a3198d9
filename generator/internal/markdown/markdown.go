// Package markdown is the only package that imports goldmark. It renders a
// page's Markdown to HTML with GFM tables, footnotes, heading ids and
// typographic quotes, rewrites links to other pages and files through a
// resolver, turns bare video links into privacy-friendly embeds, escapes raw
// HTML unless the site allows it, and returns what other stages need: the
// headings, the plain text for search, the links and images for checks.
//
// Markdown written for other tools is read through goldmark extensions:
// ::: containers (subpackage container, with its registry of kinds) and
// the dialects of GitHub, MkDocs, Docusaurus and Hugo (subpackage dialect).
package markdown

import (
	"bytes"
	"cmp"
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
	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/oersite/oersite/generator/internal/markdown/dialect"
)

// Options configure a Renderer for a whole site.
type Options struct {
	// UnsafeHTML passes raw HTML through; otherwise it is shown escaped, as text.
	UnsafeHTML bool
	// Typographer turns quotes and dashes into typographic ones.
	Typographer bool
	// NoText leaves Result.Text empty: nothing needs the plain text (a site without search).
	NoText bool
	// Kinds are container kinds (:::name) added to the standard ones
	// (callouts, tutor, details).
	Kinds []container.Kind
	// Limits bound what one document may cost; the zero value sets none.
	Limits Limits
	// PictureSizes is the sizes attribute of a picture with smaller copies
	// (config's [markup] pictureSizes); "" is "100vw".
	PictureSizes string
}

// Renderer renders Markdown documents. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// plain is md without GFM's autolinks, for documents that cannot hold
	// one: the autolink parser looks at every space of the text, which
	// made it a quarter of the time spent parsing prose.
	plain goldmark.Markdown
	opts  Options
	kinds *container.Registry
}

// limitsKey is where each parse keeps its count against Options.Limits.
// goldmark numbers context keys with a counter it does not guard, so a key
// is made once, as the extensions' are, not by each New: two renderers made
// at once (the editor's preview beside a build) raced on it.
var limitsKey = parser.NewContextKey()

// New returns a Renderer.
func New(opts Options) *Renderer {
	kinds := container.Standard()
	for _, k := range opts.Kinds {
		if err := kinds.Register(k); err != nil {
			panic(err) // a programming error: two kinds claim a name
		}
	}
	// extension.GFM is Linkify, Table, Strikethrough and TaskList; tables
	// come from the parser that keeps the limits.
	newParser, tables := limited(limitsKey)
	exts := []goldmark.Extender{tables, extension.Strikethrough, extension.TaskList, extension.Footnote, container.Extension{Registry: kinds}}
	exts = append(exts, dialect.All()...)
	for i, e := range exts {
		exts[i] = nestingExt{Extender: e, key: limitsKey}
	}
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []renderer.Option{html.WithXHTML()}
	if opts.UnsafeHTML {
		// Raw HTML passes, unless the document's check marks it (see rawhtml.go).
		rendererOpts = append(rendererOpts, html.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, 100)))
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapedHTMLRenderer{}, 100)))
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(embedRenderer{}, 100), util.Prioritized(mediaRenderer{}, 100), util.Prioritized(taskRenderer{}, 100),
		util.Prioritized(tableCellRenderer{}, 100), util.Prioritized(gapRenderer{}, 100)))
	build := func(exts ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			newParser(),
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	return &Renderer{md: build(append([]goldmark.Extender{extension.Linkify}, exts...)...), plain: build(exts...), opts: opts, kinds: kinds}
}

// NameQuery starts a question a Resolver answers about a file's name, not
// a destination: Resolve(NameQuery+"Opening hours.md") is the relative
// destination of the file of the page's language tree of that name (a
// wikilink's, see dialect.Wiki), nearest the page, and whether there is
// one. Asked through Resolve, its answer is recorded with the others a
// rendering depends on.
const NameQuery = "\x00name:"

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
	// Rel is the document's path inside its language tree
	// ("docs/intro.md"): Hugo references starting with / are made relative
	// from it.
	Rel string
	// Labels returns the translated interface string for a key (callout
	// names, "For tutors"), or the key itself; nil writes English.
	Labels func(key string) string
	// Param returns a page or site parameter by name (Hugo's param shortcode).
	Param func(name string) (string, bool)
	// TitleFromHeading says the page has no title of its own: its first
	// top-level # heading becomes Result.Title and leaves the body.
	TitleFromHeading bool
	// Lang is the language the document is written in, for containers
	// that pick translated texts (a chart's labels).
	Lang string
	// ReadFile reads a file named relative to the document (a chart's
	// data in the page's folder); nil: containers read no files.
	ReadFile func(name string) ([]byte, error)
	// Picture tells of a picture the document shows, by its destination
	// as written (one Resolve found): its size, written as its width and
	// height, and its smaller copies, written as its srcset; nil or false:
	// nothing is known of it.
	Picture func(dest string) (Picture, bool)
}

// Picture is what the site knows of one of its pictures.
type Picture struct {
	Width, Height int // in pixels, as shown
	// Smaller are copies of it at smaller widths (see picresize), by the
	// address the page links them at, narrowest first.
	Smaller []Copy
}

// Copy is a smaller copy of a picture.
type Copy struct {
	Href  string
	Width int
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int
	// Offset is where the heading's text starts in Result.Text: the
	// heading's section runs from there to the next heading's Offset.
	Offset int
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
	Summary  string // the first paragraph's text, or everything before <!--more-->
	// SummaryDivider is set when <!--more--> ended the summary.
	SummaryDivider bool
	// Title is the first # heading's text, taken out of the body, when
	// Doc.TitleFromHeading asked for it.
	Title string
	// UsesLabels is set when the HTML holds translated labels (callouts,
	// tutor notes): it changes with the interface strings.
	UsesLabels bool
	// UsesFiles is set when the HTML holds what was read from the page's
	// files (a chart's data): it changes with them, so it is not cached.
	UsesFiles bool
	Links     []Link
	IDs       []string // every id in the document, for anchor checks
	// Blocks are the data of the containers whose kind collects it (a
	// knowledge check's questions and answers), in document order.
	Blocks []Block
	Diags  diag.List
}

// Block is what a container holds as data, beside its HTML.
type Block struct {
	Kind string // the container kind's name: "quiz"
	Line int    // where it starts in the file
	Data any    // what the kind's Collect returned (*quiz.Quiz for "quiz")
}

// Render renders one document.
func (r *Renderer) Render(doc Doc) (out Result) {
	// A bug in a parser must cost one page, not the whole build: the page
	// gets an error naming it, and the other pages still render.
	defer func() {
		if p := recover(); p != nil {
			out = Result{Diags: diag.List{diag.Errorf(doc.File, doc.BodyLine, "simplify the page until it builds, and report the problem to oersite's developers with the page attached",
				"the Markdown renderer failed on this page (%v)", p)}}
		}
	}()
	res := Result{}
	src := doc.Source
	lines := newLineIndex(src, doc.BodyLine)
	ids := newIDs()
	if read := doc.ReadFile; read != nil {
		doc.ReadFile = func(name string) ([]byte, error) {
			res.UsesFiles = true
			return read(name)
		}
	}
	root, lim, pctx := r.parse(src, ids, doc)
	for _, cw := range container.Warnings(pctx) {
		d := diag.Warnf(doc.File, lines.line(cw.Pos), cw.Hint, cw.Format, cw.Args...)
		if cw.About && len(d.Args) > 0 {
			d.Subject = d.Args[0]
		}
		res.Diags.Add(d)
	}
	if len(lim.hits) > 0 {
		res.Diags = append(res.Diags, limitDiags(lim, doc, lines)...)
	}
	w := &walker{doc: doc, src: src, lines: lines, res: &res, unsafe: r.opts.UnsafeHTML, sizes: cmp.Or(r.opts.PictureSizes, "100vw"), text: textBuf{off: r.opts.NoText}}
	if !r.opts.NoText {
		// The plain text is a little shorter than the Markdown: room for
		// it once, instead of growing (and copying) it a dozen times and
		// keeping up to a quarter more than it holds.
		w.text.Grow(len(src))
	}
	w.walk(root)
	res.Blocks = r.collect(pctx, src, lines)
	render := func() []byte {
		var buf bytes.Buffer
		buf.Grow(len(src) * 3 / 2)
		if err := r.md.Renderer().Render(bufferWriter{&buf}, src, root); err != nil {
			res.Diags.Add(diag.Errorf(doc.File, doc.BodyLine, "", "Markdown does not render: %v", err))
		}
		return buf.Bytes()
	}
	res.HTML = render()
	if len(w.raw) > 0 {
		res.HTML = w.guardRawHTML(res.HTML, render)
	}
	res.Text = w.text.String()
	res.IDs = ids.list()
	return res
}

// bufferWriter hands goldmark's renderer a bytes.Buffer as the buffered
// writer it writes to (util.BufWriter): given a plain io.Writer, it wraps
// it in a bufio.Writer of its own, 4 KB a page, and copies every byte
// through it (41 MB of allocations at 10k pages).
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

var _ util.BufWriter = bufferWriter{}

// collect asks each container's kind for its data, once links are rewritten.
func (r *Renderer) collect(pc parser.Context, src []byte, lines lineIndex) []Block {
	var out []Block
	for _, n := range container.Containers(pc) {
		k, ok := r.kinds.Resolve(n.KindName)
		if !ok || k.Collect == nil || n.KindName == "" {
			continue
		}
		render := func(x ast.Node) []byte {
			var b bytes.Buffer
			for c := x.FirstChild(); c != nil; c = c.NextSibling() {
				_ = r.md.Renderer().Render(bufferWriter{&b}, src, c)
			}
			return b.Bytes()
		}
		out = append(out, Block{Kind: k.Name, Line: lines.line(n.Pos()), Data: k.Collect(n, src, render)})
	}
	return out
}

// exists turns a resolver into the question shortcodes ask: does a
// relative destination name a page or file?
func exists(resolve Resolver) func(string) bool {
	if resolve == nil {
		return nil
	}
	return func(dest string) bool {
		_, ok := resolve(dest, false)
		return ok
	}
}

// named turns a resolver into the question wikilinks ask: which file of
// that name is nearest the page (see NameQuery)?
func named(resolve Resolver) func(string) (string, bool) {
	if resolve == nil {
		return nil
	}
	return func(name string) (string, bool) {
		return resolve(NameQuery+name, false)
	}
}

// parse parses src, counting it against the renderer's limits.
func (r *Renderer) parse(src []byte, ids parser.IDs, doc Doc) (ast.Node, *limitState, parser.Context) {
	pctx := parser.NewContext(parser.WithIDs(ids))
	lim := &limitState{Limits: r.opts.Limits}
	pctx.Set(limitsKey, lim)
	if doc.Labels != nil {
		container.WithLabels(pctx, doc.Labels)
	}
	container.WithDocument(pctx, container.Document{Lang: doc.Lang, ReadFile: doc.ReadFile})
	dialect.WithPage(pctx, dialect.Page{Rel: doc.Rel, Param: doc.Param, Exists: exists(doc.Resolve), Named: named(doc.Resolve)})
	md := r.md
	if !mayAutolink(src) {
		md = r.plain
	}
	return md.Parser().Parse(text.NewReader(src), parser.WithContext(pctx)), lim, pctx
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
