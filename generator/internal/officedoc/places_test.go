package officedoc

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown"
)

// anchorsResolve renders md as a page does and fails when a link to a
// place on the page names an id no heading has.
func anchorsResolve(t *testing.T, md []byte) {
	t.Helper()
	res := markdown.New(markdown.Options{}).Render(markdown.Doc{File: "imported.md", Source: md})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	for _, m := range regexp.MustCompile(`href="#([^"]*)"`).FindAllStringSubmatch(string(res.HTML), -1) {
		id, err := url.PathUnescape(m[1])
		if err != nil {
			t.Errorf("a link to #%s: %v", m[1], err)
		}
		if !slices.Contains(ids, id) && !strings.HasPrefix(id, "fn") {
			t.Errorf("a link goes to #%s, which no heading is (ids %q)", m[1], ids)
		}
	}
}

// Word's links to a place in the document (to a bookmark, a heading's
// bookmark, a cross-reference with \h, HYPERLINK \l), written before or
// after their place, go to the heading of the section that holds it, by
// the id the page gives that heading (the second "Prices" is "prices-1");
// a place before every heading keeps its text, named once.
func TestWordLinksToPlaces(t *testing.T) {
	run := func(inner string) string { return `<w:r>` + inner + `</w:r>` }
	text := func(s string) string { return run(`<w:t xml:space="preserve">` + s + `</w:t>`) }
	field := func(instr, shown string) string {
		return run(`<w:fldChar w:fldCharType="begin"/>`) + run(`<w:instrText xml:space="preserve">`+instr+`</w:instrText>`) +
			run(`<w:fldChar w:fldCharType="separate"/>`) + text(shown) + run(`<w:fldChar w:fldCharType="end"/>`)
	}
	heading := func(marks, s string) string {
		return `<w:p><w:pPr><w:pStyle w:val="Titre2"/></w:pPr>` + marks + text(s) + `</w:p>`
	}
	body := `<w:p><w:bookmarkStart w:id="0" w:name="intro"/>` + text("See ") +
		`<w:hyperlink w:anchor="_Toc5">` + text("the prices") + `</w:hyperlink>` + text(", ") + field(` REF _Ref7 \h `, "Table 1") +
		text(", ") + field(` HYPERLINK \l "second" `, "the other prices") + text(" and ") +
		`<w:hyperlink w:anchor="intro" w:history="1">` + text("the start") + `</w:hyperlink>` + text(". ") + field(` REF _Ref7 `, "Table 1") + `</w:p>` +
		heading(`<w:bookmarkStart w:id="1" w:name="_Toc5"/><w:bookmarkEnd w:id="1"/>`, "Prices") + para("Ten euros.") +
		heading("", "Opening hours") + `<w:p>` + text("The shop opens at nine.") + `</w:p>` +
		`<w:p><w:bookmarkStart w:id="2" w:name="_Ref7"/>` + text("Table 1: hours") + `<w:bookmarkEnd w:id="2"/></w:p>` +
		`<w:bookmarkStart w:id="3" w:name="second"/>` + heading("", "Prices") + para("For groups.")
	d := wordBody(t, body, lesson["word/numbering.xml"])
	want := "See [the prices](#prices), [Table 1](#opening-hours), [the other prices](#prices-1) and the start. Table 1\n\n" +
		"## Prices\n\nTen euros.\n\n## Opening hours\n\nThe shop opens at nine.\n\nTable 1: hours\n\n## Prices\n\nFor groups.\n"
	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	if len(d.Left) != 1 || d.Left[0].Error() != "links to places in the document that are not under a heading (their words stay)" {
		t.Errorf("left out: %v", d.Left)
	}
	anchorsResolve(t, d.Markdown)
}

