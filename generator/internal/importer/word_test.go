package importer_test

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/importer"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// writeDocx writes a small Word document: a title, a heading, a list and
// two pictures, one described.
func writeDocx(t *testing.T, dir, name string) string {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	parts := map[string]string{
		"word/styles.xml":              `<w:styles ` + ns + `><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`,
		"word/numbering.xml":           `<w:numbering ` + ns + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="media/image1.png"/><Relationship Id="rId2" Target="media/image2.png"/></Relationships>`,
		"word/media/image1.png":        "\x89PNG\r\n\x1a\n one",
		"docProps/core.xml":            `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>Two photos that make customers curious.</dc:description><cp:keywords>photos, shop</cp:keywords></cp:coreProperties>`,
		"word/media/image2.png":        "\x89PNG\r\n\x1a\n two",
		"word/document.xml": `<w:document ` + ns + `><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Photos that sell</w:t></w:r></w:p>
<w:p><w:r><w:t>Two pictures do most of the work.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>What to bring</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Your phone</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>A clean counter</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="p" descr="A bakery counter in daylight"/><a:graphic><a:graphicData><a:blip r:embed="rId1"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="2" name="q"/><a:graphic><a:graphicData><a:blip r:embed="rId2"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>
</w:body></w:document>`,
	}
	return writeZip(t, filepath.Join(dir, name), parts)
}

// writeZip writes a zip of parts (name -> contents) at p and returns p.
func writeZip(t *testing.T, p string, parts map[string]string) string {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	for n, data := range parts {
		w, _ := z.Create(n)
		w.Write([]byte(data))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

const wordSite = `-- config.toml --
baseURL = "https://example.org/"
title = "Shop skills"
defaultLanguage = "en"
[languages.en]
name = "English"
[languages.de]
name = "Deutsch"
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/modules/shop-photos/index.md --
---
title: Shop photos
---
A module.
-- content/en/modules/shop-photos/01-light.md --
---
title: Light
weight: 1
---
Daylight.
-- content/en/modules/shop-photos/image1.png --
an older picture of another lesson
`

// TestImportWord: a Word document becomes a page bundle: its title, its
// text in Markdown, its pictures beside it; the site builds with it. A
// second import of a document of the same name is refused, and nothing
// that was there changes.
func TestImportWord(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	doc := writeDocx(t, t.TempDir(), "Photos that sell.docx")
	rep, err := importer.Word(importer.WordOptions{File: doc, Site: site, Section: "guides"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Page != "content/en/guides/photos-that-sell/index.md" || rep.Title != "Photos that sell" || rep.Pictures != 2 || rep.NoAlt != 1 ||
		len(rep.Left) != 1 || rep.Left[0].Error() != "comments" {
		t.Errorf("report: %+v", rep)
	}
	contains(t, site, "content/en/guides/photos-that-sell/index.md", "title: \"Photos that sell\"\nsummary: \"Two photos that make customers curious.\"\nkeywords: [\"photos\", \"shop\"]\n---\n", "Two pictures do most of the work.",
		"## What to bring", "- Your phone\n- A clean counter", "![A bakery counter in daylight](image1.png)", "![](image2.png)")
	if got := file(t, site, "content/en/guides/photos-that-sell/image1.png"); got != "\x89PNG\r\n\x1a\n one" {
		t.Errorf("picture: %q", got)
	}
	if st, _ := os.Stat(filepath.Join(site, "content/en/guides/photos-that-sell")); st == nil || st.Mode().Perm() != 0o755 {
		t.Errorf("the page's folder: %v", st)
	}
	res := sitetest.Build(t, site)
	if res.Site.PageAt("en/guides/photos-that-sell/") == nil {
		t.Error("the page is not built")
	}

	before := file(t, site, "content/en/guides/photos-that-sell/index.md")
	if _, err := importer.Word(importer.WordOptions{File: doc, Site: site, Section: "guides"}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second import: %v", err)
	}
	if file(t, site, "content/en/guides/photos-that-sell/index.md") != before {
		t.Error("the page changed")
	}
	for _, bad := range []importer.WordOptions{{File: doc, Site: site, Lang: "fr"}, {File: doc, Site: site, Section: "../../outside"}} {
		if _, err := importer.Word(bad); err == nil {
			t.Errorf("%+v: imported", bad)
		}
	}
	if rep, err := importer.Word(importer.WordOptions{File: doc, Site: site, Lang: "de"}); err != nil || rep.Page != "content/de/photos-that-sell/index.md" {
		t.Errorf("into German: %+v %v", rep, err)
	}
	entries, _ := os.ReadDir(filepath.Join(site, "content/en/guides"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".oersite-import") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestImportWordAsALesson: a Word document made a lesson lands where
// `oersite new lesson` would put it (the module's next number and weight),
// its pictures beside it under names no other file has (the Markdown
// follows); the module's other files stay as they were. A file name in
// another script or with accents gives an ASCII lesson name.
func TestImportWordAsALesson(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	doc := writeDocx(t, t.TempDir(), "Gute Fotos für den Laden.docx")
	rep, err := importer.Word(importer.WordOptions{File: doc, Site: site, Module: "shop-photos"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Page != "content/en/modules/shop-photos/02-gute-fotos-fur-den-laden.md" {
		t.Errorf("report: %+v", rep)
	}
	contains(t, site, rep.Page, "title: \"Photos that sell\"\nsummary: \"Two photos that make customers curious.\"\nkeywords: [\"photos\", \"shop\"]\nweight: 2\n", "![A bakery counter in daylight](image1-2.png)", "![](image2.png)")
	if file(t, site, "content/en/modules/shop-photos/image1.png") != "an older picture of another lesson\n" || file(t, site, "content/en/modules/shop-photos/image1-2.png") != "\x89PNG\r\n\x1a\n one" {
		t.Error("the pictures")
	}
	res := builds(t, site)
	if p := res.Site.PageAt("en/modules/shop-photos/02-gute-fotos-fur-den-laden/"); p == nil || p.Kind != "lesson" {
		t.Errorf("not a lesson of the module: %+v", p)
	}
	if _, err := importer.Word(importer.WordOptions{File: doc, Site: site, Module: "no-such-module"}); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("a module that is not there: %v", err)
	}
}

// TestImportOpenDocument: an OpenDocument text (LibreOffice's .odt) is
// imported as a Word document is.
func TestImportOpenDocument(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	p := filepath.Join(t.TempDir(), "Opening hours.odt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	const ns = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"`
	for _, part := range [][2]string{
		{"mimetype", "application/vnd.oasis.opendocument.text"},
		{"content.xml", `<office:document-content ` + ns + `><office:body><office:text><text:h text:outline-level="1">Opening hours</text:h><text:p>Keep them right everywhere.</text:p><text:h text:outline-level="1">Where</text:h><text:p>On the door.</text:p></office:text></office:body></office:document-content>`},
	} {
		w, _ := z.Create(part[0])
		w.Write([]byte(part[1]))
	}
	z.Close()
	f.Close()
	rep, err := importer.Word(importer.WordOptions{File: p, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, site, rep.Page, "title: \"Opening hours\"", "Keep them right everywhere.\n\n## Where\n\nOn the door.")
	if rep.Page != "content/en/opening-hours/index.md" {
		t.Errorf("page %s", rep.Page)
	}
	builds(t, site)
}
