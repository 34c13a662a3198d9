package markdown

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/oersite/oersite/generator/internal/markdown/dialect"
)

// walker visits the parsed document once: it rewrites links, neutralises
// dangerous URLs, makes embeds, and collects headings, links and text.
type walker struct {
	doc    Doc
	src    []byte
	lines  lineIndex
	res    *Result
	text   textBuf
	unsafe bool
	sizes  string // Options.PictureSizes
	// title is the heading taken out of the body as the page's title.
	title *ast.Heading
	// raw holds the raw HTML nodes that pass through (unsafeHTML), in order;
	// tags, without unsafeHTML, the bare inline tags that may (tags.go).
	raw  []ast.Node
	tags []*ast.RawHTML
	// embeds are paragraphs to become video embeds or players; scriptLinks autolinks
	// to become text: both replaced after the walk.
	embeds      []*ast.Paragraph
	gaps        []*ast.Text                   // texts holding gaps to fill in (gap.go)
	pictures    int                           // pictures met so far
	videos      map[*ast.Paragraph]videoFiles // a video's paragraph -> the files beside it
	scriptLinks []*ast.AutoLink
}

// textBuf collects the document's plain text, or nothing when off.
type textBuf struct {
	strings.Builder
	off bool
}

func (t *textBuf) WriteByte(c byte) error {
	if t.off {
		return nil
	}
	return t.Builder.WriteByte(c)
}

func (t *textBuf) Write(p []byte) (int, error) {
	if t.off {
		return len(p), nil
	}
	return t.Builder.Write(p)
}

func (w *walker) walk(root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			switch n.(type) {
			case *ast.Paragraph, *ast.Heading, *ast.ListItem, *east.TableCell, *ast.CodeBlock, *ast.FencedCodeBlock:
				w.text.WriteByte('\n')
			case *ast.TextBlock:
				if _, inItem := n.Parent().(*ast.ListItem); !inItem {
					w.text.WriteByte('\n') // the list item ends the line itself
				}
			default:
				if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
					w.text.WriteByte('\n') // a container's own block of words (a question, an answer)
				}
			}
			return ast.WalkContinue, nil
		}
		w.visit(n)
		return ast.WalkContinue, nil
	})
	w.pairTags()
	for _, p := range w.embeds {
		if m, ok := mediaOf(p, w.src); ok { // its link now resolved
			if media, ok := m.(*Media); ok {
				v := w.videos[p]
				media.Captions, media.Poster, media.Lang = v.captions, v.poster, w.doc.Lang
			}
			p.Parent().ReplaceChild(p.Parent(), p, m)
		}
	}
	w.splitGaps()
	for _, a := range w.scriptLinks {
		// the address stays as text, not as a link
		a.Parent().ReplaceChild(a.Parent(), a, ast.NewString(a.Label(w.src)))
	}
	if w.title != nil {
		w.title.Parent().RemoveChild(w.title.Parent(), w.title)
	}
}

// visit handles one node on the way in; changes to the tree are noted and
// made after the walk.
func (w *walker) visit(n ast.Node) {
	switch x := n.(type) {
	case *ast.Heading:
		w.heading(x)
	case *ast.Paragraph:
		w.paragraph(x)
	case *ast.Link:
		x.Destination = w.link(x.Destination, false, "", x)
	case *ast.Image:
		x.Destination = w.link(x.Destination, true, container.Plain(x, w.src), x)
		w.size(x)
		if w.pictures++; w.pictures > 1 {
			// the first picture may be the first thing the reader sees; the
			// others load as the reader scrolls near them (a phone on a
			// metered connection loads only what is read)
			x.SetAttributeString("loading", []byte("lazy"))
		}
	case *ast.AutoLink:
		if d := x.URL(w.src); dangerous(d) {
			w.res.Diags.Add(diag.Warnf(w.doc.File, nodeLine(x, w.lines), "remove the link", "link to %q removed: scripts in links are not allowed", truncate(string(d), 40)))
			w.scriptLinks = append(w.scriptLinks, x)
		}
	case *ast.Text:
		if !x.IsRaw() && len(gapRuns(x.Segment.Value(w.src))) > 0 && !inCodeOrImage(x) {
			w.gaps = append(w.gaps, x)
		}
		w.text.Write(container.TextValue(x, w.src))
		if x.SoftLineBreak() || x.HardLineBreak() {
			w.text.WriteByte(' ')
		}
	case *ast.String:
		w.text.Write(container.StringValue(x))
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		l := x.Lines()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			w.text.Write(seg.Value(w.src))
		}
	case *ast.HTMLBlock, *ast.RawHTML:
		w.rawHTML(n)
	case *container.Node:
		w.res.UsesLabels = true
	case *dialect.MoreDivider:
		w.summaryDivider(x)
	}
}

