package quiz

import (
	"cmp"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// The HTML of a knowledge check, one form per :::quiz block:
//
//	<form class="quiz" id="quiz-1" aria-labelledby="quiz-1-title" data-l-*="strings for the script">
//	<h2 class="quiz-title" id="quiz-1-title">Check your understanding</h2>
//	<fieldset class="quiz-question" id="quiz-1-q1" aria-describedby="quiz-1-q1-hint">
//	<legend><span class="quiz-number">Question 1 of 2</span> How soon…?</legend>
//	<p class="quiz-hint" id="quiz-1-q1-hint">Choose one answer.</p>
//	<ul class="quiz-options">
//	<li><input type="radio" name="quiz-1-q1" id="quiz-1-q1-a1" value="1"> <label for="quiz-1-q1-a1">Within a month</label></li>
//	</ul>
//	<p class="quiz-actions" hidden><button type="button" class="quiz-check">Check my answer</button></p>
//	<div class="quiz-feedback" aria-live="polite"></div>
//	<details class="quiz-answers"><summary>Show the answer</summary>
//	<ul><li class="quiz-answer quiz-wrong" data-option="1"><p class="quiz-verdict"><strong>Not right:</strong> Within a month</p>
//	<div class="quiz-explain"><p>Too late…</p></div></li></ul>
//	</details>
//	</fieldset>
//	<p class="quiz-score" aria-live="polite"></p>
//	</form>
//
// Without scripts the check button stays hidden and the disclosure holds
// everything; the theme's script shows the button, checks the choice and
// puts the chosen answers' feedback in the live region.

func renderForm(w util.BufWriter, src []byte, n *container.Node, entering bool) (ast.WalkStatus, error) {
	id := formID(n)
	if !entering {
		_, _ = w.WriteString(`<p class="quiz-score" id="` + id + `-score" aria-live="polite"></p>` + "\n</form>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<form class="quiz" id="` + id + `" aria-labelledby="` + id + `-title"`)
	for _, k := range scriptLabels {
		_, _ = w.WriteString(` data-l-` + k + `="` + esc(label(n, "quiz."+k)) + `"`)
	}
	_, _ = w.WriteString(">\n")
	if n.Title() == nil {
		_, _ = w.WriteString(`<h2 class="quiz-title" id="` + id + `-title">` + esc(label(n, "quiz.title")) + titlePart(n, src) + "</h2>\n")
	}
	return ast.WalkContinue, nil
}

func renderTitle(w util.BufWriter, src []byte, n *container.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<h2 class="quiz-title" id="` + formID(n) + `-title">`)
	} else {
		_, _ = w.WriteString(titlePart(n, src) + "</h2>\n")
	}
	return ast.WalkContinue, nil
}

// titlePart is what follows a check's title when others on its page have
// the same ("(2 of 8)", see sameTitle): known when the page is rendered,
// not when the check is read, before the checks after it.
func titlePart(n *container.Node, src []byte) string {
	part, parts := sameTitle(pageChecks(n), n, src)
	if parts < 2 {
		return ""
	}
	return ` <span class="quiz-part">` + esc(strings.NewReplacer("{n}", strconv.Itoa(part), "{count}", strconv.Itoa(parts)).Replace(label(n, "quiz.part"))) + "</span>"
}

// formID is the form's id, given by transform.
func formID(n *container.Node) string {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return "quiz"
}

func renderQuestion(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	q := node.(*QuestionNode)
	if !entering {
		_, _ = w.WriteString("</fieldset>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<fieldset class="quiz-question" id="` + q.ID + `" aria-describedby="` + q.ID + `-hint"`)
	if q.Multiple {
		_, _ = w.WriteString(" data-multiple")
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func renderPrompt(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	q, _ := node.Parent().(*QuestionNode)
	if q == nil {
		return ast.WalkContinue, nil
	}
	if entering {
		_, _ = w.WriteString("<legend>")
		if q.Of > 1 {
			num := strings.NewReplacer("{n}", strconv.Itoa(q.Number), "{count}", strconv.Itoa(q.Of)).Replace(label(q.quiz, "quiz.number"))
			_, _ = w.WriteString(`<span class="quiz-number">` + esc(num) + "</span> ")
		}
		_, _ = w.WriteString(`<span class="quiz-prompt">`)
		return ast.WalkContinue, nil
	}
	hint := "quiz.single"
	if q.Multiple {
		hint = "quiz.multiple"
	}
	_, _ = w.WriteString("</span></legend>\n" + `<p class="quiz-hint" id="` + q.ID + `-hint">` + esc(label(q.quiz, hint)) + "</p>\n")
	return ast.WalkContinue, nil
}

func renderOption(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	o := node.(*OptionNode)
	if entering {
		if _, ok := o.PreviousSibling().(*OptionNode); !ok {
			_, _ = w.WriteString("<ul class=\"quiz-options\">\n")
		}
		_, _ = w.WriteString("<li>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</li>\n")
	if _, ok := o.NextSibling().(*OptionNode); !ok {
		q := o.Parent().(*QuestionNode)
		_, _ = w.WriteString("</ul>\n" + `<p class="quiz-actions" hidden><button type="button" class="quiz-check">` + esc(label(q.quiz, "quiz.check")) + "</button></p>\n" +
			`<div class="quiz-feedback" id="` + q.ID + `-feedback" aria-live="polite"></div>` + "\n")
	}
	return ast.WalkContinue, nil
}

func renderLabel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	o, _ := node.Parent().(*OptionNode)
	if o == nil {
		return ast.WalkContinue, nil
	}
	q, _ := o.Parent().(*QuestionNode)
	if q == nil {
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</label>")
		return ast.WalkContinue, nil
	}
	typ := "radio"
	if q.Multiple {
		typ = "checkbox"
	}
	// An answer without words (a picture without a description) is named
	// by its number, in the label, where every reader sees it: the name a
	// screen reader says, a voice user speaks and the feedback gives.
	name := ""
	if o.Wordless {
		name = `<span class="quiz-option-name">` + esc(optionName(q, o.Index)) + "</span> "
	}
	_, _ = w.WriteString(`<input type="` + typ + `" name="` + q.ID + `" id="` + o.ID + `" value="` + strconv.Itoa(o.Index) + `"> <label for="` + o.ID + `">` + name)
	return ast.WalkContinue, nil
}

func renderAnswers(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	q, _ := node.Parent().(*QuestionNode)
	if q == nil {
		return ast.WalkContinue, nil
	}
	if entering {
		_, _ = w.WriteString(`<details class="quiz-answers"><summary>` + esc(label(q.quiz, "quiz.show")) + "</summary>\n<ul>\n")
	} else {
		_, _ = w.WriteString("</ul>\n</details>\n")
	}
	return ast.WalkContinue, nil
}

// optionName is the name of a question's answer number n that has no
// words ("Answer 2").
func optionName(q *QuestionNode, n int) string {
	return strings.ReplaceAll(label(q.quiz, "quiz.option"), "{n}", strconv.Itoa(n))
}

func renderAnswer(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	a := node.(*AnswerNode)
	q, _ := a.Option.Parent().(*QuestionNode)
	if q == nil {
		return ast.WalkContinue, nil
	}
	if !entering {
		if a.HasChildren() {
			_, _ = w.WriteString("</div>")
		}
		_, _ = w.WriteString("</li>\n")
		return ast.WalkContinue, nil
	}
	class, verdict := "quiz-answer quiz-wrong", label(q.quiz, "quiz.wrong")
	if a.Correct {
		class, verdict = "quiz-answer quiz-right", label(q.quiz, "quiz.right")
	}
	_, _ = w.WriteString(`<li class="` + class + `" data-option="` + strconv.Itoa(a.Option.Index) + `"><p class="quiz-verdict"><strong>` + esc(strings.TrimRight(verdict+label(q.quiz, "punct.colon"), " ")) + "</strong> " + esc(cmp.Or(a.Label, optionName(q, a.Option.Index))) + "</p>")
	if a.HasChildren() {
		_, _ = w.WriteString("\n" + `<div class="quiz-explain">`)
	}
	return ast.WalkContinue, nil
}

func esc(s string) string { return html.EscapeString(s) }
