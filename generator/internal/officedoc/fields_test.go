package officedoc

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// wordBody reads a document whose body is body, with the lesson's styles,
// lists and relationships.
func wordBody(t *testing.T, body string, numbering string) *Document {
	t.Helper()
	parts := map[string]string{
		"word/styles.xml":              strings.Replace(lesson["word/styles.xml"], "</w:styles>", `<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Titre1"/></w:style></w:styles>`, 1),
		"word/_rels/document.xml.rels": lesson["word/_rels/document.xml.rels"],
		"word/media/Image 1.PNG":       lesson["word/media/Image 1.PNG"],
		"word/numbering.xml":           numbering,
		"word/document.xml":            `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func item(numID, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func para(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

// A numbered list that a paragraph or a picture interrupts goes on with the
// numbers Word shows; "Restart numbering" (a numId with a startOverride)
// starts again; a list may start at another number.
func TestWordListNumbersGoOn(t *testing.T) {
	numbering := `<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="7"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`
	d := wordBody(t, item("1", "Open the app")+item("1", "Tap Reviews")+para("You see this screen.")+
		item("1", "Tap Reply")+item("2", "Write")+para("Then, for the next review:")+
		item("3", "Open it")+item("3", "Read it twice")+item("4", "Seventh"), numbering)
	want := "1. Open the app\n2. Tap Reviews\n\nYou see this screen.\n\n3. Tap Reply\n4. Write\n\nThen, for the next review:\n\n1. Open it\n2. Read it twice\n\n7) Seventh\n"
	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	var html bytes.Buffer
	if err := goldmark.Convert(d.Markdown, &html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), `<ol start="3">`) || !strings.Contains(html.String(), `<ol start="7">`) {
		t.Errorf("the lists do not go on in HTML:\n%s", html.String())
	}
}

// A link written as a field (HYPERLINK, as Word writes it when a link is
// pasted or made by another program) keeps its address; a link to a place
// in the document no heading holds keeps its text, one to a place in another page its
// address and place; a picture inside a link stays in it; the
// table of contents and its heading are left out, and named; a table of
// one column is a box around paragraphs.
func TestWordFields(t *testing.T) {
	run := func(inner string) string { return `<w:r>` + inner + `</w:r>` }
	begin, sep, end := run(`<w:fldChar w:fldCharType="begin"/>`), run(`<w:fldChar w:fldCharType="separate"/>`), run(`<w:fldChar w:fldCharType="end"/>`)
	instr := func(s string) string { return run(`<w:instrText xml:space="preserve">` + s + `</w:instrText>`) }
	text := func(s string) string { return run(`<w:t xml:space="preserve">` + s + `</w:t>`) }
	body := `<w:p>` + text("Read ") + begin + instr(` HYPERLINK "https://example.org/guide" \o "the guide" `) + sep + text("the guide") + end + text(" and ") +
		begin + instr(` HYPERLINK \l "_Toc1" `) + sep + text("the summary") + end + text(", ") +
		begin + instr(` HYPERLINK "https://example.org/guide" \l "step-2" `) + sep + text("step 2") + end + text(".") + `</w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A box:</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>its text</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/simple&quot; "><w:r><w:t>simple</w:t></w:r></w:fldSimple></w:p>` +
		`<w:p>` + begin + instr(`TOC \o "1-3" \h`) + sep + text("Introduction 3") + `</w:p>` + para("Practice 5") + `<w:p>` + end + text("After the contents.") + `</w:p>` +
		`<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>` + para("Contents") + `</w:sdtContent></w:sdt>` +
		`<w:p><w:hyperlink r:id="rId5"><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Image 1" descr="The guide's cover"/><a:graphic><a:graphicData><a:blip r:embed="rId6"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:hyperlink></w:p>` +
		`<w:p><w:hyperlink r:id="rId5" w:anchor="part"><w:r><w:t>part</w:t></w:r></w:hyperlink></w:p>` +
		`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>italic</w:t></w:r></w:p>`
	d := wordBody(t, body, lesson["word/numbering.xml"])
	want := "Read [the guide](https://example.org/guide) and the summary, [step 2](https://example.org/guide#step-2).\n\nA box:\n\nits text\n\n[simple](https://example.org/simple)\n\nAfter the contents.\n\n[![The guide's cover](image-1.png)](<https://example.org/a page>)\n\n[part](<https://example.org/a page#part>)\n\n**bold***italic*\n"
	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	if len(d.Left) != 2 || d.Left[0].Error() != "the table of contents with its page numbers" || d.Left[1].Error() != "links to places in the document that are not under a heading (their words stay)" {
		t.Errorf("left out: %v", d.Left)
	}
	var html bytes.Buffer
	if err := goldmark.Convert([]byte("**bold***italic*"), &html); err != nil || html.String() != "<p><strong>bold</strong><em>italic</em></p>\n" {
		t.Errorf("bold next to italic reads as %q", html.String())
	}
}

// OpenDocument: a list that goes on after a paragraph ("Continue previous
// numbering", by style or by the list's id) keeps counting; a new list
// starts again; an item may set its number.
func TestOpenDocumentListNumbersGoOn(t *testing.T) {
	doc := odtLesson
	list := func(attrs string, items ...string) string {
		s := `<text:list text:style-name="N" ` + attrs + `>`
		for _, it := range items {
			s += `<text:list-item><text:p>` + it + `</text:p></text:list-item>`
		}
		return s + `</text:list>`
	}
	body := list(`xml:id="a"`, "One", "Two") + `<text:p>Between.</text:p>` + list(`text:continue-numbering="true"`, "Three") +
		`<text:p>And.</text:p>` + list(`text:continue-list="a"`, "Four") + `<text:p>New.</text:p>` + list(``, "One again") +
		`<text:list text:style-name="N"><text:list-item text:start-value="9"><text:p>Nine</text:p></text:list-item></text:list>` +
		`<text:table-of-content><text:index-body><text:p>Introduction 3</text:p></text:index-body></text:table-of-content>`
	parts := map[string]string{"mimetype": doc["mimetype"], "content.xml": strings.Replace(odtContent(body), "<office:automatic-styles>",
		`<office:automatic-styles><text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>`, 1)}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "1. One\n2. Two\n\nBetween.\n\n3. Three\n\nAnd.\n\n4. Four\n\nNew.\n\n1. One again\n\n9) Nine\n"
	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	if len(d.Left) != 1 || d.Left[0].Error() != "the table of contents with its page numbers" {
		t.Errorf("left out: %v", d.Left)
	}
}

// odtContent is a content.xml whose text is body.
func odtContent(body string) string {
	return `<office:document-content ` + odfNS + `><office:automatic-styles></office:automatic-styles><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`
}

// Footnotes and endnotes become Markdown footnotes; a text box (a tip
// beside the text, as Word 2010 writes it with its older copy for other
// programs) is written once, after its paragraph; struck-through text
// stays struck through. A note marked twice is written once.
func TestWordNotesBoxesAndStrike(t *testing.T) {
	box := `<w:p><w:r><w:t>Take the photo.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 5"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Tip: use daylight.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Tip: use daylight.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	body := box + `<w:p><w:r><w:t xml:space="preserve">Price: </w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t>12 euros</w:t></w:r><w:r><w:t xml:space="preserve"> 10 euros</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>` +
		`<w:p><w:r><w:t>Again.</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>`
	parts := map[string]string{
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>`,
		"word/endnotes.xml":            `<w:endnotes ` + wNS + `><w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Until the end of May.</w:t></w:r></w:p></w:endnote></w:endnotes>`,
		"word/document.xml":            `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "Take the photo.\n\nTip: use daylight.\n\nPrice: ~~12 euros~~ 10 euros[^1]\n\nAgain.[^1]\n\n[^1]: Until the end of May.\n"
	if string(d.Markdown) != want || len(d.Left) != 0 {
		t.Errorf("Markdown:\n%s\nwant:\n%s\nleft out: %v", d.Markdown, want, d.Left)
	}
}

// The same in OpenDocument: a note's text at the end, a frame's text box
// after its paragraph, a struck-through span; a formula is left out and
// named (its stand-in picture is not shown).
func TestOpenDocumentNotesBoxesAndStrike(t *testing.T) {
	body := `<text:p>A formula: <draw:frame><draw:object xlink:href="./Object 1"/><draw:image xlink:href="./ObjectReplacements/Object 1"/></draw:frame></text:p>` +
		`<text:p>Take the photo.<draw:frame><draw:text-box><text:p>Tip: use daylight.</text:p></draw:text-box></draw:frame></text:p>` +
		`<text:p>Price: <text:span text:style-name="S">12 euros</text:span> 10 euros<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Until the end of May.</text:p></text:note-body></text:note></text:p>`
	content := strings.Replace(odtContent(body), "<office:automatic-styles>", `<office:automatic-styles><style:style style:name="S" style:family="text"><style:text-properties style:text-line-through-style="solid"/></style:style>`, 1)
	data := wordFile(t, map[string]string{"mimetype": odtLesson["mimetype"], "content.xml": content})
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "A formula:\n\nTake the photo.\n\nTip: use daylight.\n\nPrice: ~~12 euros~~ 10 euros[^1]\n\n[^1]: Until the end of May.\n"
	if string(d.Markdown) != want || len(d.Left) != 1 || d.Left[0].Error() != "embedded objects (formulas, charts)" {
		t.Errorf("Markdown:\n%s\nwant:\n%s\nleft out: %v", d.Markdown, want, d.Left)
	}
}

// A picture is named by what its bytes are, whatever its name says; one
// web browsers do not show (Word's EMF drawings) is left out and named,
// never written under a name that promises a PNG.
func TestWordPictureFormats(t *testing.T) {
	pic := func(id string) string {
		return `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="P" descr="A chart"/><a:graphic><a:graphicData><a:blip r:embed="` + id + `"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
	}
	parts := map[string]string{
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.emf"/>
<Relationship Id="b" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/photo.png"/></Relationships>`,
		"word/media/image1.emf": "\x01\x00\x00\x00\x6c\x00\x00\x00 EMF",
		"word/media/photo.png":  "\xff\xd8\xff\xe0\x00\x10JFIF\x00",
		"word/document.xml":     `<w:document ` + wNS + `><w:body>` + pic("a") + pic("b") + `</w:body></w:document>`,
	}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Markdown) != "![A chart](photo.jpg)\n" || len(d.Pictures) != 1 || d.Pictures[0].Name != "photo.jpg" {
		t.Errorf("Markdown %q, pictures %v", d.Markdown, d.Pictures)
	}
	if len(d.Left) != 1 || !strings.Contains(d.Left[0].Error(), "EMF") {
		t.Errorf("left out: %v", d.Left)
	}
}

