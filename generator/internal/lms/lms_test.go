package lms_test

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/lms"
	"github.com/oersite/oersite/generator/internal/site"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// moduleSite is a two-language site with one module of two lessons: an
// image, a download, links between lessons and to another page, and a
// knowledge check in each lesson (one single choice, one "choose all"
// with a picture).
const moduleSite = `-- config.toml --
baseURL = "https://example.org/oer/"
title = "Test OER"
properNames = ["Test OER"]
defaultLanguage = "en"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[export]
cartridge = true
scorm = true
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/about.md --
---
title: About
---
About us.
-- content/en/modules/reviews/index.md --
---
title: "Replying to reviews"
summary: "Answer reviews <quickly> & kindly."
duration: 1h30m
licence: CC-BY-SA-4.0
authors: ["Ana Example"]
keywords: [reviews, customers]
lastmod: 2026-10-01
objectives: ["Reply within days"]
attachments:
  - file: checklist.pdf
    title: "Reply checklist"
---
The module's introduction. See [about](../../about.md).
-- content/en/modules/reviews/checklist.pdf --
%PDF-1.4 not really
-- content/en/modules/reviews/shop.png --
PNG not really
-- content/en/modules/reviews/reply.png --
PNG not really either
-- content/en/modules/reviews/01-why.md --
---
title: "Why reviews matter"
weight: 1
duration: 40m
---
![A shop counter](shop.png)

Read [the next lesson](02-how.md#start) and the [checklist](checklist.pdf).

:::quiz Check your understanding
How soon should you answer a review?

- [ ] Within a month
  > Too late: the customer has moved on.
- [x] Within a few days
  > Right: a quick reply shows that someone reads the reviews.
:::
-- content/en/modules/reviews/02-how.md --
---
title: "How to reply"
weight: 2
duration: 50m
---
## Start {#start}

Thank the customer by name -- it's personal. Back to [why](01-why.md).

:::quiz
Which belong in a reply?

![A reply thanking Maria for her review](reply.png)

- [x] Thanks
- [x] The customer's name
- [ ] A discount code
  > Not in public.

Is a short reply fine?

- [x] True
- [ ] False
:::
-- content/it/_index.md --
---
title: Inizio
---
Benvenuti.
-- content/it/modules/reviews/index.md --
---
title: "Rispondere alle recensioni"
summary: "Rispondi presto."
---
Introduzione.
-- content/it/modules/reviews/01-why.md --
---
title: "Perché contano"
weight: 1
---
Testo.
`

// writeSite writes a txtar archive into a new site folder and returns it.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// export packages the site's modules in a format and returns them by name.
func export(t testing.TB, dir, format string, langs ...string) map[string][]byte {
	t.Helper()
	_, files, err := build.Export(context.Background(), build.Options{Source: dir, Now: now}, format, langs, nil)
	if err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
	}
	return out
}

// unzip returns a package's files.
func unzip(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
		if !f.Modified.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s is dated %v, want the module's last change (2026-10-01)", f.Name, f.Modified)
		}
	}
	return out
}

func contains(t *testing.T, name, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
}