// LibreOffice's links to a heading ("#Prices|outline", with or without its
// number, escaped or not), to a bookmark, and its cross-references
// (bookmark-ref) go to the heading's section; the page's title is no
// heading.
func TestOpenDocumentLinksToPlaces(t *testing.T) {
	body := `<text:h text:outline-level="1">Good photos</text:h>` +
		`<text:p>See <text:a xlink:href="#Prices%7Coutline">prices</text:a>, <text:a xlink:href="#2.Prices|outline">again</text:a>, ` +
		`<text:a xlink:href="#hours">hours</text:a> and <text:bookmark-ref text:reference-format="text" text:ref-name="hours">Opening</text:bookmark-ref>.</text:p>` +
		`<text:h text:outline-level="2"><text:bookmark-start text:name="__RefHeading___Toc1"/>Prices<text:bookmark-end text:name="__RefHeading___Toc1"/></text:h>` +
		`<text:p>Ten euros, <text:a xlink:href="#__RefHeading___Toc1">here</text:a>.</text:p>` +
		`<text:h text:outline-level="2">Opening</text:h><text:p><text:bookmark text:name="hours"/>From nine.</text:p>`
	parts := map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": odtContent(body)}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "See [prices](#prices), [again](#prices), [hours](#opening) and [Opening](#opening).\n\n## Prices\n\nTen euros, [here](#prices).\n\n## Opening\n\nFrom nine.\n"
	if d.Title != "Good photos" || string(d.Markdown) != want || len(d.Left) != 0 {
		t.Errorf("title %q, Markdown:\n%s\nwant:\n%s\nleft out: %v", d.Title, d.Markdown, want, d.Left)
	}
	anchorsResolve(t, d.Markdown)
}

// A slide's link to another slide (PowerPoint's "Place in This Document")
// goes to that slide's section; to the title slide, a hidden slide, or
// PowerPoint's "next slide" it keeps its text.
func TestSlideLinksToSlides(t *testing.T) {
	parts := presentation()
	jump := func(id, action, s string) string {
		return `<a:r><a:rPr><a:hlinkClick r:id="` + id + `" action="` + action + `"/></a:rPr><a:t>` + s + `</a:t></a:r>`
	}
	parts["ppt/slides/slide1.xml"] = slideXML("", textShape("title", slidePara("", "Light is everything")),
		textShape("", `<a:p>`+jump("rId8", "ppaction://hlinksldjump", "Compare")+`<a:r><a:t xml:space="preserve">, </a:t></a:r>`+
			jump("rId9", "ppaction://hlinksldjump", "back")+`<a:r><a:t xml:space="preserve">, </a:t></a:r>`+jump("", "ppaction://hlinkshowjump?jump=nextslide", "next")+`</a:p>`))
	parts["ppt/slides/_rels/slide1.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId8" Type="` + rel + `slide" Target="slide4.xml"/><Relationship Id="rId9" Type="` + rel + `slide" Target="slide2.xml"/></Relationships>`
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Markdown), "\n\n[Compare](#before-and-after), back, next\n\n## Before and after") {
		t.Errorf("Markdown:\n%s", d.Markdown)
	}
	anchorsResolve(t, d.Markdown)
}

// A text box in a table's cell comes right after the table (it came after
// the next paragraph), in Word and LibreOffice.
func TestTextBoxInATableCell(t *testing.T) {
	box := `<w:r><w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 5"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Tip: ask first.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`
	row := func(a, b string) string {
		return `<w:tr><w:tc><w:p><w:r><w:t>` + a + `</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>` + b + `</w:t></w:r>` + `</w:p></w:tc></w:tr>`
	}
	body := `<w:tbl>` + row("Day", "Post") + strings.Replace(row("Monday", "A photo"), `</w:r></w:p></w:tc></w:tr>`, `</w:r>`+box+`</w:p></w:tc></w:tr>`, 1) + `</w:tbl>` + para("After the table.")
	d := wordBody(t, body, lesson["word/numbering.xml"])
	want := "| Day | Post |\n| --- | --- |\n| Monday | A photo |\n\nTip: ask first.\n\nAfter the table.\n"
	if string(d.Markdown) != want {
		t.Errorf("Word, Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	odt := `<table:table><table:table-row><table:table-cell><text:p>Day</text:p></table:table-cell><table:table-cell><text:p>Post</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell><text:p>Monday</text:p></table:table-cell><table:table-cell><text:p>A photo<draw:frame draw:name="Tip"><draw:text-box><text:p>Tip: ask first.</text:p></draw:text-box></draw:frame></text:p></table:table-cell></table:table-row></table:table>` +
		`<text:p>After the table.</text:p>`
	data := wordFile(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": odtContent(odt)})
	od, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if string(od.Markdown) != want {
		t.Errorf("OpenDocument, Markdown:\n%s\nwant:\n%s", od.Markdown, want)
	}
}
