package officedoc

import (
	"path"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// OpenDocument text (.odt, LibreOffice's own format, which Google Docs also
// writes) holds the same things as a Word document in other words:
// content.xml with text:h and text:p, text:span and text:a, text:list,
// table:table and draw:frame; its styles in styles.xml and in
// content.xml's automatic styles; its properties in meta.xml.

// odtStyle is one OpenDocument style: its parent, name as the author sees
// it, what it does to text, and a paragraph style's outline level.
type odtStyle struct {
	parent, display    string
	bold, italic, mono bool
	strike, hidden     bool
	shift              int  // 1: superscript, -1: subscript
	marked             bool // a background colour: highlighted
	outline            int
}

type odtConverter struct {
	*converter
	styles map[string]odtStyle
	lists  map[string]map[int]levelFormat // list style -> level (1-based) -> how its items are marked
	// byStyle: a list style -> the counts of the last list in it; byID: a
	// list's xml:id -> its counts (a later list may go on from either).
	byStyle, byID map[string]*counter
	// hiddenPages: the styles of slides not shown (Impress's Hide Slide).
	hiddenPages map[string]bool
}

// readODT reads an OpenDocument text.
func readODT(p *pack) (*Document, error) {
	if m, _ := p.read("mimetype", 256); m != nil && !strings.HasPrefix(string(m), "application/vnd.oasis.opendocument.text") &&
		!strings.HasPrefix(string(m), "application/vnd.oasis.opendocument.presentation") {
		return nil, ErrNotWord // a spreadsheet or a drawing
	}
	content, err := p.treeMixed("content.xml")
	if err != nil {
		return nil, err
	}
	body := content.find("body")
	if body == nil || (body.child("text") == nil && body.child("presentation") == nil) {
		return nil, ErrNotWord
	}
	o := &odtConverter{converter: &converter{pack: p, seen: map[string]bool{}, pictureNames: map[string]string{}},
		styles: map[string]odtStyle{}, lists: map[string]map[int]levelFormat{}, byStyle: map[string]*counter{}, byID: map[string]*counter{},
		hiddenPages: map[string]bool{}}
	styles, err := p.treeMixed("styles.xml")
	if err != nil {
		return nil, err
	}
	for _, t := range []*node{styles, content} {
		if t != nil {
			o.readStyles(t)
		}
	}
	if pres := body.child("presentation"); pres != nil {
		o.presentation(pres)
	} else {
		o.blocks(body.child("text").kids, 0)
	}
	d := o.finish()
	if meta, _ := p.treeMixed("meta.xml"); meta != nil {
		d.properties(meta)
	}
	return d, o.err
}

// treeMixed parses a part keeping its text in place (nil when absent).
func (p *pack) treeMixed(name string) (*node, error) {
	data, err := p.read(name, maxPart)
	if err != nil || data == nil {
		return nil, err
	}
	return parseXML(data, true)
}

// readStyles reads every style and list style under t.
func (o *odtConverter) readStyles(t *node) {
	var walk func(*node, int)
	walk = func(n *node, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.name {
		case "style":
			st := odtStyle{parent: n.attr["parent-style-name"], display: n.attr["display-name"]}
			if l, err := strconv.Atoi(n.attr["default-outline-level"]); err == nil {
				st.outline = l
			}
			if dp := n.child("drawing-page-properties"); dp != nil && dp.attr["visibility"] == "hidden" {
				o.hiddenPages[n.attr["name"]] = true
			}
			if tp := n.child("text-properties"); tp != nil {
				st.bold = tp.attr["font-weight"] == "bold" || tp.attr["font-weight"] == "700"
				st.italic = tp.attr["font-style"] == "italic"
				st.mono = monospace(tp.attr["font-name"])
				st.strike = tp.attr["text-line-through-style"] != "" && tp.attr["text-line-through-style"] != "none"
				st.hidden = tp.attr["display"] == "none"
				st.shift = textPosition(tp.attr["text-position"])
				bg := strings.ToLower(tp.attr["background-color"])
				st.marked = n.attr["family"] == "text" && bg != "" && bg != "transparent" && bg != "#ffffff"
			}
			o.styles[n.attr["name"]] = st
			return
		case "list-style":
			levels := map[int]levelFormat{}
			for _, l := range n.kids {
				if lv, err := strconv.Atoi(l.attr["level"]); err == nil {
					levels[lv] = levelFormat{ordered: l.name == "list-level-style-number" && l.attr["num-format"] != "", start: startValue(l.attr["start-value"])}
					if l.name == "list-level-style-bullet" {
						levels[lv] = levelFormat{task: checkBox(l.attr["bullet-char"])}
					}
				}
			}
			o.lists[n.attr["name"]] = levels
			return
		}
		for _, k := range n.kids {
			walk(k, depth+1)
		}
	}
	walk(t, 0)
}

// textPosition is what an OpenDocument text position says ("super 58%",
// "33% 58%", "sub 58%", "-33% 58%"): 1 for superscript, -1 for subscript,
// 0 for the line.
func textPosition(v string) int {
	f := strings.Fields(v)
	if len(f) == 0 {
		return 0
	}
	switch p := f[0]; {
	case p == "super":
		return 1
	case p == "sub":
		return -1
	case strings.HasSuffix(p, "%"):
		n, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
		if err == nil && n > 0 {
			return 1
		}
		if err == nil && n < 0 {
			return -1
		}
	}
	return 0
}

// named is the style's name as the author sees it, lower case.
func (s odtStyle) named() string { return strings.ToLower(strings.ReplaceAll(s.display, "_20_", " ")) }

// style resolves a style through its parents: what it does to text, its
// outline level, and the names (lower case, "_20_" a space) it and its
// parents go by.
func (o *odtConverter) style(name string) (st odtStyle, names []string) {
	for hops := 0; name != "" && hops < 16; hops++ {
		s, ok := o.styles[name]
		if !ok {
			names = append(names, strings.ToLower(strings.ReplaceAll(name, "_20_", " ")))
			break
		}
		st.bold, st.italic, st.mono, st.strike, st.hidden = st.bold || s.bold, st.italic || s.italic, st.mono || s.mono, st.strike || s.strike, st.hidden || s.hidden
		if st.shift == 0 {
			st.shift = s.shift
		}
		st.marked = st.marked || s.marked
		if st.outline == 0 {
			st.outline = s.outline
		}
		names = append(names, strings.ToLower(strings.ReplaceAll(name, "_20_", " ")), s.named())
		if m := headingName.FindStringSubmatch(s.named()); st.outline == 0 && m != nil {
			st.outline, _ = strconv.Atoi(m[1]) // "Heading 1" without an outline level, as LibreOffice may leave it
		}
		name = s.parent
	}
	return st, names
}

// blocks writes the body's paragraphs, headings, lists and tables.
func (o *odtConverter) blocks(kids []*node, depth int) {
	if depth > maxDepth {
		return
	}
	for _, k := range kids {
		before := o.out.Len()
		switch k.name {
		case "h":
			level, err := strconv.Atoi(k.attr["outline-level"])
			if err != nil || level < 1 {
				level = 1
			}
			o.heading(min(level, 6), o.text(k, true))
		case "p":
			o.paragraph(k)
		case "list":
			o.endList()
			o.list(k, 0, "", nil, depth+1)
		case "table":
			o.endList()
			o.table(k)
			o.flushBoxes(o.blocks) // the text boxes of its cells: after it
		case "section":
			o.blocks(k.kids, depth+1)
		case "table-of-content":
			o.left(diag.Phrasef("the table of contents with its page numbers"))
		}
		o.settleAfter(before)
	}
}

// paragraph writes a paragraph by its style: the title, a heading (a
// style with an outline level), a quotation, code, or text.
func (o *odtConverter) paragraph(p *node) {
	defer o.flushBoxes(o.blocks)
	st, names := o.style(p.attr["style-name"])
	has := func(n string) bool {
		for _, x := range names {
			if x == n {
				return true
			}
		}
		return false
	}
	text := strings.TrimSpace(o.text(p, st.outline > 0 || has("title"))) // a heading's own bold is not the author's
	if text == "" {
		return
	}
	switch {
	case has("title") && o.doc.Title == "":
		o.doc.Title = plain(text)
	case has("subtitle") && o.doc.Summary == "" && o.out.Len() == 0:
		o.doc.Summary = plain(text)
	case st.outline > 0:
		o.heading(st.outline, text)
	case has("quotations") || has("quote"):
		o.quotation(text)
	case has("preformatted text"):
		o.codeLine(text)
		return
	default:
		o.endList()
		o.block(startEscaped(text))
	}
	o.inCode = false
}

// list writes a list's items at level, their own lists one level deeper;
// how a level is marked comes from the outermost list's style, and its
// numbers go on from an earlier list when the list says so (LibreOffice's
// "Continue previous numbering", after a paragraph or a picture).
func (o *odtConverter) list(l *node, level int, style string, k *counter, depth int) {
	if depth > maxDepth {
		return
	}
	level = min(level, maxLevels-1) // deeper still: written at the deepest level
	if level == 0 {
		style, k = l.attr["style-name"], o.continued(l)
		o.byStyle[style] = k
		if id := l.attr["id"]; id != "" {
			o.byID[id] = k
		}
	}
	for _, it := range l.kids {
		if it.name != "list-item" && it.name != "list-header" {
			continue
		}
		f := o.lists[style][level+1]
		if v := it.attr["start-value"]; v != "" {
			k.restart(level)
			k.counts[level] = startValue(v) - f.start // the next item is v
		}
		for _, kid := range it.kids {
			switch kid.name {
			case "p", "h":
				if text := strings.TrimSpace(o.text(kid, kid.name == "h")); text != "" {
					o.listItem(level, marker(f, k.next(level)), text)
				}
			case "list":
				o.list(kid, level+1, style, k, depth+1)
			}
		}
	}
}

// continued is the counts an outermost list goes on from: those of the
// list it names, or of the last list in its style, or new ones.
func (o *odtConverter) continued(l *node) *counter {
	if k := o.byID[l.attr["continue-list"]]; k != nil {
		return k
	}
	if k := o.byStyle[l.attr["style-name"]]; k != nil && l.attr["continue-numbering"] == "true" {
		return k
	}
	return &counter{}
}

// table writes a table, its header rows first.
func (o *odtConverter) table(t *node) {
	var rows [][]string
	width := 0
	var walk func(*node, int)
	walk = func(n *node, depth int) {
		for _, k := range n.kids {
			switch {
			case depth > 4:
			case k.name == "table-row":
				var cells []string
				for _, c := range k.kids {
					if c.name != "table-cell" {
						continue // a covered cell: its spanning cell is filled below
					}
					var parts []string
					for _, p := range c.kids {
						if p.name == "p" || p.name == "h" {
							if s := strings.TrimSpace(o.text(p, false)); s != "" {
								parts = append(parts, strings.ReplaceAll(strings.ReplaceAll(s, "\\\n", " "), "\n", " "))
							}
						}
						if p.name == "table" {
							o.left(diag.Phrasef("tables inside tables"))
						}
					}
					cells = append(cells, strings.Join(parts, " "))
					if span, _ := strconv.Atoi(c.attr["number-columns-spanned"]); span > 1 {
						for i := 1; i < min(span, 64); i++ {
							cells = append(cells, "")
						}
					}
				}
				width = max(width, len(cells))
				rows = append(rows, cells)
			case k.name == "table-header-rows" || k.name == "table-rows" || k.name == "table-row-group":
				walk(k, depth+1)
			}
		}
	}
	walk(t, 0)
	o.writeTable(rows, width)
}

// text writes an element's inline content; plainOnly drops bold and
// italic (a heading).
func (o *odtConverter) text(n *node, plainOnly bool) string {
	base, _ := o.style(n.attr["style-name"])
	if base.hidden {
		o.hiddenText(n)
		return ""
	}
	var runs []run
	o.inlineODT(n.kids, run{bold: base.bold, italic: base.italic, code: base.mono, strike: base.strike, shift: base.shift}, &runs, 0)
	return o.runsText(runs, plainOnly)
}

// inlineODT gathers runs: text with the formatting of the spans around it,
// links, spaces and breaks, pictures, notes' marks; comments are left out.
func (o *odtConverter) inlineODT(kids []*node, f run, runs *[]run, depth int) {
	if depth > maxDepth {
		return
	}
	add := func(s string) {
		x := f
		x.text = s
		*runs = append(*runs, x)
	}
	for _, k := range kids {
		switch k.name {
		case "#text":
			add(collapseSpace(k.chars))
		case "span":
			st, _ := o.style(k.attr["style-name"])
			if st.hidden {
				o.hiddenText(k)
				continue
			}
			g := f
			g.bold, g.italic, g.code, g.strike = g.bold || st.bold, g.italic || st.italic, g.code || st.mono, g.strike || st.strike
			if st.shift != 0 {
				g.shift = st.shift
			}
			g.marked = g.marked || st.marked
			o.inlineODT(k.kids, g, runs, depth+1)
		case "a":
			g := f
			g.link = k.attr["href"]
			if place := hrefPlace(g.link); place != "" {
				g.link = placeLink(place) // a heading or bookmark of this document
			}
			o.inlineODT(k.kids, g, runs, depth+1)
		case "bookmark", "bookmark-start", "reference-mark", "reference-mark-start":
			o.mark(k.attr["name"])
		case "bookmark-ref", "reference-ref": // a cross-reference: a link to its place
			g := f
			if name := k.attr["ref-name"]; name != "" && f.link == "" {
				g.link = placeLink(name)
			}
			o.inlineODT(k.kids, g, runs, depth+1)
		case "s":
			n, err := strconv.Atoi(k.attr["c"])
			if err != nil || n < 1 {
				n = 1
			}
			add(strings.Repeat(" ", min(n, 64)))
		case "tab":
			add(" ")
		case "line-break":
			add("\n")
		case "frame":
			if md := o.frame(k); md != "" {
				*runs = append(*runs, run{picture: md})
			}
		case "hidden-text": // a field that shows its string-value when its condition says so
			if k.attr["is-hidden"] != "false" {
				o.hiddenText(k)
			} else {
				add(k.attr["string-value"])
			}
		case "note":
			if mark := o.noteMark(k, func() []string { return o.noteParagraphs(k.child("note-body")) }); mark != nil {
				*runs = append(*runs, *mark)
			}
		case "annotation":
			o.left(diag.Phrasef("comments"))
		case "ruby", "meta", "inner-text", "sequence", "date", "time", "page-number", "chapter", "sequence-ref", "user-field-get", "variable-get":
			o.inlineODT(k.kids, f, runs, depth+1)
		}
	}
}

// hiddenText names, when it holds any, text the document hides.
func (o *odtConverter) hiddenText(n *node) {
	if strings.TrimSpace(n.text()) != "" || strings.TrimSpace(n.attr["string-value"]) != "" {
		o.left(diag.Phrasef("hidden text (such as notes for the trainer)"))
	}
}

// noteParagraphs reads a note's paragraphs.
func (o *odtConverter) noteParagraphs(body *node) []string {
	var out []string
	if body == nil {
		return nil
	}
	for _, p := range body.kids {
		if p.name == "p" || p.name == "h" {
			out = append(out, o.text(p, false))
		}
	}
	return out
}

// frame writes a picture of a draw:frame with its description (svg:desc,
// else svg:title); a text box is kept to be written after its paragraph.
func (o *odtConverter) frame(f *node) string {
	if f.child("object") != nil || f.child("object-ole") != nil { // its picture is only a stand-in
		o.left(diag.Phrasef("embedded objects (formulas, charts)"))
		return ""
	}
	img := f.child("image")
	if img == nil {
		if box := f.child("text-box"); box != nil {
			o.boxes = append(o.boxes, box)
		}
		return ""
	}
	href := img.attr["href"]
	if href == "" || strings.Contains(href, "://") {
		o.left(diag.Phrasef("pictures linked from elsewhere rather than held in the document"))
		return ""
	}
	alt := ""
	for _, name := range []string{"desc", "title"} {
		if d := f.child(name); d != nil && alt == "" {
			alt = strings.TrimSpace(d.text())
		}
	}
	md := o.addPicture(strings.TrimPrefix(path.Clean("/"+href), "/"), alt)
	if md == "" {
		o.left(diag.Phrasef("pictures linked from elsewhere rather than held in the document"))
	}
	return md
}

// collapseSpace turns each run of white space into one space, as
// OpenDocument reads its text (text:s writes the spaces it keeps).
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
