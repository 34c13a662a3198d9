package officedoc

import (
	"archive/zip"
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`

// wordFile writes a .docx holding the given parts.
func wordFile(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, data := range parts {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A lesson as a French Word saves it: the heading styles' ids are
// French (Titre1), their names English, as Word keeps them.
var lesson = map[string]string{
	"word/styles.xml": `<w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/><w:basedOn w:val="Titre1"/></w:style>
<w:style w:type="paragraph" w:styleId="MonIntertitre"><w:name w:val="Mon intertitre"/><w:basedOn w:val="Titre2"/></w:style>
<w:style w:type="paragraph" w:styleId="Citation"><w:name w:val="Quote"/></w:style>
<w:style w:type="paragraph" w:styleId="Paragraphedeliste"><w:name w:val="List Paragraph"/></w:style>
<w:style w:type="paragraph" w:styleId="HTMLprformat"><w:name w:val="HTML Preformatted"/></w:style>
<w:style w:type="character" w:styleId="Accentuation"><w:name w:val="Emphasis"/></w:style>
</w:styles>`,
	"word/numbering.xml": `<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`,
	"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a page" TargetMode="External"/>
<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/Image 1.PNG"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../etc/passwd"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/word/media/Image 1.PNG"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>`,
	"word/media/Image 1.PNG": "\x89PNG\r\n\x1a\n fake",
	"word/footnotes.xml": `<w:footnotes ` + wNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Source : le </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>guide</w:t></w:r><w:r><w:t>, 2025.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:p><w:r><w:t>Deuxième paragraphe.</w:t></w:r></w:p></w:footnote></w:footnotes>`,
	"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Not this one: the text has a title</dc:title><dc:subject>Reviews</dc:subject><dc:description>How to answer a review
kindly.</dc:description><cp:keywords>avis; clients,réponses</cp:keywords><dc:creator>Ana</dc:creator></cp:coreProperties>`,
	"word/document.xml": `<w:document ` + wNS + `><w:body>
<w:p><w:pPr><w:pStyle w:val="Titre"/></w:pPr><w:r><w:t>Répondre aux avis</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">Un avis est une </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>conversation</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> publique </w:t></w:r><w:r><w:t>: lisez </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:rPr><w:i/></w:rPr><w:t>le guide</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> (*vraiment*)</w:t></w:r><w:del><w:r><w:delText>supprimé</w:delText></w:r></w:del><w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Trois étapes</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Paragraphedeliste"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Lire l’avis</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>deux fois</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Répondre</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>poliment</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="MonIntertitre"/></w:pPr><w:r><w:t>En pratique</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Ouvrez l’application</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Touchez « Avis »</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Image 1" descr="Un écran d’avis, avec le bouton Répondre"/><a:graphic><a:graphicData><a:blip r:embed="rId6"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="2" name="Image 2"/><a:graphic><a:graphicData><a:blip r:embed="rId6"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="3" name="Escape"/><a:graphic><a:graphicData><a:blip r:embed="rId7"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="4" name="Root" descr="From the root"/><a:graphic><a:graphicData><a:blip r:embed="rId8"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Citation"/></w:pPr><w:r><w:t>Merci pour votre avis.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Avis</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Réponse</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1 étoile | froid</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Désolé</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>vraiment</w:t></w:r></w:p><w:p><w:r><w:t>Revenez</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Fin</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">Tapez </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Consolas"/></w:rPr><w:t>*#06#</w:t></w:r><w:ins><w:r><w:t xml:space="preserve"> puis </w:t></w:r></w:ins><w:r><w:rPr><w:rStyle w:val="Accentuation"/></w:rPr><w:t>appel</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="HTMLprformat"/></w:pPr><w:r><w:t>ligne 1</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="HTMLprformat"/></w:pPr><w:r><w:t>ligne 2</w:t></w:r></w:p>
<w:p><w:r><w:t># pas un titre</w:t></w:r></w:p>
<w:p><w:r><w:t>1. pas une liste</w:t></w:r></w:p>
<w:sectPr/>
</w:body></w:document>`,
}

