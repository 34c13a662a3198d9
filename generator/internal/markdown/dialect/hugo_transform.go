package dialect

import (
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// shortcodes replaces, after parsing, the shortcodes oersite reads by what
// they mean, and reports the others, which stay as text.
type shortcodes struct{}

func (shortcodes) Transform(_ *ast.Document, reader text.Reader, pc parser.Context) {
	list, _ := pc.Get(shortcodesKey).(*[]*Shortcode)
	if list == nil {
		return
	}
	t := transform{src: reader.Source(), page: pageOf(pc), pc: pc}
	raw := false // inside Jekyll's {% raw %}: everything stays as written
	for _, s := range *list {
		if s.Liquid && (s.Name == "raw" || s.Name == "endraw") {
			raw = s.Name == "raw"
		} else if raw {
			continue
		}
		if s.Parent() != nil && !s.Escaped {
			t.shortcode(s)
		}
	}
}

type transform struct {
	src  []byte
	page Page
	pc   parser.Context
}

func (t transform) warn(s *Shortcode, hint, format string, args ...any) {
	container.Warn(t.pc, s.Segment.Start, hint, format, args...)
}

// warnNamed reports a problem of one shortcode: its name fills the
// format's %q, and reports group the warnings by shortcode ("shortcode
// "tabs" ...: 212 times").
func (t transform) warnNamed(s *Shortcode, hint, format string) {
	container.WarnAbout(t.pc, s.Segment.Start, hint, format, s.Name)
}

func (t transform) shortcode(s *Shortcode) {
	if s.Liquid {
		t.liquid(s)
		return
	}
	if s.Closing {
		if (calloutShortcodes[s.Name] || detailsShortcodes[s.Name] || s.Zola) && insideHugo(s) {
			s.Parent().RemoveChild(s.Parent(), s) // the end of a one-line {{% notice %}}text{{% /notice %}}
		}
		return
	}
	if s.Zola {
		t.zola(s)
		return
	}
	switch s.Name {
	case "ref", "relref":
		t.ref(s)
	case "figure":
		t.figure(s)
	case "highlight":
		t.inlineHighlight(s)
	case "param":
		t.param(s)
	case "youtube", "vimeo":
		t.video(s)
	case "gist", "x", "tweet", "instagram":
		t.social(s)
	default:
		t.warnNamed(s, "oersite reads figure, highlight, ref, relref, details, param, notice, gist, x, youtube and vimeo: write what this one stands for in Markdown",
			"shortcode %q of another generator is shown as text")
	}
}

func insideHugo(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if c, ok := p.(*container.Node); ok {
			return c.Dialect == "hugo"
		}
	}
	return false
}

// ref turns {{< ref "path" >}} into a link to that page: written as the
// destination of a Markdown link, that link gets it; alone, it becomes a
// link showing the path.
func (t transform) ref(s *Shortcode) {
	a, ok := firstArg(s.Tag, "path")
	if !ok || a.Value == "" {
		t.warnNamed(s, `write {{< ref "other-page.md" >}}, or a Markdown link [text](other-page.md)`, "shortcode %q names no page: shown as text")
		return
	}
	dest := refDest(a.Value, t.page)
	if linkFromRef(s, t.src, dest) {
		return
	}
	l := ast.NewLink()
	l.Destination = []byte(dest)
	l.AppendChild(l, ast.NewString([]byte(a.Value)))
	s.Parent().ReplaceChild(s.Parent(), s, l)
}

// refDest turns a Hugo reference into a relative link destination: paths
// starting with / are from the language root; others are tried beside the
// page first, then from the root (as Hugo does).
func refDest(target string, page Page) string {
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if target == "" {
		return frag
	}
	up := strings.Repeat("../", strings.Count(page.Rel, "/"))
	var cands []string
	if rest, ok := strings.CutPrefix(target, "/"); ok {
		cands = []string{up + rest}
	} else {
		cands = []string{target}
		if up != "" {
			cands = append(cands, up+target)
		}
	}
	for _, c := range cands {
		if page.Exists == nil || page.Exists(c) {
			return c + frag
		}
	}
	return cands[0] + frag
}