func TestCartridge(t *testing.T) {
	dir := writeSite(t, moduleSite)
	// a large picture: the site's page offers smaller copies (srcset); the
	// package's page shows the picture it carries
	var wide bytes.Buffer
	if err := png.Encode(&wide, image.NewGray(image.Rect(0, 0, 2000, 1000))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "modules", "reviews", "shop.png"), wide.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs := export(t, dir, site.ExportCartridge)
	if len(pkgs) != 2 {
		t.Fatalf("got packages %v, want one per language", keys(pkgs))
	}
	data := pkgs["reviews-en.imscc"]
	if err := lms.Check(data); err != nil {
		t.Fatalf("the cartridge breaks the packaging rules:\n%v", err)
	}
	files := unzip(t, data)
	m := files["imsmanifest.xml"]
	contains(t, "manifest", m,
		`<schema>IMS Common Cartridge</schema>`, `<schemaversion>1.1.0</schemaversion>`,
		`<lomimscc:string language="en">Replying to reviews</lomimscc:string>`,
		`<lomimscc:string language="en">Answer reviews &lt;quickly&gt; &amp; kindly.</lomimscc:string>`,
		`<lomimscc:keyword>`, `<lomimscc:duration>PT1H30M</lomimscc:duration>`,
		`https://creativecommons.org/licenses/by-sa/4.0/`,
		`<resource identifier="R_L01" type="webcontent" href="lessons/01-why.html">`,
		`<file href="files/shop.png"/>`,
		`<resource identifier="R_Q01-1" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment">`,
		// the picture of a question: its file carried with the assessment
		"<file href=\"checks/Q02-1.xml\"/>\n   <dependency identifierref=\"R_Q02-1-F\"/>",
		"<resource identifier=\"R_Q02-1-F\" type=\"webcontent\">\n   <file href=\"files/reply.png\"/>",
		`<resource identifier="R_D01" type="webcontent" href="files/checklist.pdf">`)
	// lessons in order, each followed by its checks, then the downloads
	order := []string{`"I_L00"`, `"I_L01"`, `"I_Q01-1"`, `"I_L02"`, `"I_Q02-1"`, `"I_D01"`}
	last := -1
	for _, id := range order {
		i := strings.Index(m, id)
		if i < last {
			t.Errorf("item %s is out of order", id)
		}
		last = i
	}
	lesson := files["lessons/01-why.html"]
	if strings.Contains(lesson, "srcset") || strings.Contains(lesson, "_pictures") {
		t.Errorf("the package's lesson offers the site's copies of a picture:\n%s", lesson)
	}
	contains(t, "lesson 1", lesson, `src="../files/shop.png"`, `href="02-how.html#start"`, `href="../files/checklist.pdf"`,
		`Lesson 1 of 2`, `<style>`, `rel="next" href="02-how.html"`, `<form class="quiz"`)
	// the text as the site shows it: an entity (the typographer's) once,
	// and the words after it whole
	contains(t, "lesson 2", files["lessons/02-how.html"], `Thank the customer by name &ndash; it&rsquo;s personal. Back to <a href="01-why.html">why</a>.`)
	contains(t, "introduction", files["lessons/00-reviews.html"], `href="https://example.org/oer/en/about/"`, `Reply checklist`, `Reply within days`)
	qti := files["checks/Q02-1.xml"]
	contains(t, "QTI", qti, `<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2"`,
		`<fieldentry>cc.multiple_response.v0p1</fieldentry>`, `<fieldentry>cc.multiple_choice.v0p1</fieldentry>`,
		`rcardinality="Multiple"`, `<not>`, `<displayfeedback feedbacktype="Response" linkrefid="Q02-1-1-A3-fb"/>`,
		// the question's words, then its picture, from the assessment's folder
		`&lt;p&gt;Which belong in a reply?&lt;/p&gt;&lt;p&gt;&lt;img src=&#34;$IMS-CC-FILEBASE$../files/reply.png&#34; alt=&#34;A reply thanking Maria for her review&#34;`)
	if lms.Check(pkgs["reviews-it.imscc"]) != nil {
		t.Errorf("the Italian cartridge breaks the rules: %v", lms.Check(pkgs["reviews-it.imscc"]))
	}
}

func TestSCORM(t *testing.T) {
	dir := writeSite(t, moduleSite)
	data := export(t, dir, site.ExportSCORM, "en")["reviews-en-scorm12.zip"]
	if err := lms.Check(data); err != nil {
		t.Fatalf("the SCORM package breaks the packaging rules:\n%v", err)
	}
	files := unzip(t, data)
	contains(t, "manifest", files["imsmanifest.xml"], `<schema>ADL SCORM</schema>`, `<schemaversion>1.2</schemaversion>`,
		`adlcp:scormtype="sco" href="index.html"`, `<imsmd:langstring xml:lang="en">Replying to reviews</imsmd:langstring>`,
		`<file href="lessons/02-how.html"/>`, `<organizations default="ORG">`)
	contains(t, "launcher", files["index.html"], `<iframe name="lesson"`, `"questions":{"1":["quiz-1-q1"],"2":["quiz-1-q1","quiz-1-q2"]}`,
		`cmi.core.lesson_status`)
	contains(t, "lesson", files["lessons/02-how.html"], `data-report="2"`,
		`q.dispatchEvent(new CustomEvent("oersite:answer"`, // the theme's quiz script marks the checks
		`document.addEventListener("oersite:answer"`)       // and the bridge reports them
}

