package officedoc

import (
	"bytes"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown"
)

// Raised and lowered text keeps its place: digits and signs as their
// Unicode characters (square metres, CO₂, a note's number typed by hand),
// merged with the text around them; other text in <sup> and <sub>, outside
// its emphasis; in a heading, plain text. Word sets it on a run or in a
// character style, LibreOffice as a text position ("super 58%",
// "-33% 58%"), PowerPoint as a baseline.
func TestSuperscriptAndSubscript(t *testing.T) {
	run := func(rPr, s string) string {
		return `<w:r><w:rPr>` + rPr + `</w:rPr><w:t xml:space="preserve">` + s + `</w:t></w:r>`
	}
	sup, sub := `<w:vertAlign w:val="superscript"/>`, `<w:vertAlign w:val="subscript"/>`
	body := `<w:p>` + run("", "A room of 12 m") + run(sup, "2") + run("", ", the 1") + run(sup, "st") + run("", " floor, less CO") + run(sub, "2") +
		run("", " and ") + run(`<w:i/>`, "R") + run(`<w:i/>`+sup, "j") + run(`<w:i/>`+sub, "i") + run("", ".") + run(`<w:rStyle w:val="Raised"/>`, "(3)") + `</w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Titre2"/></w:pPr>` + run("", "The 2") + run(sup, "nd") + run("", " floor") + `</w:p>`
	parts := map[string]string{
		"word/styles.xml":   strings.Replace(lesson["word/styles.xml"], "</w:styles>", `<w:style w:type="character" w:styleId="Raised"><w:name w:val="Raised"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>`, 1),
		"word/document.xml": `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "A room of 12 m², the 1<sup>st</sup> floor, less CO₂ and *R*<sup>*j*</sup><sub>*i*</sub>.⁽³⁾\n\n## The 2nd floor\n"
	if string(d.Markdown) != want {
		t.Errorf("Word, Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	html := string(markdown.New(markdown.Options{}).Render(markdown.Doc{File: "x.md", Source: d.Markdown}).HTML)
	if !strings.Contains(html, "the 1<sup>st</sup> floor") || !strings.Contains(html, "<em>R</em><sup><em>j</em></sup><sub><em>i</em></sub>") {
		t.Errorf("Word, HTML:\n%s", html)
	}

	odt := `<text:p>12 m<text:span text:style-name="T1">2</text:span>, CO<text:span text:style-name="T2">2</text:span>, 1<text:span text:style-name="T3">er</text:span> étage</text:p>`
	content := strings.Replace(odtContent(odt), `<office:automatic-styles>`, `<office:automatic-styles>`+
		`<style:style style:name="T1" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>`+
		`<style:style style:name="T2" style:family="text"><style:text-properties style:text-position="-33% 58%"/></style:style>`+
		`<style:style style:name="T3" style:family="text"><style:text-properties style:text-position="33% 58%"/></style:style>`, 1)
	data = wordFile(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})
	if d, err = Read(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if want := "12 m², CO₂, 1<sup>er</sup> étage\n"; string(d.Markdown) != want {
		t.Errorf("OpenDocument, Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}

	slides := presentation()
	slides["ppt/slides/slide1.xml"] = slideXML("", textShape("title", slidePara("", "Light is everything")),
		textShape("", `<a:p><a:r><a:t>Shelves of 2 m</a:t></a:r><a:r><a:rPr baseline="30000"/><a:t>2</a:t></a:r><a:r><a:rPr baseline="-25000"/><a:t>x</a:t></a:r></a:p>`))
	data = wordFile(t, slides)
	if d, err = Read(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Markdown), "\n\nShelves of 2 m²<sub>x</sub>\n\n") {
		t.Errorf("slides, Markdown:\n%s", d.Markdown)
	}
}

// Highlighted text (Word's text highlight colour, a background colour on
// LibreOffice's characters, PowerPoint's highlight) is <mark>ed, outside
// its emphasis; a heading's highlight is not kept.
func TestHighlightIsMarked(t *testing.T) {
	run := func(rPr, s string) string {
		return `<w:r><w:rPr>` + rPr + `</w:rPr><w:t xml:space="preserve">` + s + `</w:t></w:r>`
	}
	body := `<w:p>` + run("", "Never share ") + run(`<w:b/><w:highlight w:val="yellow"/>`, "your PIN") + run(`<w:highlight w:val="none"/>`, " with anyone.") + `</w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Titre2"/></w:pPr>` + run(`<w:highlight w:val="green"/>`, "Safety") + `</w:p>`
	d := wordBody(t, body, lesson["word/numbering.xml"])
	if want := "Never share <mark>**your PIN**</mark> with anyone.\n\n## Safety\n"; string(d.Markdown) != want {
		t.Errorf("Word, Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	html := string(markdown.New(markdown.Options{}).Render(markdown.Doc{File: "x.md", Source: d.Markdown}).HTML)
	if !strings.Contains(html, "Never share <mark><strong>your PIN</strong></mark> with anyone.") {
		t.Errorf("Word, HTML:\n%s", html)
	}

	odt := `<text:p>Never share <text:span text:style-name="T1">your PIN</text:span>.</text:p><text:p text:style-name="P1">A grey paragraph.</text:p>`
	content := strings.Replace(odtContent(odt), `<office:automatic-styles>`, `<office:automatic-styles>`+
		`<style:style style:name="T1" style:family="text"><style:text-properties fo:background-color="#ffff00"/></style:style>`+
		`<style:style style:name="P1" style:family="paragraph"><style:text-properties fo:background-color="#dddddd"/></style:style>`, 1)
	data := wordFile(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})
	if d, err := Read(bytes.NewReader(data), int64(len(data))); err != nil || string(d.Markdown) != "Never share <mark>your PIN</mark>.\n\nA grey paragraph.\n" {
		t.Errorf("OpenDocument, Markdown:\n%s (%v)", d.Markdown, err)
	}

	slides := presentation()
	slides["ppt/slides/slide1.xml"] = slideXML("", textShape("title", slidePara("", "Light is everything")),
		textShape("", `<a:p><a:r><a:t xml:space="preserve">Never </a:t></a:r><a:r><a:rPr><a:highlight><a:srgbClr val="FFFF00"/></a:highlight></a:rPr><a:t>flash</a:t></a:r></a:p>`))
	data = wordFile(t, slides)
	if d, err := Read(bytes.NewReader(data), int64(len(data))); err != nil || !strings.Contains(string(d.Markdown), "\n\nNever <mark>flash</mark>\n\n") {
		t.Errorf("slides, Markdown:\n%s (%v)", d.Markdown, err)
	}
}
