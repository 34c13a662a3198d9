package dialect

import (
	"bytes"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/wikilink"

	"github.com/oersite/oersite/generator/internal/markdown/anchor"
	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// Wiki reads wikilinks as Obsidian, Foam and GitHub wikis write them:
// [[Opening hours]], [[Opening hours|our hours]], [[Opening hours#Mondays]],
// [[#Mondays]], and embeds: ![[counter.jpg]], ![[counter.jpg|A shop
// counter]]. go.abhg.dev/goldmark/wikilink parses them; they become the
// links and pictures a page of oersite holds, so the site's link check,
// address rewriting and picture sizes see them as any other.
//
// A page is named by its file's name without .md, as these tools name it:
// "Opening hours" is Opening hours.md, else opening-hours.md (oersite's
// names) or Opening-hours.md (GitHub's), beside the page first, then from
// the language's root, then in any folder of it (the nearest, as Obsidian
// finds it), else a page that lists it among its aliases (Page.Named); a
// name found nowhere links to the first, which check reports with its
// line. A heading is named by its words, as its
// anchor is made. GitHub writes [[label|page]], the other way round: when
// the label is a page's file name as written and the target is not, the
// link goes to that page.
type Wiki struct{}

// Extend adds the wikilink parser (before the link parser, which would
// read [[x]] as brackets around a link) and its transformer.
func (Wiki) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(&wikiParser{}, 199)),
		parser.WithASTTransformers(util.Prioritized(wikiLinks{}, 211)),
	)
}

// wikiParser is wikilink's parser, asked only where a wikilink starts: it
// is called at every [ and ! of the text, and looks ahead on the line
// before it looks at what starts there.
type wikiParser struct{ wikilink.Parser }

func (p *wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) && !bytes.HasPrefix(line, []byte("![[")) {
		return nil
	}
	return p.Parser.Parse(parent, block, pc)
}

type wikiLinks struct{}

func (wikiLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if !bytes.Contains(reader.Source(), []byte("[[")) {
		return // no wikilink to walk for
	}
	page := pageOf(pc)
	var links []*wikilink.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikilink.Node); ok && entering {
			links = append(links, w)
		}
		return ast.WalkContinue, nil
	})
	for _, w := range links {
		w.Parent().ReplaceChild(w.Parent(), w, wikiNode(w, reader.Source(), page))
	}
}

// wikiNode is the link or picture a wikilink stands for.
func wikiNode(w *wikilink.Node, src []byte, page Page) ast.Node {
	target, frag := strings.TrimSpace(string(w.Target)), strings.TrimSpace(string(w.Fragment))
	label := strings.TrimSpace(container.Plain(w, src))
	written := target
	if frag != "" {
		written += "#" + frag
	}
	piped := label != written
	if strings.ContainsAny(written, "[]\n") { // [[a and [[b]]: brackets, not a name
		raw := "[[" + written
		if piped {
			raw += "|" + label
		}
		if w.Embed {
			raw = "!" + raw
		}
		return ast.NewString([]byte(raw + "]]"))
	}
	dest, match := wikiDest(target, page)
	if match < asWritten && piped && target != "" {
		if d, m := wikiDest(label, page); m == asWritten { // GitHub's [[label|page]]
			dest, label = d, target
		}
	}
	if frag != "" {
		dest += "#" + anchor.Slug(frag)
	}
	if w.Embed && isPicture(target) {
		img := ast.NewImage(ast.NewLink())
		img.Destination = []byte(dest)
		if piped && !isSize(label) {
			img.AppendChild(img, ast.NewString([]byte(label))) // its description; none makes check ask for one
		}
		return img
	}
	if !piped {
		switch {
		case target == "":
			label = frag
		case frag != "":
			label = target + " › " + frag
		}
	}
	l := ast.NewLink()
	l.Destination = []byte(dest)
	l.AppendChild(l, ast.NewString([]byte(label)))
	return l
}

// How a wikilink's target names a page or file.
const (
	noMatch   = iota // nothing of the site: a link check reports
	byName           // its name made as oersite or GitHub makes file names
	asWritten        // its name as written
)

// wikiDest is the relative destination of a wikilink's target (see Wiki),
// and how it names a page or file of the site; "" is the page itself.
func wikiDest(target string, page Page) (string, int) {
	if target == "" {
		return "", asWritten
	}
	names := []string{target}
	if path.Ext(target) == "" || !knownExtension(target) {
		dir, base := path.Split(target)
		names = []string{target + ".md", dir + anchor.Slug(base) + ".md", dir + strings.ReplaceAll(base, " ", "-") + ".md"}
	}
	for i, name := range names {
		dest := refDest(name, page)
		found := page.Exists == nil || page.Exists(dest)
		if !found && page.Named != nil && !strings.Contains(name, "/") {
			dest, found = page.Named(name) // in another folder, as Obsidian finds it
		}
		if found {
			if i == 0 {
				return dest, asWritten
			}
			return dest, byName
		}
	}
	return refDest(names[0], page), noMatch
}

// knownExtension says whether a target names a file by its extension (a
// page, a picture, a document), not a page whose name has a dot in it
// ("Version 2.1").
func knownExtension(target string) bool {
	switch strings.ToLower(path.Ext(target)) {
	case ".md", ".pdf", ".docx", ".odt", ".pptx", ".odp", ".xlsx", ".ods", ".txt", ".csv", ".zip", ".mp3", ".mp4", ".webm", ".ogg", ".vtt":
		return true
	}
	return isPicture(target)
}

// isPicture says whether a target is a picture, by its extension.
func isPicture(target string) bool {
	switch strings.ToLower(path.Ext(target)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg":
		return true
	}
	return false
}

// isSize says whether an embed's label is Obsidian's size ("300",
// "300x200"), not a description.
func isSize(label string) bool {
	w, h, _ := strings.Cut(label, "x")
	digits := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	return digits(w) && (h == "" || digits(h))
}
