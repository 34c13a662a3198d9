package officedoc

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// converter turns the document's body into Markdown.
type converter struct {
	pack *pack
	part string // the document part: word/document.xml, as a rule
	// styles: a paragraph style's id -> what it means here.
	styles map[string]paraStyle
	chars  map[string]charStyle // a character style's id -> what it does
	// lists: numId -> the list it numbers; formats: abstractNumId ->
	// level -> how its items are marked; counters: abstractNumId -> the
	// items counted so far (Word goes on counting across the numIds of one
	// abstractNum, unless one says where to start again); started: the
	// numIds seen.
	lists    map[string]numbering
	formats  map[string]map[int]levelFormat
	counters map[string]*counter
	started  map[string]bool
	// footnotes and endnotes: a note's id -> the note.
	footnotes, endnotes map[string]*node
	// fields are the fields open at this point of the text (begun and not
	// ended), the outermost first.
	fields []*field
	rels   map[string]string // relationship id -> target
	out    strings.Builder
	doc    Document
	seen   map[string]bool // Left, once each, by its English words
	// pictureNames: a picture's part -> its name in the page.
	pictureNames map[string]string
	pictureBytes int
	err          error
	// markers are the open list levels' marker widths ("- " 2, "1. " 3).
	markers []int
	inList  bool
	inCode  bool
	// listID is the open list's abstractNum; afterList: the last block written is a list; alt: the
	// open list's markers are "*" and ")" (a list right after another is
	// only a list of its own in Markdown when its markers differ).
	listID         string
	afterList, alt bool
	// notes are the notes' texts, in the order of their marks; inNote:
	// a note's text is being read (a mark inside it is left out); boxes:
	// the text boxes of the paragraph being read, written after it.
	dropCap   string // a drop cap's letters, waiting for the paragraph they begin
	notes     []string
	noteMarks map[*node]string // a note read -> its mark ("" without text)
	inNote    bool
	boxes     []*node
	// headings are where each heading starts in out; topHeading is the
	// highest level written (2 for ##; 0 before any).
	headings   []int
	topHeading int
	places     places // the document's own places, for links to them
}

// paraStyle is what a paragraph style says: a heading level (0: none), the
// title, a quotation, code, or a list (numId and level).
type paraStyle struct {
	heading     int
	title       bool
	subtitle    bool // the line under the title: the page's summary
	contents    bool // the heading of a table of contents, left out with it
	quote, code bool
	numID, ilvl string
}

// load reads the relationships of the document part (at c.part), then
// the styles and the lists they name.
func (c *converter) load() error {
	c.styles, c.chars = map[string]paraStyle{}, map[string]charStyle{}
	c.lists, c.formats, c.counters, c.started = map[string]numbering{}, map[string]map[int]levelFormat{}, map[string]*counter{}, map[string]bool{}
	dir := path.Dir(c.part)
	rels, err := c.useRelations(c.part)
	if err != nil {
		return err
	}
	kinds := map[string]string{} // "styles", "numbering", "footnotes", "endnotes" -> the part
	for _, r := range rels {
		kinds[r.kind] = c.partAt(r.target)
	}
	styles, err := c.pack.tree(firstNonEmpty(kinds["styles"], path.Join(dir, "styles.xml")))
	if err != nil {
		return err
	}
	if styles != nil {
		c.readStyles(styles)
	}
	numbering, err := c.pack.tree(firstNonEmpty(kinds["numbering"], path.Join(dir, "numbering.xml")))
	if err != nil {
		return err
	}
	if numbering != nil {
		c.readLists(numbering)
	}
	if c.footnotes, err = c.readNotes(kinds["footnotes"], "footnote"); err != nil {
		return err
	}
	c.endnotes, err = c.readNotes(kinds["endnotes"], "endnote")
	return err
}

// readNotes reads the notes of a part (footnotes.xml, endnotes.xml) by
// their ids, without Word's separator lines.
func (c *converter) readNotes(part, name string) (map[string]*node, error) {
	notes := map[string]*node{}
	if part == "" {
		return notes, nil
	}
	t, err := c.pack.tree(part)
	if err != nil || t == nil {
		return notes, err
	}
	for _, n := range t.find(name + "s").kidsNamed(name) {
		if typ := n.attr["type"]; typ == "" || typ == "normal" {
			notes[n.attr["id"]] = n
		}
	}
	return notes, nil
}

// partAt is the part a relationship of the document part targets: from
// the document's folder, or from the package's root when it starts with /.
func (c *converter) partAt(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Dir(c.part)+"/"+target), "/")
}