// videoFiles are the files beside a video: its captions and its poster,
// by their addresses ("" for none).
type videoFiles struct{ captions, poster string }

// size writes a picture of the site with its width and height, so that
// the page keeps its place while it loads, and with its smaller copies,
// which a phone loads instead of a large picture (see Doc.Picture).
func (w *walker) size(x *ast.Image) {
	l := w.res.Links[len(w.res.Links)-1] // the picture's, just added
	if w.doc.Picture == nil || !l.Resolved {
		return
	}
	p, ok := w.doc.Picture(l.Dest)
	if !ok {
		return
	}
	if len(p.Smaller) > 0 {
		var set []string
		for _, c := range p.Smaller {
			set = append(set, srcsetURL(c.Href)+" "+strconv.Itoa(c.Width)+"w")
		}
		if p.Smaller[len(p.Smaller)-1].Width < p.Width { // else a copy as wide as the picture, lighter, stands for it
			set = append(set, srcsetURL(string(x.Destination))+" "+strconv.Itoa(p.Width)+"w")
		}
		x.SetAttributeString("srcset", []byte(strings.Join(set, ", ")))
		// as wide as the theme's column shows it; a browser that reads
		// "auto" measures a picture that loads lazily (see visit)
		sizes := w.sizes
		if w.pictures > 0 {
			sizes = "auto, " + sizes
		}
		x.SetAttributeString("sizes", []byte(sizes))
	}
	x.SetAttributeString("width", []byte(strconv.Itoa(p.Width)))
	x.SetAttributeString("height", []byte(strconv.Itoa(p.Height)))
}

// srcsetURL escapes the white space in an address, which would end it in
// a srcset ("till photo.jpg" -> "till%20photo.jpg").
func srcsetURL(href string) string {
	return strings.NewReplacer(" ", "%20", "\t", "%09", "\n", "%0A", "\r", "%0D", "\f", "%0C").Replace(href)
}

// paragraph takes the first top-level paragraph as the summary and notes
// a paragraph holding only a video or sound link, to become a player.
func (w *walker) paragraph(x *ast.Paragraph) {
	if w.res.Summary == "" && x.Parent() != nil && x.Parent().Kind() == ast.KindDocument {
		w.res.Summary = strings.TrimSpace(container.Plain(x, w.src))
	}
	m, ok := mediaOf(x, w.src)
	if !ok {
		return
	}
	w.embeds = append(w.embeds, x)
	if media, ok := m.(*Media); ok && media.Element == "video" && w.doc.Resolve != nil {
		var v videoFiles
		if href, ok := w.doc.Resolve(namedAs(media.Src, CaptionsExt), false); ok { // a .vtt beside the video
			v.captions = href
		}
		for _, ext := range PosterExts() { // a picture of its name beside it
			if href, ok := w.doc.Resolve(namedAs(media.Src, ext), true); ok {
				v.poster = href
				break
			}
		}
		if v != (videoFiles{}) {
			if w.videos == nil {
				w.videos = map[*ast.Paragraph]videoFiles{} // most pages have no video
			}
			w.videos[x] = v
		}
	}
}

