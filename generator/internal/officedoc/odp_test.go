package officedoc

import (
	"bytes"
	"strings"
	"testing"
)

// A presentation as LibreOffice Impress saves it (.odp): the first slide's
// title and subtitle are the page's, the others sections with their
// outline, pictures and tables, the notes notes for tutors; a hidden slide
// is named.
func TestOpenDocumentPresentation(t *testing.T) {
	frame := func(class, inner string) string {
		return `<draw:frame presentation:class="` + class + `"><draw:text-box>` + inner + `</draw:text-box></draw:frame>`
	}
	notes := func(text string) string {
		return `<presentation:notes><draw:page-thumbnail presentation:class="page"/>` + frame("notes", `<text:p>`+text+`</text:p>`) + `</presentation:notes>`
	}
	content := `<office:document-content ` + odfNS + ` xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"><office:automatic-styles>
<style:style style:name="dp1" style:family="drawing-page"/><style:style style:name="dpHidden" style:family="drawing-page"><style:drawing-page-properties presentation:visibility="hidden"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="●"/><text:list-level-style-bullet text:level="2" text:bullet-char="–"/></text:list-style>
</office:automatic-styles><office:body><office:presentation>
<draw:page draw:style-name="dp1">` + frame("title", `<text:p>Good photos</text:p>`) + frame("subtitle", `<text:p>A workshop for small shops</text:p>`) + notes("Welcome the group.") + `</draw:page>
<draw:page draw:style-name="dpHidden">` + frame("title", `<text:p>Hidden</text:p>`) + `</draw:page>
<draw:page draw:style-name="dp1">` + frame("title", `<text:p>Light is everything</text:p>`) +
		frame("outline", `<text:list text:style-name="L1"><text:list-item><text:p>By the window</text:p><text:list><text:list-item><text:p>in the morning</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>No flash</text:p></text:list-item></text:list>`) +
		`<draw:frame><draw:image xlink:href="Pictures/shelf.png"/><svg:desc>A shelf in daylight</svg:desc></draw:frame>` +
		`<draw:frame><table:table><table:table-row><table:table-cell><text:p>Before</text:p></table:table-cell><table:table-cell><text:p>After</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>dark</text:p></table:table-cell><table:table-cell><text:p>bright</text:p></table:table-cell></table:table-row></table:table></draw:frame>` +
		frame("page-number", `<text:p>3</text:p>`) + notes("Show two photos.") + `</draw:page>
</office:presentation></office:body></office:document-content>`
	data := wordFile(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.presentation", "content.xml": content, "Pictures/shelf.png": "\x89PNG\r\n\x1a\n shelf"})
	d, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := `:::tutor
Welcome the group.
:::

## Light is everything

- By the window
  - in the morning
- No flash

![A shelf in daylight](shelf.png)

| Before | After |
| --- | --- |
| dark | bright |

:::tutor
Show two photos.
:::
`
	if d.Title != "Good photos" || d.Summary != "A workshop for small shops" || string(d.Markdown) != want {
		t.Errorf("title %q, summary %q, Markdown:\n%s\nwant:\n%s", d.Title, d.Summary, d.Markdown, want)
	}
	if len(d.Left) != 1 || d.Left[0].Error() != "hidden slides" || !strings.HasSuffix(d.Pictures[0].Name, ".png") {
		t.Errorf("left out %v, pictures %v", d.Left, d.Pictures)
	}
}
