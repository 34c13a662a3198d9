package cartridge

import (
	"archive/zip"
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown"
)

// zipOf writes parts (name -> content) as a zip.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, n := range slices.Sorted(maps.Keys(parts)) {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// name is a plain file name, as the importer makes them.
func name(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

const ccNS = `xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"`

// canvasCourse is a course as Canvas exports it: wiki pages whose pictures
// and links use Canvas's references, a web link, a file, a discussion, an
// LTI tool and a test, in two modules and one item beside them, and a page
// in no module.
func canvasCourse() map[string]string {
	qti := `<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2"><assessment ident="a1" title="Quiz: angles"><section ident="root_section">
<item ident="q1" title="Question"><presentation><material><mattext texttype="text/html">&lt;p&gt;Which angle shows a cake best?&lt;/p&gt;&lt;p&gt;&lt;img src="$IMS-CC-FILEBASE$/Uploaded%20Media/cake.jpg" alt="A cake from the side"&gt;&lt;/p&gt;</mattext></material>
<response_lid ident="response1" rcardinality="Single"><render_choice>
<response_label ident="1"><material><mattext texttype="text/plain">From above</mattext></material></response_label>
<response_label ident="2"><material><mattext texttype="text/plain">At 45 degrees</mattext></material></response_label>
</render_choice></response_lid></presentation>
<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>
<respcondition continue="Yes"><conditionvar><varequal respident="response1">1</varequal></conditionvar><displayfeedback feedbacktype="Response" linkrefid="1_fb"/></respcondition>
<respcondition continue="No"><conditionvar><varequal respident="response1">2</varequal></conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>
</resprocessing><itemfeedback ident="1_fb"><flow_mat><material><mattext texttype="text/html">&lt;p&gt;Flat: the cake looks low.&lt;/p&gt;</mattext></material></flow_mat></itemfeedback></item>
<item ident="q2" title="Essay"><presentation><material><mattext>Describe your shop window.</mattext></material><response_str ident="response1" rcardinality="Single"><render_fib/></response_str></presentation></item>
</section></assessment></questestinterop>`
	return map[string]string{
		"imsmanifest.xml": `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="g1" ` + ccNS + `><metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
<lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string>Shop photos</lomimscc:string></lomimscc:title>
<lomimscc:description><lomimscc:string>Photos that sell, with a phone.</lomimscc:string></lomimscc:description></lomimscc:general>
<lomimscc:rights><lomimscc:description><lomimscc:string>Private (Copyrighted) - http://creativecommons.org/licenses/by/4.0/</lomimscc:string></lomimscc:description></lomimscc:rights></lomimscc:lom></metadata>
<organizations><organization identifier="org_1" structure="rooted-hierarchy"><item identifier="LearningModules">
<item identifier="w0" identifierref="r_welcome"><title>Welcome</title></item>
<item identifier="m1"><title>Week 1: Light</title>
  <item identifier="i1" identifierref="r_light"><title>Light from the window</title></item>
  <item identifier="i2" identifierref="r_link"><title>A guide to daylight</title></item>
  <item identifier="i3" identifierref="r_pdf"><title>Handout</title></item>
  <item identifier="i4" identifierref="r_disc"><title>Share your photo</title></item>
  <item identifier="i5" identifierref="r_lti"><title>Photo editor</title></item>
</item>
<item identifier="m2"><title>Week 2: Angles</title>
  <item identifier="i6" identifierref="r_angles"><title>Angles</title></item>
  <item identifier="i7" identifierref="r_quiz"><title>Quiz: angles</title></item>
</item>
</item></organization></organizations>
<resources>
<resource identifier="r_welcome" type="webcontent" href="wiki_content/welcome.html"><file href="wiki_content/welcome.html"/></resource>
<resource identifier="r_light" type="webcontent" href="wiki_content/light.html"><file href="wiki_content/light.html"/></resource>
<resource identifier="r_angles" type="webcontent" href="wiki_content/angles.html"><file href="wiki_content/angles.html"/></resource>
<resource identifier="r_extra" type="webcontent" href="wiki_content/extra.html"><file href="wiki_content/extra.html"/></resource>
<resource identifier="r_link" type="imswl_xmlv1p1"><file href="r_link.xml"/></resource>
<resource identifier="r_pdf" type="webcontent" href="web_resources/Handout%20A.pdf"><file href="web_resources/Handout A.pdf"/></resource>
<resource identifier="r_disc" type="imsdt_xmlv1p1"><file href="r_disc.xml"/></resource>
<resource identifier="r_lti" type="imsbasiclti_xmlv1p0"><file href="r_lti.xml"/></resource>
<resource identifier="r_quiz" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="r_quiz/assessment.xml"/></resource>
</resources></manifest>`,
		"wiki_content/welcome.html": `<html><head><title>Welcome</title><script>alert(1)</script></head><body><p>Hello! Start with <a href="$WIKI_REFERENCE$/pages/light">the light</a> and <a href="old.pdf">the old handout</a>.</p></body></html>`,
		"wiki_content/light.html": `<html><head><title>Light from the window</title></head><body><h1>Light from the window</h1>
<p>Stand by the window. <img src="$IMS-CC-FILEBASE$/images/shelf%20photo.jpg" alt="A shelf in daylight"> <img src="$IMS-CC-FILEBASE$/images/logo.png" alt="logo.png"> <img src="https://example.org/sun.png" alt="The sun"></p>
<h3 id="where">Where to stand</h3><p id="close">Close to the glass. <a href="#where">Again</a>, <a href="#close">here</a>, <a href="#nowhere">nowhere</a>.</p><h5>Too deep</h5>
<p>See <a href="$WIKI_REFERENCE$/pages/angles#top">the angles</a>, <a href="javascript:alert(1)">this</a>, <a href="$CANVAS_OBJECT_REFERENCE$/assignments/i9">the task</a> and <a href="../web_resources/drawing.svg">a drawing</a>.</p>
<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560"></iframe>
<form><input name="x"></form></body></html>`,
		"wiki_content/extra.html": `<html><head><title>Extra reading</title></head><body><p>In no module.</p></body></html>`,
		"wiki_content/angles.html": `<html><body><h2>Three angles</h2><ul><li>From above</li><li>At 45 degrees</li></ul>
<details><summary>Which is best for a cake?</summary><p>At 45 degrees.</p></details></body></html>`,
		"r_link.xml":                            `<webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"><title>Daylight</title><url href="https://example.org/daylight" target="_blank"/></webLink>`,
		"r_disc.xml":                            `<topic><title>Share your photo</title></topic>`,
		"r_lti.xml":                             `<cartridge_basiclti_link/>`,
		"r_quiz/assessment.xml":                 qti,
		"web_resources/Handout A.pdf":           "%PDF-1.4 handout",
		"web_resources/images/shelf photo.jpg":  "\xff\xd8\xff jpeg",
		"web_resources/images/logo.png":         "\x89PNG logo",
		"web_resources/Uploaded Media/cake.jpg": "\xff\xd8\xff cake",
		"web_resources/drawing.svg":             `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
	}
}

// A course as Canvas exports it: its root item passed through, the page
// beside the modules and the page in none a module named after the
// course, each module's pages lessons in order with their pictures taken
// in (a picture without a description, or only a file name for one,
// counted; one on another website a link to it), headings from ## without
// a level skipped, links to places in the page links to their section's
// heading, links between pages made links between lessons, a
// video embed a line with its address, scripts and forms and links that
// lead nowhere left out; a web link and a file a line after the lesson
// before them; a multiple-choice test a knowledge check with its feedback
// and its question's picture;
// a discussion, an LTI tool, an essay question and an SVG file named.
func TestCanvasCourse(t *testing.T) {
	data := zipOf(t, canvasCourse())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Shop photos" || c.Summary != "Photos that sell, with a phone." || !strings.Contains(c.Rights, "creativecommons.org/licenses/by/4.0") {
		t.Errorf("course %q, %q, %q", c.Title, c.Summary, c.Rights)
	}
	var titles []string
	for _, m := range c.Modules {
		titles = append(titles, m.Title)
	}
	if strings.Join(titles, "|") != "Shop photos|Week 1: Light|Week 2: Angles" || c.Modules[1].Name != "week-1-light" {
		t.Fatalf("modules %q, the second named %q", titles, c.Modules[1].Name)
	}
	if l := c.Modules[0].Lessons; len(l) != 2 || l[1].Name != "02-extra-reading" || l[1].Title != "Extra reading" || l[1].Markdown != "In no module.\n" {
		t.Errorf("a page in no module: %+v", l[len(l)-1])
	}
	welcome := c.Modules[0].Lessons[0]
	if welcome.Name != "01-welcome" || welcome.Markdown != "Hello! Start with [the light](../week-1-light/01-light-from-the-window.md) and the old handout.\n" {
		t.Errorf("welcome: %q %q (a link to a page of another module goes to its lesson; one to a file not there keeps its words)", welcome.Name, welcome.Markdown)
	}
	week1 := c.Modules[1]
	if len(week1.Lessons) != 1 || week1.Lessons[0].Name != "01-light-from-the-window" {
		t.Fatalf("week 1 lessons %+v", week1.Lessons)
	}
	want := "Stand by the window. ![A shelf in daylight](shelf-photo.jpg) ![](logo.png) [The sun](https://example.org/sun.png)\n\n" +
		"## Where to stand\n\nClose to the glass. [Again](#where-to-stand), [here](#where-to-stand), nowhere.\n\n### Too deep\n\n" +
		"See [the angles](../week-2-angles/01-angles.md), this, the task and a drawing.\n\n" +
		"https://www.youtube.com/embed/dQw4w9WgXcQ\n\n" +
		"[A guide to daylight](https://example.org/daylight)\n\n[Handout](handout-a.pdf)\n"
	if got := week1.Lessons[0].Markdown; got != want {
		t.Errorf("week 1, lesson 1:\n%s\nwant:\n%s", got, want)
	}
	html := string(markdown.New(markdown.Options{}).Render(markdown.Doc{File: "x.md", Source: []byte(week1.Lessons[0].Markdown)}).HTML)
	if !strings.Contains(html, `<figure class="embed" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`) {
		t.Errorf("the embedded player is no video on the page:\n%s", html)
	}
	var files []string
	for _, f := range week1.Files {
		files = append(files, f.Name+"="+string(f.Data))
	}
	if strings.Join(files, "|") != "shelf-photo.jpg=\xff\xd8\xff jpeg|logo.png=\x89PNG logo|handout-a.pdf=%PDF-1.4 handout" {
		t.Errorf("week 1 files %q", files)
	}
	angles := c.Modules[2].Lessons[0].Markdown
	wantAngles := "## Three angles\n\n- From above\n- At 45 degrees\n\n:::details Which is best for a cake?\nAt 45 degrees.\n:::\n\n" +
		":::quiz Quiz: angles\nWhich angle shows a cake best?\n\n![A cake from the side](cake.jpg)\n\n- [ ] From above\n  > Flat: the cake looks low.\n- [x] At 45 degrees\n:::\n"
	if angles != wantAngles {
		t.Errorf("week 2:\n%s\nwant:\n%s", angles, wantAngles)
	}
	if f := c.Modules[2].Files; len(f) != 1 || f[0].Name != "cake.jpg" {
		t.Errorf("week 2 files %+v, want the question's picture", f)
	}
	left := leftOut(c.Left)
	for _, w := range []string{"pictures on other websites (now links to them: a site shows no picture from another host)", "links to files the cartridge does not hold: old.pdf", "SVG drawings that run scripts or load other files, which a site does not publish: drawing.svg",
		"discussion topics: Share your photo", "external tools (LTI links): Photo editor", "questions other than multiple choice (essays, numbers, matching)"} {
		if !slices.Contains(left, w) {
			t.Errorf("left out %q, want %q among them", left, w)
		}
	}
	if c.NoAlt != 1 {
		t.Errorf("%d pictures without a description, want 1", c.NoAlt)
	}
}

// What is not a cartridge, or a hostile one, is refused or read within
// bounds: no manifest, a broken manifest, a page that names files outside
// the zip.
func TestHostileCartridges(t *testing.T) {
	for _, c := range []struct {
		parts map[string]string
		err   string
	}{
		{map[string]string{"readme.txt": "x"}, "no imsmanifest.xml"},
		{map[string]string{"imsmanifest.xml": "<manifest"}, "imsmanifest.xml"},
	} {
		data := zipOf(t, c.parts)
		if _, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name}); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%v: error %v, want %q", c.parts, err, c.err)
		}
	}
	parts := canvasCourse()
	parts["wiki_content/light.html"] = `<p><img src="../../../../etc/passwd.png" alt="x"><a href="/etc/passwd">x</a><img src="$IMS-CC-FILEBASE$/../../imsmanifest.xml" alt="y"></p>`
	data := zipOf(t, parts)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Modules[1].Files {
		if !strings.HasSuffix(f.Name, ".pdf") {
			t.Errorf("took %s", f.Name)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(canvasCourse()["wiki_content/light.html"], canvasCourse()["r_quiz/assessment.xml"])
	f.Fuzz(func(t *testing.T, page, qti string) {
		parts := canvasCourse()
		parts["wiki_content/light.html"], parts["r_quiz/assessment.xml"] = page, qti
		data := zipOf(t, parts)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}

// A video's captions and poster go beside it under its name: a file taken
// only for them is renamed, one shared with another video copied; a name
// another file has keeps that file and names the captions left out; a
// poster of a kind a browser may not show (BMP) is not taken.
func TestVideoCaptionsTakeTheVideosName(t *testing.T) {
	page := `<html><body><p><a href="$IMS-CC-FILEBASE$/notes.vtt">Notes</a></p>` +
		`<video src="$IMS-CC-FILEBASE$/notes.mp4"><track src="$IMS-CC-FILEBASE$/other.vtt"></video>` +
		`<video src="$IMS-CC-FILEBASE$/Till%20one.mp4" poster="$IMS-CC-FILEBASE$/frame.PNG"><track kind="subtitles" src="$IMS-CC-FILEBASE$/till.vtt"></video>` +
		`<video src="$IMS-CC-FILEBASE$/till-two.mp4" poster="$IMS-CC-FILEBASE$/frame.bmp"><track kind="captions" src="$IMS-CC-FILEBASE$/till.vtt"></video></body></html>`
	data := zipOf(t, map[string]string{
		"imsmanifest.xml": `<?xml version="1.0"?><manifest identifier="m" ` + ccNS + `><metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion></metadata>
<organizations><organization identifier="o"><item identifier="root"><item identifier="i1" identifierref="r1"><title>Videos</title></item></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="page.html"><file href="page.html"/></resource></resources></manifest>`,
		"page.html":                  page,
		"web_resources/notes.vtt":    "WEBVTT\n\nnotes",
		"web_resources/notes.mp4":    "mp4 notes",
		"web_resources/other.vtt":    "WEBVTT\n\nother",
		"web_resources/Till one.mp4": "mp4 one",
		"web_resources/till-two.mp4": "mp4 two",
		"web_resources/till.vtt":     "WEBVTT\n\ntill",
		"web_resources/frame.PNG":    "png frame",
		"web_resources/frame.bmp":    "bmp frame",
	})
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, m := range c.Modules {
		for _, f := range m.Files {
			files = append(files, f.Name+"="+strings.TrimPrefix(string(f.Data), "WEBVTT\n\n"))
		}
	}
	want := "notes.vtt=notes|notes.mp4=mp4 notes|other.vtt=other|till-one.mp4=mp4 one|till-one.vtt=till|till-one.png=png frame|till-two.mp4=mp4 two|till-two.vtt=till"
	if strings.Join(files, "|") != want {
		t.Errorf("files\n%q\nwant\n%q", strings.Join(files, "|"), want)
	}
	if left := leftOut(c.Left); !slices.Contains(left, "captions or posters whose name another file of the module has (a site finds a video's captions and poster under its name: stand.vtt, stand.jpg): notes.vtt") {
		t.Errorf("left out %q", left)
	}
}
