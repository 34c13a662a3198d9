package theme_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
	"github.com/oersite/oersite/generator/internal/build"
)

// quizSite is a module with a lesson ending in a knowledge check (a single
// and a multiple choice), in English and Italian.
var quizSite = map[string]string{
	"config.toml":                               "baseURL = \"https://example.org/\"\ntitle = \"Quiz\"\n[languages.en]\nname = \"English\"\nweight = 1\n[languages.it]\nname = \"Italiano\"\nweight = 2\n",
	"content/en/modules/reviews/index.md":       "---\ntitle: Reviews\n---\nA module.\n",
	"content/en/modules/reviews/01-replying.md": "---\ntitle: Replying\nweight: 1\n---\nA lesson.\n\n" + quizMarkdown,
	"content/en/modules/reviews/02-next.md":     "---\ntitle: Next\nweight: 2\n---\nThe next lesson.\n",
	"content/it/modules/reviews/index.md":       "---\ntitle: Recensioni\n---\nUn modulo.\n",
	"content/it/modules/reviews/01-replying.md": "---\ntitle: Rispondere\nweight: 1\n---\nUna lezione.\n\n:::quiz\nQuando rispondere?\n\n- [ ] Dopo un mese\n  > Troppo tardi.\n- [x] Entro pochi giorni\n  > Giusto.\n:::\n",
}

const quizMarkdown = `:::quiz Check your understanding
How soon should you answer a review?

- [ ] Within a month
  > Too late: the customer has moved on.
- [x] Within a few days
  > Right: a quick reply shows that someone reads the reviews.

Which belong in a reply to a bad review?

- [x] An apology
  > Yes.
- [x] An offer to talk it over
  > Yes: move the conversation offline.
- [ ] The customer's order history
  > Never share a customer's details in public.
:::
`

// buildSite writes files into a temporary site, builds it and serves it.
func buildSite(t *testing.T, files map[string]string) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	dest := filepath.Join(dir, "public")
	res, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if strings.Contains(d.Message, "quiz") || strings.Contains(d.Message, "question") {
			t.Errorf("build: %s", d)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	t.Cleanup(srv.Close)
	return srv
}

// axeViolations runs axe-core (WCAG 2.1 A and AA) on the tab's page.
func axeViolations(t *testing.T, tab context.Context) []string {
	t.Helper()
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
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
	var out []string
	_ = json.Unmarshal([]byte(res), &out)
	return out
}

