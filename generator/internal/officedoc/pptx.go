package officedoc

import (
	"path"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// maxSlides is how many slides a presentation may have.
const maxSlides = 2000

// relation is one relationship of a part: its type (the last word of the
// type's address: "slide", "image", "notesSlide") and its target.
type relation struct{ kind, target string }

// useRelations reads the relationships of the part about to be read and
// makes them the ones links and pictures resolve through (c.rels).
func (c *converter) useRelations(part string) (map[string]relation, error) {
	rels, err := c.relations(part)
	c.rels = map[string]string{}
	for id, r := range rels {
		c.rels[id] = r.target
	}
	return rels, err
}

// relations reads the relationships of a part, by id.
func (c *converter) relations(part string) (map[string]relation, error) {
	out := map[string]relation{}
	t, err := c.pack.tree(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"))
	if err != nil || t == nil {
		return out, err
	}
	for _, r := range t.find("Relationships").kidsNamed("Relationship") {
		out[r.attr["Id"]] = relation{kind: path.Base(r.attr["Type"]), target: r.attr["Target"]}
	}
	return out, nil
}

// readPPTX reads a PowerPoint presentation (.pptx, as PowerPoint,
// LibreOffice Impress and Google Slides save it) at part: the first
// slide's title is the page's title and its subtitle the summary; every
// other slide is a section under its title, with its text as paragraphs
// and lists, its pictures and tables; its speaker notes are notes for
// tutors. Hidden slides, charts and other embedded objects are named in
// Left.
func readPPTX(p *pack, part string) (*Document, error) {
	pres, err := p.tree(part)
	if err != nil {
		return nil, err
	}
	c := &converter{pack: p, part: part, seen: map[string]bool{}, pictureNames: map[string]string{}, rels: map[string]string{}}
	rels, err := c.relations(part)
	if err != nil {
		return nil, err
	}
	var slides []string
	seen := map[string]bool{}
	for _, id := range pres.find("sldIdLst").kidsNamed("sldId") {
		if r, ok := rels[id.attr["r:id"]]; ok && r.kind == "slide" && len(slides) < maxSlides && !seen[c.partAt(r.target)] {
			seen[c.partAt(r.target)] = true // a slide listed twice (a hostile file) is read once
			slides = append(slides, c.partAt(r.target))
		}
	}
	for i, s := range slides {
		if err := c.slide(s, i == 0); err != nil {
			return nil, err
		}
	}
	d := c.finish()
	if core, _ := p.tree("docProps/core.xml"); core != nil {
		d.properties(core)
	}
	return d, c.err
}

// slide writes one slide: its title, its shapes in their order, its notes.
func (c *converter) slide(part string, first bool) error {
	t, err := c.pack.tree(part)
	if err != nil || t == nil {
		return err
	}
	if sld := t.find("sld"); sld != nil && sld.attr["show"] == "0" {
		c.left(diag.Phrasef("hidden slides"))
		return nil
	}
	c.part = part
	rels, err := c.useRelations(part)
	if err != nil {
		return err
	}
	notes := ""
	for _, r := range rels {
		if r.kind == "notesSlide" {
			notes = c.partAt(r.target)
		}
	}
	c.endList()
	c.mark(slidePlace(part)) // a jump to this slide lands on its title
	before := c.out.Len()
	shapes := slideShapes(t.find("spTree"), 0)
	for _, s := range shapes {
		if s.name == "sp" && placeholder(s) == "title" {
			if title := strings.TrimSpace(c.shapeLines(s)); title != "" {
				c.heading(1, strings.ReplaceAll(title, "\n", " ")) // on the first slide: the page's title
			}
			break
		}
	}
	for _, s := range shapes {
		c.shape(s, first)
	}
	c.endList()
	c.settleAfter(before)
	if notes != "" {
		return c.speakerNotes(notes)
	}
	return nil
}

// slideShapes lists a slide's shapes in their order, those of groups in
// their place.
func slideShapes(tree *node, depth int) []*node {
	if tree == nil || depth > 16 {
		return nil
	}
	var out []*node
	for _, k := range alternatives(tree.kids) {
		switch k.name {
		case "sp", "pic", "graphicFrame":
			out = append(out, k)
		case "grpSp":
			out = append(out, slideShapes(k, depth+1)...)
		}
	}
	return out
}

// placeholder is what a placeholder shape holds: "title" (a slide's or
// the title slide's title), "subtitle", "body" (the slide's text, in
// bullets unless said otherwise), "other" (a date, a number, a footer),
// or "" for a shape that is no placeholder.
func placeholder(s *node) string {
	nv := s.find("nvPr")
	if nv == nil {
		return ""
	}
	ph := nv.child("ph")
	if ph == nil {
		return ""
	}
	switch ph.attr["type"] {
	case "title", "ctrTitle":
		return "title"
	case "subTitle":
		return "subtitle"
	case "", "body", "obj":
		return "body"
	}
	return "other"
}

// shape writes one shape: a text box or placeholder's paragraphs, a
// picture, a table; a chart or another object is named in Left.
func (c *converter) shape(s *node, first bool) {
	switch s.name {
	case "pic":
		if md := c.slidePicture(s); md != "" {
			c.endList()
			c.block(md)
		}
	case "graphicFrame":
		switch tbl, ids := s.find("tbl"), s.find("relIds"); {
		case tbl != nil:
			c.endList()
			c.slideTable(tbl)
		case ids != nil:
			c.writeDiagram(ids)
		default:
			c.left(diag.Phrasef("embedded objects (formulas, charts)"))
		}
	case "sp":
		switch placeholder(s) {
		case "title", "other":
			return
		case "subtitle":
			if text := strings.TrimSpace(c.shapeLines(s)); first && text != "" && c.doc.Summary == "" && c.out.Len() == 0 {
				c.doc.Summary = plain(text)
				return
			}
			c.textBody(s.child("txBody"), false)
		case "body":
			c.textBody(s.child("txBody"), true)
		default:
			c.textBody(s.child("txBody"), false)
		}
	}
}

// textBody writes a shape's paragraphs: as list items where they have a
// bullet or a number (a content placeholder's paragraphs have one unless
// said otherwise, when there are several), else as paragraphs.
func (c *converter) textBody(tx *node, bulleted bool) {
	if tx == nil {
		return
	}
	paras := tx.kidsNamed("p")
	var texts []string
	for _, p := range paras {
		texts = append(texts, strings.TrimSpace(c.runsText(c.slideRuns(p), false)))
	}
	if nonEmpty(texts) < 2 {
		bulleted = false // one line of text: a sentence, not a list
	}
	c.endList()
	k := &counter{}
	for i, p := range paras {
		if texts[i] == "" {
			continue
		}
		level, f, listed := paragraphBullet(p.child("pPr"), bulleted)
		if !listed {
			c.endList()
			c.block(startEscaped(texts[i]))
			continue
		}
		c.listItem(level, marker(f, k.next(level)), texts[i])
	}
	c.endList()
}

func nonEmpty(s []string) int {
	n := 0
	for _, x := range s {
		if x != "" {
			n++
		}
	}
	return n
}

// paragraphBullet reads how a paragraph of a slide is marked: its level,
// numbered or bulleted (a check box for a ☐ bullet), and whether it is a
// list item at all.
func paragraphBullet(pp *node, bulleted bool) (level int, f levelFormat, listed bool) {
	if pp == nil {
		return 0, levelFormat{}, bulleted
	}
	level, _ = strconv.Atoi(pp.attr["lvl"])
	level = max(0, min(level, maxLevels-1))
	switch {
	case pp.child("buNone") != nil:
		return level, f, false
	case pp.child("buAutoNum") != nil:
		return level, levelFormat{ordered: true, start: startValue(firstNonEmpty(pp.child("buAutoNum").attr["startAt"], "1"))}, true
	case pp.child("buChar") != nil:
		return level, levelFormat{task: checkBox(pp.child("buChar").attr["char"])}, true
	}
	return level, f, bulleted
}

// slideRuns gathers a slide paragraph's runs: text with bold, italic,
// struck through and links; line breaks; fields (a date, a slide number)
// as they show.
func (c *converter) slideRuns(p *node) []run {
	var runs []run
	for _, k := range p.kids {
		switch k.name {
		case "r", "fld":
			r := run{}
			if rp := k.child("rPr"); rp != nil {
				r.bold, r.italic = rp.attr["b"] == "1" || rp.attr["b"] == "true", rp.attr["i"] == "1" || rp.attr["i"] == "true"
				r.strike = rp.attr["strike"] != "" && rp.attr["strike"] != "noStrike"
				r.marked = rp.child("highlight") != nil
				if b, err := strconv.Atoi(rp.attr["baseline"]); err == nil && b != 0 {
					r.shift = max(-1, min(1, b)) // thousandths of a percent of the line: above it or below
				}
				if h := rp.child("hlinkClick"); h != nil && h.attr["r:id"] != "" {
					r.link = c.slideLink(h)
				}
			}
			if t := k.child("t"); t != nil {
				r.text = t.chars
				runs = append(runs, r)
			}
		case "br":
			runs = append(runs, run{text: "\n"})
		}
	}
	return runs
}

// slideLink is where a link on a slide goes: a site or document, or
// (PowerPoint's "Place in This Document") another slide; PowerPoint's
// other actions (the next slide, a program to start) are no link on a page.
func (c *converter) slideLink(h *node) string {
	target := c.rels[h.attr["r:id"]]
	switch action := h.attr["action"]; {
	case strings.HasPrefix(action, "ppaction://hlinksldjump"):
		return placeLink(slidePlace(c.partAt(target)))
	case strings.HasPrefix(action, "ppaction://"):
		return ""
	}
	return target
}

// slidePlace is the name of a slide's place: its part.
func slidePlace(part string) string { return "slide:" + part }

// shapeLines is a shape's text, its paragraphs on lines of their own,
// without formatting (a title).
func (c *converter) shapeLines(s *node) string {
	tx := s.child("txBody")
	if tx == nil {
		return ""
	}
	var lines []string
	for _, p := range tx.kidsNamed("p") {
		if t := strings.TrimSpace(c.runsText(c.slideRuns(p), true)); t != "" {
			lines = append(lines, t)
		}
	}
	return strings.Join(lines, "\n")
}

// slidePicture writes a picture of a slide with its description.
func (c *converter) slidePicture(s *node) string {
	blip := s.find("blip")
	if blip == nil {
		return ""
	}
	alt := ""
	if pr := s.find("cNvPr"); pr != nil {
		alt = strings.TrimSpace(firstNonEmpty(pr.attr["descr"], pr.attr["title"]))
	}
	return c.embeddedPicture(blip.attr["r:embed"], alt)
}

// slideTable writes a table of a slide.
func (c *converter) slideTable(tbl *node) {
	c.writeTable(tableRows(tbl, func(tc *node) (string, int) {
		var parts []string
		if tx := tc.child("txBody"); tx != nil {
			for _, p := range tx.kidsNamed("p") {
				parts = append(parts, c.runsText(c.slideRuns(p), false))
			}
		}
		if tc.attr["hMerge"] == "1" || tc.attr["hMerge"] == "true" {
			return "", -1 // covered by the cell before it, which spans it
		}
		span, _ := strconv.Atoi(tc.attr["gridSpan"])
		return cellLine(parts), span
	}))
}

// speakerNotes writes a slide's notes (the notes page's text placeholder)
// as notes for tutors: what the presenter says, folded on the page.
func (c *converter) speakerNotes(part string) error {
	t, err := c.pack.tree(part)
	if err != nil || t == nil {
		return err
	}
	if _, err := c.useRelations(part); err != nil {
		return err
	}
	var lines []string
	for _, s := range slideShapes(t.find("spTree"), 0) {
		if ph := placeholder(s); s.name != "sp" || (ph != "body" && ph != "") {
			continue // the slide's picture, its number, a header or a footer
		}
		if tx := s.child("txBody"); tx != nil {
			for _, p := range tx.kidsNamed("p") {
				if line := strings.TrimSpace(c.runsText(c.slideRuns(p), false)); line != "" {
					lines = append(lines, startEscaped(hardBreaks(line)))
				}
			}
		}
	}
	c.tutorNotes(lines)
	return nil
}

// tutorNotes writes a slide's notes, one line a paragraph, as notes for
// tutors (the presenter's words, folded on the page); nothing for none.
func (c *converter) tutorNotes(lines []string) {
	if len(lines) > 0 {
		c.endList()
		c.block(":::tutor\n" + strings.Join(lines, "\n\n") + "\n:::")
	}
}
