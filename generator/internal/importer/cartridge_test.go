package importer_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/importer"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// writeH5P writes an H5P file: an Interactive Book of two chapters and a
// picture named as one the module already has.
func writeH5P(t *testing.T, dir, licence string) string {
	t.Helper()
	parts := map[string]string{
		"h5p.json": `{"title":"Light at the counter","mainLibrary":"H5P.InteractiveBook","license":"` + licence + `","licenseVersion":"4.0","authors":[{"name":"Ana Pop"}]}`,
		"content/content.json": `{"bookCover":{"coverDescription":"<p>Two chapters.</p>"},"chapters":[
			{"library":"H5P.Column 1.16","metadata":{"title":"Morning light"},"params":{"content":[
				{"content":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/image1.png"},"alt":"The counter at eight"}}},
				{"content":{"library":"H5P.TrueFalse 1.8","params":{"question":"<p>Morning light is softer.</p>","correct":"true"}}}]}},
			{"library":"H5P.Column 1.16","metadata":{"title":"Evening light"},"params":{"content":[
				{"content":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Warmer than in the morning.</p>"}}}]}}]}`,
		"content/images/image1.png": "\x89PNG counter",
	}
	return writeZip(t, filepath.Join(dir, "light.h5p"), parts)
}

// An H5P file's lessons become the next lessons of a module of the site
// (--module): numbered after the module's own, the book's cover at the top
// of the first, its licence and authors in each, its picture beside them
// under a name of its own (the module's picture of that name kept); the
// site builds with them. A course of several modules, or a module not
// there, is refused and nothing is written.
func TestImportH5PIntoAModule(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	h5p := writeH5P(t, t.TempDir(), "CC BY")
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: h5p, Site: site, Module: "shop-photos"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Modules) != 1 || rep.Modules[0].Folder != "content/en/modules/shop-photos" || rep.Modules[0].Lessons != 2 || rep.Files != 1 || len(rep.Notes) != 0 {
		t.Errorf("report %+v", rep)
	}
	contains(t, site, "content/en/modules/shop-photos/02-morning-light.md", "---\ntitle: \"Morning light\"\nweight: 2\nlicence: CC-BY-4.0\nauthors: [\"Ana Pop\"]\n---\n\nTwo chapters.\n\n![The counter at eight](image1-2.png)\n\n:::quiz Morning light\n")
	contains(t, site, "content/en/modules/shop-photos/03-evening-light.md", "weight: 3\n", "Warmer than in the morning.")
	if file(t, site, "content/en/modules/shop-photos/image1.png") != "an older picture of another lesson\n" || file(t, site, "content/en/modules/shop-photos/image1-2.png") != "\x89PNG counter" {
		t.Error("the pictures")
	}
	res := builds(t, site)
	if p := res.Site.PageAt("en/modules/shop-photos/03-evening-light/"); p == nil || p.Kind != "lesson" {
		t.Errorf("not a lesson of the module: %+v", p)
	}
	// reserved rights: said, and no licence written
	rep, err = importer.Cartridge(importer.CartridgeOptions{File: writeH5P(t, t.TempDir(), "C"), Site: site, Module: "shop-photos"})
	if err != nil || len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0].Error(), "its lessons show their module's licence") {
		t.Fatalf("%v %+v", err, rep)
	}
	if got := file(t, site, "content/en/modules/shop-photos/04-morning-light.md"); strings.Contains(got, "licence:") {
		t.Errorf("a reserved lesson got a licence:\n%s", got)
	}
	before, _ := os.ReadDir(filepath.Join(site, "content/en/modules/shop-photos"))
	if _, err := importer.Cartridge(importer.CartridgeOptions{File: h5p, Site: site, Module: "no-such-module"}); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("a module that is not there: %v", err)
	}
	after, _ := os.ReadDir(filepath.Join(site, "content/en/modules/shop-photos"))
	if len(before) != len(after) {
		t.Errorf("a refused import wrote %d files", len(after)-len(before))
	}
}