func click(t *testing.T, tab context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// TestQuizCheckedInThePageAndCountedAsProgress answers a knowledge check
// on a phone-sized screen: the feedback of the chosen answer is announced,
// an empty check asks for a choice and moves the focus to it, all right
// answers mark the lesson done on this device (the same in Italian), and
// axe finds nothing before or after.
func TestQuizCheckedInThePageAndCountedAsProgress(t *testing.T) {
	ctx := browsertest.New(t)
	srv := buildSite(t, quizSite)
	tab := open(t, ctx, srv.URL+"/en/modules/reviews/01-replying/")
	if err := chromedp.Do(tab, chromedp.EmulateViewport(375, 800)); err != nil {
		t.Fatal(err)
	}
	if v := axeViolations(t, tab); len(v) > 0 {
		t.Errorf("axe before answering: %v", v)
	}
	browsertest.WaitFor(t, tab, `!document.querySelector("#quiz-1-q1 .quiz-actions").hidden && document.querySelector("#quiz-1-q1 .quiz-answers").hidden`)

	click(t, tab, "#quiz-1-q1 .quiz-check")
	if got := eval[string](t, tab, `document.querySelector("#quiz-1-q1-feedback").textContent`); got != "Choose an answer first." {
		t.Errorf("empty check says %q", got)
	}
	if id := eval[string](t, tab, `document.activeElement.id`); id != "quiz-1-q1-a1" {
		t.Errorf("after an empty check the focus is on %q, want the first answer", id)
	}

	click(t, tab, "label[for=quiz-1-q1-a1]")
	click(t, tab, "#quiz-1-q1 .quiz-check")
	fb := eval[string](t, tab, `document.querySelector("#quiz-1-q1-feedback").textContent`)
	if !strings.Contains(fb, "Not quite") || !strings.Contains(fb, "Too late: the customer has moved on.") || strings.Contains(fb, "quick reply") {
		t.Errorf("feedback for a wrong answer: %q", fb)
	}
	if live := eval[string](t, tab, `document.querySelector("#quiz-1-q1-feedback").getAttribute("aria-live")`); live != "polite" {
		t.Errorf("feedback is not a live region: %q", live)
	}
	click(t, tab, "label[for=quiz-1-q1-a2]")
	click(t, tab, "#quiz-1-q1 .quiz-check")
	if fb := eval[string](t, tab, `document.querySelector("#quiz-1-q1-feedback").textContent`); !strings.Contains(fb, "Right!") || !strings.Contains(fb, "quick reply") {
		t.Errorf("feedback for the right answer: %q", fb)
	}

	// multiple choice: check boxes, one right answer is only partly right
	if typ := eval[string](t, tab, `document.querySelector("#quiz-1-q2-a1").type`); typ != "checkbox" {
		t.Errorf("a multiple choice has %s inputs", typ)
	}
	click(t, tab, "label[for=quiz-1-q2-a1]")
	click(t, tab, "#quiz-1-q2 .quiz-check")
	if fb := eval[string](t, tab, `document.querySelector("#quiz-1-q2-feedback").textContent`); !strings.Contains(fb, "Partly right") {
		t.Errorf("one of two right answers: %q", fb)
	}
	if done := eval[bool](t, tab, `!!(JSON.parse(localStorage.getItem("oersite-progress")||"{}").l||{})["modules/reviews/01-replying"]`); done {
		t.Error("the lesson counts as done before every answer is right")
	}
	click(t, tab, "label[for=quiz-1-q2-a2]")
	click(t, tab, "#quiz-1-q2 .quiz-check")
	if score := eval[string](t, tab, `document.querySelector("#quiz-1-score").textContent`); !strings.Contains(score, "every answer is right") {
		t.Errorf("score after all right: %q", score)
	}
	if pressed := eval[string](t, tab, `document.querySelector(".mark-done button").getAttribute("aria-pressed")`); pressed != "true" {
		t.Errorf("the lesson's done button says aria-pressed=%s after the check was passed", pressed)
	}
	if v := axeViolations(t, tab); len(v) > 0 {
		t.Errorf("axe after answering: %v", v)
	}

	// the same progress in Italian: keyed by the lesson, not the address
	chromedp.Do(tab, chromedp.Navigate(srv.URL+"/it/modules/reviews/"))
	browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
	if done := eval[int](t, tab, `document.querySelectorAll(".lessons li.done").length`); done != 1 {
		t.Errorf("the Italian module page shows %d lessons done, want 1", done)
	}
	screenshots(t, tab, "quiz")
}

// TestQuizAnswersWithoutJavaScript reads a knowledge check with scripts
// off: no check button, and every question's answers and feedback behind
// its "Show the answer" disclosure.
func TestQuizAnswersWithoutJavaScript(t *testing.T) {
	ctx := browsertest.New(t)
	srv := buildSite(t, quizSite)
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/modules/reviews/01-replying/")); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, tab, `[...document.querySelectorAll(".quiz-check")].filter(b => b.checkVisibility()).length`); n != 0 {
		t.Errorf("%d check buttons show without JavaScript", n)
	}
	for _, q := range []string{"quiz-1-q1", "quiz-1-q2"} {
		if eval[bool](t, tab, `document.querySelector("#`+q+` .quiz-right .quiz-explain").checkVisibility()`) {
			t.Errorf("%s: the answer shows before the disclosure is opened", q)
		}
		click(t, tab, "#"+q+" .quiz-answers summary")
		text := eval[string](t, tab, `[...document.querySelectorAll("#`+q+` .quiz-answer")].filter(a => a.checkVisibility()).map(a => a.textContent).join(" | ")`)
		if !strings.Contains(text, "Right answer:") || !strings.Contains(text, "Not right:") {
			t.Errorf("%s: opened disclosure reads %q", q, text)
		}
	}
}
