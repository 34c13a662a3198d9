package editor_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/editor"
)

// TestEditInTheBrowser opens a lesson in the editor as an author would:
// changes its title and text, watches the preview follow, adds a picture
// with its alt text, saves, and finds all of it in the file on disk, with
// the front matter's comment kept; axe-core finds nothing on the editor at
// 1280 and 375 px.
func TestEditInTheBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	dir, _, srv := newEditor(t)
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	picture := filepath.Join(t.TempDir(), "Till Receipt.png")
	os.WriteFile(picture, []byte("\x89PNG\r\n\x1a\nfake"), 0o644)
	tab := browsertest.Tab(t, ctx)
	page := srv.URL + editor.Prefix + "?token=t0k3n&page=content/en/modules/reviews/01-why.md"
	do(t, tab, chromedp.Navigate(page))
	browsertest.WaitFor(t, tab, `document.querySelector("#preview p") && document.querySelector("#preview p").textContent === "People read the answers."`)
	axeClean(t, tab, axe, "the editor at 1280 px")
	do(t, tab,
		chromedp.SetValue(chromedp.CSS(`input[name="fm.title"]`), "Why answer every review"),
		chromedp.Click(chromedp.CSS("#body")),
		browsertest.Type("#body", "\n\n## A new section\n"),
	)
	browsertest.WaitFor(t, tab, `!!document.querySelector("#preview h2#a-new-section")`)
	do(t, tab,
		chromedp.SetUploadFiles(chromedp.CSS("#up-file"), []string{picture}),
		browsertest.Type("#up-alt", "A till receipt with a review code"),
		chromedp.Click(chromedp.CSS(".ed-upload button")),
	)
	browsertest.WaitFor(t, tab, `document.getElementById("body").value.includes("![A till receipt with a review code](till-receipt.png)")`)
	browsertest.WaitFor(t, tab, `!!document.querySelector('#preview img[alt="A till receipt with a review code"]')`)
	// the picture is looked for beside the page on the site, not under the editor's address
	if src, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('#preview img[alt="A till receipt with a review code"]').getAttribute("src")`)); err != nil || src != "/en/modules/reviews/till-receipt.png" {
		t.Errorf("the preview's picture is at %q (%v); want /en/modules/reviews/till-receipt.png", src, err)
	}
	do(t, tab, chromedp.Click(chromedp.CSS(".ed-actions button")))
	browsertest.WaitFor(t, tab, `location.search.includes("saved=1") && document.querySelector(".ed-message") !== null`)
	got, _ := os.ReadFile(filepath.Join(dir, "content/en/modules/reviews/01-why.md"))
	for _, want := range []string{"title: Why answer every review\n", "# position in the module\nweight: 1\n", "## A new section", "![A till receipt with a review code](till-receipt.png)"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the saved file lacks %q:\n%s", want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/en/modules/reviews/till-receipt.png")); err != nil {
		t.Error(err)
	}
	do(t, tab, chromedp.EmulateViewport(375, 800), chromedp.Navigate(page))
	browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
	axeClean(t, tab, axe, "the editor at 375 px")
	if w, _ := chromedp.Run(tab, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`)); w > 375 {
		t.Errorf("the editor is %.0f px wide on a 375 px phone: %s", w, eval(t, tab, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 376).slice(0, 6).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join("; ")`))
	}
	do(t, tab, chromedp.Navigate(srv.URL+editor.Prefix+"?token=t0k3n"))
	browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
	axeClean(t, tab, axe, "the list of pages")
}

func do(t *testing.T, tab context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, actions...); err != nil {
		t.Fatal(err)
	}
}

func axeClean(t *testing.T, tab context.Context, axe []byte, what string) {
	t.Helper()
	res, err := chromedp.Run(tab, chromedp.Evaluate[string](string(axe)+`;axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))))`, chromedp.EvalAwaitPromise))
	if err != nil || res != "[]" {
		t.Errorf("axe on %s: %s %v", what, res, err)
	}
}

func eval(t *testing.T, tab context.Context, js string) string {
	t.Helper()
	browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
	v, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCorrectABrokenPageInTheBrowser: a page whose YAML does not parse
// opens as one text box under check's errors; a button beside the error
// selects its line, another puts the corrected line in its place, the
// author saves, and the page opens in the form with its fields. axe-core finds nothing on the correction page
// at 1280 and 375 px, and it fits a 375 px phone.
func TestCorrectABrokenPageInTheBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	dir, _, srv := newEditor(t)
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	os.WriteFile(file, []byte("---\ntitle: Step 1: open the app\nweight: 1\n---\nText.\n"), 0o644)
	tab := browsertest.Tab(t, ctx)
	do(t, tab, chromedp.Navigate(srv.URL+editor.Prefix+"?token=t0k3n&page="+page))
	browsertest.WaitFor(t, tab, `!!document.querySelector(".ed-check li[data-line='2'] button.ed-goto")`)
	axeClean(t, tab, axe, "the correction page at 1280 px")
	do(t, tab, chromedp.Click(chromedp.CSS(".ed-goto")))
	if sel := eval(t, tab, `(function(b){ return document.activeElement === b ? b.value.slice(b.selectionStart, b.selectionEnd) : "(the box has no focus)"; })(document.getElementById("text"))`); sel != "title: Step 1: open the app" {
		t.Errorf("Show line 2 selected %q", sel)
	}
	if said := eval(t, tab, `document.getElementById("text-caret").textContent`); said != "The cursor is on line 2." {
		t.Errorf("under the box: %q", said)
	}
	do(t, tab, chromedp.Click(chromedp.CSS(".ed-apply")))
	if box := eval(t, tab, `document.getElementById("text").value`); box != "---\ntitle: \"Step 1: open the app\"\nweight: 1\n---\nText.\n" {
		t.Errorf("Use the corrected line left the box with %q", box)
	}
	do(t, tab, chromedp.Click(chromedp.CSS(".ed-fix button[type=submit]")))
	browsertest.WaitFor(t, tab, `location.search.includes("saved=1") && !!document.querySelector('input[name="fm.title"]')`)
	if got, _ := os.ReadFile(file); string(got) != "---\ntitle: \"Step 1: open the app\"\nweight: 1\n---\nText.\n" {
		t.Errorf("the corrected file:\n%s", got)
	}
	os.WriteFile(file, []byte("---\ntitle: Step 1: open the app\nweight: 1\n---\nText.\n"), 0o644)
	do(t, tab, chromedp.EmulateViewport(375, 800), chromedp.Navigate(srv.URL+editor.Prefix+"?token=t0k3n&page="+page))
	browsertest.WaitFor(t, tab, `!!document.querySelector(".ed-goto")`)
	axeClean(t, tab, axe, "the correction page at 375 px")
	if w, _ := chromedp.Run(tab, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`)); w > 375 {
		t.Errorf("the correction page is %.0f px wide on a 375 px phone", w)
	}
}

