package officedoc

import (
	"bytes"
	"strings"
	"testing"
)

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"`

// A lesson as LibreOffice saves it (.odt): named styles in styles.xml,
// automatic ones in content.xml, text mixed with its spans.
var odtLesson = map[string]string{
	"mimetype": "application/vnd.oasis.opendocument.text",
	"styles.xml": `<office:document-styles ` + odfNS + `><office:styles>
<style:style style:name="Title" style:display-name="Title" style:family="paragraph"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
<style:style style:name="Quotations" style:family="paragraph"/>
<style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" style:family="paragraph"/>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles></office:document-styles>`,
	"content.xml": `<office:document-content ` + odfNS + `><office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1"/>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1"/><text:list-level-style-number text:level="2" style:num-format="1"/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>
</office:automatic-styles><office:body><office:text>
<text:p text:style-name="Title">Répondre aux avis</text:p>
<text:p text:style-name="Standard">Un avis est une <text:span text:style-name="Strong_20_Emphasis">conversation</text:span>
  publique : lisez <text:a xlink:href="https://example.org/guide"><text:span text:style-name="T1">le guide</text:span></text:a>.<text:note text:note-class="footnote"><text:note-body><text:p>Note.</text:p></text:note-body></text:note></text:p>
<text:h text:style-name="P1" text:outline-level="1">Trois étapes</text:h>
<text:list text:style-name="L1"><text:list-item><text:p>Lire l’avis</text:p><text:list><text:list-item><text:p>deux<text:s text:c="2"/>fois</text:p></text:list-item></text:list></text:list-item>
<text:list-item><text:p>Répondre<text:line-break/>poliment</text:p></text:list-item></text:list>
<text:h text:outline-level="2">En pratique</text:h>
<text:list text:style-name="L2"><text:list-item><text:p>Ouvrez l’application</text:p></text:list-item><text:list-item><text:p>Touchez « Avis »</text:p></text:list-item></text:list>
<text:p><draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/1000.png"/><svg:desc>Un écran d’avis</svg:desc></draw:frame></text:p>
<text:p text:style-name="Quotations">Merci pour votre avis.</text:p>
<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Avis</text:p></table:table-cell><table:table-cell><text:p>Réponse</text:p></table:table-cell></table:table-row></table:table-header-rows>
<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Fin * _x_</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>
<text:p text:style-name="Preformatted_20_Text">ligne 1</text:p><text:p text:style-name="Preformatted_20_Text">ligne 2</text:p>
<text:p># pas un titre<office:annotation><text:p>un commentaire</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>`,
	"Pictures/1000.png": "\x89PNG\r\n\x1a\n odt",
	"meta.xml":          `<office:document-meta ` + odfNS + `><office:meta><dc:title>Ignored</dc:title><dc:description>Answering reviews.</dc:description><meta:keyword>avis</meta:keyword><meta:keyword>clients</meta:keyword></office:meta></office:document-meta>`,
}

func TestLessonFromOpenDocument(t *testing.T) {
	data := wordFile(t, odtLesson)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := `Un avis est une **conversation** publique : lisez [*le guide*](https://example.org/guide).[^1]

## Trois étapes

- Lire l’avis
  1. deux  fois
- Répondre\
  poliment

### En pratique

1. Ouvrez l’application
2. Touchez « Avis »

![Un écran d’avis](1000.png)

> Merci pour votre avis.

| Avis | Réponse |
| --- | --- |
| Fin \* \_x\_ |  |

    ligne 1
    ligne 2

\# pas un titre

[^1]: Note.
`

	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	var left []string
	for _, l := range d.Left {
		left = append(left, l.Error())
	}
	if d.Title != "Répondre aux avis" || d.Summary != "Answering reviews." || strings.Join(d.Keywords, ",") != "avis,clients" || strings.Join(left, ",") != "comments" {
		t.Errorf("title %q, summary %q, keywords %v, left out %v", d.Title, d.Summary, d.Keywords, left)
	}
	if len(d.Pictures) != 1 || d.Pictures[0].Name != "1000.png" || d.NoAlt != 0 {
		t.Errorf("pictures %+v, %d without description", d.Pictures, d.NoAlt)
	}
}

// FuzzReadODT: whatever content.xml holds, reading it ends without a panic.
func FuzzReadODT(f *testing.F) {
	f.Add(odtLesson["content.xml"])
	f.Add(`<office:document-content ` + odfNS + `><office:body><office:presentation><draw:page><draw:frame presentation:class="title"><draw:text-box><text:p>T</text:p></draw:text-box></draw:frame><draw:g><draw:frame><draw:text-box><text:list><text:list-item><text:p>x</text:p></text:list-item></text:list></draw:text-box></draw:frame></draw:g><presentation:notes><draw:frame><draw:text-box><text:p>n</text:p></draw:text-box></draw:frame></presentation:notes></draw:page></office:presentation></office:body></office:document-content>`)
	fuzzPart(f, odtLesson, "content.xml")
}

// TestSubtitleIsTheSummary: a paragraph in the Subtitle style right under
// the title (Word's, Google Docs', LibreOffice's) is the page's summary,
// before the document's properties; further down it is text.
func TestSubtitleIsTheSummary(t *testing.T) {
	word := wordFile(t, map[string]string{
		"word/styles.xml": `<w:styles ` + wNS + `><w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Subtitle"/></w:style></w:styles>`,
		"word/document.xml": `<w:document ` + wNS + `><w:body><w:p><w:pPr><w:pStyle w:val="Sub"/></w:pPr><w:r><w:t>Two photos that sell</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Text.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Sub"/></w:pPr><w:r><w:t>Later</w:t></w:r></w:p></w:body></w:document>`,
		"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:subject>Photos</dc:subject></cp:coreProperties>`,
	})
	odt := wordFile(t, map[string]string{
		"content.xml": `<office:document-content ` + odfNS + `><office:body><office:text><text:p text:style-name="Subtitle">Two photos that sell</text:p><text:p>Text.</text:p><text:p text:style-name="Subtitle">Later</text:p></office:text></office:body></office:document-content>`,
	})
	for name, data := range map[string][]byte{"docx": word, "odt": odt} {
		d, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		if d.Summary != "Two photos that sell" || string(d.Markdown) != "Text.\n\nLater\n" {
			t.Errorf("%s: summary %q, Markdown %q", name, d.Summary, d.Markdown)
		}
	}
}