// linkFromRef mends [label]({{< ref "x" >}}): goldmark cannot read a
// shortcode as a link destination, so the brackets around it stay text.
// It finds them in the source and turns the label between them into a link
// to dest. It reports false, changing nothing, when the shortcode is not
// written so.
func linkFromRef(s *Shortcode, src []byte, dest string) bool {
	parent := s.Parent()
	st, en := s.Segment.Start, s.Segment.Stop
	if st < 2 || src[st-2] != ']' || src[st-1] != '(' || en >= len(src) || src[en] != ')' {
		return false
	}
	lower, _, ok := spanChildren(parent)
	if !ok {
		return false
	}
	open := openingBracket(src, st-2, lower)
	if open < 0 {
		return false
	}
	for _, at := range []int{open, open + 1, st - 2, en + 1} {
		splitAt(parent, at)
	}
	parts, ok := linkParts(parent, s, open, st-2, en)
	if !ok {
		return false
	}
	l := ast.NewLink()
	l.Destination = []byte(dest)
	parent.InsertBefore(parent, parts.open, l)
	for _, c := range parts.label {
		parent.RemoveChild(parent, c)
		l.AppendChild(l, c)
	}
	parent.RemoveChild(parent, parts.open)
	parent.RemoveChild(parent, parts.close)
	parent.RemoveChild(parent, s)
	// The ")" keeps its line break, if it ends a line, as an empty text.
	parts.paren.Segment = parts.paren.Segment.WithStart(parts.paren.Segment.Stop)
	return true
}

type refParts struct {
	open, close, paren *ast.Text // "[", "](" and ")"
	label              []ast.Node
}

// linkParts finds, among parent's children, the texts "[" at open, "](" at
// close and ")" after the shortcode s, and the nodes between the brackets.
func linkParts(parent ast.Node, s *Shortcode, open, close, end int) (refParts, bool) {
	l := linkScan{s: s, open: open, close: close, end: end}
	steps := [...]func(*linkScan, scanned) (done, ok bool){
		(*linkScan).beforeLabel, (*linkScan).inLabel, (*linkScan).afterLabel, (*linkScan).afterShortcode,
	}
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if done, ok := steps[l.state](&l, newScanned(c)); done {
			return l.parts, ok
		}
	}
	return l.parts, false
}

// linkScan walks a paragraph's children looking for the parts of
// [label]({{< ref >}}); state is 0 before "[", 1 in the label, 2 after
// "](", 3 after the shortcode, and picks the step that takes the next child.
type linkScan struct {
	parts            refParts
	s                *Shortcode
	open, close, end int
	state            int
}

// scanned is one child as the scan sees it: its span in the source and,
// for a text, the text.
type scanned struct {
	node        ast.Node
	start, stop int
	has         bool
	text        *ast.Text
}

// newScanned takes the span and text of a child.
func newScanned(c ast.Node) scanned {
	cs, ce, has := span(c)
	txt, _ := c.(*ast.Text)
	return scanned{node: c, start: cs, stop: ce, has: has, text: txt}
}

// textAt reports whether the child is a text of n bytes at start.
func (c scanned) textAt(start, n int) bool {
	return c.text != nil && c.start == start && c.stop == start+n
}

// beforeLabel waits for the "[".
func (l *linkScan) beforeLabel(c scanned) (done, ok bool) {
	if c.textAt(l.open, 1) {
		l.parts.open, l.state = c.text, 1
	}
	return false, false
}

// inLabel gathers the label up to the "](", failing on a node that
// straddles the brackets.
func (l *linkScan) inLabel(c scanned) (done, ok bool) {
	switch {
	case c.textAt(l.close, 2):
		l.parts.close, l.state = c.text, 2
	case !c.has || c.start >= l.open+1 && c.stop <= l.close:
		l.parts.label = append(l.parts.label, c.node)
	default:
		return true, false // something straddles the brackets
	}
	return false, false
}

// afterLabel expects the shortcode right after the "](".
func (l *linkScan) afterLabel(c scanned) (done, ok bool) {
	if c.node != l.s {
		return true, false
	}
	l.state = 3
	return false, false
}

// afterShortcode expects the ")" right after the shortcode, which ends the scan.
func (l *linkScan) afterShortcode(c scanned) (done, ok bool) {
	if !c.textAt(l.end, 1) {
		return true, false
	}
	l.parts.paren = c.text
	return true, true
}

