package cartridge

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/anchor"
	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// page reads a web page of the cartridge as a lesson's Markdown: its main
// content (main, else body), without what only works in the page it came
// in (scripts, forms, navigation, its own title again), its pictures and
// files taken into the module, its links to other lessons made links to
// their files, an embedded video a line with its address (which a page
// shows as the video).
func (c *reader) page(p, title string) (string, error) {
	data, err := c.read(p)
	if err != nil || data == nil {
		return "", err
	}
	doc, err := html.Parse(bytes.NewReader(inUTF8(data)))
	if err != nil {
		return "", nil
	}
	root := find(doc, atom.Body)
	if root == nil {
		root = doc
	}
	if m := find(root, atom.Main); m != nil {
		root = m
	}
	if oersite(doc) {
		// oersite's own package: the lesson's text is its prose; its
		// checks come again from the tests beside it
		if prose := findClass(root, "prose"); prose != nil {
			root = prose
		}
	}
	removeTitle(root, title)
	headingLevels(root)
	c.places = headingIDs(root)
	return c.markdown(root, p, title, 0) + "\n", nil
}

// markdown cleans n (see clean) and writes it as Markdown, its notes and
// disclosures as blocks (see block).
func (c *reader) markdown(n *html.Node, p, title string, depth int) string {
	blocks := map[string]string{}
	c.clean(n, p, title, depth, blocks)
	out, err := c.converter().ConvertNode(n)
	if err != nil {
		return ""
	}
	md := strings.TrimSpace(blankParagraph.ReplaceAllString(string(out), ""))
	for strings.Contains(md, "\n\n\n") {
		md = strings.ReplaceAll(md, "\n\n\n", "\n\n")
	}
	for token, block := range blocks {
		md = strings.Replace(md, token, block, 1)
	}
	return strings.ReplaceAll(md, gapToken, gap)
}

// gapToken is the word that stands for a gap to fill in until the page is
// converted, which would escape gap's underscores; gap is a run of them,
// which the site shows as written and labels for screen readers.
const gapToken, gap = "OERSITEGAPX", "_____"

// converter is the reader's HTML-to-Markdown converter, made once. It
// writes no "<!--THE END-->" between two lists, which the site would show
// as text: the two lists become one.
func (c *reader) converter() *htmltomarkdown.Converter {
	if c.conv == nil {
		c.conv = htmltomarkdown.NewConverter(htmltomarkdown.WithPlugins(base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(commonmark.WithListEndComment(false)),
			strikethrough.NewStrikethroughPlugin(), table.NewTablePlugin()))
	}
	return c.conv
}

// blockToken is the word that stands in for the next block of blocks in
// the page until it is converted (a block's Markdown, or a video's
// address, which the converter would escape).
func blockToken(blocks map[string]string) string {
	return "OERSITEBLOCK" + strconv.Itoa(len(blocks)) + "X"
}

// blockKind is the kind of Markdown block an element is written as:
// oersite's notes for tutors and callouts, a task's solution (a disclosure
// of class "solution", as oersite and the H5P reader write it), any other
// disclosure; "" for none. title is its title (the summary without the
// kind's label).
func blockKind(n *html.Node) (kind string, title *html.Node) {
	class := " " + attr(n, "class") + " "
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.DataAtom == atom.Summary || (k.DataAtom == atom.P && strings.Contains(attr(k, "class"), "callout-title")) {
			title = k
			break
		}
	}
	switch {
	case strings.Contains(class, " tutor-notes "):
		return "tutor", title
	case strings.Contains(class, " callout ") && (n.DataAtom == atom.Div || n.DataAtom == atom.Details):
		for _, name := range []string{"note", "tip", "info", "warning", "danger"} {
			if strings.Contains(class, " callout-"+name+" ") {
				return name, title
			}
		}
	case n.DataAtom == atom.Details && strings.Contains(class, " solution "):
		return "solution", title
	case n.DataAtom == atom.Details:
		return "details", title
	}
	return "", nil
}

// block writes a note or disclosure as a Markdown block, under a token
// that stands in for it in the page until it is converted:
//
//	:::tutor
//	Write the draft together, but let the owner decide.
//	:::
func (c *reader) block(parent, n *html.Node, kind string, title *html.Node, p string, depth int, blocks map[string]string) {
	heading := ""
	if title != nil {
		for k := title.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode && strings.HasSuffix(attr(k, "class"), "-label") {
				continue // the kind's own word ("For tutors", "Tip")
			}
			heading += text(k)
		}
		n.RemoveChild(title)
	}
	replaceByBlock(parent, n, blocks, ":::"+kind+strings.TrimRight(" "+oneLine(heading), " ")+"\n"+c.fragment(n, p, depth)+"\n:::")
}

