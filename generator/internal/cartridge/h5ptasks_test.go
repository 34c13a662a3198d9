package cartridge

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/draw"
	"image/png"
	"testing"
)

// A Documentation Tool becomes a section per page: its description, texts
// and pictures, each field to fill in a question in bold, its help text to
// open; a goals page its description; the export page nothing. Before, it
// was left out.
func TestH5PDocumentationTool(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Plan your shop's page","mainLibrary":"H5P.DocumentationTool"}`,
		"content/content.json": `{"pagesList":[
			{"library":"H5P.StandardPage 1.4","params":{"title":"Your customers","elementList":[
				{"library":"H5P.Text 1.1","params":{"text":"<p>Think of the people who come most often.</p>"}},
				{"library":"H5P.TextInputField 1.1","params":{"taskDescription":"<div>Who are they?</div>","placeholderText":"Write here"}},
				{"library":"H5P.TextInputField 1.1","params":{"taskDescription":""}},
				{"library":"H5P.Image 1.0","params":{"file":{"path":"images/till.jpg"},"alt":"A queue at the till"}}],
				"helpTextLabel":"A hint","helpText":"<p>Ask them at the till.</p>"}},
			{"library":"H5P.GoalsPage 1.5","params":{"title":"Goals","description":"<p>Write the goals you will work on.</p>"}},
			{"library":"H5P.StandardPage 1.4","params":{"title":"Empty","elementList":[]}},
			{"library":"H5P.DocumentExportPage 1.4","params":{"title":"Export","description":"<p>Save your answers.</p>"}}]}`,
		"content/images/till.jpg": "\xff\xd8\xff till",
	})
	want := "## Your customers\n\nThink of the people who come most often.\n\n**Who are they?**\n\n![A queue at the till](till.jpg)\n\n:::details A hint\nAsk them at the till.\n:::\n\n## Goals\n\nWrite the goals you will work on.\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// A Dictation becomes its task, each sentence's sound under its number
// (a paragraph of its own, played on the page), and the
// sentences to open; a sentence without a sound is left out. Before, it
// was left out.
func TestH5PDictation(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"At the counter","mainLibrary":"H5P.Dictation"}`,
		"content/content.json": `{"taskDescription":"<p>Listen and write what the customer says.</p>","sentences":[
			{"sample":[{"path":"audios/one.mp3","mime":"audio/mpeg"}],"text":"Two loaves, please."},
			{"sample":[],"text":"Do you take cards?"},
			{"sample":[{"path":"audios/two.mp3"}],"text":"<p>Here is your <em>change</em>.</p>"},
			{"sample":[{"path":"audios/none.mp3"}],"text":""}],"showSolution":"Show the sentences"}`,
		"content/audios/one.mp3": "ID3 one",
		"content/audios/two.mp3": "ID3 two",
	})
	want := "Listen and write what the customer says.\n\n**1.**\n\n[one.mp3](one.mp3)\n\n**2.**\n\n[two.mp3](two.mp3)\n\n:::solution Show the sentences\n1. Two loaves, please.\n2. Here is your change.\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// Speak the Words becomes its question in bold and its accepted answers
// to open; a set its introduction then its questions. Before, both were
// left out.
func TestH5PSpeakTheWords(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Say it","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.SpeakTheWords 1.5","params":{"question":"How do you greet a customer in the morning?","acceptedAnswers":["Good morning","Morning"],"l10n":{"showSolutionLabel":"Show answers"}}}},
			{"content":{"library":"H5P.SpeakTheWordsSet 1.3","params":{"introduction":{"showIntroPage":true,"introductionTitle":"Prices aloud","introductionText":"Read each price as you would say it."},
				"questions":[{"library":"H5P.SpeakTheWords 1.5","params":{"question":"€2.50","acceptedAnswers":["two fifty","two euros fifty"]}},
					{"library":"H5P.SpeakTheWords 1.5","params":{"question":"","acceptedAnswers":["nothing"]}}]}}},
			{"content":{"library":"H5P.SpeakTheWords 1.5","params":{"question":"No answer","acceptedAnswers":[""]}}}]}`,
	})
	want := "**How do you greet a customer in the morning?**\n\n:::solution Show answers\n- Good morning\n- Morning\n:::\n\n## Prices aloud\n\nRead each price as you would say it.\n\n**€2.50**\n\n:::solution\n- two fifty\n- two euros fifty\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	if left := leftOut(c.Left); len(left) != 1 || left[0] != "H5P contents a page cannot hold (games and tools): Speak the Words" {
		t.Errorf("left out %q, want the question without an answer", left)
	}
}