func (n *node) kidsNamed(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// readStyles reads each paragraph style by its name, which Word keeps in
// English ("heading 1", "Title", "Quote") whatever the id and the label
// the author sees; a style based on another takes what it does not set.
func (c *converter) readStyles(styles *node) {
	type raw struct {
		name, basedOn string
		outline       string
		numID, ilvl   string
	}
	all := map[string]raw{}
	for _, s := range styles.find("styles").kidsNamed("style") {
		if s.attr["type"] == "character" {
			c.readCharStyle(s)
			continue
		}
		if s.attr["type"] != "paragraph" {
			continue
		}
		r := raw{name: strings.ToLower(s.val("name")), basedOn: s.val("basedOn")}
		if p := s.child("pPr"); p != nil {
			r.outline = p.val("outlineLvl")
			if np := p.child("numPr"); np != nil {
				r.numID, r.ilvl = np.val("numId"), np.val("ilvl")
			}
		}
		all[s.attr["styleId"]] = r
	}
	for id := range all {
		var st paraStyle
		for cur, hops := id, 0; cur != "" && hops < 16; hops++ {
			r, ok := all[cur]
			if !ok {
				break
			}
			switch m := headingName.FindStringSubmatch(r.name); {
			case st.heading == 0 && m != nil:
				st.heading, _ = strconv.Atoi(m[1])
			case st.heading == 0 && r.outline != "":
				if l, err := strconv.Atoi(r.outline); err == nil && l >= 0 && l < 6 {
					st.heading = l + 1
				}
			}
			st.title = st.title || r.name == "title"
			st.contents = st.contents || r.name == "toc heading"
			st.subtitle = st.subtitle || r.name == "subtitle"
			st.quote = st.quote || r.name == "quote" || r.name == "intense quote" || r.name == "block text" || r.name == "quotations"
			st.code = st.code || r.name == "html preformatted" || r.name == "source code" || r.name == "preformatted text"
			if st.numID == "" && r.numID != "" {
				st.numID, st.ilvl = r.numID, r.ilvl
			}
			cur = r.basedOn
		}
		c.styles[id] = st
	}
}

// readCharStyle reads whether a character style makes text bold or
// italic: by its properties, or by its name (Word's Strong and Emphasis).
func (c *converter) readCharStyle(s *node) {
	name := strings.ToLower(s.val("name"))
	var f charStyle
	if rp := s.child("rPr"); rp != nil {
		f.bold, f.italic, f.hidden = on(rp.child("b")), on(rp.child("i")), on(rp.child("vanish"))
		if v := rp.child("vertAlign"); v != nil {
			f.shift = vertAlign(v.attr["val"])
		}
	}
	f.bold = f.bold || name == "strong" || name == "intense emphasis"
	f.italic = f.italic || name == "emphasis" || name == "subtle emphasis" || name == "intense emphasis"
	f.code = strings.Contains(name, "code") || name == "html code"
	c.chars[s.attr["styleId"]] = f
}

// charStyle is what a character style does to text.
type charStyle struct {
	bold, italic, code, hidden bool
	shift                      int // 1: superscript, -1: subscript
}

// vertAlign is what Word's vertical alignment of a run says: 1 for
// superscript, -1 for subscript, 0 for the line.
func vertAlign(val string) int {
	switch val {
	case "superscript":
		return 1
	case "subscript":
		return -1
	}
	return 0
}

// numbering is one numId: the abstractNum it numbers by, and the levels
// it starts again at a number of its own (Word's "Restart numbering").
type numbering struct {
	abstract string
	starts   map[int]int
}

// readLists reads how each list level marks its items and where each
// numbered level starts.
func (c *converter) readLists(numbering *node) {
	root := numbering.find("numbering")
	for _, a := range root.kidsNamed("abstractNum") {
		levels := map[int]levelFormat{}
		for _, l := range a.kidsNamed("lvl") {
			lv, err := strconv.Atoi(l.attr["ilvl"])
			if err != nil || lv < 0 || lv >= maxLevels {
				continue
			}
			f := l.val("numFmt")
			levels[lv] = levelFormat{ordered: f != "" && f != "bullet" && f != "none", start: startValue(l.val("start")),
				pattern: l.val("lvlText"), format: f, style: l.val("pStyle")}
			if f == "bullet" {
				levels[lv] = levelFormat{task: checkBox(l.val("lvlText"))}
			}
		}
		c.formats[a.attr["abstractNumId"]] = levels
	}
	for _, n := range root.kidsNamed("num") {
		nb := c.numberingOf(n)
		c.lists[n.attr["numId"]] = nb
	}
}

// numberingOf reads one numId.
func (c *converter) numberingOf(n *node) numbering {
	nb := numbering{abstract: n.val("abstractNumId"), starts: map[int]int{}}
	for _, o := range n.kidsNamed("lvlOverride") {
		lv, err := strconv.Atoi(o.attr["ilvl"])
		if so := o.child("startOverride"); so != nil && err == nil && lv >= 0 && lv < maxLevels {
			nb.starts[lv] = startValue(so.attr["val"])
		}
	}
	return nb
}

// left records once what the page does not hold.
func (c *converter) left(what error) {
	if !c.seen[what.Error()] {
		c.seen[what.Error()] = true
		c.doc.Left = append(c.doc.Left, what)
	}
}

// convert writes the body's blocks.
func (c *converter) convert(doc *node) *Document {
	body := doc.find("body")
	if body == nil {
		return &c.doc
	}
	c.blocks(body.kids, 0)
	return c.finish()
}

// finish puts what was written into the document (nil when nothing was),
// its headings moved up when none is at level 2 (the title was the
// document's Heading 1, its sections Heading 2), so that the page's
// headings go down from its title without a level skipped.
func (c *converter) finish() *Document {
	md := c.out.String()
	if up := c.topHeading - 2; up > 0 {
		var b strings.Builder
		last := 0
		for _, at := range c.headings {
			b.WriteString(md[last:at])
			last = at + up
		}
		b.WriteString(md[last:])
		md = b.String()
	}
	if md := strings.TrimSpace(c.resolve(md + c.noteTexts())); md != "" {
		c.doc.Markdown = []byte(md + "\n")
	}
	return &c.doc
}

// blocks writes paragraphs and tables, descending into the containers Word
// wraps them in (content controls, tracked insertions).
func (c *converter) blocks(kids []*node, depth int) {
	if depth > maxDepth {
		return
	}
	for _, k := range kids {
		before := c.out.Len()
		switch k.name {
		case "bookmarkStart": // a place before the next paragraph
			c.mark(k.attr["name"])
		case "p":
			c.paragraph(k)
		case "tbl":
			c.endList()
			c.table(k)
			c.flushBoxes(c.blocks) // the text boxes of its cells: after it
		case "sdt":
			if tableOfContents(k) {
				c.left(diag.Phrasef("the table of contents with its page numbers"))
				continue
			}
			if sc := k.child("sdtContent"); sc != nil {
				c.blocks(sc.kids, depth+1)
			}
		case "ins", "moveTo", "customXml", "smartTag":
			c.blocks(k.kids, depth+1)
		}
		c.settleAfter(before)
	}
}

// tableOfContents says whether a content control is Word's table of
// contents.
func tableOfContents(sdt *node) bool {
	pr := sdt.child("sdtPr")
	if pr == nil {
		return false
	}
	g := pr.find("docPartGallery")
	return g != nil && g.attr["val"] == "Table of Contents"
}

// paragraph writes one paragraph as a heading, a list item, a quotation,
// a line of code or a paragraph.
func (c *converter) paragraph(p *node) {
	defer c.flushBoxes(c.blocks)
	var st paraStyle
	styleID := ""
	if pp := p.child("pPr"); pp != nil {
		styleID = pp.val("pStyle")
		st = c.styles[styleID]
		if np := pp.child("numPr"); np != nil && np.val("numId") != "" {
			st.numID, st.ilvl = np.val("numId"), np.val("ilvl")
		}
		if l := pp.val("outlineLvl"); l != "" && st.heading == 0 {
			if n, err := strconv.Atoi(l); err == nil && n >= 0 && n < 6 {
				st.heading = n + 1
			}
		}
	}
	if st.numID == "0" {
		st.numID = "" // numbering switched off
	}
	text := strings.TrimSpace(c.inline(p.kids, st.heading > 0 || st.title, 0))
	if text == "" {
		return // an empty paragraph (Word's spacing), or one holding only what is left out
	}
	if pp := p.child("pPr"); pp != nil && pp.child("framePr") != nil {
		if d := pp.child("framePr").attr["dropCap"]; d != "" && d != "none" && len([]rune(text)) <= 3 {
			c.dropCap += text // a drop cap: the first letter of the next paragraph, set large
			return
		}
	}
	text, c.dropCap = c.dropCap+text, ""
	switch {
	case st.contents:
		c.left(diag.Phrasef("the table of contents with its page numbers"))
		return
	case st.title && c.doc.Title == "":
		c.doc.Title = plain(text)
		return
	case st.subtitle && c.doc.Summary == "" && c.out.Len() == 0:
		c.doc.Summary = plain(text)
		return
	case st.heading > 0:
		if number := c.headingNumber(st, styleID); number != "" && (st.heading > 1 || c.doc.Title != "" || c.out.Len() > 0) {
			text = number + " " + text // "2.3 Prices", as the document shows it (not on the page's title)
		}
		c.heading(st.heading, text)
	case st.numID != "":
		c.item(st, text)
	case st.quote:
		c.quotation(text)
	case st.code:
		c.codeLine(text)
		return
	default:
		c.endList()
		c.block(startEscaped(text))
	}
	c.inCode = false
}

// heading writes a heading one level down (the page's title is its only
// level 1), on one line; the first level 1 heading before any text is the
// title.
func (c *converter) heading(level int, text string) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\\\n", " "))
	if text == "" {
		return
	}
	c.endList()
	if level == 1 && c.doc.Title == "" && c.out.Len() == 0 {
		c.doc.Title = plain(text)
		c.settleMarks(-1) // the title's places: the page's top
		return
	}
	text = unplace(text) // a heading's id is made from its line, which should not hold links
	c.places.headings = append(c.places.headings, text)
	c.settleMarks(len(c.places.headings) - 1)
	at := c.out.Len()
	if at > 0 {
		at += 2 // after block's blank line
	}
	c.headings = append(c.headings, at)
	level = min(level+1, 6)
	if c.topHeading == 0 || level < c.topHeading {
		c.topHeading = level
	}
	c.block(strings.Repeat("#", level) + " " + text)
}

