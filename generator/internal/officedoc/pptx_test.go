package officedoc

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

const pNS = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`

// slideXML is a slide holding shapes; show="0" hides it.
func slideXML(show string, shapes ...string) string {
	attr := ""
	if show != "" {
		attr = ` show="` + show + `"`
	}
	return `<p:sld ` + pNS + attr + `><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` + strings.Join(shapes, "") + `</p:spTree></p:cSld></p:sld>`
}

// textShape is a shape, a placeholder of type ph ("" for none, "-" for a
// content placeholder without a type), holding paragraphs.
func textShape(ph string, paras ...string) string {
	nv := `<p:nvPr/>`
	switch ph {
	case "":
	case "-":
		nv = `<p:nvPr><p:ph idx="1"/></p:nvPr>`
	default:
		nv = `<p:nvPr><p:ph type="` + ph + `"/></p:nvPr>`
	}
	return `<p:sp><p:nvSpPr><p:cNvPr id="2" name="S"/><p:cNvSpPr/>` + nv + `</p:nvSpPr><p:txBody><a:bodyPr/>` + strings.Join(paras, "") + `</p:txBody></p:sp>`
}

func slidePara(pPr, text string) string {
	return `<a:p>` + pPr + `<a:r><a:rPr lang="de-DE"/><a:t>` + text + `</a:t></a:r></a:p>`
}

const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

// presentation is a presentation as PowerPoint saves it, in parts.
func presentation() map[string]string {
	pic := `<p:pic><p:nvPicPr><p:cNvPr id="4" name="Picture 3" descr="IMG_2041.JPG"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId2"/></p:blipFill></p:pic>`
	table := `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" name="Table"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData><a:tbl>` +
		`<a:tr><a:tc><a:txBody><a:p><a:r><a:t>Before</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>After</a:t></a:r></a:p></a:txBody></a:tc></a:tr>` +
		`<a:tr><a:tc><a:txBody><a:p><a:r><a:t>dark</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>bright</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
	diagram := `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="7" name="Diagram"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rId7"/></a:graphicData></a:graphic></p:graphicFrame>`
	chart := `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="6" name="Chart"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId9"/></a:graphicData></a:graphic></p:graphicFrame>`
	link := `<a:p><a:r><a:t xml:space="preserve">See </a:t></a:r><a:r><a:rPr b="1"><a:hlinkClick r:id="rId3"/></a:rPr><a:t>the guide</a:t></a:r></a:p>`
	parts := map[string]string{
		"_rels/.rels":          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `officeDocument" Target="ppt/presentation.xml"/></Relationships>`,
		"ppt/presentation.xml": `<p:presentation ` + pNS + `><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/><p:sldId id="258" r:id="rId4"/><p:sldId id="259" r:id="rId5"/></p:sldIdLst></p:presentation>`,
		"ppt/_rels/presentation.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Type="` + rel + `slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="` + rel + `slide" Target="slides/slide2.xml"/>
<Relationship Id="rId4" Type="` + rel + `slide" Target="slides/slide3.xml"/><Relationship Id="rId5" Type="` + rel + `slide" Target="/ppt/slides/slide4.xml"/></Relationships>`,
		// The first slide shown is slide2.xml: the title slide.
		"ppt/slides/slide2.xml":            slideXML("", textShape("ctrTitle", slidePara("", "Good photos")), textShape("subTitle", slidePara("", "A workshop for small shops"))),
		"ppt/slides/_rels/slide2.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `notesSlide" Target="../notesSlides/notesSlide1.xml"/></Relationships>`,
		"ppt/notesSlides/notesSlide1.xml": slideXML("", `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr/><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr></p:sp>`,
			textShape("body", slidePara("", "Welcome the group."), slidePara("", "Ask who posts photos already.")), textShape("sldNum", slidePara("", "1"))),
		"ppt/slides/slide1.xml": slideXML("", textShape("title", slidePara("", "Light is everything")),
			textShape("-", slidePara("", "Stand by the window"), slidePara(`<a:pPr lvl="1"/>`, "mornings are best"), slidePara("", "No flash"), slidePara(`<a:pPr><a:buNone/></a:pPr>`, "Then take two photos.")), pic,
			textShape("", link)),
		"ppt/slides/_rels/slide1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="` + rel + `image" Target="../media/image1.png"/>
<Relationship Id="rId3" Type="` + rel + `hyperlink" Target="https://example.org/guide" TargetMode="External"/></Relationships>`,
		"ppt/media/image1.png":             "\x89PNG\r\n\x1a\n shelf",
		"ppt/slides/slide3.xml":            slideXML("0", textShape("title", slidePara("", "A hidden slide"))),
		"ppt/slides/_rels/slide4.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="` + rel + `diagramData" Target="../diagrams/data1.xml"/></Relationships>`,
		"ppt/diagrams/data1.xml":           diagramData,
		"ppt/slides/slide4.xml": slideXML("", textShape("title", slidePara("", "Before and after")), table, diagram, chart,
			textShape("", slidePara(`<a:pPr><a:buAutoNum type="arabicPeriod"/></a:pPr>`, "Compare"), slidePara(`<a:pPr><a:buAutoNum type="arabicPeriod"/></a:pPr>`, "Choose"))),
	}
	return parts
}