func TestLessonFromWord(t *testing.T) {
	data := wordFile(t, lesson)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := `Un avis est une **conversation publique** : lisez [*le guide*](<https://example.org/a page>) (\*vraiment\*).[^1]

## Trois étapes

- Lire l’avis
  1. deux fois
- Répondre\
  poliment

### En pratique

1. Ouvrez l’application
2. Touchez « Avis »

![Un écran d’avis, avec le bouton Répondre](image-1.png)

![](image-1.png)

![From the root](image-1.png)

> Merci pour votre avis.

| Avis | Réponse |
| --- | --- |
| 1 étoile \| froid | Désolé vraiment Revenez |
| Fin |  |

Tapez ` + "`*#06#`" + ` puis *appel*.

    ligne 1
    ligne 2

\# pas un titre

1\. pas une liste

[^1]: Source : le *guide*, 2025.

    Deuxième paragraphe.
`
	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	if d.Summary != "How to answer a review kindly." || strings.Join(d.Keywords, "|") != "avis|clients|réponses" {
		t.Errorf("properties: summary %q, keywords %q", d.Summary, d.Keywords)
	}
	if d.Title != "Répondre aux avis" || d.NoAlt != 1 || len(d.Left) != 1 || !strings.Contains(d.Left[0].Error(), "linked from elsewhere") {
		t.Errorf("title %q, pictures without description %d, left out %v", d.Title, d.NoAlt, d.Left)
	}
	if len(d.Pictures) != 1 || d.Pictures[0].Name != "image-1.png" || string(d.Pictures[0].Data) != "\x89PNG\r\n\x1a\n fake" {
		t.Errorf("pictures: %+v", d.Pictures)
	}
}

// TestNotWord: a zip without a Word document, and a file that is no zip,
// are refused with what they are not.
func TestNotWord(t *testing.T) {
	for _, parts := range []map[string]string{{"content.xml": "<x/>"}, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": odtLesson["content.xml"]}} {
		data := wordFile(t, parts)
		if _, err := Read(bytes.NewReader(data), int64(len(data))); err != ErrNotWord {
			t.Errorf("a zip of something else: %v", err)
		}
	}
	if _, err := Read(bytes.NewReader([]byte("hello")), 5); err == nil || !strings.Contains(err.Error(), "not a Word document") {
		t.Errorf("not a zip: %v", err)
	}
}

// FuzzRead: whatever the document holds, reading it ends without a panic.
func FuzzRead(f *testing.F) {
	f.Add(lesson["word/document.xml"])
	f.Add(`<w:document ` + wNS + `><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`)
	f.Add(`<w:document ` + wNS + `><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>a</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:body></w:document>`)
	fuzzPart(f, lesson, "word/document.xml")
}

// fuzzPart reads documents that are parts with one of them, name, as the
// fuzzer writes it: reading ends, whatever it holds, without a panic.
func fuzzPart(f *testing.F, parts map[string]string, name string) {
	f.Fuzz(func(t *testing.T, part string) {
		doc := maps.Clone(parts)
		doc[name] = part
		data := wordFile(t, doc)
		_, _ = Read(bytes.NewReader(data), int64(len(data)))
	})
}

// TestRealDocuments: every .docx and .odt of a folder (OERSITE_DOCX_CORPUS, such as
// python-docx's test documents, saved by Word) reads without an error;
// -v prints each one's Markdown to look at.
func TestRealDocuments(t *testing.T) {
	dir := os.Getenv("OERSITE_DOCX_CORPUS")
	if dir == "" {
		t.Skip("OERSITE_DOCX_CORPUS not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	pptxs, _ := filepath.Glob(filepath.Join(dir, "*.pptx"))
	odps, _ := filepath.Glob(filepath.Join(dir, "*.odp"))
	pptxs = append(pptxs, odps...)
	files = append(files, pptxs...)
	odts, _ := filepath.Glob(filepath.Join(dir, "*.odt"))
	files = append(files, odts...)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		t.Logf("== %s: title %q, %d pictures (%d without description), left out %v\n%s", filepath.Base(f), d.Title, len(d.Pictures), d.NoAlt, d.Left, d.Markdown)
	}
	t.Logf("%d documents", len(files))
}