// replaceByBlock replaces n by a paragraph holding only the token that
// stands in for md until the page is converted.
func replaceByBlock(parent, n *html.Node, blocks map[string]string, md string) {
	token := blockToken(blocks)
	blocks[token] = md
	para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	para.AppendChild(&html.Node{Type: html.TextNode, Data: token})
	parent.InsertBefore(para, n)
	parent.RemoveChild(n)
}

// pageTitle is a page's <title> (for a page no item names), "" when it
// has none.
func (c *reader) pageTitle(p string) string { return c.scan(p).docTitle }

// oersite says whether a page says oersite wrote it.
func oersite(doc *html.Node) bool {
	var found bool
	walk(doc, 0, func(n *html.Node) {
		if n.DataAtom == atom.Meta && attr(n, "name") == "generator" && strings.HasPrefix(attr(n, "content"), "oersite") {
			found = true
		}
	})
	return found
}

// dropped are the elements a lesson leaves out.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Form: true, atom.Nav: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Object: true, atom.Embed: true,
	atom.Head: true, atom.Link: true, atom.Meta: true, atom.Svg: true, atom.Math: true, atom.Canvas: true,
}

// chromeIDs and chromeClasses mark what an authoring tool's pages show
// around their text, each page alike (eXeLearning's header, menu, page
// counter, its theme's icon on each box, previous and next buttons,
// footer): the module's own pages
// show a module's title, lessons and licence.
var (
	chromeIDs = map[string]bool{"siteNav": true, "siteFooter": true, "header": true, "skipNav": true, "packageLicense": true,
		"topPagination": true, "bottomPagination": true}
	chromeClasses = map[string]bool{"pagination": true, "nav-buttons": true, "main-header": true, "package-header": true, "page-counter": true,
		"box-icon": true, "iDevice_icon": true}
)

// isChrome says whether an element is its page's chrome (see chromeIDs).
func isChrome(n *html.Node) bool {
	if chromeIDs[attr(n, "id")] {
		return true
	}
	for _, class := range strings.Fields(attr(n, "class")) {
		if chromeClasses[class] {
			return true
		}
	}
	return false
}

// clean rewrites the page's tree in place (see page).
func (c *reader) clean(n *html.Node, p, title string, depth int, blocks map[string]string) {
	if depth > 64 {
		return
	}
	for k := n.FirstChild; k != nil; {
		next := k.NextSibling
		switch {
		case k.Type == html.CommentNode:
			n.RemoveChild(k)
		case k.Type != html.ElementNode:
		case k.DataAtom == atom.Form && c.htmlChecks && hasClass(k, "quiz"):
			c.htmlCheck(n, k, p, depth, blocks)
		case dropped[k.DataAtom] || isChrome(k):
			n.RemoveChild(k)
		case k.DataAtom == atom.Iframe:
			c.iframe(n, k, blocks)
		case k.Data == checkElement:
			c.check(n, k, blocks)
		case k.DataAtom == atom.Audio || k.DataAtom == atom.Video:
			c.mediaLink(n, k, p)
		default:
			if kind, t := blockKind(k); kind != "" {
				c.block(n, k, kind, t, p, depth, blocks)
				break
			}
			c.links(k, p)
			c.clean(k, p, title, depth+1, blocks)
		}
		k = next
	}
}

// check replaces the element standing in for a Moodle lesson's knowledge
// check by its Markdown, through a token like a block's; each is used
// once (an element a course's page wrote itself stands for nothing).
func (c *reader) check(parent, n *html.Node, blocks map[string]string) {
	key := attr(n, "data-n")
	md, ok := c.checks[key]
	if !ok {
		parent.RemoveChild(n)
		return
	}
	delete(c.checks, key)
	replaceByBlock(parent, n, blocks, c.placeFiles(md))
}