// quotation writes a quoted paragraph.
func (c *converter) quotation(text string) {
	c.endList()
	c.block("> " + strings.ReplaceAll(text, "\n", "\n> "))
}

// codeLine writes a preformatted paragraph: consecutive ones are one block
// of code.
func (c *converter) codeLine(text string) {
	c.inList, c.markers = false, nil
	line := "    " + strings.ReplaceAll(plain(text), "\n", "\n    ")
	if c.inCode {
		c.out.WriteString("\n" + line) // the next line of the same code
		return
	}
	c.block(line)
	c.inCode = true
}

// block writes a block, a blank line before it.
func (c *converter) block(s string) {
	c.afterList = false
	if c.out.Len() > 0 {
		c.out.WriteString("\n\n")
	}
	c.out.WriteString(s)
}

// item writes a list item at its level, under the items above it, with
// the number Word shows.
func (c *converter) item(st paraStyle, text string) {
	level, _ := strconv.Atoi(st.ilvl)
	level = max(0, min(level, maxLevels-1))
	nb := c.lists[st.numID]
	k := c.counters[nb.abstract]
	if k == nil {
		k = &counter{}
		c.counters[nb.abstract] = k
	}
	if !c.started[st.numID] {
		c.started[st.numID] = true
		for lv := range nb.starts {
			k.restart(lv)
		}
		if _, again := nb.starts[0]; again && level == 0 {
			c.endList() // numbered again from here: a list of its own
		}
	}
	if level == 0 && nb.abstract != c.listID {
		c.endList() // another list right after this one
	}
	c.listID = nb.abstract
	f := c.formats[nb.abstract][level]
	if s, ok := nb.starts[level]; ok {
		f.start = s
	}
	c.listItem(level, marker(f, k.next(level)), text)
}

