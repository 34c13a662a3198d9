package cartridge

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// adaptPackage is an Adapt course's SCORM package as the framework builds
// it: its data in course/de/ (the default language) and course/en/, a
// menu of one page and a page beside it, articles, blocks and components
// of many kinds, pictures named by the authoring tool's hashes.
func adaptPackage() map[string]string {
	return map[string]string{
		"imsmanifest.xml": `<manifest identifier="adapt_manifest" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations default="adapt_org"><organization identifier="adapt_org">
<item identifier="i1" identifierref="r1"><title>Adapt SCORM</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="index_lms.html"/></resources></manifest>`,
		"index_lms.html":                `<html><body><div id="app"></div><script src="adapt/js/adapt.min.js"></script></body></html>`,
		"adapt/js/adapt.min.js":         `x`,
		"course/config.json":            `{"_defaultLanguage":"de","_defaultDirection":"ltr"}`,
		"course/en/course.json":         `{"_id":"course","_type":"course","title":"In English"}`,
		"course/en/contentObjects.json": `[{"_id":"p9","_parentId":"course","_type":"page","title":"A page"}]`,
		"course/de/course.json":         `{"_id":"course","_type":"course","title":"kasse-v2","displayTitle":"An der Kasse<br>","body":"<p>Freundlich und <strong>sicher</strong>.</p>"}`,
		"course/de/contentObjects.json": `[
			{"_id":"m1","_parentId":"course","_type":"menu","title":"Bezahlen","displayTitle":"Bezahlen","body":"<p>Bar und mit Karte.</p>"},
			{"_id":"p2","_parentId":"m1","_type":"page","title":"Karte","displayTitle":""},
			{"_id":"p1","_parentId":"course","_type":"page","title":"Begrüßen","displayTitle":"Begrüßen","body":"<p>Der erste Eindruck zählt.</p>"},
			{"_id":"p3","_parentId":"course","_type":"page","title":"Alt","_isAvailable":false}]`,
		"course/de/articles.json": `[
			{"_id":"a1","_parentId":"p1","_type":"article","title":"Article 1","displayTitle":"Der Blick"},
			{"_id":"a2","_parentId":"p2","_type":"article","title":"Article 2","displayTitle":""}]`,
		"course/de/blocks.json": `[
			{"_id":"b2","_parentId":"a1","_type":"block","title":"Block 2","displayTitle":"Fragen","_sortOrder":2},
			{"_id":"b1","_parentId":"a1","_type":"block","title":"Block 1","displayTitle":"","_sortOrder":1},
			{"_id":"b3","_parentId":"a2","_type":"block","title":"Block 3","displayTitle":""}]`,
		"course/de/components.json": `[
			{"_id":"c1","_parentId":"b1","_type":"component","_component":"text","title":"New Component Title","displayTitle":"","body":"<p>Schauen Sie auf, lächeln Sie. Mehr unter <a href=\"#/id/c20\">Karte</a>.</p>"},
			{"_id":"c2","_parentId":"b1","_type":"component","_component":"graphic","title":"Graphic","displayTitle":"Die Theke","_graphic":{"large":"course/de/assets/9f86d08.jpg","small":"course/de/assets/9f86d08.jpg","alt":"Eine leere Theke","attribution":"Foto: Ana Pop, CC BY 4.0","_url":"https://example.org/theke"}},
			{"_id":"c3","_parentId":"b1","_type":"component","_component":"accordion","title":"Accordion","displayTitle":"Warum fragen?","body":"","instruction":"Select each heading","_items":[{"title":"Um zu helfen","body":"<p>Wer fragt, hilft.</p>","_graphic":{"src":"","alt":""}}]},
			{"_id":"c4","_parentId":"b1","_type":"component","_component":"narrative","title":"Narrative","displayTitle":"Drei Schritte","_items":[{"title":"Hören","body":"<p>Ausreden lassen.</p>","_graphic":{"src":"course/de/assets/ab12.png","alt":"Ein Ohr"}},{"title":"Fragen","body":"<p>Offen fragen.</p>"}]},
			{"_id":"c5","_parentId":"b1","_type":"component","_component":"stacklist","title":"Stacklist","displayTitle":"Merken","_items":["Lächeln","Grüßen"]},
			{"_id":"c6","_parentId":"b1","_type":"component","_component":"hidden-thing","title":"Hidden","displayTitle":"Versteckt","body":"<p>Nicht zeigen.</p>","_isHidden":true},
			{"_id":"c7","_parentId":"b1","_type":"component","_component":"blank","title":"Blank"},
			{"_id":"c8","_parentId":"b1","_type":"component","_component":"html","title":"HTML","displayTitle":"","_template":"custom"},
			{"_id":"c10","_parentId":"b2","_type":"component","_component":"mcq","title":"Question 1","displayTitle":"Offene Frage","body":"<p>Welche Frage ist offen?</p>","instruction":"Choose {{#if _isRadio}}one{{/if}}","_items":[{"text":"Noch etwas?","_shouldBeSelected":false},{"text":"Was darf es sein?","_shouldBeSelected":true}],"_feedback":{"correct":"<p>Sie lässt mehr sagen.</p>"}},
			{"_id":"c11","_parentId":"b2","_type":"component","_component":"gmcq","title":"Question 2","displayTitle":"","body":"<p>Welches Zeichen heißt kontaktlos?</p>","_items":[{"text":"","_graphic":{"large":"course/de/assets/ab12.png","alt":"Wellen"},"_shouldBeSelected":true},{"text":"Ein Schloss","_shouldBeSelected":false}]},
			{"_id":"c12","_parentId":"b2","_type":"component","_component":"matching","title":"Question 3","displayTitle":"","body":"<p>Ordnen Sie zu.</p>","_items":[{"text":"Karte","_options":[{"text":"Tippen","_isCorrect":true},{"text":"Zählen","_isCorrect":false}]},{"text":"Bar","_options":[{"text":"Tippen","_isCorrect":false},{"text":"Zählen","_isCorrect":true}]}]},
			{"_id":"c13","_parentId":"b2","_type":"component","_component":"textinput","title":"Question 4","displayTitle":"Lücke","body":"<p>Ergänzen Sie.</p>","_items":[{"prefix":"Immer zuerst","suffix":".","_answers":["lächeln","Lächeln"]}]},
			{"_id":"c15","_parentId":"b2","_type":"component","_component":"draganddrop","title":"DnD","displayTitle":"Farben","body":"","instruction":"Ziehen Sie die Farben.<br><br>Dann prüfen.","_items":[{"text":"Der Himmel ist","_accepted":"blau"},{"text":"Gras ist","_accepted":["grün","Grün"]}]},
			{"_id":"c16","_parentId":"b1","_type":"component","_component":"blinds","title":"Blinds","displayTitle":"","_items":[{"backgroundImage":"course/de/assets/9f86d08.jpg","captions":[{"text":"Sauber"},{"text":"und leer"}]}]},
			{"_id":"c14","_parentId":"b2","_type":"component","_component":"slider","title":"Question 5","displayTitle":"Sekunden","body":"<p>Wie viele Sekunden bis zum Gruß?</p>","_scaleStart":1,"_scaleEnd":10,"_correctAnswer":"5"},
			{"_id":"c20","_parentId":"b3","_type":"component","_component":"media","title":"Video","displayTitle":"Kontaktlos zahlen","_media":{"mp4":"course/de/video/tap.mp4","poster":"course/de/video/tap.jpg","cc":[{"srclang":"de","src":"course/de/video/tap.vtt"}]},"_transcript":{"inlineTranscriptButton":"Mitschrift","inlineTranscriptBody":"<p>Karte an das Gerät halten.</p>"}},
			{"_id":"c21","_parentId":"b3","_type":"component","_component":"media","title":"Video","displayTitle":"","_media":{"source":"www.youtube.com/watch?v=abc123","type":"video/youtube"}},
			{"_id":"c22","_parentId":"b3","_type":"component","_component":"videoStream","title":"Video Stream Title","_media":{"_source":"<iframe src=\"https://player.vimeo.com/video/42\" width=\"640\"></iframe>"}}]`,
		"course/de/assets.json":        `{"9f86d08.jpg":{"title":"theke.jpg","description":"counter"},"ab12.png":{"title":"wellen.png","description":""}}`,
		"course/de/assets/9f86d08.jpg": "\xff\xd8\xff theke",
		"course/de/assets/ab12.png":    "\x89PNG wellen",
		"course/de/video/tap.mp4":      "mp4",
		"course/de/video/tap.jpg":      "\xff\xd8\xff poster",
		"course/de/video/tap.vtt":      "WEBVTT\n",
	}
}