// TestCourseFromTheEditorInTheBrowser: an author sends a SCORM package from
// the editor's list, leaving its language to the course, and lands on the
// module made of it, in the tree of the language the package says it is in.
func TestCourseFromTheEditorInTheBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	dir, _, srv := newEditorOn(t, strings.Replace(site, "[languages.en]\nname = \"English\"\n", "[languages.en]\nname = \"English\"\n[languages.de]\nname = \"Deutsch\"\n", 1))
	var zb bytes.Buffer
	z := zip.NewWriter(&zb)
	for name, text := range map[string]string{
		"imsmanifest.xml": `<manifest identifier="k" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM"><metadata><imsmd:lom><imsmd:general>` +
			`<imsmd:title><imsmd:string>Kasse</imsmd:string></imsmd:title><imsmd:language>de</imsmd:language></imsmd:general></imsmd:lom></metadata>` +
			`<organizations default="o"><organization identifier="o"><item identifier="i" identifierref="r"><title>Begrüßen</title></item></organization></organizations>` +
			`<resources><resource identifier="r" type="webcontent" href="index.html"/></resources></manifest>`,
		"index.html": `<html lang="de"><body><p>Lächeln Sie.</p></body></html>`,
	} {
		w, _ := z.Create(name)
		w.Write([]byte(text))
	}
	z.Close()
	pkg := filepath.Join(t.TempDir(), "Kasse.zip")
	os.WriteFile(pkg, zb.Bytes(), 0o644)
	tab := browsertest.Tab(t, ctx)
	do(t, tab, chromedp.Navigate(srv.URL+editor.Prefix+"?token=t0k3n"))
	browsertest.WaitFor(t, tab, `!!document.querySelector("#course-file")`)
	do(t, tab,
		chromedp.SetUploadFiles(chromedp.CSS("#course-file"), []string{pkg}),
		chromedp.Click(chromedp.CSS(".ed-course button")),
	)
	browsertest.WaitFor(t, tab, `location.search.includes("fromcourse=Kasse.zip")`)
	if got := eval(t, tab, `location.search`); !strings.Contains(got, "page=content%2Fde%2Fmodules%2Fkasse%2Findex.md") {
		t.Errorf("the editor opened %s; want the module in de/", got)
	}
	if got := readFile(t, filepath.Join(dir, "content/de/modules/kasse/01-begrussen.md")); !strings.Contains(got, "Lächeln Sie.") {
		t.Errorf("the lesson: %q", got)
	}
}