// An Image Juxtaposition becomes its title, then each picture under its
// label, described by it, or by its own description when the picture is
// an H5P.Image (as H5P's hub gives it). Before, it was left out.
func TestH5PImageJuxtaposition(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"A tidier window","mainLibrary":"H5P.ImageJuxtaposition"}`,
		"content/content.json": `{"title":"The window, before and after","imageBefore":{"imageBefore":{"path":"images/before.jpg"},"labelBefore":"Before"},
			"imageAfter":{"imageAfter":{"path":"images/after.jpg","copyright":{"author":"Ana Pop","license":"CC BY","version":"4.0"}},"labelAfter":"After"}}`,
		"content/images/before.jpg": "\xff\xd8\xff before",
		"content/images/after.jpg":  "\xff\xd8\xff after",
	})
	want := "## The window, before and after\n\n**Before**\n\n![Before](before.jpg)\n\n**After**\n\n![After](after.jpg)\n\n*Ana Pop, CC BY 4.0*\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	// from version 1.4, each picture is an H5P.Image with its description
	c = readPackage(t, map[string]string{
		"h5p.json": `{"title":"A tidier window","mainLibrary":"H5P.ImageJuxtaposition"}`,
		"content/content.json": `{"imageBefore":{"labelBefore":"March","imageBefore":{"library":"H5P.Image 1.1","params":{"alt":"The window crowded in March","file":{"path":"images/before.jpg"}}}},
			"imageAfter":{"labelAfter":"May","imageAfter":{"library":"H5P.Image 1.1","params":{"alt":"Three loaves in May","file":{"path":"images/after.jpg"}}}}}`,
		"content/images/before.jpg": "\xff\xd8\xff before",
		"content/images/after.jpg":  "\xff\xd8\xff after",
	})
	want = "**March**\n\n![The window crowded in March](before.jpg)\n\n**May**\n\n![Three loaves in May](after.jpg)\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson (H5P.Image):\n%s\nwant:\n%s", md, want)
	}
}

// lessonOf is the Markdown of the course's first lesson, failing the test
// when it has none.
func lessonOf(t *testing.T, c *Course) string {
	t.Helper()
	if len(c.Modules) == 0 || len(c.Modules[0].Lessons) == 0 {
		t.Fatalf("no lesson; left out %q", leftOut(c.Left))
	}
	return c.Modules[0].Lessons[0].Markdown
}

// Find the Hotspot becomes its task, its picture, and the solution to
// open: a copy of the picture with the right place circled (the wrong
// one not) and what the content says when it is found; Find Multiple
// Hotspots the same, an ellipse for a "circle", without its feedback (the
// start of a sentence H5P ends with a count); before version 1.8 the
// picture is the background settings themselves. Before, all were left
// out.
func TestH5PFindTheHotspot(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Safe at work","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.ImageHotspotQuestion 1.8","params":{"imageHotspotQuestion":{
				"backgroundImageSettings":{"questionTitle":"A shop floor","backgroundImage":{"path":"images/floor.png","mime":"image/png"}},
				"hotspotSettings":{"taskDescription":"<p>Where could a customer trip?</p>","hotspot":[
					{"userSettings":{"correct":true,"feedbackText":"Yes: the cable across the aisle."},"computedSettings":{"x":10,"y":20,"width":30,"height":40,"figure":"rectangle"}},
					{"userSettings":{"correct":false,"feedbackText":"The shelf is fixed to the wall."},"computedSettings":{"x":60,"y":20,"width":30,"height":40,"figure":"rectangle"}}]}}}}},
			{"content":{"library":"H5P.ImageMultipleHotspotQuestion 1.0","params":{"imageMultipleHotspotQuestion":{
				"backgroundImageSettings":{"backgroundImage":{"path":"images/floor.png"}},
				"hotspotSettings":{"taskDescription":"Find both exits.","hotspot":[
					{"userSettings":{"correct":true,"feedbackText":"Well done, you found"},"computedSettings":{"x":60,"y":20,"width":30,"height":40,"figure":"circle"}}]}}}}},
			{"content":{"library":"H5P.ImageHotspotQuestion 1.8","params":{"imageHotspotQuestion":{
				"backgroundImageSettings":{"backgroundImage":{"path":"images/floor.png"}},
				"hotspotSettings":{"taskDescription":"No right place.","hotspot":[{"userSettings":{"correct":false}}]}}}}},
			{"content":{"library":"H5P.ImageHotspotQuestion 1.7","params":{"imageHotspotQuestion":{
				"backgroundImageSettings":{"path":"images/floor.png","mime":"image/png","width":200,"height":100},
				"hotspotSettings":{"taskDescription":"Before version 1.8.","hotspot":[{"userSettings":{"correct":true},"computedSettings":{"x":0,"y":0,"width":10,"height":10}}]}}}}}]}`,
		"content/images/floor.png": string(whitePNG(t, 200, 100)),
	})
	want := "Where could a customer trip?\n\n![A shop floor](floor.png)\n\n:::solution\n![A shop floor](floor-solution.png)\n\nYes: the cable across the aisle.\n:::\n\nFind both exits.\n\n![](floor.png)\n\n:::solution\n![](floor-solution-2.png)\n:::\n\nBefore version 1.8.\n\n![](floor.png)\n\n:::solution\n![](floor-solution-3.png)\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	if left := leftOut(c.Left); len(left) != 1 || left[0] != "H5P contents a page cannot hold (games and tools): Find the Hotspot" {
		t.Errorf("left out %q, want the one without a right place", left)
	}
	files := map[string][]byte{}
	for _, f := range c.Modules[0].Files {
		files[f.Name] = f.Data
	}
	rect, ellipse := decodePNG(t, files["floor-solution.png"]), decodePNG(t, files["floor-solution-2.png"])
	for _, p := range []struct {
		m      image.Image
		x, y   int
		marked bool
	}{
		{rect, 18, 40, true},      // just left of the right place (x 20 to 80, y 20 to 60)
		{rect, 50, 40, false},     // inside it: left as it is
		{rect, 118, 40, false},    // beside the wrong place
		{ellipse, 150, 18, true},  // just above the ellipse's top (x 120 to 180, y 20 to 60)
		{ellipse, 121, 21, false}, // the box's corner, outside the ellipse
	} {
		if r, g, b, _ := p.m.At(p.x, p.y).RGBA(); (r>>8 == 0xff && g>>8 == 0xff && b>>8 == 0xff) == p.marked {
			t.Errorf("pixel (%d, %d) marked: %v, want %v", p.x, p.y, !p.marked, p.marked)
		}
	}
}