// listItem writes a list item at level (0: the outermost) after its marker
// ("- ", "3. ").
func (c *converter) listItem(level int, marker string, text string) {
	level = max(0, min(level, maxLevels-1))
	marker, text = taskItem(marker, text)
	width := strings.IndexByte(marker, ' ') + 1 // "- " of "- [ ] ": where the item's text starts for Markdown
	if len(c.markers) > level+1 {
		c.markers = c.markers[:level+1]
	}
	for len(c.markers) < level {
		c.markers = append(c.markers, 2) // a level skipped: indented as under a bullet
	}
	indent := 0
	for _, w := range c.markers[:level] {
		indent += w
	}
	if len(c.markers) == level {
		c.markers = append(c.markers, width)
	} else {
		c.markers[level] = width
	}
	if !c.inList {
		c.alt = c.afterList && !c.alt
	}
	if c.alt {
		marker = strings.Replace(strings.Replace(marker, "- ", "* ", 1), ". ", ") ", 1)
	}
	pad := strings.Repeat(" ", indent)
	line := pad + marker + strings.ReplaceAll(text, "\n", "\n"+pad+strings.Repeat(" ", width))
	if c.inList {
		c.out.WriteString("\n" + line)
		return
	}
	c.block(line)
	c.inList, c.afterList = true, true
}

func (c *converter) endList() { c.inList, c.markers, c.inCode = false, nil, false }

// run is a stretch of text with its formatting.
type run struct {
	text         string
	bold, italic bool
	code, strike bool
	shift        int    // 1: superscript, -1: subscript
	marked       bool   // highlighted (Word's text highlight colour)
	link         string // a hyperlink's address
	picture      string // a picture, as Markdown: never merged with text
	note         string // a note's mark ("[^2]"): never merged with text
}

// same says whether two runs of text look the same (and may be merged).
func (r run) same(o run) bool {
	return r.picture == "" && o.picture == "" && r.note == "" && o.note == "" &&
		r.bold == o.bold && r.italic == o.italic && r.code == o.code && r.strike == o.strike && r.shift == o.shift && r.marked == o.marked && r.link == o.link
}

// inline writes a paragraph's runs: formatting merged across runs, links,
// pictures, line breaks. plainOnly drops bold and italic (a heading).
func (c *converter) inline(kids []*node, plainOnly bool, depth int) string {
	var runs []run
	c.collect(kids, "", &runs, depth)
	return c.runsText(runs, plainOnly)
}