// mediaLink replaces a sound or video element by a paragraph holding only
// a link to its file (its src, or its first source's), which the site
// shows as a player (markdown/media.go); one whose file the course lacks
// is removed (its fallback words say only that the browser cannot play
// it).
func (c *reader) mediaLink(parent, m *html.Node, p string) {
	file := m
	for k := m.FirstChild; k != nil && attr(m, "src") == ""; k = k.NextSibling {
		if k.DataAtom == atom.Source && attr(k, "src") != "" {
			file = k
			break
		}
	}
	name, err := url.PathUnescape(path.Base(attr(file, "src"))) // as the author named it
	if err != nil {
		name = path.Base(attr(file, "src"))
	}
	if c.links(file, p); attr(file, "src") != "" {
		if m.DataAtom == atom.Video {
			c.captions(m, attr(file, "src"), p)
			c.poster(m, attr(file, "src"), p)
		}
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: attr(file, "src")}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: firstNonEmpty(strings.TrimSpace(attr(m, "title")), strings.TrimSpace(attr(m, "aria-label")), name)})
		para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		para.AppendChild(a)
		parent.InsertBefore(para, m)
	}
	parent.RemoveChild(m)
}

// captions takes a video's captions (its first <track> of captions or
// subtitles, WebVTT) into the module under the video's name with .vtt
// (video.mp4, video.vtt), which is how a site finds them.
func (c *reader) captions(video *html.Node, videoName, p string) {
	var track *html.Node
	for k := video.FirstChild; k != nil && track == nil; k = k.NextSibling {
		if kind := strings.ToLower(attr(k, "kind")); k.DataAtom == atom.Track && attr(k, "src") != "" && (kind == "" || kind == "captions" || kind == "subtitles") {
			track = k
		}
	}
	if track == nil {
		return
	}
	c.besideVideo(videoName, attr(track, "src"), p, markdown.CaptionsExt)
}

// poster takes the picture a video shows before it plays (its poster)
// into the module under the video's name with the picture's extension
// (video.mp4, video.jpg), which is how a site finds it.
func (c *reader) poster(video *html.Node, videoName, p string) {
	if src := attr(video, "poster"); src != "" {
		c.besideVideo(videoName, src, p, markdown.PosterExts()...)
	}
}

// besideVideo takes the file at src (in the page at p), if it has one of
// the extensions exts, into the module under the video's name (its
// address in the module) with the file's extension.
func (c *reader) besideVideo(videoName, src, p string, exts ...string) {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || !slices.Contains(exts, strings.ToLower(path.Ext(u.Path))) {
		return // not taken in: the site would not find it
	}
	got := len(c.mod.m.Files)
	name, ok := c.target(p, strings.TrimSpace(src))
	ext := strings.ToLower(path.Ext(name))
	if !ok || !slices.Contains(exts, ext) {
		return
	}
	have, err := url.PathUnescape(name) // a Markdown address: the file's name escaped
	if err != nil {
		return
	}
	videoFile, err := url.PathUnescape(videoName)
	if err != nil {
		return
	}
	c.nameAs(have, strings.TrimSuffix(videoFile, path.Ext(videoFile))+ext, len(c.mod.m.Files) > got)
}

// nameAs gives the module's file name the name want too: the file is
// renamed when it was just taken in for this (fresh), copied otherwise. A
// name taken by another file leaves it as it was, named in Left.
func (c *reader) nameAs(name, want string, fresh bool) {
	ms := c.mod
	if name == want {
		return
	}
	if ms.names[want] {
		c.leftNamed(errVideoFiles, want)
		return
	}
	ms.names[want] = true
	for i, f := range ms.m.Files {
		if f.Name != name {
			continue
		}
		if !fresh {
			ms.m.Files = append(ms.m.Files, File{Name: want, Data: f.Data})
			return
		}
		ms.m.Files[i].Name = want
		delete(ms.names, name)
		for _, names := range []map[string]string{ms.files, ms.same} {
			for k, v := range names {
				if v == name {
					names[k] = want
				}
			}
		}
		return
	}
}