// whitePNG is a white PNG picture of width by height pixels.
func whitePNG(t *testing.T, width, height int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(m, m.Bounds(), image.White, image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodePNG decodes a PNG picture, failing the test when it cannot.
func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the circled copy: %v", err)
	}
	return m
}

// A place out of its picture, or of no size, is drawn within it or not at
// all; a picture drawSpots cannot read, or one whose header claims more
// pixels than it draws on, gets no copy.
func TestDrawSpotsOnHostilePictures(t *testing.T) {
	white := whitePNG(t, 40, 20)
	for _, s := range []spotPlace{{X: -50, Y: -50, Width: 500, Height: 500}, {X: 120, Y: 10, Width: 10, Height: 10, Figure: "circle"}, {X: 10, Y: 10}} {
		if out, ok := drawSpots(white, []spotPlace{s}); !ok {
			t.Errorf("%+v: no copy", s)
		} else if m := decodePNG(t, out); m.Bounds() != image.Rect(0, 0, 40, 20) {
			t.Errorf("%+v: the copy is %v", s, m.Bounds())
		}
	}
	huge := bytes.Clone(white)
	copy(huge[16:24], []byte{0, 0x10, 0, 0, 0, 0x10, 0, 0}) // IHDR: 1,048,576 by 1,048,576
	binary.BigEndian.PutUint32(huge[29:33], crc32.ChecksumIEEE(huge[12:29]))
	if cfg, err := png.DecodeConfig(bytes.NewReader(huge)); err != nil || cfg.Width != 1<<20 {
		t.Fatalf("the huge PNG's header: %v, %v", cfg, err)
	}
	for name, data := range map[string][]byte{"a GIF": []byte("GIF89a\x01\x00\x01\x00"), "not a picture": []byte("hello"), "a huge PNG": huge} {
		if _, ok := drawSpots(data, []spotPlace{{X: 10, Y: 10, Width: 10, Height: 10}}); ok {
			t.Errorf("%s: a copy was made", name)
		}
	}
}