// openingBracket finds the [ that the ] at close closes, not before lower.
func openingBracket(src []byte, close, lower int) int {
	depth := 0
	for i := close - 1; i >= lower; i-- {
		if escaped(src, i) {
			continue
		}
		switch src[i] {
		case ']':
			depth++
		case '[':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

func escaped(src []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// splitAt splits the text child of parent running across offset at, so
// that a node starts there.
func splitAt(parent ast.Node, at int) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || !(t.Segment.Start < at && at < t.Segment.Stop) {
			continue
		}
		right := ast.NewTextSegment(t.Segment.WithStart(at))
		right.SetSoftLineBreak(t.SoftLineBreak())
		right.SetHardLineBreak(t.HardLineBreak())
		right.SetRaw(t.IsRaw())
		t.Segment = t.Segment.WithStop(at)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, right)
		return
	}
}

// figure turns {{< figure src="..." alt="..." caption="..." >}} into a
// picture with its caption: a figure when it stands alone in its
// paragraph, else a picture in the text.
func (t transform) figure(s *Shortcode) {
	src, ok := firstArg(s.Tag, "src")
	if !ok || src.Value == "" {
		t.warnNamed(s, `give it a picture: {{< figure src="photo.jpg" alt="what it shows" >}}`, "shortcode %q has no src: shown as text")
		return
	}
	title, _ := s.Get("title", -1)
	caption, _ := s.Get("caption", -1)
	alt, _ := s.Get("alt", -1)
	desc := firstNonEmpty(alt.Value, caption.Value, title.Value)
	l := ast.NewLink()
	l.Destination = []byte(src.Value)
	if desc != "" {
		l.AppendChild(l, ast.NewString([]byte(desc)))
	}
	var pic ast.Node = ast.NewImage(l)
	if link, ok := s.Get("link", -1); ok && link.Value != "" {
		a := ast.NewLink()
		a.Destination = []byte(link.Value)
		a.AppendChild(a, pic)
		pic = a
	}
	parent := s.Parent()
	p, alone := parent.(*ast.Paragraph)
	if !alone || !onlyChild(p, s, t.src) {
		parent.ReplaceChild(parent, s, pic)
		return
	}
	f := &Figure{}
	f.SetPos(p.Pos())
	f.AppendChild(f, pic)
	if title.Value != "" || caption.Value != "" {
		c := &Caption{}
		if title.Value != "" {
			strong := ast.NewEmphasis(2)
			strong.AppendChild(strong, ast.NewString([]byte(title.Value)))
			c.AppendChild(c, strong)
			if caption.Value != "" {
				c.AppendChild(c, ast.NewString([]byte(" ")))
			}
		}
		if caption.Value != "" {
			c.AppendChild(c, ast.NewString([]byte(caption.Value)))
		}
		f.AppendChild(f, c)
	}
	p.Parent().ReplaceChild(p.Parent(), p, f)
}

// onlyChild reports whether n is the only content of p, blank text aside.
func onlyChild(p *ast.Paragraph, n ast.Node, src []byte) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if c == n {
			continue
		}
		if t, ok := c.(*ast.Text); ok && strings.TrimSpace(string(t.Segment.Value(src))) == "" {
			continue
		}
		return false
	}
	return true
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// param shows a page parameter, else a site parameter: {{< param "name" >}}.
func (t transform) param(s *Shortcode) {
	a, ok := firstArg(s.Tag, "name")
	var v string
	if ok && t.page.Param != nil {
		v, ok = t.page.Param(a.Value)
	}
	if !ok {
		t.warn(s, "add it to the page's front matter or to [params] in config.toml", "shortcode param: %q is not a parameter of the page or the site", a.Value)
		v = ""
	}
	s.Parent().ReplaceChild(s.Parent(), s, ast.NewString([]byte(v)))
}