// A check list (a bullet drawn as a check box, from Unicode or Wingdings,
// or a box typed at the start of the item) becomes a Markdown task list,
// its items' own lists under the text, not under the box.
func TestWordCheckList(t *testing.T) {
	numbering := `<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="` + "\uF0A8" + `"/><w:rPr><w:rFonts w:ascii="Wingdings"/></w:rPr></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="☑"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`
	sub := `<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Photos taken</w:t></w:r></w:p>`
	d := wordBody(t, item("1", "Before you post")+sub+para("Then:")+item("2", "☐ Write the text")+item("2", "☒ Check the price")+item("2", "An ordinary point"), numbering)
	want := "- [ ] Before you post\n  - [x] Photos taken\n\nThen:\n\n- [ ] Write the text\n- [x] Check the price\n- An ordinary point\n"
	if string(d.Markdown) != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", d.Markdown, want)
	}
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.TaskList)).Convert(d.Markdown, &html); err != nil {
		t.Fatal(err)
	}
	if strings.Count(html.String(), `type="checkbox"`) != 4 || strings.Count(html.String(), "checked") != 2 {
		t.Errorf("not a task list in HTML:\n%s", html.String())
	}
}

// LibreOffice's check list: a bullet whose character is a check box.
func TestOpenDocumentCheckList(t *testing.T) {
	body := `<text:list text:style-name="C"><text:list-item><text:p>Photos taken</text:p></text:list-item></text:list>`
	content := strings.Replace(odtContent(body), "<office:automatic-styles>", `<office:automatic-styles><text:list-style style:name="C"><text:list-level-style-bullet text:level="1" text:bullet-char="☐"/></text:list-style>`, 1)
	data := wordFile(t, map[string]string{"mimetype": odtLesson["mimetype"], "content.xml": content})
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Markdown) != "- [ ] Photos taken\n" {
		t.Errorf("Markdown %q", d.Markdown)
	}
}