// runsText writes runs, merging neighbours of the same formatting.
func (c *converter) runsText(runs []run, plainOnly bool) string {
	var b strings.Builder
	for i := range runs {
		runs[i] = runs[i].unshifted()
	}
	for i := 0; i < len(runs); {
		r := runs[i]
		j := i + 1
		for j < len(runs) && r.same(runs[j]) {
			r.text += runs[j].text
			j++
		}
		b.WriteString(c.format(r, plainOnly))
		i = j
	}
	return b.String()
}

// format writes one run: its text escaped, in ** and * and a link, the
// spaces at its ends kept outside the marks (Markdown's rule).
func (c *converter) format(r run, plainOnly bool) string {
	if r.picture != "" && strings.HasPrefix(r.link, placeLinkPrefix) {
		return placed(r.picture, r.link)
	}
	if r.picture != "" && r.link != "" {
		return "[" + r.picture + "](" + mdtext.LinkDest(r.link) + ")"
	}
	if r.picture != "" {
		return r.picture
	}
	if r.note != "" {
		return r.note
	}
	core := strings.TrimSpace(r.text)
	if core == "" {
		return r.text
	}
	lead := r.text[:strings.Index(r.text, core)]
	trail := r.text[len(lead)+len(core):]
	s := mdtext.Escape(core)
	if r.code {
		s = codeSpan(core)
	}
	if !plainOnly && !r.code {
		if r.strike {
			s = "~~" + s + "~~"
		}
		if r.italic {
			s = "*" + s + "*"
		}
		if r.bold {
			s = "**" + s + "**"
		}
		switch { // outside the marks, which then touch no others' ("*R*<sup>*j*</sup>")
		case r.shift > 0:
			s = "<sup>" + s + "</sup>"
		case r.shift < 0:
			s = "<sub>" + s + "</sub>"
		}
		if r.marked {
			s = "<mark>" + s + "</mark>"
		}
	}
	switch {
	case strings.HasPrefix(r.link, placeLinkPrefix):
		s = placed(s, r.link)
	case r.link != "":
		s = "[" + s + "](" + mdtext.LinkDest(r.link) + ")"
	}
	return lead + s + trail
}

// collect gathers a paragraph's runs, inside hyperlinks, tracked
// insertions and fields; deleted text and field instructions are skipped.
func (c *converter) collect(kids []*node, link string, runs *[]run, depth int) {
	if depth > maxDepth {
		return
	}
	for _, k := range kids {
		switch k.name {
		case "r":
			c.runOf(k, link, runs)
		case "bookmarkStart":
			c.mark(k.attr["name"])
		case "hyperlink":
			target := ""
			if a := k.attr["anchor"]; a != "" && k.attr["r:id"] == "" {
				target = placeLink(a) // a place in this document
			}
			if id := k.attr["r:id"]; id != "" {
				target = c.rels[id]
				if a := k.attr["anchor"]; a != "" && target != "" && !strings.Contains(target, "#") {
					target += "#" + a // a place in the page linked to
				}
			}
			c.collect(k.kids, target, runs, depth+1)
		case "fldSimple":
			target, hidden := c.fieldMeaning(k.attr["instr"])
			if !hidden {
				c.collect(k.kids, firstNonEmpty(target, link), runs, depth+1)
			}
		case "ins", "moveTo", "smartTag", "customXml", "bdo", "dir":
			c.collect(k.kids, link, runs, depth+1)
		case "sdt":
			if sc := k.child("sdtContent"); sc != nil {
				c.collect(sc.kids, link, runs, depth+1)
			}
		case "oMath", "oMathPara":
			c.left(diag.Phrasef("equations"))
		}
	}
}

