package build_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPrintableModule builds a module whose two lessons both have a
// knowledge check, a tutor note and a heading of the same name: the
// module's printable page has every lesson in order, each lesson's ids
// (and the labels and links pointing at them) made unique, the answers and
// tutor notes open, and the module page links to it. The Italian module,
// not translated, has its own printable page in Italian words. The page
// is in the offline zip and not in the sitemap or the search index.
func TestPrintableModule(t *testing.T) {
	dir := writeSite(t, baseConfig+"[offline]\nzip = true\nzipName = \"copy.zip\"\n"+strings.TrimPrefix(journeySite, baseConfig)+`
-- content/en/modules/b-second/02-two.md --
---
title: Two
---
## Try it

See [the check](#quiz-1-title).

:::tutor
Ask them first.
:::

:::quiz
Right again?

- [x] Yes
- [ ] No
:::
`)
	buildSite(t, dir)
	page := read(t, dir, "en/modules/b-second/print/index.html")
	one, two := strings.Index(page, `<h2 id="lesson-1-title" class="print-lesson-title">One</h2>`), strings.Index(page, `<h2 id="lesson-2-title" class="print-lesson-title">Two</h2>`)
	if one < 0 || two < one {
		t.Errorf("the lessons are not there in order (%d, %d):\n%s", one, two, page)
	}
	for _, want := range []string{
		`<title>Posts people read: the whole module · Test OER</title>`,
		`<form class="quiz" id="l1-quiz-1" aria-labelledby="l1-quiz-1-title"`, `<form class="quiz" id="l2-quiz-1" aria-labelledby="l2-quiz-1-title"`,
		`id="l2-quiz-1-q1-a1"`, `for="l2-quiz-1-q1-a1"`, `name="l2-quiz-1-q1"`, `href="#l2-quiz-1-title"`, `id="l2-try-it"`,
		`<a href="#lesson-2">Two</a>`, `Lesson 2 of 2`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("printable page lacks %s", want)
		}
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
	for _, d := range regexp.MustCompile(`<details[^>]*>`).FindAllString(page[strings.Index(page, `id="lesson-1"`):], -1) {
		if !strings.Contains(d, "open") {
			t.Errorf("a disclosure in a lesson is closed: %s", d)
		}
	}
	assertContains(t, dir, "en/modules/b-second/index.html", `<a href="../../../en/modules/b-second/print/">Print the whole module</a>`)
	assertContains(t, dir, "it/modules/b-second/print/index.html", `<html lang="it"`, `Stampa questo modulo`, `<h2 id="lesson-1-title" class="print-lesson-title">One</h2>`)
	assertNotContains(t, dir, "sitemap.xml", "/print/", "/certificate/")

	zipped, err := os.ReadFile(filepath.Join(dir, "public", "copy.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/en/modules/b-second/print/index.html") || strings.HasSuffix(f.Name, "/en/paths/business/certificate/index.html") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			found[f.Name] = string(b)
		}
	}
	if len(found) != 2 {
		t.Fatalf("the offline zip has %d of the printable page and the path's certificate", len(found))
	}
	for name, b := range found {
		if !strings.Contains(b, `index.html"`) {
			t.Errorf("%s in the zip is not the offline build", name)
		}
	}
}

// TestCertificatePages builds a module's and a learning path's
// certificate pages: what the certificate names (module, objectives,
// DigComp, time, publisher), the lessons and checks the script asks for,
// the note for readers without JavaScript, and the links from the module
// and path pages (hidden until everything is done).
func TestCertificatePages(t *testing.T) {
	dir := writeSite(t, strings.Replace(journeySite, "title: Posts people read\n", "title: Posts people read\nobjectives: [Write a first line that stops the scroll]\ndigcomp: [\"3.1\", \"2.2\"]\n", 1))
	buildSite(t, dir)
	assertContains(t, dir, "en/modules/b-second/certificate/index.html",
		`<title>Certificate: Posts people read · Test OER</title>`,
		`data-lessons="[&#34;modules/b-second/01-one&#34;]" data-checks="[&#34;modules/b-second/01-one#quiz-1&#34;]"`,
		`<p class="certificate-status" data-certificate-nojs>Your progress is kept in this browser, so the certificate needs JavaScript`,
		`<p class="certificate-module">Posts people read</p>`, `<li>Write a first line that stops the scroll</li>`,
		`<li>2.2 Sharing through digital technologies</li><li>3.1 Developing digital content</li>`,
		`<dd>1 hour 30 minutes</dd>`, `Self-declared:`, `<span class="certificate-url">https://example.org/oer/en/modules/b-second/</span>`)
	assertContains(t, dir, "en/paths/business/certificate/index.html", `has completed the learning path`,
		`<li>Your business page</li><li>Posts people read</li>`,
		`data-lessons="[&#34;modules/a-first/01-start&#34;,&#34;modules/a-first/02-next&#34;,&#34;modules/b-second/01-one&#34;]"`)
	assertContains(t, dir, "en/modules/b-second/index.html", `<p class="certificate-link" data-certificate hidden><a class="button" href="../../../en/modules/b-second/certificate/">Get your certificate`)
	assertContains(t, dir, "en/paths/business/index.html", `<p class="certificate-link" data-certificate hidden><a class="button" href="../../../en/paths/business/certificate/">`)
	if exists(dir, "en/modules/tutoring/certificate/index.html") {
		t.Error("a module without lessons has a certificate page")
	}
}

// TestJourneyPageAddressTaken: a lesson whose address is the one the
// printable page would take keeps it; the build warns and names the file.
func TestJourneyPageAddressTaken(t *testing.T) {
	dir := writeSite(t, journeySite+`
-- content/en/modules/a-first/print.md --
---
title: Printing at home
---
A lesson about printers.
`)
	res := buildSite(t, dir)
	got := res.Diags.Report(true, 0)
	if !strings.Contains(got, "content/en/modules/a-first/print.md: warning: address /en/modules/a-first/print/ is a page of its own: the module's print page is left out") {
		t.Errorf("no warning naming the lesson:\n%s", got)
	}
	assertContains(t, dir, "en/modules/a-first/print/index.html", "A lesson about printers.")
	assertNotContains(t, dir, "en/modules/a-first/index.html", "Print the whole module")
}
