package cli

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"oersite": func() {
			os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script: each is a site and
// the commands a user types, with what they should see.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1795392000") // 2026-11-23
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"mkdocx": mkdocx, "mkpptx": mkpptx, "mkmbz": mkmbz},
	})
}

// mkdocx FILE TITLE writes a small Word document: TITLE in the Title
// style, a paragraph linking to the heading after it, and a picture
// without a description.
func mkdocx(ts *testscript.TestScript, _ bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkdocx FILE TITLE")
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	parts := map[string]string{
		"word/styles.xml":              `<w:styles ` + ns + `><w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1"/></w:style></w:styles>`,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="p" Target="media/photo.png"/></Relationships>`,
		"word/media/photo.png":         "\x89PNG\r\n\x1a\n",
		"word/document.xml": `<w:document ` + ns + `><w:body><w:p><w:pPr><w:pStyle w:val="T"/></w:pPr><w:r><w:t>` + args[1] + `</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">A first paragraph, before </w:t></w:r><w:hyperlink w:anchor="_Toc1"><w:r><w:t>the steps</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t>Steps</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>` +
			`<w:p><w:r><w:drawing><a:blip r:embed="p"/></w:drawing></w:r><w:r><w:commentReference w:id="1"/></w:r></w:p></w:body></w:document>`,
	}
	writeZip(ts, args[0], parts)
}

// mkpptx FILE TITLE writes small PowerPoint slides: a title slide, and a
// slide "Light" with two bullets and speaker notes.
func mkpptx(ts *testscript.TestScript, _ bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkpptx FILE TITLE")
	}
	const ns = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	shape := func(ph string, paras ...string) string {
		s := `<p:sp><p:nvSpPr><p:cNvPr id="2" name="S"/><p:cNvSpPr/><p:nvPr><p:ph ` + ph + `/></p:nvPr></p:nvSpPr><p:txBody>`
		for _, p := range paras {
			s += `<a:p><a:r><a:t>` + p + `</a:t></a:r></a:p>`
		}
		return s + `</p:txBody></p:sp>`
	}
	slide := func(shapes ...string) string {
		return `<p:sld ` + ns + `><p:cSld><p:spTree>` + strings.Join(shapes, "") + `</p:spTree></p:cSld></p:sld>`
	}
	parts := map[string]string{
		"_rels/.rels":                      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="` + rel + `officeDocument" Target="ppt/presentation.xml"/></Relationships>`,
		"ppt/presentation.xml":             `<p:presentation ` + ns + `><p:sldIdLst><p:sldId id="256" r:id="a"/><p:sldId id="257" r:id="b"/></p:sldIdLst></p:presentation>`,
		"ppt/_rels/presentation.xml.rels":  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="` + rel + `slide" Target="slides/slide1.xml"/><Relationship Id="b" Type="` + rel + `slide" Target="slides/slide2.xml"/></Relationships>`,
		"ppt/slides/slide1.xml":            slide(shape(`type="ctrTitle"`, args[1]), shape(`type="subTitle"`, "A workshop")),
		"ppt/slides/slide2.xml":            slide(shape(`type="title"`, "Light"), shape(`idx="1"`, "By the window", "No flash")),
		"ppt/slides/_rels/slide2.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="n" Type="` + rel + `notesSlide" Target="../notesSlides/notesSlide2.xml"/></Relationships>`,
		"ppt/notesSlides/notesSlide2.xml":  slide(shape(`type="body" idx="1"`, "Show two photos of the same shelf.")),
	}
	writeZip(ts, args[0], parts)
}