// A course of one module (a cartridge of two pages, the second linking to
// the first) goes into a module of the site with its link following the
// first page to its new name; a course of two modules is refused and
// writes nothing.
func TestImportCourseIntoAModule(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	page := func(body string) string { return "<html><body>" + body + "</body></html>" }
	manifest := func(folders string) string {
		return `<manifest identifier="c1" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"><organizations><organization><item identifier="root">` + folders +
			`</item></organization></organizations><resources>` +
			`<resource identifier="r1" type="webcontent" href="wiki_content/light.html"><file href="wiki_content/light.html"/></resource>` +
			`<resource identifier="r2" type="webcontent" href="wiki_content/shade.html"><file href="wiki_content/shade.html"/></resource></resources></manifest>`
	}
	one := writeZip(t, filepath.Join(t.TempDir(), "one.imscc"), map[string]string{
		"imsmanifest.xml": manifest(`<item identifier="m1"><title>Week 1</title><item identifier="i1" identifierref="r1"><title>Light</title></item>` +
			`<item identifier="i2" identifierref="r2"><title>Shade</title></item></item>`),
		"wiki_content/light.html": page("<p>Stand by the window.</p>"),
		"wiki_content/shade.html": page(`<p>Go back to <a href="light.html">the light</a>.</p>`),
	})
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: one, Site: site, Module: "shop-photos"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Pages, " ") != "content/en/modules/shop-photos/02-light.md content/en/modules/shop-photos/03-shade.md" {
		t.Fatalf("pages %q", rep.Pages)
	}
	contains(t, site, "content/en/modules/shop-photos/03-shade.md", "Go back to [the light](02-light.md).")
	two := writeZip(t, filepath.Join(t.TempDir(), "two.imscc"), map[string]string{
		"imsmanifest.xml": manifest(`<item identifier="m1"><title>Week 1</title><item identifier="i1" identifierref="r1"><title>Light</title></item></item>` +
			`<item identifier="m2"><title>Week 2</title><item identifier="i2" identifierref="r2"><title>Shade</title></item></item>`),
		"wiki_content/light.html": page("<p>Stand by the window.</p>"),
		"wiki_content/shade.html": page("<p>In the shade.</p>"),
	})
	before, _ := os.ReadDir(filepath.Join(site, "content/en/modules/shop-photos"))
	if _, err := importer.Cartridge(importer.CartridgeOptions{File: two, Site: site, Module: "shop-photos"}); err == nil || !strings.Contains(err.Error(), "holds 2 modules") {
		t.Errorf("a course of two modules: %v", err)
	}
	if after, _ := os.ReadDir(filepath.Join(site, "content/en/modules/shop-photos")); len(after) != len(before) {
		t.Errorf("a refused import wrote %d files", len(after)-len(before))
	}
}

// A video going into a module whose file shares its name (image1.png, a
// picture of another lesson) is renamed with its poster and captions, all
// with one number: they are found by the video's name, and the video kept
// the module's picture as its poster while its own was renamed alone.
func TestVideoIntoAModuleKeepsItsPosterAndCaptions(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	h5p := writeZip(t, filepath.Join(t.TempDir(), "till.h5p"), map[string]string{
		"h5p.json": `{"title":"At the till","mainLibrary":"H5P.Video","license":"CC BY","licenseVersion":"4.0"}`,
		"content/content.json": `{"sources":[{"path":"videos/image1.mp4","mime":"video/mp4"}],"visuals":{"poster":{"path":"images/first.png"}},
			"a11y":{"videoTrack":[{"label":"English","kind":"subtitles","srcLang":"en","track":{"path":"videos/en.vtt"}}]}}`,
		"content/videos/image1.mp4": "mp4",
		"content/images/first.png":  "\x89PNG the till",
		"content/videos/en.vtt":     "WEBVTT\n\n00:00.000 --> 00:02.000\nThe till\n",
	})
	if _, err := importer.Cartridge(importer.CartridgeOptions{File: h5p, Site: site, Module: "shop-photos"}); err != nil {
		t.Fatal(err)
	}
	dir := "content/en/modules/shop-photos/"
	if file(t, site, dir+"image1.png") != "an older picture of another lesson\n" || file(t, site, dir+"image1-2.png") != "\x89PNG the till" || !strings.HasPrefix(file(t, site, dir+"image1-2.vtt"), "WEBVTT") {
		t.Error("the video's poster and captions are not beside it under its new name")
	}
	contains(t, site, dir+"02-at-the-till.md", "(image1-2.mp4)")
	builds(t, site)
	sitetest.Contains(t, site, "en/modules/shop-photos/02-at-the-till/index.html", `image1-2.mp4" poster="../../../../en/modules/shop-photos/image1-2.png"`, `<track kind="captions" src="../../../../en/modules/shop-photos/image1-2.vtt"`)
}

