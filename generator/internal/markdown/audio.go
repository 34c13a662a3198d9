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

// KindAudio is the node kind of a sound file played on the page.
var KindAudio = ast.NewNodeKind("Audio")

// Audio is a sound file of the site (a narration, an interview), written
// as a link alone in its paragraph, as Moodle's and WordPress's media
// links are: it shows as the browser's own player, with the link below
// it to download the file. A sound on another host stays a link: a page
// loads nothing from a third party.
type Audio struct {
	ast.BaseBlock
	Src   string // the file's address, as the page links it
	Title string // the link's text ("" for the file's name)
}

// Kind implements ast.Node.
func (*Audio) Kind() ast.NodeKind { return KindAudio }

// Dump implements ast.Node.
func (a *Audio) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"Src": a.Src}, nil)
}

// audioTypes are the sound files browsers play, by extension.
var audioTypes = map[string]bool{".mp3": true, ".m4a": true, ".aac": true, ".ogg": true, ".oga": true, ".opus": true, ".wav": true, ".flac": true, ".weba": true}

// audioOf returns the player for a link to a sound file of the site.
func audioOf(dest, title string) (*Audio, bool) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") || !audioTypes[strings.ToLower(path.Ext(u.Path))] {
		return nil, false
	}
	return &Audio{Src: dest, Title: title}, true
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
		title := strings.TrimSpace(container.Plain(l, src))
		if a, ok := audioOf(string(l.Destination), title); ok {
			return a, true
		}
	}
	return nil, false
}

type audioRenderer struct{}

func (audioRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAudio, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		a := n.(*Audio)
		label := a.Title
		if label == "" {
			u, _ := url.Parse(a.Src)
			label, _ = url.PathUnescape(path.Base(u.Path))
		}
		esc := html.EscapeString
		_, _ = w.WriteString(`<figure class="figure audio"><audio controls preload="none" src="` + esc(a.Src) + `"></audio>`)
		_, _ = w.WriteString(`<figcaption><a href="` + esc(a.Src) + `" download>` + esc(label) + "</a></figcaption></figure>\n")
		return ast.WalkSkipChildren, nil
	})
}
