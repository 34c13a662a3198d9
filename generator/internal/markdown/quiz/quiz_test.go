package quiz_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/oersite/oersite/generator/internal/markdown/quiz"
)

func render(t *testing.T, src string) markdown.Result {
	t.Helper()
	r := markdown.New(markdown.Options{Typographer: true, Kinds: []container.Kind{quiz.Kind()}})
	return r.Render(markdown.Doc{File: "lesson.md", BodyLine: 5, Source: []byte(src),
		Resolve: func(dest string, _ bool) (string, bool) { return "../" + strings.TrimSuffix(dest, ".md") + "/", true }})
}

// TestQuizAsData reads a knowledge check back as data, as an export to a
// learning platform would: questions, answers, which are right, feedback,
// as HTML with links rewritten and as plain text.
func TestQuizAsData(t *testing.T) {
	res := render(t, "Intro.\n\n:::quiz Check *yourself*\nHow soon should you answer a review?\n\n"+
		"- [ ] Within a month\n  > Too late: the customer has moved on.\n- [x] Within a few days\n  > Right: see [the guide](guide.md).\n\n"+
		"Which belong in a reply?\n\n- [x] An apology\n- [X] An offer to talk\n- [ ] Their order history\n:::\n")
	if len(res.Diags) > 0 {
		t.Fatalf("warnings: %v", res.Diags)
	}
	if len(res.Blocks) != 1 || res.Blocks[0].Kind != "quiz" || res.Blocks[0].Line != 7 {
		t.Fatalf("blocks: %+v", res.Blocks)
	}
	q, ok := res.Blocks[0].Data.(*quiz.Quiz)
	if !ok {
		t.Fatalf("data is %T", res.Blocks[0].Data)
	}
	if q.ID != "quiz-1" || q.Title.HTML != "Check <em>yourself</em>" || q.Title.Plain != "Check yourself" || len(q.Questions) != 2 {
		t.Fatalf("quiz: %+v", q)
	}
	q1, q2 := q.Questions[0], q.Questions[1]
	if q1.ID != "quiz-1-q1" || q1.Multiple || q1.Prompt.Plain != "How soon should you answer a review?" || len(q1.Options) != 2 {
		t.Errorf("first question: %+v", q1)
	}
	right := q1.Right()
	if len(right) != 1 || right[0].ID != "quiz-1-q1-a2" || right[0].Label.Plain != "Within a few days" {
		t.Errorf("right answers: %+v", right)
	}
	if fb := right[0].Feedback; fb.HTML != `<p>Right: see <a href="../guide/">the guide</a>.</p>` || fb.Plain != "Right: see the guide." {
		t.Errorf("feedback: %+v", fb)
	}
	if !q2.Multiple || len(q2.Right()) != 2 || q2.Options[2].Correct || q2.Options[0].Feedback != (quiz.Text{}) {
		t.Errorf("second question: %+v", q2)
	}
	if !strings.Contains(res.Text, "How soon should you answer a review?\n") {
		t.Errorf("the question is not a line of the plain text: %q", res.Text)
	}
}

// TestPlainTextIsText: the plain text of a question is text, not HTML:
// curled quotes and entities the author wrote are characters, as a
// learning platform shows a question's title (issue 19's review found
// "bakery&rsquo;s" in the packages' item titles, and "we&rsquo;ll" shown
// as such in the answers a page lists for readers without JavaScript).
func TestPlainTextIsText(t *testing.T) {
	res := render(t, ":::quiz\nYour bakery's sign says \"fresh\" & more &amp; more?\n\n- [x] Yes, we'll\n- [ ] No\n:::\n")
	if bytes.Contains(res.HTML, []byte("&amp;rsquo;")) || !bytes.Contains(res.HTML, []byte("Yes, we’ll</p>")) {
		t.Errorf("an answer's words are escaped twice in the page:\n%s", res.HTML)
	}
	q := res.Blocks[0].Data.(*quiz.Quiz)
	if got, want := q.Questions[0].Prompt.Plain, "Your bakery’s sign says “fresh” & more & more?"; got != want {
		t.Errorf("plain text %q, want %q", got, want)
	}
	// Backslash escapes are markup too: the reader sees the character.
	res = render(t, ":::quiz\nIs 3 \\* 4 \\[twelve\\]?\n\n- [x] Yes, 3 \\* 4 = 12\n- [ ] No\n:::\n")
	q = res.Blocks[0].Data.(*quiz.Quiz)
	if got, want := q.Questions[0].Prompt.Plain, "Is 3 * 4 [twelve]?"; got != want {
		t.Errorf("plain text %q, want %q", got, want)
	}
	if got, want := q.Questions[0].Options[0].Label.Plain, "Yes, 3 * 4 = 12"; got != want {
		t.Errorf("answer %q, want %q", got, want)
	}
}

