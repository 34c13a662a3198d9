package markdown

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindEmbed is the node kind of a video embed.
var KindEmbed = ast.NewNodeKind("Embed")

// Embed is a video from a known host, written as a bare link on its own line.
// It renders as a link with a "load video" button: nothing is requested from
// the video host until the reader asks for it.
type Embed struct {
	ast.BaseBlock
	Provider string // "YouTube", "Vimeo", "PeerTube"
	Host     string // the host the player is loaded from when the reader asks
	Player   string // the player URL for the iframe
	Watch    string // the page URL, for the plain link
	Title    string // link text, if the author gave one
}

// Kind implements ast.Node.
func (*Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.
func (e *Embed) Dump(src []byte, level int) {
	ast.DumpHelper(e, src, level, map[string]string{"Player": e.Player}, nil)
}

var (
	safeID      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{6,64}$`) })
	vimeoID     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{5,12}$`) })
	peertubeWay = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^/(?:w|videos/watch)/([A-Za-z0-9-]{6,64})$`) })
)

// embedOf returns the embed for a paragraph holding only a video link.
func embedOf(p *ast.Paragraph, src []byte) (*Embed, bool) {
	if p.ChildCount() != 1 {
		return nil, false
	}
	var dest, title string
	switch x := p.FirstChild().(type) {
	case *ast.AutoLink:
		dest = string(x.URL(src))
	case *ast.Link:
		dest, title = string(x.Destination), strings.TrimSpace(container.Plain(x, src))
		if title == dest {
			title = ""
		}
	default:
		return nil, false
	}
	e, ok := videoEmbed(dest)
	if ok {
		e.Title = title
	}
	return e, ok
}

// videoEmbed recognises YouTube, Vimeo and PeerTube watch URLs.
func videoEmbed(raw string) (*Embed, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" {
		return nil, false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	switch host {
	case "youtube.com", "m.youtube.com", "youtu.be", "youtube-nocookie.com":
		id := u.Query().Get("v")
		if host == "youtu.be" {
			id = strings.Trim(u.Path, "/")
		} else if rest, ok := strings.CutPrefix(u.Path, "/embed/"); ok {
			id = rest
		}
		if !safeID().MatchString(id) {
			return nil, false
		}
		return &Embed{Provider: "YouTube", Host: "www.youtube-nocookie.com", Player: "https://www.youtube-nocookie.com/embed/" + id, Watch: raw}, true
	case "vimeo.com", "player.vimeo.com":
		id := strings.TrimPrefix(strings.Trim(u.Path, "/"), "video/")
		if !vimeoID().MatchString(id) {
			return nil, false
		}
		return &Embed{Provider: "Vimeo", Host: "player.vimeo.com", Player: "https://player.vimeo.com/video/" + id + "?dnt=1", Watch: raw}, true
	}
	if m := peertubeWay().FindStringSubmatch(u.Path); m != nil && u.RawQuery == "" {
		return &Embed{Provider: "PeerTube", Host: u.Host, Player: "https://" + u.Host + "/videos/embed/" + m[1], Watch: raw}, true
	}
	return nil, false
}

type embedRenderer struct{}

func (embedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		e := n.(*Embed)
		label := e.Title
		if label == "" {
			label = e.Provider + " video"
		}
		esc := html.EscapeString
		_, _ = w.WriteString(`<figure class="embed" data-embed-src="` + esc(e.Player) + `" data-embed-host="` + esc(e.Host) + `" data-embed-title="` + esc(label) + `">`)
		_, _ = w.WriteString(`<a class="embed-link" href="` + esc(e.Watch) + `" rel="noopener">` + esc(label) + `</a>`)
		_, _ = w.WriteString(`<figcaption class="embed-note">` + esc(e.Provider) + ` · ` + esc(e.Host) + "</figcaption></figure>\n")
		return ast.WalkSkipChildren, nil
	})
}

// escapedHTMLRenderer shows raw HTML as text instead of dropping it, so nothing
// the author wrote disappears and nothing they wrote runs. A comment
// alone (<!-- a note for the other authors -->) is left out: a comment
// is hidden in every renderer, and the reader was not meant to see it.
type escapedHTMLRenderer struct{}

func (escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !isComment(n, src) {
			writeEscapedBlock(w, src, n.(*ast.HTMLBlock))
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tag, ok := n.AttributeString(tagMark); ok && entering {
			_, _ = w.Write(tag.([]byte)) // a bare tag kept (tags.go)
		} else if entering && !isComment(n, src) {
			writeEscapedInline(w, src, n.(*ast.RawHTML))
		}
		return ast.WalkSkipChildren, nil
	})
}

// isComment says whether raw HTML (a block or inline) is one HTML comment
// and nothing else.
func isComment(n ast.Node, src []byte) bool {
	var text []byte
	switch x := n.(type) {
	case *ast.HTMLBlock:
		if x.HTMLBlockType != ast.HTMLBlockType2 {
			return false
		}
		l := x.Lines()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			text = append(text, seg.Value(src)...)
		}
		if x.HasClosure() {
			text = append(text, x.ClosureLine.Value(src)...)
		}
	case *ast.RawHTML:
		for i := 0; i < x.Segments.Len(); i++ {
			seg := x.Segments.At(i)
			text = append(text, seg.Value(src)...)
		}
	default:
		return false
	}
	text = bytes.TrimSpace(text)
	body, ok := bytes.CutPrefix(text, []byte("<!--"))
	end := bytes.Index(body, []byte("-->"))
	return ok && end >= 0 && end == len(body)-3
}

// writeEscapedBlock shows a raw HTML block as preformatted text.
func writeEscapedBlock(w util.BufWriter, src []byte, b *ast.HTMLBlock) {
	_, _ = w.WriteString(`<pre class="raw-html"><code>`)
	l := b.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	if b.HasClosure() {
		_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// writeEscapedInline shows an inline raw HTML tag as text.
func writeEscapedInline(w util.BufWriter, src []byte, r *ast.RawHTML) {
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
}

// taskRenderer writes a task list item's checkbox labelled by the item's
// words: a checkbox without a label fails WCAG's "label" rule (Lighthouse
// and axe report it on every lesson with a checklist).
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var words strings.Builder
		for s := n.NextSibling(); s != nil; s = s.NextSibling() {
			if _, raw := s.(*ast.RawHTML); !raw {
				words.WriteString(container.Plain(s, src))
			}
		}
		checked := ""
		if n.(*extast.TaskCheckBox).IsChecked {
			checked = `checked="" `
		}
		label := strings.Join(strings.Fields(words.String()), " ")
		_, _ = w.WriteString(`<input ` + checked + `disabled="" type="checkbox" aria-label="` + html.EscapeString(label) + `" /> `)
		return ast.WalkContinue, nil
	})
}