// Guess the Answer becomes its picture, its task and its answer to open,
// labelled as the content labels it, its picture given either way H5P
// writes it. Before, it was left out.
func TestH5PGuessTheAnswer(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Guess the price","mainLibrary":"H5P.GuessTheAnswer"}`,
		"content/content.json": `{"taskDescription":"<p>What does this loaf cost at the market?</p>",
			"media":{"type":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/loaf.jpg"},"alt":"A round loaf"}}},
			"solutionLabel":"Click to see the answer.","solutionText":"<p>€3.20: about the price of a coffee.</p>"}`,
		"content/images/loaf.jpg": "\xff\xd8\xff loaf",
	})
	want := "![A round loaf](loaf.jpg)\n\nWhat does this loaf cost at the market?\n\n:::solution Click to see the answer.\n€3.20: about the price of a coffee.\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	// as H5P's hub gives it: the picture's content itself, not in "type";
	// its title a file's name in an address
	c = readPackage(t, map[string]string{
		"h5p.json": `{"title":"Guess the price","mainLibrary":"H5P.GuessTheAnswer"}`,
		"content/content.json": `{"taskDescription":"<p>What does it cost?</p>","solutionText":"€3.20",
			"media":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/loaf.jpg"},"alt":"A round loaf"},"metadata":{"title":"Brot_vom_B%C3%A4cker.jpg","license":"CC BY","licenseVersion":"4.0"}}}`,
		"content/images/loaf.jpg": "\xff\xd8\xff loaf",
	})
	want = "![A round loaf](loaf.jpg)\n\n*Brot\\_vom\\_Bäcker.jpg, CC BY 4.0*\n\nWhat does it cost?\n\n:::solution\n€3.20\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson (media without type):\n%s\nwant:\n%s", md, want)
	}
}

// An Image Choice becomes a question whose answers are its pictures, each
// described, the right ones ticked, with their feedback. Before, it was
// left out.
func TestH5PImageChoice(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Good shop photos","mainLibrary":"H5P.MultiMediaChoice"}`,
		"content/content.json": `{"question":"<p>Which photo shows the bread best?</p>","options":[
			{"media":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/dark.jpg"},"alt":"A loaf in a dark corner"}},"correct":false,"tipsAndFeedback":{"chosenFeedback":"Too dark to see the crust."}},
			{"media":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/light.jpg"},"alt":"A loaf by the window"}},"correct":true},
			{"media":{"library":"H5P.Video 1.6","params":{}}}]}`,
		"content/images/dark.jpg":  "\xff\xd8\xff dark",
		"content/images/light.jpg": "\xff\xd8\xff light",
	})
	want := ":::quiz Good shop photos\nWhich photo shows the bread best?\n\n- [ ] ![A loaf in a dark corner](dark.jpg)\n  > Too dark to see the crust.\n- [x] ![A loaf by the window](light.jpg)\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
}

// A solution in a page's HTML (oersite's own, in an exported cartridge, or
// the H5P reader's) comes back as a :::solution block, its summary its
// title; one without a summary gets the page's words for it when built.
func TestSolutionsComeBackAsSolutionBlocks(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json":             `{"title":"Answers","mainLibrary":"H5P.AdvancedText"}`,
		"content/content.json": `{"text":"<p>Where is the till?</p><details class=\"details solution\">\n<summary>Show the solution</summary>\n<p>On the left.</p>\n</details><details class=\"solution\"><p>Two.</p></details><details><summary>More</summary><p>Plain.</p></details>"}`,
	})
	want := "Where is the till?\n\n:::solution Show the solution\nOn the left.\n:::\n\n:::solution\nTwo.\n:::\n\n:::details More\nPlain.\n:::\n"
	if md := lessonOf(t, c); md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
}