// An Adapt course was named as a player's package ("whose scripts a site
// does not run") and nothing of it was imported. Its pages are now
// lessons, a menu a module, its components as a page shows them unfolded.
func TestAdaptCourse(t *testing.T) {
	c := readPackage(t, adaptPackage())
	if c.Title != "An der Kasse" || c.Language != "de" || len(c.Modules) != 2 {
		t.Fatalf("course %q in %q, %d modules", c.Title, c.Language, len(c.Modules))
	}
	paying, greeting := c.Modules[0], c.Modules[1]
	if paying.Title != "Bezahlen" || !strings.Contains(paying.Intro, "Freundlich und **sicher**.") || !strings.Contains(paying.Intro, "Bar und mit Karte.") || len(paying.Lessons) != 1 || paying.Lessons[0].Title != "Karte" {
		t.Fatalf("first module %q (intro %q, %d lessons): the menu's, with the course's welcome", paying.Title, paying.Intro, len(paying.Lessons))
	}
	if greeting.Title != "An der Kasse" || len(greeting.Lessons) != 1 || greeting.Lessons[0].Title != "Begrüßen" {
		t.Fatalf("second module %q, %d lessons: the pages beside the menu, the unavailable one left out", greeting.Title, len(greeting.Lessons))
	}
	md := greeting.Lessons[0].Markdown
	lessonHas(t, md,
		"Der erste Eindruck zählt.\n\n## Der Blick\n\nSchauen Sie auf, lächeln Sie. Mehr unter [Karte](../bezahlen/01-karte.md).",
		"### Die Theke\n\n[![Eine leere Theke](theke.jpg)](https://example.org/theke)\n\n*Foto: Ana Pop, CC BY 4.0*",
		"### Warum fragen?\n\n:::details Um zu helfen\nWer fragt, hilft.\n:::",
		"### Drei Schritte\n\n#### Hören\n\n![Ein Ohr](wellen.png)\n\nAusreden lassen.\n\n#### Fragen\n\nOffen fragen.",
		"### Merken\n\n- Lächeln\n- Grüßen",
		"**Offene Frage**\n\nWelche Frage ist offen?\n\n- [ ] Noch etwas?\n- [x] Was darf es sein?\n  > Sie lässt mehr sagen.",
		"Welches Zeichen heißt kontaktlos?\n\n- [x] ![Wellen](wellen.png)\n- [ ] Ein Schloss",
		"Karte\n\n- [x] Tippen\n- [ ] Zählen\n\nBar\n\n- [ ] Tippen\n- [x] Zählen",
		"#### Lücke\n\nErgänzen Sie.\n\n1. Immer zuerst _____.\n\n:::solution\n1. lächeln / Lächeln\n:::",
		"#### Farben\n\nZiehen Sie die Farben.\n\nDann prüfen.\n\n1. Der Himmel ist _____\n2. Gras ist _____\n\n:::solution\n1. blau\n2. grün / Grün\n:::",
		"![](theke.jpg)\n\nSauber und leer",
		"#### Sekunden\n\nWie viele Sekunden bis zum Gruß?\n\n:::solution\n5\n:::")
	for _, never := range []string{"Nicht zeigen", "Choose", "New Component Title", "Question 1", "Article 1", "Block 1", "kasse-v2"} {
		if strings.Contains(md, never) {
			t.Errorf("the lesson shows %q: a hidden component, a player's instruction or an author's name for a part:\n%s", never, md)
		}
	}
	card := paying.Lessons[0].Markdown
	lessonHas(t, card,
		"## Kontaktlos zahlen\n\n[Kontaktlos zahlen](tap.mp4)",
		":::details Mitschrift\nKarte an das Gerät halten.\n:::",
		"[https://www.youtube.com/watch?v=abc123](https://www.youtube.com/watch?v=abc123)",
		"[https://player.vimeo.com/video/42](https://player.vimeo.com/video/42)")
	var files []string
	for _, f := range paying.Files {
		files = append(files, f.Name)
	}
	if strings.Join(files, "|") != "tap.mp4|tap.vtt|tap.jpg" {
		t.Errorf("files of the card's module %q: the video with its captions and poster", files)
	}
	left := strings.Join(leftOut(c.Left), "\n")
	for _, want := range []string{"the course's other languages (import it again with --lang to read one): en", "Adapt components a page cannot hold (custom templates, games): Begrüßen (html)"} {
		if !strings.Contains(left, want) {
			t.Errorf("left %q, want %q", left, want)
		}
	}
	if strings.Contains(left, "blank") || strings.Contains(left, "whose scripts") {
		t.Errorf("left %q: a blank shows nothing, and the course is no player's", left)
	}
}

