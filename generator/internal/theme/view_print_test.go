package theme

import (
	"html/template"
	"testing"

	"github.com/oersite/oersite/generator/internal/site"
)

// TestPrintLessonKeepsIdsUnique: a lesson's ids, the references to them
// (labels, ARIA, in-page links, SVG url(#...)) and its answer groups get
// the lesson's prefix; disclosures open; tags it does not change keep
// their bytes, and a changed tag its name as written (SVG's camelCase).
func TestPrintLessonKeepsIdsUnique(t *testing.T) {
	l := &site.Page{}
	l.SetBody(template.HTML(`<h2 id="try-it">Try it</h2><p><a href="#try-it">up</a> <a href="https://x.org/#a">out</a></p>`+
		`<form class="quiz" id="quiz-1" aria-labelledby="quiz-1-title"><input type="radio" id="quiz-1-q1-a1" name="quiz-1-q1"><label for="quiz-1-q1-a1">A</label>`+
		`<details class="quiz-answers"><summary>Show</summary>x</details></form><details open><summary>Tutor</summary></details>`+
		`<svg viewBox="0 0 2 2"><linearGradient id="g"></linearGradient><rect fill="url(#g)"/></svg>`), "")
	got := string((&View{}).PrintLesson(l, 2))
	want := `<h2 id="l2-try-it">Try it</h2><p><a href="#l2-try-it">up</a> <a href="https://x.org/#a">out</a></p>` +
		`<form class="quiz" id="l2-quiz-1" aria-labelledby="l2-quiz-1-title"><input type="radio" id="l2-quiz-1-q1-a1" name="l2-quiz-1-q1"><label for="l2-quiz-1-q1-a1">A</label>` +
		`<details class="quiz-answers" open=""><summary>Show</summary>x</details></form><details open><summary>Tutor</summary></details>` +
		`<svg viewBox="0 0 2 2"><linearGradient id="l2-g"></linearGradient><rect fill="url(#l2-g)"/></svg>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