// An H5P imported into the German tree and built as a learner gets it: a
// picture's own licence is its credit line with the deed linked, one
// oersite does not know is said after the import, and each gap of a fill-in
// task is read as "Lücke" (the theme's German word), as a screen reader
// meets it.
func TestImportedH5PCreditsAndGapsOnTheSite(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	h5p := writeZip(t, filepath.Join(t.TempDir(), "stall.h5p"), map[string]string{
		"h5p.json": `{"title":"Am Marktstand","mainLibrary":"H5P.Column","license":"CC BY","licenseVersion":"4.0"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.Image 1.1","metadata":{"title":"Marktstand","license":"CC BY-SA","licenseVersion":"3.0","authors":[{"name":"Ana Pop"}]},"params":{"file":{"path":"images/stall.jpg"},"alt":"Ein Obststand"}}},
			{"content":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/scales.jpg","copyright":{"title":"Waage","license":"C"}},"alt":"Eine alte Waage"}}},
			{"content":{"library":"H5P.Blanks 1.14","params":{"text":"<p>Ergänzen Sie.</p>","questions":["<p>Wir öffnen um *acht* Uhr.</p>"],"showSolutions":"Lösung zeigen"}}}]}`,
		"content/images/stall.jpg":  "\xff\xd8\xff stall",
		"content/images/scales.jpg": "\xff\xd8\xff scales",
	})
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: h5p, Site: site, Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0].Error(), `"Waage" is under a licence oersite does not know (Copyright (all rights reserved))`) {
		t.Errorf("notes %v", rep.Notes)
	}
	contains(t, site, "content/de/modules/am-marktstand/01-am-marktstand.md", "*Marktstand, Ana Pop, [CC BY-SA 3.0](https://creativecommons.org/licenses/by-sa/3.0/)*", "Wir öffnen um _____ Uhr.")
	builds(t, site)
	sitetest.Contains(t, site, "de/modules/am-marktstand/01-am-marktstand/index.html",
		`<a href="https://creativecommons.org/licenses/by-sa/3.0/">CC BY-SA 3.0</a>`,
		`Wir öffnen um <span class="gap"><span aria-hidden="true">_____</span><span class="visually-hidden">Lücke</span></span> Uhr.`)
}

// An H5P Find the Hotspot, Dictation and Virtual Tour imported and built: the solution
// to open, which says so in the page's language when the content gives no
// words of its own, shows the copy of the picture with the right place
// circled, each sentence's sound is a player under its number, and a
// virtual tour's way to another scene is a link to that scene's heading.
func TestImportedH5PHotspotDictationAndTourOnTheSite(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	m := image.NewRGBA(image.Rect(0, 0, 60, 40))
	var pic bytes.Buffer
	if err := png.Encode(&pic, m); err != nil {
		t.Fatal(err)
	}
	h5p := writeZip(t, filepath.Join(t.TempDir(), "floor.h5p"), map[string]string{
		"h5p.json": `{"title":"Sicher im Laden","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.ImageHotspotQuestion 1.8","params":{"imageHotspotQuestion":{
				"backgroundImageSettings":{"backgroundImage":{"path":"images/floor.png"}},
				"hotspotSettings":{"taskDescription":"Wo kann man stolpern?","hotspot":[{"userSettings":{"correct":true,"feedbackText":"Das Kabel."},"computedSettings":{"x":10,"y":10,"width":20,"height":20}}]}}}}},
			{"content":{"library":"H5P.Dictation 1.2","params":{"taskDescription":"Hören und schreiben.","sentences":[{"sample":[{"path":"audios/s.mp3"}],"text":"Wir öffnen um acht."}],"showSolution":"Sätze zeigen"}}},
			{"content":{"library":"H5P.ThreeImage 0.5","params":{"threeImage":{"startSceneId":0,"scenes":[
				{"sceneId":0,"scenename":"Der Eingang","scenesrc":{"path":"images/floor.png"},"interactions":[{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":1}}}]},
				{"sceneId":1,"scenename":"Die Kasse","scenedescription":"<p>Hier wird bezahlt.</p>","interactions":[{"action":{"library":"H5P.GoToScene 0.1","params":{"nextSceneId":0}}}]}]}}}}]}`,
		"content/images/floor.png": pic.String(),
		"content/audios/s.mp3":     "ID3 sound",
	})
	if _, err := importer.Cartridge(importer.CartridgeOptions{File: h5p, Site: site, Lang: "de"}); err != nil {
		t.Fatal(err)
	}
	builds(t, site)
	sitetest.Contains(t, site, "de/modules/sicher-im-laden/01-sicher-im-laden/index.html",
		`<details class="details solution">
<summary>Lösung anzeigen</summary>
<p><img src="../../../../de/modules/sicher-im-laden/floor-solution.png"`,
		`<p>Das Kabel.</p>`,
		`<p><strong>1.</strong></p>
<figure class="figure audio"><audio controls preload="none" src="../../../../de/modules/sicher-im-laden/s.mp3">`,
		`<summary>Sätze zeigen</summary>`,
		`<h2 id="die-kasse">Die Kasse</h2>`, `<a href="#die-kasse">Die Kasse</a>`, `<a href="#der-eingang">Der Eingang</a>`)
	if _, err := os.Stat(filepath.Join(site, "public/de/modules/sicher-im-laden/floor-solution.png")); err != nil {
		t.Error(err)
	}
}