// sameWords says whether two texts have the same words, case aside.
func sameWords(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// removeTitle removes the page's first level 1 heading when it is the
// lesson's title, which the page shows above its text.
func removeTitle(root *html.Node, title string) {
	h := find(root, atom.H1)
	if h != nil && h.Parent != nil && sameWords(text(h), title) {
		h.Parent.RemoveChild(h)
	}
}

// iframe replaces an embedded frame by a paragraph holding its address
// when it is a web address (a YouTube, Vimeo or PeerTube player alone on
// its line shows as the video: markdown/embed.go knows their addresses;
// written as it is, not escaped, through a token like a block's), else
// removes it.
func (c *reader) iframe(parent, f *html.Node, blocks map[string]string) {
	src := strings.TrimSpace(attr(f, "src"))
	if strings.HasPrefix(src, "//") {
		src = "https:" + src
	}
	if !safeAddress(src) || strings.HasPrefix(strings.ToLower(src), "mailto:") {
		parent.RemoveChild(f)
		return
	}
	replaceByBlock(parent, f, blocks, mdtext.LinkDest(src))
}

// links rewrites an element's address: a picture, video or file of the
// cartridge is taken into the module; a link to another lesson goes to its
// file; a web address stays; anything else loses its address (a link
// keeps its text).
func (c *reader) links(n *html.Node, p string) {
	key := ""
	switch n.DataAtom {
	case atom.A:
		key = "href"
	case atom.Img, atom.Source, atom.Video, atom.Audio:
		key = "src"
	default:
		return
	}
	v := strings.TrimSpace(attr(n, key))
	if n.DataAtom == atom.Img {
		alt := strings.TrimSpace(attr(n, "alt"))
		if mdtext.NoDescription(alt) {
			setAttr(n, "alt", "") // "bingo.jpg", a platform's default, says nothing of the picture
			alt = ""
		}
		if alt == "" {
			c.course.NoAlt++
		}
		if u, err := url.Parse(v); err == nil && (u.Scheme != "" || u.Host != "") {
			c.remotePicture(n, v, alt)
			return
		}
	}
	if v == "" {
		return
	}
	target, ok := c.target(p, v)
	if !ok {
		switch n.DataAtom {
		case atom.A: // its words stay
			for k := n.FirstChild; k != nil; {
				next := k.NextSibling
				n.RemoveChild(k)
				n.Parent.InsertBefore(k, n)
				k = next
			}
			n.Parent.RemoveChild(n)
		case atom.Img:
			n.Parent.RemoveChild(n)
		default:
			removeAttr(n, key)
		}
		return
	}
	setAttr(n, key, target)
}

// remotePicture replaces a picture another website serves by a link to
// it, named by its description or file name: a site shows no picture from
// a third party's host (a request to it tells that host who reads the
// page).
func (c *reader) remotePicture(img *html.Node, src, alt string) {
	if !safeAddress(src) {
		img.Parent.RemoveChild(img)
		return
	}
	c.left(errRemote)
	words := alt
	if words == "" {
		if u, err := url.Parse(src); err == nil {
			words = path.Base(u.Path)
		}
	}
	a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: src}}}
	a.AppendChild(&html.Node{Type: html.TextNode, Data: firstNonEmpty(words, src)})
	img.Parent.InsertBefore(a, img)
	img.Parent.RemoveChild(img)
}

// headingLevels moves the page's headings so that none skips a level
// and the first is ## (the lesson's title is its only level 1): Canvas
// pages often start at ### and go from ## to ####, pages made elsewhere
// start at #.
func headingLevels(root *html.Node) {
	prev := 1
	walk(root, 0, func(k *html.Node) {
		if l := headingLevel(k); l > 0 && strings.TrimSpace(text(k)) != "" { // an empty one is no heading: the converter drops it
			l = max(2, min(l, prev+1))
			k.Data = "h" + strconv.Itoa(l)
			k.DataAtom = atom.Lookup([]byte(k.Data))
			prev = l
		}
	})
}

// headingIDs gives each element id of the page the id its heading gets on
// the page (package anchor's rule over the headings' words, in order): the
// heading's own, or that of the heading before it, whose section holds it.
// A link to a place after no heading is not kept.
func headingIDs(root *html.Node) map[string]string {
	ids := anchor.NewSet()
	out := map[string]string{}
	current := ""
	walk(root, 0, func(k *html.Node) {
		if headingLevel(k) > 0 {
			current = ids.Next(strings.Join(strings.Fields(text(k)), " "))
		}
		if k.Type != html.ElementNode || current == "" {
			return
		}
		for _, key := range []string{"id", "name"} {
			if v := attr(k, key); v != "" {
				if _, ok := out[v]; !ok {
					out[v] = current
				}
			}
		}
	})
	return out
}

// headingLevel is an element's heading level, 0 for none.
func headingLevel(n *html.Node) int {
	if n.Type != html.ElementNode || len(n.Data) != 2 || n.Data[0] != 'h' || n.Data[1] < '1' || n.Data[1] > '6' {
		return 0
	}
	return int(n.Data[1] - '0')
}

// blankParagraph matches a line of a paragraph holding only spaces (a
// platform's &nbsp; between blocks).
var blankParagraph = regexp.MustCompile(`(?m)^[ \t\x{00a0}]+$`)

// viewByID is a link between a Moodle backup's activities.
var viewByID = regexp.MustCompile(`^\$@[A-Z]+VIEWBYID\*([0-9]+)@\$$`)