// FuzzReadPresentation: whatever a slide holds, reading it ends without a
// panic.
func FuzzReadPresentation(f *testing.F) {
	parts := presentation()
	f.Add(parts["ppt/slides/slide1.xml"])
	fuzzPart(f, parts, "ppt/slides/slide1.xml")
}

// A presentation as PowerPoint saves it: the title slide gives the page's
// title and summary, every other slide a section under its title, with its
// bullets at their levels, numbered paragraphs, links, pictures (a file
// name is no description), tables, SmartArt (its text as a list) and
// speaker notes (as notes for tutors);
// slides come in the presentation's order, not their files'; a hidden slide
// and a chart are named in the report.
func TestPresentation(t *testing.T) {
	parts := presentation()
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := `:::tutor
Welcome the group.

Ask who posts photos already.
:::

## Light is everything

- Stand by the window
  - mornings are best
- No flash

Then take two photos.

![](image1.png)

See [**the guide**](https://example.org/guide)

## Before and after

| Before | After |
| --- | --- |
| dark | bright |

- Take the photo
- Post
  - before 9 o'clock

1) Compare
2) Choose
`
	if d.Title != "Good photos" || d.Summary != "A workshop for small shops" || string(d.Markdown) != want {
		t.Errorf("title %q, summary %q, Markdown:\n%s\nwant:\n%s", d.Title, d.Summary, d.Markdown, want)
	}
	var left []string
	for _, l := range d.Left {
		left = append(left, l.Error())
	}
	if d.NoAlt != 1 || len(d.Pictures) != 1 || strings.Join(left, "|") != "hidden slides|embedded objects (formulas, charts)" {
		t.Errorf("%d without description, pictures %v, left out %q", d.NoAlt, d.Pictures, left)
	}
}

// A hostile presentation listing one slide many times reads it once; the
// parts read together are limited (maxRead), so a small zip that names a
// large part again and again cannot keep the reader busy.
func TestPresentationSlideListedTwice(t *testing.T) {
	parts := presentation()
	parts["ppt/presentation.xml"] = strings.Replace(parts["ppt/presentation.xml"], `<p:sldId id="259" r:id="rId5"/>`, `<p:sldId id="259" r:id="rId5"/><p:sldId id="260" r:id="rId5"/><p:sldId id="261" r:id="rId5"/>`, 1)
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(d.Markdown), "## Before and after"); n != 1 {
		t.Errorf("the slide listed three times is written %d times", n)
	}
	p := &pack{files: map[string]*zip.File{}, readBytes: maxRead - 10}
	z, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range z.File {
		p.files[f.Name] = f
	}
	if _, err := p.read("ppt/presentation.xml", maxPart); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a read past the budget: %v", err)
	}
}

// A slide's table cell spanning two columns, and a line break in a cell
// and in the speaker notes, are written as Markdown can hold them (no
// stray backslash, no cell too many).
func TestSlideTableSpansAndBreaks(t *testing.T) {
	parts := presentation()
	brk := `<a:p><a:r><a:t>one</a:t></a:r><a:br/><a:r><a:t>two</a:t></a:r></a:p>`
	table := `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" name="T"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData><a:tbl>` +
		`<a:tr><a:tc gridSpan="2"><a:txBody><a:p><a:r><a:t>Both</a:t></a:r></a:p></a:txBody></a:tc><a:tc hMerge="1"><a:txBody><a:p/></a:txBody></a:tc></a:tr>` +
		`<a:tr><a:tc><a:txBody>` + brk + `</a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>x</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
	parts["ppt/slides/slide4.xml"] = slideXML("", textShape("title", slidePara("", "Table")), table)
	parts["ppt/notesSlides/notesSlide1.xml"] = slideXML("", textShape("body", brk))
	data := wordFile(t, parts)
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{":::tutor\none\\\ntwo\n:::", "| Both |  |\n| --- | --- |\n| one two | x |"} {
		if !strings.Contains(string(d.Markdown), want) {
			t.Errorf("no %q in:\n%s", want, d.Markdown)
		}
	}
}