// runOf reads one run: its formatting and what it holds in order.
func (c *converter) runOf(r *node, link string, runs *[]run) {
	base := run{link: link}
	hidden := false
	if rp := r.child("rPr"); rp != nil {
		st := c.chars[rp.val("rStyle")]
		base.bold, base.italic, base.code = st.bold, st.italic, st.code
		if b := rp.child("b"); b != nil {
			base.bold = on(b) // set on the run: over its style
		}
		if i := rp.child("i"); i != nil {
			base.italic = on(i)
		}
		if f := rp.child("rFonts"); f != nil && monospace(f.attr["ascii"]) {
			base.code = true
		}
		base.strike = on(rp.child("strike")) || on(rp.child("dstrike"))
		base.shift = st.shift
		if v := rp.child("vertAlign"); v != nil {
			base.shift = vertAlign(v.attr["val"])
		}
		if h := rp.child("highlight"); h != nil && h.attr["val"] != "" && h.attr["val"] != "none" {
			base.marked = true
		}
		if v := rp.child("vanish"); (st.hidden && v == nil) || on(v) {
			hidden = true // hidden in Word: not for readers; its fields still open and close
		}
	}
	shows := true
	add := func(s string) {
		if shows {
			x := base
			x.text = s
			*runs = append(*runs, x)
		}
	}
	for _, k := range alternatives(r.kids) {
		var fieldLink string
		shows, fieldLink = c.fieldText()
		if shows && hidden && k.name == "t" && strings.TrimSpace(k.chars) != "" {
			c.left(diag.Phrasef("hidden text (such as notes for the trainer)"))
		}
		shows = shows && !hidden
		if fieldLink != "" {
			base.link = fieldLink
		}
		switch k.name {
		case "fldChar":
			c.fieldChar(k.attr["fldCharType"])
		case "instrText":
			c.instrText(k.chars)
		case "t":
			add(k.chars)
		case "tab":
			add(" ")
		case "br", "cr":
			if k.attr["type"] == "page" {
				continue
			}
			add("\n")
		case "noBreakHyphen":
			add("-")
		case "sym": // a character of a symbol font (Wingdings' tick, Symbol's α)
			if ch := symbolChar(k.attr["font"], k.attr["char"]); ch != "" {
				add(ch)
			} else if shows {
				c.left(diag.Phrasef("characters of a symbol font (Wingdings, Symbol) not known here"))
			}
		case "drawing", "pict", "object":
			if !shows {
				continue
			}
			if md := c.picture(k); md != "" {
				*runs = append(*runs, run{picture: md, link: base.link})
			} else if box := k.find("txbxContent"); box != nil {
				c.boxes = append(c.boxes, box)
			} else if ids := k.find("relIds"); ids != nil {
				c.boxes = append(c.boxes, ids) // a SmartArt diagram: its text as a list, after the paragraph
			}
		case "footnoteReference", "endnoteReference":
			notes := c.footnotes
			if k.name == "endnoteReference" {
				notes = c.endnotes
			}
			if n := notes[k.attr["id"]]; shows && n != nil {
				if mark := c.noteMark(n, func() []string { return c.noteParagraphs(n) }); mark != nil {
					*runs = append(*runs, *mark)
				}
			}
		case "commentReference":
			c.left(diag.Phrasef("comments"))
		}
	}
}

// alternatives is a run's parts with each mc:AlternateContent replaced
// by its first choice (Word 2010's drawing of a shape or a text box), else
// its fallback (the same as VML).
func alternatives(kids []*node) []*node {
	var out []*node
	for _, k := range kids {
		if k.name != "AlternateContent" {
			out = append(out, k)
			continue
		}
		if ch := k.child("Choice"); ch != nil {
			out = append(out, ch.kids...)
		} else if fb := k.child("Fallback"); fb != nil {
			out = append(out, fb.kids...)
		}
	}
	return out
}

// noteParagraphs reads a footnote's or an endnote's paragraphs.
func (c *converter) noteParagraphs(n *node) []string {
	var out []string
	for _, p := range n.kidsNamed("p") {
		out = append(out, c.inline(p.kids, false, 0))
	}
	return out
}

// on reads a toggle property (<w:b/>, <w:b w:val="0"/>).
func on(n *node) bool {
	if n == nil {
		return false
	}
	v := n.attr["val"]
	return v == "" || v == "1" || v == "true" || v == "on"
}

func monospace(font string) bool {
	f := strings.ToLower(font)
	for _, m := range []string{"courier", "consolas", "mono", "menlo", "lucida console"} {
		if strings.Contains(f, m) {
			return true
		}
	}
	return false
}

// picture writes a picture the drawing shows, with its description, and
// keeps its file; "" when the drawing holds none.
func (c *converter) picture(d *node) string {
	blip := d.find("blip")
	if blip == nil {
		if im := d.find("imagedata"); im != nil { // an older Word's VML picture
			blip = &node{attr: map[string]string{"r:embed": im.attr["r:id"]}}
		} else {
			return ""
		}
	}
	alt := ""
	if pr := d.find("docPr"); pr != nil {
		alt = strings.TrimSpace(firstNonEmpty(pr.attr["descr"], pr.attr["title"]))
	}
	return c.embeddedPicture(blip.attr["r:embed"], alt)
}

// embeddedPicture keeps and writes the picture a relationship (id) of the
// part being read names; a picture linked from outside the document is
// named in Left.
func (c *converter) embeddedPicture(id, alt string) string {
	target := c.rels[id]
	if target == "" || strings.Contains(target, "://") {
		c.left(diag.Phrasef("pictures linked from elsewhere rather than held in the document"))
		return ""
	}
	return c.addPicture(c.partAt(target), alt)
}