// An Adapt course in several languages is read in the one asked for
// (Options.Language, the import's --lang), its default's named.
func TestAdaptCourseInAnotherLanguage(t *testing.T) {
	data := zipOf(t, adaptPackage())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name, Language: "en-GB"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "In English" || c.Language != "en" || len(c.Modules) != 0 {
		t.Errorf("course %q in %q, %d modules: the English folder's, whose page shows nothing", c.Title, c.Language, len(c.Modules))
	}
	if left := strings.Join(leftOut(c.Left), "\n"); !strings.Contains(left, "read one): de") {
		t.Errorf("left %q: the default language named", left)
	}
}

// An Adapt course as older authoring tools exported it, zipped in a folder
// of its own: objects under the course's id, in the order of their
// _sortOrder and their items' itemIndex; pictures as assets by id, each
// in sizes (asset.json its name and credit); a video stream's source its
// embedding iframe.
func TestAdaptOlderExportInAFolder(t *testing.T) {
	c := readPackage(t, map[string]string{
		"brand/index.html":            `<html><body><script src="adapt/js/adapt.min.js"></script></body></html>`,
		"brand/course/config.json":    `{"_id":"cfg","_courseId":"599c"}`,
		"brand/course/en/course.json": `[{"_id":"599c","_type":"course","title":"Brand","displayTitle":"Brand<br>"}]`,
		"brand/course/en/contentObjects.json": `[
			{"_id":"p2","_parentId":"599c","_type":"page","title":"Keep it strong","displayTitle":"Keep it strong ","_sortOrder":1},
			{"_id":"p1","_parentId":"599c","_type":"page","title":"What is a brand?","displayTitle":"What is a brand?","_sortOrder":0}]`,
		"brand/course/en/articles.json": `[{"_id":"a1","_parentId":"p1","_type":"article","_sortOrder":0},{"_id":"a2","_parentId":"p2","_type":"article","_sortOrder":0}]`,
		"brand/course/en/blocks.json":   `[{"_id":"b1","_parentId":"a1","_type":"block","_sortOrder":0},{"_id":"b2","_parentId":"a2","_type":"block","_sortOrder":0}]`,
		"brand/course/en/components.json": `[
			{"_id":"c1","_parentId":"b1","_type":"component","_component":"graphic","_graphic":{"small":{"_size":"small","_type":"image","_extension":"jpeg","_id":"58ad"}}},
			{"_id":"c2","_parentId":"b1","_type":"component","_component":"checklist","displayTitle":"Ask yourself","_items":[{"title":"Is it unique?","itemIndex":1},{"title":"Is it true?","itemIndex":0}]},
			{"_id":"c3","_parentId":"b2","_type":"component","_component":"videoStream","displayTitle":"","_media":{"_source":"iframe src=\"https://player.vimeo.com/video/7\" width=\"640\""}},
			{"_id":"c4","_parentId":"b2","_type":"component","_component":"media","_media":{"mp4":{"_id":"61aa","_extension":"mp4","_type":"video"}},"_transcript":{"button":"Transcript","body":"<p>Welcome.</p>"}},
			{"_id":"c5","_parentId":"b2","_type":"component","_component":"dragAndDrop","displayTitle":"Sort them","body":"<p>Where does each go?</p>","_dropZones":[{"_id":"z1","text":"<p>Promise</p>"},{"_id":"z2","text":"Proof"}],"_items":[{"text":"We deliver tomorrow","_correctDropZones":["z1"],"itemIndex":0},{"text":"500 reviews","_correctDropZones":["z2"],"itemIndex":1}]},
			{"_id":"c6","_parentId":"b2","_type":"component","_component":"cardDrop","_items":[{"text":"Sales went up","_dropZones":[{"text":"Data","isCorrectZone":true},{"text":"Opinion","isCorrectZone":false}]}]},
			{"_id":"c7","_parentId":"b2","_type":"component","_component":"text","displayTitle":"TODO","body":"","instruction":"Read on.<br><br>"}]`,
		"brand/course/en/assets/61aa/asset.json": `{"_id":"61aa","title":"Brand story","_extension":"mp4","_type":"video"}`,
		"brand/course/en/assets/58ad/asset.json": `{"_id":"58ad","title":"Silicon roundabout","description":"Licence CC BY-SA, Jack Torcello","_extension":"jpeg"}`,
		"brand/course/en/assets/58ad/large.jpeg": "\xff\xd8\xff large",
		"brand/course/en/assets/58ad/small.jpeg": "\xff\xd8\xff small",
	})
	if c.Title != "Brand" || c.Language != "en" || len(c.Modules) != 1 || len(c.Modules[0].Lessons) != 2 || c.Modules[0].Lessons[0].Title != "What is a brand?" {
		t.Fatalf("course %q in %q, modules %+v", c.Title, c.Language, c.Modules)
	}
	lessonHas(t, c.Modules[0].Lessons[0].Markdown,
		"![](silicon-roundabout.jpeg)\n\n*Licence CC BY-SA, Jack Torcello*",
		"## Ask yourself\n\n- Is it true?\n- Is it unique?")
	lessonHas(t, c.Modules[0].Lessons[1].Markdown, "[https://player.vimeo.com/video/7](https://player.vimeo.com/video/7)",
		":::details Transcript\nWelcome.\n:::",
		"**Sort them**\n\nWhere does each go?\n\n:::quiz Keep it strong\nWe deliver tomorrow\n\n- [x] Promise\n- [ ] Proof\n\n500 reviews\n\n- [ ] Promise\n- [x] Proof\n\nSales went up\n\n- [x] Data\n- [ ] Opinion\n:::")
	if left := strings.Join(leftOut(c.Left), "\n"); left != "links to files the cartridge does not hold: Brand story.mp4" {
		t.Errorf("left %q: the video the package lacks, by its own name; an empty text component is no loss", left)
	}
	if f := c.Modules[0].Files; len(f) != 1 || string(f[0].Data) != "\xff\xd8\xff large" {
		t.Errorf("files %+v: the asset's large copy", f)
	}
}

