package markdown

import (
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindMedia is the node kind of a sound or video file played on the page.
var KindMedia = ast.NewNodeKind("Media")

// Media is a sound or video file of the site (a narration, a screen
// recording), written as a link alone in its paragraph, as Moodle's and
// WordPress's media links are: it shows as the browser's own player,
// which loads nothing until pressed, with the link below it to download
// the file. A file on another host stays a link: a page loads nothing from
// a third party. A video's captions come from a WebVTT file of its name
// beside it (till.mp4, till.vtt), which the player offers, and its poster
// (the picture shown before it plays) from a picture of its name
// (till.jpg, .jpeg, .png, .webp or .gif).
type Media struct {
	ast.BaseBlock
	Element string // "audio" or "video"
	Src     string // the file's address, as the page links it
	Title   string // the link's text ("" for the file's name)
	// Captions is the address of a video's captions (WebVTT: the video's
	// name with .vtt, beside it), in Lang; "" for none.
	Captions, Lang string
	// Poster is the address of the picture a video shows before it plays
	// (the video's name with a picture's extension, beside it); "" for none.
	Poster string
}

// Kind implements ast.Node.
func (*Media) Kind() ast.NodeKind { return KindMedia }

// Dump implements ast.Node.
func (m *Media) Dump(src []byte, level int) {
	ast.DumpHelper(m, src, level, map[string]string{"Element": m.Element, "Src": m.Src}, nil)
}

// mediaElements are the files browsers play, by extension: the element
// that plays them.
var mediaElements = map[string]string{
	".mp3": "audio", ".m4a": "audio", ".aac": "audio", ".ogg": "audio", ".oga": "audio", ".opus": "audio", ".wav": "audio", ".flac": "audio", ".weba": "audio",
	".mp4": "video", ".m4v": "video", ".webm": "video", ".ogv": "video", ".mov": "video",
}

// mediaFile returns the player for a link to a sound or video file of the
// site.
func mediaFile(dest, title string) (*Media, bool) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return nil, false
	}
	element, ok := mediaElements[strings.ToLower(path.Ext(u.Path))]
	if !ok {
		return nil, false
	}
	return &Media{Element: element, Src: dest, Title: title}, true
}

// mediaOf returns what a paragraph holding only a link to a video or a
// sound becomes: a video embed or a player.
func mediaOf(p *ast.Paragraph, src []byte) (ast.Node, bool) {
	if e, ok := embedOf(p, src); ok {
		return e, true
	}
	if p.ChildCount() != 1 {
		return nil, false
	}
	if l, ok := p.FirstChild().(*ast.Link); ok {
		if m, ok := mediaFile(string(l.Destination), strings.TrimSpace(container.Plain(l, src))); ok {
			return m, true
		}
	}
	return nil, false
}

// namedAs is the file named as a video file, with another extension (its
// address as written): its captions (.vtt) or its poster (.jpg…).
func namedAs(dest, ext string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	u.Path = strings.TrimSuffix(u.Path, path.Ext(u.Path)) + ext
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u.String()
}

// CaptionsExt is the extension of a video's captions beside it.
const CaptionsExt = ".vtt"

// PosterExts returns the extensions of a video's poster beside it, in the
// order a page looks for them.
func PosterExts() []string { return []string{".jpg", ".jpeg", ".png", ".webp", ".gif"} }

type mediaRenderer struct{}

func (mediaRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMedia, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		m := n.(*Media)
		label := m.Title
		if label == "" {
			u, _ := url.Parse(m.Src)
			label, _ = url.PathUnescape(path.Base(u.Path))
		}
		esc := html.EscapeString
		_, _ = w.WriteString(`<figure class="figure ` + m.Element + `"><` + m.Element + ` controls preload="none" src="` + esc(m.Src) + `"`)
		if m.Poster != "" {
			_, _ = w.WriteString(` poster="` + esc(m.Poster) + `"`)
		}
		_, _ = w.WriteString(">")
		if m.Captions != "" {
			_, _ = w.WriteString(`<track kind="captions" src="` + esc(m.Captions) + `"`)
			if m.Lang != "" {
				_, _ = w.WriteString(` srclang="` + esc(m.Lang) + `"`)
			}
			_, _ = w.WriteString(" />")
		}
		_, _ = w.WriteString(`</` + m.Element + `>`)
		_, _ = w.WriteString(`<figcaption><a href="` + esc(m.Src) + `" download>` + esc(label) + "</a></figcaption></figure>\n")
		return ast.WalkSkipChildren, nil
	})
}