// summaryDivider makes everything before the first top-level <!--more-->
// the summary.
func (w *walker) summaryDivider(d *dialect.MoreDivider) {
	if w.res.SummaryDivider || d.Parent() == nil || d.Parent().Kind() != ast.KindDocument {
		return
	}
	var parts []string
	for c := d.Parent().FirstChild(); c != nil && c != ast.Node(d); c = c.NextSibling() {
		if c == ast.Node(w.title) {
			continue
		}
		if t := strings.TrimSpace(container.Plain(c, w.src)); t != "" {
			parts = append(parts, t)
		}
	}
	w.res.Summary = strings.Join(parts, " ")
	w.res.SummaryDivider = true
}

func (w *walker) heading(h *ast.Heading) {
	id := ""
	if v, ok := h.AttributeString("id"); ok {
		switch s := v.(type) {
		case []byte:
			id = string(s)
		case string:
			id = s
		}
	}
	// Keep only id and class from {attributes}: no styles or handlers from content.
	attrs := h.Attributes()
	h.RemoveAttributes()
	for _, a := range attrs {
		if n := string(a.Name); n == "id" || n == "class" {
			h.SetAttribute(a.Name, a.Value)
		} else {
			w.res.Diags.Add(diag.Warnf(w.doc.File, nodeLine(h, w.lines), "only {#id} and {.class} are kept on headings", "heading attribute %q ignored", n))
		}
	}
	text := strings.TrimSpace(container.Plain(h, w.src))
	if w.doc.TitleFromHeading && w.title == nil && h.Level == 1 && h.Parent() != nil && h.Parent().Kind() == ast.KindDocument && text != "" {
		w.title, w.res.Title = h, text // shown as the page's title: not again in the body
		return
	}
	w.res.Headings = append(w.res.Headings, Heading{Level: h.Level, ID: id, Text: text, Line: nodeLine(h, w.lines), Offset: w.text.Len()})
}

// link rewrites a destination and records it.
func (w *walker) link(dest []byte, image bool, alt string, n ast.Node) []byte {
	d := strings.TrimSpace(string(dest))
	l := Link{Dest: d, Href: d, Image: image, Alt: alt, Line: nodeLine(n, w.lines)}
	switch {
	case dangerous(decodeDest(d)):
		w.res.Diags.Add(diag.Warnf(w.doc.File, l.Line, "link to a page or a web address instead", "link to %q removed: scripts and data in links are not allowed", truncate(d, 40)))
		l.Href = "#"
	case d == "" || strings.HasPrefix(d, "#"):
	case isAbsolute(d):
	default:
		l.Relative = true
		if w.doc.Resolve != nil {
			href, ok := w.doc.Resolve(d, image)
			l.Resolved = ok
			if href != "" {
				l.Href = href
			}
		}
	}
	w.res.Links = append(w.res.Links, l)
	return []byte(l.Href)
}

func (w *walker) rawHTML(n ast.Node) {
	if w.unsafe {
		w.raw = append(w.raw, n)
		return
	}
	if isComment(n, w.src) {
		return // hidden, as a comment is everywhere (see escapedHTMLRenderer)
	}
	if r, ok := n.(*ast.RawHTML); ok {
		if _, _, ok := inlineTag(r, w.src); ok {
			w.tags = append(w.tags, r) // kept or warned of once paired (tags.go)
			return
		}
	}
	w.warnRawHTML(n)
}

func isAbsolute(d string) bool {
	if strings.HasPrefix(d, "//") || strings.HasPrefix(d, "/") {
		return true
	}
	u, err := url.Parse(d)
	return err == nil && u.Scheme != ""
}

// decodeDest returns a link destination as the HTML renderer writes it
// (and the browser reads it): backslash escapes, numeric and named
// character references resolved.
func decodeDest(d string) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(d))))
}

// dangerous reports links that would run code or smuggle content: javascript:,
// vbscript:, data: (other than images) and file: URLs, however they are spelt.
func dangerous(d []byte) bool {
	s := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == '\u00a0' {
			return -1
		}
		return r
	}, string(d)))
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	for _, p := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(s, p) {
			return !(p == "data:" && (strings.HasPrefix(s, "data:image/png") || strings.HasPrefix(s, "data:image/jpeg") || strings.HasPrefix(s, "data:image/gif") || strings.HasPrefix(s, "data:image/webp")))
		}
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
