package lms_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/site"
)

// harness is a stand-in for a learning platform: scorm-again's SCORM 1.2
// API as window.API, loaded with what the platform kept from an earlier
// attempt (?resume=JSON), recording every value the package sets, and the
// package's launch page in a frame.
const harness = `<!doctype html><html lang="en"><meta charset="utf-8"><title>LMS</title>
<script src="/scorm12.js"></script>
<script>
window.received = {}; window.calls = [];
window.API = new Scorm12API({ logLevel: 5, autocommit: false });
var resume = new URLSearchParams(location.search).get("resume");
if (resume) { window.API.loadFromJSON(JSON.parse(resume)); }
window.API.on("LMSSetValue.cmi.*", function (el, v) { window.received[el] = v; });
["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (n) { window.API.on(n, function () { window.calls.push(n); }); });
</script>
<iframe id="sco" src="/pkg/index.html" style="width:1000px;height:900px"></iframe>
</html>`

// servePackage unzips a package under /pkg/ beside the harness and scorm-again.
func servePackage(t *testing.T, data []byte, runtime string) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	for name, body := range unzip(t, data) {
		p := filepath.Join(dir, "pkg", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "lms.html"), []byte(harness), 0o644); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/scorm12.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, runtime) })
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// in runs JavaScript against the lesson shown inside the package's frame.
const lessonDoc = `document.getElementById("sco").contentDocument.getElementById("lesson").contentDocument`

// TestSCORMRuntime walks the module in a learning platform's frame: it
// reads each lesson, answers the checks (two of three right), and wants
// the platform to receive "incomplete" then "completed", the score, the
// place and the suspend data; a second launch with what the platform kept
// opens at that place with the answers shown again.
func TestSCORMRuntime(t *testing.T) {
	runtime := browsertest.NodeModule(t, "scorm-again/dist/scorm12.js")
	ctx := browsertest.New(t)
	dir := writeSite(t, moduleSite)
	srv := servePackage(t, export(t, dir, site.ExportSCORM, "en")["reviews-en-scorm12.zip"], runtime)
	tab := browsertest.Tab(t, ctx)
	run := func(js string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Evaluate[any](js)); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}
	got := func(el string) string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](`String(window.received[`+jsString(el)+`] || "")`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/lms.html")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `window.received["cmi.core.lesson_status"] === "incomplete" && window.calls[0] === "LMSInitialize"`)
	browsertest.WaitFor(t, tab, lessonDoc+`.querySelector("h1").textContent === "Replying to reviews"`)

	next := func(title string) {
		t.Helper()
		run(lessonDoc + `.querySelector("a[rel=next]").click()`)
		browsertest.WaitFor(t, tab, lessonDoc+`.querySelector("h1") && `+lessonDoc+`.querySelector("h1").textContent === `+jsString(title))
	}
	answer := func(q string, options ...string) {
		t.Helper()
		for _, o := range options {
			run(lessonDoc + `.getElementById("` + q + `-a` + o + `").checked = true`)
		}
		run(lessonDoc + `.getElementById("` + q + `").querySelector(".quiz-check").click()`)
	}
	next("Why reviews matter")
	browsertest.WaitFor(t, tab, `window.received["cmi.core.lesson_location"] === "lessons/01-why.html"`)
	answer("quiz-1-q1", "2")
	browsertest.WaitFor(t, tab, `window.received["cmi.core.score.raw"] === "33"`)
	if s := got("cmi.core.lesson_status"); s != "incomplete" {
		t.Errorf("after one lesson the status is %q, want incomplete", s)
	}
	next("How to reply")
	answer("quiz-1-q1", "1", "2")
	answer("quiz-1-q2", "2") // wrong: a short reply is fine
	browsertest.WaitFor(t, tab, `window.received["cmi.core.lesson_status"] === "completed"`)
	if s := got("cmi.core.score.raw"); s != "67" {
		t.Errorf("score %q, want 67 (two of three right)", s)
	}
	if s := got("cmi.core.lesson_location"); s != "lessons/02-how.html" {
		t.Errorf("location %q, want lessons/02-how.html", s)
	}
	var state struct {
		S []int             `json:"s"`
		A map[string][2]any `json:"a"`
	}
	suspend := got("cmi.suspend_data")
	if err := json.Unmarshal([]byte(suspend), &state); err != nil {
		t.Fatalf("suspend data %q: %v", suspend, err)
	}
	if len(state.S) != 3 || len(state.A) != 3 || state.A["2:quiz-1-q2"][0] != "2" {
		t.Errorf("suspend data %s, want three pages seen and three answers", suspend)
	}
	status, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("sco").contentDocument.getElementById("status").textContent`))
	if status != "You have finished this module." {
		t.Errorf("the launcher says %q", status)
	}

	// A second launch: the platform hands back what it kept.
	kept, _ := json.Marshal(map[string]any{
		"core":         map[string]any{"lesson_location": got("cmi.core.lesson_location"), "lesson_status": "completed", "entry": "resume"},
		"suspend_data": suspend,
	})
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/lms.html?resume="+url.QueryEscape(string(kept)))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, `window.calls[0] === "LMSInitialize"`)
	browsertest.WaitFor(t, tab, lessonDoc+`.querySelector("h1") && `+lessonDoc+`.querySelector("h1").textContent === "How to reply"`)
	browsertest.WaitFor(t, tab, lessonDoc+`.getElementById("quiz-1-q1-a2").checked && `+lessonDoc+`.querySelector("#quiz-1-q2-feedback .quiz-result.is-wrong") !== null`)
	statusAgain, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("sco").contentDocument.getElementById("status").textContent`))
	if statusAgain != "You have finished this module." {
		t.Errorf("resumed, the launcher says %q", statusAgain)
	}
	if s := got("cmi.core.lesson_status"); s == "incomplete" {
		t.Error("resuming a completed module set it back to incomplete")
	}
}