// An Articulate Rise course imported into the German tree builds: its
// section a module, its knowledge check a working check, its picture
// under its own name, its accordion a disclosure.
func TestImportedRiseCourseOnTheSite(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	course := `{"course":{"title":"Kasse","description":"<p>Schnell und freundlich.</p>","lessons":[
		{"title":"Begrüßen","type":"blocks","items":[
			{"type":"text","variant":"heading paragraph","items":[{"heading":"Die ersten Worte","paragraph":"<p>Lächeln Sie.</p>"}]},
			{"type":"image","variant":"hero","items":[{"media":{"image":{"key":"rise/courses/x/Q1-theke.jpg","crushedKey":"Zz_theke.jpg","useCrushedKey":true,"originalUrl":"Theke.jpg","altText":"Eine saubere Theke"}}}]},
			{"type":"interactive","variant":"accordion","items":[{"title":"Warum fragen?","description":"<p>Um zu helfen.</p>"}]},
			{"type":"knowledgeCheck","variant":"multiple choice","items":[{"type":"MULTIPLE_CHOICE","title":"<p>Welche Frage ist offen?</p>","answers":[{"title":"<p>Noch etwas?</p>","correct":false},{"title":"<p>Was darf es sein?</p>","correct":true}],"feedback":"<p>Sie lässt mehr Antworten zu.</p>"}]}]},
		{"title":"Bezahlen","type":"section"},
		{"title":"Bar und Karte","type":"blocks","items":[{"type":"text","variant":"paragraph","items":[{"paragraph":"<p>Zählen Sie laut.</p>"}]}]}]}}`
	pkg := writeZip(t, filepath.Join(t.TempDir(), "kasse.zip"), map[string]string{
		"imsmanifest.xml": `<manifest identifier="r" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations><organization>
<item identifier="i1" identifierref="r1"><title>Kasse</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="scormdriver/indexAPI.html"/></resources></manifest>`,
		"scormcontent/index.html":          `<html><body><div id="app"></div><script>window.courseData = "` + base64.StdEncoding.EncodeToString([]byte(course)) + `";</script></body></html>`,
		"scormcontent/assets/Zz_theke.jpg": "JPEG",
	})
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: pkg, Site: site, Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Modules) != 2 || rep.Modules[0].Folder != "content/de/modules/kasse" || rep.Modules[1].Folder != "content/de/modules/bezahlen" {
		t.Fatalf("modules %+v", rep.Modules)
	}
	contains(t, site, "content/de/modules/kasse/index.md", "title: \"Kasse\"\n", "Schnell und freundlich.")
	contains(t, site, "content/de/modules/kasse/01-begrussen.md", "## Die ersten Worte\n\nLächeln Sie.\n\n![Eine saubere Theke](theke.jpg)")
	builds(t, site)
	sitetest.Contains(t, site, "de/modules/kasse/01-begrussen/index.html",
		`<h2 id="die-ersten-worte">Die ersten Worte</h2>`, `alt="Eine saubere Theke"`,
		`<summary>Warum fragen?</summary>`, `<form class="quiz"`, `Was darf es sein?`, `Sie lässt mehr Antworten zu.`)
	sitetest.Contains(t, site, "de/modules/bezahlen/01-bar-und-karte/index.html", "Zählen Sie laut.")
}