// TestQuizMistakesNameTheirLine: each mistake of the convention is a
// warning at the line where it is, saying what to do.
func TestQuizMistakesNameTheirLine(t *testing.T) {
	cases := []struct {
		src, want string
		line      int
	}{
		{":::quiz\nWhich?\n\n- [ ] A\n- [ ] B\n:::\n", `question "Which?" has no right answer`, 6},
		{":::quiz\n- [x] A\n- [ ] B\n:::\n", "answers without a question", 6},
		{":::quiz\nWhich?\n\n- [x] A\n> Yes.\n- [ ] B\n:::\n", "feedback outside an answer", 9},
		{":::quiz\nWhich?\n\n- [x] A\n- B\n:::\n", "answer without [ ] or [x]", 9},
		{":::quiz\nJust words.\n:::\n", "knowledge check has no questions", 5},
		{":::quiz\nWhich?\n\n- [x] A\n:::\n", "only one answer", 6},
	}
	for _, c := range cases {
		res := render(t, c.src)
		found := false
		for _, d := range res.Diags {
			if strings.Contains(d.Message, c.want) && d.Line == c.line && d.File == "lesson.md" && d.Hint != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %q at line %d, got %v", c.src, c.want, c.line, res.Diags)
		}
	}
}

// TestVerdictColonInThePagesLanguage: the colon after "Right answer" comes
// from the strings (French puts a no-break space before it); English keeps
// "Right answer:".
func TestVerdictColonInThePagesLanguage(t *testing.T) {
	src := ":::quiz\nWhich?\n\n- [x] A\n- [ ] B\n:::\n"
	en := string(render(t, src).HTML)
	r := markdown.New(markdown.Options{Kinds: []container.Kind{quiz.Kind()}})
	labels := map[string]string{"quiz.right": "Bonne réponse", "quiz.wrong": "Pas la bonne réponse", "punct.colon": "\u00a0: "}
	fr := string(r.Render(markdown.Doc{File: "lesson.md", BodyLine: 5, Source: []byte(src), Lang: "fr",
		Labels: func(k string) string { return labels[k] }}).HTML)
	for _, w := range []struct{ html, want string }{
		{en, "<strong>Right answer:</strong> A"}, {en, "<strong>Not right:</strong> B"},
		{fr, "<strong>Bonne réponse\u00a0:</strong> A"}, {fr, "<strong>Pas la bonne réponse\u00a0:</strong> B"},
	} {
		if !strings.Contains(w.html, w.want) {
			t.Errorf("missing %q in\n%s", w.want, w.html)
		}
	}
}

// A picture just above a question's words, or between them and the
// answers, belongs to that question: it shows inside its fieldset, under
// its words, not loose between two questions; the quiz's data (what an
// export to a learning platform reads) has it as the question's picture.
func TestQuestionPicturesStayWithTheirQuestion(t *testing.T) {
	src := ":::quiz Licences\nWhich licence is this?\n\n![The CC BY badge](by.png)\n\n- [x] Attribution\n- [ ] Copyright\n\n" +
		"![The CC0 badge](zero.png)\n\nAnd this one?\n\n- [x] Public domain\n- [ ] Copyright\n:::\n"
	html := string(render(t, src).HTML)
	questions := strings.Split(html, `<fieldset class="quiz-question"`)
	if len(questions) != 3 {
		t.Fatalf("%d questions:\n%s", len(questions)-1, html)
	}
	for i, want := range []string{`<img src="../by.png/" alt="The CC BY badge"`, `<img src="../zero.png/" alt="The CC0 badge"`} {
		q := questions[i+1]
		legend, pic, options := strings.Index(q, "</legend>"), strings.Index(q, want), strings.Index(q, `<ul class="quiz-options">`)
		if legend < 0 || pic < legend || options < pic {
			t.Errorf("question %d: picture at %d, legend %d, answers %d:\n%s", i+1, pic, legend, options, q)
		}
	}
	if strings.Contains(questions[0], "<img") {
		t.Errorf("a picture before the first question:\n%s", questions[0])
	}
	// as data, the picture is the question's, beside its words
	q := render(t, src).Blocks[0].Data.(*quiz.Quiz)
	for i, want := range []string{`<img src="../by.png/" alt="The CC BY badge"`, `<img src="../zero.png/" alt="The CC0 badge"`} {
		if got := q.Questions[i].Picture.HTML; !strings.HasPrefix(got, want) || strings.Contains(q.Questions[i].Prompt.HTML, "<img") {
			t.Errorf("question %d: picture %q, prompt %q; want the picture %s", i+1, got, q.Questions[i].Prompt.HTML, want)
		}
	}
}