// OpenDocument's fields show the value the document shows: a caption's
// number, a date, a cross-reference.
func TestOpenDocumentFieldsShowTheirValue(t *testing.T) {
	body := `<text:p>Figure <text:sequence text:name="Figure" text:formula="ooow:Figure+1">1</text:sequence>: the shop window, <text:date>5 May 2026</text:date>, see <text:bookmark-ref text:ref-name="x">Prices</text:bookmark-ref>.</text:p>`
	data := wordFile(t, map[string]string{"mimetype": odtLesson["mimetype"], "content.xml": odtContent(body)})
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Markdown) != "Figure 1: the shop window, 5 May 2026, see Prices.\n" {
		t.Errorf("Markdown %q", d.Markdown)
	}
}

// Text the document hides (Word's hidden font, LibreOffice's hidden
// characters and conditional text: answers, notes for the trainer) is not
// on the page, and the report says so; a field in hidden text still ends
// where it ends.
func TestHiddenText(t *testing.T) {
	run := func(inner string) string { return `<w:r><w:rPr><w:vanish/></w:rPr>` + inner + `</w:r>` }
	body := `<w:p><w:r><w:t>Which post works best?</w:t></w:r>` + run(`<w:t>Answer: the photo.</w:t>`) +
		run(`<w:fldChar w:fldCharType="begin"/>`) + run(`<w:instrText> XE "photo" </w:instrText>`) + run(`<w:fldChar w:fldCharType="end"/>`) +
		`<w:r><w:t xml:space="preserve"> Think first.</w:t></w:r></w:p>`
	d := wordBody(t, body, lesson["word/numbering.xml"])
	if string(d.Markdown) != "Which post works best? Think first.\n" || len(d.Left) != 1 || !strings.HasPrefix(d.Left[0].Error(), "hidden text") {
		t.Errorf("Word: Markdown %q, left out %v", d.Markdown, d.Left)
	}
	odt := `<text:p>Which post works best? <text:span text:style-name="H">Answer: the photo.</text:span>Think first.<text:hidden-text text:condition="ooow:x" text:string-value=" Shown." text:is-hidden="false"/></text:p><text:p text:style-name="HP">A whole hidden paragraph.</text:p>`
	content := strings.Replace(odtContent(odt), "<office:automatic-styles>", `<office:automatic-styles><style:style style:name="H" style:family="text"><style:text-properties text:display="none"/></style:style><style:style style:name="HP" style:family="paragraph"><style:text-properties text:display="none"/></style:style>`, 1)
	data := wordFile(t, map[string]string{"mimetype": odtLesson["mimetype"], "content.xml": content})
	o, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if string(o.Markdown) != "Which post works best? Think first. Shown.\n" || len(o.Left) != 1 || !strings.HasPrefix(o.Left[0].Error(), "hidden text") {
		t.Errorf("OpenDocument: Markdown %q, left out %v", o.Markdown, o.Left)
	}
}