// Without --lang, a course goes into the tree of the language it says it is
// in when the site has one (a Rise course's "de", an H5P file's "de-AT"),
// else into the default language's, with a note.
func TestCourseGoesIntoItsOwnLanguage(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	rise := func(lang, title string) string {
		course := `{"labelSet":{"iso639Code":"` + lang + `"},"course":{"title":"` + title + `","lessons":[{"title":"Eins","type":"blocks","items":[{"type":"text","variant":"paragraph","items":[{"paragraph":"<p>Hallo.</p>"}]}]}]}}`
		return writeZip(t, filepath.Join(t.TempDir(), title+".zip"), map[string]string{
			"scormcontent/index.html": `<script>window.courseData = "` + base64.StdEncoding.EncodeToString([]byte(course)) + `";</script>`,
		})
	}
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: rise("de", "Kasse"), Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Modules[0].Folder != "content/de/modules/kasse" || len(rep.Notes) != 0 {
		t.Errorf("a German course went into %s, notes %q", rep.Modules[0].Folder, rep.Notes)
	}
	h5p := writeZip(t, filepath.Join(t.TempDir(), "at.h5p"), map[string]string{
		"h5p.json":             `{"title":"Wien","mainLibrary":"H5P.AdvancedText","language":"de-AT"}`,
		"content/content.json": `{"text":"<p>Servus.</p>"}`,
	})
	if rep, err = importer.Cartridge(importer.CartridgeOptions{File: h5p, Site: site}); err != nil || rep.Modules[0].Folder != "content/de/modules/wien" {
		t.Errorf("an Austrian H5P: %v, %+v", err, rep)
	}
	rep, err = importer.Cartridge(importer.CartridgeOptions{File: rise("pt-BR", "Caixa"), Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Modules[0].Folder != "content/en/modules/caixa" || len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0].Error(), "The course says it is in pt-BR, which this site has no tree for: its modules went into en") {
		t.Errorf("a Brazilian course went into %s, notes %q", rep.Modules[0].Folder, rep.Notes)
	}
}

// An Adapt course of two languages comes over from the command's path: in
// its default language's tree without --lang, in the tree --lang names
// with it (its other folder read), and the site builds with its lessons
// and knowledge check.
func TestImportedAdaptCourseOnTheSite(t *testing.T) {
	site := sitetest.Write(t, wordSite)
	lang := func(code, title, answer string) map[string]string {
		dir := "course/" + code + "/"
		return map[string]string{
			dir + "course.json":         `{"_id":"course","_type":"course","title":"x","displayTitle":"` + title + `"}`,
			dir + "contentObjects.json": `[{"_id":"p1","_parentId":"course","_type":"page","title":"` + title + `"}]`,
			dir + "articles.json":       `[{"_id":"a1","_parentId":"p1","_type":"article"}]`,
			dir + "blocks.json":         `[{"_id":"b1","_parentId":"a1","_type":"block"}]`,
			dir + "components.json": `[{"_id":"c1","_parentId":"b1","_type":"component","_component":"mcq","body":"<p>?</p>",
				"_items":[{"text":"` + answer + `","_shouldBeSelected":true},{"text":"—","_shouldBeSelected":false}]}]`,
		}
	}
	parts := map[string]string{"course/config.json": `{"_defaultLanguage":"de"}`, "index.html": `<div id="wrapper"></div>`}
	for _, l := range []map[string]string{lang("de", "Kasse", "Lächeln"), lang("en", "Till", "Smile")} {
		for k, v := range l {
			parts[k] = v
		}
	}
	pkg := writeZip(t, filepath.Join(t.TempDir(), "till.zip"), parts)
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: pkg, Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Modules) != 1 || rep.Modules[0].Folder != "content/de/modules/kasse" || len(rep.Left) != 1 || !strings.Contains(rep.Left[0].Error(), "--lang to read one): en") {
		t.Fatalf("without --lang: modules %+v, left %q", rep.Modules, rep.Left)
	}
	if rep, err = importer.Cartridge(importer.CartridgeOptions{File: pkg, Site: site, Lang: "en"}); err != nil || rep.Modules[0].Folder != "content/en/modules/till" {
		t.Fatalf("--lang en: %v, %+v", err, rep)
	}
	contains(t, site, "content/en/modules/till/01-till.md", "- [x] Smile")
	builds(t, site)
	sitetest.Contains(t, site, "en/modules/till/01-till/index.html", `<form class="quiz"`, "Smile")
	sitetest.Contains(t, site, "de/modules/kasse/01-kasse/index.html", "Lächeln")
}