// addPicture keeps the picture at part of the package and writes it with
// its description; "" when the package does not hold it.
func (c *converter) addPicture(part, alt string) string {
	name, ok := c.pictureNames[part]
	if !ok {
		data, err := c.pack.read(part, maxPicture)
		if err != nil || data == nil || c.pictureBytes+len(data) > maxPictures {
			if err != nil && c.err == nil {
				c.err = err
			}
			c.left(diag.Phrasef("pictures linked from elsewhere rather than held in the document"))
			return ""
		}
		ext := webPicture(part, data)
		if ext == "" {
			c.left(diag.Phrasef("pictures in a format web browsers do not show (such as EMF or WMF)"))
			return ""
		}
		c.pictureBytes += len(data)
		name = c.uniqueName(pictureName(path.Base(part), ext, len(c.doc.Pictures)+1))
		c.pictureNames[part] = name
		c.doc.Pictures = append(c.doc.Pictures, Picture{Name: name, Data: data})
	}
	if mdtext.NoDescription(alt) {
		alt = "" // PowerPoint's and Word's default: the picture's file name, which says nothing of it
	}
	if alt == "" {
		c.doc.NoAlt++
	}
	return "![" + mdtext.Escape(strings.Join(strings.Fields(alt), " ")) + "](" + name + ")"
}

var (
	unsafeName = regexp.MustCompile(`[^a-z0-9._-]+`)
)

// webPicture is the extension a picture's bytes call for (".png",
// ".jpg"...), "" for a format web browsers do not show (Word's EMF and
// WMF drawings, TIFF): the bytes decide, not the name.
func webPicture(part string, data []byte) string {
	if strings.EqualFold(path.Ext(part), ".svg") && bytes.Contains(data[:min(len(data), 1024)], []byte("<svg")) {
		return ".svg"
	}
	switch http.DetectContentType(data) {
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	case "image/bmp":
		return ".bmp"
	}
	return ""
}

// pictureName is a picture's file name as the page keeps it: lower case,
// letters, digits, dots and dashes only, ending in ext.
func pictureName(base, ext string, nth int) string {
	n := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(base), "-"), "-.")
	stem := strings.TrimSuffix(n, path.Ext(n))
	if len(stem) >= 16 && strings.Trim(stem, "0123456789abcdef") == "" {
		stem = "image-" + strconv.Itoa(nth) // LibreOffice's name, a long number: nothing an author would recognise
	}
	if stem == "" {
		stem = "picture"
	}
	if ext == ".jpg" && path.Ext(n) == ".jpeg" {
		ext = ".jpeg"
	}
	return stem + ext
}

func (c *converter) uniqueName(n string) string {
	used := func(s string) bool {
		for _, p := range c.doc.Pictures {
			if p.Name == s {
				return true
			}
		}
		return s == "index.md"
	}
	if !used(n) {
		return n
	}
	ext := path.Ext(n)
	for i := 2; ; i++ {
		if s := fmt.Sprintf("%s-%d%s", strings.TrimSuffix(n, ext), i, ext); !used(s) {
			return s
		}
	}
}

// table writes a table as Markdown's: its first row the header, each
// cell's paragraphs on one line, a cell spanning columns followed by
// empty ones.
func (c *converter) table(t *node) {
	c.writeTable(tableRows(t, func(tc *node) (string, int) {
		var parts []string
		for _, p := range tc.kidsNamed("p") {
			parts = append(parts, c.inline(p.kids, false, 0))
		}
		if tc.find("tbl") != nil {
			c.left(diag.Phrasef("tables inside tables"))
		}
		span := 1
		if pr := tc.child("tcPr"); pr != nil {
			span, _ = strconv.Atoi(pr.val("gridSpan"))
		}
		return cellLine(parts), span
	}))
}

// tableRows reads a table's rows (tr) of cells (tc) through cell, which
// gives a cell's text on one line and how many columns it spans (the
// columns it covers are left empty; -1 for a cell covered that way); it
// returns the rows and the widest.
func tableRows(t *node, cell func(tc *node) (string, int)) ([][]string, int) {
	var rows [][]string
	width := 0
	for _, tr := range t.kidsNamed("tr") {
		var cells []string
		for _, tc := range tr.kidsNamed("tc") {
			text, span := cell(tc)
			if span < 0 {
				continue // a cell another covers, written as the empty cells after it
			}
			cells = append(cells, text) // | escaped with the text
			for i := 1; i < min(span, 64); i++ {
				cells = append(cells, "")
			}
		}
		width = max(width, len(cells))
		rows = append(rows, cells)
	}
	return rows, width
}

// cellLine joins a cell's paragraphs on one line (a Markdown table's cell
// is one), their line breaks as spaces.
func cellLine(paras []string) string {
	var kept []string
	for _, p := range paras {
		if p = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(p, "\\\n", " "), "\n", " ")); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}

// hardBreaks writes a paragraph's line breaks as Markdown's (a backslash
// at the line's end), whether escape wrote them so or not.
func hardBreaks(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\\\n", "\n"), "\n", "\\\n")
}