// diagramData is a SmartArt data part: a process with two steps, the
// second with a point under it, and the points that only draw it.
const diagramData = `<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>
<dgm:pt modelId="0" type="doc"><dgm:t><a:p/></dgm:t></dgm:pt>
<dgm:pt modelId="2"><dgm:t><a:p><a:r><a:t>Post</a:t></a:r></a:p></dgm:t></dgm:pt>
<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Take the photo</a:t></a:r></a:p></dgm:t></dgm:pt>
<dgm:pt modelId="3"><dgm:t><a:p><a:r><a:t>before 9 o'clock</a:t></a:r></a:p></dgm:t></dgm:pt>
<dgm:pt modelId="9" type="pres"><dgm:t><a:p><a:r><a:t>drawn</a:t></a:r></a:p></dgm:t></dgm:pt>
</dgm:ptLst><dgm:cxnLst>
<dgm:cxn modelId="a" srcId="0" destId="2" srcOrd="1"/><dgm:cxn modelId="b" srcId="0" destId="1" srcOrd="0"/>
<dgm:cxn modelId="c" srcId="2" destId="3" srcOrd="0"/><dgm:cxn modelId="d" type="presOf" srcId="1" destId="9" srcOrd="0"/><dgm:cxn modelId="e" srcId="3" destId="2" srcOrd="0"/>
</dgm:cxnLst></dgm:dataModel>`