// An answer that is a picture without a description (as courses imported
// from other tools bring them) had no name: a screen reader said "radio
// button", and axe reported each one. It is named by its number, in the
// page's language, as words in its label that every reader sees (an
// aria-label only screen readers said, and a voice user could not know
// to speak it), and where the answers are shown.
func TestWordlessAnswersAreNamedByTheirNumber(t *testing.T) {
	src := ":::quiz\nWhich sign means contactless?\n\n- [ ] ![](lock.png)\n- [x] ![](waves.png)\n- [ ] ![A key](key.png)\n:::\n"
	html := string(render(t, src).HTML)
	if strings.Contains(html, "aria-label=") {
		t.Errorf("a name screen readers say and no one sees:\n%s", html)
	}
	for _, want := range []string{`-a1"><span class="quiz-option-name">Answer 1</span> <img`, `-a2"><span class="quiz-option-name">Answer 2</span> <img`, `-a3"><img`, "<strong>Right answer:</strong> Answer 2</p>", "<strong>Not right:</strong> A key</p>"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
	r := markdown.New(markdown.Options{Kinds: []container.Kind{quiz.Kind()}})
	de := string(r.Render(markdown.Doc{File: "lesson.md", BodyLine: 5, Source: []byte(src), Lang: "de",
		Labels: func(k string) string { return map[string]string{"quiz.option": "Antwort {n}"}[k] }}).HTML)
	if !strings.Contains(de, `<span class="quiz-option-name">Antwort 2</span>`) {
		t.Errorf("not named in German:\n%s", de)
	}
}

// Checks of one title on a page (an imported course's eight "Exercise 1",
// or two without a title) are numbered after it, so that a reader and a
// screen reader's list of the page's forms tell them apart (axe:
// landmark-unique); a check whose title no other has is not.
func TestChecksOfOneTitleAreNumbered(t *testing.T) {
	check := "Paid?\n\n- [x] Yes\n- [ ] No\n:::\n\n"
	src := ":::quiz\n" + check + ":::quiz *Till*\n" + check + ":::quiz\n" + check + ":::quiz Till\n" + check + ":::quiz Cards\n" + check
	html := string(render(t, src).HTML)
	for _, want := range []string{
		`id="quiz-1-title">Check your understanding <span class="quiz-part">(1 of 2)</span></h2>`,
		`id="quiz-2-title"><em>Till</em> <span class="quiz-part">(1 of 2)</span></h2>`,
		`id="quiz-3-title">Check your understanding <span class="quiz-part">(2 of 2)</span></h2>`,
		`id="quiz-4-title">Till <span class="quiz-part">(2 of 2)</span></h2>`,
		`id="quiz-5-title">Cards</h2>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	r := markdown.New(markdown.Options{Kinds: []container.Kind{quiz.Kind()}})
	de := string(r.Render(markdown.Doc{File: "lesson.md", Source: []byte(":::quiz Kasse\n" + check + ":::quiz Kasse\n" + check), Lang: "de",
		Labels: func(k string) string { return map[string]string{"quiz.part": "({n} von {count})"}[k] }}).HTML)
	if !strings.Contains(de, `Kasse <span class="quiz-part">(2 von 2)</span>`) {
		t.Errorf("not numbered in German:\n%s", de)
	}
}