// mkmbz FILE COURSE writes a small Moodle course backup (a gzipped tar):
// a section "Light" with a page showing a picture of its own.
func mkmbz(ts *testscript.TestScript, _ bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkmbz FILE COURSE")
	}
	const sha, shaSound = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "b94a8fe5ccb19ba61c4c0873d391e987982fbbd3"
	const shaVideo, shaCaptions, shaPoster = "c94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "d94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "e94a8fe5ccb19ba61c4c0873d391e987982fbbd3"
	activity := func(id, kind, title string) string {
		return `<activity><moduleid>` + id + `</moduleid><sectionid>1</sectionid><modulename>` + kind + `</modulename><title>` + title + `</title><directory>activities/` + kind + `_` + id + `</directory></activity>`
	}
	files := map[string]string{
		"moodle_backup.xml": `<moodle_backup><information><original_course_fullname>` + args[1] + `</original_course_fullname><contents><activities>` +
			activity("2", "page", "By the window") + activity("3", "lesson", "Taking the photo") + activity("4", "forum", "Questions") + activity("5", "certificate", "Certificate") +
			`</activities><sections><section><sectionid>1</sectionid><title>Light</title><directory>sections/section_1</directory></section></sections></contents></information></moodle_backup>`,
		"sections/section_1/section.xml": `<section id="1"><number>1</number><name>Light</name><summary>&lt;p&gt;Where the light comes from.&lt;/p&gt;</summary><sequence>2,3,4,5</sequence><visible>1</visible></section>`,
		"activities/page_2/page.xml": `<activity id="1" moduleid="2" modulename="page" contextid="21"><page id="1"><name>By the window</name>` +
			`<content>&lt;p&gt;Stand by the window.&lt;/p&gt;&lt;p&gt;&lt;img src="@@PLUGINFILE@@/window.png" alt="A window"&gt;&lt;/p&gt;` +
			`&lt;video controls title="Where to stand" poster="@@PLUGINFILE@@/first%20frame.jpg"&gt;&lt;source src="@@PLUGINFILE@@/stand.mp4"&gt;&lt;track kind="captions" srclang="en" src="@@PLUGINFILE@@/stand-en.vtt"&gt;&lt;/video&gt;</content></page></activity>`,
		"activities/lesson_3/lesson.xml": `<activity id="1" moduleid="3" modulename="lesson" contextid="23"><lesson id="1"><name>Taking the photo</name><custom>0</custom><pages>` +
			`<page id="8"><prevpageid>0</prevpageid><nextpageid>9</nextpageid><qtype>20</qtype><title>Hold still</title>` +
			`<contents>&lt;p&gt;&lt;a href="@@PLUGINFILE@@/steady.mp3"&gt;Listen: hold still&lt;/a&gt;&lt;/p&gt;</contents><answers></answers></page>` +
			`<page id="9"><prevpageid>8</prevpageid><nextpageid>0</nextpageid><qtype>3</qtype><title>Which first?</title><contents>What comes first?</contents><answers>` +
			`<answer id="1"><jumpto>-1</jumpto><score>0</score><answer_text>Clean the lens</answer_text><response>Yes.</response></answer>` +
			`<answer id="2"><jumpto>0</jumpto><score>0</score><answer_text>Zoom in</answer_text><response></response></answer></answers></page></pages></lesson></activity>`,
		"activities/forum_4/forum.xml":             `<activity id="1" moduleid="4" modulename="forum" contextid="24"><forum id="1"><name>Questions</name></forum></activity>`,
		"activities/certificate_5/certificate.xml": `<activity id="1" moduleid="5" modulename="certificate" contextid="25"><certificate id="1"><name>Certificate</name></certificate></activity>`,
		"files.xml": `<files><file id="1"><contenthash>` + sha + `</contenthash><contextid>21</contextid><component>mod_page</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>window.png</filename></file>` +
			`<file id="3"><contenthash>` + shaVideo + `</contenthash><contextid>21</contextid><component>mod_page</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>stand.mp4</filename></file>` +
			`<file id="4"><contenthash>` + shaCaptions + `</contenthash><contextid>21</contextid><component>mod_page</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>stand-en.vtt</filename></file>` +
			`<file id="5"><contenthash>` + shaPoster + `</contenthash><contextid>21</contextid><component>mod_page</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>first frame.jpg</filename></file>` +
			`<file id="2"><contenthash>` + shaSound + `</contenthash><contextid>23</contextid><component>mod_lesson</component><filearea>page_contents</filearea><itemid>8</itemid><filepath>/</filepath><filename>steady.mp3</filename></file></files>`,
		"files/a9/" + sha:         "\x89PNG\r\n\x1a\n",
		"files/b9/" + shaSound:    "ID3 sound",
		"files/c9/" + shaVideo:    "mp4 video",
		"files/e9/" + shaPoster:   "\xff\xd8\xff first frame",
		"files/d9/" + shaCaptions: "WEBVTT\n\n00:00.000 --> 00:03.000\nStand by the window.\n",
	}
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, n := range slices.Sorted(maps.Keys(files)) {
		ts.Check(tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(files[n])), Typeflag: tar.TypeReg}))
		_, err := tw.Write([]byte(files[n]))
		ts.Check(err)
	}
	ts.Check(tw.Close())
	ts.Check(gz.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b.Bytes(), 0o644))
}

// writeZip writes the parts, by name, as the zip file.
func writeZip(ts *testscript.TestScript, file string, parts map[string]string) {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, n := range slices.Sorted(maps.Keys(parts)) {
		w, err := z.Create(n)
		ts.Check(err)
		_, err = w.Write([]byte(parts[n]))
		ts.Check(err)
	}
	ts.Check(z.Close())
	ts.Check(os.WriteFile(ts.MkAbs(file), b.Bytes(), 0o644))
}