// A SmartArt diagram (a process, a cycle: slides and handouts are full of
// them) was dropped without a word; its text is now a list, each point
// under its parent in the diagram's order. A drop cap begins its
// paragraph again.
func TestWordDiagramAndDropCap(t *testing.T) {
	body := `<w:p><w:r><w:t>The steps:</w:t></w:r><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Diagram 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="d1" r:lo="d2"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>` +
		`<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3"/></w:pPr><w:r><w:t>O</w:t></w:r></w:p><w:p><w:r><w:t>nce upon a time.</w:t></w:r></w:p>`
	parts := map[string]string{
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="d1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData" Target="diagrams/data1.xml"/></Relationships>`,
		"word/diagrams/data1.xml":      diagramData,
		"word/document.xml":            `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "The steps:\n\n- Take the photo\n- Post\n  - before 9 o'clock\n\nOnce upon a time.\n"
	if string(d.Markdown) != want || len(d.Left) != 0 {
		t.Errorf("Markdown:\n%s\nwant:\n%s\nleft out: %v", d.Markdown, want, d.Left)
	}
}

// Tracked changes are taken as accepted: a moved paragraph is where it was
// moved to (it was dropped), not where it was moved from.
func TestWordTrackedMove(t *testing.T) {
	body := `<w:p><w:moveFrom w:id="1"><w:r><w:t>Moved.</w:t></w:r></w:moveFrom><w:r><w:t>First.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Second. </w:t></w:r><w:moveTo w:id="2"><w:r><w:t>Moved.</w:t></w:r></w:moveTo></w:p>`
	d := wordBody(t, body, lesson["word/numbering.xml"])
	if string(d.Markdown) != "First.\n\nSecond. Moved.\n" {
		t.Errorf("Markdown %q", d.Markdown)
	}
}

// Symbols inserted from a symbol font (Insert > Symbol: Wingdings' tick,
// Symbol's Greek letters and arrows) are the Unicode characters they
// show; one not known is named.
func TestWordSymbols(t *testing.T) {
	sym := func(font, char string) string {
		return `<w:r><w:sym w:font="` + font + `" w:char="` + char + `"/></w:r>`
	}
	body := `<w:p>` + sym("Wingdings", "F0FC") + `<w:r><w:t xml:space="preserve"> Done </w:t></w:r>` + sym("Symbol", "F0AE") + `<w:r><w:t xml:space="preserve"> 20 </w:t></w:r>` + sym("Symbol", "F0B0") +
		`<w:r><w:t xml:space="preserve">C, </w:t></w:r>` + sym("Symbol", "F070") + sym("Webdings", "F021") + `</w:p>`
	d := wordBody(t, body, lesson["word/numbering.xml"])
	if string(d.Markdown) != "✔ Done → 20 °C, π\n" || len(d.Left) != 1 || !strings.Contains(d.Left[0].Error(), "symbol font") {
		t.Errorf("Markdown %q, left out %v", d.Markdown, d.Left)
	}
}

// Numbered headings (Word's multilevel list linked to the Heading styles)
// keep the numbers the document shows, so that "see 2.1" still points
// somewhere; the page's title keeps none.
func TestWordNumberedHeadings(t *testing.T) {
	styles := `<w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
</w:styles>`
	numbering := `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="3">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2)"/></w:lvl>
</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num></w:numbering>`
	h := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	parts := map[string]string{
		"word/styles.xml":    styles,
		"word/numbering.xml": numbering,
		"word/document.xml":  `<w:document ` + wNS + `><w:body>` + h("Title", "A guide") + h("Heading1", "Prices") + h("Heading2", "Old and new") + h("Heading2", "Offers") + h("Heading1", "Photos") + h("Heading2", "Light") + `</w:body></w:document>`,
	}
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := "## I. Prices\n\n### I.a) Old and new\n\n### I.b) Offers\n\n## II. Photos\n\n### II.a) Light\n"
	if d.Title != "A guide" || string(d.Markdown) != want {
		t.Errorf("title %q, Markdown:\n%s\nwant:\n%s", d.Title, d.Markdown, want)
	}
}
