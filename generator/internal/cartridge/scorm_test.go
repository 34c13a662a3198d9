package cartridge

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const scorm2004NS = `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM"`

// authoringToolPackage is a SCORM 2004 package as eXeLearning (3 and
// later) exports it: a page per item, the first at the root and the others
// in html/, each in the tool's frame (a menu of every page; a header with a
// page counter, the package's title and the page's; boxes, each under its
// own title, with a button to fold it; previous and next buttons; a footer
// with the licence); a page no item lists that one page links to (a
// glossary); a drawing; a page drawn by scripts (as Articulate Rise's are);
// a drawing that runs a script.
func authoringToolPackage() map[string]string {
	page := func(base, title, box, body string) string {
		return `<!DOCTYPE html><html lang="en"><head><meta name="generator" content="eXeLearning v3.0.0"><title>` + title + `</title>` +
			`<script src="` + base + `libs/common.js"> </script></head><body class="exe-export exe-web-site" lang="en">` +
			`<script>document.body.className+=" js"</script><div class="exe-content exe-export pre-js siteNav-hidden">` +
			`<nav id="siteNav"><ul><li> <a href="` + base + `index.html" class="main-node no-ch">Clean hands</a></li><li> <a href="` + base + `html/surfaces.html" class="no-ch">Surfaces</a></li></ul></nav>` +
			`<main id="p1" class="page"><header class="main-header"><p class="page-counter"><span class="page-counter-label">Page </span><strong>1</strong>/<strong>3</strong></p>` +
			`<div class="package-header"><h1 class="package-title">Hygiene at the counter</h1></div><div class="page-header"><h2 class="page-title">` + title + `</h2></div></header>` +
			`<div class="page-content"><article class="box"><header class="box-head"><div class="box-icon exe-icon"><img src="` + base + `theme/icons/book.svg" alt=""></div><h1 class="box-title">` + box + `</h1><button class="box-toggle" title="Toggle content"><span>Toggle content</span></button></header>` +
			`<div class="box-content"><div class="idevice_node text"><div class="exe-text">` + body + `</div></div></div></article></div></main>` +
			`<div class="nav-buttons"><a href="` + base + `html/surfaces.html" title="Next" class="nav-button nav-button-right"><span>Next</span></a></div>` +
			`<footer id="siteFooter"><div id="packageLicense" class="cc cc-by-sa"><p>Licence: <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA</a></p></div></footer></div></body></html>`
	}
	return map[string]string{
		"imsmanifest.xml": `<?xml version="1.0"?><manifest identifier="eXe-1" ` + scorm2004NS + `>
<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion>
<imsmd:lom><imsmd:general><imsmd:title><imsmd:string language="en">Hygiene at the counter</imsmd:string></imsmd:title>
<imsmd:description><imsmd:string language="en">Food safety for a small shop.</imsmd:string></imsmd:description>
<imsmd:keyword><imsmd:string language="en">hygiene</imsmd:string></imsmd:keyword><imsmd:keyword><imsmd:string language="en">food safety</imsmd:string></imsmd:keyword><imsmd:keyword><imsmd:string language="en">Hygiene</imsmd:string></imsmd:keyword></imsmd:general>
<imsmd:lifeCycle><imsmd:contribute><imsmd:role><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>author</imsmd:value></imsmd:role><imsmd:entity>BEGIN:VCARD
VERSION:3.0
FN:Marta Ruiz\, CEPA Zaragoza
END:VCARD</imsmd:entity></imsmd:contribute>
<imsmd:contribute><imsmd:role><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>publisher</imsmd:value></imsmd:role><imsmd:entity>BEGIN:VCARD
FN:Someone else
END:VCARD</imsmd:entity></imsmd:contribute></imsmd:lifeCycle>
<imsmd:educational><imsmd:typicalLearningTime><imsmd:duration>PT1H30M</imsmd:duration></imsmd:typicalLearningTime></imsmd:educational>
<imsmd:rights><imsmd:description><imsmd:string language="en">https://creativecommons.org/licenses/by-sa/4.0/</imsmd:string></imsmd:description></imsmd:rights></imsmd:lom></metadata>
<organizations default="o"><organization identifier="o"><title>Hygiene at the counter</title>
<item identifier="i1" identifierref="r1"><title>Clean hands</title></item>
<item identifier="i2" identifierref="r2"><title>Surfaces</title></item>
<item identifier="i3" identifierref="r3"><title>Interactive recap</title></item>
</organization></organizations>
<resources>
<resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html"><file href="index.html"/><file href="content/resources/hands.svg"/><dependency identifierref="common"/></resource>
<resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="html/surfaces.html"><file href="html/surfaces.html"/><file href="html/glossary.html"/><file href="content/resources/cloth.svg"/></resource>
<resource identifier="r3" type="webcontent" adlcp:scormType="sco" href="recap/index.html"><file href="recap/index.html"/></resource>
<resource identifier="common" type="webcontent" adlcp:scormType="asset"><file href="libs/common.js"/></resource>
</resources></manifest>`,
		"index.html": page("", "Clean hands", "Washing", `<p>Wash for twenty seconds.</p><p><img src="content/resources/hands.svg" alt="Hands under a tap"></p>`),
		"html/surfaces.html": page("../", "Surfaces", "The counter", `<p>Wipe the counter every hour. Words are in the <a href="glossary.html">glossary</a>.</p>`+
			`<p><img src="../content/resources/cloth.svg" alt="A cloth"></p>`),
		"html/glossary.html":          `<html><head><title>Glossary</title></head><body><h1>Glossary</h1><p><strong>Sanitiser</strong>: kills germs.</p></body></html>`,
		"recap/index.html":            `<html><head><title>Recap</title><script src="bundle.js"></script></head><body><div id="app"></div></body></html>`,
		"content/resources/hands.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/></svg>`,
		"content/resources/cloth.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>`,
		"libs/common.js":              `console.log(1)`,
		"theme/icons/book.svg":        `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	}
}

func TestAuthoringToolSCORMPackage(t *testing.T) {
	c := readPackage(t, authoringToolPackage())
	if c.Title != "Hygiene at the counter" || c.Summary != "Food safety for a small shop." || !strings.Contains(c.Rights, "by-sa/4.0") {
		t.Errorf("course %q, %q, %q", c.Title, c.Summary, c.Rights)
	}
	if strings.Join(c.Keywords, "|") != "hygiene|food safety" || strings.Join(c.Authors, "|") != "Marta Ruiz, CEPA Zaragoza" || c.Duration != "1h30m" {
		t.Errorf("keywords %q, authors %q, duration %q: as the metadata says them (a keyword once, only authors)", c.Keywords, c.Authors, c.Duration)
	}
	if len(c.Modules) != 1 {
		t.Fatalf("%d modules", len(c.Modules))
	}
	m := c.Modules[0]
	got := lessonNames(c)
	// the glossary, which no item lists, comes after the page that links
	// to it; the page drawn by scripts is no lesson
	if want := "01-clean-hands=Clean hands|02-surfaces=Surfaces|03-glossary=Glossary"; got != want {
		t.Fatalf("lessons %q, want %q", got, want)
	}
	if md := m.Lessons[0].Markdown; md != "## Washing\n\nWash for twenty seconds.\n\n![Hands under a tap](hands.svg)\n" {
		t.Errorf("first lesson (the header, menu and pagination left out, its own title not again):\n%s", md)
	}
	if md := m.Lessons[1].Markdown; !strings.Contains(md, "Words are in the [glossary](03-glossary.md).") || strings.Contains(md, "cloth") {
		t.Errorf("a link to the page no item lists goes to its lesson; the drawing with a script is left out:\n%s", md)
	}
	if len(m.Files) != 1 || m.Files[0].Name != "hands.svg" {
		t.Errorf("files %+v: the drawing that only draws is taken", m.Files)
	}
	left := strings.Join(leftOut(c.Left), "\n")
	for _, want := range []string{
		"interactive packages (from Storyline, Captivate or another authoring tool), whose scripts a site does not run: Interactive recap",
		"SVG drawings that run scripts or load other files, which a site does not publish: cloth.svg",
	} {
		if !strings.Contains(left, want) {
			t.Errorf("left %q, want %q", left, want)
		}
	}
}

// A package whose one listed page is a frameset: the pages it shows, and
// those they lead to, are the lessons, in the order they lead to them.
func TestFramesetPackageLeadsToItsPages(t *testing.T) {
	c := readPackage(t, map[string]string{
		"imsmanifest.xml": `<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations><organization><title>Till</title>
<item identifier="i" identifierref="r"><title>Till</title></item></organization></organizations>
<resources><resource identifier="r" type="webcontent" href="start.html"/></resources></manifest>`,
		"start.html":       `<html><frameset cols="20%,80%"><frame src="toc.html"><frame src="pages/one.html"></frameset></html>`,
		"toc.html":         `<html><head><title>Contents</title></head><body><a href="pages/one.html" target="c">Opening the till</a> <a href="pages/two.html" target="c">Closing the day</a></body></html>`,
		"pages/one.html":   `<html><head><title>one</title></head><body><h1>Opening the till</h1><p>Count the float.</p><a href="two.html">Next</a> <a href="https://example.org/">elsewhere</a> <a href="../../outside.html">out</a></body></html>`,
		"pages/two.html":   `<html><body><h1>Closing the day</h1><p>Count again. Back to <a href="one.html#float">the start</a>.</p></body></html>`,
		"pages/three.html": `<html><body><h1>Never linked</h1></body></html>`,
	})
	got := lessonNames(c)
	if want := "01-contents=Contents|02-opening-the-till=Opening the till|03-closing-the-day=Closing the day"; got != want {
		t.Fatalf("lessons %q, want %q (the frameset no lesson, a page no link reaches none)", got, want)
	}
	if md := c.Modules[0].Lessons[2].Markdown; md != "Count again. Back to [the start](02-opening-the-till.md).\n" {
		t.Errorf("last lesson:\n%s", md)
	}
}

func TestStaticSVG(t *testing.T) {
	for _, tc := range []struct {
		svg  string
		want bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" fill="#000"/></svg>`, true},
		{`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/><image href="data:image/png;base64,AAAA"/><style>.a{fill:url(#g)}</style></svg>`, true},
		{`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\72l(https://x.example/a.png)}</style></svg>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect filter="url(https://x.example/f.svg#f)"/></svg>`, false},
		{`<?xml-stylesheet href="https://x.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`, false},
		{`<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>`, false},
		{`<html><script>alert(1)</script></html>`, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect`, false},
		{``, false},
	} {
		if got := staticSVG([]byte(tc.svg)); got != tc.want {
			t.Errorf("staticSVG(%s) = %v, want %v", tc.svg, got, tc.want)
		}
	}
}

// A package an authoring tool's player draws (Articulate Storyline's):
// its launch page holds only what the player says when it cannot start,
// which is no lesson; the package is named as one a site cannot show.
func TestPlayerPackageIsNamedNotRead(t *testing.T) {
	c := readPackage(t, map[string]string{
		"imsmanifest.xml": `<manifest identifier="s" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations><organization><title>Five whys</title>
<item identifier="i" identifierref="r"><title>Five whys</title></item></organization></organizations>
<resources><resource identifier="r" type="webcontent" href="index_lms.html"/></resources></manifest>`,
		"index_lms.html":              `<html><head><title>Five whys</title><script>var settings = {};</script></head><body><div id="nosupport"><p>This course cannot be played.</p><a href="https://example.com/cannotplay/">Learn More</a></div></body></html>`,
		"story_content/user.js":       `function x() {}`,
		"story_content/thumbnail.jpg": "jpeg",
	})
	if len(c.Modules) != 0 {
		t.Errorf("modules %+v: the player's message is no lesson", c.Modules[0].Lessons)
	}
	if want := "interactive packages (from Storyline, Captivate or another authoring tool), whose scripts a site does not run: Five whys"; !strings.Contains(strings.Join(leftOut(c.Left), "\n"), want) {
		t.Errorf("left %q, want %q", strings.Join(leftOut(c.Left), "\n"), want)
	}
}

// FuzzSCORM reads a SCORM package whose manifest, a page and a drawing are
// hostile: the reader never fails other than with an error, and never
// loops.
func FuzzSCORM(f *testing.F) {
	parts := authoringToolPackage()
	f.Add(parts["imsmanifest.xml"], parts["html/surfaces.html"], parts["content/resources/hands.svg"])
	f.Add(parts["imsmanifest.xml"], `<form class="quiz"><fieldset class="quiz-question"><legend><span class="quiz-prompt">Q</span></legend><p><img src="hands.svg" alt="x"></p><ul class="quiz-options"><li><input value="1"><label>A</label></li><li><label>B</label></li></ul><details class="quiz-answers"><ul><li class="quiz-answer quiz-right" data-option="1"><div class="quiz-explain">Yes</div></li></ul></details></fieldset></form><a href="index.html">back</a><a href="glossary.html">on</a><frameset><frame src="surfaces.html"></frameset>`, `<svg xmlns="http://www.w3.org/2000/svg"><style>a{}</style></svg>`)
	f.Fuzz(func(t *testing.T, manifest, page, drawing string) {
		parts := authoringToolPackage()
		parts["imsmanifest.xml"], parts["html/surfaces.html"], parts["content/resources/hands.svg"] = manifest, page, drawing
		data := zipOf(t, parts)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}

func TestLearningTimeAndAuthorsInEachLOMForm(t *testing.T) {
	for iso, want := range map[string]string{"PT3H": "3h", "PT1H30M": "1h30m", "PT45M": "45m", "PT0H0M0S": "", "P1DT2H": "26h", "PT90M": "1h30m", "3 hours": "", "": "", "PT20S": ""} {
		if got := lomDuration(iso); got != want {
			t.Errorf("lomDuration(%q) = %q, want %q", iso, got, want)
		}
	}
	for card, want := range map[string]string{
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8:Ana Pop\r\nEND:VCARD": "Ana Pop",
		"BEGIN:VCARD\nVERSION:3.0\nN:Pop;Ana\nEND:VCARD":                      "",
		"Learning2gether partnership":                                         "Learning2gether partnership",
	} {
		if got := vcardName(card); got != want {
			t.Errorf("vcardName(%q) = %q, want %q", card, got, want)
		}
	}
}

// An older package: its page in Windows-1252 (as its <meta> says), its
// launch address with parameters, two organisations of which the second
// is the package's own.
func TestOlderPackageEncodingAndDefaultOrganization(t *testing.T) {
	c := readPackage(t, map[string]string{
		"imsmanifest.xml": `<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations default="mine">
<organization identifier="other"><title>Other</title><item identifier="a" identifierref="ra"><title>Not this way</title></item></organization>
<organization identifier="mine"><title>Café</title><item identifier="b" identifierref="rb"><title>Café prices</title></item></organization></organizations>
<resources><resource identifier="ra" type="webcontent" href="other.html"/><resource identifier="rb" type="webcontent" href="prix.html?lang=fr&amp;x=1"/></resources></manifest>`,
		"other.html": `<html><body><p>Other way.</p></body></html>`,
		"prix.html":  "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>Le caf\xe9 co\xfbte 2 \x80.</p></body></html>",
	})
	var got []string
	for _, m := range c.Modules {
		for _, l := range m.Lessons {
			got = append(got, l.Title+": "+l.Markdown)
		}
	}
	if want := "Café prices: Le café coûte 2 €.\n"; strings.Join(got, "|") != want {
		t.Errorf("lessons %q, want %q", got, want)
	}
}

// A web site zipped (as eXeLearning exports one, no manifest): its
// index.html is the first lesson, and every page it leads to one after it,
// titled as the tool titles its page (else by its <title> without the
// site's own).
func TestWebSiteZip(t *testing.T) {
	parts := authoringToolPackage()
	delete(parts, "imsmanifest.xml")
	site := map[string]string{}
	for name, body := range parts {
		site["hygiene/"+name] = body // the one folder it was zipped in
	}
	site["hygiene/html/glossary.html"] = `<html><head><title>Glossary | Clean hands</title></head><body><p><strong>Sanitiser</strong>: kills germs.</p></body></html>`
	c := readPackage(t, site)
	if c.Title != "Clean hands" || len(c.Modules) != 1 {
		t.Fatalf("course %q, %d modules", c.Title, len(c.Modules))
	}
	if got, want := lessonNames(c), "01-clean-hands=Clean hands|02-surfaces=Surfaces|03-glossary=Glossary"; got != want {
		t.Errorf("lessons %q, want %q", got, want)
	}
	two := zipOf(t, map[string]string{"a/index.html": "x", "b/page.html": "y"})
	if _, err := Read(bytes.NewReader(two), int64(len(two)), Options{}); !errors.Is(err, ErrNotCartridge) {
		t.Errorf("a zip of two folders: %v, want ErrNotCartridge", err)
	}
}

// lessonNames is every module's lessons as "name=title", joined by "|".
func lessonNames(c *Course) string {
	var out []string
	for _, m := range c.Modules {
		for _, l := range m.Lessons {
			out = append(out, l.Name+"="+l.Title)
		}
	}
	return strings.Join(out, "|")
}

// A knowledge check of oersite's own (in a package or site it exported)
// reads back as the Markdown it came from: its title without the number
// its page gave it among checks of the same title, a picture answer
// without the words that name it by its number.
func TestOwnCheckReadsBackWithoutItsNumbers(t *testing.T) {
	form := `<form class="quiz" id="quiz-2" aria-labelledby="quiz-2-title"><h2 class="quiz-title" id="quiz-2-title">Signs <span class="quiz-part">(2 of 2)</span></h2>` +
		`<fieldset class="quiz-question" id="quiz-2-q1"><legend><span class="quiz-prompt">Which sign means contactless?</span></legend>` +
		`<ul class="quiz-options"><li><input type="radio" name="quiz-2-q1" id="quiz-2-q1-a1" value="1"> <label for="quiz-2-q1-a1"><span class="quiz-option-name">Answer 1</span> <img src="lock.png" alt=""></label></li>` +
		`<li><input type="radio" name="quiz-2-q1" id="quiz-2-q1-a2" value="2"> <label for="quiz-2-q1-a2"><span class="quiz-option-name">Answer 2</span> <img src="waves.png" alt=""></label></li></ul>` +
		`<details class="quiz-answers"><summary>Show the answer</summary><ul><li class="quiz-answer quiz-wrong" data-option="1"><p class="quiz-verdict"><strong>Not right:</strong> Answer 1</p></li>` +
		`<li class="quiz-answer quiz-right" data-option="2"><p class="quiz-verdict"><strong>Right answer:</strong> Answer 2</p></li></ul></details></fieldset></form>`
	c := readPackage(t, map[string]string{
		"shop/index.html": `<html><head><title>Paying</title></head><body><h1>Paying</h1><p>Look at the till.</p>` + form + `</body></html>`,
		"shop/lock.png":   "PNG lock", "shop/waves.png": "PNG waves",
	})
	if len(c.Modules) != 1 || len(c.Modules[0].Lessons) != 1 {
		t.Fatalf("%d modules", len(c.Modules))
	}
	md := c.Modules[0].Lessons[0].Markdown
	if !strings.Contains(md, ":::quiz Signs\nWhich sign means contactless?\n\n- [ ] ![](lock.png)\n- [x] ![](waves.png)\n:::") {
		t.Errorf("the check read back:\n%s", md)
	}
}