// TestPackageQuizScript packages a module with a quiz script that holds
// "</script>" (it must not end the page's script element) and with none
// (the checks cannot be answered, so the launcher waits only for the
// lessons).
func TestPackageQuizScript(t *testing.T) {
	dir := writeSite(t, moduleSite)
	res, err := build.Build(context.Background(), build.Options{Source: dir, Dest: filepath.Join(t.TempDir(), "public"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var module *site.Page
	for _, p := range res.Site.Pages {
		if p.Kind == site.KindModule && p.Lang == "en" {
			module = p
		}
	}
	if module == nil {
		t.Fatal("no module en/modules/reviews/")
	}
	label := func(_, key string) string { return key }
	pkg := func(script string) map[string]string {
		t.Helper()
		var js []byte
		if script != "" {
			js = []byte(script)
		}
		data, err := lms.New(res.Site, os.DirFS(dir), label, js).Package(module, site.ExportSCORM)
		if err != nil {
			t.Fatal(err)
		}
		if err := lms.Check(data); err != nil {
			t.Fatal(err)
		}
		return unzip(t, data)
	}
	files := pkg("/* ends with </SCRIPT> or </script\t> */")
	contains(t, "lesson", files["lessons/01-why.html"], "/* ends with <\\/SCRIPT> or <\\/script\t> */")
	if strings.Count(files["lessons/01-why.html"], "</script") != 1 {
		t.Errorf("the lesson page's script is cut short:\n%s", files["lessons/01-why.html"])
	}
	contains(t, "launcher", files["index.html"], `"questions":{"1":["quiz-1-q1"]`)
	files = pkg("")
	contains(t, "launcher without a quiz script", files["index.html"], `"questions":{}`)
}

// TestCheckFindsBrokenPackages shows the structural check failing on the
// faults it looks for.
func TestCheckFindsBrokenPackages(t *testing.T) {
	manifest := `<?xml version="1.0"?><manifest identifier="M" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd"><metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>
<lom><general><title><string>T</string></title></general></lom></metadata>
<organizations><organization identifier="O"><item identifier="I"><item identifier="I1" identifierref="R9"><title>x</title></item></item></organization></organizations>
<resources><resource identifier="R1" type="webcontent" href="../up.html"><file href="a.html"/><file href="/abs.html"/></resource>
<resource identifier="R1" type="webcontent" href="a.html"><file href="a.html"/></resource>
<resource identifier="R2" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="q/t.xml"/><dependency identifierref="R3"/></resource>
<resource identifier="R3" type="webcontent"><file href="q/seen.png"/></resource>
<resource identifier="R4" type="webcontent"><file href="unseen.png"/></resource></resources></manifest>`
	qti := `<questestinterop><assessment ident="A"><section ident="S"><item ident="Q"><presentation><material><mattext texttype="text/html">` +
		`&lt;img src="$IMS-CC-FILEBASE$seen.png"&gt; &lt;img src="$IMS-CC-FILEBASE$../unseen.png"&gt; &lt;img src="$IMS-CC-FILEBASE$gone.png"&gt; &lt;img src="plain.png"&gt; &lt;a href="https://example.org/"&gt;web&lt;/a&gt;` +
		`</mattext></material></presentation><resprocessing/></item></section></assessment></questestinterop>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{"imsmanifest.xml": manifest, "a.html": `<img src="missing.png">`, "stray.txt": "x", "../evil": "x",
		"q/t.xml": qti, "q/seen.png": "x", "unseen.png": "x"} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	err := lms.Check(buf.Bytes())
	if err == nil {
		t.Fatal("a broken package passed")
	}
	for _, fine := range []string{`"$IMS-CC-FILEBASE$seen.png"`, "example.org"} {
		if strings.Contains(err.Error(), fine) {
			t.Errorf("the check reported a good address (%s):\n%v", fine, err)
		}
	}
	for _, want := range []string{`identifier "R1" is used more than once`, `points at "R9"`, `href "../up.html" leaves the package`,
		`href "/abs.html" leaves the package`, `stray.txt is in the package but no resource lists it`, `link "missing.png"`, `path "../evil"`,
		`schemaLocation names imscp_rootv1p1p2.xsd`,
		`q/t.xml: link "$IMS-CC-FILEBASE$../unseen.png" names a file that no resource the assessment depends on lists`,
		`q/t.xml: link "$IMS-CC-FILEBASE$gone.png" does not lead to a file in the package`,
		`q/t.xml: link "plain.png" is relative`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the check did not report %s; it said:\n%v", want, err)
		}
	}
}

// TestDeterministic packages the same site twice, in two folders, and
// wants the same bytes.
func TestDeterministic(t *testing.T) {
	for _, format := range []string{site.ExportCartridge, site.ExportSCORM} {
		a := export(t, writeSite(t, moduleSite), format)
		b := export(t, writeSite(t, moduleSite), format)
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("%s differs between two exports of the same site", name)
			}
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestExampleSite packages every module of the example site, in every
// language, both ways, and checks each package.
func TestExampleSite(t *testing.T) {
	if testing.Short() {
		t.Skip("packages the whole example site")
	}
	for _, format := range []string{site.ExportCartridge, site.ExportSCORM} {
		pkgs := export(t, "../../..", format)
		if len(pkgs) < 20 {
			t.Errorf("%s: only %d packages", format, len(pkgs))
		}
		for name, data := range pkgs {
			if err := lms.Check(data); err != nil {
				t.Errorf("%s breaks the packaging rules:\n%v", name, err)
			}
		}
	}
}