// TestSCORMWithoutPlatform opens the package from a plain web server, with
// no learning platform around it: the lessons still read and the checks
// still answer.
func TestSCORMWithoutPlatform(t *testing.T) {
	runtime := browsertest.NodeModule(t, "scorm-again/dist/scorm12.js")
	ctx := browsertest.New(t)
	srv := servePackage(t, export(t, writeSite(t, moduleSite), site.ExportSCORM, "en")["reviews-en-scorm12.zip"], runtime)
	tab := browsertest.Tab(t, ctx)
	doc := `document.getElementById("lesson").contentDocument`
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/pkg/index.html")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, doc+`.querySelector("h1") && `+doc+`.querySelector("h1").textContent === "Replying to reviews"`)
	browsertest.WaitFor(t, tab, `document.getElementById("status").textContent === "You have done 0 of 2 lessons."`)
	if _, err := chromedp.Run(tab, chromedp.Evaluate[any](doc+`.querySelector("a[rel=next]").click()`)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, tab, doc+`.querySelector("h1") && `+doc+`.querySelector("h1").textContent === "Why reviews matter"`)
	browsertest.WaitFor(t, tab, `document.getElementById("status").textContent === "You have done 1 of 2 lessons."`)
	chromedp.Run(tab, chromedp.Evaluate[any](doc+`.getElementById("quiz-1-q1-a1").checked = true; `+doc+`.querySelector(".quiz-check").click()`))
	browsertest.WaitFor(t, tab, doc+`.querySelector("#quiz-1-q1-feedback .quiz-result.is-wrong") !== null`)
	if out := os.Getenv("OERSITE_SCREENSHOTS"); out != "" {
		for _, w := range []int64{375, 1280} {
			if err := chromedp.Do(tab, chromedp.EmulateViewport(w, 900)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(out, "scorm-launcher-"+strconv.FormatInt(w, 10)+".png"), png, 0o644)
		}
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return strings.ReplaceAll(string(b), "</", `<\/`)
}

// TestPackagePagesAccessible runs axe-core (WCAG 2.1 A and AA) on the
// SCORM launcher and on a lesson page with a knowledge check, as a
// learner opens them from a package.
func TestPackagePagesAccessible(t *testing.T) {
	runtime := browsertest.NodeModule(t, "scorm-again/dist/scorm12.js")
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	srv := servePackage(t, export(t, writeSite(t, moduleSite), site.ExportSCORM, "en")["reviews-en-scorm12.zip"], runtime)
	tab := browsertest.Tab(t, ctx)
	for _, page := range []string{"/pkg/index.html", "/pkg/lessons/01-why.html", "/pkg/lessons/00-reviews.html"} {
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+page)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatal(err)
		}
		res, err := chromedp.Run(tab, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
			.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + n.failureSummary).join("; "))))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if res != "[]" {
			t.Errorf("%s: axe: %s", page, res)
		}
	}
}