// writeTable writes rows as a Markdown table width cells wide.
func (c *converter) writeTable(rows [][]string, width int) {
	if len(rows) == 0 || width == 0 || !hasText(rows) {
		return // a table of empty cells: a layout, nothing to read
	}
	if width == 1 { // a box around text (a title page, a note): its paragraphs
		for _, r := range rows {
			if len(r) > 0 && r[0] != "" {
				c.block(r[0])
			}
		}
		return
	}
	var b strings.Builder
	for i, r := range rows {
		for len(r) < width {
			r = append(r, "")
		}
		if i == 0 {
			r = unbolded(r)
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	c.block(strings.TrimSuffix(b.String(), "\n"))
}

// unbolded is a header row without the bold of cells bold all through
// (a Table Heading style): a header shows bold anyway.
func unbolded(row []string) []string {
	out := make([]string, len(row))
	for i, cell := range row {
		inner, ok := strings.CutPrefix(cell, "**")
		if inner, ok2 := strings.CutSuffix(inner, "**"); ok && ok2 && inner != "" && !strings.Contains(inner, "**") {
			cell = inner
		}
		out[i] = cell
	}
	return out
}

func hasText(rows [][]string) bool {
	for _, r := range rows {
		for _, c := range r {
			if c != "" {
				return true
			}
		}
	}
	return false
}

var blockStart = regexp.MustCompile(`^(#{1,6}(\s|$)|[-+=>]\s|\d{1,9}[.)](\s|$))`)

// startEscaped keeps a paragraph's first characters from starting a block
// (a heading, a list, a quotation).
func startEscaped(s string) string {
	if m := blockStart.FindStringIndex(s); m != nil {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// codeSpan writes text as inline code, with enough backticks around it.
func codeSpan(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// plain is Markdown text without its escapes and marks, for a title.
func plain(s string) string {
	s = strings.NewReplacer("**", "", "\\\n", " ").Replace(unplace(s))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.TrimSpace(b.String())
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// noteMark keeps the text of the note n, its paragraphs read by text,
// and gives the mark that points to it ("[^1]", a Markdown footnote); the
// same mark for a note met again; nothing inside a note, or for a note
// without text. The fields open in the text around it stay open.
func (c *converter) noteMark(n *node, text func() []string) *run {
	if mark, ok := c.noteMarks[n]; ok {
		if mark == "" {
			return nil
		}
		return &run{note: mark}
	}
	if c.inNote || len(c.notes) >= maxNotes {
		return nil
	}
	if c.noteMarks == nil {
		c.noteMarks = map[*node]string{}
	}
	c.noteMarks[n] = "" // read once, even when it has no text
	c.inNote = true
	fields := c.fields
	c.fields = nil
	paras := text()
	c.fields = fields
	c.inNote = false
	var kept []string
	for _, p := range paras {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, strings.ReplaceAll(p, "\n", "\n    "))
		}
	}
	if len(kept) == 0 {
		return nil
	}
	c.notes = append(c.notes, strings.Join(kept, "\n\n    "))
	c.noteMarks[n] = "[^" + strconv.Itoa(len(c.notes)) + "]"
	return &run{note: c.noteMarks[n]}
}

// noteTexts writes the notes at the end of the page.
func (c *converter) noteTexts() string {
	var b strings.Builder
	for i, n := range c.notes {
		fmt.Fprintf(&b, "\n\n[^%d]: %s", i+1, n)
	}
	return b.String()
}

// flushBoxes writes, after the paragraph that holds them, the text boxes
// it held (a tip or a caption beside the text), each as its paragraphs,
// and its SmartArt diagrams, each as a list.
func (c *converter) flushBoxes(write func(kids []*node, depth int)) {
	boxes := c.boxes
	c.boxes = nil
	for _, b := range boxes {
		if b.name == "relIds" {
			c.writeDiagram(b)
			continue
		}
		write(b.kids, 1)
	}
}

// Superscript and subscript ("m²", "CO₂", "1st") are the Unicode
// characters when every character of the run has one (digits and signs:
// the text reads the same in the Markdown and in search, and merges with
// its neighbours), else HTML's <sup> and <sub> (see format), or plain text
// in a heading (whose line holds no HTML).
var (
	superscripts = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹", "+", "⁺", "-", "⁻", "−", "⁻", "=", "⁼", "(", "⁽", ")", "⁾")
	subscripts   = strings.NewReplacer("0", "₀", "1", "₁", "2", "₂", "3", "₃", "4", "₄", "5", "₅", "6", "₆", "7", "₇", "8", "₈", "9", "₉", "+", "₊", "-", "₋", "−", "₋", "=", "₌", "(", "₍", ")", "₎")
)

// unshifted is the run with its raised or lowered digits and signs as
// their Unicode characters, on the line.
func (r run) unshifted() run {
	core := strings.TrimSpace(r.text)
	if r.shift == 0 || r.code || core == "" || strings.Trim(core, "0123456789+-−=()") != "" {
		return r
	}
	if r.shift > 0 {
		r.text = superscripts.Replace(r.text)
	} else {
		r.text = subscripts.Replace(r.text)
	}
	r.shift = 0
	return r
}