// FuzzAdapt reads an Adapt course whose data is hostile: the reader never
// fails other than with an error, and never loops.
func FuzzAdapt(f *testing.F) {
	parts := adaptPackage()
	f.Add(parts["course/de/contentObjects.json"], parts["course/de/components.json"], parts["course/de/assets.json"])
	f.Add(`[{"_id":"p","_parentId":"m","_type":"page"},{"_id":"m","_parentId":"p","_type":"menu"},{"_id":"q","_parentId":"course","_type":"menu"}]`,
		`[{"_id":"x","_parentId":"x","_type":"component","_component":"mcq","_items":["a",1,{"text":"<a href=\"#/id/x\">b</a>","_graphic":{"large":"../../etc/passwd"}}]}]`, `{"../x":{"title":"../../y.png"}}`)
	f.Fuzz(func(t *testing.T, objects, components, assets string) {
		parts := adaptPackage()
		parts["course/de/contentObjects.json"], parts["course/de/components.json"], parts["course/de/assets.json"] = objects, components, assets
		data := zipOf(t, parts)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}

// Objects that claim one id and are each other's parents are each shown
// once: before, a page of twenty such blocks was read 20^16 times over.
func TestAdaptObjectsInACircle(t *testing.T) {
	parts := adaptPackage()
	var blocks []string
	for i := range 20 {
		blocks = append(blocks, `{"_id":"x","_parentId":"x","_type":"block","displayTitle":"Block `+strconv.Itoa(i)+`"}`)
	}
	parts["course/de/articles.json"] = `[{"_id":"x","_parentId":"p1","_type":"article","displayTitle":"Der Blick"}]`
	parts["course/de/blocks.json"] = "[" + strings.Join(blocks, ",") + "]"
	parts["course/de/contentObjects.json"] = `[{"_id":"p1","_parentId":"course","_type":"page","title":"Begrüßen"},{"_id":"m","_parentId":"m","_type":"menu"},{"_id":"m","_parentId":"course","_type":"menu","title":"Menü"},{"_id":"p2","_parentId":"m","_type":"page","title":"Eins","body":"<p>Eins</p>"},{"_id":"p2","_parentId":"m","_type":"page","title":"Zwei","body":"<p>Zwei</p>"}]`
	c := readPackage(t, parts)
	if len(c.Modules) == 0 {
		t.Fatal("no module")
	}
	if len(c.Modules[0].Lessons) != 1 || len(c.Modules) != 2 || len(c.Modules[1].Lessons) != 2 {
		t.Fatalf("%d modules; lessons %d: the page beside the menu, and under the menu both pages of one id", len(c.Modules), len(c.Modules[0].Lessons))
	}
	if a, b := c.Modules[1].Lessons[0].Markdown, c.Modules[1].Lessons[1].Markdown; !strings.Contains(a, "Eins") || !strings.Contains(b, "Zwei") {
		t.Errorf("two pages of one id: %q, %q", a, b)
	}
	md := c.Modules[0].Lessons[0].Markdown
	if n := strings.Count(md, "Block 7"); n != 1 {
		t.Errorf("block 7 shown %d times:\n%s", n, md)
	}
}