// target maps an address in the page at p to the page's Markdown: "" and
// false when it leads nowhere a site can follow.
func (c *reader) target(p, v string) (string, bool) {
	for _, base := range []string{"$IMS-CC-FILEBASE$", "$IMS_CC_FILEBASE$", "%24IMS-CC-FILEBASE%24", "%24IMS_CC_FILEBASE%24"} {
		if rest, ok := strings.CutPrefix(v, base); ok {
			// from the folder of the file at p (as Moodle writes it), or
			// from web_resources/ (Canvas) or the root
			return c.packageTarget(strings.TrimPrefix(rest, "/"), []string{path.Dir(p) + "/", "web_resources/", ""})
		}
	}
	if rest, ok := strings.CutPrefix(v, "$WIKI_REFERENCE$/pages/"); ok {
		page, frag, _ := strings.Cut(rest, "#")
		if frag != "" {
			frag = "#" + frag
		}
		return c.packageTarget(page+".html"+frag, []string{"wiki_content/"})
	}
	if rest, ok := strings.CutPrefix(v, "@@PLUGINFILE@@/"); ok { // a Moodle activity's file, beside its page
		return c.packageTarget(path.Join(path.Dir(p), rest), []string{""})
	}
	if m := viewByID.FindStringSubmatch(v); m != nil && c.viewLinks[m[1]] != "" {
		return c.packageTarget(c.viewLinks[m[1]], []string{""})
	}
	if strings.HasPrefix(v, "$") || strings.HasPrefix(v, "%24") {
		return "", false // another platform's reference (a Canvas object)
	}
	if strings.HasPrefix(v, "#") {
		id, ok := c.places[strings.TrimPrefix(v, "#")]
		return "#" + id, ok // the heading of the place's section, by the id the page gives it
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", false
	}
	if u.Scheme != "" || u.Host != "" {
		return v, safeAddress(v)
	}
	return c.packageTarget(path.Join(path.Dir(p), v), []string{""})
}

// packageTarget maps a path inside the cartridge (tried under each of
// bases) to a lesson's file or a file taken into the module.
func (c *reader) packageTarget(rel string, bases []string) (string, bool) {
	frag := ""
	if i := strings.IndexByte(rel, '#'); i >= 0 {
		rel, frag = rel[:i], rel[i:]
	}
	if i := strings.IndexByte(rel, '?'); i >= 0 {
		rel = rel[:i]
	}
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	for _, base := range bases {
		p := path.Clean(base + rel)
		// A link to a lesson goes to the lesson: the place it named (an
		// element's id) has no id on the page the lesson becomes.
		if l := c.mod.lessons[p]; l != nil {
			return l.Name + ".md", true
		}
		if pl, ok := c.pages[p]; ok {
			return "../" + pl.module.Name + "/" + pl.lesson.Name + ".md", true // another module's lesson
		}
		if !c.has(p) {
			continue
		}
		name, err := c.file(p)
		if err != nil || name == "" {
			return "", false
		}
		return name + frag, true
	}
	c.leftNamed(errMissing, path.Base(rel))
	return "", false
}

// find is the first element of that kind in n.
func find(n *html.Node, a atom.Atom) *html.Node {
	var out *html.Node
	walk(n, 0, func(k *html.Node) {
		if out == nil && k.Type == html.ElementNode && k.DataAtom == a {
			out = k
		}
	})
	return out
}

// findClass is the first element of that class in n.
func findClass(n *html.Node, class string) *html.Node {
	var out *html.Node
	walk(n, 0, func(k *html.Node) {
		if out == nil && k.Type == html.ElementNode && strings.Contains(" "+attr(k, "class")+" ", " "+class+" ") {
			out = k
		}
	})
	return out
}

// walk visits n and its descendants, at most 256 levels deep.
func walk(n *html.Node, depth int, visit func(*html.Node)) {
	if depth > 256 {
		return
	}
	visit(n)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		walk(k, depth+1, visit)
	}
}

// plainText is an HTML fragment's text, its white space folded.
func plainText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(text(n) + " ")
	}
	return oneLine(b.String())
}

// text is an element's text.
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, 0, func(k *html.Node) {
		if k.Type == html.TextNode {
			b.WriteString(k.Data)
		}
	})
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			n.Attr[i].Val = val
			return
		}
	}
}

func removeAttr(n *html.Node, key string) {
	out := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Namespace != "" || !strings.EqualFold(a.Key, key) {
			out = append(out, a)
		}
	}
	n.Attr = out
}
