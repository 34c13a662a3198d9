package officedoc

import (
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// presentation writes an OpenDocument presentation (LibreOffice Impress's
// .odp) as readPPTX writes slides: the first slide's title and subtitle
// are the page's, every other slide a section under its title with its
// text, lists, pictures and tables, its notes notes for tutors.
func (o *odtConverter) presentation(pres *node) {
	for i, page := range pres.kidsNamed("page") {
		if i >= maxSlides {
			break
		}
		if o.hiddenPages[page.attr["style-name"]] {
			o.left(diag.Phrasef("hidden slides"))
			continue
		}
		o.endList()
		o.mark(page.attr["name"]) // a link to this slide ("#Slide 3") lands on its title
		before := o.out.Len()
		shapes := pageShapes(page, 0)
		for _, f := range shapes {
			if f.attr["class"] == "title" {
				if title := o.frameLines(f); title != "" {
					o.heading(1, strings.ReplaceAll(title, "\n", " ")) // on the first slide: the page's title
				}
				break
			}
		}
		for _, f := range shapes {
			o.pageShape(f, i == 0)
		}
		o.endList()
		o.settleAfter(before)
		if notes := page.child("notes"); notes != nil {
			o.slideNotes(notes)
		}
	}
}

// pageShapes lists a slide's frames and shapes in their order, those of
// groups in their place.
func pageShapes(page *node, depth int) []*node {
	if depth > 16 {
		return nil
	}
	var out []*node
	for _, k := range page.kids {
		switch k.name {
		case "frame", "custom-shape", "rect", "ellipse":
			out = append(out, k)
		case "g":
			out = append(out, pageShapes(k, depth+1)...)
		}
	}
	return out
}

// pageShape writes one frame or shape of a slide.
func (o *odtConverter) pageShape(f *node, first bool) {
	switch f.attr["class"] {
	case "title", "date-time", "footer", "header", "page-number", "page":
		return
	case "subtitle":
		if text := o.frameLines(f); first && text != "" && o.doc.Summary == "" && o.out.Len() == 0 {
			o.doc.Summary = plain(text)
			return
		}
	}
	if tbl := f.child("table"); tbl != nil {
		o.endList()
		o.table(tbl)
		return
	}
	if box := f.child("text-box"); box != nil {
		o.blocks(box.kids, 1)
		return
	}
	if f.child("image") != nil || f.child("object") != nil || f.child("object-ole") != nil {
		if md := o.frame(f); md != "" {
			o.endList()
			o.block(md)
		}
		return
	}
	o.blocks(f.kids, 1) // a shape's own text
}

// frameLines is a frame's text, its paragraphs on lines of their own,
// without formatting (a title).
func (o *odtConverter) frameLines(f *node) string {
	box := f.child("text-box")
	if box == nil {
		box = f
	}
	var lines []string
	for _, p := range box.kids {
		if p.name == "p" || p.name == "h" {
			if t := strings.TrimSpace(o.text(p, true)); t != "" {
				lines = append(lines, t)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// slideNotes writes a slide's notes as notes for tutors.
func (o *odtConverter) slideNotes(notes *node) {
	var lines []string
	for _, f := range notes.kidsNamed("frame") {
		box := f.child("text-box")
		if box == nil || (f.attr["class"] != "" && f.attr["class"] != "notes") {
			continue
		}
		for _, p := range box.kids {
			if p.name == "p" || p.name == "h" {
				if line := strings.TrimSpace(o.text(p, false)); line != "" {
					lines = append(lines, startEscaped(hardBreaks(line)))
				}
			}
		}
	}
	o.tutorNotes(lines)
}