var (
	videoID  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{6,64}$`) })
	vimeoNum = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{5,12}$`) })
	plainID  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_.-]{1,100}$`) })
)

// video turns {{< youtube id >}} and {{< vimeo id >}} into a link to the
// video, which becomes a load-on-request embed when it stands alone.
func (t transform) video(s *Shortcode) {
	a, _ := firstArg(s.Tag, "id")
	url := ""
	switch {
	case s.Name == "youtube" && videoID().MatchString(a.Value):
		url = "https://www.youtube.com/watch?v=" + a.Value
	case s.Name == "vimeo" && vimeoNum().MatchString(a.Value):
		url = "https://vimeo.com/" + a.Value
	default:
		t.warnNamed(s, "write the video's address on a line of its own", "shortcode %q of another generator is shown as text")
		return
	}
	t.warnNamed(s, diag.Hintf("write the bare URL %s on its own line instead", url), "shortcode %q read as a video embed")
	s.Parent().ReplaceChild(s.Parent(), s, linkTo(url))
}

// social turns gist, x, tweet and instagram shortcodes into plain links:
// nothing is loaded from those hosts.
func (t transform) social(s *Shortcode) {
	user, _ := firstArg(s.Tag, "user")
	id, _ := s.Get("id", 1)
	if s.Name == "tweet" || s.Name == "instagram" {
		if _, named := s.Get("user", -1); !named {
			id, _ = firstArg(s.Tag, "id")
		}
	}
	url := ""
	switch {
	case s.Name == "gist" && plainID().MatchString(user.Value) && plainID().MatchString(id.Value):
		url = "https://gist.github.com/" + user.Value + "/" + id.Value
	case s.Name == "instagram" && plainID().MatchString(id.Value):
		url = "https://www.instagram.com/p/" + id.Value + "/"
	case (s.Name == "x" || s.Name == "tweet") && plainID().MatchString(id.Value):
		who := "i"
		if plainID().MatchString(user.Value) && user.Value != id.Value {
			who = user.Value
		}
		url = "https://x.com/" + who + "/status/" + id.Value
	default:
		t.warnNamed(s, "write a Markdown link to it instead", "shortcode %q of another generator is shown as text")
		return
	}
	t.warnNamed(s, "oersite embeds nothing from other hosts; write a Markdown link to silence this warning", "shortcode %q shown as a link")
	s.Parent().ReplaceChild(s.Parent(), s, linkTo(url))
}

func linkTo(url string) *ast.Link {
	l := ast.NewLink()
	l.Destination = []byte(url)
	l.AppendChild(l, ast.NewString([]byte(url)))
	return l
}

// liquid reads Jekyll's Liquid tags: link and post_url become links, raw
// and endraw (which only stop Liquid from reading what they hold) go;
// anything else stays as text, with a warning.
func (t transform) liquid(s *Shortcode) {
	switch s.Name {
	case "link", "post_url":
		a, ok := s.Get("", 0)
		if !ok || a.Value == "" {
			break
		}
		target := "/" + strings.TrimPrefix(a.Value, "/")
		if s.Name == "post_url" {
			target = "/_posts/" + strings.TrimPrefix(a.Value, "/") + ".md"
		}
		dest := refDest(target, t.page)
		if !linkFromRef(s, t.src, dest) {
			l := ast.NewLink()
			l.Destination = []byte(dest)
			l.AppendChild(l, ast.NewString([]byte(a.Value)))
			s.Parent().ReplaceChild(s.Parent(), s, l)
		}
		return
	case "raw", "endraw":
		s.Parent().RemoveChild(s.Parent(), s)
		return
	case "{{":
		t.warn(s, "write the text or link it stands for", "template output %q (Liquid or Jinja) is shown as text", strings.TrimSpace(string(s.Segment.Value(t.src))))
		return
	}
	t.warnNamed(s, "oersite runs no template language: write what the tag stands for in Markdown", "template tag %q (Liquid or Jinja) is shown as text")
}

// inlineHighlight turns {{< highlight go >}}code{{< /highlight >}} inside a
// paragraph into code in the text (on a line of its own it is a code block,
// read by the block parser).
func (t transform) inlineHighlight(s *Shortcode) {
	var end *Shortcode
	for c := s.NextSibling(); c != nil; c = c.NextSibling() {
		if e, ok := c.(*Shortcode); ok && e.Closing && e.Name == "highlight" {
			end = e
			break
		}
	}
	if end == nil {
		t.warnNamed(s, "close it with {{< /highlight >}}", "shortcode %q is never closed: shown as text")
		return
	}
	parent := s.Parent()
	for c := s.NextSibling(); c != ast.Node(end); c = s.NextSibling() {
		parent.RemoveChild(parent, c)
	}
	code := ast.NewCodeSpan()
	code.AppendChild(code, ast.NewRawTextSegment(text.NewSegment(s.Segment.Stop, end.Segment.Start)))
	parent.ReplaceChild(parent, s, code)
	parent.RemoveChild(parent, end)
}
